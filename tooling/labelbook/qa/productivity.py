"""Productivity: handling times (handle_seconds) per labeler, rule and other column, and their trend.

Medians, not means: one item left open over a break must not make a labeler look slow.
The staffing plan (`staffing`) uses the mean instead, because the work to be staffed is
the sum of the handling times, and a sum is the mean times the count.
"""

from __future__ import annotations

import polars as pl

from labelbook.qa import engine
from labelbook.qa.model import Productivity, TimeRow
from labelbook.qa.weeks import Period, Week


def productivity(frame: pl.DataFrame, period: Period) -> Productivity | None:
    if frame["handle_seconds"].null_count() == frame.height:
        return None
    weekly = engine.weekly_time(frame)
    trend = tuple((Week(w).label, n, med, mean) for w, (n, med, mean) in sorted(weekly.items()) if w <= period.week.start)
    periods = {"week": [period.week], "previous": [period.previous], "baseline": list(period.baseline)}
    rows: list[TimeRow] = []
    for dim, column in engine.dimensions(frame):
        table = engine.medians(frame, periods, column)
        found = [
            TimeRow(dim, value, t["week"][0], t["week"][1], t.get("previous", (0, None))[1], t.get("baseline", (0, None))[1])
            for value, t in table.items() if "week" in t
        ]
        rows += sorted(found, key=lambda r: (-r.median, r.value))
    return Productivity(trend, tuple(rows))
