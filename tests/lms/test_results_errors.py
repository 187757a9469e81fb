"""A row, cell or file that cannot be matched is a located error naming it and what was
expected (exit 1, nothing scored); a wrong option is a usage error (exit 2); no input,
however broken, gives a traceback."""

from __future__ import annotations

import io
import subprocess
import sys
import json
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from . import results
from .conftest import cli

#: Columns before the first slot in results.moodle_report: names, ID number, email, state, times, grade.
FIXED = 9


@pytest.fixture
def setup(make_quiz, tmp_path: Path) -> tuple[Path, dict, results.Answers, dict]:
    quiz_path = tmp_path / "quiz.json"
    quiz_path.write_bytes(make_quiz("json", "en"))
    quiz = json.loads(quiz_path.read_text("utf-8"))
    answers = {name: {i["id"]: i["key"] for i in quiz["items"]} for name in ("ana", "bo", "cy")}
    return quiz_path, quiz, answers, results.moodle_questions(make_quiz("moodle-xml", "en"))


def fails(quiz: Path, *args: str | Path) -> str:
    run = cli("score", "--quiz", quiz, *args, "--format", "json")
    assert run.code == 1 and run.out == "", (run.code, run.err)
    assert "Traceback" not in run.err and "internal error" not in run.err
    assert "nothing was scored" in run.err
    return run.err


def col(slot: int, part: int) -> int:
    """The spreadsheet column of Question (0), Response (1) or Right answer (2) of a slot."""
    return FIXED + 3 * (slot - 1) + part + 1


def test_moodle_cells_that_do_not_match_are_located(setup, tmp_path: Path) -> None:
    quiz_path, quiz, answers, questions = setup
    header, rows = results.moodle_report(quiz, answers, questions)
    rows[0][col(2, 0) - 1] = "MODALITY: Video\n\nA question from another quiz.\n\nWHICH DECISION?: Remove; Allow"
    rows[1][col(1, 1) - 1] = "Delete"
    item = next(i for i in quiz["items"] if questions[i["id"]][0] == rows[2][col(3, 0) - 1])
    wrong_key = next(o["text"] for o in item["options"] if o["id"] != item["key"])
    rows[2][col(3, 2) - 1] = wrong_key
    report = results.write_xlsx(tmp_path / "Responses.xlsx", header, rows)
    err = fails(quiz_path, report)
    assert f"{report}:2:{col(2, 0)}: error[moodle-unknown-question]: Question 2 is not a question of quiz {quiz_path}: " \
           "'MODALITY: Video A question from another quiz. WHICH DECISION?: Remove; Allow…'; " \
           "is this the report of the quiz made from that file?" in err
    item1 = next(i for i in quiz["items"] if questions[i["id"]][0] == rows[1][col(1, 0) - 1])
    assert f"{report}:3:{col(1, 1)}: error[responses-unknown-answer]: unknown answer 'Delete' to item '{item1['id']}'; " \
           "its options are: remove, age-restrict, warning-screen, allow" in err
    key_title = next(o["text"] for o in item["options"] if o["id"] == item["key"])
    assert f"{report}:4:{col(3, 2)}: error[moodle-key-mismatch]: Right answer 3 is {wrong_key!r}, but the key of item " \
           f"'{item['id']}' in quiz {quiz_path} is {key_title} ({item['key']}): the question in Moodle is not this quiz's" in err
    assert f"{report}: 3 problem(s); nothing was scored" in err


def test_a_second_attempt_is_an_error_naming_the_first(setup, tmp_path: Path) -> None:
    quiz_path, quiz, answers, questions = setup
    header, rows = results.moodle_report(quiz, answers, questions)
    rows.append(list(rows[0]))
    report = results.write_xlsx(tmp_path / "Responses.xlsx", header, rows)
    err = fails(quiz_path, report)
    assert f"{report}:5:3: error[responses-duplicate]: labeler 'ana' answered item '{quiz['items'][0]['id']}' twice (first at row 2); " \
           "Moodle lists every attempt: download with 'Show at most one finished attempt per user' ticked, or delete a row" in err


