"""Per-file work (decode, parse, validate), memoised by path and content for the process.

`labelbook changelog` loads two releases, `build` the working tree and the newest
release, `build --versions` every release: trees that hold mostly the very same files.
Decoding, parsing and validating a file depend only on its path and its content, so the
loader asks for them here: an unchanged file is parsed once per process however many
trees contain it, and a changed file (a new key) can never get a stale result. The model
is built anew from these results for every tree, and nothing downstream modifies a
`Located`, so sharing them is safe.
"""

from __future__ import annotations

import re
from typing import Callable, Generic, Hashable, TypeVar

from . import schema
from .problems import Pos, Problem, error
from .sources import decode
from .yamlio import Located, parse_yaml

T = TypeVar("T")


class Memo(Generic[T]):
    """`get(key, compute)`: compute's result, computed once per key.

    Bounded: past `limit` entries it starts afresh, so a long `mkdocs serve` session
    that sees many versions of its files does not grow without end.
    """

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._values: dict[Hashable, T] = {}

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        try:
            return self._values[key]
        except KeyError:
            pass
        value = compute()
        if len(self._values) >= self.limit:
            self._values.clear()
        self._values[key] = value
        return value


_DECODED: Memo[tuple[str | None, list[Problem]]] = Memo(limit=50_000)
_PARSED: Memo[tuple[Located | None, list[Problem]]] = Memo(limit=50_000)


def decoded(data: bytes, path: str) -> tuple[str | None, list[Problem]]:
    """`sources.decode`, memoised. The caller must not modify the list of problems."""
    return _DECODED.get((path, data), lambda: decode(data, path))


def parsed(kind: str, text: str, path: str, line_offset: int = 0) -> tuple[Located | None, list[Problem]]:
    """`parse`, memoised. The caller must not modify the result."""
    return _PARSED.get((kind, path, line_offset, text), lambda: parse(kind, text, path, line_offset))


def parse(kind: str, text: str, path: str, line_offset: int = 0) -> tuple[Located | None, list[Problem]]:
    """Parse and validate one YAML document of `kind`: (its data, or None when unusable; its problems)."""
    # Every text here comes from `decode`, which NFC-normalised it.
    located, problems = parse_yaml(text, path, line_offset, nfc=True)
    if located is None:
        return None, problems
    _fingerprints_as_text(located)
    if located.data is None:
        return None, problems + [error(Pos(path, 1 + line_offset, 1), "schema-type", "the file is empty; expected a mapping of keys to values")]
    # A value with a forbidden tag was dropped: "must be text, not empty" would say it twice.
    tagged = {p.pos for p in problems if p.code == "yaml-tag"}
    return located, problems + [p for p in schema.validate(kind, located) if p.pos not in tagged]


def _fingerprints_as_text(located: Located) -> None:
    """`source: 012345678901` is a fingerprint that YAML reads as a number: take it as written."""
    for jpath, raw in located.raw.items():
        if jpath and jpath[-1] == "source" and re.fullmatch(r"[0-9a-f]{12}", raw):
            parent = located.data
            for p in jpath[:-1]:
                parent = parent[p]
            parent["source"] = raw
