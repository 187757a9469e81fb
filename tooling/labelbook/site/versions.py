"""`labelbook build --versions`: every release tag and the working tree in one folder.

    SITE/<version>/        each release (English at its root, translations under <lang>/)
    SITE/dev/              the working tree
    SITE/latest/           the newest release, again (mike's alias)
    SITE/versions.json     mike's format, so Material's version selector works
    SITE/index.html        redirects to latest/

Releases are read straight from git objects (`git archive` of the tag's commit into a
temporary folder): the working tree, the index and the stash are never touched. A release
whose inputs have not changed since the last build is reused from the previous SITE, and
the whole folder is swapped in only when every version built: a failed build leaves the
previous site as it was.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import sys
import tarfile
import tempfile
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Callable, TextIO

from labelbook import __version__
from labelbook.history import releases
from labelbook.core.problems import LabelbookError, UsageError
from labelbook.core.sources import git
from labelbook.site.build import build_site, checked_repo, swap
from labelbook.site.history import NO_RELEASE

MANIFEST = ".labelbook-versions.json"
DEV = "dev"
LATEST = "latest"

_REDIRECT = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Redirecting to the latest version</title>
<noscript><meta http-equiv="refresh" content="0; url={target}"></noscript>
<script>window.location.replace("{target}" + window.location.search + window.location.hash);</script>
</head>
<body><p>Redirecting to <a href="{target}">the latest version</a>…</p></body>
</html>
"""


@dataclass
class VersionBuild:
    version: str
    title: str
    aliases: list[str]
    cached: bool = False


def _say(out: TextIO) -> Callable[[str], None]:
    return lambda msg: print(f"labelbook: {msg}", file=out, flush=True)


def _cache_key(root: Path, release: releases.Release, previous: releases.Release | None, pattern: str) -> str:
    """What a release's pages depend on: its tree, the tree it is compared with, the tools."""
    trees = [git(root, "rev-parse", f"{r.commit}^{{tree}}").decode().strip() if r else None for r in (release, previous)]
    tools = {name: _dist_version(name) for name in ("mkdocs", "mkdocs-material", "pymdown-extensions", "babel")}
    inputs = {"tree": trees[0], "previous": trees[1], "labelbook": __version__, "tools": tools, "tags": pattern, "version": release.version}
    return hashlib.sha256(json.dumps(inputs, sort_keys=True).encode()).hexdigest()


def _dist_version(name: str) -> str | None:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def _export(root: Path, commit: str, into: Path) -> None:
    """The files of `commit`, from git objects (no checkout)."""
    data = git(root, "archive", "--format=tar", commit)
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        tar.extractall(into, filter="data")


def _reuse(old: Path, new: Path) -> None:
    """Copy a previous build of a version: hard links where the file system allows (fast)."""
    try:
        shutil.copytree(old, new, copy_function=os.link)
    except OSError:
        shutil.rmtree(new, ignore_errors=True)
        shutil.copytree(old, new)


def _read_manifest(target: Path) -> dict:
    try:
        data = json.loads((target / MANIFEST).read_text("utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def _release_list(root: Path, pattern: str, say: Callable[[str], None]) -> list[releases.Release]:
    if not releases.is_git_repository(root):
        say(f"{root} is not a git repository: building only '{DEV}' (the working tree)")
        return []
    found = releases.list_releases(root, pattern)
    if not found:
        say(f"no release tags match '{pattern}': building only '{DEV}'. In a clone, `git fetch --tags` fetches them")
    return found


def build_versions(root: Path, site_dir: Path | None = None, *, pattern: str = releases.DEFAULT_PATTERN, strict: bool = False, out: TextIO = sys.stderr) -> Path:
    """Build every release and the working tree into `site_dir`; returns the folder."""
    root = Path(root).resolve()
    say = _say(out)
    found = _release_list(root, pattern, say)
    dev_repo = checked_repo(root)  # the working tree must be fine before anything is built
    target = Path(site_dir).resolve() if site_dir else root / "site"
    if target.exists() and not target.is_dir():
        raise UsageError(f"{target}: exists and is not a folder")
    if root == target or root.is_relative_to(target):
        raise UsageError(f"{target}: the site folder must not contain the guidelines")
    target.parent.mkdir(parents=True, exist_ok=True)
    old_manifest = _read_manifest(target) if target.is_dir() else {}
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".labelbook-tmp", dir=target.parent))
    manifest: dict[str, dict] = {}
    latest = next((r for r in found if not r.prerelease), found[0] if found else None)
    built: list[VersionBuild] = [VersionBuild(DEV, DEV, [])]
    total = len(found) + 1
    try:
        for i, release in enumerate(found, 1):
            previous = found[i] if i < len(found) else None
            aliases = [LATEST] if release is latest else []
            built.append(_build_release(root, release, previous, pattern, staging, target, old_manifest, manifest, strict, aliases, f"[{i}/{total}]", say))
        say(f"[{total}/{total}] {DEV}: building the working tree")
        build_site(root, staging / DEV, strict=strict, repo=dev_repo, version=DEV, versioned=True)
        if latest is not None:
            _reuse(staging / latest.version, staging / LATEST)
        entry = latest.version + "/" if latest else DEV + "/"
        (staging / "index.html").write_text(_REDIRECT.format(target=LATEST + "/" if latest else entry), encoding="utf-8")
        versions = [{"version": b.version, "title": b.title, "aliases": b.aliases} for b in built]
        (staging / "versions.json").write_text(json.dumps(versions, indent=2) + "\n", encoding="utf-8")
        (staging / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        if target.exists():
            say(f"the previous site in {target} is unchanged")
        raise
    swap(staging, target)
    reused = sum(b.cached for b in built)
    say(f"{len(built)} versions written to {target} ({reused} reused from the last build, {len(built) - reused} built)")
    return target


def _build_release(
    root: Path,
    release: releases.Release,
    previous: releases.Release | None,
    pattern: str,
    staging: Path,
    target: Path,
    old_manifest: dict,
    manifest: dict,
    strict: bool,
    aliases: list[str],
    step: str,
    say: Callable[[str], None],
) -> VersionBuild:
    key = _cache_key(root, release, previous, pattern)
    manifest[release.version] = {"tag": release.tag, "commit": release.commit, "key": key}
    if old_manifest.get(release.version, {}).get("key") == key and (target / release.version / "index.html").is_file():
        _reuse(target / release.version, staging / release.version)
        say(f"{step} {release.version} ({release.tag}): unchanged since the last build, reused")
        return VersionBuild(release.version, release.version, aliases, cached=True)
    say(f"{step} {release.version} ({release.tag}): building from git")
    repo, _ = releases.load_tree(root, release.tag, pattern)
    if previous is not None:
        changes = (releases.compare(root, previous.tag, release.tag, pattern), None)
    else:
        changes = (None, NO_RELEASE)
    with tempfile.TemporaryDirectory(prefix="labelbook-release-") as tmp:
        tree = Path(tmp) / "tree"
        _export(root, release.commit, tree)
        try:
            build_site(
                tree,
                staging / release.version,
                strict=strict,
                repo=repo,
                version=release.version,
                release_date=release.date.date() if release.date else None,
                versioned=True,
                changes=changes,
            )
        except LabelbookError as exc:
            raise LabelbookError(f"release {release.tag}: {exc}") from exc
    return VersionBuild(release.version, release.version, aliases)