def test_a_report_without_question_text_or_labeler_says_what_to_download(setup, tmp_path: Path) -> None:
    quiz_path, quiz, answers, questions = setup
    header, rows = results.moodle_report(quiz, answers, questions, show_question=False)
    err = fails(quiz_path, results.write_csv(tmp_path / "a.csv", header, rows))
    assert f"{tmp_path / 'a.csv'}:1:1: error[moodle-no-question-text]: no 'Question N' columns: questions are matched by their text, " \
           "so download the Responses report again with 'Question text' ticked" in err
    header, rows = results.moodle_report(quiz, answers, questions)
    header = [h if h not in ("ID number", "Email address", "First name") else f"X {h}" for h in header]
    report = results.write_csv(tmp_path / "b.csv", header, rows)
    assert "error[moodle-no-labeler-column]: no column names the labeler: expected one of ID number, Username, " in fails(quiz_path, report)
    run = cli("score", "--quiz", quiz_path, report, "--labeler-column", "x email address", "--format", "json")
    assert run.code == 0, run.err
    assert [l["labeler"] for l in json.loads(run.out)["labelers"]] == ["ana@example.org", "bo@example.org", "cy@example.org"]


def test_qti_results_that_do_not_match_are_located(setup, tmp_path: Path) -> None:
    quiz_path, quiz, answers, _ = setup
    first = quiz["items"][0]
    text = results.qti_result(quiz, "ana", answers["ana"]).decode()
    text = text.replace(f'identifier="item-{first["id"]}"', 'identifier="item-XX-999-E01"', 1)
    text = text.replace(f"<value>choice-{quiz['items'][1]['key']}</value>\n      </candidateResponse>", "<value>choice-delete</value>\n      </candidateResponse>", 1)
    lines = text.split("\n")
    bad = tmp_path / "ana.xml"
    bad.write_text(text, encoding="utf-8")
    err = fails(quiz_path, bad)
    item_line = next(n for n, line in enumerate(lines, 1) if "item-XX-999-E01" in line)
    assert f"{bad}:{item_line}:3: error[responses-unknown-item]: unknown item 'item-XX-999-E01': not in quiz {quiz_path} " \
           "(labelbook's QTI items are named item-<example id>)" in err
    value_line = next(n for n, line in enumerate(lines, 1) if "choice-delete" in line)
    assert f"{bad}:{value_line}:9: error[responses-unknown-answer]: unknown answer 'choice-delete' to item '{quiz['items'][1]['id']}'" in err


def test_qti_results_of_another_quiz_version_or_not_results_at_all(setup, make_quiz, tmp_path: Path) -> None:
    quiz_path, quiz, answers, _ = setup
    item = quiz["items"][0]
    other = next(o["id"] for o in item["options"] if o["id"] != item["key"])
    relabelled = json.loads(json.dumps(quiz))
    relabelled["items"][0]["key"] = other
    path = tmp_path / "old.xml"
    path.write_bytes(results.qti_result(relabelled, "ana", {item["id"]: other}))
    assert f"error[qti-key-mismatch]: the correct response of item '{item['id']}' is choice-{other}, but its key in quiz {quiz_path} is " \
           in fails(quiz_path, path)
    package = zipfile.ZipFile(io.BytesIO(make_quiz("qti", "en")))
    wrong = tmp_path / "item.xml"
    wrong.write_bytes(package.read(f"items/item-{item['id']}.xml"))
    assert f"{wrong}:2:1: error[qti-not-result]: <assessmentItem> is not a QTI 2.1 result report: expected <assessmentResult>" in fails(quiz_path, wrong)
    anonymous = tmp_path / "anon.xml"
    anonymous.write_text('<assessmentResult xmlns="http://www.imsglobal.org/xsd/imsqti_result_v2p1"><context/></assessmentResult>', encoding="utf-8")
    assert f"{anonymous}:1:75: error[qti-no-candidate]: no candidate" in fails(quiz_path, anonymous)  # at <context/>


