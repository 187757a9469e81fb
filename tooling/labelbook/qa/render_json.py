"""The `json` rendering: the shape of schemas/qa-report.schema.json, for programs.

Language-neutral (the actions' text is English, beside their structured fields); rates
are fractions in 0..1 at full precision; dates are ISO dates; null where a figure is
undefined (no audits to divide by).
"""

from __future__ import annotations

import json
import math
from typing import Any

from labelbook.qa.context import ReleaseInfo, RuleChange
from labelbook.qa.model import Report, Segment, Tally, WeekPoint
from labelbook.qa.strings import Words

FORMAT_VERSION = 1


def _num(x: float | None) -> float | None:
    return None if x is None or (isinstance(x, float) and math.isnan(x)) else float(x)


def _week(p: WeekPoint) -> dict[str, Any]:
    t = p.tally
    return {"week": p.label, "start": p.start.isoformat(), "audits": t.audits, "accuracy": _num(t.accuracy),
            "accuracy_low": _num(t.low), "accuracy_high": _num(t.high), "under_rate": _num(t.under_rate), "over_rate": _num(t.over_rate)}


def _change(rule: str, c: RuleChange) -> dict[str, Any]:
    return {"rule": rule, "kind": c.kind, "old": c.old, "new": c.new, "count": c.count}


def _release(r: ReleaseInfo) -> dict[str, Any]:
    return {"tag": r.tag, "version": r.version, "date": r.date.isoformat(), "previous": r.previous,
            "changes": [_change(rule, c) for rule, cs in sorted(r.changes.items()) for c in cs]}


def _changed(changes: tuple[tuple[ReleaseInfo, tuple[RuleChange, ...]], ...]) -> list[dict[str, Any]]:
    return [{"tag": r.tag, "date": r.date.isoformat(), "kinds": [c.kind for c in cs]} for r, cs in changes]


def _segment(s: Segment) -> dict[str, Any]:
    return {"dimension": s.dimension, "value": s.value, "title": s.title, "audits": s.audits, "errors": s.errors,
            "rate": _num(s.rate), "baseline_audits": s.baseline_audits, "baseline_errors": s.baseline_errors,
            "baseline_rate": _num(s.baseline_rate), "p_value": _num(s.p_value), "q_value": _num(s.q_value),
            "flagged": s.flagged, "url": s.url, "changed_in": _changed(s.changes), "explained_by": list(s.explained_by)}


def _tally(prefix: str, t: Tally) -> dict[str, Any]:
    return {f"{prefix}audits": t.audits, f"{prefix}accuracy": _num(t.accuracy), f"{prefix}accuracy_low": _num(t.low),
            f"{prefix}accuracy_high": _num(t.high), f"{prefix}under_rate": _num(t.under_rate), f"{prefix}over_rate": _num(t.over_rate)}


