"""Checked audits + the report period + the guidelines -> the weekly report (`model.Report`)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import numpy as np

from labelbook.core.problems import UsageError
from labelbook.qa import engine, stats
from labelbook.qa.actions import agenda
from labelbook.qa.audits import Audits
from labelbook.qa.context import Guidelines
from labelbook.qa.engine import Counts
from labelbook.qa.explain import explain, mix_days
from labelbook.qa.model import Abnormal, Day, Headline, PChart, Rca, RcaRow, Report, Segment, Tally, Verdict, WeekPoint
from labelbook.qa.productivity import productivity
from labelbook.qa.rca import decompose
from labelbook.qa.segments import abnormal
from labelbook.qa.verdicts import judge, significant_drops
from labelbook.qa.weeks import Period, Week, choose

DEFAULT_MIN_AUDITS = 30
DEFAULT_BASELINE = 4


@dataclass(frozen=True)
class Settings:
    min_audits: int = DEFAULT_MIN_AUDITS
    baseline: int = DEFAULT_BASELINE
    week: str | None = None
    first_weekday: int = 0
    fdr: float = stats.FDR


def choose_period(audits: Audits, settings: Settings) -> Period:
    return choose(audits.first_day, audits.last_day, audits.days(), week=settings.week, baseline=settings.baseline,
                  first_weekday=settings.first_weekday)


def tally(c: Counts, ordered: bool = True) -> Tally:
    low, high = stats.wilson1(c.correct, c.audits)
    return Tally(c.audits, c.correct, c.under if ordered else None, c.over if ordered else None, low, high)


def _points(counts: dict[tuple, Counts], last: Week, ordered: bool) -> list[WeekPoint]:
    return [WeekPoint(Week(w).label, w, tally(c, ordered)) for (w, _), c in sorted(counts.items()) if w <= last.start]


class _Builder:
    """One report: the counts of the engine, the statistics over them, the verdicts and actions."""

    def __init__(self, audits: Audits, period: Period, g: Guidelines, settings: Settings) -> None:
        self.audits, self.period, self.g, self.settings = audits, period, g, settings
        self.frame = audits.frame
        self.window = (period.previous.start, period.week.end)  # where a release "changed the rule" for the root cause

    def rule_title(self, rule: str | None) -> str:
        info = self.g.rules.get(rule or "")
        return info.title if info else ""

    def decorate(self, s: Segment) -> Segment:
        if s.dimension == "rule":
            return dataclasses.replace(s, title=self.rule_title(s.value), url=self.g.rule_url(s.value, self.period.week.end),
                                       changes=tuple(self.g.changes_of(s.value, self.period.window_start, self.period.week.end)))
        if s.dimension == "area":
            return dataclasses.replace(s, title=self.g.areas.get(s.value, ""))
        return s

    def decorate_rca(self, r: RcaRow) -> RcaRow:
        if r.rule is None:
            return r
        return dataclasses.replace(r, title=self.rule_title(r.rule), url=self.g.rule_url(r.rule, self.period.week.end),
                                   changes=tuple(self.g.changes_of(r.rule, *self.window)))

    def pchart(self, baseline: Counts) -> PChart | None:
        if not baseline.audits:
            return None
        first, last = self.period.window_start, self.period.week.end
        days = engine.daily(self.frame, first, last)
        centre = baseline.correct / baseline.audits
        ordered = sorted(days.items())
        lcl, ucl = stats.pchart_limits(centre, np.array([c.audits for _, c in ordered]))
        return PChart(centre, tuple(Day(d, c.audits, c.correct, float(lo), float(hi), d >= self.period.week.start)
                                    for (d, c), lo, hi in zip(ordered, lcl, ucl)))

    def verdicts(self, found: Abnormal, rca: Rca | None) -> tuple[Verdict, ...]:
        flags = found.flags
        base = {s.value: (s.baseline_audits, s.baseline_errors) for s in (*found.tested, *found.not_enough, *found.no_baseline) if s.dimension == "rule"}
        reasons: dict[str, list[str]] = {}
        for f in flags:
            if f.dimension == "rule":
                reasons.setdefault(f.value, []).append("flagged")
        for r in significant_drops(rca, self.settings.fdr):
            reasons.setdefault(r.rule or "", []).append("rate-drop")
        rules = sorted(reasons)
        people = engine.labelers_on(self.frame, self.period.week, rules)
        rate_terms = {r.rule: r.rate for r in (rca.rows if rca else ())}
        out = []
        for rule in rules:
            v = judge(rule, people[rule], engine.confusions(self.frame, self.period.week, rule), self.audits.decisions,
                      tuple(reasons[rule]), base.get(rule))
            if v.errors == 0:
                continue
            info = self.g.rules.get(rule)
            out.append(dataclasses.replace(
                v, title=self.rule_title(rule), examples=info.examples if info else (), url=self.g.rule_url(rule, self.period.week.end),
                quiz_command=self.g.quiz_command(rule, self.period.window_start, self.period.week.end) if v.verdict == "coach" else None,
                changes=tuple(self.g.changes_of(rule, self.period.window_start, self.period.week.end)), rate_change=rate_terms.get(rule),
            ))
        return tuple(sorted(out, key=lambda v: (v.verdict != "clarify", -v.errors, v.rule)))

    def build(self) -> Report:
        p, f = self.period, self.frame
        now, before, base = (engine.total(f, [p.week]), engine.total(f, [p.previous]), engine.total(f, list(p.baseline)))
        twice, pairs, agree = engine.auditor_pairs(f, p.week)
        releases_in_window = tuple(self.g.releases_between(p.window_start, p.week.end))
        o = self.audits.ordered
        headline = Headline(tally(now, o), tally(before, o), tally(base, o), releases_in_window, twice, pairs, agree)
        weeks = _points(engine.weekly(f), p.week, o)
        areas = engine.weekly(f, "area") if self.g.in_repo else {}
        area_weeks = {a: tuple(_points({k: c for k, c in areas.items() if k[1] == a}, p.week, o)) for a in sorted({k[1] for k in areas})}
        found = abnormal(engine.segments(f, p.week, list(p.baseline)), self.settings.min_audits, self.decorate, self.settings.fdr)
        rca = decompose(engine.by_rule(f, [p.previous]), engine.by_rule(f, [p.week]), self.decorate_rca)
        pchart = self.pchart(base)
        verdicts = self.verdicts(found, rca)
        found, pchart = explain(f, p, self.settings.fdr, found, pchart, verdicts)
        pchart = mix_days(f, p, pchart)
        rule_areas = {r.id: r.area for r in self.g.rules.values()}
        notes = list(self.g.notes)
        if not self.g.in_repo:
            notes.append(("no-repo", ""))
        elif not self.g.site_url:
            notes.append(("no-site-url", ""))
        if not self.audits.ordered:
            notes.append(("no-order", ""))
        if p.note:
            notes.append(("incomplete-week", p.note))
        if not base.audits:
            notes.append(("no-baseline", ""))
        return Report(
            title=self.g.title, lang=self.g.lang, week=p.week.label, week_start=p.week.start, week_end=p.week.end,
            previous=p.previous.label, baseline=tuple(w.label for w in p.baseline), first_day=self.audits.first_day,
            last_day=self.audits.last_day, files=self.audits.files, rows=self.audits.rows, skipped_rows=self.audits.skipped,
            min_audits=self.settings.min_audits, fdr=self.settings.fdr, decisions=self.audits.decisions,
            decision_titles=dict(self.g.decision_titles), headline=headline,
            weeks=tuple(weeks), area_weeks=area_weeks, area_titles=dict(self.g.areas),
            releases=tuple(self.g.releases_between(self.audits.first_day, p.week.end)), abnormal=found, pchart=pchart, rca=rca,
            verdicts=verdicts, confusion=engine.confusions(f, p.week), productivity=productivity(f, p),
            actions=agenda(verdicts, found.flags, pchart, rca, rule_areas), pseudonymized=self.audits.pseudonymized, notes=tuple(notes),
        )


def build_report(audits: Audits, period: Period, g: Guidelines, settings: Settings) -> Report:
    if settings.min_audits < 1:
        raise UsageError(f"--min-audits {settings.min_audits}: at least 1 (default {DEFAULT_MIN_AUDITS})")
    return _Builder(audits, period, g, settings).build()
