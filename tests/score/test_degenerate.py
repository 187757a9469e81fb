"""Degenerate rounds give a defined value or None with a reason: never NaN, never a crash."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import pytest

from labelbook.score import agreement as ag

from .helpers import item, quiz, score, write_csv, write_quiz

FORMATS = ("text", "md", "html", "json")


def _round(tmp_path: Path, capsys: pytest.CaptureFixture[str], items: list[dict], rows: list[tuple[str, str, str]]) -> dict:
    write_quiz(tmp_path / "quiz.json", quiz(items))
    write_csv(tmp_path / "responses.csv", rows)
    for fmt in FORMATS:  # every format renders the degenerate round too
        r = score(capsys, tmp_path / "quiz.json", tmp_path / "responses.csv", "--format", fmt)
        assert r.code == 0, r.err
        assert not re.search(r"\bnan\b|\binf", r.out, re.IGNORECASE)
    out = score(capsys, tmp_path / "quiz.json", tmp_path / "responses.csv", "--format", "json").out
    # json.loads would accept NaN; refuse it explicitly.
    return json.loads(out, parse_constant=lambda c: pytest.fail(f"{c} in JSON output"))


def test_everyone_gives_the_same_answer(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ids = ["HS-001-E01", "HS-001-E02", "HS-002-E01"]
    rows = [(f"l{n}", i, "remove") for n in range(5) for i in ids]
    data = _round(tmp_path, capsys, [item(i, "remove") for i in ids], rows)
    a = data["agreement"]
    assert a["raw_agreement"]["value"] == 1.0
    assert a["fleiss_kappa"]["value"] is None and "every answer is 'remove'" in a["fleiss_kappa"]["note"]
    assert a["krippendorff_alpha"]["value"] is None and "no variation" in a["krippendorff_alpha"]["note"]
    # AC1's chance term is at most 1/q, so it stays defined: perfect agreement is 1.
    assert a["gwet_ac1"]["value"] == 1.0
    assert all(l["accuracy"] == 1.0 for l in data["labelers"])
    assert data["findings"] == {"agree_not_key": [], "split": [], "rules_to_clarify": []}


def test_one_labeler_only(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ids = ["HS-001-E01", "HS-001-E02", "HS-002-E01"]
    rows = [("solo", ids[0], "remove"), ("solo", ids[1], "allow"), ("solo", ids[2], "allow")]
    data = _round(tmp_path, capsys, [item(i, "remove") for i in ids], rows)
    for key in ("raw_agreement", "fleiss_kappa", "krippendorff_alpha", "gwet_ac1"):
        fig = data["agreement"][key]
        assert fig["value"] is None
        assert "only one labeler (solo)" in fig["note"]
    assert data["labelers"] == [
        {"labeler": "solo", "answered": 3, "correct": 1, "accuracy": pytest.approx(1 / 3),
         "most_common_wrong": {"answer": "allow", "count": 2}, "skipped": 0}
    ]
    # One answer per item is too few to call a pattern.
    assert data["findings"]["agree_not_key"] == [] and data["findings"]["split"] == []
    text = score(capsys, tmp_path / "quiz.json", tmp_path / "responses.csv").out
    assert "n/a" in text and "only one labeler" in text


def test_one_item_only(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = [("a", "HS-001-E01", "remove"), ("b", "HS-001-E01", "remove"), ("c", "HS-001-E01", "allow"), ("d", "HS-001-E01", "allow")]
    data = _round(tmp_path, capsys, [item("HS-001-E01", "remove")], rows)
    a = data["agreement"]
    # Two of six pairs agree: P = 1/3; every figure defined, each with its caveat.
    assert a["raw_agreement"]["value"] == pytest.approx(1 / 3)
    for key in ("fleiss_kappa", "krippendorff_alpha", "gwet_ac1"):
        assert a[key]["value"] is not None and not math.isnan(a[key]["value"])
        assert "single item" in a[key]["note"]
    assert a["fleiss_kappa"]["value"] == pytest.approx((1 / 3 - 0.5) / 0.5)
    assert [f["item"] for f in data["findings"]["split"]] == ["HS-001-E01"]


def test_one_item_everyone_agrees(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = [(n, "HS-001-E01", "allow") for n in "abc"]
    data = _round(tmp_path, capsys, [item("HS-001-E01", "remove")], rows)
    assert data["agreement"]["fleiss_kappa"]["value"] is None
    assert data["agreement"]["gwet_ac1"]["value"] == 1.0
    # Everyone agrees on a different answer than the key: that is the finding.
    assert [f["item"] for f in data["findings"]["agree_not_key"]] == ["HS-001-E01"]


def test_unequal_answers_per_item_explains_missing_fleiss(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = [("a", "HS-001-E01", "remove"), ("b", "HS-001-E01", "remove"), ("c", "HS-001-E01", "allow"),
            ("a", "HS-001-E02", "allow"), ("b", "HS-001-E02", "allow")]
    data = _round(tmp_path, capsys, [item("HS-001-E01", "remove"), item("HS-001-E02", "allow")], rows)
    fleiss = data["agreement"]["fleiss_kappa"]
    assert fleiss["value"] is None
    assert "between 2 and 3" in fleiss["note"] and "Krippendorff" in fleiss["note"]
    assert data["agreement"]["krippendorff_alpha"]["value"] is not None


def test_unanswered_items_and_skipped_answers(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = [("a", "HS-001-E01", "remove"), ("b", "HS-001-E01", ""), ("b", "HS-001-E02", "allow")]
    items = [item("HS-001-E01", "remove"), item("HS-001-E02", "allow"), item("HS-002-E01", "allow")]
    data = _round(tmp_path, capsys, items, rows)
    assert data["totals"] == {"items": 3, "items_answered": 2, "labelers": 2, "rows": 3, "answers": 2, "skipped": 1}
    untouched = next(i for i in data["items"] if i["id"] == "HS-002-E01")
    assert untouched["answered"] == 0 and untouched["accuracy"] is None and untouched["agreement"] is None
    b = next(l for l in data["labelers"] if l["labeler"] == "b")
    assert (b["answered"], b["skipped"], b["accuracy"]) == (1, 1, 1.0)
    assert data["agreement"]["raw_agreement"]["value"] is None  # no item has two answers


def test_agreement_functions_on_empty_input() -> None:
    cats = ["remove", "allow"]
    for fig in (ag.raw_agreement([]), ag.fleiss_kappa([], cats), ag.krippendorff_alpha_nominal([]), ag.gwet_ac1([], cats)):
        assert fig.value is None and fig.note
    assert ag.gwet_ac1([{"remove": 2}], ["remove"]).value is None  # a single category: no AC1
