"""A saved file's units put into a loaded model, without loading the rest again.

`labelbook serve` shows a save from this model, then checks the whole repository (as
`labelbook check` does) and corrects what this could not know. A unit of the model is made
from its own file and the files of its translations alone, so reading those files again
("the group": `guidelines/<area>/<RULE>.md` and its `<RULE>.<lang>.md`, or
`examples/<area>/<RULE>.yaml` and its translations, or a hand-written page and its
translations) gives exactly the units a full load gives. Whatever depends on other files -
an id used twice, a translation of a unit in another file, a reference to a rule - is left
to `cross_check` here and to the full check after. When a group has an error of its own, or
a text nested deeper than the renderer takes, there is no spliced model: the full check
decides, and nothing it would refuse is rendered first.

Plain Python: nothing here knows MkDocs.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from typing import Any, Iterable, Iterator, Mapping

from labelbook.core.checks import cross_check
from labelbook.core.layout import POLICY, markdown_too_deep, split_name
from labelbook.core.loader import load
from labelbook.core.model import Repo
from labelbook.core.problems import Problem
from labelbook.core.sources import WorkingTree


@dataclass(frozen=True)
class Group:
    kind: str  # "rule", "examples", "page"
    english: str  # the path of the source-language file
    members: tuple[str, ...]  # it and its translations' paths


def group_of(path: str, repo: Repo) -> Group | None:
    """The group of files `path` belongs to, or None for a file no group holds (policy.yaml,
    an image, a page in a folder, a file of no kind)."""
    parts = path.split("/")
    langs = repo.policy.target_languages
    if parts[0] == "guidelines" and len(parts) == 3 and parts[2].endswith(".md") and repo.policy.area(parts[1]):
        stem = split_name(parts[2], ".md")[0]
        base = f"guidelines/{parts[1]}/{stem}"
        return Group("rule", f"{base}.md", (f"{base}.md", *(f"{base}.{lang}.md" for lang in langs)))
    if parts[0] == "examples" and len(parts) == 3 and parts[2].endswith(".yaml"):
        stem = split_name(parts[2], ".yaml")[0]
        base = f"examples/{parts[1]}/{stem}"
        return Group("examples", f"{base}.yaml", (f"{base}.yaml", *(f"{base}.{lang}.yaml" for lang in langs)))
    if parts[0] == "guidelines" and len(parts) == 2 and parts[1].endswith(".md"):
        stem = split_name(parts[1], ".md")[0]
        return Group("page", f"guidelines/{stem}.md", (f"guidelines/{stem}.md", *(f"guidelines/{stem}.{lang}.md" for lang in langs)))
    return None


class _Subset:
    """The files of `paths` of a working tree, as a Source of their own."""

    def __init__(self, tree: WorkingTree, paths: Iterable[str]) -> None:
        self.tree = tree
        self.label = tree.label
        self._files = sorted(paths)

    def files(self) -> list[str]:
        return list(self._files)

    def entries(self) -> list[str]:
        return list(self._files)

    def refused(self) -> list[Problem]:
        return []

    def read(self, path: str) -> bytes:
        return self.tree.read(path)

    def size(self, path: str) -> int:
        return self.tree.size(path)


def _plain_file(tree: WorkingTree, path: str) -> bool | None:
    """True for a regular file, False for none; None for anything else (a link, a folder)."""
    try:
        mode = os.lstat(os.path.join(tree.root, path)).st_mode
    except FileNotFoundError:
        return False
    except OSError:
        return None
    return True if stat.S_ISREG(mode) else None


def splice(repo: Repo, tree: WorkingTree, paths: Iterable[str]) -> Repo | None:
    """`repo` with the units of the files `paths` (and of their groups) read again from
    `tree`; None when that cannot be told without a full load (a path of no group, a file
    added or removed, an error in a group, a unit whose id another file uses)."""
    groups = {}
    for path in paths:
        if path.startswith("locales/"):
            continue  # a glossary: no unit of the model
        group = group_of(path, repo)
        if group is None:
            return None
        groups[group.english] = group
    present: list[str] = [p for p in (POLICY, *(f"guidelines/policy.{lang}.yaml" for lang in repo.policy.target_languages)) if _plain_file(tree, p)]
    for group in groups.values():
        for member in group.members:
            kind = _plain_file(tree, member)
            if kind is None or (member == group.english and not kind):
                return None  # a link, or the English file gone: the full check says what it is
            if kind:
                present.append(member)
    old_files = {u.path for u in (*repo.rules.values(), *repo.examples.values())} | {p.path for p in repo.pages}
    if any(group.english not in old_files for group in groups.values()):
        return None  # a new file
    mini = load(_Subset(tree, present))
    if mini.repo is None or mini.errors:
        return None
    new = Repo(repo.policy, dict(repo.rules), dict(repo.examples), list(repo.pages), label=repo.label, translated=repo.translated)
    for group in groups.values():
        if not _replace(new, repo, mini.repo, group):
            return None
    if any(p.severity == "error" for p in cross_check(new)) or any(markdown_too_deep(t) for t in _markdown(mini.repo)):
        return None
    return new


def _markdown(repo: Repo) -> Iterator[str]:
    """Every text of `repo`'s units that the site renders as Markdown: one nested too deep
    (`markdown-too-deep`, which `check` reports) must not reach the renderer first."""
    for rule in repo.rules.values():
        yield rule.body
        yield from (tr.body for tr in rule.translations.values())
    for example in repo.examples.values():
        yield example.rationale
        yield from (tr.rationale or "" for tr in example.translations.values())
    for page in repo.pages:
        yield page.text
        yield from page.translations.values()


def _replace(new: Repo, old: Repo, mini: Repo, group: Group) -> bool:
    if group.kind == "rule":
        return _swap(new.rules, {k for k, r in old.rules.items() if r.path == group.english}, mini.rules)
    if group.kind == "examples":
        before = {k: e for k, e in old.examples.items() if e.path == group.english}
        for example_id, example in mini.examples.items():
            # The loader takes an example's translation from whichever translation file
            # names it: one kept in a file outside this group is still there.
            for lang, tr in before.get(example_id, example).translations.items():
                if tr.path not in group.members:
                    example.translations.setdefault(lang, tr)
        return _swap(new.examples, set(before), mini.examples)
    name = group.english[len("guidelines/") : -len(".md")]
    new.pages = sorted([p for p in new.pages if p.name != name] + [p for p in mini.pages if p.name == name], key=lambda p: p.name)
    return True


def _swap(units: dict[str, Any], old_ids: set[str], fresh: Mapping[str, Any]) -> bool:
    for key in old_ids:
        del units[key]
    for key, unit in fresh.items():
        if key in units:
            return False  # an id another file uses: a duplicate, which the full check reports
        units[key] = unit
    return True
