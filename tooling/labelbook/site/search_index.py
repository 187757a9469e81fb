"""The search index of each language as UTF-8 text instead of `\\u` escapes.

Material writes `search/search_index.json` with Python's default `ensure_ascii`, so every
Bengali letter takes six bytes (`\\u0995`) instead of UTF-8's three: the Bengali index was
4.8 times the English one on the benchmark corpus, and a reader on mobile data downloads
it at the first search, in every version of the site. `compact` rewrites the file with
those escapes as the characters themselves; the JSON means the same to any reader (a
fetched JSON response is always decoded as UTF-8). Escapes that must stay are kept: ASCII
(quotes, backslashes, control characters), lone surrogates, and U+2028/U+2029.

The file is rewritten a chunk at a time, so a large index is never held twice in memory.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

#: A backslash escape: a pair of backslashes (kept, and never taken as the start of
#: another escape) or a `\\uXXXX`.
_ESCAPE = re.compile(r"\\(\\|u([0-9a-fA-F]{4}))")
_CHUNK = 1 << 20
#: The longest escape, `\\uXXXX`.
_LONGEST = 6


def _char(match: re.Match[str]) -> str:
    code = match.group(2)
    if code is None:
        return match.group(0)
    point = int(code, 16)
    if point < 0x80 or 0xD800 <= point <= 0xDFFF or point in (0x2028, 0x2029):
        return match.group(0)
    return chr(point)


def _safe_end(text: str) -> int:
    """An end for this chunk that splits no escape: no backslash among the characters just
    before it (an escape is at most six characters long)."""
    end = len(text)
    while end > 0 and "\\" in text[max(0, end - _LONGEST) : end]:
        end = text.rfind("\\", 0, end)
    return end


def compact(path: Path) -> int:
    """Rewrite the JSON file at `path` with its non-ASCII escapes as UTF-8; its new size.
    A missing file is left alone (0)."""
    if not path.is_file():
        return 0
    temporary = path.with_name(path.name + ".compacting")
    try:
        with path.open(encoding="utf-8") as source, temporary.open("w", encoding="utf-8", newline="") as out:
            rest = ""
            while chunk := source.read(_CHUNK):
                text = rest + chunk
                end = _safe_end(text)
                out.write(_ESCAPE.sub(_char, text[:end]))
                rest = text[end:]
            out.write(_ESCAPE.sub(_char, rest))
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
    return path.stat().st_size


def compact_site_index(site_dir: str | Path) -> int:
    """`compact` the search index of the site built into `site_dir` (one language)."""
    return compact(Path(site_dir) / "search" / "search_index.json")
