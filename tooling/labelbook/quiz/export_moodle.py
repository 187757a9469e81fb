"""Moodle XML: `<quiz>` of `<question type="multichoice">`, one correct answer at fraction 100.

Options keep the taxonomy's order (`shuffleanswers` false): labelers meet the decisions in
that order in their tools. The question name is the example id, so results exported from
Moodle map back to the guidelines; version and fingerprint travel as tags.

Characters that XML 1.0 cannot carry become U+FFFD (`xmltext.clean_quiz` and `scrub`,
shared by both XML exporters), so no text from a pull request makes the file ill-formed.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from labelbook.quiz import text
from labelbook.quiz.xmltext import clean_quiz, scrub


def _text(parent: ET.Element, tag: str, value: str, fmt: str | None = "html") -> ET.Element:
    el = ET.SubElement(parent, tag, {"format": fmt} if fmt else {})
    ET.SubElement(el, "text").text = value
    return el


def _question(item: dict, lang: str) -> ET.Element:
    q = ET.Element("question", {"type": "multichoice"})
    _text(q, "name", item["id"], fmt=None)
    _text(q, "questiontext", text.question_html(item, lang))
    _text(q, "generalfeedback", text.general_feedback_html(item, lang))
    for tag, value in (("defaultgrade", "1"), ("penalty", "0"), ("hidden", "0"), ("single", "true"),
                       ("shuffleanswers", "false"), ("answernumbering", "abc")):
        ET.SubElement(q, tag).text = value
    key_option = item["key"]
    # Each answer carries its own verdict; Moodle would show the combined feedback beside it.
    for tag in ("correctfeedback", "partiallycorrectfeedback", "incorrectfeedback"):
        _text(q, tag, "")
    for opt in item["options"]:
        answer = ET.SubElement(q, "answer", {"fraction": "100" if opt["id"] == key_option else "0", "format": "html"})
        ET.SubElement(answer, "text").text = text.esc(opt["text"])
        _text(answer, "feedback", text.verdict_html(item, lang, opt["id"]))
    tags = ET.SubElement(q, "tags")
    for tag in ("labelbook", f"rule:{item['rule']}", f"area:{item['area']}", f"difficulty:{item['difficulty']}",
                f"version:{item['version']}", f"fingerprint:{item['fingerprint']}", f"lang:{lang}"):
        ET.SubElement(ET.SubElement(tags, "tag"), "text").text = tag
    return q


def render(quiz: dict) -> bytes:
    quiz = clean_quiz(quiz)
    root = ET.Element("quiz")
    g = quiz["guideline"]
    root.append(ET.Comment(text.comment(f" labelbook quiz: {g['id']} version {g['version']}, language {quiz['lang']}, seed {quiz['settings']['seed']} ")))
    for item in quiz["items"]:
        root.append(_question(item, quiz["lang"]))
    scrub(root)
    ET.indent(root, space="  ")
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="utf-8", xml_declaration=False) + b"\n"
