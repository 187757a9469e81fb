"""`labelbook qa` and `labelbook qa staffing` on the command line: misuse is exit 2 with what
to do, the help tells the rules, the staffing plan follows its formula, and a fresh
interpreter shows no traceback whatever the input."""

from __future__ import annotations

import json
import math
import statistics
import subprocess
import sys
from pathlib import Path

import pytest

from . import independent as ind
from . import scenarios
from .repo import write_qa_repo
from .run import qa
from .world import generate, write_csv


@pytest.fixture
def setup(tmp_path: Path) -> Path:
    write_qa_repo(tmp_path / "repo")
    write_csv(tmp_path / "audits.csv", generate(scenarios.noise(), seed=1))
    return tmp_path


MISUSE = [
    (["audits.csv", "--week", "2026-48"], "--week 2026-48: write an ISO week such as 2026-W48"),
    (["audits.csv", "--week", "2026-W54"], "--week 2026-W54: 2026 has no week 54 (ISO years have 52 or 53 weeks)"),
    (["audits.csv", "--week", "2025-W01"], "--week 2025-W01: no audit falls in 2025-W01 (2024-12-30 to 2025-01-05); the data runs from 2026-W41 (2026-10-05) to 2026-W48 (2026-11-29)"),
    (["audits.csv", "--baseline", "0"], "--baseline 0: the baseline is one or more weeks (default: 4)"),
    (["audits.csv", "--min-audits", "0"], "--min-audits 0: at least 1 (default 30)"),
    (["missing.csv"], "missing.csv: no such file or folder"),
    (["nothing-*.csv"], "nothing-*.csv: no file matches this pattern"),
    (["audits.csv", "--column", "qa_decision"], "--column qa_decision: write OUR_NAME=THEIR_NAME, e.g. --column qa_decision=final_label"),
    (["audits.csv", "--column", "verdict=x"], "--column verdict=x: 'verdict' is not an audit column; they are: date, labeler, item, decision, qa_decision, rule, auditor, handle_seconds"),
    (["audits.csv", "--order", "remove,allow"], "--order: in a guideline repository the decisions' order is policy.yaml's"),
    (["audits.csv", "--lang", "fr"], "--lang fr: not a language of this repository (policy.yaml: en, bn)"),
    (["audits.csv", "-o", "audits.csv"], "-o audits.csv: that is an audit file; the report would replace it"),
]


@pytest.mark.parametrize("args,message", MISUSE, ids=[m[1][:30] for m in MISUSE])
def test_misuse_is_exit_2_with_what_to_do(setup: Path, args: list[str], message: str) -> None:
    run = qa(*args, "-C", "repo", cwd=setup)
    assert run.code == 2 and run.stdout == b""
    assert f"labelbook: error: {message}" in run.stderr


def test_an_empty_folder_and_a_folder_that_is_no_repository(setup: Path) -> None:
    (setup / "empty").mkdir()
    run = qa("empty", "-C", "repo", cwd=setup)
    assert run.code == 2 and "empty: no audit file in this folder" in run.stderr
    run = qa("audits.csv", "-C", "empty", cwd=setup)
    assert run.code == 2 and "-C empty: not a guideline repository (no guidelines/ folder)" in run.stderr


def test_a_broken_guideline_repository_is_exit_1_with_its_problems(setup: Path) -> None:
    rule = setup / "repo/guidelines/bullying/BU-001.md"
    rule.write_text(rule.read_text(encoding="utf-8").replace("decision: remove", "decision: delete"), encoding="utf-8")
    run = qa("audits.csv", "-C", "repo", cwd=setup)
    assert run.code == 1 and run.stdout == b""
    assert "guidelines/bullying/BU-001.md:" in run.stderr and "error[decision-unknown]" in run.stderr


