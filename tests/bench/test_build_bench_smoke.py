"""`benchmarks/build_bench.py` at smoke size: it keeps running and compares like with like.

The figures come from `python -m benchmarks.build_bench --rules 1000` (README,
"Performance"); here a tiny corpus goes through it in seconds. No timing is asserted.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_build_benchmark_builds_both_sides_from_the_same_pages(tmp_path: Path) -> None:
    work = tmp_path / "bench"
    proc = subprocess.run(
        [sys.executable, "-m", "benchmarks.build_bench", "--quick", "--workdir", str(work)],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-2000:]
    out = proc.stdout
    pages = re.search(r"pages: labelbook (\d+), anchor (\d+) \(en\+bn\)", out)
    assert pages is not None and int(pages.group(1)) == int(pages.group(2)) > 40, out
    for line in ("run 1 (labelbook first)", "labelbook build:", "anchor (2 x mkdocs build, in parallel, labelbook's Material features):", "ratio:", "largest process"):
        assert line in out, out
    # the anchor is plain MkDocs: the same Markdown, no labelbook plugin
    for lang in ("en", "bn"):
        config = (work / "anchor" / lang / "mkdocs.yml").read_text(encoding="utf-8")
        assert '"plugins": ["search"]' in config
        assert (work / "anchor" / lang / "site" / "index.html").is_file()
    assert (work / "ours-site" / "bn" / "index.html").is_file()
