"""The staffing plan as text, Markdown or JSON."""

from __future__ import annotations

import dataclasses
import json

from labelbook.core.i18n import N_
from labelbook.qa.render_md import md
from labelbook.qa.staffing import Staffing
from labelbook.qa.strings import Words

TITLE = N_("Labelers needed for the next two months")
BASIS = N_("Average handling time %(aht)s seconds (median %(median)s) over %(audits)s timed audits of %(weeks)s.")
ASSUMING = N_("Paid hours a day %(hours)s, occupancy %(occupancy)s, shrinkage %(shrinkage)s, volume growth %(growth)s a week.")
FORMULA = N_("labelers = volume × handling time ÷ (3600 × hours × occupancy × (1 − shrinkage)), rounded up")
HEADER = (N_("Week"), N_("Starts"), N_("Items a day"), N_("Handling hours a day"), N_("Labelers"))


def _rows(s: Staffing, w: Words) -> list[list[str]]:
    return [[w.text(p.week), w.day_text(p.start), w.n(round(p.volume)), w.n(round(p.workload_hours, 1)), w.n(p.labelers)] for p in s.weeks]


def render_staffing(s: Staffing, fmt: str, lang: str = "en") -> bytes:
    if fmt == "json":
        return (json.dumps({"format": "labelbook-qa-staffing", **dataclasses.asdict(s)}, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    w = Words(lang)
    basis = w(BASIS, aht=w.seconds(s.aht), median=w.seconds(s.median), audits=w.n(s.timed_audits), weeks=", ".join(w.text(x) for x in s.measured))
    assuming = w(ASSUMING, hours=w.n(s.hours), occupancy=w.pct(s.occupancy, 0), shrinkage=w.pct(s.shrinkage, 0), growth=w.pct(s.growth))
    header = [w(h) for h in HEADER]
    rows = _rows(s, w)
    if fmt == "md":
        lines = [f"# {md(w(TITLE))}", "", md(basis), "", md(assuming), "", f"`{w(FORMULA)}`", "",
                 "| " + " | ".join(md(h) for h in header) + " |", "|---|---|---:|---:|---:|"]
        lines += ["| " + " | ".join(md(c) for c in row) + " |" for row in rows]
        return ("\n".join(lines) + "\n").encode("utf-8")
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    lines = [w(TITLE), basis, assuming, w(FORMULA), ""]
    lines += ["  ".join(c.ljust(widths[i]) if i < 2 else c.rjust(widths[i]) for i, c in enumerate(r)).rstrip() for r in [header, *rows]]
    return ("\n".join(lines) + "\n").encode("utf-8")
