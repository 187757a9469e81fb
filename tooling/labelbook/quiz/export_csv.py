"""The quiz as a spreadsheet: one row per item, one pair of columns per option.

Written as UTF-8 with a byte-order mark, because that is how Excel recognises UTF-8
(without it, Bengali opens as mojibake); LibreOffice and Google Sheets accept it too.

Every cell is text from a pull request (titles, content, rationale, option titles, ids,
URLs), and a spreadsheet runs a cell that looks like a formula: `=HYPERLINK(...)` leaks
data when clicked, `=cmd|' /C calc'!A0` asks to start a program (DDE), `@SUM(...)`,
`+1` and `-2+3` are formulas too. So, as OWASP's CSV injection guidance recommends,
a cell is prefixed with a single quote `'` when it starts with `=`, `+`, `-`, `@`, a tab,
a carriage return or a line feed, or when one of the four signs (or, to be safe, its
full-width form `＝ ＋ － ＠`) comes after leading white space, which some importers trim.
A spreadsheet then reads the cell as text (Excel takes the quote as its text marker and
hides it); other readers (the csv module, pandas) see the quote, which is the price of
safety: a harmless text such as "- a list" or "-5 points" is quoted as well, since no
rule can tell it from a formula. The check applies to every column, the header included.

A NUL or another control character (other than tab and line breaks, which CSV quotes)
would cut the cell short in some readers: it becomes U+FFFD, visibly.
"""

from __future__ import annotations

import csv
import io
import re

_HEAD = ["id", "rule", "area", "version", "fingerprint", "lang", "modality", "difficulty", "sensitive", "question"]
_TAIL = ["key", "key_text", "rationale", "rule_title", "rule_url"]

#: What a spreadsheet reads as the start of a formula, possibly after white space.
_FORMULA = re.compile(r"^\s*[=+\-@\uff1d\uff0b\uff0d\uff20]")
#: A cell starting with one of these is read as a formula (or re-parsed) by some importers.
_FORMULA_START = ("\t", "\r", "\n")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def neutralise(cell: str) -> str:
    """`cell` as a spreadsheet will show it as text, never run it (see the module docstring)."""
    cell = _CONTROL.sub("\ufffd", cell)
    if _FORMULA.match(cell) or cell.startswith(_FORMULA_START):
        return "'" + cell
    return cell


def _row(cells: list[str]) -> list[str]:
    return [neutralise(c) for c in cells]


def render(quiz: dict) -> bytes:
    width = max(len(item["options"]) for item in quiz["items"])
    header = _HEAD + [f"option_{i}{part}" for i in range(1, width + 1) for part in ("_id", "_text")] + _TAIL
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(_row(header))
    for item in quiz["items"]:
        options = []
        for i in range(width):
            opt = item["options"][i] if i < len(item["options"]) else {"id": "", "text": ""}
            options += [opt["id"], opt["text"]]
        key_text = next(o["text"] for o in item["options"] if o["id"] == item["key"])
        fb = item["feedback"]
        writer.writerow(_row(
            [item["id"], item["rule"], item["area"], item["version"], item["fingerprint"], quiz["lang"],
             item["modality"], item["difficulty"], "yes" if item["sensitive"] else "no", item["question"]]
            + options
            + [item["key"], key_text, fb["rationale"], fb["rule_title"], fb["rule_url"]]
        ))
    return buf.getvalue().encode("utf-8-sig")
