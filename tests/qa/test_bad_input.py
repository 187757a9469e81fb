"""Every kind of bad audit file and row: a located one-line error with a stable code, all of
them in one run, exit 1, no traceback, and no report written."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from labelbook.qa import CODES

from .repo import write_qa_repo
from .run import Run, qa

HEADER = "date,labeler,item,decision,qa_decision,rule,auditor,handle_seconds\n"
GOOD = "2026-11-23,L01,I{n},remove,remove,HS-001,A1,12.5\n"


def good_rows(n: int, start: int = 0) -> str:
    return "".join(GOOD.format(n=i) for i in range(start, start + n))


def run_csv(tmp_path: Path, body: str | bytes, *extra: str, name: str = "audits.csv") -> Run:
    repo = tmp_path / "repo"
    if not repo.exists():
        write_qa_repo(repo)
    path = tmp_path / name
    path.write_bytes(body if isinstance(body, bytes) else body.encode("utf-8"))
    return qa(name, "-C", repo, *extra, cwd=tmp_path)


def only(run: Run) -> tuple[int, str, str]:
    assert run.code == 1 and run.stdout == b"", run.stderr
    [p] = run.problems
    return p.row, p.code, p.message


ROW_CASES = {
    "audit-missing-value": ("2026-11-23,,I{n},remove,remove,HS-001,A1,3\n", "the labeler cell is empty"),
    "audit-too-long": ("2026-11-23," + "L" * 300 + ",I{n},remove,remove,HS-001,A1,3\n", "the labeler cell holds 300 characters; an id has at most 256"),
    "audit-bad-date": ("23/11/2026,L01,I{n},remove,remove,HS-001,A1,3\n",
                       "date '23/11/2026' is not a date: write YYYY-MM-DD, an ISO date and time (2026-11-23T14:05), or an Excel date number"),
    "audit-unknown-decision": ("2026-11-23,L01,I{n},remov,remove,HS-001,A1,3\n",
                               "decision 'remov' is not a decision (did you mean 'remove'?); expected one of: remove, age-restrict, allow "
                               "(map a review tool's own labels with --decisions MAP.yaml)"),
    "audit-unknown-rule": ("2026-11-23,L01,I{n},remove,remove,HS-01,A1,3\n", "rule 'HS-01' is not a rule of the guidelines (did you mean 'HS-001'?)"),
    "audit-bad-seconds": ("2026-11-23,L01,I{n},remove,remove,HS-001,A1,90000\n", "handle_seconds '90000' is not a number of seconds from 0 to 86,400"),
    "audit-duplicate": ("2026-11-23,L01,I0,allow,remove,HS-001,A1,3\n",
                        "item 'I0' of labeler 'L01' is audited again by auditor 'A1' (first at audits.csv:2); keep one row"),
    "audit-extra-cells": ("2026-11-23,L01,I{n},remove,remove,HS-001,A1,3,oops\n",
                          "this row has more cells than the 8 columns of the header; a value that holds the separator ',' must be in double quotes"),
}


@pytest.mark.parametrize("code", sorted(ROW_CASES))
def test_each_bad_row_is_located_with_its_code_and_message(tmp_path: Path, code: str) -> None:
    row, message = ROW_CASES[code]
    run = run_csv(tmp_path, HEADER + good_rows(3) + row.format(n=99) + good_rows(2, 10))
    assert only(run) == (5, code, message)
    assert "labelbook: error: 1 bad row(s) in the audit files; nothing was reported (--skip-bad-rows leaves them out)" in run.stderr


@pytest.mark.parametrize("value", ["2026-02-30", "yesterday", "2026-11-23T25:00", "99999999", "", "2026-11-23 extra"])
def test_dates_that_do_not_parse(tmp_path: Path, value: str) -> None:
    run = run_csv(tmp_path, HEADER + f"{value},L01,I9,remove,remove,HS-001,A1,3\n")
    assert only(run)[:2] == (2, "audit-missing-value" if value == "" else "audit-bad-date")


def test_every_bad_row_of_every_file_in_one_run(tmp_path: Path) -> None:
    write_qa_repo(tmp_path / "repo")
    body = HEADER + good_rows(2) + "".join(row.format(n=90 + i) for i, (row, _) in enumerate(ROW_CASES.values()))
    (tmp_path / "audits.csv").write_text(body, encoding="utf-8")
    (tmp_path / "broken.xlsx").write_bytes(b"PK\x03\x04" + b"garbage" * 3)
    (tmp_path / "second.csv").write_text(HEADER + "2026-11-24,L02,I1,allow,nope,HS-001,A1,1\n", encoding="utf-8")
    run = qa("audits.csv", "broken.xlsx", "second.csv", "-C", "repo", cwd=tmp_path)
    assert run.code == 1 and run.stdout == b""
    got = {(p.file, p.row, p.code) for p in run.problems}
    assert got == {("audits.csv", 4 + i, code) for i, code in enumerate(ROW_CASES)} | {
        ("second.csv", 2, "audit-unknown-decision"), ("broken.xlsx", 1, "audit-unreadable")}
    assert "labelbook: error: 1 audit file(s) cannot be used; nothing was reported" in run.stderr


def test_skip_bad_rows_reports_them_as_warnings_and_leaves_them_out(tmp_path: Path) -> None:
    body = HEADER + good_rows(40) + "".join(row.format(n=90 + i) for i, (row, _) in enumerate(ROW_CASES.values()))
    run = run_csv(tmp_path, body, "--skip-bad-rows", "--format", "json")
    assert run.code == 0
    assert {p.severity for p in run.problems} == {"warning"} and {p.code for p in run.problems} == set(ROW_CASES)
    import json

    report = json.loads(run.stdout)
    assert report["data"]["rows"] == 40 + len(ROW_CASES) and report["data"]["skipped_rows"] == len(ROW_CASES)
    assert report["headline"]["audits"] == 40


def test_a_whole_file_that_cannot_be_used_is_never_skipped(tmp_path: Path) -> None:
    run = run_csv(tmp_path, "date,labeler,item,decision\n2026-11-23,L1,I1,remove\n", "--skip-bad-rows")
    assert only(run)[:2] == (1, "audit-missing-column")
    assert "labelbook: error: 1 audit file(s) cannot be used; nothing was reported" in run.stderr


FILE_CASES = {
    "audit-encoding": (HEADER.encode() + "2026-11-23,Ren\u00e9,I1,remove,remove,HS-001,A1,3\n".encode("cp1252"), 2,
                       "not UTF-8 text (byte 0xE9 at offset 81: Windows-1252 or another legacy encoding?); "
                       "save it from the spreadsheet as 'CSV UTF-8' or 'Unicode Text'"),
    "audit-empty": (b"\n  \n", 1, "the file is empty; expected a header line naming the columns, then one row per audit"),
    "audit-missing-column": ("date,labeler,item,decision,qa_decison\n2026-11-23,L1,I1,remove,remove\n", 1,
                             "missing column 'qa_decision' (did you mean 'qa_decison'?); the header has: 'date', 'labeler', 'item', "
                             "'decision', 'qa_decison'. Name the columns date, labeler, item, decision, qa_decision, or map them with --column"),
    "audit-duplicate-column": ("date,labeler,Labeler ,item,decision,qa_decision\n2026-11-23,L1,L2,I1,remove,remove\n", 1,
                               "column 'labeler' appears 2 times in the header (columns 2, 3); keep one, or rename one"),
    "audit-too-many-columns": (",".join(["date", "labeler", "item", "decision", "qa_decision"] + [f"x{i}" for i in range(60)]) + "\n", 1,
                               "65 columns; an audit file has at most 64: leave out the columns the report does not need"),
    "audit-unreadable": (HEADER + '2026-11-23,L01,"I1,remove,remove,HS-001,A1,3\n', 2,
                         "this row cannot be read as CSV (unexpected end of data): a cell that opens a double quote must close it"),
    "audit-no-rows": (HEADER, 1, "every row is bad, or the files hold no row"),
}


@pytest.mark.parametrize("code", sorted(FILE_CASES))
def test_each_bad_file_is_located_with_its_code_and_message(tmp_path: Path, code: str) -> None:
    body, row, message = FILE_CASES[code]
    assert only(run_csv(tmp_path, body)) == (row, code, message)


def test_damaged_spreadsheet_and_parquet_files(tmp_path: Path) -> None:
    (tmp_path / "fake.xlsx").write_bytes(b"PK\x03\x04 not really a zip")
    (tmp_path / "fake.parquet").write_bytes(b"PAR1 not really parquet")
    with zipfile.ZipFile(tmp_path / "empty.xlsx", "w") as z:
        z.writestr("hello.txt", "no workbook in here")
    write_qa_repo(tmp_path / "repo")
    run = qa("fake.xlsx", "fake.parquet", "empty.xlsx", "-C", "repo", cwd=tmp_path)
    assert run.code == 1
    assert [(p.file, p.row, p.code) for p in run.problems] == [
        ("fake.xlsx", 1, "audit-unreadable"), ("fake.parquet", 1, "audit-unreadable"), ("empty.xlsx", 1, "audit-unreadable")]
    assert run.problems[0].message.startswith("not a readable spreadsheet (")


def test_size_and_row_limits_are_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import labelbook.qa.inputs
    import labelbook.qa.table

    monkeypatch.setattr(labelbook.qa.table, "MAX_FILE_BYTES", 200)
    run = run_csv(tmp_path, HEADER + good_rows(20))
    size = (tmp_path / "audits.csv").stat().st_size
    assert only(run) == (1, "audit-too-large", f"{size:,} bytes; files over 200 bytes are refused: split the export by week or month")
    monkeypatch.setattr(labelbook.qa.table, "MAX_FILE_BYTES", 1 << 30)
    monkeypatch.setattr(labelbook.qa.inputs, "MAX_ROWS", 10)
    assert only(run_csv(tmp_path, HEADER + good_rows(20)))[:2] == (1, "audit-too-many-rows")


def test_a_workbook_that_unpacks_past_the_limit_is_refused_before_it_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import labelbook.qa.sheetread

    from .world import write_xlsx

    write_qa_repo(tmp_path / "repo")
    write_xlsx(tmp_path / "big.xlsx", [{"date": "2026-11-23", "labeler": f"L{i}", "item": f"I{i}", "decision": "remove", "qa_decision": "remove"}
                                       for i in range(200)])
    unpacked = sum(i.file_size for i in zipfile.ZipFile(tmp_path / "big.xlsx").infolist())
    monkeypatch.setattr(labelbook.qa.sheetread, "MAX_FILE_BYTES", unpacked - 1)
    run = qa("big.xlsx", "-C", "repo", cwd=tmp_path)
    assert only(run) == (1, "audit-too-large", f"the workbook unpacks to {unpacked:,} bytes; more than {unpacked - 1:,} is refused: split the export")


def test_decision_map_problems_are_located_in_the_map(tmp_path: Path) -> None:
    write_qa_repo(tmp_path / "repo")
    (tmp_path / "audits.csv").write_text(HEADER + good_rows(2), encoding="utf-8")
    cases = {
        "list.yaml": ("- remove\n- allow\n", "list.yaml:1:1: error[decision-map-invalid]: expected a mapping of review-tool labels to decision ids, one 'label: decision' per line"),
        "unknown.yaml": ("Take down: remove\nBan: delete\n", "unknown.yaml:2:6: error[decision-map-unknown]: label 'Ban': 'delete' is not a decision; expected one of: remove, age-restrict, allow"),
        "list-value.yaml": ("Take down: remove\nBan: [remove, allow]\n",
                            "list-value.yaml:2:6: error[decision-map-invalid]: ['remove', 'allow'] is not text; quote it (\"['remove', 'allow']\") so that YAML keeps it as written"),
        "syntax.yaml": ("Take down: [remove\n", "error[yaml-syntax]: YAML syntax error"),
    }
    for name, (text, expected) in cases.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        run = qa("audits.csv", "-C", "repo", "--decisions", name, cwd=tmp_path)
        assert run.code == 1 and run.stdout == b""
        assert expected in run.stderr, run.stderr


def test_problems_listed_per_code_are_capped_and_counted(tmp_path: Path) -> None:
    body = HEADER + "".join(f"2026-11-23,L01,I{i},nope,remove,HS-001,A1,3\n" for i in range(30))
    run = run_csv(tmp_path, body, "--max-problems", "5")
    assert run.code == 1 and len(run.problems) == 5
    assert "labelbook qa: ... and 25 more errors [audit-unknown-decision] not listed (--max-problems 0 lists them all)" in run.stderr
    assert len(run_csv(tmp_path, body, "--max-problems", "0").problems) == 30


def test_control_characters_in_a_cell_cannot_break_the_line_or_the_terminal(tmp_path: Path) -> None:
    run = run_csv(tmp_path, HEADER + '2026-11-23,L01,I1,"rem\x1b[31move\rx",remove,HS-001,A1,3\n')
    row, code, message = only(run)
    assert (row, code) == (2, "audit-unknown-decision")
    assert "\x1b" not in run.stderr and "\\x1b[31move\\rx" in message


def test_every_code_is_documented_and_tested() -> None:
    tested = set(ROW_CASES) | set(FILE_CASES) | {"audit-too-large", "audit-too-many-rows", "decision-map-invalid", "decision-map-unknown"}
    assert tested == set(CODES)
