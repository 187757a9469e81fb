"""The report finds what was planted in generated audits, and nothing in stationary ones.

Each test writes a guideline repository and a week's worth of audit CSVs into tmp_path,
runs the real `labelbook qa` and reads its JSON: the flags, the root cause, the verdicts
and the actions must name the planted effect, and only it.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from . import scenarios
from .repo import SITE_URL, release_repo, write_qa_repo
from .run import qa
from .world import generate, write_csv


def report(tmp_path: Path, world, repo: Path | None = None, seed: int = 1, *extra: str) -> dict:
    repo = repo or write_qa_repo(tmp_path / "repo")
    audits = write_csv(tmp_path / "audits.csv", generate(world, seed))
    run = qa(audits, "-C", repo, "--format", "json", *extra, cwd=tmp_path)
    assert run.code == 0, run.stderr
    return json.loads(run.stdout)


def flagged(r: dict) -> set[tuple[str, str]]:
    return {(f["dimension"], f["value"]) for f in r["flags"]}


@pytest.mark.parametrize("seed", range(1, 7))
def test_stationary_audits_raise_no_flag_no_alarm_no_verdict(tmp_path: Path, seed: int) -> None:
    r = report(tmp_path, scenarios.noise(), seed=seed)
    assert r["week"] == scenarios.REPORT_WEEK
    tested = {s["dimension"] for s in r["segments"]}
    assert tested == {"labeler", "rule", "area", "vendor", "queue"}  # every dimension was really tested
    assert len(r["segments"]) == 20 + 5 + 3 + 4 + 2
    assert r["flags"] == []
    assert [d for d in r["pchart"]["days"] if d["below"]] == []
    assert r["verdicts"] == []
    assert r["actions"] == []


def test_a_labeler_who_collapses_is_flagged_and_nothing_unrelated_is(tmp_path: Path) -> None:
    r = report(tmp_path, scenarios.collapse())
    who = scenarios.COLLAPSED
    assert ("labeler", who) in flagged(r)
    assert {v for d, v in flagged(r) if d == "labeler"} == {who}
    # Other flags can only be segments the collapsed labeler works in: their vendor, queue, rules.
    containing = {("vendor", "V3"), ("queue", "night"), *(("rule", x) for x in ("HS-001", "HS-002", "BU-001", "BU-002", "SP-001")),
                  *(("area", a) for a in ("hate-speech", "bullying", "spam"))}
    assert flagged(r) - {("labeler", who)} <= containing
    flag = next(f for f in r["flags"] if f["value"] == who)
    assert flag["rate"] > 0.35 and flag["baseline_rate"] < 0.08 and flag["q_value"] < 1e-6
    for v in r["verdicts"]:  # a rule flagged because of them is theirs to be coached on
        assert v["verdict"] == "coach" and v["labelers"] == [who], v
    assert any(a["owner"] in ("vendor", "training") and who in a["subject"] for a in r["actions"])


def test_two_labelers_who_get_one_rule_wrong_get_a_coach_verdict(tmp_path: Path) -> None:
    r = report(tmp_path, scenarios.coach())
    assert ("rule", "BU-001") in flagged(r)
    assert {v for d, v in flagged(r) if d == "labeler"} == set(scenarios.COACHED)
    [verdict] = [v for v in r["verdicts"] if v["rule"] == "BU-001"]
    assert verdict["verdict"] == "coach"
    assert sorted(verdict["labelers"]) == sorted(scenarios.COACHED)
    assert verdict["group_rate"] > 0.5 and verdict["rest_rate"] < 0.1
    assert verdict["quiz_command"].startswith("labelbook quiz -C ") and "--rule BU-001" in verdict["quiz_command"]
    [action] = [a for a in r["actions"] if a["kind"] == "coach"]
    assert action["owner"] == "training" and all(x in action["subject"] for x in scenarios.COACHED)
    assert action["command"] == verdict["quiz_command"]
    # Coaching covers them: no second action asks the vendor to review the same people.
    assert not [a for a in r["actions"] if a["kind"] == "labeler"]
    assert r["verdicts"] == [verdict]


def test_a_rule_everyone_gets_wrong_after_a_release_is_to_clarify(tmp_path: Path) -> None:
    monday = dt.date(2026, 11, 23)
    repo = release_repo(tmp_path / "repo", dt.date(2026, 9, 1), monday)
    r = report(tmp_path, scenarios.release(), repo)
    assert ("rule", "HS-001") in flagged(r)
    # Everyone looks worse through HS-001: any labeler, vendor or area flag is explained by it, and asks for no action.
    assert all(f["explained_by"] == ["HS-001"] for f in r["flags"] if f["dimension"] != "rule")
    assert not [a for a in r["actions"] if a["kind"] in ("labeler", "segment", "area")]
    [verdict] = [v for v in r["verdicts"] if v["rule"] == "HS-001"]
    assert verdict["verdict"] == "clarify" and verdict["labelers"] == []
    assert set(verdict["reasons"]) == {"flagged", "rate-drop"}
    assert verdict["top_confusion"]["decision"] == "remove" and verdict["top_confusion"]["qa_decision"] == "age-restrict"
    assert verdict["labelers_with_errors"] >= 15
    assert verdict["examples"] == [{"id": "HS-001-E01", "label": "allow"}, {"id": "HS-001-E02", "label": "age-restrict"}]
    assert verdict["url"] == f"{SITE_URL}/1.1.0/hate-speech/HS-001/"
    assert verdict["changed_in"] == [{"tag": "v1.1.0", "date": "2026-11-23", "kinds": ["decision-changed", "example-relabelled"]}]
    release = r["headline"]["releases"]
    assert [x["tag"] for x in release] == ["v1.1.0"] and release[0]["date"] == "2026-11-23"
    assert {"rule": "HS-001", "kind": "decision-changed", "old": "remove", "new": "age-restrict", "count": 1} in release[0]["changes"]
    assert [x["tag"] for x in r["releases"]] == ["v1.1.0"]  # v1.0.0 is older than the data
    top = r["rca"]["by_rule"][0]
    assert top["rule"] == "HS-001" and top["rate"] < -0.05 and top["changed_in"][0]["tag"] == "v1.1.0"
    assert [a["kind"] for a in r["actions"]] == ["clarify"] and r["actions"][0]["owner"] == "policy"
    alarms = [d for d in r["pchart"]["days"] if d["below"]]
    assert alarms and all(d["explained_by"] == ["HS-001"] for d in alarms)


def test_the_coach_command_recalibrates_on_what_changed_and_runs(tmp_path: Path) -> None:
    repo = release_repo(tmp_path / "repo", dt.date(2026, 9, 1), dt.date(2026, 11, 16))
    world = scenarios.coach()
    world.error = lambda who, rule, week: 0.8 if who in scenarios.COACHED and rule == "HS-001" and week == world.last_week else 0.03
    r = report(tmp_path, world, repo)
    [verdict] = [v for v in r["verdicts"] if v["rule"] == "HS-001"]
    assert verdict["verdict"] == "coach"
    # v1.1.0 changed HS-001 on 16 November: recalibrate on what changed since the release before it.
    expected = f"labelbook quiz -C {repo} --rule HS-001 --since v1.0.0 --count 2 -o recalibrate-HS-001.json"
    assert verdict["quiz_command"] == expected
    words = expected.split()[1:]
    run = subprocess.run([sys.executable, "-m", "labelbook", *words], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    quiz = json.loads((tmp_path / "recalibrate-HS-001.json").read_text(encoding="utf-8"))
    assert sorted(i["id"] for i in quiz["items"]) == ["HS-001-E01", "HS-001-E02"]


def test_a_shift_of_work_toward_a_harder_rule_is_mix_not_rate(tmp_path: Path) -> None:
    r = report(tmp_path, scenarios.mix())
    rca = r["rca"]
    assert rca["total"] < -0.04
    # Sampling noise of the rule accuracies is about one point of rate here; the planted mix is -6.6 points.
    assert rca["mix"] < -0.045 and abs(rca["rate"]) < 0.025 and abs(rca["rate"]) < abs(rca["mix"]) / 2
    assert abs(rca["mix"] + rca["rate"] - rca["total"]) < 1e-9
    sp = next(x for x in rca["by_rule"] if x["rule"] == "SP-001")
    assert sp["share1"] > 0.3 > 0.15 > sp["share0"]
    assert r["flags"] == [] and r["verdicts"] == []
    # Every day of the week scores below the p-chart's limit, and the day's mix of rules accounts for each.
    alarms = [d for d in r["pchart"]["days"] if d["below"]]
    assert len(alarms) == 7 and all(d["by_mix"] and not d["explained_by"] for d in alarms)
    [action] = r["actions"]
    assert action["kind"] == "mix" and action["owner"] == "vendor" and "SP-001" in action["subject"]
