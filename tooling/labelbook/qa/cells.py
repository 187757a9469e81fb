"""A table cell as text in one language, shared by the text, Markdown and HTML renderings."""

from __future__ import annotations

import datetime as dt
import unicodedata
from typing import Any

from labelbook.qa.sections import Code, Link
from labelbook.qa.strings import Words

NUMERIC = frozenset({"int", "pct", "points", "q", "sec"})


def text(value: Any, kind: str, w: Words) -> str:
    if value is None:
        return "–"
    if isinstance(value, (Link, Code)):
        return value.text
    if kind == "int":
        return w.n(value)
    if kind == "pct":
        return w.pct(value)
    if kind == "points":
        return w.points(value, 2)
    if kind == "q":
        return w.q(value)
    if kind == "sec":
        return w.seconds(value)
    if isinstance(value, dt.date):
        return w.day(value)
    return str(value)


def width(s: str) -> int:
    """Columns `s` takes on a terminal: combining marks (Bengali vowel signs among them) and
    joiners take none."""
    return sum(0 if unicodedata.category(c) in ("Mn", "Me", "Cf") else 1 for c in s)
