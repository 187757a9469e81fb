"""Safe YAML loading that remembers where every key and value came from.

PyYAML's composer gives nodes with marks; we build plain Python data from them
ourselves, so that:
- only the YAML core types are accepted (a `!!python/...` or custom tag is an error),
- a duplicate key is an error instead of the last value silently winning,
- an alias bomb (a few lines that expand to billions of nodes) fails fast,
- every value and key can tell its 1-based line and column for error messages.
"""

from __future__ import annotations

import re
from typing import Any, Callable

import yaml

from labelbook.core.nfc import nfc
from labelbook.core.problems import Pos, Problem, error

try:  # libyaml is several times faster at composing; fall back to pure Python.
    _Base: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Base = yaml.SafeLoader


#: Expanded nodes one file may hold: a rule with a thousand examples is ~15,000;
#: an alias bomb reaches this in a fraction of a second and stops there.
MAX_NODES = 250_000
#: Lists and mappings nested in each other that one document may hold; our files need five.
MAX_DEPTH = 50
#: libyaml composes nodes recursively in C: 100,000 levels (a 200 KB file of '[') overflowed
#: its stack and killed the process. A document that might nest deeper than this is first
#: read as parser events (the parser keeps its own stack) to find where it passes MAX_DEPTH.
_SAFE_TO_COMPOSE = 1000

_CORE = "tag:yaml.org,2002:"
_SCALAR_TAGS = {_CORE + t for t in ("str", "int", "float", "bool", "null", "timestamp")}
_SEQ_TAG = _CORE + "seq"
_MAP_TAG = _CORE + "map"
_STR_TAG = _CORE + "str"
_constructor = yaml.constructor.SafeConstructor()


class _Loader(_Base):  # type: ignore[misc, valid-type]
    """The safe loader with a faster tag resolver (it ran once per node, in Python).

    Quoted and block scalars are always text, and a plain scalar's tag depends only on
    its text (we register no path resolvers), so plain ones are remembered: a file
    repeats `video`, `true`, `allow`... many times.
    """

    _plain: dict[str, str] = {}

    def resolve(self, kind: type, value: Any, implicit: Any) -> str:
        if kind is yaml.ScalarNode:
            if not implicit[0]:
                return _STR_TAG
            tag = self._plain.get(value)
            if tag is None:
                tag = super().resolve(kind, value, implicit)
                if len(self._plain) < 10_000:  # a bound: plain text can be unique per file
                    self._plain[value] = tag
            return tag
        return _SEQ_TAG if kind is yaml.SequenceNode else _MAP_TAG


JsonPath = tuple[Any, ...]
Spots = dict[JsonPath, tuple[int, int]]
_FINGERPRINT = re.compile(r"[0-9a-f]{12}")


class Located:
    """Plain data from one YAML document, and where its values and keys stand.

    The positions are found on demand: most files have no problem, and nobody asks where
    their values are, so a clean file is read without them (its data is built in half the
    time, and a cached file has none to store) and read again, with them, only when a
    message needs a line.
    """

    __slots__ = ("data", "path", "_values", "_keys", "_locate")

    def __init__(
        self,
        data: Any,
        path: str,
        values: Spots | None = None,
        keys: Spots | None = None,
        *,
        locate: Callable[[], tuple[Spots, Spots]] | None = None,
    ) -> None:
        self.data = data
        self.path = path
        self._values = values
        self._keys = keys
        self._locate = locate

    @property
    def values(self) -> Spots:
        """Where each value stands: json path -> (line, column)."""
        self._resolve()
        return self._values  # type: ignore[return-value]

    @property
    def keys(self) -> Spots:
        """Where each key stands: json path of its value -> (line, column)."""
        self._resolve()
        return self._keys  # type: ignore[return-value]

    def _resolve(self) -> None:
        if self._values is None or self._keys is None:
            locate, self._locate = self._locate, None
            self._values, self._keys = locate() if locate is not None else ({}, {})

    def pos(self, jpath: JsonPath = (), *, key: bool = False) -> Pos:
        """Where the value (or, with key=True, the key) at `jpath` stands.

        Falls back to the nearest enclosing value that has a position.
        """
        jpath = tuple(jpath)
        table = self.keys if key else self.values
        if jpath in table:
            return Pos(self.path, *table[jpath])
        if key and jpath in self.values:
            return Pos(self.path, *self.values[jpath])
        while jpath:
            jpath = jpath[:-1]
            if jpath in self.values:
                return Pos(self.path, *self.values[jpath])
        return Pos(self.path, 1, 1)

    def finder(self, prefix: JsonPath = (), **aliases: JsonPath) -> Callable[[str], Pos]:
        """`find(name)`: where key `name` (or list item "related[1]") of the mapping at
        `prefix` stands; an alias names another place ("rule" -> ("rule",)). Nothing is
        located until a message asks."""

        def find(name: str) -> Pos:
            if name in aliases:
                return self.pos(aliases[name])
            base, _, index = name.partition("[")
            jpath = prefix + (base,)
            if index[:-1].isdigit():
                jpath += (int(index[:-1]),)
            return self.pos(jpath)

        return find


