"""The planted effects: each a World, the week it shows in, and what the report must say."""

from __future__ import annotations

import random

from .world import World

REPORT_WEEK = "2026-W48"  # week index 7 of the default World (2026-11-23 .. 29)
COLLAPSED = "L07"
COACHED = ("L03", "L11")


def noise(seed_offset: int = 0) -> World:
    """Stationary: every labeler errs 5% of the time on every rule, every week."""
    return World(segments={"vendor": lambda who: f"V{int(who[1:]) % 4}", "queue": lambda who: ("day", "night")[int(who[1:]) % 2]})


def collapse() -> World:
    """One labeler's error rate goes from 5% to 50% in the report week, on every rule."""
    w = noise()
    w.error = lambda who, rule, week: 0.5 if who == COLLAPSED and week == w.last_week else w.base_error
    return w


def coach() -> World:
    """Two labelers get BU-001 wrong 80% of the time in the report week; everyone else is as before."""
    w = World(base_error=0.03)
    w.error = lambda who, rule, week: 0.8 if who in COACHED and rule == "BU-001" and week == w.last_week else w.base_error
    return w


def release() -> World:
    """From the report week on, everyone gets HS-001 wrong 35% of the time, answering the old
    decision (remove) where QA applies the new one (age-restrict) of release v1.1.0."""
    w = World(base_error=0.04)
    w.error = lambda who, rule, week: 0.35 if rule == "HS-001" and week == w.last_week else w.base_error

    def confusion(who: str, rule: str, week: int, rng: random.Random) -> tuple[str, str] | None:
        return ("remove", "age-restrict") if rule == "HS-001" and week == w.last_week else None

    w.confusion = confusion
    return w


def mix() -> World:
    """The report week's work shifts toward the hard rule SP-001 (10% -> 40% of the audits);
    no rule's error rate changes (SP-001 25%, the others 3%)."""
    w = World(labelers=150, per_day=4, base_error=0.03)  # 28 audits a labeler-week: below --min-audits
    shifted = {"HS-001": 1.5, "HS-002": 0.5, "BU-001": 1.5, "BU-002": 1.0, "SP-001": 3.0}
    w.weights = lambda week: shifted if week == w.last_week else w.rules
    w.error = lambda who, rule, week: 0.25 if rule == "SP-001" else 0.03
    return w
