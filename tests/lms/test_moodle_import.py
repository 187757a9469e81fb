"""Moodle's own importers (question/format/xml and gift, run by PHP through moodle_import.php)
read every item of the hostile repository's quizzes intact, in English and in Bengali: text
with every space and special character, options in order, the key, the feedback and the
rule link, the idnumber; and both formats give Moodle the same question."""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

import pytest
from lxml import etree

from . import hostile

LANGS = ["en", "bn"]
SITE = "https://guides.example.org/1.0/"
#: What a question of either format must have in the bank (question/format.php `defaultquestion`).
SETTINGS = {"defaultmark": 1.0, "penalty": 0.3333333, "single": 1, "shuffleanswers": 1, "answernumbering": "abc", "showstandardinstruction": 0}


def visible(html: str) -> str:
    """The text a learner reads: paragraphs on lines of their own, <br /> as a line break."""
    html = re.sub(r"<br\s*/?>", "\n", html)
    html = re.sub(r"</p>\s*<p>", "\n\n", html)
    return unescape(re.sub(r"<[^>]+>", "", html))


def written_texts(moodle_xml: bytes) -> dict[str, dict[str, str]]:
    """question name -> {questiontext, generalfeedback}: what the file carries, read by lxml."""
    out = {}
    for q in etree.fromstring(moodle_xml).iter("question"):
        out[q.findtext("name/text")] = {k: q.findtext(f"{k}/text") or "" for k in ("questiontext", "generalfeedback")}
    return out


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", ["xml", "gift"])
def test_moodle_reads_every_item_intact(make_quiz, moodle_import, tmp_path: Path, lang: str, kind: str) -> None:
    data = make_quiz("moodle-xml" if kind == "xml" else "gift", lang, "--site-url", SITE)
    items = json.loads(make_quiz("json", lang, "--site-url", SITE))["items"]
    questions = moodle_import(kind, data, tmp_path)
    assert [q["name"] for q in questions] == [i["id"] for i in items]
    written = written_texts(make_quiz("moodle-xml", lang, "--site-url", SITE))
    for q, item in zip(questions, items):
        eid = item["id"]
        example = hostile.example(eid)
        content, rationale = hostile.texts(eid, lang)
        assert q["qtype"] == "multichoice" and q["questiontextformat"] == "1" and q["generalfeedbackformat"] == "1"
        assert q["idnumber"] == (eid if kind == "xml" else "")  # GIFT names the question by its id only
        # Byte for byte what the Moodle XML file carries, whichever format brought it.
        assert q["questiontext"] == written[eid]["questiontext"]
        assert q["generalfeedback"] == written[eid]["generalfeedback"]
        shown = visible(q["questiontext"])
        for line in content.splitlines():
            assert line.strip() in shown, (eid, line)
        options = [o["id"] for o in item["options"]]
        assert options == ["remove", "age-restrict", "warning-screen", "allow"]
        assert [unescape(a["answer"]["text"]) for a in q["answers"]] == [hostile.title(o, lang) for o in options]
        assert [a["fraction"] for a in q["answers"]] == [1.0 if o == example["label"] else 0.0 for o in options]
        assert all(a["answer"]["format"] == "1" and a["feedback"]["format"] == "1" for a in q["answers"])
        correct = {"en": "Correct.", "bn": "সঠিক।"}[lang]
        assert [visible(a["feedback"]["text"]) == correct for a in q["answers"]] == [o == example["label"] for o in options]
        assert f'href="{hostile.rule_url(eid, lang, SITE)}"' in q["generalfeedback"]
        if kind == "xml":
            assert {"labelbook", f"rule:{hostile.rule_of(eid)}", f"area:{hostile.area_of(eid)}", f"lang:{lang}"} <= set(q["tags"])
        if eid == hostile.HOSTILE_EXAMPLE:
            feedback = q["generalfeedback"]
            assert '<a href="https://example.org/' in feedback and "javascript" not in feedback
            words = visible(feedback)
            assert ("]]> end" in words and "<i>raw</i>" in words) if lang == "en" else hostile.BN_WORDS in words


@pytest.mark.parametrize("lang", LANGS)
def test_gift_and_moodle_xml_give_moodle_the_same_question(make_quiz, moodle_import, tmp_path: Path, lang: str) -> None:
    from_xml = moodle_import("xml", make_quiz("moodle-xml", lang), tmp_path)
    from_gift = moodle_import("gift", make_quiz("gift", lang), tmp_path)
    assert len(from_xml) == len(from_gift) == len(hostile.QUIZZABLE)
    for x, g in zip(from_xml, from_gift):
        assert {k: x[k] for k in SETTINGS} == {k: g[k] for k in SETTINGS} == SETTINGS
        # Everything a learner sees and Moodle grades is the same; only the id number and tags are XML's extra.
        same = {k: v for k, v in x.items() if k not in ("idnumber", "tags")}
        assert same == {k: v for k, v in g.items() if k not in ("idnumber", "tags")}


def test_bengali_keeps_every_space_in_moodle(make_quiz, moodle_import, tmp_path: Path) -> None:
    questions = {q["name"]: q for q in moodle_import("xml", make_quiz("moodle-xml", "bn"), tmp_path)}
    q = questions[hostile.HOSTILE_EXAMPLE]
    # The modality line: a space between a closing tag and a Bengali word is where escaped markup lost it.
    assert q["questiontext"].startswith("<p><strong>মাধ্যম:</strong> ")
    assert hostile.BN_WORDS in q["questiontext"]
    assert [a["answer"]["text"] for a in q["answers"]][1] == hostile.title("age-restrict", "bn")
    assert "সরিয়ে দিন &lt;এখনই&gt; &amp; &quot;সবসময়&quot;" == q["answers"][0]["answer"]["text"]


@pytest.mark.parametrize("lang", LANGS)
def test_moodle_summaries_are_what_score_matches(make_quiz, moodle_import, tmp_path: Path, lang: str) -> None:
    """The Responses report shows Moodle's question summary; each names exactly one item of the quiz."""
    from labelbook.score import load_quiz
    from labelbook.score.match import Matcher

    path = tmp_path / "quiz.json"
    path.write_bytes(make_quiz("json", lang))
    matcher = Matcher(load_quiz(path))
    for q in moodle_import("xml", make_quiz("moodle-xml", lang), tmp_path):
        assert matcher.by_question(q["questionsummary"]) == [q["name"]]
        for answer, summary in zip(q["answers"], q["answersummaries"]):
            assert matcher.answer(q["name"], summary) is not None, summary
