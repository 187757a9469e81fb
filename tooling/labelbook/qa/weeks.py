"""Weeks of the report: ISO weeks by default, or weeks that start on Sunday or Saturday.

A week that does not start on Monday carries the ISO number of the Monday inside it, so
`--week 2026-W48` names the same seven days in every calendar that shares that Monday.
The report week is the last complete week of the data unless `--week` names one; the
baseline is the `--baseline` weeks before it, the previous week the last of them.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from labelbook.core.problems import UsageError

#: --week-start: the weekday a week starts on (Monday = 0, as in `date.weekday()`).
STARTS = {"mon": 0, "sun": 6, "sat": 5}
_WEEK = re.compile(r"^(\d{4})-?[Ww](\d{1,2})$")


@dataclass(frozen=True, order=True)
class Week:
    start: dt.date

    @property
    def end(self) -> dt.date:
        return self.start + dt.timedelta(days=6)

    @property
    def label(self) -> str:
        monday = self.start + dt.timedelta(days=(7 - self.start.weekday()) % 7)
        year, week, _ = monday.isocalendar()
        return f"{year}-W{week:02d}"

    def shifted(self, weeks: int) -> Week:
        return Week(self.start + dt.timedelta(weeks=weeks))

    def days(self) -> list[dt.date]:
        return [self.start + dt.timedelta(days=i) for i in range(7)]


def week_of(day: dt.date, first_weekday: int) -> Week:
    return Week(day - dt.timedelta(days=(day.weekday() - first_weekday) % 7))


def parse_week(text: str, first_weekday: int) -> Week:
    m = _WEEK.match(text.strip())
    if not m:
        raise UsageError(f"--week {text}: write an ISO week such as 2026-W48")
    year, number = int(m[1]), int(m[2])
    try:
        monday = dt.date.fromisocalendar(year, number, 1)
    except ValueError:
        raise UsageError(f"--week {text}: {year} has no week {number} (ISO years have 52 or 53 weeks)") from None
    return week_of(monday, first_weekday)


@dataclass(frozen=True)
class Period:
    """The report week, the week before it, and the baseline weeks (oldest first)."""

    week: Week
    baseline: tuple[Week, ...]
    first_weekday: int
    first_day: dt.date  # of the data
    last_day: dt.date
    note: str = ""  # "WEEK END LAST_DAY" when the data holds no complete week

    @property
    def previous(self) -> Week:
        return self.week.shifted(-1)

    @property
    def window_start(self) -> dt.date:
        """The first day of the baseline (or of the previous week, without a baseline)."""
        return self.baseline[0].start if self.baseline else self.previous.start


def choose(first_day: dt.date, last_day: dt.date, days_with_data: set[dt.date], *, week: str | None, baseline: int, first_weekday: int) -> Period:
    """The report period. Without `week`: the last complete week of the data (the week of the
    last day, when that day ends its week; else the week before), or the last week at all
    when the data holds no complete week."""
    if baseline < 1:
        raise UsageError(f"--baseline {baseline}: the baseline is one or more weeks (default: 4)")
    note = ""
    if week is not None:
        chosen = parse_week(week, first_weekday)
        if not any(d in days_with_data for d in chosen.days()):
            raise UsageError(
                f"--week {week}: no audit falls in {chosen.label} ({chosen.start} to {chosen.end}); "
                f"the data runs from {week_of(first_day, first_weekday).label} ({first_day}) to {week_of(last_day, first_weekday).label} ({last_day})"
            )
    else:
        last = week_of(last_day, first_weekday)
        chosen = last if last_day == last.end or week_of(first_day, first_weekday) == last else last.shifted(-1)
        if last_day != last.end and chosen == last:
            note = f"{chosen.label} {chosen.end} {last_day}"  # strings.Words.note words it
    weeks = tuple(chosen.shifted(-k) for k in range(baseline, 0, -1))
    return Period(chosen, weeks, first_weekday, first_day, last_day, note)
