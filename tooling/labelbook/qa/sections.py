"""The seven parts of the report as sections of paragraphs and typed tables, in one language.

Every renderer but JSON lays these out (text, Markdown, HTML, XLSX), so they all say the
same things with the same numbers: a cell keeps its value and its kind (a share, a count,
a q-value...), and each format writes it its own way (a percentage in text, a number
with a percentage format in Excel). Text from the audit files or the repository is kept
as plain strings here; each renderer escapes it for where it lands.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Union

from labelbook.qa import strings as S
from labelbook.qa.context import RuleChange
from labelbook.qa.model import Day, Report, Segment, Verdict
from labelbook.qa.strings import Words


@dataclass(frozen=True)
class Link:
    text: str
    url: str | None


@dataclass(frozen=True)
class Code:
    text: str


Inline = Union[str, Link, Code]


@dataclass
class Column:
    title: str
    kind: str  # text | int | pct | points | q | sec | date | code


@dataclass
class Table:
    key: str  # stable name: the XLSX sheet part, the HTML id
    columns: list[Column]
    rows: list[list[Any]]
    title: str = ""
    brief: bool = True  # shown in the text and Markdown reports too (else only in html and xlsx)
    recent: bool = False  # rows in time order: a shortened table keeps the last ones, not the first

    def shown(self, limit: int) -> list[list[Any]]:
        """The rows a shortened table (text, Markdown) shows."""
        return self.rows[-limit:] if self.recent else self.rows[:limit]


@dataclass
class Section:
    key: str
    title: str
    blocks: list[list[Inline] | Table] = field(default_factory=list)


def _changes_text(w: Words, changes: tuple) -> str:
    return "; ".join(w(S.CHANGED_IN, release=r.tag, changes=", ".join(w.change(c.kind) for c in cs)) for r, cs in changes)


def _values(c: RuleChange, w: Words) -> str:
    """' (old → new)' of a change that has them; a decision change in the decisions' titles."""
    if not (c.old or c.new):
        return ""
    name = w.decision if c.kind == "decision-changed" else (lambda v: v or "")
    return f" ({name(c.old)} → {name(c.new)})"


def _rule_link(rule: str | None, title: str, url: str | None, w: Words) -> Link:
    return Link(f"{rule} {title}".strip() if rule else w(S.NO_RULE), url)


def headline(r: Report, w: Words) -> Section:
    h = r.headline
    s = Section("headline", w(S.SECTIONS["headline"]))
    s.blocks.append([w(S.DATA, audits=w.n(r.rows - r.skipped_rows), files=w.n(len(r.files)), first=w.day(r.first_day), last=w.day(r.last_day))])
    if r.skipped_rows:
        s.blocks.append([w(S.SKIPPED, rows=w.n(r.skipped_rows))])
    s.blocks.append([w(S.BASELINE_IS, weeks=", ".join(w.text(b) for b in r.baseline))])
    if r.pseudonymized:
        s.blocks.append([w(S.PSEUDONYMS)])
    cols = [Column(w(S.COLUMNS[k]), kind) for k, kind in
            (("period", "text"), ("audits", "int"), ("accuracy", "pct"), ("ci", "text"), ("under", "pct"), ("over", "pct"))]
    rows = []
    for key, t in (("week", h.week), ("previous", h.previous), ("baseline", h.baseline)):
        ci = f"{w.pct(t.low)} – {w.pct(t.high)}" if t.audits else "–"
        rows.append([w(S.ROWS[key]), t.audits, t.accuracy, ci, t.under_rate, t.over_rate])
    s.blocks.append(Table("headline", cols, rows))
    acc = h.week.accuracy
    d_prev = None if acc is None or h.previous.accuracy is None else acc - h.previous.accuracy
    d_base = None if acc is None or h.baseline.accuracy is None else acc - h.baseline.accuracy
    s.blocks.append([w(S.HEADLINE_CHANGE, previous=w.points(d_prev), baseline=w.points(d_base))])
    if h.releases:
        s.blocks.append([w(S.RELEASES_IN_WINDOW)])
        cols = [Column(w(S.COLUMNS["release"]), "text"), Column(w(S.COLUMNS["date"]), "date"), Column(w(S.COLUMNS["rule"]), "text"),
                Column(w(S.COLUMNS["changed"]), "text")]
        rows = [[x.tag, x.date, rule, ", ".join(w.change(c.kind) + _values(c, w) for c in cs)]
                for x in h.releases for rule, cs in sorted(x.changes.items())] or [[x.tag, x.date, "", ""] for x in h.releases]
        s.blocks.append(Table("releases", cols, rows))
    else:
        s.blocks.append([w(S.NO_RELEASES)])
    if h.auditor_pairs:
        s.blocks.append([w(S.AGREEMENT, share=w.pct(h.auditor_agree / h.auditor_pairs), pairs=w.n(h.auditor_pairs), items=w.n(h.twice_audited))])
    for kind, detail in r.notes:
        s.blocks.append([w.note(kind, detail)])
    return s


