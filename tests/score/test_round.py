"""A realistic round: 30 labelers x 40 items, with a planted confusing rule and a planted wrong key.

The report must name both, and nothing else: that is the loop the quizzes exist for.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from .helpers import DECISIONS, item, quiz, score, write_csv, write_quiz

RULES = {
    "hate-speech": ["HS-001", "HS-002", "HS-003", "HS-004"],
    "bullying": ["BU-001", "BU-002", "BU-003"],
    "violence": ["VI-001", "VI-002", "VI-003"],
}
CONFUSING = "BU-002"  # labelers split between its key and 'allow'
WRONG_KEY = "VI-003-E02"  # keyed 'allow', but the guideline clearly says 'remove'
WEAK = "labeler-07"  # the one who needs coaching
NAMES = [f"labeler-{n:02d}" for n in range(1, 28)] + ["রহিম", "করিম", "নাসরিন"]


def _round(tmp_path: Path) -> tuple[Path, Path]:
    rng = random.Random(6)
    items = []
    for area, rules in RULES.items():
        for r in rules:
            for e in range(1, 5):
                key = "allow" if f"{r}-E{e:02d}" == WRONG_KEY else DECISIONS[(len(items) * 3) % 4]
                items.append(item(f"{r}-E{e:02d}", key, area=area))
    assert len(items) == 40
    rows = []
    for n, name in enumerate(NAMES):
        skill = 0.55 if name == WEAK else rng.uniform(0.82, 0.97)
        for it in items:
            key = it["key"]
            others = [d for d in DECISIONS if d != key]
            if it["rule"] == CONFUSING:
                # Half read the rule one way, half the other; a few pick a third reading.
                answer = "age-restrict" if n % 7 == 3 else (key if n % 2 else "allow" if key != "allow" else "remove")
            elif it["id"] == WRONG_KEY:
                answer = "remove" if n not in (4, 19) else "allow"
            else:
                answer = key if rng.random() < skill else rng.choice(others)
            rows.append((name, it["id"], answer))
    rng.shuffle(rows)  # an LMS export has no particular order
    return (write_quiz(tmp_path / "quiz.json", quiz(items)), write_csv(tmp_path / "responses.csv", rows, bom=True))


@pytest.fixture
def round_files(tmp_path: Path) -> tuple[Path, Path]:
    return _round(tmp_path)


def test_json_names_the_planted_problems(round_files: tuple[Path, Path], capsys: pytest.CaptureFixture[str], score_validator: Draft202012Validator) -> None:
    r = score(capsys, *round_files, "--format", "json")
    assert r.code == 0, r.err
    data = r.json()
    score_validator.validate(data)
    assert data["totals"] == {"items": 40, "items_answered": 40, "labelers": 30, "rows": 1200, "answers": 1200, "skipped": 0}
    findings = data["findings"]
    assert [f["item"] for f in findings["agree_not_key"]] == [WRONG_KEY]
    wrong = findings["agree_not_key"][0]
    assert (wrong["key"], wrong["top_answer"], wrong["rule_url"]) == ("allow", "remove", "violence/VI-003/")
    assert wrong["top_share"] == pytest.approx(28 / 30)
    assert sorted(f["item"] for f in findings["split"]) == [f"{CONFUSING}-E0{e}" for e in range(1, 5)]
    assert {f["rule_url"] for f in findings["split"]} == {"bullying/BU-002/"}
    assert [c["rule"] for c in findings["rules_to_clarify"]] == [CONFUSING]
    # Coaching: the weak labeler is listed first; every labeler answered all 40 items.
    assert data["labelers"][0]["labeler"] == WEAK
    assert {l["answered"] for l in data["labelers"]} == {40}
    assert {l["labeler"] for l in data["labelers"]} >= {"রহিম", "করিম", "নাসরিন"}
    # The confusing rule is the least accurate rule; its most common wrong answer is the planted reading.
    rules = {g["id"]: g for g in data["rules"]}
    assert min(rules, key=lambda k: rules[k]["accuracy"]) == CONFUSING
    assert rules[CONFUSING]["split_items"] == 4
    assert rules["VI-003"]["agree_not_key_items"] == 1
    assert rules["VI-003"]["most_common_wrong"]["answer"] == "remove"
    # Every item answered by all 30: Fleiss' kappa is given, and all figures are in range.
    for fig in data["agreement"].values():
        assert fig["value"] is not None and -1 <= fig["value"] <= 1
    assert data["agreement"]["fleiss_kappa"]["parts"]["answers_per_item"] == 30


def test_markdown_names_the_planted_problems_under_their_headings(round_files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    md = score(capsys, *round_files, "--format", "md").out
    check, rest = md.split("## Check the key or train", 1)[1].split("## Clarify the rule", 1)
    clarify = rest.split("## Agreement", 1)[0]
    assert WRONG_KEY in check and "[VI-003](violence/VI-003/)" in check and CONFUSING not in check
    assert clarify.count("[BU-002](bullying/BU-002/)") == 4 and WRONG_KEY not in clarify
    assert "**Rules to clarify:** [BU-002](bullying/BU-002/) Title of BU-002 (4/4 items split)" in md


def test_text_names_the_planted_problems(round_files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    text = score(capsys, *round_files).out
    check = text.split("Check the key or train", 1)[1].split("Clarify the rule", 1)[0]
    assert f"{WRONG_KEY}  key allow; 93.3% answered remove  -> VI-003" in check
    clarify = text.split("Clarify the rule", 1)[1].split("\nLabelers (lowest", 1)[0]
    assert sorted(line.split()[0] for line in clarify.splitlines()[2:] if line.strip()) == [f"BU-002-E0{e}" for e in range(1, 5)]
