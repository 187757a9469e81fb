"""The counting: every figure of the report is a group-by over the checked audits, in Polars.

Polars was chosen by measurement (benchmarks/qa_bench.py: a million audits read, checked
and counted, against DuckDB and pandas on the same work): the fastest of the three here
and the smallest in memory, with no database file or server, and a native CSV and
Parquet reader. What leaves this module is small (counts per week, per segment, per day),
so the statistics that follow work on plain arrays.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import polars as pl

from labelbook.qa.columns import SEGMENT
from labelbook.qa.weeks import Week


@dataclass(frozen=True)
class Counts:
    audits: int
    correct: int
    under: int = 0
    over: int = 0

    @property
    def errors(self) -> int:
        return self.audits - self.correct


EMPTY = Counts(0, 0, 0, 0)


def prepare(frame: pl.DataFrame, decisions: tuple[str, ...] | None, first_weekday: int) -> pl.DataFrame:
    """The checked audits with their week (its first day), and whether each is correct, an
    under-enforcement (the labeler's decision comes later in the policy's order than QA's:
    a weaker action) or an over-enforcement (earlier: a stronger one)."""
    shift = (pl.col("day").dt.weekday() - 1 - first_weekday) % 7  # polars: Monday = 1
    out = frame.with_columns(
        (pl.col("day") - pl.duration(days=shift)).alias("week"),
        (pl.col("decision") == pl.col("qa_decision")).alias("correct"),
    )
    if decisions:
        rank = {d: i for i, d in enumerate(decisions)}
        labeler = pl.col("decision").replace_strict(rank, default=None, return_dtype=pl.Int32)
        qa = pl.col("qa_decision").replace_strict(rank, default=None, return_dtype=pl.Int32)
        out = out.with_columns((labeler > qa).alias("under"), (labeler < qa).alias("over"))
    else:
        out = out.with_columns(pl.lit(False).alias("under"), pl.lit(False).alias("over"))
    return out


_TALLY = (pl.len().alias("audits"), pl.col("correct").sum().alias("correct"), pl.col("under").sum().alias("under"), pl.col("over").sum().alias("over"))


def _counts(row: dict) -> Counts:
    return Counts(int(row["audits"]), int(row["correct"]), int(row["under"]), int(row["over"]))


def total(frame: pl.DataFrame | pl.LazyFrame, weeks: list[Week]) -> Counts:
    starts = [w.start for w in weeks]
    rows = frame.lazy().filter(pl.col("week").is_in(starts)).select(_TALLY).collect().to_dicts()
    return _counts(rows[0]) if rows and rows[0]["audits"] else EMPTY


def weekly(frame: pl.DataFrame, by: str | None = None) -> dict[tuple[dt.date, str | None], Counts]:
    keys = ["week"] + ([by] if by else [])
    src = frame.lazy().filter(pl.col(by).is_not_null()) if by else frame.lazy()
    return {(r["week"], r[by] if by else None): _counts(r) for r in src.group_by(keys).agg(_TALLY).collect().to_dicts()}


def daily(frame: pl.DataFrame, first: dt.date, last: dt.date, without: pl.Expr | None = None) -> dict[dt.date, Counts]:
    """Counts per day; `without`: the audits to leave out (a condition on the rows)."""
    src = frame.lazy().filter(pl.col("day").is_between(first, last))
    if without is not None:
        src = src.filter(~without)
    return {r["day"]: _counts(r) for r in src.group_by("day").agg(_TALLY).collect().to_dicts()}


def dimensions(frame: pl.DataFrame) -> list[tuple[str, str]]:
    """(dimension shown, column) of every segment dimension: labeler, rule, area, then the other columns."""
    out = [("labeler", "labeler")]
    if frame["rule"].null_count() < frame.height:
        out.append(("rule", "rule"))
    if frame["area"].null_count() < frame.height:
        out.append(("area", "area"))
    out += [(c.removeprefix(SEGMENT), c) for c in frame.columns if c.startswith(SEGMENT)]
    return out


def segments(frame: pl.DataFrame, week: Week, baseline: list[Week]) -> list[tuple[str, str, Counts, Counts]]:
    """(dimension, value, report-week counts, baseline counts) of every segment with audits in the week."""
    starts = [w.start for w in baseline]
    src = frame.lazy().filter(pl.col("week").is_in([week.start, *starts])).with_columns((pl.col("week") == week.start).alias("_now"))
    out = []
    for dim, column in dimensions(frame):
        table = src.filter(pl.col(column).is_not_null()).group_by(column, "_now").agg(_TALLY).collect().to_dicts()
        now = {r[column]: _counts(r) for r in table if r["_now"]}
        before = {r[column]: _counts(r) for r in table if not r["_now"]}
        out += [(dim, value, now[value], before.get(value, EMPTY)) for value in sorted(now)]
    return out


def segment_without(frame: pl.DataFrame, week: Week, baseline: list[Week], column: str, value: str, without: pl.Expr) -> tuple[Counts, Counts]:
    """A segment's (report-week, baseline) counts leaving out the audits `without` selects."""
    src = frame.lazy().filter((pl.col(column) == value) & ~without)
    return total(src, [week]), total(src, baseline)


