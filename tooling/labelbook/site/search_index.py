"""Each language's search index, written by labelbook as UTF-8 text, one entry at a time.

Material's search plugin writes `search/search_index.json` as one `json.dumps` of the whole
index with `\\u` escapes for every non-ASCII character: six bytes a Bengali letter instead
of UTF-8's three, so the Bengali index was 4.8 times the English one on the benchmark
corpus (a reader on mobile data downloads it at the first search, in every version of the
site), and the whole index is held twice in memory at the end of the build (the text and
its bytes: 160 MB at 2,000 rules).

labelbook writes the index in Material's stead. `take` (before the search plugin's
`on_post_build`) takes the entries out of Material's index, so that Material writes the
index's head with no documents; `write` (after it) writes the same JSON document with the
entries put back, one `json.dumps` per entry, with the characters themselves, and gives the
entries back to Material's index (the live preview keeps updating them). The JSON means the
same to any reader (a fetched JSON response is always decoded as UTF-8). Escapes that must
stay are kept: lone surrogates (UTF-8 cannot carry them) and U+2028/U+2029.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

#: Characters written as escapes even in UTF-8 JSON. Outside strings JSON is ASCII, so
#: these are always within a string, where an escape means the character itself.
_KEEP_ESCAPED = re.compile("[\ud800-\udfff\u2028\u2029]")
_DOCS = "docs"


@dataclass
class Taken:
    """The entries taken from a search plugin's index until `write` gives them back."""

    index: Any  # Material's SearchIndex
    entries: list[Any]


def take(plugins: Mapping[str, Any]) -> Taken | None:
    """Take the entries of the search plugin that will write an index in this build, if any.

    Left alone: a disabled search plugin (it writes nothing), and `mkdocs serve --dirty`,
    where Material merges the previous build's entries into the index it writes.
    """
    for plugin in plugins.values():
        index = getattr(plugin, "search_index", None)
        entries = getattr(index, "entries", None)
        if not isinstance(entries, list) or not callable(getattr(index, "generate_search_index", None)):
            continue
        if getattr(plugin, "is_dirty", False) or not plugin.config.get("enabled", True):
            return None
        index.entries = []
        return Taken(index, entries)
    return None


def write(site_dir: str | Path, taken: Taken | None) -> None:
    """Write the index of the site in `site_dir` with the `taken` entries, as UTF-8, and
    give them back. Nothing is written where the search plugin wrote no index."""
    if taken is None:
        return
    try:
        path = Path(site_dir) / "search" / "search_index.json"
        if not path.is_file():
            return
        head = json.loads(path.read_bytes())
        if not isinstance(head, dict) or head.get(_DOCS) != []:
            return  # not the document this module knows: Material's file stays as it is
        temporary = path.with_name(path.name + ".writing")
        try:
            with temporary.open("w", encoding="utf-8", newline="") as out:
                _write_document(out, head, taken.entries)
            os.replace(temporary, path)
        finally:
            temporary.unlink(missing_ok=True)
    finally:
        taken.index.entries = taken.entries


def _write_document(out: Any, head: dict[str, Any], entries: list[Any]) -> None:
    out.write("{")
    for n, (key, value) in enumerate(head.items()):
        out.write(("," if n else "") + dumps(key) + ":")
        if key != _DOCS:
            out.write(dumps(value))
            continue
        out.write("[")
        for i, entry in enumerate(entries):
            out.write(("," if i else "") + dumps(entry))
        out.write("]")
    out.write("}")


def dumps(value: Any) -> str:
    """`value` as compact JSON (Material's separators) with non-ASCII characters as they
    are, except those of `_KEEP_ESCAPED`."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)
    if _KEEP_ESCAPED.search(text):
        text = _KEEP_ESCAPED.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    return text
