"""What differs between two loads of the same repository, unit by unit.

Not the changelog (`history.diff` says what a labeler must learn between releases): this
is exact, field by field, for whoever keeps something made from the model up to date -
`labelbook serve` regenerates only the pages of the units listed here. Every field that
can reach a page is compared; only source positions are left out (no page shows them).
Plain Python: nothing here knows MkDocs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Collection, Hashable, Mapping

from labelbook.core.model import Example, Page, Policy, Repo, Rule, Translation


@dataclass
class ModelChanges:
    """The units of `new` that are not as they were in `old` (added, removed or edited)."""

    #: policy.yaml or one of its translations: titles and descriptions every page may show
    policy: bool = False
    #: ids of rules added, removed, or changed in their file or in a translation of it
    rules: set[str] = field(default_factory=set)
    #: ids of examples added, removed or changed (in English or a translation)
    examples: set[str] = field(default_factory=set)
    #: names of hand-written pages added, removed or changed
    pages: set[str] = field(default_factory=set)
    #: a rule or a hand-written page appeared or went away: the navigation is not the same
    added_or_removed: bool = False
    #: the translation languages read differ (a load with fewer languages)
    languages: bool = False

    @property
    def none(self) -> bool:
        return not (self.policy or self.rules or self.examples or self.pages or self.added_or_removed or self.languages)


def compare(old: Repo, new: Repo, files: Collection[str] | None = None) -> ModelChanges:
    """What differs between `old` and `new`. `files`: every file whose bytes differ between
    the loads of the two (`core.reload.Refresh.changed`), when known: a unit is made from
    its file and its translations' files alone, so only the units of those files (and the
    units added or removed) are compared, not every unit of the repository."""
    out = ModelChanges()
    out.policy = _policy(old.policy) != _policy(new.policy)
    out.languages = old.translated != new.translated
    out.rules = _changed(old.rules, new.rules, _rule, files)
    out.examples = _changed(old.examples, new.examples, _example, files)
    old_pages = {p.name: p for p in old.pages}
    new_pages = {p.name: p for p in new.pages}
    out.pages = _changed(old_pages, new_pages, _page, None)
    out.added_or_removed = old.rules.keys() != new.rules.keys() or old_pages.keys() != new_pages.keys()
    return out


def _changed(old: Mapping[str, Any], new: Mapping[str, Any], key: Callable[[Any], Hashable], files: Collection[str] | None) -> set[str]:
    ids = old.keys() ^ new.keys()
    if files is None:
        ids |= old.keys() & new.keys()
    else:
        wanted = set(files)
        for units in (old, new):
            ids |= {i for i, u in units.items() if u.path in wanted or any(tr.path in wanted for tr in u.translations.values())}
    return {i for i in ids if i not in old or i not in new or key(old[i]) != key(new[i])}


def _translations(translations: Mapping[str, Translation]) -> tuple[Hashable, ...]:
    return tuple(
        (lang, tr.path, tr.source, tr.title, tr.body, tr.content, tr.rationale)
        for lang, tr in sorted(translations.items())
    )


def _rule(r: Rule) -> tuple[Hashable, ...]:
    return (
        r.id, r.area, r.title, r.decision, r.body, r.path, r.severity, r.status, r.replaced_by,
        tuple(r.related), tuple(r.tags), _translations(r.translations),
    )  # fmt: skip


def _example(e: Example) -> tuple[Hashable, ...]:
    return (
        e.id, e.rule, e.modality, e.content, e.label, e.rationale, e.path, e.difficulty, e.sensitive, e.quiz,
        tuple(e.tags), tuple(e.distractors), _translations(e.translations),
    )  # fmt: skip


def _page(p: Page) -> tuple[Hashable, ...]:
    return (p.name, p.path, p.text, tuple(sorted(p.translations.items())))


def _policy(p: Policy) -> tuple[Hashable, ...]:
    terms = lambda ts: tuple((t.id, t.title, t.description) for t in ts)  # noqa: E731
    translations = tuple(
        (
            lang, tr.path, tr.title,
            tuple((k, v.title, v.description) for k, v in sorted(tr.decisions.items())),
            tuple((k, v.title, v.description) for k, v in sorted(tr.areas.items())),
        )
        for lang, tr in sorted(p.translations.items())
    )  # fmt: skip
    return (p.id, p.title, tuple(p.languages), terms(p.decisions), terms(p.areas), p.path, translations)