def by_rule(frame: pl.DataFrame, weeks: list[Week]) -> dict[str | None, Counts]:
    src = frame.lazy().filter(pl.col("week").is_in([w.start for w in weeks]))
    return {r["rule"]: _counts(r) for r in src.group_by("rule").agg(_TALLY).collect().to_dicts()}


def daily_by_rule(frame: pl.DataFrame, week: Week) -> dict[tuple[dt.date, str | None], Counts]:
    src = frame.lazy().filter(pl.col("week") == week.start)
    return {(r["day"], r["rule"]): _counts(r) for r in src.group_by("day", "rule").agg(_TALLY).collect().to_dicts()}


def labelers_on(frame: pl.DataFrame, week: Week, rules: list[str]) -> dict[str, list[tuple[str, int, int]]]:
    """Per rule: (labeler, audits, errors) of everyone audited on it in the week."""
    src = frame.lazy().filter((pl.col("week") == week.start) & pl.col("rule").is_in(rules))
    table = src.group_by("rule", "labeler").agg(pl.len().alias("n"), (~pl.col("correct")).sum().alias("e")).collect()
    out: dict[str, list[tuple[str, int, int]]] = {r: [] for r in rules}
    for r in table.iter_rows(named=True):
        out[r["rule"]].append((r["labeler"], int(r["n"]), int(r["e"])))
    return out


def confusions(frame: pl.DataFrame, week: Week, rule: str | None = None) -> dict[tuple[str, str], int]:
    """(decision, qa_decision) -> audits in the week (all of them: the diagonal is the correct ones)."""
    src = frame.lazy().filter(pl.col("week") == week.start)
    if rule is not None:
        src = src.filter(pl.col("rule") == rule)
    return {(d, q): int(n) for d, q, n in src.group_by("decision", "qa_decision").len().collect().iter_rows()}


def auditor_pairs(frame: pl.DataFrame, week: Week) -> tuple[int, int, int]:
    """(items audited twice or more, pairs of their audits, pairs that agree) in the week."""
    src = frame.lazy().filter((pl.col("week") == week.start) & pl.col("auditor").is_not_null())
    per = src.group_by("item", "labeler", "qa_decision").len().collect()
    items = per.group_by("item", "labeler").agg(pl.col("len").sum().alias("k"), (pl.col("len") * (pl.col("len") - 1) // 2).sum().alias("same"))
    items = items.filter(pl.col("k") > 1)
    if items.height == 0:
        return 0, 0, 0
    pairs = items.select((pl.col("k") * (pl.col("k") - 1) // 2).sum()).item()
    return items.height, int(pairs), int(items["same"].sum())


def medians(frame: pl.DataFrame, weeks: dict[str, list[Week]], column: str) -> dict[str, dict[str, tuple[int, float]]]:
    """{value: {period name: (audits, median handle_seconds)}} for the named periods."""
    out: dict[str, dict[str, tuple[int, float]]] = {}
    timed = frame.lazy().filter(pl.col("handle_seconds").is_not_null() & pl.col(column).is_not_null())
    for name, period in weeks.items():
        src = timed.filter(pl.col("week").is_in([w.start for w in period]))
        for value, n, med in src.group_by(column).agg(pl.len(), pl.col("handle_seconds").median()).collect().iter_rows():
            out.setdefault(value, {})[name] = (int(n), float(med))
    return out


def weekly_time(frame: pl.DataFrame) -> dict[dt.date, tuple[int, float, float]]:
    """Week -> (timed audits, median, mean handle_seconds)."""
    timed = frame.lazy().filter(pl.col("handle_seconds").is_not_null())
    table = timed.group_by("week").agg(pl.len(), pl.col("handle_seconds").median().alias("median"), pl.col("handle_seconds").mean().alias("mean")).collect()
    return {w: (int(n), float(md), float(mn)) for w, n, md, mn in table.iter_rows()}
