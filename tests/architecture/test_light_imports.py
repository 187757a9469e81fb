"""Only `labelbook qa` loads the QA report's scientific stack; every other command starts without it.

Every command builds every parser, `qa`'s help included, so one module-level import of
Polars or SciPy under `labelbook.cli` cost each `check`, `build` or `serve` a second and
100 MB. Each run here is a fresh interpreter that runs the real command through
`labelbook.cli.main` and then tells which of those libraries it loaded.
"""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

import labelbook.qa
import labelbook.score
from tests.core.sample import write_repo
from tests.qa import scenarios
from tests.qa.repo import write_qa_repo
from tests.qa.world import generate, write_csv

HEAVY = ("polars", "scipy", "numpy", "pandas", "pyarrow", "duckdb", "xlsxwriter", "openpyxl")

# argv: the file to write the loaded libraries to, then the command's arguments.
_PROBE = f"""\
import json, sys
from labelbook.cli import main
try:
    code = main(sys.argv[2:])
except SystemExit as exc:  # argparse, after --help
    code = exc.code or 0
with open(sys.argv[1], "w", encoding="utf-8") as f:
    json.dump(sorted(m for m in {HEAVY!r} if m in sys.modules), f)
sys.exit(code)
"""


@dataclass
class Fresh:
    code: int
    stdout: str
    stderr: str
    loaded: list[str]  # the libraries of HEAVY in sys.modules when the command was done


def fresh(*args: str, cwd: Path) -> Fresh:
    """`labelbook ARGS...` in a new interpreter, through `labelbook.cli.main`."""
    loaded = cwd / "loaded.json"
    proc = subprocess.run([sys.executable, "-c", _PROBE, str(loaded), *args], cwd=cwd, capture_output=True, text=True, timeout=300, check=False)
    assert "Traceback" not in proc.stderr and "internal error" not in proc.stderr, proc.stderr
    return Fresh(proc.returncode, proc.stdout, proc.stderr, json.loads(loaded.read_text(encoding="utf-8")))


def test_check_of_a_repository_loads_none_of_them(tmp_path: Path) -> None:
    write_repo(tmp_path / "repo")
    run = fresh("check", "-C", "repo", cwd=tmp_path)
    assert run.code == 0, run.stdout + run.stderr
    assert "no problems" in run.stdout + run.stderr
    assert run.loaded == []


@pytest.mark.parametrize("args", [("--help",), ("qa", "--help"), ("qa", "staffing", "--help"), ("score", "--help")], ids=" ".join)
def test_the_help_loads_none_of_them_and_still_states_the_numbers(tmp_path: Path, args: tuple[str, ...]) -> None:
    run = fresh(*args, cwd=tmp_path)
    assert run.code == 0 and run.stdout.startswith("usage: labelbook"), run.stderr
    assert run.loaded == []
    needles = {
        "qa --help": ("at most 20% of those on it", "at least 50% of its errors", "audit-duplicate"),
        "qa staffing --help": ("next two months (9 weeks)", "labelers(week) = ceil( volume(week) * AHT"),
        "score --help": ("items with 3 or more answers", ">= 70% of the answers", "< 60% of the answers"),
    }.get(" ".join(args), ())
    for needle in needles:
        assert needle in run.stdout


@pytest.fixture
def audits(tmp_path: Path) -> Path:
    write_qa_repo(tmp_path / "repo")
    write_csv(tmp_path / "audits.csv", generate(scenarios.noise(), seed=1))
    return tmp_path


def test_a_qa_report_loads_them_when_it_runs(audits: Path) -> None:
    # The same probe sees the libraries once a report needs them: an empty list above is no blind spot.
    run = fresh("qa", "audits.csv", "-C", "repo", "--format", "json", "-q", cwd=audits)
    assert run.code == 0, run.stderr
    report = json.loads(run.stdout)
    assert report["format"] == "labelbook-qa" and report["headline"]["audits"] > 0
    assert {"polars", "numpy", "scipy"} <= set(run.loaded) and "xlsxwriter" not in run.loaded

    workbook = fresh("qa", "audits.csv", "-C", "repo", "-q", "-o", "week.xlsx", cwd=audits)
    assert workbook.code == 0, workbook.stderr
    assert "xlsxwriter" in workbook.loaded
    assert "xl/workbook.xml" in zipfile.ZipFile(audits / "week.xlsx").namelist()


def test_a_staffing_plan_runs(audits: Path) -> None:
    run = fresh("qa", "staffing", "audits.csv", "-C", "repo", "--volume", "1000", "--format", "json", "-q", cwd=audits)
    assert run.code == 0, run.stderr
    assert len(json.loads(run.stdout)["weeks"]) == 9 and "polars" in run.loaded


def test_every_qa_format_has_its_renderer_and_every_renderer_its_format() -> None:
    renderers = {p.stem for p in Path(labelbook.qa.__file__).parent.glob("render_*.py")} - {"render_staffing"}
    assert sorted(f"render_{fmt}" for fmt in labelbook.qa.FORMATS) == sorted(renderers)
    assert list(labelbook.qa.RENDERERS) == list(labelbook.qa.FORMATS)
    assert all(r.__name__ == f"render_{fmt}" for fmt, r in labelbook.qa.RENDERERS.items())


@pytest.mark.parametrize("package", [labelbook.qa, labelbook.score], ids=lambda p: p.__name__)
def test_every_public_name_resolves(package: Any) -> None:
    # The heavy names are looked up on first use: a misspelt entry would only fail when a report runs.
    for name in package.__all__:
        assert getattr(package, name) is not None, name
    assert not hasattr(package, "no_such_name")
    assert list(package.RENDERERS) == list(package.FORMATS)
