"""The typed model of a guideline repository. Plain Python: nothing here knows MkDocs.

Files -> `loader.load` -> `Repo` -> check, diff, quiz, site.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Callable, Literal

from labelbook.core.nfc import nfc
from labelbook.core.problems import Pos

TranslationState = Literal["current", "stale", "missing"]
SEVERITIES = ("low", "medium", "high", "critical")
DIFFICULTIES = ("easy", "medium", "hard")


def fingerprint(*parts: str | None) -> str:
    """SPEC's fingerprint: SHA-256 of the NFC text of the fields, each stripped, joined by newlines."""
    try:
        return _FINGERPRINTS[parts]
    except KeyError:
        pass
    text = "\n".join(nfc(p or "").strip() for p in parts)
    if len(_FINGERPRINTS) >= 200_000:  # a bound for a long `mkdocs serve`
        _FINGERPRINTS.clear()
    value = _FINGERPRINTS[parts] = hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
    return value


#: Fingerprints by text: every tree of a changelog or `build --versions` holds mostly the
#: same rules and examples, each asked for its fingerprint per language.
_FINGERPRINTS: dict[tuple[str | None, ...], str] = {}


def forget_fingerprints() -> None:
    """Drop the memoised fingerprints, and with them the texts of trees no longer loaded."""
    _FINGERPRINTS.clear()


@dataclass
class Term:
    """A decision or an area of the policy."""

    id: str
    title: str
    description: str = ""
    pos: Pos = field(default_factory=lambda: Pos(""))


@dataclass
class TermTranslation:
    title: str | None = None
    description: str | None = None
    pos: Pos = field(default_factory=lambda: Pos(""))


@dataclass
class PolicyTranslation:
    lang: str
    path: str
    title: str | None = None
    decisions: dict[str, TermTranslation] = field(default_factory=dict)
    areas: dict[str, TermTranslation] = field(default_factory=dict)


@dataclass
class Policy:
    id: str
    title: str
    languages: list[str]
    decisions: list[Term]
    areas: list[Term]
    path: str = "guidelines/policy.yaml"
    translations: dict[str, PolicyTranslation] = field(default_factory=dict)

    @property
    def source_language(self) -> str:
        return self.languages[0]

    @property
    def target_languages(self) -> list[str]:
        return self.languages[1:]

    def decision(self, id: str) -> Term | None:
        return next((d for d in self.decisions if d.id == id), None)

    def area(self, id: str) -> Term | None:
        return next((a for a in self.areas if a.id == id), None)

    def term_title(self, kind: Literal["decisions", "areas"], id: str, lang: str) -> str:
        """The title of a decision or area in `lang`, falling back to the source language."""
        tr = self.translations.get(lang)
        entry = getattr(tr, kind).get(id) if tr else None
        if entry and entry.title:
            return entry.title
        term = (self.decision if kind == "decisions" else self.area)(id)
        return term.title if term else id

    def term_description(self, kind: Literal["decisions", "areas"], id: str, lang: str) -> str:
        tr = self.translations.get(lang)
        entry = getattr(tr, kind).get(id) if tr else None
        if entry and entry.description:
            return entry.description
        term = (self.decision if kind == "decisions" else self.area)(id)
        return term.description if term else ""


@dataclass
class Translation:
    """A translated unit (rule or example) in one language, with the fingerprint it was made from."""

    lang: str
    path: str
    source: str
    title: str = ""  # rules
    body: str = ""  # rules
    content: str = ""  # examples
    rationale: str | None = None  # examples
    #: where its `source:` stands, found when a message asks (the file may have been read without positions)
    where: Callable[[], Pos] | None = None

    @property
    def pos(self) -> Pos:
        return self.where() if self.where is not None else Pos(self.path, 1, 1)


@dataclass
class Rule:
    id: str
    area: str
    title: str
    decision: str
    body: str
    path: str
    severity: str = "medium"
    status: str = "active"
    replaced_by: str | None = None
    related: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    #: where a front-matter key's value stands, for messages: `positions("decision")`
    positions: Callable[[str], Pos] | None = None
    translations: dict[str, Translation] = field(default_factory=dict)

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.title, self.body)

    @property
    def deprecated(self) -> bool:
        return self.status == "deprecated"

    def pos(self, key: str = "id") -> Pos:
        """Where front-matter/example key `key` (or list item "related[1]") stands in the file."""
        return self.positions(key) if self.positions is not None else Pos(self.path, 1, 1)


@dataclass
class Example:
    id: str
    rule: str
    modality: str
    content: str
    label: str
    rationale: str
    path: str
    difficulty: str = "medium"
    sensitive: bool = False
    quiz: bool = True
    tags: list[str] = field(default_factory=list)
    distractors: list[str] = field(default_factory=list)
    #: where a key of the example stands, for messages: `positions("label")`; "rule" is
    #: the file's `rule:`, "item" the example itself
    positions: Callable[[str], Pos] | None = None
    translations: dict[str, Translation] = field(default_factory=dict)

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.content, self.rationale)

    def pos(self, key: str = "id") -> Pos:
        """Where front-matter/example key `key` (or list item "related[1]") stands in the file."""
        return self.positions(key) if self.positions is not None else Pos(self.path, 1, 1)


@dataclass
class Page:
    """A hand-written Markdown page under guidelines/ (introduction, wellbeing resources...)."""

    name: str  # path under guidelines/ without the language and .md: "introduction", "help/faq"
    path: str
    text: str
    translations: dict[str, str] = field(default_factory=dict)  # lang -> Markdown


@dataclass
class Repo:
    policy: Policy
    rules: dict[str, Rule] = field(default_factory=dict)
    examples: dict[str, Example] = field(default_factory=dict)
    pages: list[Page] = field(default_factory=list)
    label: str = "working tree"
    #: the translation languages whose files were read (`load(languages=...)`), when a
    #: command needed fewer than all of policy.yaml's
    translated: list[str] | None = None
    #: `examples_of`'s index: (the examples dict and its size when indexed, rule id -> examples)
    _by_rule: tuple[dict, int, dict[str, list[Example]]] | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def translation_languages(self) -> list[str]:
        """The translation languages read, and so checked: policy.yaml's unless fewer were needed."""
        return self.policy.target_languages if self.translated is None else self.translated

    def rules_in(self, area: str) -> list[Rule]:
        return sorted((r for r in self.rules.values() if r.area == area), key=lambda r: r.id)

    def examples_of(self, rule: str) -> list[Example]:
        """The examples of `rule`, in the order they were read.

        Every rule page and the translation check ask this of every rule: a scan of all
        examples each time made those quadratic (3.3 s of CPU in a 1,000-rule build). A
        model is built by the loader and then only read; a dict that was replaced or has
        another size is indexed again.
        """
        index = self._by_rule
        if index is None or index[0] is not self.examples or index[1] != len(self.examples):
            by_rule: dict[str, list[Example]] = {}
            for e in self.examples.values():
                by_rule.setdefault(e.rule, []).append(e)
            index = self._by_rule = (self.examples, len(self.examples), by_rule)
        return list(index[2].get(rule, ()))

    def rule_state(self, rule: Rule, lang: str) -> TranslationState:
        return _state(rule.translations.get(lang), rule.fingerprint)

    def example_state(self, example: Example, lang: str) -> TranslationState:
        return _state(example.translations.get(lang), example.fingerprint)


def _state(tr: Translation | None, current: str) -> TranslationState:
    if tr is None:
        return "missing"
    return "current" if tr.source == current else "stale"
