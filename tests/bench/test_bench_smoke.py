"""The benchmarks at smoke size: they must keep running, whatever their figures.

The real figures come from `python -m benchmarks.run` (README, "Performance"); here a
tiny corpus goes through every measure in seconds. No timing is asserted.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from labelbook.core.checks import check
from labelbook.core.sources import GitTree, WorkingTree

from benchmarks.corpus import generate

ROOT = Path(__file__).resolve().parents[2]


def test_corpus_is_deterministic_and_passes_strict_check(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    generate(a, rules=9, examples_per_rule=2, releases=2, seed=3)
    generate(b, rules=9, examples_per_rule=2, releases=2, seed=3)
    files = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file() and ".git" not in p.parts)
    assert files == sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file() and ".git" not in p.parts)
    assert all((a / f).read_bytes() == (b / f).read_bytes() for f in files)
    head = lambda root: subprocess.run(["git", "-C", str(root), "rev-parse", "v1.1.0"], capture_output=True, text=True).stdout  # noqa: E731
    assert head(a) == head(b)
    loaded = check(WorkingTree(a))
    assert loaded.repo is not None and loaded.problems == []  # --strict: not even a warning
    assert len(loaded.repo.rules) == 9 and loaded.repo.policy.languages == ["en", "bn"]
    assert all(e.translations["bn"].source == e.fingerprint for e in loaded.repo.examples.values())
    assert check(GitTree(a, "v1.0.0")).problems == []


def test_benchmark_script_runs_and_prints_its_table(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "benchmarks.run", "--quick", "--workdir", str(tmp_path / "bench")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    out = proc.stdout
    assert "| measure" in out and "machine:" in out
    for measure in ("check --strict", "build (", "build --versions", "quiz (", "score (", "changelog v1.0.0..v1.2.0"):
        assert measure in out, out
