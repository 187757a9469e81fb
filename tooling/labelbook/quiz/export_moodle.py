"""Moodle XML: `<quiz>` of `<question type="multichoice">`, one correct answer at fraction 100.

Every `<text>` is a CDATA section, as Moodle's own exporter writes HTML
(question/format/xml/format.php, `writetext` and `xml_escape`): Moodle's importer keeps
a text's character data only in chunks that are not white space alone (lib/xmlize.php,
`characterdata`), and the XML parser cuts escaped markup into such chunks at every
entity, so `&lt;/strong&gt; ভিডিও` came back as `</strong>ভিডিও`. A CDATA section reaches
it whole. A `]]>` inside a text is split over two sections, as Moodle does.

The question carries the example id as its name and as its `<idnumber>`, so a question of
the Moodle bank traces back to its example (Moodle drops an idnumber that is already used
in the category it imports into: import a new round into a new category). Version,
fingerprint, rule and area travel as tags.

Grading and shuffling are those a GIFT import of the same quiz gets (export_gift.py), so
the two formats put the same question into the bank: Moodle's defaults for a new question,
written out: mark 1, penalty 0.3333333 (used only by the "interactive with multiple tries"
and "adaptive" behaviours), answers that may be shuffled (the quiz's "Shuffle within
questions" decides; set it to No to keep the taxonomy's order), numbering abc, and no
standard "Select one:" instruction (the question ends with its own prompt).

Characters that XML 1.0 cannot carry become U+FFFD (`xmltext.xml_safe`), so no text from a
pull request makes the file ill-formed; CR becomes LF, since an XML parser turns every CR
into LF anyway, inside CDATA too, and what Moodle reads must be what was written.
"""

from __future__ import annotations

from html import escape

from labelbook.quiz import text
from labelbook.quiz.xmltext import clean_quiz, xml_safe

#: What a GIFT import gives every question (question/format.php `defaultquestion`, and the
#: multichoice defaults of a new Moodle site), written out so that both formats agree.
SETTINGS = (
    ("defaultgrade", "1"),
    ("penalty", "0.3333333"),
    ("hidden", "0"),
    ("single", "true"),
    ("shuffleanswers", "true"),
    ("answernumbering", "abc"),
    ("showstandardinstruction", "0"),
)


def cdata(value: str) -> str:
    """`value` as CDATA sections: read back, character for character (CR as LF)."""
    value = xml_safe(value).replace("\r\n", "\n").replace("\r", "\n")
    if not value:
        return ""
    return "<![CDATA[" + value.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def _text(tag: str, value: str, indent: str, fmt: str | None = "html") -> list[str]:
    attrs = f' format="{fmt}"' if fmt else ""
    return [f"{indent}<{tag}{attrs}>", f"{indent}  <text>{cdata(value)}</text>", f"{indent}</{tag}>"]


def _plain(value: str) -> str:
    """Element text that Moodle reads without trimming surprises: escaped, never CDATA-worthy."""
    return escape(xml_safe(value), quote=False)


def _question(item: dict, lang: str) -> list[str]:
    ind = "    "
    out = ['  <question type="multichoice">']
    out += _text("name", item["id"], ind, fmt=None)
    out += _text("questiontext", text.question_html(item, lang), ind)
    out += _text("generalfeedback", text.general_feedback_html(item, lang), ind)
    out += [f"{ind}<{tag}>{value}</{tag}>" for tag, value in SETTINGS]
    out.append(f"{ind}<idnumber>{_plain(item['id'])}</idnumber>")
    # Each answer carries its own verdict; Moodle would show the combined feedback beside it.
    for tag in ("correctfeedback", "partiallycorrectfeedback", "incorrectfeedback"):
        out += _text(tag, "", ind)
    for opt in item["options"]:
        fraction = "100" if opt["id"] == item["key"] else "0"
        out.append(f'{ind}<answer fraction="{fraction}" format="html">')
        out.append(f"{ind}  <text>{cdata(text.esc(opt['text']))}</text>")
        out += _text("feedback", text.verdict_html(item, lang, opt["id"]), ind + "  ")
        out.append(f"{ind}</answer>")
    out.append(f"{ind}<tags>")
    for tag in ("labelbook", f"rule:{item['rule']}", f"area:{item['area']}", f"difficulty:{item['difficulty']}",
                f"version:{item['version']}", f"fingerprint:{item['fingerprint']}", f"lang:{lang}"):
        out.append(f"{ind}  <tag><text>{cdata(tag)}</text></tag>")
    out.append(f"{ind}</tags>")
    out.append("  </question>")
    return out


def render(quiz: dict) -> bytes:
    quiz = clean_quiz(quiz)
    g = quiz["guideline"]
    note = text.comment(f" labelbook quiz: {g['id']} version {g['version']}, language {quiz['lang']}, seed {quiz['settings']['seed']} ")
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', "<quiz>", f"  <!--{note}-->"]
    for item in quiz["items"]:
        lines += _question(item, quiz["lang"])
    lines.append("</quiz>")
    return ("\n".join(lines) + "\n").encode("utf-8")
