"""Every bad input: a clear error naming the file and row, exit 1, and nothing written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .helpers import Run, item, quiz, score, run, write_csv, write_quiz

IDS = ["HS-001-E01", "HS-001-E09", "HS-002-E01"]
GOOD = [("ana", "HS-001-E01", "remove"), ("ana", "HS-001-E09", "allow"), ("bo", "HS-001-E01", "remove")]


@pytest.fixture
def quiz_file(tmp_path: Path) -> Path:
    return write_quiz(tmp_path / "quiz.json", quiz([item(i, "remove") for i in IDS]))


def _fails(capsys: pytest.CaptureFixture[str], quiz_path: Path, csv_path: Path, tmp_path: Path, code: int = 1) -> Run:
    """Runs with -o onto an existing report: the report must survive the failure untouched."""
    out = tmp_path / "report.md"
    out.write_text("last week's report\n", encoding="utf-8")
    new = tmp_path / "new.json"
    r = score(capsys, quiz_path, csv_path, "-o", str(out))
    assert r.code == code, (r.out, r.err)
    assert out.read_text(encoding="utf-8") == "last week's report\n"
    r2 = score(capsys, quiz_path, csv_path, "-o", str(new))
    assert r2.code == code and not new.exists()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []  # no temp file left
    assert "Traceback" not in r.err + r.out
    assert r.out == ""  # errors go to stderr, never into a redirected report
    return r


def test_unknown_item_names_the_row_and_suggests(tmp_path: Path, quiz_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    csv_path = write_csv(tmp_path / "responses.csv", [*GOOD, ("bo", "HS-001-E99", "remove")])
    r = _fails(capsys, quiz_file, csv_path, tmp_path)
    assert f"{csv_path}:5:4: error[responses-unknown-item]: unknown item 'HS-001-E99'" in r.err
    assert "(did you mean 'HS-001-E09'?)" in r.err


def test_unknown_answer_suggests_the_option(tmp_path: Path, quiz_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    csv_path = write_csv(tmp_path / "responses.csv", [*GOOD, ("bo", "HS-002-E01", "remvoe")])
    r = _fails(capsys, quiz_file, csv_path, tmp_path)
    assert f"{csv_path}:5:15: error[responses-unknown-answer]: unknown answer 'remvoe' to item 'HS-002-E01' (did you mean 'remove'?)" in r.err
    assert "its options are: remove, age-restrict, label, demote, allow" in r.err


def test_duplicate_row_names_both_rows(tmp_path: Path, quiz_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    csv_path = write_csv(tmp_path / "responses.csv", [*GOOD, ("ana", "HS-001-E01", "allow")])
    r = _fails(capsys, quiz_file, csv_path, tmp_path)
    assert f"{csv_path}:5:1: error[responses-duplicate]: labeler 'ana' answered item 'HS-001-E01' twice (first at row 2)" in r.err


def test_every_bad_row_is_listed_in_one_run(tmp_path: Path, quiz_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = [*GOOD, ("bo", "HS-001-E99", "remove"), ("cy", "HS-002-E01", "delete"), ("ana", "HS-001-E09", "allow")]
    r = _fails(capsys, quiz_file, write_csv(tmp_path / "responses.csv", rows), tmp_path)
    assert ":5:" in r.err and ":6:" in r.err and ":7:" in r.err
    assert "3 problem(s); nothing was scored" in r.err


def test_missing_column(tmp_path: Path, quiz_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    csv_path = write_csv(tmp_path / "responses.csv", [("ana", "HS-001-E01", "remove")], header=("labeler", "item", "answr"))
    r = _fails(capsys, quiz_file, csv_path, tmp_path)
    assert f"{csv_path}:1:1: error[responses-missing-column]: missing column 'answer' (did you mean 'answr'?)" in r.err


def test_no_header_at_all(tmp_path: Path, quiz_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    csv_path = tmp_path / "responses.csv"
    csv_path.write_text("ana,HS-001-E01,remove\n", encoding="utf-8")
    r = _fails(capsys, quiz_file, csv_path, tmp_path)
    assert "missing columns 'labeler', 'item', 'answer'" in r.err and "the first line must name the columns" in r.err


@pytest.mark.parametrize("content", ["", "\n\n  \n", "\ufeff"])
def test_empty_file(tmp_path: Path, quiz_file: Path, capsys: pytest.CaptureFixture[str], content: str) -> None:
    csv_path = tmp_path / "responses.csv"
    csv_path.write_text(content, encoding="utf-8")
    r = _fails(capsys, quiz_file, csv_path, tmp_path)
    assert f"{csv_path}:1:1: error[responses-empty]: empty file" in r.err


def test_header_without_rows(tmp_path: Path, quiz_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    csv_path = write_csv(tmp_path / "responses.csv", [])
    r = _fails(capsys, quiz_file, csv_path, tmp_path)
    assert "error[responses-empty]: the header is there but no row follows" in r.err


def test_not_utf8(tmp_path: Path, quiz_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    csv_path = tmp_path / "responses.csv"
    csv_path.write_bytes("labeler,item,answer\nana,HS-001-E01,remove\nJosé,HS-001-E01,remove\n".encode("latin-1"))
    r = _fails(capsys, quiz_file, csv_path, tmp_path)
    assert f"{csv_path}:3:1: error[responses-encoding]" in r.err and "CSV UTF-8" in r.err


def test_blank_labeler_or_item(tmp_path: Path, quiz_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    csv_path = write_csv(tmp_path / "responses.csv", [*GOOD, ("", "HS-001-E01", "remove"), ("cy", " ", "remove")])
    r = _fails(capsys, quiz_file, csv_path, tmp_path)
    assert ":5:1: error[responses-blank]: the labeler cell is empty" in r.err
    assert ":6:4: error[responses-blank]: the item cell is empty" in r.err


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"hello": "world"}', 'not a labelbook quiz: expected a JSON object with "format": "labelbook-quiz"'),
        ("[1, 2, 3]", "not a labelbook quiz"),
        ("labeler,item,answer\nana,HS-001-E01,remove\n", ":1:1: error[quiz-json]: not JSON"),
        ('{"format": "labelbook-quiz", "items": [}', ":1:40: error[quiz-json]: not JSON"),
        ("", "error[quiz-empty]"),
    ],
)
def test_quiz_that_is_not_a_labelbook_quiz(tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, message: str) -> None:
    bad = tmp_path / "quiz.json"
    bad.write_text(content, encoding="utf-8")
    csv_path = write_csv(tmp_path / "responses.csv", GOOD)
    r = _fails(capsys, bad, csv_path, tmp_path)
    assert str(bad) in r.err and message in r.err


def test_quiz_failing_the_schema_lists_the_json_paths(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = quiz([item(i, "remove") for i in IDS])
    del data["items"][1]["key"]
    data["items"][2]["id"] = "not an id"
    bad = write_quiz(tmp_path / "quiz.json", data)
    r = _fails(capsys, bad, write_csv(tmp_path / "responses.csv", GOOD), tmp_path)
    assert f"{bad}:1:1: error[quiz-schema]: items[1]: 'key' is a required property" in r.err
    assert "error[quiz-schema]: items[2].id: 'not an id' does not match" in r.err


def test_quiz_whose_key_is_not_an_option(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = quiz([item("HS-001-E01", "delete"), item("HS-001-E01", "remove")])
    bad = write_quiz(tmp_path / "quiz.json", data)
    r = _fails(capsys, bad, write_csv(tmp_path / "responses.csv", GOOD[:1]), tmp_path)
    assert "error[quiz-key]: items[0]: key 'delete' of item 'HS-001-E01' is not one of its options" in r.err
    assert "error[quiz-duplicate-item]: items[1]: item 'HS-001-E01' appears twice" in r.err


# --- usage errors: exit 2 -------------------------------------------------------------


def test_missing_files_are_usage_errors(tmp_path: Path, quiz_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    csv_path = write_csv(tmp_path / "responses.csv", GOOD)
    r = score(capsys, tmp_path / "nope.json", csv_path)
    assert r.code == 2 and "nope.json: no such file" in r.err
    r = score(capsys, quiz_file, tmp_path / "nope.csv")
    assert r.code == 2 and "nope.csv: no such file" in r.err
    r = score(capsys, quiz_file, tmp_path)
    assert r.code == 2 and "is a folder" in r.err


def test_bad_options_are_usage_errors(tmp_path: Path, quiz_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    csv_path = write_csv(tmp_path / "responses.csv", GOOD)
    assert score(capsys, quiz_file, csv_path, "--format", "pdf").code == 2
    r = run(capsys, "score", str(csv_path))
    assert r.code == 2 and "--quiz" in r.err
    r = score(capsys, quiz_file, csv_path, "-o", str(tmp_path / "no-such-folder" / "r.md"))
    assert r.code == 2 and "does not exist" in r.err
    r = score(capsys, quiz_file, csv_path, "-o", str(tmp_path))
    assert r.code == 2 and "is a folder" in r.err
    before = csv_path.read_bytes()
    r = score(capsys, quiz_file, csv_path, "-o", str(csv_path))
    assert r.code == 2 and "is an input file" in r.err and csv_path.read_bytes() == before


def test_help_explains_the_command(capsys: pytest.CaptureFixture[str]) -> None:
    r = run(capsys, "score", "--help")
    assert r.code == 0
    for words in ("--quiz", "RESPONSES.csv", "labeler, item, answer", "--format", "-o", "Exit codes", "clarify the rule", "70%", "60%"):
        assert words in r.out


# --- nothing crashes -------------------------------------------------------------------


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=300) | st.text(alphabet="labeler,item,answer\nHS-0019E\";\t\r\x00ব", max_size=200))
def test_garbage_responses_never_crash(tmp_path: Path, quiz_file: Path, capsys: pytest.CaptureFixture[str], content: bytes | str) -> None:
    csv_path = tmp_path / "fuzz.csv"
    csv_path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    r = score(capsys, quiz_file, csv_path, "--format", "json")
    assert r.code in (0, 1), r.err
    assert "Traceback" not in r.err and "internal error" not in r.err
    if r.code == 0:
        json.loads(r.out)
