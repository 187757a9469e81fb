"""`labelbook build --versions`: every release tag and the working tree in one folder.

    SITE/<version>/        each release (English at its root, translations under <lang>/)
    SITE/dev/              the working tree
    SITE/latest/           the newest release, again (mike's alias)
    SITE/versions.json     mike's format, so Material's version selector works
    SITE/index.html        redirects to latest/

Releases are read straight from git objects (`git archive` of the tag's commit into a
temporary folder): the working tree, the index and the stash are never touched. A release
whose inputs have not changed since the last build is reused from the previous SITE.

A release tag is history that cannot be fixed: one whose tree cannot be built (content
errors, a symbolic link, a mkdocs.yml that is broken or unsafe) is reported and left out,
and the others are built; the caller makes that exit 1. The working tree must build: when
it does not, nothing is written. The folder is swapped in whole, so a failed build leaves
the previous site as it was.
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
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Callable, Iterable, TextIO

from labelbook import __version__
from labelbook.history import releases
from labelbook.core.problems import ContentError, LabelbookError, Pos, Problem
from labelbook.core.sources import git
from labelbook.site.build import CONFIG_NAME, build_site, checked_repo
from labelbook.site.history import NO_RELEASE, UNREADABLE
from labelbook.site.output import CONTENT_FOLDERS, site_folder, swap, temporary_folder

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
    prerelease: bool = False


@dataclass
class Skipped:
    """A release left out of the site: why, and the located problems of its files, if any."""

    tag: str
    reason: str
    problems: list[Problem] = field(default_factory=list)


@dataclass
class VersionsSite:
    path: Path
    built: list[VersionBuild]
    skipped: list[Skipped]


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


def _reuse(old: Path, new: Path) -> None:
    """Copy a previous build of a version: hard links where the file system allows (fast).

    Links are left out: labelbook writes none, and a link planted in the site folder
    would otherwise be followed and its target copied into the site.
    """

    def links(folder: str, names: list[str]) -> list[str]:
        return [n for n in names if os.path.islink(os.path.join(folder, n))]

    try:
        shutil.copytree(old, new, copy_function=os.link, ignore=links)
    except OSError:
        shutil.rmtree(new, ignore_errors=True)
        shutil.copytree(old, new, ignore=links)


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


def build_versions(
    root: Path,
    site_dir: Path | None = None,
    *,
    pattern: str = releases.DEFAULT_PATTERN,
    strict: bool = False,
    allow_plugins: Iterable[str] = (),
    out: TextIO | None = None,
) -> VersionsSite:
    """Build every release and the working tree into `site_dir`; the releases that could
    not be built are left out and listed in the result. Progress goes to `out` (default:
    standard error, as it is when called, not when this module was imported)."""
    root = Path(root).resolve()
    say = _say(out or sys.stderr)
    target = site_folder(root, Path(site_dir) if site_dir else root / "site")
    found = _release_list(root, pattern, say)
    dev_repo = checked_repo(root, allow_plugins)  # the working tree must be fine before anything is built
    old_manifest = _read_manifest(target) if target.is_dir() else {}
    manifest: dict[str, dict] = {}
    built: list[VersionBuild] = [VersionBuild(DEV, DEV, [])]
    skipped: list[Skipped] = []
    total = len(found) + 1
    with temporary_folder(target) as staging:
        try:
            for i, release in enumerate(found, 1):
                previous = found[i] if i < len(found) else None
                step = f"[{i}/{total}] {release.version} ({release.tag}):"
                try:
                    built.append(_build_release(root, release, previous, pattern, staging, target, old_manifest, manifest, strict, allow_plugins, step, say))
                except Exception as exc:  # noqa: BLE001 - see _skip
                    shutil.rmtree(staging / release.version, ignore_errors=True)
                    skipped.append(_skip(release, exc, step, say))
            say(f"[{total}/{total}] {DEV}: building the working tree")
            build_site(root, staging / DEV, strict=strict, repo=dev_repo, version=DEV, versioned=True, allow_plugins=allow_plugins)
            latest = next((b for b in built[1:] if not b.prerelease), built[1] if len(built) > 1 else None)
            if latest is not None:
                latest.aliases.append(LATEST)
                _reuse(staging / latest.version, staging / LATEST)
            (staging / "index.html").write_text(_REDIRECT.format(target=LATEST + "/" if latest else DEV + "/"), encoding="utf-8")
            versions = [{"version": b.version, "title": b.title, "aliases": b.aliases} for b in built]
            (staging / "versions.json").write_text(json.dumps(versions, indent=2) + "\n", encoding="utf-8")
            (staging / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        except BaseException:
            if target.exists():
                say(f"the previous site in {target} is unchanged")
            raise
        swap(staging, target)
    reused = sum(b.cached for b in built)
    left_out = f"; {len(skipped)} release(s) left out: {', '.join(s.tag for s in skipped)}" if skipped else ""
    say(f"{len(built)} versions written to {target} ({reused} reused from the last build, {len(built) - reused} built){left_out}")
    return VersionsSite(target, built, skipped)


def _skip(release: releases.Release, exc: Exception, step: str, say: Callable[[str], None]) -> Skipped:
    """A release that cannot be built, reported and left out.

    Any exception, not only labelbook's own: the tag's files never change, so a tree that
    crashes MkDocs would otherwise stop every later build of every version.
    """
    if isinstance(exc, ContentError) and exc.problems:
        prefix = f"{release.tag}:"
        problems = [p if p.pos.path.startswith(prefix) else Problem(Pos(prefix + p.pos.path, p.pos.line, p.pos.col), p.severity, p.code, p.message) for p in exc.problems]
        reason = f"its files have {sum(p.severity == 'error' for p in problems)} error(s), listed above"
    elif isinstance(exc, LabelbookError):
        problems, reason = [], str(exc)
    else:
        problems, reason = [], f"building it failed: {type(exc).__name__}: {exc}"
    say(f"{step} left out of the site: {reason}")
    return Skipped(release.tag, reason, problems)


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
    allow_plugins: Iterable[str],
    step: str,
    say: Callable[[str], None],
) -> VersionBuild:
    key = _cache_key(root, release, previous, pattern)
    entry = {"tag": release.tag, "commit": release.commit, "key": key}
    if old_manifest.get(release.version, {}).get("key") == key and (target / release.version / "index.html").is_file():
        _reuse(target / release.version, staging / release.version)
        manifest[release.version] = entry
        say(f"{step} unchanged since the last build, reused")
        return VersionBuild(release.version, release.version, [], cached=True, prerelease=release.prerelease)
    say(f"{step} building from git")
    repo, _ = releases.load_tree(root, release.tag, pattern)
    changes: tuple[object, str | None] = (None, NO_RELEASE)
    if previous is not None:
        try:
            changes = (releases.compare(root, previous.tag, release.tag, pattern), None)
        except LabelbookError:  # the previous release is broken: this one still builds
            changes = (None, UNREADABLE)
    with tempfile.TemporaryDirectory(prefix="labelbook-release-") as tmp:
        tree = Path(tmp) / "tree"
        _export(root, release.commit, tree)
        build_site(
            tree,
            staging / release.version,
            strict=strict,
            repo=repo,
            version=release.version,
            release_date=release.date.date() if release.date else None,
            versioned=True,
            changes=changes,
            allow_plugins=allow_plugins,
        )
    manifest[release.version] = entry
    return VersionBuild(release.version, release.version, [], prerelease=release.prerelease)
