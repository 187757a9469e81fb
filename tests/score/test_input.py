"""What LMS exports and spreadsheets really look like is read without fuss."""

from __future__ import annotations

from pathlib import Path

import pytest

from .helpers import item, quiz, score, write_csv, write_quiz


def _quiz(tmp_path: Path, lang: str = "en") -> Path:
    items = [item("HS-001-E01", "remove"), item("HS-001-E02", "age-restrict")]
    if lang == "bn":
        for it in items:
            for o in it["options"]:
                o["text"] = {"remove": "সরিয়ে দিন", "allow": "অনুমতি দিন"}.get(o["id"], o["text"])
    return write_quiz(tmp_path / "quiz.json", quiz(items, lang=lang))


def _answers(data: dict) -> dict[str, dict[str, int]]:
    return {i["id"]: i["answers"] for i in data["items"]}


def test_bom_column_order_case_and_extra_columns(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = [("2026-11-20", "HS-001-E01", "remove", "রহিম", "42s"), ("2026-11-20", "hs-001-e02", "Age-restrict", "রহিম", "9s")]
    csv_path = write_csv(tmp_path / "r.csv", rows, header=("Date", "Item", "Answer", " Labeler ", "time"), bom=True)
    r = score(capsys, _quiz(tmp_path), csv_path, "--format", "json")
    assert r.code == 0, r.err
    data = r.json()
    assert data["labelers"][0]["labeler"] == "রহিম" and data["labelers"][0]["accuracy"] == 1.0
    assert _answers(data) == {"HS-001-E01": {"remove": 1}, "HS-001-E02": {"age-restrict": 1}}


def test_semicolon_separated_export(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    csv_path = tmp_path / "r.csv"
    csv_path.write_text("labeler;item;answer\nana;HS-001-E01;remove\nbo;HS-001-E01;allow\n", encoding="utf-8")
    data = score(capsys, _quiz(tmp_path), csv_path, "--format", "json").json()
    assert _answers(data)["HS-001-E01"] == {"remove": 1, "allow": 1}


def test_bengali_option_text_as_answer_and_nfc_names(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Two keyboards spell YYA differently: precomposed U+09DF, or U+09AF + nukta U+09BC. One labeler.
    precomposed, decomposed = "\u09dfাসমিন", "\u09af\u09bcাসমিন"
    assert precomposed != decomposed
    rows = [(precomposed, "HS-001-E01", "সরিয়ে দিন"), (decomposed, "HS-001-E02", "অনুমতি দিন")]
    data = score(capsys, _quiz(tmp_path, "bn"), write_csv(tmp_path / "r.csv", rows), "--format", "json").json()
    assert len(data["labelers"]) == 1 and data["labelers"][0]["answered"] == 2
    assert _answers(data) == {"HS-001-E01": {"remove": 1}, "HS-001-E02": {"allow": 1}}
    assert data["lang"] == "bn"


def test_blank_answer_is_skipped_not_wrong(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = [("ana", "HS-001-E01", "remove"), ("ana", "HS-001-E02", "  ")]
    data = score(capsys, _quiz(tmp_path), write_csv(tmp_path / "r.csv", rows), "--format", "json").json()
    assert (data["labelers"][0]["answered"], data["labelers"][0]["skipped"], data["labelers"][0]["accuracy"]) == (1, 1, 1.0)


def test_quoted_multiline_cells_keep_row_numbers(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    csv_path = tmp_path / "r.csv"
    csv_path.write_text('labeler,item,answer,comment\nana,HS-001-E01,remove,"two\nlines"\nbo,HS-001-E09,remove,x\n', encoding="utf-8")
    r = score(capsys, _quiz(tmp_path), csv_path)
    assert r.code == 1 and f"{csv_path}:4:4: error[responses-unknown-item]" in r.err


def test_site_url_makes_rule_links_absolute(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = quiz([item("HS-001-E01", "remove")])
    data["guideline"]["site_url"] = "https://guidelines.example.org/v1.2"
    q = write_quiz(tmp_path / "quiz.json", data)
    rows = [(n, "HS-001-E01", "allow") for n in "abc"]
    out = score(capsys, q, write_csv(tmp_path / "r.csv", rows), "--format", "json").json()
    assert out["findings"]["agree_not_key"][0]["rule_url"] == "https://guidelines.example.org/v1.2/hate-speech/HS-001/"
