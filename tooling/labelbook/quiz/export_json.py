"""The canonical quiz: what every other format is made from and what `labelbook score` reads.

`json.dumps` escapes whatever a text holds, so no text from a pull request can change the
file's structure. A lone surrogate (which no UTF-8 file can hold) becomes U+FFFD, so that
writing the file cannot fail half-way.
"""

from __future__ import annotations

import json
import re

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def render(quiz: dict) -> bytes:
    # ensure_ascii=False keeps Bengali readable in the file; key order is the build's, fixed.
    text = json.dumps(quiz, ensure_ascii=False, indent=2) + "\n"
    return _LONE_SURROGATE.sub("\ufffd", text).encode("utf-8")
