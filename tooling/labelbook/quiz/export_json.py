"""The canonical quiz: what every other format is made from and what `labelbook score` reads."""

from __future__ import annotations

import json


def render(quiz: dict) -> bytes:
    # ensure_ascii=False keeps Bengali readable in the file; key order is the build's, fixed.
    return (json.dumps(quiz, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
