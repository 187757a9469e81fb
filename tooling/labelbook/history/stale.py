"""What changed in the English since a stale translation was made: the text it was made
from, found in git history by its fingerprint, and the word diff to today's English.

A translation records the fingerprint of the English it translates (`source:`). When the
English moves on, the translation is stale; a translator (and a Bengali reader of the site)
needs to see exactly which words changed. The English file's earlier versions are read
from git objects (never checked out), newest first, until one has a unit with that
fingerprint. Plain Python over git and the core; nothing here knows the site.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from labelbook.core.filecache import read_markdown, read_yaml
from labelbook.core.model import Repo, fingerprint
from labelbook.core.problems import UsageError
from labelbook.core.sources import git
from labelbook.history.changes import WordOp, word_diff

#: How far back in a file's history a fingerprint is looked for.
MAX_VERSIONS = 200


@dataclass(frozen=True)
class FieldDiff:
    """One field of a unit (title, body, content, rationale): its word diff, old -> today."""

    name: str
    ops: tuple[WordOp, ...]

    @property
    def changed(self) -> bool:
        return any(op.op != "equal" for op in self.ops)


@dataclass(frozen=True)
class StaleDiff:
    """A stale unit and what changed in its English since its translation was made.
    `fields` is empty when the English it was made from is not in the history."""

    kind: str  # "rule" | "example"
    id: str
    lang: str
    source: str  # the fingerprint the translation records
    commit: str | None  # where that English was found
    fields: tuple[FieldDiff, ...]

    @property
    def found(self) -> bool:
        return self.commit is not None


def stale_diffs(root: Path, repo: Repo, lang: str, ids: set[str] | None = None) -> list[StaleDiff]:
    """A StaleDiff for every stale rule and example of `lang` (only `ids` when given)."""
    out = []
    versions = _History(root)
    for rule in sorted(repo.rules.values(), key=lambda r: r.id):
        tr = rule.translations.get(lang)
        if tr is None or repo.rule_state(rule, lang) != "stale" or (ids is not None and rule.id not in ids):
            continue
        found = _find(versions(rule.path), tr.source, lambda data, path, rid=rule.id: _rule_fields(data, path, rid))
        now = {"title": rule.title, "body": rule.body}
        out.append(_diff("rule", rule.id, lang, tr.source, found, now))
    for ex in sorted(repo.examples.values(), key=lambda e: e.id):
        tr = ex.translations.get(lang)
        if tr is None or repo.example_state(ex, lang) != "stale" or (ids is not None and ex.id not in ids and ex.rule not in ids):
            continue
        found = _find(versions(ex.path), tr.source, lambda data, path, eid=ex.id: _example_fields(data, path, eid))
        now = {"content": ex.content, "rationale": ex.rationale}
        out.append(_diff("example", ex.id, lang, tr.source, found, now))
    return out


def _diff(kind: str, id: str, lang: str, source: str, found: tuple[str, dict[str, str]] | None, now: dict[str, str]) -> StaleDiff:
    if found is None:
        return StaleDiff(kind, id, lang, source, None, ())
    commit, old = found
    fields = tuple(FieldDiff(name, tuple(word_diff(old.get(name, ""), text))) for name, text in now.items())
    return StaleDiff(kind, id, lang, source, commit, fields)


class _History:
    """The committed versions of each English file, newest first, read from git once per
    file however many of its units are stale (two git calls per file)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._versions: dict[str, list[tuple[str, str, bytes]]] = {}

    def __call__(self, path: str) -> list[tuple[str, str, bytes]]:
        """[(commit, path, data)] of `path`; empty without git or history."""
        if path not in self._versions:
            self._versions[path] = self._read(path)
        return self._versions[path]

    def _read(self, path: str) -> list[tuple[str, str, bytes]]:
        try:
            commits = git(self.root, "log", f"--max-count={MAX_VERSIONS}", "--format=%H", "--", path).decode().split()
            if not commits:
                return []
            batch = git(self.root, "cat-file", "--batch", input="".join(f"{c}:{path}\n" for c in commits).encode())
        except UsageError:
            return []  # not a git repository, or git cannot be run: no history to look in
        return [(commit, path, data) for commit, data in zip(commits, _blobs(batch)) if data is not None]


def _find(versions: list[tuple[str, str, bytes]], wanted: str, fields_of) -> tuple[str, dict[str, str]] | None:
    """The newest version with a unit whose fingerprint is `wanted`: (commit, its fields)."""
    for commit, path, data in versions:
        fields = fields_of(data, path)
        if fields is not None and fingerprint(*fields.values()) == wanted:
            return commit, fields
    return None


def _blobs(batch: bytes) -> list[bytes | None]:
    """The objects of `git cat-file --batch` output, in order; None for a missing one."""
    out: list[bytes | None] = []
    at = 0
    while at < len(batch):
        end = batch.index(b"\n", at)
        header = batch[at:end].split()
        if len(header) < 3 or header[-1] == b"missing":
            out.append(None)
            at = end + 1
            continue
        size = int(header[2])
        out.append(batch[end + 1 : end + 1 + size])
        at = end + 1 + size + 1
    return out


def _rule_fields(data: bytes, path: str, rule_id: str) -> dict[str, str] | None:
    located, body, _ = read_markdown("rule", path, data)
    if located is None or not isinstance(located.data, dict) or located.data.get("id") != rule_id:
        return None
    title = located.data.get("title")
    return {"title": title, "body": body} if isinstance(title, str) else None


def _example_fields(data: bytes, path: str, example_id: str) -> dict[str, str] | None:
    located, _ = read_yaml("examples", path, data)
    if located is None or not isinstance(located.data, dict):
        return None
    for item in located.data.get("examples") or []:
        if isinstance(item, dict) and item.get("id") == example_id:
            content, rationale = item.get("content"), item.get("rationale")
            if isinstance(content, str) and isinstance(rationale, str):
                return {"content": content, "rationale": rationale}
    return None