class _TooBig(Exception):
    pass


class _TooDeep(Exception):
    """Nesting passed MAX_DEPTH at this mark."""


class _NeedsPositions(Exception):
    """The quick read met a problem; it is read again with positions to report it."""


class _Builder:
    """Builds plain data from composed nodes.

    With `positions`, it records where every value and key stands and reports problems;
    without, it only builds the data, and stops at the first problem (_NeedsPositions).
    """

    def __init__(self, path: str, line_offset: int, nfc: bool = False, *, positions: bool = True) -> None:
        self.path = path
        self.offset = line_offset
        self.nfc = nfc
        self.positions = positions
        self.count = 0
        self.depth = 0
        self.problems: list[Problem] = []
        self.values: Spots = {}
        self.keys: Spots = {}

    def mark(self, node: yaml.Node) -> tuple[int, int]:
        return (node.start_mark.line + 1 + self.offset, node.start_mark.column + 1)

    def build(self, node: yaml.Node, jpath: JsonPath) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise _TooBig
        if self.positions:
            self.values[jpath] = self.mark(node)
        kind = node.__class__
        if kind is yaml.ScalarNode:
            return self.scalar(node)
        self.depth += 1
        if self.depth > MAX_DEPTH:  # aliases can nest what is written flat
            raise _TooDeep(node.start_mark)
        if kind is yaml.MappingNode:
            out = self.bad_tag(node) if node.tag != _MAP_TAG else self.mapping(node, jpath)
        elif node.tag != _SEQ_TAG:
            out = self.bad_tag(node)
        elif not self.positions:
            out = [self.build(item, jpath) for item in node.value]
        else:
            out = [self.build(item, jpath + (i,)) for i, item in enumerate(node.value)]
        self.depth -= 1
        return out

    def scalar(self, node: yaml.ScalarNode) -> Any:
        tag = node.tag
        if tag == _STR_TAG:
            return self.text(node)
        if tag not in _SCALAR_TAGS:
            return self.bad_tag(node)
        if tag == _CORE + "timestamp":
            return node.value  # dates stay text; no field of ours is a date
        return _constructor.yaml_constructors[tag](_constructor, node)

    def mapping(self, node: yaml.MappingNode, jpath: JsonPath) -> dict:
        out: dict[str, Any] = {}
        first_seen: dict[str, int] = {}
        positions = self.positions
        for key_node, value_node in node.value:
            if key_node.__class__ is not yaml.ScalarNode:
                if not positions:
                    raise _NeedsPositions
                self.problems.append(
                    error(Pos(self.path, *self.mark(key_node)), "yaml-syntax", "a key must be plain text")
                )
                continue
            # The key as written: `on:` stays "on", `1:` stays "1".
            key = self.text(key_node)
            if key in out:
                if not positions:
                    raise _NeedsPositions
                self.problems.append(
                    error(
                        Pos(self.path, *self.mark(key_node)),
                        "yaml-duplicate-key",
                        f"duplicate key '{key}' (first defined on line {first_seen[key]}); "
                        "YAML would silently keep only the last one",
                    )
                )
                continue
            if positions:
                at = self.keys[jpath + (key,)] = self.mark(key_node)
                first_seen[key] = at[0]
                value = self.build(value_node, jpath + (key,))
            else:
                value = self.build(value_node, jpath)
            if key == "source" and value.__class__ in (int, float) and _FINGERPRINT.fullmatch(value_node.value):
                # `source: 012345678901` is a fingerprint that YAML reads as a number: take it as written
                value = value_node.value
            out[key] = value
        return out

    def text(self, node: yaml.ScalarNode) -> str:
        """The scalar's text, NFC-normalised.

        Normalising ~300,000 scalars of Bengali text was a sixth of `check`. When the whole
        document is NFC already (`nfc`), a scalar copied from it (plain, single-quoted,
        literal or folded: substrings joined by spaces and newlines, which never compose
        with what follows) is NFC too; only a double-quoted one, whose escapes and
        escaped line breaks can make new characters or join combining marks, is normalised.
        """
        value = str(node.value)
        if value.isascii() or (self.nfc and node.style != '"'):  # ASCII text is always NFC
            return value
        return nfc(value)

    def bad_tag(self, node: yaml.Node) -> None:
        if not self.positions:
            raise _NeedsPositions
        tag = node.tag.replace(_CORE, "!!")
        self.problems.append(
            error(
                Pos(self.path, *self.mark(node)),
                "yaml-tag",
                f"tag '{tag}' is not allowed: guideline files hold plain text, numbers, lists and mappings",
            )
        )
        return None


