"""A guideline repository is content, never code: run from inside it, `python -m labelbook`
and `python -m labelbook.cli` import none of its files, whatever their names."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.corpus import generate

TRAP = "from pathlib import Path\nPath(__file__).with_name('PWNED').write_text('imported')\n"


@pytest.mark.parametrize("module", ["labelbook", "labelbook.cli"])
def test_modules_planted_in_the_repository_are_never_imported(tmp_path: Path, module: str) -> None:
    repo = tmp_path / "repo"
    generate(repo, rules=3, examples_per_rule=1, releases=1, seed=2)
    for name in ("yaml", "jsonschema", "babel", "argparse_extra"):
        (repo / f"{name}.py").write_text(TRAP, encoding="utf-8")
    (repo / "markdown").mkdir()
    (repo / "markdown" / "__init__.py").write_text(TRAP, encoding="utf-8")
    for args in (["check"], ["quiz", "--count", "2", "-o", "-"], ["changelog", "v1.0.0.."]):
        proc = subprocess.run([sys.executable, "-m", module, *args], cwd=repo, capture_output=True, text=True, timeout=120)
        assert proc.returncode == 0, proc.stderr
        assert not list(repo.rglob("PWNED")), (args, proc.stderr)
