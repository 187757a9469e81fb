"""Audit data with planted effects, made by a seeded generator, and written as the review tools
write it (CSV in several dialects, XLSX, Parquet).

A `World` is a team of labelers who label items of a few rules for some weeks; each audit's
truth is drawn from the rule's decisions, and the labeler errs with a probability that the
world's `error` function gives per labeler, rule and week. An error is a wrong decision
drawn uniformly, unless the world plants a specific confusion.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .repo import DECISIONS

Row = dict[str, object]


@dataclass
class World:
    start: dt.date = dt.date(2026, 10, 5)  # a Monday
    weeks: int = 8
    labelers: int = 20
    per_day: int = 10  # audits per labeler and day
    rules: dict[str, float] = field(default_factory=lambda: {"HS-001": 3, "HS-002": 1, "BU-001": 3, "BU-002": 2, "SP-001": 1})
    base_error: float = 0.05
    #: (labeler, rule, week index) -> error probability; default: base_error everywhere
    error: Callable[[str, str, int], float] | None = None
    #: week index -> rule weights; default: `rules` every week
    weights: Callable[[int], dict[str, float]] | None = None
    #: (labeler, rule, week index, rng) -> (decision, qa_decision) of a planted error, or None for a uniform one
    confusion: Callable[[str, str, int, random.Random], tuple[str, str] | None] | None = None
    segments: dict[str, Callable[[str], str]] = field(default_factory=dict)  # extra column -> value per labeler
    timed: bool = True

    def labeler(self, i: int) -> str:
        return f"L{i:02d}"

    @property
    def last_week(self) -> int:
        return self.weeks - 1

    def monday(self, week: int) -> dt.date:
        return self.start + dt.timedelta(weeks=week)


def generate(world: World, seed: int = 1) -> list[Row]:
    rng = random.Random(seed)
    rows: list[Row] = []
    item = 0
    for day_index in range(world.weeks * 7):
        day = world.start + dt.timedelta(days=day_index)
        week = day_index // 7
        weights = world.weights(week) if world.weights else world.rules
        rules, cum = list(weights), list(weights.values())
        for i in range(world.labelers):
            who = world.labeler(i)
            for _ in range(world.per_day):
                item += 1
                rule = rng.choices(rules, weights=cum)[0]
                truth = rng.choice(DECISIONS)
                p = world.error(who, rule, week) if world.error else world.base_error
                decision = truth
                if rng.random() < p:
                    planted = world.confusion(who, rule, week, rng) if world.confusion else None
                    if planted:
                        decision, truth = planted
                    else:
                        decision = rng.choice([d for d in DECISIONS if d != truth])
                row: Row = {"date": day.isoformat(), "labeler": who, "item": f"IT{item:07d}", "decision": decision,
                            "qa_decision": truth, "rule": rule, "auditor": f"A{rng.randrange(5)}"}
                if world.timed:
                    row["handle_seconds"] = round(rng.uniform(10, 80), 1)
                for name, value in world.segments.items():
                    row[name] = value(who)
                rows.append(row)
    return rows


COLUMNS = ["date", "labeler", "item", "decision", "qa_decision", "rule", "auditor", "handle_seconds"]


def columns_of(rows: list[Row]) -> list[str]:
    seen = list(rows[0]) if rows else COLUMNS
    return [c for c in COLUMNS if c in seen] + [c for c in seen if c not in COLUMNS]


def write_csv(path: Path, rows: list[Row], *, delimiter: str = ",", encoding: str = "utf-8", header: list[str] | None = None) -> Path:
    cols = columns_of(rows)
    with path.open("w", encoding=encoding, newline="") as f:
        w = csv.writer(f, delimiter=delimiter, lineterminator="\r\n" if encoding.startswith("utf-16") else "\n")
        w.writerow(header or cols)
        for r in rows:
            w.writerow(["" if r.get(c) is None else r.get(c) for c in cols])
    return path


def write_xlsx(path: Path, rows: list[Row], *, dates_as_cells: bool = True, first_row: int = 0) -> Path:
    import xlsxwriter

    cols = columns_of(rows)
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Audits")
    fmt = book.add_format({"num_format": "yyyy-mm-dd"})
    sheet.write_row(first_row, 0, cols)
    for n, r in enumerate(rows, start=first_row + 1):
        for j, c in enumerate(cols):
            v = r.get(c)
            if c == "date" and dates_as_cells:
                sheet.write_datetime(n, j, dt.datetime.fromisoformat(str(v)), fmt)
            elif isinstance(v, (int, float)):
                sheet.write_number(n, j, v)
            elif v is not None:
                sheet.write_string(n, j, str(v))
    book.close()
    return path


def write_parquet(path: Path, rows: list[Row]) -> Path:
    import polars as pl

    frame = pl.DataFrame(rows).with_columns(pl.col("date").str.to_date())
    frame.write_parquet(path)
    return path