def parse_yaml(text: str, path: str, line_offset: int = 0, *, nfc: bool = False) -> tuple[Located | None, list[Problem]]:
    """Parse one YAML document. Returns (None, problems) when it cannot be read at all.

    `nfc`: the caller has NFC-normalised `text` (as `sources.decode` does), which saves
    normalising every scalar again.
    """
    if _may_nest_deeper(text, _SAFE_TO_COMPOSE) and (mark := _too_deep(text)) is not None:
        return None, [_too_deep_problem(path, line_offset, mark)]
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if exc.context_mark is not None and "end of stream" in (exc.problem or ""):
            # An unclosed quote or bracket: point where it opened, not at the end of the file.
            mark = exc.context_mark
        line, col = (mark.line + 1 + line_offset, mark.column + 1) if mark else (1 + line_offset, 1)
        what = exc.problem or "invalid YAML"
        if exc.context:
            what = f"{what} ({exc.context})"
        if "expected a single document" in str(exc):
            what = "only one YAML document is allowed in a file (found a second '---')"
        return None, [error(Pos(path, line, col), "yaml-syntax", f"YAML syntax error: {what}")]
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow, such as a control character
        char = chr(exc.character) if isinstance(exc.character, int) else str(exc.character)
        # libyaml counts its position in bytes, PyYAML in characters: find the character itself
        at = text.find(char)
        at = at if at >= 0 else 0
        line = text.count("\n", 0, at) + 1 + line_offset
        col = at - (text.rfind("\n", 0, at) + 1) + 1
        return None, [
            error(Pos(path, line, col), "yaml-syntax", f"character U+{ord(char):04X} is not allowed in YAML ({exc.reason}); remove it")
        ]
    except yaml.YAMLError as exc:
        return None, [error(Pos(path, 1 + line_offset, 1), "yaml-syntax", "YAML syntax error: " + " ".join(str(exc).split()))]
    except RecursionError:  # the pure-Python composer, when PyYAML was built without libyaml
        return None, [error(Pos(path, 1 + line_offset, 1), "yaml-too-deep", f"the YAML is nested too deep to be read (the limit is {MAX_DEPTH} levels)")]
    if node is None:
        return Located(None, path, {}, {}), []
    try:
        quick = _Builder(path, line_offset, nfc, positions=False)
        try:
            data = quick.build(node, ())
        except _NeedsPositions:
            pass
        else:
            return Located(data, path, locate=lambda: locate(text, path, line_offset, nfc)), []
        builder = _Builder(path, line_offset, nfc)
        data = builder.build(node, ())
    except _TooDeep as exc:
        return None, [_too_deep_problem(path, line_offset, exc.args[0])]
    except (_TooBig, RecursionError):
        return None, [
            error(
                Pos(path, 1 + line_offset, 1),
                "yaml-alias-bomb",
                f"the YAML expands to more than {MAX_NODES:,} values (anchors and aliases "
                "repeated inside each other); write the values out instead",
            )
        ]
    return Located(data, path, builder.values, builder.keys), builder.problems


# A line whose indentation and indicators of compact nesting ('- - a', '? - a', '- k: ...')
# are longer than a given length: a block collection could start that far in.
_PREFIX = "[ \t?:-]{%d}"


def _may_nest_deeper(text: str, depth: int) -> bool:
    """False when the document cannot nest deeper than `depth`, found at C speed.

    Each flow collection takes a bracket, quoted ones included; a nested block collection
    starts at a greater column than its parent (a list that is a mapping's value may
    share its column): two levels per column at most.
    """
    flow = text.count("[") + text.count("{")
    longest = (depth - flow - 2) // 2  # the longest prefix that keeps 2 * prefix + 2 + flow within `depth`
    if longest < 0:
        return True
    prefix = _PREFIX % (longest + 1)
    return re.match(prefix, text) is not None or re.search("\n" + prefix, text) is not None


def _too_deep(text: str, loader: type = _Loader) -> yaml.Mark | None:
    """Where the nesting first passes MAX_DEPTH, from the parser's events, or None."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=loader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    return event.start_mark
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError as exc:
        if "nesting depth" in str(exc) and loader is not yaml.SafeLoader:
            # libyaml 0.2.6 (in PyYAML 6.0.4's wheels) stops at a limit of its own while it
            # scans ahead, before it hands out the events that reach ours: PyYAML's own
            # parser, which scans as it goes, finds where ours is passed.
            return _too_deep(text, yaml.SafeLoader)
        # otherwise composing meets the same error before any deeper nesting, and reports it
    return None


def _too_deep_problem(path: str, line_offset: int, mark: yaml.Mark) -> Problem:
    return error(
        Pos(path, mark.line + 1 + line_offset, mark.column + 1),
        "yaml-too-deep",
        f"lists and mappings are nested more than {MAX_DEPTH} levels deep here, the limit; write it flatter",
    )


def locate(text: str, path: str, line_offset: int, nfc: bool) -> tuple[Spots, Spots]:
    """The positions of a document that was read without them (it read cleanly then)."""
    builder = _Builder(path, line_offset, nfc)
    builder.build(yaml.compose(text, Loader=_Loader), ())
    return builder.values, builder.keys
