"""Audit files as review tools and spreadsheets write them all give the same report.

CSV in UTF-8, UTF-8 with BOM and ';', UTF-16 with tabs (Excel's "Unicode Text"), XLSX
with date cells and a header further down, Parquet, a folder of weekly files, a glob:
the JSON reports are equal but for the list of files read.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from . import scenarios
from .repo import write_qa_repo
from .run import qa
from .world import Row, generate, write_csv, write_parquet, write_xlsx


@pytest.fixture(scope="module")
def rows() -> list[Row]:
    return generate(scenarios.coach(), seed=3)


def report_of(tmp_path: Path, *args: str | Path, repo: Path | None = None) -> dict:
    repo = repo or write_qa_repo(tmp_path / "repo")
    run = qa(*args, "-C", repo, "--format", "json", cwd=tmp_path)
    assert run.code == 0, run.stderr
    out = json.loads(run.stdout)
    out["data"].pop("files")
    return out


def test_every_format_and_dialect_gives_the_same_report(tmp_path: Path, rows: list[Row]) -> None:
    repo = write_qa_repo(tmp_path / "repo")
    plain = report_of(tmp_path, write_csv(tmp_path / "a.csv", rows), repo=repo)
    assert plain["flags"] and plain["verdicts"]  # there is something to compare
    variants = {
        "bom;": write_csv(tmp_path / "b.csv", rows, delimiter=";", encoding="utf-8-sig"),
        "utf16": write_csv(tmp_path / "c.txt", rows, delimiter="\t", encoding="utf-16"),
        "xlsx": write_xlsx(tmp_path / "d.xlsx", rows, first_row=2),
        "xlsx-text-dates": write_xlsx(tmp_path / "e.xlsx", rows, dates_as_cells=False),
        "parquet": write_parquet(tmp_path / "f.parquet", rows),
    }
    for name, path in variants.items():
        assert report_of(tmp_path, path, repo=repo) == plain, name
    (tmp_path / "weekly").mkdir()
    for week in sorted({str(r["date"])[:7] for r in rows}):
        write_csv(tmp_path / "weekly" / f"audits-{week}.csv", [r for r in rows if str(r["date"]).startswith(week)])
    (tmp_path / "weekly" / "README.md").write_text("not an audit file\n", encoding="utf-8")
    (tmp_path / "weekly" / "~$audits.xlsx").write_bytes(b"an Excel lock file")
    assert report_of(tmp_path, tmp_path / "weekly", repo=repo) == plain
    november = report_of(tmp_path, str(tmp_path / "weekly" / "audits-2026-11*.csv"), repo=repo)
    assert november["data"]["first_day"] == "2026-11-01" and november["weeks"][0]["week"] == "2026-W44"
    assert report_of(tmp_path, str(tmp_path / "weekly" / "*.csv"), repo=repo) == plain


def test_excel_serial_dates_and_iso_datetimes_are_days(tmp_path: Path, rows: list[Row]) -> None:
    repo = write_qa_repo(tmp_path / "repo")
    plain = report_of(tmp_path, write_csv(tmp_path / "a.csv", rows), repo=repo)
    import datetime as dt

    other = []
    for n, r in enumerate(rows):
        day = dt.date.fromisoformat(str(r["date"]))
        stamp = [str((day - dt.date(1899, 12, 30)).days), f"{day}T23:59:59+06:00", f"{day} 08:15", f"{(day - dt.date(1899, 12, 30)).days}.75"][n % 4]
        other.append(dict(r, date=stamp))
    assert report_of(tmp_path, write_csv(tmp_path / "b.csv", other), repo=repo) == plain


def test_columns_and_labels_of_another_review_tool(tmp_path: Path, rows: list[Row]) -> None:
    repo = write_qa_repo(tmp_path / "repo")
    plain = report_of(tmp_path, write_csv(tmp_path / "a.csv", rows), repo=repo)
    labels = {"remove": "Take down", "age-restrict": "Age gate", "allow": "Leave up"}
    theirs = [{"Day": r["date"], "Agent": r["labeler"], "Ticket": r["item"], "Agent decision": labels[str(r["decision"])],
               "Final label": labels[str(r["qa_decision"])], "Policy rule": r["rule"], "auditor": r["auditor"],
               "handle_seconds": r["handle_seconds"]} for r in rows]
    path = write_csv(tmp_path / "tool.csv", theirs)
    (tmp_path / "labels.yaml").write_text("Take down: remove\nAge gate: age-restrict\n'Leave up': allow\n", encoding="utf-8")
    run = qa(path, "-C", repo, "--format", "json", "--column", "date=day,labeler=agent", "--column", "item=ticket",
             "--column", "decision=agent decision", "--column", "qa_decision=Final label", "--column", "rule=policy rule",
             "--decisions", tmp_path / "labels.yaml", cwd=tmp_path)
    assert run.code == 0, run.stderr
    got = json.loads(run.stdout)
    got["data"].pop("files")
    assert got == plain


def test_decision_titles_in_either_language_are_decisions(tmp_path: Path, rows: list[Row]) -> None:
    repo = write_qa_repo(tmp_path / "repo")
    plain = report_of(tmp_path, write_csv(tmp_path / "a.csv", rows), repo=repo)
    titles = {"remove": "সরিয়ে দিন", "age-restrict": "Age-restrict", "allow": "ALLOW"}
    other = [dict(r, decision=titles[str(r["decision"])]) for r in rows]
    assert report_of(tmp_path, write_csv(tmp_path / "b.csv", other), repo=repo) == plain


def test_outside_a_guideline_repository_with_and_without_an_order(outside: Path, rows: list[Row]) -> None:
    path = write_csv(outside / "a.csv", rows)
    run = qa(path, "--format", "json", cwd=outside)
    assert run.code == 0, run.stderr
    r = json.loads(run.stdout)
    assert r["guideline"] is None and r["headline"]["under_rate"] is None and r["areas"] == []
    assert {n["kind"] for n in r["notes"]} == {"no-repo", "no-order"}
    assert all(v["url"] is None and v["quiz_command"] is None for v in r["verdicts"])
    ordered = qa(path, "--format", "json", "--order", "remove,age-restrict,allow", cwd=outside)
    o = json.loads(ordered.stdout)
    assert o["headline"]["under_rate"] is not None and o["flags"] == r["flags"]


def test_row_numbers_are_the_lines_and_sheet_rows_a_user_sees(tmp_path: Path, rows: list[Row]) -> None:
    repo = write_qa_repo(tmp_path / "repo")
    few = [dict(r) for r in rows[:6]]
    few[1]["auditor"] = "A1\nsecond line of a quoted cell"
    few[4]["decision"] = "delete"
    write_csv(tmp_path / "a.csv", few)
    write_xlsx(tmp_path / "b.xlsx", few, first_row=3)
    write_parquet(tmp_path / "c.parquet", few)
    csv_run = qa("a.csv", "-C", repo, cwd=tmp_path)
    # header = line 1; the quoted cell of the second row spans lines 3-4, so the fifth row is on line 7
    assert [(p.file, p.row, p.code) for p in csv_run.problems] == [("a.csv", 7, "audit-unknown-decision")]
    xlsx_run = qa("b.xlsx", "-C", repo, cwd=tmp_path)
    assert [(p.file, p.row) for p in xlsx_run.problems] == [("b.xlsx", 9)]  # header on sheet row 4
    parquet_run = qa("c.parquet", "-C", repo, cwd=tmp_path)
    assert [(p.file, p.row) for p in parquet_run.problems] == [("c.parquet", 6)]
    assert csv_run.code == xlsx_run.code == parquet_run.code == 1
