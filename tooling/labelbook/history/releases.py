"""Releases of a guideline repository: git tags that parse as versions, read from git objects.

A release is never checked out: its files are read with `GitTree`, so building or
comparing old versions leaves the working tree, the index and the stash alone.
Every git failure a user can meet here (not a repository, a shallow clone, a missing
tag, a broken release) becomes an error message that says what to do about it.
"""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from labelbook.core.checks import check
from labelbook.history.diff import Changelog, Endpoint, diff
from labelbook.core.model import Repo
from labelbook.core.problems import ContentError, Pos, Problem, UsageError, did_you_mean
from labelbook.core.sources import GitTree, WorkingTree, git

try:  # the standard way to order versions; a strict fallback keeps labelbook usable without it
    from packaging.version import InvalidVersion, Version
except ImportError:  # pragma: no cover - packaging is a declared dependency
    Version = None  # type: ignore[assignment,misc]
    InvalidVersion = ValueError  # type: ignore[assignment,misc]

DEFAULT_PATTERN = "v*"
#: How the working tree is named on the command line and in the site's versions.
WORKTREE = "WORKTREE"
DEV = "dev"

_FETCH_HINT = (
    "run `git fetch --tags --unshallow` (or `git fetch --tags` in a full clone); "
    "in GitHub Actions give actions/checkout `fetch-depth: 0`"
)
_STRICT_VERSION = re.compile(r"^[vV]?(\d+(?:\.\d+)*)$")


@dataclass(frozen=True)
class Release:
    """A release tag. `version` is the tag without its prefix: v1.1.0 -> 1.1.0 (the site's folder name)."""

    tag: str
    version: str
    commit: str
    date: datetime | None
    prerelease: bool = False

    @property
    def endpoint(self) -> Endpoint:
        return Endpoint(label=self.tag, ref=self.tag, commit=self.commit, release=self.version, date=self.date)


def is_git_repository(root: Path) -> bool:
    """True when `root` is inside a git work tree (the site builds only `dev` otherwise)."""
    try:
        return git(Path(root), "rev-parse", "--is-inside-work-tree").strip() == b"true"
    except UsageError:
        return False


def require_git(root: Path) -> None:
    if not Path(root).is_dir():
        raise UsageError(f"{root}: no such folder")
    if not is_git_repository(root):
        raise UsageError(
            f"{root} is not a git repository, so it has no releases to compare. "
            "Releases are git tags such as v1.0.0: run `git init`, commit the guidelines and "
            "`git tag v1.0.0`, or run labelbook inside a clone of the guideline repository (-C DIR)"
        )


def is_shallow(root: Path) -> bool:
    return git(Path(root), "rev-parse", "--is-shallow-repository").strip() == b"true"


def parse_version(tag: str, pattern: str = DEFAULT_PATTERN) -> tuple[object, str] | None:
    """(sort key, version name) of a tag, or None when the tag is not a version.

    The literal start of the pattern is taken off first, so `--tags 'release-*'`
    accepts release-1.2 as version 1.2.
    """
    prefix = re.split(r"[*?\[]", pattern, maxsplit=1)[0]
    text = tag[len(prefix) :] if prefix and prefix.lower() != "v" and tag.startswith(prefix) else tag
    name = text[1:] if text[:1] in "vV" and text[1:2].isdigit() else text
    if Version is not None:
        try:
            return Version(name), name
        except InvalidVersion:
            return None
    m = _STRICT_VERSION.match(name)
    return (tuple(int(x) for x in m[1].split(".")), name) if m else None


