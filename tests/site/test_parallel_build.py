"""The translated site built in a forked process (site.parallel): the same site, written in order.

The child is forked as soon as the repository is loaded, and makes its pages while the
parent makes its own; it must not write before the parent's MkDocs has cleaned the site
folder, and must stop, writing nothing, when the parent stops without letting it go.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from labelbook.site import parallel
from labelbook.site.build import build_site
from mkdocs.exceptions import PluginError

needs_fork = pytest.mark.skipif(not parallel.can_fork(), reason="one core, or threads running: the languages build in one process")


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


@needs_fork
def test_a_forked_build_writes_the_same_site_as_one_process(site_repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    forked = _files(build_site(site_repo, tmp_path / "forked"))
    monkeypatch.setattr(parallel, "can_fork", lambda: False)
    alone = _files(build_site(site_repo, tmp_path / "alone"))
    assert "bn/index.html" in forked and "bn/hate-speech/HS-001/index.html" in forked
    assert sorted(forked) == sorted(alone)
    assert [name for name in forked if forked[name] != alone[name]] == []


@needs_fork
def test_the_translated_site_is_written_after_mkdocs_cleans_the_site_folder(site_repo: Path, tmp_path: Path) -> None:
    # `mkdocs build` cleans site_dir after the plugin has forked: what the child wrote
    # before that would be deleted with the old site's files.
    site = tmp_path / "site"
    for old in ("old.html", "bn/old.html", "bn/hate-speech/HS-001/index.html"):
        (site / old).parent.mkdir(parents=True, exist_ok=True)
        (site / old).write_text("an older build", encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(site_repo / "mkdocs.yml"), "-d", str(site)],
        cwd=tmp_path, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert not (site / "old.html").exists() and not (site / "bn/old.html").exists()
    bn_rule = (site / "bn/hate-speech/HS-001/index.html").read_text(encoding="utf-8")
    assert 'lang="bn"' in bn_rule and "an older build" not in bn_rule
    assert (site / "bn/search/search_index.json").is_file() and (site / "index.html").is_file()


def _marking_build(folder: Path):
    def build(ready) -> None:  # noqa: ANN001 - parallel.start's callable
        (folder / "made-pages").write_text("yes")
        ready()
        (folder / "wrote").write_text("yes")

    return build


@needs_fork
def test_the_child_writes_once_released(tmp_path: Path) -> None:
    pending = parallel.start("bn", _marking_build(tmp_path))
    parallel.release(pending)
    parallel.finish(pending)
    assert (tmp_path / "made-pages").exists() and (tmp_path / "wrote").exists()


@needs_fork
def test_a_child_whose_parent_stops_before_releasing_it_writes_nothing(tmp_path: Path) -> None:
    pending = parallel.start("bn", _marking_build(tmp_path))
    os.close(pending.go)  # as when the parent's build fails or the parent dies
    pending.go = -1
    with pytest.raises(PluginError, match="stopped before this language's site could be written"):
        parallel.finish(pending)
    assert (tmp_path / "made-pages").exists() and not (tmp_path / "wrote").exists()
