"""Results depend on the repository and labelbook's version alone (SPEC §3, "Caches cannot
change results"): labelbook keeps no cache, writes nothing outside the output it was asked
for, and what a home folder, a cache folder or a temporary folder holds changes nothing."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

from benchmarks.corpus import generate

COMMANDS = (
    ("check", "--format", "json"),
    ("quiz", "--count", "12", "--seed", "5", "-o", "-"),
    ("quiz", "--count", "6", "--lang", "bn", "--format", "moodle-xml", "-o", "-"),
    ("changelog", "v1.0.0..v1.1.0", "--format", "json"),
    ("changelog", "v1.0.0..", "--lang", "bn"),
)


def tree_digest(root: Path) -> dict[str, str]:
    """Every file under `root` (dot-files too) with the SHA-256 of its bytes; git's index
    is left out, since any git command may refresh the file times it records."""
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not p.is_symlink() and p.relative_to(root).as_posix() != ".git/index"
    }


def run(repo: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[bytes]:
    proc = subprocess.run([sys.executable, "-m", "labelbook", *args, "-C", str(repo)], capture_output=True, env=env, timeout=300)
    assert b"Traceback" not in proc.stderr, proc.stderr.decode()
    return proc


def isolated_env(tmp: Path) -> dict[str, str]:
    """A home, a cache and a temporary folder of this test's own, each empty."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("LABELBOOK_")}
    for name in ("home", "xdg-cache", "tmp"):
        (tmp / name).mkdir()
    env.update(HOME=str(tmp / "home"), XDG_CACHE_HOME=str(tmp / "xdg-cache"), TMPDIR=str(tmp / "tmp"), SOURCE_DATE_EPOCH="1767225600")
    return env


def test_commands_write_nothing_but_their_output_and_repeat_byte_for_byte(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    generate(repo, rules=14, examples_per_rule=3, releases=2, seed=21)
    env = isolated_env(tmp_path)
    before = tree_digest(repo)
    first = [run(repo, env, *cmd) for cmd in COMMANDS]
    assert all(p.returncode == 0 for p in first), [p.stderr.decode() for p in first]
    site = tmp_path / "out" / "site"
    assert run(repo, env, "build", "-q", "-d", str(site)).returncode == 0
    # The repository is untouched, and nothing was left in the home, cache or temporary folder.
    assert tree_digest(repo) == before
    for name in ("home", "xdg-cache", "tmp"):
        assert list((tmp_path / name).iterdir()) == [], name
    # Garbage where a cache would live (the old parse cache's place, $XDG_CACHE_HOME) changes nothing.
    for cache in (tmp_path / "home" / ".cache" / "labelbook", tmp_path / "xdg-cache" / "labelbook"):
        cache.mkdir(parents=True)
        (cache / "parsed-v1.sqlite3").write_bytes(b"SQLite format 3\x00" + os.urandom(4096))
    again = [run(repo, env, *cmd) for cmd in COMMANDS]
    assert [(p.returncode, p.stdout) for p in again] == [(p.returncode, p.stdout) for p in first]
    site2 = tmp_path / "out" / "site2"
    assert run(repo, env, "build", "-q", "-d", str(site2)).returncode == 0
    assert tree_digest(site2) == tree_digest(site)