def list_releases(root: Path, pattern: str = DEFAULT_PATTERN) -> list[Release]:
    """Tags matching `pattern` that parse as versions, newest version first.

    Refuses a shallow clone: it has only some tags and commits, and a site or a changelog
    made from it would silently leave releases out.
    """
    root = Path(root)
    require_git(root)
    if is_shallow(root):
        raise UsageError(f"{root} is a shallow clone: its history and release tags are incomplete. To see every release, {_FETCH_HINT}")
    fmt = "%(refname:strip=2)%00%(objecttype)%00%(objectname)%00%(*objecttype)%00%(*objectname)%00%(taggerdate:iso-strict)%00%(committerdate:iso-strict)%00%(*committerdate:iso-strict)"
    out = git(root, "for-each-ref", f"--format={fmt}", "refs/tags/").decode("utf-8", "replace")
    found: list[tuple[object, Release]] = []
    for line in out.splitlines():
        tag, kind, obj, peeled_kind, peeled, tagger_date, commit_date, peeled_date = line.split("\0")
        if not fnmatch.fnmatchcase(tag, pattern):
            continue
        parsed = parse_version(tag, pattern)
        if parsed is None:
            continue
        # An annotated tag carries its own date (when it was released); a lightweight one
        # has only its commit's date.
        if kind == "tag" and peeled_kind == "commit":
            commit, date = peeled, tagger_date or peeled_date
        elif kind == "commit":
            commit, date = obj, commit_date
        else:
            continue  # a tag of a tree or blob is no release
        key, name = parsed
        pre = bool(getattr(key, "is_prerelease", False))
        found.append((key, Release(tag, name, commit, _date(date), pre)))
    found.sort(key=lambda kr: (kr[0], kr[1].tag), reverse=True)
    return [r for _, r in found]


def _date(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text) if text else None
    except ValueError:
        return None


def is_worktree(ref: str | None) -> bool:
    return ref is None or ref == "" or ref == WORKTREE


def resolve(root: Path, ref: str) -> str:
    """The commit a ref names, or a UsageError that helps find the right one."""
    root = Path(root)
    if ref.startswith("-"):
        raise UsageError(f"'{ref}' is not a git ref (refs do not start with '-')")
    try:
        return git(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}").decode().strip()
    except UsageError:
        pass
    tags = git(root, "tag", "--list").decode("utf-8", "replace").split()
    branches = git(root, "for-each-ref", "--format=%(refname:short)", "refs/heads/", "refs/remotes/").decode("utf-8", "replace").split()
    msg = f"'{ref}' is not a tag, branch or commit of this repository{did_you_mean(ref, tags + branches)}"
    if is_shallow(root):
        msg += f". This is a shallow clone, so older tags and commits are missing: {_FETCH_HINT}"
    elif not tags:
        msg += ". This clone has no tags at all: run `git fetch --tags`"
    else:
        recent = ", ".join(sorted(tags, reverse=True)[:8])
        msg += f". Tags here: {recent}"
    raise UsageError(msg)


def _release_for(root: Path, commit: str, ref: str, pattern: str) -> Release | None:
    """The release a ref names, when it is one of the release tags."""
    try:
        releases = list_releases(root, pattern)
    except UsageError:
        return None
    return next((r for r in releases if r.tag == ref and r.commit == commit), None)


def previous_release(root: Path, ref: str | None, pattern: str = DEFAULT_PATTERN) -> Release | None:
    """The release a version is compared against on its "What changed" page.

    For the working tree: the newest release. For a release tag: the next older
    release. For any other commit: the newest release it contains (its history
    reaches the tag), other than the commit itself.
    """
    releases = list_releases(root, pattern)
    if is_worktree(ref):
        return releases[0] if releases else None
    assert ref is not None
    for i, r in enumerate(releases):
        if r.tag == ref:
            return releases[i + 1] if i + 1 < len(releases) else None
    commit = resolve(root, ref)
    for r in releases:
        if r.commit != commit and _is_ancestor(root, r.commit, commit):
            return r
    return None


def _is_ancestor(root: Path, older: str, newer: str) -> bool:
    try:
        git(Path(root), "merge-base", "--is-ancestor", older, newer)
        return True
    except UsageError:
        return False


def newest_release(root: Path, pattern: str = DEFAULT_PATTERN) -> Release:
    """The default start of a changelog; a clear error when there is none."""
    releases = list_releases(root, pattern)
    if releases:
        return releases[0]
    tags = git(Path(root), "tag", "--list").decode("utf-8", "replace").split()
    if not tags:
        raise UsageError(
            "there is no release to compare with: this repository has no git tags. "
            "If its releases are tagged on the remote, run `git fetch --tags` "
            "(in GitHub Actions give actions/checkout `fetch-depth: 0`); otherwise name the versions: "
            "`labelbook changelog FROM..TO`"
        )
    raise UsageError(
        f"no tag matches the release pattern '{pattern}' and parses as a version "
        f"(tags here: {', '.join(sorted(tags)[:8])}); pass --tags GLOB or name the versions: `labelbook changelog FROM..TO`"
    )


