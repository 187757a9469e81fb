"""`labelbook build --versions`: every release tag and the working tree in one folder.

    SITE/<version>/        each release (English at its root, translations under <lang>/)
    SITE/dev/              the working tree
    SITE/latest/           the newest release, again (mike's alias)
    SITE/versions.json     mike's format, so Material's version selector works
    SITE/index.html        redirects to latest/
    SITE/assets/<hash>/    the assets the versions share (not with `copy_assets`)

Releases are read straight from git objects (`site.release_site`): the working tree, the
index and the stash are never touched. A release whose inputs have not changed since the last build is taken over from the previous SITE
(`site.reuse`). The assets of every version and language are one copy per content, in
SITE/assets/<hash>/ (`site.shared_assets`), unless `copy_assets` keeps them in each folder.

A release tag is history that cannot be fixed: one whose tree cannot be built (content
errors, a symbolic link, a mkdocs.yml that is broken or unsafe) is reported and left out,
and the others are built; the caller makes that exit 1. The working tree must build: when
it does not, nothing is written. The folder is swapped in whole, so a failed build leaves
the previous site as it was.
"""

from __future__ import annotations

import gc
import json
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, TextIO

from labelbook.history import releases
from labelbook.core.problems import ContentError, LabelbookError, Pos, Problem, UsageError
from labelbook.site.build import build_site, checked_repo
from labelbook.site.output import clear_stale, site_folder, swap, temporary_folder
from labelbook.site.release_site import build_release, cache_keys
from labelbook.site.reuse import COPY, Previous, Takeover, assets_of, link_copy, read_previous, write_manifest
from labelbook.site.shared_assets import SHARED_DIR, name_alias, share

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
    copy_assets: bool = False,
    keep: int | None = None,
    out: TextIO | None = None,
) -> VersionsSite:
    """Build every release and the working tree into `site_dir`; the releases that could
    not be built are left out and listed in the result. `copy_assets`: every version folder
    with its own assets, as a host that serves each version alone needs. `keep`: only the
    newest `keep` releases (and the one `latest` names). Progress goes to `out` (default:
    standard error, as it is when called, not when this module was imported)."""
    root = Path(root).resolve()
    say = _say(out or sys.stderr)
    if keep is not None and keep < 1:
        raise UsageError(f"--keep {keep}: keep at least the newest release (--keep 1), or leave --keep out to keep them all")
    target = site_folder(root, Path(site_dir) if site_dir else root / "site")
    found = _release_list(root, pattern, say)
    dev_repo = checked_repo(root, allow_plugins)  # the working tree must be fine before anything is built
    keys = cache_keys(root, found, pattern)
    kept = _kept(found, keep)
    clear_stale(target)  # a killed build's moves are put back before the previous site is read
    previous = read_previous(target) if target.is_dir() else Previous(target)
    manifest: dict[str, dict] = {}
    built: list[VersionBuild] = [VersionBuild(DEV, DEV, [])]
    skipped: list[Skipped] = []
    total = len(kept) + 1
    with temporary_folder(target) as staging:
        takeover = Takeover(target, staging)
        try:
            for n, i in enumerate(kept, 1):
                release = found[i]
                step = f"[{n}/{total}] {release.version} ({release.tag}):"
                entry = {"tag": release.tag, "commit": release.commit, "key": keys[i]}
                try:
                    built.append(_release(root, found, i, pattern, staging, previous, takeover, entry, strict, allow_plugins, copy_assets, step, say))
                    manifest[release.version] = entry
                except Exception as exc:  # noqa: BLE001 - see _skip
                    shutil.rmtree(staging / release.version, ignore_errors=True)
                    skipped.append(_skip(release, exc, step, say))
            say(f"[{total}/{total}] {DEV}: building the working tree")
            build_site(root, staging / DEV, strict=strict, repo=dev_repo, version=DEV, versioned=True, allow_plugins=allow_plugins)
            manifest[DEV] = {"key": None, "assets": COPY if copy_assets else share(staging, DEV)}
            latest = next((b for b in built[1:] if not b.prerelease), built[1] if len(built) > 1 else None)
            if latest is not None:
                latest.aliases.append(LATEST)
                if previous.latest == latest.version and takeover.has(latest.version) and (target / LATEST / "index.html").is_file():
                    takeover.want(LATEST)
            _drop_unused(staging, manifest)
            takeover.move()
            if latest is not None and not (staging / LATEST).exists():
                link_copy(staging / latest.version, staging / LATEST)
                if not copy_assets:
                    name_alias(staging, latest.version, LATEST)
            (staging / "index.html").write_text(_REDIRECT.format(target=LATEST + "/" if latest else DEV + "/"), encoding="utf-8")
            versions = [{"version": b.version, "title": b.title, "aliases": b.aliases} for b in built]
            (staging / "versions.json").write_text(json.dumps(versions, indent=2) + "\n", encoding="utf-8")
            write_manifest(staging, manifest, latest.version if latest else None)
            swap(staging, target)
        except BaseException:
            takeover.undo()
            if target.exists():
                say(f"the previous site in {target} is unchanged")
            raise
        takeover.done()
    reused = sum(b.cached for b in built)
    notes = [f"{len(skipped)} release(s) left out: {', '.join(s.tag for s in skipped)}"] if skipped else []
    if len(kept) < len(found):
        notes.append(f"{len(found) - len(kept)} older release(s) not kept (--keep {keep})")
    trees = len({h for e in manifest.values() if isinstance(e["assets"], dict) for h in e["assets"].values()})
    notes.append("each version has its own assets (--copy-assets)" if copy_assets else f"their assets: {trees} shared cop{'y' if trees == 1 else 'ies'} in {SHARED_DIR}/")
    say(f"{len(built)} versions written to {target} ({reused} reused from the last build, {len(built) - reused} built); {'; '.join(notes)}")
    return VersionsSite(target, built, skipped)


