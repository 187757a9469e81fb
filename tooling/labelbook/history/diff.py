"""Two repository trees -> a semantic changelog: what changed for the people who apply the rules.

Not a text diff: a moved line is no change, a relabelled example is one. Plain
Python over the model; the kinds of change are in `changes`, the renderers in `changelog`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TypeVar

from labelbook.history.changes import (  # re-exported: `diff` is the module callers import
    KIND_NAMES, KINDS, WORKING_TREE, AreaChanged, BodyChanged, Change, DecisionAdded, DecisionChanged,
    DecisionRemoved, Endpoint, ExampleAdded, ExampleContentChanged, ExampleRationaleChanged,
    ExampleRelabelled, ExampleRemoved, ReplacementChanged, RuleAdded, RuleDeprecated, RuleReinstated,
    RuleRemoved, SeverityChanged, TitleChanged, TranslationStale, WordOp, word_diff, words_differ,
)  # fmt: skip
from labelbook.core.model import Example, Repo, Rule

__all__ = [  # noqa: RUF022 - the kinds in display order
    "Changelog", "diff", "Endpoint", "WORKING_TREE", "WordOp", "word_diff", "words_differ", "Change", "KINDS", "KIND_NAMES",
    "DecisionAdded", "DecisionRemoved", "RuleAdded", "RuleRemoved", "RuleDeprecated", "ReplacementChanged",
    "RuleReinstated", "DecisionChanged", "ExampleRelabelled", "SeverityChanged", "TitleChanged", "AreaChanged",
    "BodyChanged", "ExampleAdded", "ExampleRemoved", "ExampleContentChanged", "ExampleRationaleChanged", "TranslationStale",
]

C = TypeVar("C", bound=Change)


@dataclass
class Changelog:
    old: Endpoint
    new: Endpoint
    changes: list[Change]
    languages: list[str]
    #: the compared models, for renderers that need titles in another language
    old_repo: Repo | None = field(default=None, repr=False, compare=False)
    new_repo: Repo | None = field(default=None, repr=False, compare=False)

    @property
    def labeler_changes(self) -> list[Change]:
        return [c for c in self.changes if c.impact == "labeler"]

    @property
    def other_changes(self) -> list[Change]:
        return [c for c in self.changes if c.impact != "labeler"]

    def of(self, kind: type[C]) -> list[C]:
        return [c for c in self.changes if isinstance(c, kind)]

    def counts(self) -> dict[str, int]:
        out = dict.fromkeys(KIND_NAMES, 0)
        for c in self.changes:
            out[c.kind] += 1
        return out


def diff(old: Repo, new: Repo, old_end: Endpoint | None = None, new_end: Endpoint | None = None) -> Changelog:
    changes: list[Change] = []
    changes += _taxonomy(old, new)
    changes += _rules(old, new)
    changes += _examples(old, new)
    changes += _stale(old, new)
    order = {k: i for i, k in enumerate(KIND_NAMES)}
    # A stable sort by kind keeps each kind's own order (by id).
    changes.sort(key=lambda c: order[c.kind])
    return Changelog(
        old=old_end or Endpoint(old.label, None, None, None, None),
        new=new_end or Endpoint(new.label, None, None, None, None),
        changes=changes,
        languages=list(new.policy.languages),
        old_repo=old,
        new_repo=new,
    )


def _taxonomy(old: Repo, new: Repo) -> list[Change]:
    before = {d.id: d for d in old.policy.decisions}
    after = {d.id: d for d in new.policy.decisions}
    out: list[Change] = [DecisionAdded(i, d.title) for i, d in after.items() if i not in before]
    out += [DecisionRemoved(i, d.title) for i, d in before.items() if i not in after]
    return out


def _rules(old: Repo, new: Repo) -> list[Change]:
    out: list[Change] = []
    for rid in sorted(set(old.rules) | set(new.rules)):
        a, b = old.rules.get(rid), new.rules.get(rid)
        if a is None and b is not None:
            out.append(RuleAdded(rid, b.area, b.title, b.decision, b.severity))
        elif b is None and a is not None:
            out.append(RuleRemoved(rid, a.area, a.title, a.decision))
        elif a is not None and b is not None:
            out += _rule_changes(a, b)
    return out


def _rule_changes(a: Rule, b: Rule) -> list[Change]:
    out: list[Change] = []
    if b.deprecated and not a.deprecated:
        out.append(RuleDeprecated(b.id, b.area, b.title, b.replaced_by))
    elif a.deprecated and not b.deprecated:
        out.append(RuleReinstated(b.id, b.area, b.title))
    elif b.deprecated and a.replaced_by != b.replaced_by:
        out.append(ReplacementChanged(b.id, b.area, b.title, a.replaced_by, b.replaced_by))
    if a.decision != b.decision:
        out.append(DecisionChanged(b.id, b.area, b.title, a.decision, b.decision))
    if a.severity != b.severity:
        out.append(SeverityChanged(b.id, b.area, b.title, a.severity, b.severity))
    if a.title.strip() != b.title.strip():
        out.append(TitleChanged(b.id, b.area, a.title, b.title, tuple(word_diff(a.title, b.title))))
    if a.area != b.area:
        out.append(AreaChanged(b.id, b.title, a.area, b.area))
    if words_differ(a.body, b.body):
        out.append(BodyChanged(b.id, b.area, b.title, tuple(word_diff(a.body, b.body))))
    return out


def _examples(old: Repo, new: Repo) -> list[Change]:
    out: list[Change] = []
    for eid in sorted(set(old.examples) | set(new.examples)):
        a, b = old.examples.get(eid), new.examples.get(eid)
        if a is None and b is not None:
            out.append(ExampleAdded(eid, b.rule, b.label, b.content))
        elif b is None and a is not None:
            out.append(ExampleRemoved(eid, a.rule, a.label, a.content))
        elif a is not None and b is not None:
            out += _example_changes(a, b)
    return out


def _example_changes(a: Example, b: Example) -> list[Change]:
    out: list[Change] = []
    if a.label != b.label:
        out.append(ExampleRelabelled(b.id, b.rule, b.content, a.label, b.label))
    if words_differ(a.content, b.content):
        out.append(ExampleContentChanged(b.id, b.rule, tuple(word_diff(a.content, b.content))))
    if words_differ(a.rationale, b.rationale):
        out.append(ExampleRationaleChanged(b.id, b.rule, tuple(word_diff(a.rationale, b.rationale))))
    return out


def _stale(old: Repo, new: Repo) -> list[Change]:
    out: list[Change] = []
    for lang in new.policy.target_languages:
        for rid, rule in sorted(new.rules.items()):
            before = old.rules.get(rid)
            tr = rule.translations.get(lang)
            if tr and before and old.rule_state(before, lang) == "current" and new.rule_state(rule, lang) == "stale":
                out.append(TranslationStale(lang, "rule", rid, rid, tr.path, tr.source, rule.fingerprint))
        for eid, ex in sorted(new.examples.items()):
            prev = old.examples.get(eid)
            et = ex.translations.get(lang)
            if et and prev and old.example_state(prev, lang) == "current" and new.example_state(ex, lang) == "stale":
                out.append(TranslationStale(lang, "example", eid, ex.rule, et.path, et.source, ex.fingerprint))
    return out