def trends(r: Report, w: Words) -> Section:
    s = Section("trends", w(S.SECTIONS["trends"]))
    marks: dict[str, list[str]] = {}
    for x in r.releases:
        for p in r.weeks:
            if p.start <= x.date <= p.start + dt.timedelta(days=6):
                marks.setdefault(p.label, []).append(x.tag)
    cols = [Column(w(S.COLUMNS[k]), kind) for k, kind in
            (("week", "text"), ("audits", "int"), ("accuracy", "pct"), ("ci", "text"), ("under", "pct"), ("over", "pct"), ("release", "text"))]
    rows = [[w.text(p.label), p.tally.audits, p.tally.accuracy, f"{w.pct(p.tally.low)} – {w.pct(p.tally.high)}",
             p.tally.under_rate, p.tally.over_rate, ", ".join(marks.get(p.label, []))] for p in r.weeks]
    s.blocks.append(Table("weeks", cols, rows, w(S.TREND_ALL), recent=True))
    if r.area_weeks:
        areas = sorted(r.area_weeks)
        by_week = {a: {p.label: p.tally.accuracy for p in ps} for a, ps in r.area_weeks.items()}
        cols = [Column(w(S.COLUMNS["week"]), "text")] + [Column(r.area_titles.get(a) or a, "pct") for a in areas]
        rows = [[w.text(p.label)] + [by_week[a].get(p.label) for a in areas] for p in r.weeks]
        s.blocks.append(Table("areas", cols, rows, w(S.TREND_AREAS), recent=True))
    if r.releases:
        s.blocks.append([w(S.RELEASE_MARK)])
    return s


def _segment_rows(segments: tuple[Segment, ...], w: Words) -> list[list[Any]]:
    return [[w.dimension(g.dimension), Link(g.value, g.url), g.title, g.audits, g.errors, g.rate, g.baseline_rate, g.q_value,
             _changes_text(w, g.changes) or (w(S.EXPLAINED, rules=", ".join(g.explained_by)) if g.explained_by else "")] for g in segments]


def _day_note(d: Day, w: Words) -> str:
    if d.explained_by:
        return w(S.EXPLAINED, rules=", ".join(d.explained_by))
    return w(S.BY_MIX) if d.by_mix else ""


def abnormal(r: Report, w: Words) -> Section:
    a = r.abnormal
    s = Section("abnormal", w(S.SECTIONS["abnormal"]))
    s.blocks.append([w(S.FLAGS_WHY, fdr=w.pct(r.fdr, 0), tested=w.n(len(a.tested)), min=w.n(r.min_audits))])
    cols = [Column(w(S.COLUMNS[k]), kind) for k, kind in
            (("dimension", "text"), ("value", "text"), ("title", "text"), ("audits", "int"), ("errors", "int"),
             ("error_rate", "pct"), ("baseline_rate", "pct"), ("q", "q"), ("note", "text"))]
    if a.flags:
        s.blocks.append(Table("flags", cols, _segment_rows(a.flags, w)))
    else:
        s.blocks.append([w(S.NO_FLAGS)])
    if a.not_enough:
        s.blocks.append([w(S.NOT_ENOUGH, min=w.n(r.min_audits), count=w.n(len(a.not_enough)))])
    if a.no_baseline:
        shown = ", ".join(f"{w.dimension(g.dimension)} {g.value}" for g in a.no_baseline[:20])
        s.blocks.append([w(S.NO_BASELINE, list=shown + (" …" if len(a.no_baseline) > 20 else ""))])
    s.blocks.append(Table("segments", cols, _segment_rows(a.tested, w), brief=False))
    if r.pchart is not None:
        s.blocks.append([w(S.PCHART)])
        s.blocks.append([w(S.PCHART_WHY, centre=w.pct(r.pchart.centre))])
        day_cols = [Column(w(S.COLUMNS[k]), kind) for k, kind in (("day", "date"), ("audits", "int"), ("accuracy", "pct"), ("limit", "pct"))]
        if r.pchart.alarms:
            s.blocks.append([w(S.PCHART_ALARMS)])
            cols = [*day_cols, Column(w(S.COLUMNS["note"]), "text")]
            s.blocks.append(Table("alarms", cols, [[d.day, d.audits, d.accuracy, d.lcl, _day_note(d, w)] for d in r.pchart.alarms]))
        else:
            s.blocks.append([w(S.PCHART_NONE)])
        s.blocks.append(Table("pchart", day_cols, [[d.day, d.audits, d.accuracy, d.lcl] for d in r.pchart.days], w(S.PCHART), brief=False))
    return s