def as_dict(r: Report) -> dict[str, Any]:
    h = r.headline
    words = Words("en")
    agreement = {"items": h.twice_audited, "pairs": h.auditor_pairs, "agree": h.auditor_agree,
                 "rate": h.auditor_agree / h.auditor_pairs if h.auditor_pairs else None}
    rca = None
    if r.rca is not None:
        rca = {"week0": r.previous, "week1": r.week, "accuracy0": r.rca.accuracy0, "accuracy1": r.rca.accuracy1,
               "total": r.rca.total, "mix": r.rca.mix, "rate": r.rca.rate, "top": [x.rule for x in r.rca.top],
               "by_rule": [{"rule": x.rule, "title": x.title, "audits0": x.audits0, "audits1": x.audits1, "share0": x.share0,
                            "share1": x.share1, "accuracy0": _num(x.accuracy0), "accuracy1": _num(x.accuracy1), "mix": x.mix,
                            "rate": x.rate, "url": x.url, "changed_in": _changed(x.changes)} for x in r.rca.rows]}
    pchart = None
    if r.pchart is not None:
        pchart = {"centre": r.pchart.centre, "days": [{"date": d.day.isoformat(), "audits": d.audits, "accuracy": d.accuracy,
                                                       "lcl": d.lcl, "ucl": d.ucl, "in_week": d.in_week, "below": d.below,
                                                       "explained_by": list(d.explained_by), "by_mix": d.by_mix} for d in r.pchart.days]}
    productivity = None
    if r.productivity is not None:
        productivity = {
            "weekly": [{"week": w, "audits": n, "median_seconds": med, "mean_seconds": mean} for w, n, med, mean in r.productivity.weekly],
            "rows": [{"dimension": t.dimension, "value": t.value, "audits": t.audits, "median_seconds": t.median,
                      "previous_median_seconds": t.previous, "baseline_median_seconds": t.baseline} for t in r.productivity.rows],
        }
    return {
        "format": "labelbook-qa",
        "format_version": FORMAT_VERSION,
        "guideline": r.title or None,
        "lang": r.lang,
        "week": r.week,
        "week_start": r.week_start.isoformat(),
        "week_end": r.week_end.isoformat(),
        "previous_week": r.previous,
        "baseline_weeks": list(r.baseline),
        "data": {"files": list(r.files), "rows": r.rows, "skipped_rows": r.skipped_rows,
                 "first_day": r.first_day.isoformat(), "last_day": r.last_day.isoformat()},
        "settings": {"min_audits": r.min_audits, "fdr": r.fdr, "decisions": list(r.decisions)},
        "pseudonymized": r.pseudonymized,
        "headline": {
            **_tally("", h.week), **_tally("previous_", h.previous), **_tally("baseline_", h.baseline),
            "releases": [_release(x) for x in h.releases], "auditor_agreement": agreement,
        },
        "weeks": [_week(p) for p in r.weeks],
        "areas": [{"area": a, "title": r.area_titles.get(a, ""), "weeks": [_week(p) for p in ws]} for a, ws in r.area_weeks.items()],
        "releases": [_release(x) for x in r.releases],
        "flags": [_segment(s) for s in r.abnormal.flags],
        "segments": [_segment(s) for s in r.abnormal.tested],
        "not_enough_data": [{"dimension": s.dimension, "value": s.value, "audits": s.audits} for s in r.abnormal.not_enough],
        "no_baseline": [{"dimension": s.dimension, "value": s.value, "audits": s.audits} for s in r.abnormal.no_baseline],
        "pchart": pchart,
        "rca": rca,
        "verdicts": [{
            "rule": v.rule, "title": v.title, "verdict": v.verdict, "reasons": list(v.reasons), "audits": v.audits, "errors": v.errors,
            "labelers": [g.labeler for g in v.group], "group": [{"labeler": g.labeler, "audits": g.audits, "errors": g.errors} for g in v.group],
            "labelers_audited": v.labelers, "labelers_with_errors": v.labelers_with_errors, "group_share": _num(v.group_share),
            "group_rate": _num(v.group_rate), "rest_rate": _num(v.rest_rate), "rate_change": _num(v.rate_change),
            "top_confusion": None if v.top_confusion is None else dict(zip(("decision", "qa_decision", "audits"), v.top_confusion)),
            "examples": [{"id": i, "label": label} for i, label in v.examples], "url": v.url, "quiz_command": v.quiz_command,
            "changed_in": _changed(v.changes),
        } for v in r.verdicts],
        "confusion": [{"decision": d, "qa_decision": q, "audits": n} for (d, q), n in sorted(r.confusion.items())],
        "productivity": productivity,
        "actions": [{"owner": a.owner, "kind": a.kind, "subject": a.subject, "text": words.action(a)[0], "figure": words.action(a)[1],
                     "rate": _num(a.rate), "baseline": _num(a.baseline), "q_value": _num(a.q), "command": a.command} for a in r.actions],
        "notes": [{"kind": k, "text": words.note(k, d)} for k, d in r.notes],
    }


def render_json(r: Report) -> bytes:
    return (json.dumps(as_dict(r), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
