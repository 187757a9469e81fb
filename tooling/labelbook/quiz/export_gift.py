r"""Moodle GIFT: a text file of questions, one block per item, blank lines between blocks.

Escaping follows Moodle's own exporter (question/format/gift/format.php, `repchar`):
`\ # = ~ { } :` get a backslash, a line break becomes `\n`. Every text is HTML (`[html]`)
made from escaped plain text, so whatever an example quotes stays text in Moodle. The
whole question sits on one line: a blank line inside it would split the question, and a
line starting with `//` would be taken for a comment.
"""

from __future__ import annotations

from labelbook.quiz import text

_RESERVED = {"\\": "\\\\", "#": "\\#", "=": "\\=", "~": "\\~", "{": "\\{", "}": "\\}", ":": "\\:", "\n": "\\n", "\r": ""}


def escape(s: str) -> str:
    return "".join(_RESERVED.get(ch, ch) for ch in s)


def _html(fragment: str) -> str:
    # Moodle reads a leading `[word]` as a text format: an option titled "[x]..." must not start with '['.
    return escape(fragment.replace("[", "&#91;", 1) if fragment.startswith("[") else fragment)


def render(quiz: dict) -> bytes:
    lang = quiz["lang"]
    g = quiz["guideline"]
    out = [
        f"// labelbook quiz: {g['title']} ({g['id']}), version {g['version']}, language {lang}, "
        f"{len(quiz['items'])} items, seed {quiz['settings']['seed']}",
        "// Import: Moodle > Question bank > Import > GIFT format (UTF-8).",
        "",
    ]
    for item in quiz["items"]:
        out.append(f"::{escape(item['id'])}::[html]{escape(text.question_html(item, lang))}{{")
        for opt in item["options"]:
            mark = "=" if opt["id"] == item["key"] else "~"
            out.append(f"\t{mark}{_html(text.esc(opt['text']))}#{escape(text.verdict_html(item, lang, opt['id']))}")
        out.append(f"\t####[html]{escape(text.general_feedback_html(item, lang))}")
        out.append("}")
        out.append("")
    return "\n".join(out).encode("utf-8")
