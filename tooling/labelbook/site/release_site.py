"""One release of a versioned site, built from git objects: what its pages depend on (the
key by which an unchanged release is reused), its files, and its build.

A release's files come from `git archive` of the tag's commit into a temporary folder: the
working tree, the index and the stash are never touched.
"""

from __future__ import annotations

import hashlib
import io
import json
import tarfile
import tempfile
from importlib import metadata
from pathlib import Path
from typing import Iterable

from labelbook import __version__
from labelbook.core.problems import LabelbookError
from labelbook.core.sources import git
from labelbook.history import releases
from labelbook.site.build import CONFIG_NAME, build_site
from labelbook.site.history import NO_RELEASE, UNREADABLE
from labelbook.site.output import CONTENT_FOLDERS


def cache_keys(root: Path, found: list[releases.Release], pattern: str) -> list[str]:
    """What each release's pages depend on: its tree, the tree it is compared with, the tools."""
    trees = git(root, "rev-parse", *(f"{r.commit}^{{tree}}" for r in found)).decode().split() if found else []
    tools = {name: _dist_version(name) for name in ("mkdocs", "mkdocs-material", "pymdown-extensions", "babel")}
    keys = []
    for i, release in enumerate(found):
        inputs = {"tree": trees[i], "previous": trees[i + 1] if i + 1 < len(found) else None, "labelbook": __version__,
                  "tools": tools, "tags": pattern, "version": release.version}  # fmt: skip
        keys.append(hashlib.sha256(json.dumps(inputs, sort_keys=True).encode()).hexdigest())
    return keys


def _dist_version(name: str) -> str | None:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def export(root: Path, commit: str, into: Path) -> None:
    """The files of `commit`, from git objects (no checkout), links left out.

    A link where labelbook reads (mkdocs.yml, a content folder) makes the release
    unbuildable: nothing is read through a link. Links elsewhere are not needed.
    """
    data = git(root, "archive", "--format=tar", commit)
    try:
        with tarfile.open(fileobj=io.BytesIO(data)) as tar:
            members = []
            for member in tar.getmembers():
                if member.issym() or member.islnk():
                    if member.name == CONFIG_NAME or member.name.split("/", 1)[0] in CONTENT_FOLDERS:
                        raise LabelbookError(f"{_printable(member.name)} is a symbolic link; labelbook reads no file through a link")
                elif member.isfile() or member.isdir():
                    members.append(member)
            tar.extractall(into, members=members, filter="data")
    except tarfile.TarError as exc:
        raise LabelbookError(f"its files cannot be read from git: {exc}") from exc


def _printable(text: str) -> str:
    return "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in text)


def build_release(
    root: Path,
    release: releases.Release,
    previous: releases.Release | None,
    pattern: str,
    into: Path,
    strict: bool,
    allow_plugins: Iterable[str],
) -> None:
    """The site of `release` into `into`; "What changed" compares it with `previous`."""
    repo, _ = releases.load_tree(root, release.tag, pattern)
    changes: tuple[object, str | None] = (None, NO_RELEASE)
    if previous is not None:
        try:
            changes = (releases.compare(root, previous.tag, release.tag, pattern), None)
        except LabelbookError:  # the previous release is broken: this one still builds
            changes = (None, UNREADABLE)
    with tempfile.TemporaryDirectory(prefix="labelbook-release-") as tmp:
        tree = Path(tmp) / "tree"
        export(root, release.commit, tree)
        build_site(
            tree,
            into,
            strict=strict,
            repo=repo,
            version=release.version,
            release_date=release.date.date() if release.date else None,
            versioned=True,
            changes=changes,
            allow_plugins=allow_plugins,
        )
