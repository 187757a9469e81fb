"""The kinds of change a changelog lists, and the word-level diff of texts.

Each kind is a small frozen dataclass; its `kind` and `impact` are the stable names
of the JSON (schemas/changelog.schema.json), so renaming one is a breaking change.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, fields
from datetime import datetime
from typing import Any, ClassVar, Literal

Impact = Literal["labeler", "other"]
Op = Literal["equal", "delete", "insert"]


@dataclass(frozen=True)
class Endpoint:
    """One end of a comparison: a release, another git ref, or the working tree."""

    label: str  # what people read: "v1.1.0", "main", "working tree"
    ref: str | None  # None for the working tree
    commit: str | None
    release: str | None  # the version name ("1.1.0") when the ref is a release tag
    date: datetime | None

    def as_dict(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "ref": self.ref,
            "commit": self.commit,
            "release": self.release,
            "date": self.date.isoformat() if self.date else None,
        }


WORKING_TREE = Endpoint("working tree", None, None, None, None)


@dataclass(frozen=True)
class WordOp:
    op: Op
    text: str


def word_diff(old: str, new: str) -> list[WordOp]:
    """Word-level diff. Words are compared without their spacing (re-wrapping a paragraph
    is no change); each op keeps the spacing of its own side so `new` can be rebuilt."""
    a, b = _tokens(old), _tokens(new)
    matcher = difflib.SequenceMatcher(None, [t.strip() for t in a], [t.strip() for t in b], autojunk=False)
    ops: list[WordOp] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            ops.append(WordOp("equal", "".join(b[j1:j2])))
            continue
        if i2 > i1:
            ops.append(WordOp("delete", "".join(a[i1:i2])))
        if j2 > j1:
            ops.append(WordOp("insert", "".join(b[j1:j2])))
    return ops


def _tokens(text: str) -> list[str]:
    return re.findall(r"\S+\s*", text.strip())


def words_differ(old: str, new: str) -> bool:
    return old.split() != new.split()


# --- the kinds of change. `kind` and `impact` are the stable names used in the JSON.


@dataclass(frozen=True)
class Change:
    kind: ClassVar[str] = ""
    impact: ClassVar[Impact] = "other"

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind, "impact": self.impact}
        for f in fields(self):
            value = getattr(self, f.name)
            out[f.name] = [{"op": o.op, "text": o.text} for o in value] if f.name == "diff" else value
        return out


@dataclass(frozen=True)
class DecisionAdded(Change):
    """A new label in the taxonomy: labelers have a new answer to choose."""

    kind: ClassVar[str] = "decision-added"
    impact: ClassVar[Impact] = "labeler"
    decision: str
    title: str


@dataclass(frozen=True)
class DecisionRemoved(Change):
    kind: ClassVar[str] = "decision-removed"
    impact: ClassVar[Impact] = "labeler"
    decision: str
    title: str


@dataclass(frozen=True)
class RuleAdded(Change):
    kind: ClassVar[str] = "rule-added"
    impact: ClassVar[Impact] = "labeler"
    rule: str
    area: str
    title: str
    decision: str
    severity: str


@dataclass(frozen=True)
class RuleRemoved(Change):
    kind: ClassVar[str] = "rule-removed"
    impact: ClassVar[Impact] = "labeler"
    rule: str
    area: str
    title: str
    decision: str


@dataclass(frozen=True)
class RuleDeprecated(Change):
    kind: ClassVar[str] = "rule-deprecated"
    impact: ClassVar[Impact] = "labeler"
    rule: str
    area: str
    title: str
    replaced_by: str | None


@dataclass(frozen=True)
class ReplacementChanged(Change):
    """A deprecated rule now points to another replacement."""

    kind: ClassVar[str] = "replacement-changed"
    impact: ClassVar[Impact] = "labeler"
    rule: str
    area: str
    title: str
    old: str | None
    new: str | None


@dataclass(frozen=True)
class RuleReinstated(Change):
    kind: ClassVar[str] = "rule-reinstated"
    impact: ClassVar[Impact] = "labeler"
    rule: str
    area: str
    title: str


@dataclass(frozen=True)
class DecisionChanged(Change):
    kind: ClassVar[str] = "decision-changed"
    impact: ClassVar[Impact] = "labeler"
    rule: str
    area: str
    title: str
    old: str
    new: str


@dataclass(frozen=True)
class ExampleRelabelled(Change):
    kind: ClassVar[str] = "example-relabelled"
    impact: ClassVar[Impact] = "labeler"
    example: str
    rule: str
    content: str
    old: str
    new: str


@dataclass(frozen=True)
class SeverityChanged(Change):
    kind: ClassVar[str] = "severity-changed"
    rule: str
    area: str
    title: str
    old: str
    new: str


@dataclass(frozen=True)
class TitleChanged(Change):
    kind: ClassVar[str] = "title-changed"
    rule: str
    area: str
    old: str
    new: str
    diff: tuple[WordOp, ...]


@dataclass(frozen=True)
class AreaChanged(Change):
    kind: ClassVar[str] = "area-changed"
    rule: str
    title: str
    old: str
    new: str


@dataclass(frozen=True)
class BodyChanged(Change):
    kind: ClassVar[str] = "body-changed"
    rule: str
    area: str
    title: str
    diff: tuple[WordOp, ...]


@dataclass(frozen=True)
class ExampleAdded(Change):
    kind: ClassVar[str] = "example-added"
    example: str
    rule: str
    label: str
    content: str


@dataclass(frozen=True)
class ExampleRemoved(Change):
    kind: ClassVar[str] = "example-removed"
    example: str
    rule: str
    label: str
    content: str


@dataclass(frozen=True)
class ExampleContentChanged(Change):
    kind: ClassVar[str] = "example-content-changed"
    example: str
    rule: str
    diff: tuple[WordOp, ...]


@dataclass(frozen=True)
class ExampleRationaleChanged(Change):
    kind: ClassVar[str] = "example-rationale-changed"
    example: str
    rule: str
    diff: tuple[WordOp, ...]


@dataclass(frozen=True)
class TranslationStale(Change):
    """A translation that was current at FROM and is stale at TO: translators' to-do list."""

    kind: ClassVar[str] = "translation-stale"
    lang: str
    unit: Literal["rule", "example"]
    id: str
    rule: str
    path: str
    source: str
    current: str


#: Display and JSON order: what changes a labeler's answer first.
KINDS: tuple[type[Change], ...] = (
    DecisionAdded, DecisionRemoved, RuleAdded, RuleRemoved, RuleDeprecated, ReplacementChanged,
    RuleReinstated, DecisionChanged, ExampleRelabelled,
    SeverityChanged, TitleChanged, AreaChanged, BodyChanged,
    ExampleAdded, ExampleRemoved, ExampleContentChanged, ExampleRationaleChanged, TranslationStale,
)  # fmt: skip
KIND_NAMES = tuple(k.kind for k in KINDS)
