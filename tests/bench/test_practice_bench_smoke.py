"""The practice page benchmark at smoke size: it must keep running and printing its figures.

The real figures come from `python -m benchmarks.practice_bench` (300 rules); no size or
timing is asserted here, only that each language's line is printed with its numbers.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_practice_benchmark_runs_and_prints_both_languages() -> None:
    proc = subprocess.run([sys.executable, "-m", "benchmarks.practice_bench", "--quick"], cwd=ROOT, capture_output=True, text=True, timeout=600, check=False)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert re.search(r"corpus: 20 rules, \d+ examples", proc.stdout), proc.stdout
    for lang in ("en", "bn"):
        line = rf"{lang}: Markdown [\d.]+ MB \(gzip [\d.]+ MB\), \d+ items, \d+ B an item, examples' text \d+% of the data; made in [\d.]+ s"
        assert re.search(line, proc.stdout), (line, proc.stdout)