def _kept(found: list[releases.Release], keep: int | None) -> list[int]:
    """Indexes in `found` of the releases to build: the newest `keep`, and the newest that is
    not a pre-release when none of those is (`latest`, the version in force, stays)."""
    if keep is None or keep >= len(found):
        return list(range(len(found)))
    kept = list(range(keep))
    if all(found[i].prerelease for i in kept):
        kept += [i for i in range(keep, len(found)) if not found[i].prerelease][:1]
    return kept


def _drop_unused(staging: Path, manifest: dict[str, dict]) -> None:
    """Shared trees that no version of the new site uses (one that failed halfway made them)."""
    used = {h for e in manifest.values() if isinstance(e["assets"], dict) for h in e["assets"].values()}
    shared = staging / SHARED_DIR
    if shared.is_dir():
        for tree in shared.iterdir():
            if tree.name not in used:
                shutil.rmtree(tree)


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


def _release(
    root: Path,
    found: list[releases.Release],
    i: int,
    pattern: str,
    staging: Path,
    previous: Previous,
    takeover: Takeover,
    entry: dict,
    strict: bool,
    allow_plugins: Iterable[str],
    copy_assets: bool,
    step: str,
    say: Callable[[str], None],
) -> VersionBuild:
    """The release `found[i]` in the new site: taken over from the previous one when its
    inputs did not change, else built; its `assets` go into `entry`."""
    release = found[i]
    done = VersionBuild(release.version, release.version, [], prerelease=release.prerelease)
    old = previous.entry(release.version, entry["key"])
    assets = assets_of(old) if old is not None else None
    trees = sorted(set(assets.values())) if isinstance(assets, dict) else []
    if assets is not None and (assets == COPY) == copy_assets and all((previous.target / SHARED_DIR / h).is_dir() for h in trees):
        # As it was: moved into the new site at the end (site.reuse), with its shared trees.
        takeover.want(release.version)
        for h in trees:
            takeover.want(f"{SHARED_DIR}/{h}")
        entry["assets"] = assets
        say(f"{step} unchanged since the last build, reused")
        done.cached = True
        return done
    if assets == COPY and not copy_assets:
        # Built before assets were shared: its pages are the same, its assets go to the shared trees.
        link_copy(previous.target / release.version, staging / release.version)
        entry["assets"] = share(staging, release.version)
        say(f"{step} unchanged since the last build, reused (its assets now shared)")
        done.cached = True
        return done
    say(f"{step} building from git")
    build_release(root, release, found[i + 1] if i + 1 < len(found) else None, pattern, staging / release.version, strict, allow_plugins)
    # One process builds every release. The build froze the heap before it forked its
    # translated site (`parallel.start`): unfrozen and collected now, or each release's
    # garbage in cycles would stay for good (3.4 GB after 200 releases of 100 rules).
    gc.unfreeze()
    gc.collect()
    entry["assets"] = COPY if copy_assets else share(staging, release.version)
    return done