@pytest.mark.parametrize(("content", "where", "what"), [
    ('<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>\n<assessmentResult>&b;</assessmentResult>',
     ":2:1: error[qti-unreadable]: a DOCTYPE is not accepted in a result report (it could declare entities)", ""),
    ("<assessmentResult>\n  <context sourcedId='a'>\n</assessmentResult>", ":3:3: error[qti-unreadable]: not well-formed XML: mismatched tag", ""),
    ("<", ":1:1: error[qti-unreadable]: not well-formed XML", ""),
])
def test_broken_xml_is_located_never_a_traceback(setup, tmp_path: Path, content: str, where: str, what: str) -> None:
    quiz_path = setup[0]
    path = tmp_path / "r.xml"
    path.write_text(content, encoding="utf-8")
    assert f"{path}{where}" in fails(quiz_path, path)


def test_files_in_a_zip_are_named_inside_it_and_answers_in_two_files_clash(setup, tmp_path: Path) -> None:
    quiz_path, quiz, answers, _ = setup
    files = results.qti_files(tmp_path / "qti", quiz, answers)
    (tmp_path / "qti" / "003-broken.xml").write_text("<assessmentResult>", encoding="utf-8")
    archive = results.qti_zip(tmp_path / "results.zip", [*files, tmp_path / "qti" / "003-broken.xml"])
    assert f"{archive}/results/003-broken.xml:1:19: error[qti-unreadable]: not well-formed XML: no element found" in fails(quiz_path, archive)
    twice = tmp_path / "again.xml"
    twice.write_bytes(files[0].read_bytes())
    err = fails(quiz_path, *files, twice)
    assert f"error[responses-duplicate]: labeler 'ana' answered item '{quiz['items'][0]['id']}' twice (first at {files[0]}:" in err


def test_the_format_named_must_fit_and_usage_errors_exit_2(setup, make_quiz, tmp_path: Path) -> None:
    quiz_path, quiz, answers, questions = setup
    header, rows = results.moodle_report(quiz, answers, questions)
    report = results.write_xlsx(tmp_path / "Responses.xlsx", header, rows)
    assert "error[responses-format]: this is a Moodle Responses report, not labelbook's CSV: use --from moodle" in fails(quiz_path, report, "--from", "csv")
    assert "error[responses-format]: --from qti: this is a spreadsheet, not QTI results" in fails(quiz_path, report, "--from", "qti")
    native = results.native_csv(tmp_path / "r.csv", answers)
    assert "error[moodle-no-responses]: no 'Response N' columns" in fails(quiz_path, native, "--from", "moodle")
    with pytest.raises(SystemExit) as exc:  # argparse: an unknown --from
        cli("score", "--quiz", quiz_path, native, "--from", "pdf")
    assert exc.value.code == 2
    (tmp_path / "empty").mkdir()
    run = cli("score", "--quiz", quiz_path, tmp_path / "empty")
    assert run.code == 2 and "is a folder with no .xml file in it; a folder is read as QTI 2.1 result files" in run.err
    run = cli("score", "--quiz", quiz_path, native, "--labeler-column", "x")
    assert run.code == 2 and "--labeler-column names a column of a Moodle Responses report; none of the files is one" in run.err


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=400) | st.text(alphabet="<>/=\"' assessmentResultitemcontextvalue\nবPK\x03\x04!DOCTYPE&;", max_size=300))
def test_garbage_results_never_crash(setup, tmp_path: Path, content: bytes | str) -> None:
    path = tmp_path / "fuzz.xml"
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    for extra in ((), ("--from", "qti"), ("--from", "moodle")):
        run = cli("score", "--quiz", setup[0], path, *extra, "--format", "json")
        assert run.code in (0, 1), run.err
        assert "Traceback" not in run.err and "internal error" not in run.err