def rca(r: Report, w: Words) -> Section:
    s = Section("rca", w(S.SECTIONS["rca"]))
    if r.rca is None:
        s.blocks.append([w(S.RCA_NONE)])
        return s
    x = r.rca
    s.blocks.append([w(S.RCA_SUMMARY, a0=w.pct(x.accuracy0), w0=w.text(r.previous), a1=w.pct(x.accuracy1), w1=w.text(r.week),
                       total=w.points(x.total), mix=w.points(x.mix), rate=w.points(x.rate))])
    s.blocks.append([w(S.RCA_WHY)])
    cols = [Column(w(S.COLUMNS[k]), kind) for k, kind in
            (("rule", "text"), ("share0", "pct"), ("share1", "pct"), ("accuracy0", "pct"), ("accuracy1", "pct"),
             ("mix", "points"), ("rate", "points"), ("total", "points"), ("changed", "text"))]
    def rows(items: tuple) -> list[list[Any]]:
        return [[_rule_link(i.rule, i.title, i.url, w), i.share0, i.share1, i.accuracy0, i.accuracy1, i.mix, i.rate, i.total,
                 _changes_text(w, i.changes)] for i in items]
    s.blocks.append(Table("rca_top", cols, rows(x.top), w(S.RCA_TOP)))
    s.blocks.append(Table("rca", cols, rows(x.rows), brief=False))
    return s


def _verdict_line(v: Verdict, w: Words) -> list[Inline]:
    line: list[Inline] = [_rule_link(v.rule, v.title, v.url, w), f" — {w(S.VERDICTS[v.verdict]).upper()} ("]
    line.append(", ".join(w(S.WHY_FLAGGED if x == "flagged" else S.WHY_DROP) for x in v.reasons) + "): ")
    if v.verdict == "coach":
        line.append(w(S.COACH_TEXT, group=", ".join(g.labeler for g in v.group), share=w.pct(v.group_share, 0),
                      group_rate=w.pct(v.group_rate), rest_rate=w.pct(v.rest_rate)))
    else:
        line.append(w(S.CLARIFY_TEXT, with_errors=w.n(v.labelers_with_errors), labelers=w.n(v.labelers)))
    line.append("; " + w(S.CONFUSION_IS, confusion=w.confusion(v.top_confusion)))
    if v.examples:
        line.append("; " + w(S.EXAMPLES_ARE, examples=", ".join(f"{i} {w.decision(label)}" for i, label in v.examples)))
    if v.changes:
        line.append("; " + _changes_text(w, v.changes))
    if v.verdict == "coach":
        line += ["; ", w(S.QUIZ), " ", Code(v.quiz_command)] if v.quiz_command else ["; ", w(S.NO_QUIZ)]
    return line


def verdicts(r: Report, w: Words) -> Section:
    s = Section("verdicts", w(S.SECTIONS["verdicts"]))
    if not r.verdicts:
        s.blocks.append([w(S.NO_VERDICTS)])
    for v in r.verdicts:
        s.blocks.append(_verdict_line(v, w))
    ds = list(r.decisions)
    cols = [Column(f"{w(S.COLUMNS['labeler_decision'])} \\ {w(S.COLUMNS['qa_decision'])}", "text")] + [Column(w.decision(q), "int") for q in ds]
    s.blocks.append(Table("confusion", cols, [[w.decision(d)] + [r.confusion.get((d, q), 0) for q in ds] for d in ds], w(S.CONFUSION)))
    return s


def productivity(r: Report, w: Words) -> Section:
    s = Section("productivity", w(S.SECTIONS["productivity"]))
    p = r.productivity
    if p is None:
        s.blocks.append([w(S.NO_PRODUCTIVITY)])
        return s
    cols = [Column(w(S.COLUMNS[k]), kind) for k, kind in (("week", "text"), ("audits", "int"), ("median", "sec"), ("mean", "sec"))]
    s.blocks.append(Table("time_weeks", cols, [[w.text(wk), n, med, mean] for wk, n, med, mean in p.weekly], w(S.TIME_TREND), recent=True))
    cols = [Column(w(S.COLUMNS[k]), kind) for k, kind in (("dimension", "text"), ("value", "text"), ("audits", "int"), ("median", "sec"),
                                                          ("previous_median", "sec"), ("baseline_median", "sec"))]
    s.blocks.append(Table("time", cols, [[w.dimension(t.dimension), t.value, t.audits, t.median, t.previous, t.baseline] for t in p.rows]))
    return s


def actions(r: Report, w: Words) -> Section:
    s = Section("actions", w(S.SECTIONS["actions"]))
    if not r.actions:
        s.blocks.append([w(S.NO_ACTIONS)])
        return s
    cols = [Column(w(S.COLUMNS[k]), kind) for k, kind in (("owner", "text"), ("what", "text"), ("figure", "text"))] + [Column("", "code")]
    s.blocks.append(Table("actions", cols, [[w(S.OWNERS[a.owner]), *w.action(a), a.command or ""] for a in r.actions]))
    return s


def title(r: Report, w: Words) -> str:
    return w(S.TITLE, week=w.text(r.week)) + (f" · {r.title}" if r.title else "")


def subtitle(r: Report, w: Words) -> str:
    return w(S.PERIOD, start=w.day(r.week_start), end=w.day(r.week_end))


def sections(r: Report, w: Words) -> list[Section]:
    return [f(r, w) for f in (headline, trends, abnormal, rca, verdicts, productivity, actions)]
