"""benchmarks/qa_bench.py at smoke size: it must keep running, whatever its figures (the real
ones, on a million audits, are in the README's "Weekly QA report" section). No timing is asserted."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_qa_benchmark_runs_and_prints_its_table(tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "benchmarks.qa_bench", "--quick", "--workdir", str(tmp_path / "bench")],
                          cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stderr[-3000:]
    out = proc.stdout
    assert "20,000 audit rows" in out and "| measure | wall | CPU | peak memory | target | met |" in out
    for measure in ("engine: DuckDB", "engine: Polars", "engine: pandas", "labelbook qa --format json", "labelbook qa --format xlsx",
                    "labelbook qa, the audits as Parquet", "labelbook qa --pseudonymize", "labelbook qa staffing"):
        assert measure in out, out
    assert (tmp_path / "bench" / "qa.xlsx").stat().st_size > 0 and (tmp_path / "bench" / "qa.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
