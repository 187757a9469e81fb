"""`labelbook build` and `labelbook serve`: MkDocs with the labelbook plugin.

They equal `mkdocs build` / `mkdocs serve` on the repository's `mkdocs.yml`, with these
differences: they work without a `mkdocs.yml` (SPEC's minimal one is used); they refuse a
`mkdocs.yml` that would run or read what labelbook does not control (`site.safe_config`);
and `build` writes only its output folder (`site.output`): it builds into a temporary
folder beside it and swaps it in only when the build succeeded.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import tempfile
from pathlib import Path
from typing import Any, Iterable, Iterator

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException

from labelbook.core import filecache
from labelbook.core.checks import checked
from labelbook.core.model import Repo
from labelbook.core.problems import ContentError, LabelbookError, Problem, UsageError
from labelbook.site.history import changes_since_release
from labelbook.site.mkdocs_config import load_mkdocs_config
from labelbook.site.output import site_folder, swap, temporary_folder
from labelbook.site.plugin import LabelbookPlugin, labelbook_plugin
from labelbook.site.safe_config import check_config

log = logging.getLogger("mkdocs.plugins.labelbook")

CONFIG_NAME = "mkdocs.yml"
_UNSAFE = "mkdocs.yml asks for something labelbook does not allow (listed above), so the site was not built"


def checked_repo(root: Path, allow_plugins: Iterable[str] = ()) -> Repo:
    """The repository, or a ContentError with every error of its files and of its mkdocs.yml."""
    unsafe = check_config(root, allow_plugins)
    try:
        repo = checked(root, doing=", so the site was not built").repo
    except ContentError as exc:
        raise ContentError(str(exc), sorted(unsafe + exc.problems, key=Problem.sort_key)) from None
    if unsafe:
        raise ContentError(_UNSAFE, unsafe)
    return repo


@contextlib.contextmanager
def config_file(root: Path, repo: Repo, allow_plugins: Iterable[str] = ()) -> Iterator[Path]:
    """The repository's mkdocs.yml once it is found safe, or SPEC's minimal one in a temporary file."""
    own = root / CONFIG_NAME
    if own.exists() or own.is_symlink():
        unsafe = check_config(root, allow_plugins)
        if unsafe:
            raise ContentError(_UNSAFE, unsafe)
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
    allow_plugins: Iterable[str] = (),
) -> Path:
    """Build the site of every language into `site_dir` (default: mkdocs.yml's site_dir).

    `repo`, `version` and `release_date` are for a release built from git (`--versions`):
    the pages then come from that repo instead of the working tree. `versioned` turns on the
    version selector; `changes` is the (changelog, note) of "What changed", when known.
    `allow_plugins`: MkDocs plugins mkdocs.yml may list besides the safe ones.
    """
    root = Path(root).resolve()
    one_tree = repo is None  # the working tree; nothing else is loaded in this build
    repo = repo or checked_repo(root, allow_plugins)
    with config_file(root, repo, allow_plugins) as path:
        config = load_mkdocs_config(path, strict=strict or None)
        plugin = _require_plugin(config, path)
        plugin.repo = repo
        if version is not None:
            plugin.config.version = version
        if release_date is not None:
            plugin.config.release_date = release_date
        plugin.versioned = versioned
        plugin.keep_sources = False  # each page is rendered once
        if changes is None and one_tree:
            changes = changes_since_release(root, plugin.config.tags, repo)
            # Both trees are loaded: the bytes and parses of their files are garbage now, and
            # the memory they held goes to the pages (of this process and the forked one).
            filecache.forget()
        if changes is not None:
            plugin.changelog, plugin.changes_note = changes
            plugin.changes_given = True
        target = site_folder(root, Path(site_dir) if site_dir else Path(config.site_dir), Path(config.docs_dir))
        with temporary_folder(target) as tmp:
            config.site_dir = str(tmp)
            try:
                mkdocs_build(config)
            except (MkDocsException, OSError) as exc:
                kept = f"; the previous site in {target} is unchanged" if target.exists() else ""
                raise LabelbookError(f"the site was not built: {exc}{kept}") from exc
            swap(tmp, target)
    return target


def _require_plugin(config: MkDocsConfig, path: Path) -> LabelbookPlugin:
    ours = labelbook_plugin(config)
    if ours is None:
        raise UsageError(f"{path}: `plugins` must list labelbook (plugins: [search, labelbook])")
    return ours


def serve_site(root: Path, dev_addr: str | None = None, allow_plugins: Iterable[str] = ()) -> None:
    """Live preview of every language until interrupted: a save shows within a second
    (`site.live`); while the repository has errors they are shown over the last good site."""
    from labelbook.site.live import serve

    serve(Path(root), dev_addr, allow_plugins, minimal_config)
