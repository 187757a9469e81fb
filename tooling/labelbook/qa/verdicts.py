"""Verdicts: is a rule's trouble the guideline's (clarify) or a few people's (coach)?

The rules judged are those flagged as abnormal and those with the largest drops in the
root cause's rate term: at most RATE_DROPS, each costing the team at least RATE_DROP of
accuracy, and each a real drop of the rule's accuracy from the previous week (one-sided
Fisher test, Benjamini-Hochberg at 5% over the rules), not the noise of a small week.
For such a rule, in the report week:

- its **outliers** are the labelers whose error rate on the rule is significantly above
  that of everyone else on it together (one-sided Fisher exact test, Benjamini-Hochberg
  at 5% over the labelers audited on the rule);
- its **excess** is its errors beyond its baseline error rate (errors - audits x baseline
  rate; without a baseline, the others' rate this week), and the outliers' excess is
  theirs beyond the same rate.

The verdict is **coach** when the rule has outliers, they are at most COACH_GROUP (20%,
and at least one) of the labelers audited on it, their excess is at least COACH_SHARE
(half) of the rule's excess (of its errors, when the rule is not above its baseline), and
everyone else together is not significantly above the rule's baseline error rate (one-
sided Fisher test at 5%): a few people explain most of the trouble, and without them the
rule works. Otherwise it is **clarify**: the errors are spread over many labelers, so the
guideline is unclear. A labeler who only does most of a rule's work makes most of its
errors at the others' own rate; that is no outlier, and no reason to coach.
"""

from __future__ import annotations

import math

import numpy as np

from labelbook.qa import stats
from labelbook.qa.model import LabelerErrors, Rca, RcaRow, Verdict
from labelbook.qa.thresholds import COACH_GROUP, COACH_SHARE, RATE_DROP, RATE_DROPS


def outliers(people: list[tuple[str, int, int]], fdr: float = stats.FDR) -> list[tuple[str, int, int]]:
    """The labelers (labeler, audits, errors) whose error rate is significantly above the others'."""
    if len(people) < 2:
        return []
    audits = sum(p[1] for p in people)
    errors = sum(p[2] for p in people)
    e = np.array([p[2] for p in people])
    n = np.array([p[1] for p in people])
    q = stats.bh(stats.excess_p(e, n, errors - e, audits - n))
    return sorted((p for p, qi in zip(people, q) if qi <= fdr and p[2] > 0), key=lambda p: (-p[2], p[1], p[0]))


def significant_drops(rca: Rca | None, fdr: float = stats.FDR) -> list[RcaRow]:
    """The rules whose drop in accuracy costs the team RATE_DROP or more and is no chance."""
    both = [r for r in (rca.rows if rca else ()) if r.rule and r.accuracy0 is not None and r.accuracy1 is not None]
    if not both:
        return []
    e1 = np.array([r.audits1 - round(r.audits1 * (r.accuracy1 or 0)) for r in both])
    e0 = np.array([r.audits0 - round(r.audits0 * (r.accuracy0 or 0)) for r in both])
    q = stats.bh(stats.excess_p(e1, np.array([r.audits1 for r in both]), e0, np.array([r.audits0 for r in both])))
    drops = [r for r, qi in zip(both, q) if qi <= fdr and r.rate <= -RATE_DROP]
    return sorted(drops, key=lambda r: (r.rate, r.rule or ""))[:RATE_DROPS]


def concentration(people: list[tuple[str, int, int]], baseline: tuple[int, int] | None) -> tuple[str, tuple[LabelerErrors, ...], float | None, float | None]:
    """(verdict, outliers, their error rate, the others' error rate) from (labeler, audits,
    errors) and the rule's baseline (audits, errors)."""
    found = outliers(people)
    audits, errors = sum(p[1] for p in people), sum(p[2] for p in people)
    g_audits, g_errors = sum(p[1] for p in found), sum(p[2] for p in found)
    group_rate = g_errors / g_audits if g_audits else None
    rest_rate = (errors - g_errors) / (audits - g_audits) if audits > g_audits else None
    has_baseline = baseline is not None and baseline[0] > 0
    reference = baseline[1] / baseline[0] if has_baseline and baseline else (rest_rate or 0.0)
    excess = errors - audits * reference
    g_excess = g_errors - g_audits * reference
    explained = g_excess / excess if excess > 0 else (g_errors / errors if errors else 0.0)
    rest_fine = True
    if has_baseline and baseline and audits > g_audits:
        p = stats.excess_p(np.array([errors - g_errors]), np.array([audits - g_audits]), np.array([baseline[1]]), np.array([baseline[0]]))[0]
        rest_fine = bool(p > stats.FDR)
    limit = max(1, math.floor(COACH_GROUP * len(people)))
    coach = bool(found) and len(found) <= limit and explained >= COACH_SHARE and rest_fine
    return ("coach" if coach else "clarify"), tuple(LabelerErrors(*p) for p in found) if coach else (), group_rate, rest_rate


def top_confusion(cells: dict[tuple[str, str], int], order: tuple[str, ...]) -> tuple[str, str, int] | None:
    """The most common error (decision, qa_decision, audits); ties go to the stronger decisions."""
    rank = {d: i for i, d in enumerate(order)}
    wrong = [(d, q, n) for (d, q), n in cells.items() if d != q and n > 0]
    if not wrong:
        return None
    return min(wrong, key=lambda x: (-x[2], rank.get(x[0], len(rank)), rank.get(x[1], len(rank)), x[0], x[1]))


def judge(rule: str, people: list[tuple[str, int, int]], cells: dict[tuple[str, str], int], order: tuple[str, ...],
          reasons: tuple[str, ...], baseline: tuple[int, int] | None) -> Verdict:
    verdict, group, group_rate, rest_rate = concentration(people, baseline)
    return Verdict(
        rule=rule, title="", verdict=verdict, reasons=reasons,
        audits=sum(p[1] for p in people), errors=sum(p[2] for p in people), labelers=len(people),
        labelers_with_errors=sum(1 for p in people if p[2]), group=group,
        group_rate=group_rate, rest_rate=rest_rate, top_confusion=top_confusion(cells, order),
    )
