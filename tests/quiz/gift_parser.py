"""A strict reader of the GIFT subset labelbook writes, following Moodle's importer.

Moodle (question/format/gift/format.php) splits questions at blank lines, drops lines
starting with `//`, reads `::name::`, an optional `[format]`, the question text up to
`{`, answers `=right` / `~wrong` each with `#feedback`, general feedback after `####`,
and un-escapes `\\: \\# \\= \\{ \\} \\~ \\n \\\\`. This reader is stricter than Moodle: a
special character that is not escaped where it is not syntax, or an unknown escape,
is an error, so an escaping bug cannot slip through.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

ESCAPES = {"\\": "\\", ":": ":", "#": "#", "=": "=", "{": "{", "}": "}", "~": "~", "n": "\n"}


class GiftError(ValueError):
    pass


@dataclass
class Answer:
    correct: bool
    text: str
    feedback: str


@dataclass
class Question:
    name: str
    format: str
    text: str
    answers: list[Answer] = field(default_factory=list)
    general_feedback: str = ""


def unescape(raw: str) -> str:
    out, i = [], 0
    while i < len(raw):
        c = raw[i]
        if c == "\\":
            if i + 1 >= len(raw) or raw[i + 1] not in ESCAPES:
                raise GiftError(f"unknown escape {raw[i:i + 2]!r} in {raw!r}")
            out.append(ESCAPES[raw[i + 1]])
            i += 2
            continue
        if c in "~=#{}:":
            raise GiftError(f"unescaped {c!r} in text {raw!r}")
        out.append(c)
        i += 1
    return "".join(out)


def _find_unescaped(s: str, target: str, start: int = 0) -> int:
    i = start
    while i < len(s):
        if s[i] == "\\":
            i += 2
            continue
        if s.startswith(target, i):
            return i
        i += 1
    return -1


def _answer_tokens(section: str) -> list[str]:
    """Split the answer section at unescaped markers: '=', '~', '#', '####'."""
    tokens, buf, i = [], [], 0
    while i < len(section):
        c = section[i]
        if c == "\\":
            buf.append(section[i:i + 2])
            i += 2
        elif section.startswith("####", i):
            tokens += ["".join(buf), "####"]
            buf, i = [], i + 4
        elif c in "=~#":
            tokens += ["".join(buf), c]
            buf, i = [], i + 1
        else:
            buf.append(c)
            i += 1
    tokens.append("".join(buf))
    return tokens


def _format(text: str) -> tuple[str, str]:
    m = re.match(r"\[(html|moodle|plain|markdown)\]", text)
    return (m.group(1), text[m.end():]) if m else ("moodle", text)


def parse_question(block: str) -> Question:
    if not block.startswith("::"):
        raise GiftError(f"question without a name: {block[:60]!r}")
    end = _find_unescaped(block, "::", 2)
    if end < 0:
        raise GiftError("unclosed question name")
    name = unescape(block[2:end])
    rest = block[end + 2:]
    fmt, rest = _format(rest)
    open_ = _find_unescaped(rest, "{")
    close = _find_unescaped(rest, "}")
    if open_ < 0 or close < 0 or close < open_:
        raise GiftError(f"{name}: no answer section")
    if rest[close + 1:].strip():
        raise GiftError(f"{name}: text after the answers (missing-word format is not expected)")
    question = Question(name, fmt, unescape(rest[:open_]))
    tokens = _answer_tokens(rest[open_ + 1:close])
    if tokens[0].strip():
        raise GiftError(f"{name}: text before the first answer: {tokens[0]!r}")
    i = 1
    while i < len(tokens):
        marker = tokens[i]
        value = tokens[i + 1] if i + 1 < len(tokens) else ""
        if marker == "####":
            gf_format, gf = _format(value.strip())
            question.general_feedback = unescape(gf)
            i += 2
            if i < len(tokens):
                raise GiftError(f"{name}: something after the general feedback")
            break
        if marker not in "=~":
            raise GiftError(f"{name}: '{marker}' where an answer should start")
        feedback = ""
        if i + 2 < len(tokens) and tokens[i + 2] == "#":
            feedback = unescape(tokens[i + 3].strip())
            i += 4
        else:
            i += 2
        question.answers.append(Answer(marker == "=", unescape(value.strip()), feedback))
    return question


def parse(text: str) -> list[Question]:
    questions = []
    for block in re.split(r"\n[ \t]*\n", text):
        lines = [line for line in block.split("\n") if not line.strip().startswith("//")]
        body = "\n".join(lines).strip()
        if body:
            questions.append(parse_question(body))
    return questions


def html_text(fragment: str) -> str:
    """Visible text of the small HTML labelbook writes: paragraphs -> blank lines, <br /> -> newline."""
    fragment = re.sub(r"<br\s*/?>", "\n", fragment)
    fragment = re.sub(r"</p>\s*<p>", "\n\n", fragment)
    return html.unescape(re.sub(r"<[^>]+>", "", fragment)).strip()
