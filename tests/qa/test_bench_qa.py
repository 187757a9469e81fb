"""benchmarks/qa_bench.py at smoke size: it must keep running, whatever its figures (the real
ones, on a million audits, are in the README's "Weekly QA report" section). No timing is asserted."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _engines_installed() -> bool:
    """The other engines come with `pip install -e '.[bench]'`; the tests need only labelbook's."""
    return all(importlib.util.find_spec(name) is not None for name in ("duckdb", "pandas", "pyarrow"))


def test_the_qa_benchmark_runs_and_prints_its_table(tmp_path: Path) -> None:
    engines = _engines_installed()
    only = [] if engines else ["--only", "qa"]
    proc = subprocess.run([sys.executable, "-m", "benchmarks.qa_bench", "--quick", "--workdir", str(tmp_path / "bench"), *only],
                          cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stderr[-3000:]
    out = proc.stdout
    assert "20,000 audit rows" in out and "| measure | wall | CPU | peak memory | target | met |" in out
    measures = ["labelbook qa --format json", "labelbook qa --format xlsx", "labelbook qa, the audits as Parquet",
                "labelbook qa --pseudonymize", "labelbook qa staffing"]
    measures += ["engine: DuckDB", "engine: Polars", "engine: pandas"] if engines else []
    for measure in measures:
        assert measure in out, out
    assert (tmp_path / "bench" / "qa.xlsx").stat().st_size > 0 and (tmp_path / "bench" / "qa.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
