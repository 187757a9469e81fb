"""The way back: the same answers, as labelbook's CSV, as Moodle's Responses report (CSV and
XLSX, questions in a different order in every attempt) and as QTI 2.1 result reports (files,
a folder, a zip), give `labelbook score` the very same figures."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from . import hostile, results, xsd
from .conftest import cli

LANGS = ["en", "bn"]
LABELERS = ["ana", "বিজয়", "chen", "dipa", "emon", "farhana"]


def answers_for(quiz: dict) -> results.Answers:
    """Mostly right, some wrong, a few skipped; the same for every format. Labeler-major order."""
    out: results.Answers = {}
    for k, labeler in enumerate(LABELERS):
        given: dict[str, str | None] = {}
        for i, item in enumerate(quiz["items"]):
            options = [o["id"] for o in item["options"]]
            wrong = next(o for o in options if o != item["key"])
            given[item["id"]] = None if (i + k) % 7 == 0 else wrong if (i * (k + 1)) % 4 == 1 else item["key"]
        out[labeler] = given
    return out


def score(quiz: Path, *responses: Path | str) -> dict:
    run = cli("score", "--quiz", quiz, *responses, "--format", "json")
    assert run.code == 0, run.err
    assert "warning" not in run.err, run.err
    return json.loads(run.out)


def figures(report: dict) -> dict:
    """Everything but the names of the input files."""
    return {k: v for k, v in report.items() if k != "responses"}


@pytest.fixture(params=LANGS)
def round_trip(request: pytest.FixtureRequest, make_quiz, tmp_path: Path) -> tuple[str, Path, dict, results.Answers, Path]:
    lang = request.param
    quiz_path = tmp_path / "quiz.json"
    quiz_path.write_bytes(make_quiz("json", lang))
    quiz = json.loads(quiz_path.read_text("utf-8"))
    answers = answers_for(quiz)
    return lang, quiz_path, quiz, answers, results.native_csv(tmp_path / "responses.csv", answers)


def test_moodle_reports_and_qti_results_score_like_the_csv(round_trip, make_quiz, tmp_path: Path) -> None:
    lang, quiz_path, quiz, answers, native = round_trip
    expected = figures(score(quiz_path, native))
    # The figures are not trivially equal: they match what the answers say, counted here.
    for row in expected["labelers"]:
        given = answers[row["labeler"]]
        right = sum(1 for i, a in given.items() if a == next(q["key"] for q in quiz["items"] if q["id"] == i))
        assert (row["answered"], row["correct"]) == (sum(1 for a in given.values() if a), right)
    assert expected["totals"]["skipped"] > 0 and 0 < expected["agreement"]["raw_agreement"]["value"] < 1

    questions = results.moodle_questions(make_quiz("moodle-xml", lang))
    header, rows = results.moodle_report(quiz, answers, questions)
    moodle_csv = results.write_csv(tmp_path / "Responses.csv", header, rows)
    moodle_xlsx = results.write_xlsx(tmp_path / "Responses.xlsx", header, rows)
    qti_files = results.qti_files(tmp_path / "qti", quiz, answers)
    for f in qti_files:
        assert xsd.errors("result", f.read_bytes()) == [], f.name  # written as the results spec says
    qti_zip = results.qti_zip(tmp_path / "results.zip", qti_files)
    native_xlsx = results.write_xlsx(tmp_path / "answers.xlsx", ["labeler", "item", "answer"],
                                     [[labeler, item, chosen or ""] for labeler, given in answers.items() for item, chosen in given.items()])

    for inputs in ([moodle_csv], [moodle_xlsx], qti_files, [tmp_path / "qti"], [qti_zip], [qti_zip, "--from", "qti"],
                   [moodle_xlsx, "--from", "moodle"], [native_xlsx], [native, "--from", "csv"]):
        assert figures(score(quiz_path, *inputs)) == expected, inputs


def test_without_the_right_answer_column_and_with_moodles_own_summaries(round_trip, make_quiz, moodle_import, tmp_path: Path) -> None:
    """The Question N cells as Moodle's html2text writes them (run through PHP), no Right answer N."""
    lang, quiz_path, quiz, answers, native = round_trip
    imported = moodle_import("xml", make_quiz("moodle-xml", lang), tmp_path)
    questions = {q["idnumber"]: (q["questionsummary"], q["answersummaries"]) for q in imported}
    header, rows = results.moodle_report(quiz, answers, questions, show_right=False, seed=11)
    report = results.write_csv(tmp_path / "Responses.csv", header, rows)
    assert figures(score(quiz_path, report)) == figures(score(quiz_path, native))


def test_our_qti_identifiers_are_accepted_in_the_csv(round_trip, tmp_path: Path) -> None:
    lang, quiz_path, quiz, answers, native = round_trip
    qti_named = {labeler: {f"item-{i}": (f"choice-{a}" if a else None) for i, a in given.items()} for labeler, given in answers.items()}
    path = results.native_csv(tmp_path / "qti-named.csv", qti_named)
    assert figures(score(quiz_path, path)) == figures(score(quiz_path, native))


def test_unfinished_attempts_are_left_out_with_a_warning(round_trip, make_quiz, tmp_path: Path) -> None:
    lang, quiz_path, quiz, answers, native = round_trip
    header, rows = results.moodle_report(quiz, answers, results.moodle_questions(make_quiz("moodle-xml", lang)),
                                         states={LABELERS[1]: "In progress"})
    report = results.write_csv(tmp_path / "Responses.csv", header, rows)
    run = cli("score", "--quiz", quiz_path, report, "--format", "json")
    assert run.code == 0, run.err
    m = re.search(rf"^{re.escape(str(report))}:(\d+):1: warning\[moodle-attempt-unfinished\]: the attempt of {LABELERS[1]} "
                  r"is 'In progress', not finished: left out$", run.err, re.M)
    assert m, run.err
    # The row where that attempt starts (its quoted question cells span several lines).
    assert report.read_text("utf-8-sig").split("\n")[int(m.group(1)) - 1].startswith(f"Surname1,Name1,{LABELERS[1]},")
    without = {k: v for k, v in answers.items() if k != LABELERS[1]}
    assert figures(json.loads(run.out)) == figures(score(quiz_path, results.native_csv(tmp_path / "r.csv", without)))


def test_answers_by_title_in_either_language(make_quiz, tmp_path: Path) -> None:
    """A Bengali quiz's answers given by the decisions' Bengali or English titles: the same figures as by id."""
    quiz_path = tmp_path / "quiz.json"
    quiz_path.write_bytes(make_quiz("json", "bn"))
    quiz = json.loads(quiz_path.read_text("utf-8"))
    answers = answers_for(quiz)
    by_title = {labeler: {i: (hostile.title(a, "en" if k % 2 else "bn") if a else None) for i, a in given.items()}
                for k, (labeler, given) in enumerate(answers.items())}
    assert {t for given in by_title.values() for t in given.values() if t} >= {hostile.title("allow", "en"), hostile.title("allow", "bn")}
    expected = figures(score(quiz_path, results.native_csv(tmp_path / "ids.csv", answers)))
    assert figures(score(quiz_path, results.native_csv(tmp_path / "titles.csv", by_title))) == expected
