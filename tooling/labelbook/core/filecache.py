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

from typing import Callable, Generic, Hashable, TypeVar

from labelbook.core import schema
from labelbook.core.collector import give_back
from labelbook.core.model import forget_fingerprints
from labelbook.core.layout import split_front_matter
from labelbook.core.problems import Pos, Problem, error
from labelbook.core.sources import decode, forget_blobs
from labelbook.core.yamlio import Located, parse_yaml

T = TypeVar("T")


class Memo(Generic[T]):
    """`get(key, compute)`: compute's result, computed once per key.

    Bounded: past `limit` entries it starts afresh, so a long `mkdocs serve` session
    that sees many versions of its files does not grow without end.
    """

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._values: dict[Hashable, T] = {}

    def __contains__(self, key: Hashable) -> bool:
        return key in self._values

    def clear(self) -> None:
        self._values.clear()

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
_READ: Memo[tuple[Located | None, str, list[Problem]]] = Memo(limit=50_000)


def forget() -> None:
    """Drop every memoised result, and the git blobs they were read from.

    For a process that will load no other tree (`labelbook build` once it has the working
    tree and the release it compares with): the memos hold each file's bytes and text,
    which its model no longer needs, and a forked process would carry them too. The memory
    they held is handed back to the system (`collector.give_back`).
    """
    _DECODED.clear()
    _READ.clear()
    forget_blobs()
    forget_fingerprints()
    give_back()


def decoded(data: bytes, path: str) -> tuple[str | None, list[Problem]]:
    """`sources.decode`, memoised. The caller must not modify the list of problems."""
    return _DECODED.get((path, data), lambda: decode(data, path))


def read_yaml(kind: str, path: str, data: bytes) -> tuple[Located | None, list[Problem]]:
    """A YAML file of `kind`: (its data, or None when unusable; its problems).
    Memoised; the caller must not modify the result."""
    located, _, problems = _READ.get(("yaml", kind, path, data), lambda: _read(kind, path, data, markdown=False))
    return located, problems


def read_markdown(kind: str, path: str, data: bytes) -> tuple[Located | None, str, list[Problem]]:
    """A Markdown file whose front matter is of `kind`: (front matter, body, problems)."""
    return _READ.get(("md", kind, path, data), lambda: _read(kind, path, data, markdown=True))


def _read(kind: str, path: str, data: bytes, *, markdown: bool) -> tuple[Located | None, str, list[Problem]]:
    yaml_text, offset, body, problems = _yaml_of(path, data, markdown)
    if yaml_text is None:
        return None, body, problems
    located, parse_problems = parse(kind, yaml_text, path, offset)
    return located, body, problems + parse_problems


def _yaml_of(path: str, data: bytes, markdown: bool) -> tuple[str | None, int, str, list[Problem]]:
    """The file's YAML (None when it has none to read), its first line's offset, the
    Markdown body, and the problems met on the way."""
    text, problems = decoded(data, path)
    if text is None or not markdown:
        return text, 0, "", problems
    fm, body, split_problems = split_front_matter(text, path)
    return fm, 1, body, problems + split_problems


def parse(kind: str, text: str, path: str, line_offset: int = 0) -> tuple[Located | None, list[Problem]]:
    """Parse and validate one YAML document of `kind`: (its data, or None when unusable; its problems)."""
    # Every text here comes from `decode`, which NFC-normalised it.
    located, problems = parse_yaml(text, path, line_offset, nfc=True)
    if located is None:
        return None, problems
    if located.data is None:
        return None, problems + [error(Pos(path, 1 + line_offset, 1), "schema-type", "the file is empty; expected a mapping of keys to values")]
    # A value with a forbidden tag was dropped: "must be text, not empty" would say it twice.
    tagged = {p.pos for p in problems if p.code == "yaml-tag"}
    return located, problems + [p for p in schema.validate(kind, located) if p.pos not in tagged]
