"""The contract with `labelbook quiz`: its JSON, made from a real guideline repo, is what `score` grades."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from .helpers import run, score, write_csv


@pytest.mark.parametrize("lang", ["en", "bn"])
def test_scores_a_quiz_made_by_labelbook_quiz(tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str, score_validator: Draft202012Validator) -> None:
    repo = tmp_path / "repo"
    assert run(capsys, "init", str(repo)).code == 0  # the starter repository: one rule, bilingual
    quiz_path = tmp_path / "quiz.json"
    made = run(capsys, "quiz", "-C", str(repo), "--count", "2", "--seed", "7", "--lang", lang, "--format", "json", "-o", str(quiz_path))
    assert made.code == 0, made.err
    items = json.loads(quiz_path.read_text(encoding="utf-8"))["items"]
    # Three labelers answer with the key, one with the option *text* (as some LMS exports do).
    rows = [(name, it["id"], it["key"]) for name in ("ana", "bo", "cy") for it in items]
    rows += [("দীপা", it["id"], next(o["text"] for o in it["options"] if o["id"] == it["key"])) for it in items]
    r = score(capsys, quiz_path, write_csv(tmp_path / "responses.csv", rows), "--format", "json")
    assert r.code == 0, r.err
    data = r.json()
    score_validator.validate(data)
    assert data["lang"] == lang
    assert {l["labeler"]: l["accuracy"] for l in data["labelers"]} == {"ana": 1.0, "bo": 1.0, "cy": 1.0, "দীপা": 1.0}
    assert data["agreement"]["raw_agreement"]["value"] == 1.0
    assert {i["rule_url"] for i in data["items"]} == {it["feedback"]["rule_url"] for it in items}
