"""The live preview's benchmark at smoke size: it must keep running, whatever its figures."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_serve_benchmark_runs_and_prints_its_table(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "benchmarks.serve_bench", "--quick", "--workdir", str(tmp_path / "bench")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    out = proc.stdout
    assert "| measure | labelbook serve | anchor |" in out and "machine:" in out
    for measure in ("start-up", "edit -> rule page shows it", "broken YAML -> banner", "fix -> page shows it", "check after one save"):
        assert measure in out, out
    assert "not seen" not in out
