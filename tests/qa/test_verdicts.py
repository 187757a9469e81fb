"""The rule that tells "coach" (a few labelers make most of a rule's errors) from "clarify"
(the errors are spread), on counts built to be one or the other."""

from __future__ import annotations

import pytest
from scipy.stats import fisher_exact
from statsmodels.stats.multitest import multipletests

from labelbook.qa.verdicts import COACH_GROUP, concentration, outliers

BASELINE = (2000, 100)  # the rule's baseline: 5% errors


def team(n: int, audits: int, errors: int) -> list[tuple[str, int, int]]:
    return [(f"L{i:02d}", audits, errors) for i in range(n)]


def test_two_labelers_far_worse_than_the_rest_are_coached() -> None:
    people = team(18, 20, 1) + [("X1", 20, 14), ("X2", 20, 12)]
    verdict, group, group_rate, rest_rate = concentration(people, BASELINE)
    assert verdict == "coach" and [g.labeler for g in group] == ["X1", "X2"]
    assert group_rate == pytest.approx(26 / 40) and rest_rate == pytest.approx(18 / 360)


def test_errors_spread_over_everyone_are_to_clarify() -> None:
    people = team(20, 20, 7)  # 35% for everyone, against 5% in the baseline
    assert concentration(people, BASELINE)[:2] == ("clarify", ())


def test_volume_is_not_skill_one_labeler_doing_most_of_the_work_at_the_teams_rate() -> None:
    people = [("BIG", 700, 105)] + team(10, 30, 4)  # 15% and 13%: the same rate, most of the errors
    assert outliers(people) == []
    assert concentration(people, (1000, 140))[0] == "clarify"


def test_a_few_outliers_but_the_rest_is_also_worse_than_its_baseline_is_to_clarify() -> None:
    people = team(18, 40, 8) + [("X1", 40, 30)]  # the others at 20% against a 5% baseline
    verdict, group, _, _ = concentration(people, BASELINE)
    assert outliers(people)[0][0] == "X1" and verdict == "clarify" and group == ()


def test_too_many_outliers_are_no_longer_a_few() -> None:
    n = 10
    bad = [(f"X{i}", 20, 15) for i in range(int(COACH_GROUP * n) + 1)]
    people = team(n - len(bad), 20, 1) + bad
    assert len(outliers(people)) == len(bad) and concentration(people, BASELINE)[0] == "clarify"


def test_a_rule_audited_on_one_labeler_has_no_one_to_compare_with() -> None:
    assert concentration([("SOLO", 50, 30)], BASELINE)[:2] == ("clarify", ())


def test_outliers_match_fisher_and_benjamini_hochberg_from_other_libraries() -> None:
    people = team(15, 25, 2) + [("X1", 25, 12), ("X2", 25, 7), ("X3", 25, 4)]
    n_all, e_all = sum(p[1] for p in people), sum(p[2] for p in people)
    p = [fisher_exact([[e, n - e], [e_all - e, n_all - n - (e_all - e)]], alternative="greater")[1] for _, n, e in people]
    q = multipletests(p, method="fdr_bh")[1]
    expected = {who for (who, _, e), qi in zip(people, q) if qi <= 0.05 and e > 0}
    assert {o[0] for o in outliers(people)} == expected and "X1" in expected
