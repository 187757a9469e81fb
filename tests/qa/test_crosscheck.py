"""Every figure of the report equals a second computation made apart from labelbook.qa.

The rows are generated here; the second computation (tests/qa/independent.py) reads them
as plain Python dicts, with textbook formulas, statsmodels and scipy's fisher_exact.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import random
import statistics
from pathlib import Path

import pytest
from scipy.stats import fisher_exact
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import proportion_confint

from . import independent as ind
from . import scenarios
from .repo import DECISIONS, RULES, write_qa_repo
from .run import qa
from .world import Row, generate, write_csv

WEEK = {scenarios.REPORT_WEEK}
PREVIOUS = {"2026-W47"}
BASELINE = {"2026-W44", "2026-W45", "2026-W46", "2026-W47"}


def run_report(tmp_path: Path, rows: list[Row], *extra: str) -> dict:
    repo = write_qa_repo(tmp_path / "repo")
    audits = write_csv(tmp_path / "audits.csv", rows)
    run = qa(audits, "-C", repo, "--format", "json", *extra, cwd=tmp_path)
    assert run.code == 0, run.stderr
    return json.loads(run.stdout)


@pytest.fixture(scope="module")
def coached(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[Row], dict]:
    rows = generate(scenarios.coach(), seed=7)
    for r in rows:  # a segment column, so that every dimension is cross-checked
        r["vendor"] = f"V{int(str(r['labeler'])[1:]) % 3}"
    return rows, run_report(tmp_path_factory.mktemp("coached"), rows)


def test_headline_accuracy_interval_and_enforcement(coached: tuple[list[Row], dict]) -> None:
    rows, r = coached
    h = r["headline"]
    for prefix, weeks in (("", WEEK), ("previous_", PREVIOUS), ("baseline_", BASELINE)):
        sel = ind.in_weeks(rows, weeks)
        correct, n = ind.accuracy(sel)
        under, over = ind.under_over(sel, DECISIONS)
        assert h[f"{prefix}audits"] == n
        assert h[f"{prefix}accuracy"] == pytest.approx(correct / n, abs=1e-12)
        low, high = proportion_confint(correct, n, alpha=0.05, method="wilson")
        assert (h[f"{prefix}accuracy_low"], h[f"{prefix}accuracy_high"]) == pytest.approx((low, high), abs=1e-9)
        assert (h[f"{prefix}accuracy_low"], h[f"{prefix}accuracy_high"]) == pytest.approx(ind.wilson(correct, n), abs=1e-9)
        assert h[f"{prefix}under_rate"] == pytest.approx(under / n, abs=1e-12)
        assert h[f"{prefix}over_rate"] == pytest.approx(over / n, abs=1e-12)


def test_weekly_trend_overall_and_per_area(coached: tuple[list[Row], dict]) -> None:
    rows, r = coached
    weeks = sorted({ind.iso_week(str(x["date"])) for x in rows})
    assert [p["week"] for p in r["weeks"]] == weeks
    for point in r["weeks"]:
        correct, n = ind.accuracy(ind.in_weeks(rows, {point["week"]}))
        assert (point["audits"], point["accuracy"]) == (n, pytest.approx(correct / n, abs=1e-12))
    for area in r["areas"]:
        mine = [x for x in rows if RULES[str(x["rule"])] == area["area"]]
        for point in area["weeks"]:
            correct, n = ind.accuracy(ind.in_weeks(mine, {point["week"]}))
            assert point["accuracy"] == pytest.approx(correct / n, abs=1e-12)


def test_segments_p_values_q_values_and_flags(coached: tuple[list[Row], dict]) -> None:
    rows, r = coached
    for x in rows:
        x["area"] = RULES[str(x["rule"])]
    expected: dict[tuple[str, str], tuple[int, int, int, int]] = {}
    for dim in ("labeler", "rule", "area", "vendor"):
        for value, counts in ind.segment_counts(rows, dim, WEEK, BASELINE).items():
            expected[(dim, value)] = counts
    tested = {(s["dimension"], s["value"]): s for s in r["segments"]}
    enough = {k for k, c in expected.items() if c[0] >= 30 and c[2] > 0}
    assert set(tested) == enough
    assert {(s["dimension"], s["value"]) for s in r["not_enough_data"]} == {k for k, c in expected.items() if c[0] < 30}
    keys = sorted(enough)
    p_fisher = [fisher_exact([[expected[k][1], expected[k][0] - expected[k][1]], [expected[k][3], expected[k][2] - expected[k][3]]],
                             alternative="greater")[1] for k in keys]
    p_sum = [ind.fisher_greater(expected[k][1], expected[k][0], expected[k][3], expected[k][2]) for k in keys]
    q_sm = multipletests(p_fisher, alpha=0.05, method="fdr_bh")[1]
    q_hand = ind.bh(p_sum)
    for k, pf, ps, qs, qh in zip(keys, p_fisher, p_sum, q_sm, q_hand):
        s = tested[k]
        assert (s["audits"], s["errors"], s["baseline_audits"], s["baseline_errors"]) == expected[k]
        assert s["p_value"] == pytest.approx(pf, rel=1e-9, abs=1e-15) == pytest.approx(ps, rel=1e-9, abs=1e-15)
        assert s["q_value"] == pytest.approx(qs, rel=1e-9, abs=1e-15) == pytest.approx(qh, rel=1e-9, abs=1e-15)
        assert s["flagged"] == (qs <= 0.05)
    assert [(f["dimension"], f["value"]) for f in r["flags"]] == [k for k in [(s["dimension"], s["value"]) for s in r["segments"]] if tested[k]["flagged"]]


def test_pchart_centre_and_limits(coached: tuple[list[Row], dict]) -> None:
    rows, r = coached
    correct, n = ind.accuracy(ind.in_weeks(rows, BASELINE))
    centre = correct / n
    assert r["pchart"]["centre"] == pytest.approx(centre, abs=1e-12)
    window = {x["date"] for x in ind.in_weeks(rows, BASELINE | WEEK)}
    assert [d["date"] for d in r["pchart"]["days"]] == sorted(window)
    for d in r["pchart"]["days"]:
        day_correct, day_n = ind.accuracy(x for x in rows if x["date"] == d["date"])
        lcl = max(0.0, centre - 3 * math.sqrt(centre * (1 - centre) / day_n))
        assert (d["audits"], d["accuracy"], d["lcl"]) == (day_n, pytest.approx(day_correct / day_n, abs=1e-12), pytest.approx(lcl, abs=1e-12))
        assert d["below"] == (ind.iso_week(d["date"]) in WEEK and day_correct / day_n < lcl)


def test_verdict_outliers_and_confusion(coached: tuple[list[Row], dict]) -> None:
    rows, r = coached
    [v] = r["verdicts"]
    mine = [x for x in ind.in_weeks(rows, WEEK) if x["rule"] == v["rule"]]
    people: dict[str, list[int]] = {}
    for x in mine:
        people.setdefault(str(x["labeler"]), [0, 0])
        people[str(x["labeler"])][0] += 1
        people[str(x["labeler"])][1] += x["decision"] != x["qa_decision"]
    n_all, e_all = len(mine), sum(e for _, e in people.values())
    names = sorted(people)
    p = [fisher_exact([[people[k][1], people[k][0] - people[k][1]], [e_all - people[k][1], n_all - people[k][0] - (e_all - people[k][1])]],
                      alternative="greater")[1] for k in names]
    q = multipletests(p, method="fdr_bh")[1]
    outliers = {k for k, qi in zip(names, q) if qi <= 0.05 and people[k][1] > 0}
    assert set(v["labelers"]) == outliers == set(scenarios.COACHED)
    g_n, g_e = sum(people[k][0] for k in outliers), sum(people[k][1] for k in outliers)
    assert v["group_rate"] == pytest.approx(g_e / g_n) and v["rest_rate"] == pytest.approx((e_all - g_e) / (n_all - g_n))
    wrong = [(str(x["decision"]), str(x["qa_decision"])) for x in mine if x["decision"] != x["qa_decision"]]
    top = max(set(wrong), key=lambda pair: (wrong.count(pair), -DECISIONS.index(pair[0]), -DECISIONS.index(pair[1])))
    assert (v["top_confusion"]["decision"], v["top_confusion"]["qa_decision"], v["top_confusion"]["audits"]) == (*top, wrong.count(top))
    cells = {(c["decision"], c["qa_decision"]): c["audits"] for c in r["confusion"]}
    week = ind.in_weeks(rows, WEEK)
    assert cells == {(d, q): n for d in DECISIONS for q in DECISIONS
                     if (n := sum(1 for x in week if x["decision"] == d and x["qa_decision"] == q))}


def test_productivity_medians(coached: tuple[list[Row], dict]) -> None:
    rows, r = coached
    for w in r["productivity"]["weekly"]:
        times = [float(x["handle_seconds"]) for x in ind.in_weeks(rows, {w["week"]})]
        assert w["median_seconds"] == pytest.approx(statistics.median(times)) and w["mean_seconds"] == pytest.approx(statistics.fmean(times))
    for row in r["productivity"]["rows"]:
        if row["dimension"] == "labeler":
            times = [float(x["handle_seconds"]) for x in ind.in_weeks(rows, WEEK) if x["labeler"] == row["value"]]
            before = [float(x["handle_seconds"]) for x in ind.in_weeks(rows, BASELINE) if x["labeler"] == row["value"]]
            assert row["median_seconds"] == pytest.approx(statistics.median(times))
            assert row["baseline_median_seconds"] == pytest.approx(statistics.median(before))


@pytest.mark.parametrize("seed", [3, 11, 29])
def test_mix_and_rate_sum_to_the_change_with_new_gone_and_ruleless_rules(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    rows = generate(scenarios.noise(), seed=seed)
    for x in rows:
        week = ind.iso_week(str(x["date"]))
        if week == "2026-W47" and x["rule"] == "SP-001":
            x["rule"] = "BU-002" if rng.random() < 0.5 else x["rule"]
        if week == scenarios.REPORT_WEEK and x["rule"] == "HS-002":
            x["rule"] = ""  # audits without a rule: one rule of their own
        if week == "2026-W47" and x["rule"] == "HS-001":
            x["decision"] = "allow" if rng.random() < 0.3 else x["decision"]
    for x in rows:  # HS-002 only in week 0, no rule only in week 1: the two special cases of SPEC 8.4
        if ind.iso_week(str(x["date"])) == scenarios.REPORT_WEEK and x["rule"] == "HS-002":
            x["rule"] = ""
    r = run_report(tmp_path, rows)
    total, terms = ind.decompose(ind.in_weeks(rows, PREVIOUS), ind.in_weeks(rows, WEEK))
    rca = r["rca"]
    assert rca["total"] == pytest.approx(total, abs=1e-12)
    assert abs(sum(x["mix"] + x["rate"] for x in rca["by_rule"]) - rca["total"]) < 1e-9
    assert abs(rca["mix"] + rca["rate"] - rca["total"]) < 1e-9
    assert {x["rule"] for x in rca["by_rule"]} == set(terms)
    assert None in terms and "HS-002" in terms
    for x in rca["by_rule"]:
        mix, rate = terms[x["rule"]]
        assert (x["mix"], x["rate"]) == (pytest.approx(mix, abs=1e-12), pytest.approx(rate, abs=1e-12))


def test_auditor_agreement_over_items_audited_twice(tmp_path: Path) -> None:
    rows = generate(scenarios.noise(), seed=5)
    rng = random.Random(5)
    week = [x for x in rows if ind.iso_week(str(x["date"])) == scenarios.REPORT_WEEK]
    twice = rng.sample(week, 60)
    agree = 0
    for x in twice:
        second = dict(x, auditor="A9")
        if rng.random() < 0.2:
            second["qa_decision"] = next(d for d in DECISIONS if d != x["qa_decision"])
        else:
            agree += 1
        rows.append(second)
    r = run_report(tmp_path, rows)
    assert r["headline"]["auditor_agreement"] == {"items": 60, "pairs": 60, "agree": agree, "rate": pytest.approx(agree / 60)}


def test_weeks_starting_on_sunday(tmp_path: Path) -> None:
    rows = generate(scenarios.noise(), seed=2)
    r = run_report(tmp_path, rows, "--week-start", "sun")
    # The data ends on Sunday 29 November: the week from Sunday 22 to Saturday 28 is the last complete one.
    assert (r["week"], r["week_start"], r["week_end"]) == ("2026-W48", "2026-11-22", "2026-11-28")
    sel = [x for x in rows if dt.date(2026, 11, 22) <= dt.date.fromisoformat(str(x["date"])) <= dt.date(2026, 11, 28)]
    correct, n = ind.accuracy(sel)
    assert (r["headline"]["audits"], r["headline"]["accuracy"]) == (n, pytest.approx(correct / n))
