"""What the verdicts and the mix of work account for, among the flags and the p-chart's alarms.

When everyone gets one rule wrong, every labeler, vendor, area and day looks worse too;
when a few coached labelers collapse on a rule, their vendor does. Those flags and alarms
are real, but they call for no action of their own: the verdict's action is it. And a
day that held more of the hard rules scores lower with nobody doing worse.
"""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import polars as pl

from labelbook.qa import engine, stats
from labelbook.qa.model import Abnormal, PChart, Verdict
from labelbook.qa.weeks import Period


def explain(frame: pl.DataFrame, period: Period, fdr: float, found: Abnormal, pchart: PChart | None,
            verdicts: tuple[Verdict, ...]) -> tuple[Abnormal, PChart | None]:
    """Mark the flags and p-chart alarms that the verdicts account for: the audits of a
    rule to clarify (everyone got it wrong, so every labeler, vendor, area and day looks
    worse), and those of the coached labelers on their rule. A flag is explained when,
    without those audits, the segment is no longer above its baseline (Benjamini-Hochberg
    again over the flags re-tested); a day, when it is no longer below the limit of a
    p-chart drawn without them."""
    causes = [(v.rule, None) for v in verdicts if v.verdict == "clarify"]
    causes += [(v.rule, [g.labeler for g in v.group]) for v in verdicts if v.verdict == "coach"]
    if not causes:
        return found, pchart
    names = tuple(rule if who is None else f"{rule}: {', '.join(who)}" for rule, who in causes)
    without = pl.any_horizontal(
        (pl.col("rule") == rule) if who is None else ((pl.col("rule") == rule) & pl.col("labeler").is_in(who)) for rule, who in causes
    ).fill_null(False)
    columns = dict(engine.dimensions(frame))
    again = [s for s in found.tested if s.flagged and s.dimension != "rule"]
    counts = [engine.segment_without(frame, period.week, list(period.baseline), columns[s.dimension], s.value, without) for s in again]
    q = stats.bh(stats.excess_p(np.array([c[0].errors for c in counts]), np.array([c[0].audits for c in counts]),
                                np.array([c[1].errors for c in counts]), np.array([c[1].audits for c in counts])))
    explained = {(s.dimension, s.value) for s, (now, before), qi in zip(again, counts, q)
                 if not now.audits or not before.audits or np.isnan(qi) or qi > fdr}
    marked = [dataclasses.replace(s, explained_by=names) if (s.dimension, s.value) in explained else s for s in found.tested]
    # The flags no verdict accounts for first: they are the ones that need an action.
    marked.sort(key=lambda s: (bool(s.explained_by), s.q_value if s.q_value is not None else 1.0, -(s.rate or 0), s.dimension, s.value))
    found = dataclasses.replace(found, tested=tuple(marked))
    if pchart is not None and pchart.alarms:
        base = engine.daily(frame, period.window_start, period.previous.end, without)
        centre = sum(c.correct for c in base.values()) / max(1, sum(c.audits for c in base.values()))
        days = engine.daily(frame, period.week.start, period.week.end, without)
        out = []
        for d in pchart.days:
            rest = days.get(d.day)
            if d.below and (rest is None or rest.correct / rest.audits >= float(stats.pchart_limits(centre, np.array([rest.audits]))[0][0])):
                d = dataclasses.replace(d, explained_by=names)
            out.append(d)
        pchart = dataclasses.replace(pchart, days=tuple(out))
    return found, pchart


def mix_days(frame: pl.DataFrame, period: Period, pchart: PChart | None) -> PChart | None:
    """Mark the alarms that the day's mix of rules accounts for (a risk-adjusted p-chart):
    with each rule at its baseline accuracy, the day's work would be expected to score
    E = sum of n_r p_r / n, within 3 standard errors sqrt(sum of n_r p_r (1 - p_r)) / n."""
    if pchart is None or not [d for d in pchart.alarms if not d.explained_by]:
        return pchart
    base = engine.by_rule(frame, list(period.baseline))
    team = sum(c.correct for c in base.values()) / max(1, sum(c.audits for c in base.values()))
    p = {r: c.correct / c.audits for r, c in base.items() if c.audits}
    cells = engine.daily_by_rule(frame, period.week)
    out = []
    for d in pchart.days:
        if d.below and not d.explained_by:
            mine = [(c.audits, p.get(rule, team)) for (day, rule), c in cells.items() if day == d.day]
            expected = sum(n * q for n, q in mine) / d.audits
            se = math.sqrt(sum(n * q * (1 - q) for n, q in mine)) / d.audits
            if d.accuracy >= expected - stats.SIGMAS * se:
                d = dataclasses.replace(d, by_mix=True)
        out.append(d)
    return dataclasses.replace(pchart, days=tuple(out))
