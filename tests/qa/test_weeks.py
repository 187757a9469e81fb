"""Weeks as the report counts them: ISO weeks, or weeks that start on Sunday or Saturday and
carry the ISO number of their Monday; the report week and its baseline."""

from __future__ import annotations

import datetime as dt

import pytest

from labelbook.core.problems import UsageError
from labelbook.qa.weeks import STARTS, choose, parse_week, week_of


@pytest.mark.parametrize("start,first_day", [("mon", dt.date(2026, 11, 23)), ("sun", dt.date(2026, 11, 22)), ("sat", dt.date(2026, 11, 21))])
def test_a_week_label_names_the_week_holding_that_monday(start: str, first_day: dt.date) -> None:
    week = parse_week("2026-W48", STARTS[start])
    assert (week.start, week.end, week.label) == (first_day, first_day + dt.timedelta(days=6), "2026-W48")
    assert all(week_of(d, STARTS[start]) == week for d in week.days())
    assert week_of(week.end + dt.timedelta(days=1), STARTS[start]).label == "2026-W49"


def test_iso_years_and_their_53rd_week() -> None:
    assert parse_week("2026-w53", 0).start == dt.date(2026, 12, 28)
    assert week_of(dt.date(2027, 1, 3), 0).label == "2026-W53"  # a Sunday of ISO year 2026
    assert week_of(dt.date(2024, 12, 30), 0).label == "2025-W01"
    with pytest.raises(UsageError, match="2025 has no week 53"):
        parse_week("2025-W53", 0)


def test_the_report_week_is_the_last_complete_one_and_the_baseline_the_weeks_before() -> None:
    days = {dt.date(2026, 10, 5) + dt.timedelta(days=i) for i in range(60)}  # Monday 5 October .. Thursday 3 December
    period = choose(min(days), max(days), days, week=None, baseline=3, first_weekday=0)
    assert period.week.label == "2026-W48" and period.note == ""
    assert [w.label for w in period.baseline] == ["2026-W45", "2026-W46", "2026-W47"] and period.previous.label == "2026-W47"
    assert period.window_start == dt.date(2026, 11, 2)
    sunday = max(days) + dt.timedelta(days=3)
    assert choose(min(days), sunday, days | {sunday}, week=None, baseline=3, first_weekday=0).week.label == "2026-W49"
