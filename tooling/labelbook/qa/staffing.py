"""`labelbook qa staffing`: labelers needed for the next two months, from the measured handling time.

    labelers(week) = ceil( volume(week) * AHT / (3600 * hours * occupancy * (1 - shrinkage)) )

volume(week) is --volume items a day, grown by --growth per week (compounded); AHT is the
mean handle_seconds of the audits of the --baseline weeks that end with the report week
(the audited items are a sample of all the work); hours is a labeler's paid hours a day;
occupancy is the share of logged-in time spent handling items (the rest waits for
work); shrinkage is the share of paid time not on the queue (breaks, training, meetings,
absence). The result counts labelers on the queue each day.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from labelbook.core.problems import UsageError
from labelbook.qa.weeks import Period

if TYPE_CHECKING:
    import polars as pl

HORIZON_WEEKS = 9  # two months


@dataclass(frozen=True)
class PlanWeek:
    week: str
    start: str
    volume: float  # items a day
    workload_hours: float  # handling hours a day
    labelers: int


@dataclass(frozen=True)
class Staffing:
    aht: float  # mean seconds per item
    median: float
    timed_audits: int
    measured: tuple[str, ...]  # the weeks the AHT comes from
    volume: float
    growth: float
    hours: float
    occupancy: float
    shrinkage: float
    weeks: tuple[PlanWeek, ...]


def check_options(volume: float, hours: float, occupancy: float, shrinkage: float, growth: float) -> None:
    if not volume > 0:
        raise UsageError(f"--volume {volume:g}: the items to handle a day, more than 0")
    if not 0 < hours <= 24:
        raise UsageError(f"--hours {hours:g}: a labeler's paid hours a day, more than 0 and at most 24")
    if not 0 < occupancy <= 1:
        raise UsageError(f"--occupancy {occupancy:g}: a share, more than 0 and at most 1 (0.85 = 85%)")
    if not 0 <= shrinkage < 1:
        raise UsageError(f"--shrinkage {shrinkage:g}: a share from 0 to less than 1 (0.3 = 30%)")
    if not -0.5 < growth < 1:
        raise UsageError(f"--growth {growth:g}: the weekly change of the volume, a share (0.02 = 2% more each week)")


def plan(frame: pl.DataFrame, period: Period, *, volume: float, hours: float, occupancy: float, shrinkage: float, growth: float) -> Staffing:
    # Polars only here: `labelbook qa staffing --help` shows this module's docstring and
    # HORIZON_WEEKS, and every command builds that help.
    import polars as pl

    check_options(volume, hours, occupancy, shrinkage, growth)
    measured = [*period.baseline[1:], period.week]
    timed = frame.lazy().filter(pl.col("week").is_in([w.start for w in measured]) & pl.col("handle_seconds").is_not_null()).select("handle_seconds").collect()
    if timed.height == 0:
        raise UsageError(f"no handling times (handle_seconds) in {measured[0].label} to {measured[-1].label}: the plan needs them")
    aht = float(timed["handle_seconds"].mean())
    median = float(timed["handle_seconds"].median())
    weeks = []
    for i in range(1, HORIZON_WEEKS + 1):
        week = period.week.shifted(i)
        items = volume * (1 + growth) ** (i - 1)
        work = items * aht / 3600
        weeks.append(PlanWeek(week.label, week.start.isoformat(), items, work, math.ceil(work / (hours * occupancy * (1 - shrinkage)) - 1e-9)))
    return Staffing(aht, median, timed.height, tuple(w.label for w in measured), volume, growth, hours, occupancy, shrinkage, tuple(weeks))

