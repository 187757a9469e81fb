"""Unchanged versions are moved from the previous site into the new one, not copied: a build
that fails, or is killed at the worst moment, still leaves the previous site whole."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

from labelbook.site import versions

from .gitrepo import labelbook
from .sitecheck import tree

#: The real command, killed (SIGKILL: no cleanup runs) at a point named by the first argument.
KILLED = """
import os, signal, sys
from labelbook.site import reuse, versions
point = sys.argv.pop(1)
die = lambda: os.kill(os.getpid(), signal.SIGKILL)
if point == "after-moves":
    move = reuse.Takeover.move
    reuse.Takeover.move = lambda self: (move(self), die())
else:  # between the two renames of the swap: the previous site aside, the new one not yet in place
    versions.swap = lambda new, target: (target.rename(target.with_name(f".{target.name}.old-deadbeef.labelbook-tmp")), die())
from labelbook.cli import main
sys.exit(main(sys.argv[1:]))
"""


def inodes(site: Path) -> dict[str, int]:
    return {p.relative_to(site).as_posix(): p.stat().st_ino for p in site.rglob("*") if p.is_file() and "dev" not in p.parts}


def build(repo: Path, site: Path) -> str:
    proc = labelbook("build", "--versions", "-d", str(site), cwd=repo)
    assert proc.returncode == 0, proc.stderr
    return proc.stderr


def test_a_second_build_moves_unchanged_versions_without_copying(release_repo: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    build(release_repo, site)
    before = inodes(site)
    out = build(release_repo, site)
    assert "(2 reused from the last build, 1 built)" in out
    after = inodes(site)
    kept = [p for p in before if p.split("/")[0] in ("1.0.0", "1.1.0", "latest")]
    assert len(kept) > 50 and all(before[p] == after[p] for p in kept)
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".labelbook-tmp")]


@pytest.mark.parametrize("point", ["after-moves", "mid-swap"])
def test_a_build_killed_after_taking_versions_over_gives_them_back(release_repo: Path, tmp_path: Path, point: str) -> None:
    site = tmp_path / "site"
    build(release_repo, site)
    before, files = inodes(site), tree(site / "1.0.0")
    proc = subprocess.run([sys.executable, "-c", KILLED, point, "build", "--versions", "-d", str(site)],
                          cwd=release_repo, capture_output=True, text=True, timeout=600)  # fmt: skip
    assert proc.returncode == -9, proc.stderr
    # killed with the unchanged versions moved out of the site: they are in its temporary folder
    assert not (site / "1.0.0").exists()
    assert [p for p in tmp_path.iterdir() if p.name.endswith(".labelbook-tmp") and (p / "1.0.0").is_dir()]
    # the next build puts them back first: they are reused, the very same files
    out = build(release_repo, site)
    assert "1.0.0 (v1.0.0): unchanged since the last build, reused" in out
    assert "1.1.0 (v1.1.0): unchanged since the last build, reused" in out
    assert tree(site / "1.0.0") == files
    after = inodes(site)
    assert all(after[p] == before[p] for p in before if p.startswith(("1.0.0/", "1.1.0/", "latest/")))
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".labelbook-tmp")]


def test_a_build_that_fails_at_the_swap_moves_the_versions_back(release_repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = tmp_path / "site"
    build(release_repo, site)
    before = tree(site)

    def full_disk(new: Path, target: Path) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(versions, "swap", full_disk)
    out = io.StringIO()
    with pytest.raises(OSError, match="No space left"):
        versions.build_versions(release_repo, site, out=out)
    assert "the previous site in" in out.getvalue()
    assert tree(site) == before
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".labelbook-tmp")]
