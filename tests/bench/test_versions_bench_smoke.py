"""The versions benchmark at smoke size: it must keep running and printing its figures.

The real figures come from `python -m benchmarks.versions_bench` (200 releases); no
timing or size is asserted here, only that each measure is printed with a number.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_versions_benchmark_runs_and_prints_every_measure(tmp_path: Path) -> None:
    work = tmp_path / "bench"
    proc = subprocess.run(
        [sys.executable, "-m", "benchmarks.versions_bench", "--quick", "--workdir", str(work)],
        cwd=ROOT, capture_output=True, text=True, timeout=900,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-2000:]
    out = proc.stdout
    for measure in (
        r"\| site size, duplicates counted \(3 releases\) \| \d+ MB \| \d+ MB \| [\d.]+ \|",
        r"\| first build: wall, CPU, peak memory \| [\d.]+ s, [\d.]+ s CPU, \d+ MB \| [\d.]+ s",
        r"\| add one release \(v1\.3\.0\), the others reused \| [\d.]+ s",
        r"taking over 4 unchanged release folders \(\d+ files\): hard links [\d.]+ s, renames [\d.]+ s",
        r"machine: \d+ cores",
    ):
        assert re.search(measure, out), (measure, out)
    # the sites it measured are real ones: every version, the shared assets in one place
    shared = work / "site-shared"
    assert {"1.0.0", "1.3.0", "dev", "latest", "assets"} <= {p.name for p in shared.iterdir()}
    assert (work / "site-copies/1.0.0/assets").is_dir() and not (shared / "1.0.0/assets").exists()