def test_progress_goes_to_stderr_and_quiet_silences_it(setup: Path) -> None:
    run = qa("audits.csv", "-C", "repo", "-o", "r.json", cwd=setup)
    assert run.code == 0 and run.stdout == b""
    lines = run.stderr.splitlines()
    assert lines[0].startswith("labelbook qa: reading 1 file(s)") and lines[1].startswith("labelbook qa: checking 11,200 rows")
    assert lines[-1] == "labelbook qa: wrote r.json (json): 0 flag(s), 0 verdict(s), 0 action(s)"
    assert json.loads((setup / "r.json").read_text(encoding="utf-8"))["format"] == "labelbook-qa"
    assert qa("audits.csv", "-C", "repo", "-q", "-o", "r.md", cwd=setup).stderr == ""
    assert (setup / "r.md").read_text(encoding="utf-8").startswith("# Weekly QA report 2026-W48")


def test_the_help_tells_the_columns_the_rules_and_the_codes(setup: Path) -> None:
    run = qa("--help", cwd=setup)
    assert run.code == 0
    for needle in ("qa_decision", "Benjamini-Hochberg", "coach when a few labelers", "audit-duplicate", "--pseudonymize"):
        assert needle in run.text
    staffing = qa("staffing", "--help", cwd=setup)
    assert "labelers(week) = ceil( volume(week) * AHT / (3600 * hours * occupancy * (1 - shrinkage)) )" in staffing.text


def test_staffing_plan_follows_its_formula(setup: Path) -> None:
    run = qa("staffing", "audits.csv", "-C", "repo", "--volume", "12000", "--growth", "0.02", "--shrinkage", "0.25",
             "--format", "json", cwd=setup)
    assert run.code == 0, run.stderr
    plan = json.loads(run.stdout)
    rows = generate(scenarios.noise(), seed=1)
    measured = {"2026-W45", "2026-W46", "2026-W47", "2026-W48"}
    times = [float(r["handle_seconds"]) for r in ind.in_weeks(rows, measured)]
    aht = statistics.fmean(times)
    assert plan["aht"] == pytest.approx(aht) and plan["timed_audits"] == len(times) and plan["measured"] == sorted(measured)
    assert [w["week"] for w in plan["weeks"]] == ["2026-W49", "2026-W50", "2026-W51", "2026-W52", "2026-W53", "2027-W01", "2027-W02", "2027-W03", "2027-W04"]
    for i, w in enumerate(plan["weeks"]):
        volume = 12000 * 1.02 ** i
        assert w["volume"] == pytest.approx(volume)
        assert w["labelers"] == math.ceil(volume * aht / (3600 * 8 * 0.85 * 0.75))
    text = qa("staffing", "audits.csv", "-C", "repo", "--volume", "12000", "-q", cwd=setup).text
    assert text.startswith("Labelers needed for the next two months\n") and "2026-W49" in text


def test_staffing_needs_handling_times_and_sane_options(setup: Path) -> None:
    rows = generate(scenarios.noise(), seed=1)
    for r in rows:
        del r["handle_seconds"]
    write_csv(setup / "untimed.csv", rows)
    run = qa("staffing", "untimed.csv", "-C", "repo", "--volume", "100", cwd=setup)
    assert run.code == 1 and [(p.row, p.code) for p in run.problems] == [(1, "audit-missing-column")]
    bad = qa("staffing", "audits.csv", "-C", "repo", "--volume", "100", "--occupancy", "1.5", cwd=setup)
    assert bad.code == 2 and "--occupancy 1.5: a share, more than 0 and at most 1 (0.85 = 85%)" in bad.stderr
    missing = qa("staffing", "audits.csv", "-C", "repo", cwd=setup)
    assert missing.code == 2 and "--volume" in missing.stderr


@pytest.mark.parametrize("content", [b"", b"\xff\xfe\x00\x00garbage", b"PK\x03\x04" + bytes(range(256)) * 8, b"date\n" + b"x" * 200_000, b"\x1b[2J" * 50],
                         ids=["empty", "utf16-garbage", "fake-zip", "huge-cell", "ansi"])
def test_no_input_makes_a_traceback_in_a_fresh_interpreter(tmp_path: Path, content: bytes) -> None:
    (tmp_path / "bad.csv").write_bytes(content)
    proc = subprocess.run([sys.executable, "-m", "labelbook", "qa", "bad.csv"], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr and "internal error" not in proc.stderr
    assert "error[audit-" in proc.stderr and "\x1b" not in proc.stderr