def test_a_workbook_that_spreads_to_the_last_cell_is_refused_not_a_crash(setup, tmp_path: Path) -> None:
    """calamine lays a sheet out densely: one cell at XFD1048576 in a 5 kB file would ask it for
    half a terabyte, and the process would abort. Run in a child process, so that a regression
    shows as a failed test, not a dead test run."""
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["labeler", "item", "answer"])
    book.active.cell(row=1_048_576, column=16_384, value="far away")
    path = tmp_path / "far.xlsx"
    book.save(path)
    assert path.stat().st_size < 10_000
    proc = subprocess.run([sys.executable, "-m", "labelbook", "score", "--quiz", str(setup[0]), str(path)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1, proc.stderr[-2000:]
    assert f"{path}:1:1: error[responses-too-large]: a worksheet spans 1,048,576 rows and 16,384 columns; more than " in proc.stderr


def test_a_blank_labeler_two_equal_questions_and_two_choices_are_located(setup, tmp_path: Path) -> None:
    quiz_path, quiz, answers, questions = setup
    twin = json.loads(quiz_path.read_text("utf-8"))
    twin["items"][1]["question"] = twin["items"][0]["question"]  # two items asking the very same thing
    twin_path = tmp_path / "twin.json"
    twin_path.write_text(json.dumps(twin, ensure_ascii=False), encoding="utf-8")
    header, rows = results.moodle_report(quiz, answers, questions)
    rows[0][2] = ""  # the ID number of the first attempt
    report = results.write_xlsx(tmp_path / "Responses.xlsx", header, rows)
    assert f"{report}:2:3: error[moodle-no-labeler]: no labeler: the cell 'ID number' is empty" in fails(quiz_path, report)
    err = fails(twin_path, report)
    first, second = twin["items"][0]["id"], twin["items"][1]["id"]
    assert "error[moodle-ambiguous-question]: Question " in err and f"holds the question of 2 items ({first}, {second}) equally" in err
    two = results.qti_result(quiz, "ana", answers["ana"]).decode().replace(
        "</candidateResponse>", f"<value>choice-{quiz['items'][0]['key']}</value></candidateResponse>", 1)
    path = tmp_path / "two.xml"
    path.write_text(two, encoding="utf-8")
    assert f"error[qti-multiple-values]: 2 choices for item '{first}'; its interaction takes one" in fails(quiz_path, path)


def test_a_broken_workbook_is_unreadable_not_a_crash(setup, tmp_path: Path) -> None:
    with zipfile.ZipFile(tmp_path / "broken.xlsx", "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook")
        z.writestr("xl/worksheets/sheet1.xml", "<worksheet><sheetData><row r='1'><c r='A1'")
    err = fails(setup[0], tmp_path / "broken.xlsx")
    assert f"{tmp_path / 'broken.xlsx'}:1:1: error[responses-unreadable]: not a readable spreadsheet" in err


def test_size_limits_are_located_errors(setup, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from labelbook.score import inputs, qti

    quiz_path, quiz, answers, _ = setup
    files = results.qti_files(tmp_path / "qti", quiz, answers)
    archive = results.qti_zip(tmp_path / "results.zip", files)
    monkeypatch.setattr(qti, "MAX_UNPACKED", 1000)
    assert f"{archive}:1:1: error[responses-too-large]: the zip unpacks to more than 1,000 bytes or 100,000 files; split it" in fails(quiz_path, archive)
    monkeypatch.setattr(inputs, "MAX_BYTES", 100)
    assert f"{files[0]}:1:1: error[responses-too-large]: {files[0].stat().st_size:,} bytes; more than 100 is refused" in fails(quiz_path, files[0])
