r"""Moodle GIFT: a text file of questions, one block per item, blank lines between blocks.

Escaping follows Moodle's own exporter (question/format/gift/format.php, `repchar`):
`\ # = ~ { } :` get a backslash, a line break becomes `\n`. Every text is HTML (`[html]`)
made from escaped plain text, so whatever an example quotes stays text in Moodle. The
whole question sits on one line: a blank line inside it would split the question, and a
line starting with `//` would be taken for a comment.

GIFT cannot state grading or shuffling, so Moodle gives each question its defaults
(question/format.php `defaultquestion`): mark 1, penalty 0.3333333, answers that may be
shuffled, numbering abc, no "Select one:" instruction. Moodle XML (export_moodle.py) writes
exactly these, so both formats put the same question into the bank; the quiz's own
settings (docs/trainers-guide.md) decide the rest. The question name is the example id.

Every field is text from a pull request, so none of it may reach the file's structure:
- a line break (LF, and NEL, U+2028 or U+2029, which other readers take for one) becomes
  the `\n` escape inside a field, and CR is dropped, as Moodle's `repchar` does; in the
  header comments each becomes a space. So no field can open a line of its own: not a
  blank line that ends the question, not a `//` comment, not a `::name::` or
  `$CATEGORY:` that starts another;
- other control characters (VT and FF too), lone surrogates and U+FFFE/U+FFFF become
  U+FFFD, as in the XML exports (`xmltext.clean_quiz`);
- an answer's text cannot start with what Moodle reads before it: `[` (a text format such
  as `[plain]`) or `%` (a grade, `%100%` would make a wrong answer right); that first
  character is written as an HTML character reference, which shows the same.
"""

from __future__ import annotations

import re

from labelbook.quiz import text
from labelbook.quiz.xmltext import clean_quiz

_RESERVED = {"\\": "\\\\", "#": "\\#", "=": "\\=", "~": "\\~", "{": "\\{", "}": "\\}", ":": "\\:", "\n": "\\n", "\r": ""}
#: Line breaks besides LF and CR: PHP splits only at LF, other readers also at these.
_BREAK = re.compile("[\x0b\x0c\x85\u2028\u2029]")
_ANY_BREAK = re.compile("[\r\n\x0b\x0c\x85\u2028\u2029]")
_UNSAFE = re.compile("[\x00-\x08\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
#: What Moodle reads at the start of an answer (after trimming) as syntax rather than text.
_ANSWER_SYNTAX = re.compile(r"^\s*([\[%])")


def escape(s: str) -> str:
    """A field's text, escaped so that it stays inside its field on one line."""
    s = _UNSAFE.sub("\ufffd", _BREAK.sub("\n", s))
    return "".join(_RESERVED.get(ch, ch) for ch in s)


def comment(s: str) -> str:
    """Text for a `//` comment line: one line, whatever `s` holds."""
    return _UNSAFE.sub("\ufffd", _ANY_BREAK.sub(" ", s))


def _answer(fragment: str) -> str:
    """An answer's HTML, escaped; a leading `[` or `%` written as a character reference."""
    fragment = fragment.strip()
    fragment = _ANSWER_SYNTAX.sub(lambda m: f"&#{ord(m.group(1))};", fragment, count=1)
    return escape(fragment)


def render(quiz: dict) -> bytes:
    quiz = clean_quiz(quiz)
    lang = quiz["lang"]
    g = quiz["guideline"]
    out = [
        comment(f"// labelbook quiz: {g['title']} ({g['id']}), version {g['version']}, language {lang}, "
                f"{len(quiz['items'])} items, seed {quiz['settings']['seed']}"),
        "// Import: Moodle > Question bank > Import > GIFT format (UTF-8).",
        "",
    ]
    for item in quiz["items"]:
        out.append(f"::{escape(item['id'])}::[html]{escape(text.question_html(item, lang))}{{")
        for opt in item["options"]:
            mark = "=" if opt["id"] == item["key"] else "~"
            # A blank title would leave Moodle an answer without text: the decision id stands in.
            answer = _answer(text.esc(opt["text"])) or escape(opt["id"])
            out.append(f"\t{mark}{answer}#{escape(text.verdict_html(item, lang, opt['id']))}")
        out.append(f"\t####[html]{escape(text.general_feedback_html(item, lang))}")
        out.append("}")
        out.append("")
    return "\n".join(out).encode("utf-8")