def load_tree(root: Path, ref: str | None, pattern: str = DEFAULT_PATTERN) -> tuple[Repo, Endpoint]:
    """A checked `Repo` of a git ref (read from git objects) or of the working tree.

    A tree with errors raises ContentError whose problems name the ref (`v1.0.0:path`,
    git's own notation), so nobody goes looking for the error in today's files.
    """
    root = Path(root)
    if is_worktree(ref):
        loaded = check(WorkingTree(root))
        endpoint = _worktree_endpoint()
        where, prefix = "the working tree", ""
    else:
        assert ref is not None
        commit = resolve(root, ref)
        release = _release_for(root, commit, ref, pattern)
        loaded = check(GitTree(root, commit))
        endpoint = release.endpoint if release else Endpoint(label=ref, ref=ref, commit=commit, release=None, date=_commit_date(root, commit))
        where, prefix = (f"release {ref}" if release else f"'{ref}'"), f"{ref}:"
    errors = [p for p in loaded.problems if p.severity == "error"]
    if loaded.repo is None or errors:
        shown = [_prefixed(p, prefix) for p in (errors or loaded.problems)]
        hint = "" if not prefix else " (they are in that version as committed, not in your working files: compare other versions, or fix them and tag a new release)"
        raise ContentError(f"{where} has errors, so it cannot be compared; they are listed above{hint}", shown)
    loaded.repo.label = endpoint.label
    return loaded.repo, endpoint


def _worktree_endpoint() -> Endpoint:
    return Endpoint(label="working tree", ref=None, commit=None, release=None, date=None)


def _prefixed(p: Problem, prefix: str) -> Problem:
    return Problem(Pos(prefix + p.pos.path, p.pos.line, p.pos.col), p.severity, p.code, p.message) if prefix else p


def _commit_date(root: Path, commit: str) -> datetime | None:
    return _date(git(Path(root), "show", "-s", "--format=%cI", commit).decode().strip())


def compare(root: Path, old: str | None, new: str | None, pattern: str = DEFAULT_PATTERN, *, worktree: Repo | None = None) -> Changelog:
    """The changelog from ref `old` to ref `new` (None: the working tree), both checked.

    `worktree`: the working tree, already loaded and checked by the caller (a site build
    has it), used when `new` is the working tree instead of loading it a second time.
    """
    if old is not None or new is not None:
        require_git(root)
    old_repo, old_end = load_tree(root, old, pattern)
    if worktree is not None and is_worktree(new):
        new_repo, new_end = worktree, _worktree_endpoint()
    else:
        new_repo, new_end = load_tree(root, new, pattern)
    return diff(old_repo, new_repo, old_end, new_end)


def since_previous_release(root: Path, ref: str | None, pattern: str = DEFAULT_PATTERN, *, worktree: Repo | None = None) -> Changelog | None:
    """A version's "What changed" page: `ref` (None: the working tree) against the release
    before it; None for the first release. `worktree`: see `compare`."""
    previous = previous_release(root, ref, pattern)
    return None if previous is None else compare(root, previous.tag, ref, pattern, worktree=worktree)


def worktree_version(root: Path, pattern: str = DEFAULT_PATTERN) -> str:
    """The version the working tree's guidelines are: a release when HEAD is that release's
    commit and no guideline file differs from it, else `dev`. Quiz items carry it, so a
    trainer's results map back to the version people were trained on."""
    root = Path(root)
    if not is_git_repository(root):
        return DEV
    try:
        head = git(root, "rev-parse", "--verify", "--quiet", "HEAD^{commit}").decode().strip()
        changed = git(root, "status", "--porcelain", "--untracked-files=all", "--", "guidelines", "examples").strip()
        found = list_releases(root, pattern) if head and not changed else []
    except UsageError:
        return DEV
    return next((r.version for r in found if r.commit == head), DEV)
