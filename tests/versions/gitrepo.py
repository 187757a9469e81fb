"""A real git repository with two tagged releases and local changes, for the versions build."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Policy Specialist",
    "GIT_AUTHOR_EMAIL": "policy@example.invalid",
    "GIT_COMMITTER_NAME": "Policy Specialist",
    "GIT_COMMITTER_EMAIL": "policy@example.invalid",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}


def run_git(*args: str, cwd: Path) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True, env={**os.environ, **GIT_ENV}).stdout


def labelbook(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run([sys.executable, "-m", "labelbook", *args], cwd=cwd, capture_output=True, text=True, timeout=600)
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def make_release_repo(root: Path) -> Path:
    """v1.0.0: the starter repo. v1.1.0: BH-001-E01 relabelled remove -> age-restrict and a new
    rule BH-002. Working tree: BH-001's body changed (its Bengali now stale)."""
    proc = labelbook("init", str(root), cwd=root.parent)
    assert proc.returncode == 0, proc.stderr
    run_git("init", "-q", "-b", "main", cwd=root)
    run_git("add", "-A", cwd=root)
    run_git("commit", "-qm", "First release", cwd=root)
    run_git("tag", "-a", "v1.0.0", "-m", "Guidelines 1.0.0", cwd=root)
    edit(root / "examples/bullying-harassment/BH-001.yaml", "label: remove", "label: age-restrict")
    assert labelbook("new", "rule", "bullying-harassment", "--title", "Threats against a private person", cwd=root).returncode == 0
    assert labelbook("translations", "stamp", "--all", cwd=root).returncode == 0
    run_git("add", "-A", cwd=root)
    run_git("commit", "-qm", "Relabel E01, add BH-002", cwd=root)
    run_git("tag", "v1.1.0", cwd=root)
    run_git("tag", "not-a-release", cwd=root)
    edit(root / "guidelines/bullying-harassment/BH-001.md", "in order to shame them.", "in order to shame or silence them.")
    return root
