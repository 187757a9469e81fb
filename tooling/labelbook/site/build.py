"""`labelbook build` and `labelbook serve`: MkDocs with the labelbook plugin.

They equal `mkdocs build` / `mkdocs serve` on the repository's `mkdocs.yml`, with two
additions: they work without a `mkdocs.yml` (SPEC's minimal one is used), and `build`
never destroys the previous site: it builds into a temporary folder beside SITE and swaps
it in only when the build succeeded.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import shutil
import tempfile
import uuid
from pathlib import Path
from typing import Any, Iterator

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, ConfigurationError, MkDocsException

from labelbook.core.checks import checked
from labelbook.core.model import Repo
from labelbook.core.problems import LabelbookError, UsageError
from labelbook.site.plugin import LabelbookPlugin, labelbook_plugin

log = logging.getLogger("mkdocs.plugins.labelbook")

CONFIG_NAME = "mkdocs.yml"


def checked_repo(root: Path) -> Repo:
    """The repository, or a ContentError with every error (printed as problem lines)."""
    return checked(root, doing=", so the site was not built").repo


@contextlib.contextmanager
def config_file(root: Path, repo: Repo) -> Iterator[Path]:
    """The repository's mkdocs.yml, or SPEC's minimal one written to a temporary file."""
    own = root / CONFIG_NAME
    if own.is_file():
        yield own
        return
    # Outside the repository, so that nothing is written into it; docs_dir is absolute.
    with tempfile.TemporaryDirectory(prefix="labelbook-config-") as tmp:
        path = Path(tmp) / CONFIG_NAME
        path.write_text(minimal_config(root, repo), encoding="utf-8")
        yield path


def minimal_config(root: Path, repo: Repo) -> str:
    import json  # JSON strings are valid YAML scalars, whatever the title holds

    return (
        f"site_name: {json.dumps(repo.policy.title, ensure_ascii=False)}\n"
        f"docs_dir: {json.dumps(str(root / 'guidelines'))}\n"
        f"site_dir: {json.dumps(str(root / 'site'))}\n"
        "theme: {name: material}\n"
        "plugins: [search, labelbook]\n"
    )


def _load(path: Path, **overrides: object) -> MkDocsConfig:
    try:
        return load_config(config_file=str(path), **{k: v for k, v in overrides.items() if v is not None})
    except (ConfigurationError, Abort) as exc:
        raise LabelbookError(f"{path.name}: {exc}") from exc


def build_site(
    root: Path,
    site_dir: Path | None = None,
    *,
    strict: bool = False,
    repo: Repo | None = None,
    version: str | None = None,
    release_date: dt.date | None = None,
    versioned: bool = False,
    changes: tuple[Any, str | None] | None = None,
) -> Path:
    """Build the site of every language into `site_dir` (default: mkdocs.yml's site_dir).

    `repo`, `version` and `release_date` are for a release built from git (`--versions`):
    the pages then come from that repo instead of the working tree. `versioned` turns on the
    version selector; `changes` is the (changelog, note) of "What changed", when known.
    """
    repo = repo or checked_repo(root)
    with config_file(root, repo) as path:
        config = _load(path, strict=strict or None)
        plugin = _require_plugin(config, path)
        plugin.repo = repo
        if version is not None:
            plugin.config.version = version
        if release_date is not None:
            plugin.config.release_date = release_date
        plugin.versioned = versioned
        if changes is not None:
            plugin.changelog, plugin.changes_note = changes
            plugin.changes_given = True
        target = Path(site_dir).resolve() if site_dir else Path(config.site_dir)
        if target.exists() and not target.is_dir():
            raise UsageError(f"{target}: exists and is not a folder")
        if target == Path(config.docs_dir) or Path(config.docs_dir).is_relative_to(target):
            raise UsageError(f"{target}: the site folder must not contain the guidelines")
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".labelbook-tmp", dir=target.parent))
        config.site_dir = str(tmp)
        try:
            mkdocs_build(config)
        except (MkDocsException, OSError) as exc:
            shutil.rmtree(tmp, ignore_errors=True)
            kept = f"; the previous site in {target} is unchanged" if target.exists() else ""
            raise LabelbookError(f"the site was not built: {exc}{kept}") from exc
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
    swap(tmp, target)
    return target


def _require_plugin(config: MkDocsConfig, path: Path) -> LabelbookPlugin:
    ours = labelbook_plugin(config)
    if ours is None:
        raise UsageError(f"{path}: `plugins` must list labelbook (plugins: [search, labelbook])")
    return ours


def swap(new: Path, target: Path) -> None:
    """Put the folder `new` in the place of `target`.

    Two renames on the same file system: at every moment either the previous or the new
    site is complete at `target` (bar the instant between the renames), and the previous
    one is deleted only after the new one is in place.
    """
    if not target.exists():
        new.rename(target)
        return
    old = target.with_name(f".{target.name}.old-{uuid.uuid4().hex[:8]}.labelbook-tmp")
    target.rename(old)
    try:
        new.rename(target)
    except OSError:
        old.rename(target)
        raise
    shutil.rmtree(old, ignore_errors=True)


def serve_site(root: Path, dev_addr: str | None = None) -> None:
    """Live preview; rebuilds when a file under guidelines/ or examples/ changes."""
    from mkdocs.commands.serve import serve

    repo = checked_repo(root)
    with config_file(root, repo) as path:
        try:
            serve(config_file=str(path), dev_addr=dev_addr, livereload=True)
        except (ConfigurationError, Abort) as exc:
            raise LabelbookError(str(exc)) from exc
