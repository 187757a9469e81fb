"""Check every audit row at once and keep the good ones.

Each check is one vectorised condition over all rows, so a million rows are checked in
about a second; a row can fail several checks and gets a problem for each. Messages
about a value that repeats (an unknown decision, a rule id with a typo) are written once
per distinct value, with a "did you mean" where one is close.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Mapping

import polars as pl

from labelbook.qa.columns import FILE, KNOWN, REQUIRED, SEGMENT
from labelbook.qa.problems import CODES, AuditProblem
from labelbook.qa.table import EXTRA, ROW
from labelbook.qa.vocab import Vocabulary

MAX_ID_CHARS = 256
MAX_SECONDS = 86_400
#: Day 0 of Excel's 1900 date system, as Excel counts after its fictitious 29 February 1900.
EXCEL_EPOCH = dt.date(1899, 12, 30)
_ISO = r"^\d{4}-\d{2}-\d{2}(?:[T ](?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:[.,]\d+)?)?(?:Z|[+-](?:[01]\d|2[0-3]):?[0-5]\d)?)?$"
_EXCEL = r"^\d{1,7}(?:\.\d+)?$"
#: Problems listed per code by default; the rest are counted (a wrong --column makes every row fail alike).
LISTED_PER_CODE = 1000


@dataclass
class Checked:
    """The good rows, typed: day (Date), decision and qa_decision (ids), rule (id or None),
    area, handle_seconds (Float64), and the text columns; and the problems of the others."""

    frame: pl.DataFrame
    problems: list[AuditProblem]
    omitted: dict[str, int] = field(default_factory=dict)
    bad_rows: int = 0


def _day() -> pl.Expr:
    text = pl.col("date")
    iso = pl.when(text.str.contains(_ISO)).then(text.str.slice(0, 10).str.to_date("%Y-%m-%d", strict=False))
    serial = pl.when(text.str.contains(_EXCEL)).then(text.cast(pl.Float64, strict=False))
    excel = pl.when((serial >= 1) & (serial < 2_958_466)).then(pl.lit(EXCEL_EPOCH) + pl.duration(days=serial.floor().cast(pl.Int64)))
    return pl.coalesce(iso, excel)


def _seconds() -> pl.Expr:
    text = pl.col("handle_seconds")
    return pl.when(text.str.contains(",") & ~text.str.contains(r"\.")).then(text.str.replace(",", ".", literal=True)).otherwise(text).cast(pl.Float64, strict=False)


def _lookup(frame: pl.DataFrame, columns: list[str], resolve: dict[str, str | None]) -> dict[str, str | None]:
    values: set[str] = set()
    for c in columns:
        values.update(v for v in frame[c].unique().to_list() if v is not None)
    return {v: resolve.get(v) for v in values}


def validate(frame: pl.DataFrame, files: list[str], vocab: Vocabulary, mapped: Mapping[str, str], present: set[str],
             listed_per_code: int = LISTED_PER_CODE) -> Checked:
    """`present`: the optional columns some file has (rule, auditor, handle_seconds)."""
    decisions = _lookup(frame, ["decision", "qa_decision"], {})
    decisions = {v: vocab.decision(v, mapped) for v in decisions}
    rules = {v: vocab.rule(v) for v in _lookup(frame, ["rule"], {})} if "rule" in present else {}
    typed = frame.with_row_index("_seq").with_columns(
        _day().alias("_day"),
        pl.col("decision").replace_strict(decisions, default=None, return_dtype=pl.String).alias("_decision"),
        pl.col("qa_decision").replace_strict(decisions, default=None, return_dtype=pl.String).alias("_qa_decision"),
        pl.col("rule").replace_strict(rules, default=None, return_dtype=pl.String).alias("_rule"),
        _seconds().alias("_seconds"),
    )
    repeated = _repeated(typed, files)
    ids = [c for c in frame.columns if (c in KNOWN and c not in ("date", "handle_seconds")) or c.startswith(SEGMENT)]
    checks: list[tuple[str, pl.Expr, pl.Expr]] = []
    for c in REQUIRED:
        checks.append(("audit-missing-value", pl.col(c).is_null(), pl.lit(f"the {c} cell is empty")))
    for c in ids:
        name = c.removeprefix(SEGMENT)
        checks.append(("audit-too-long", pl.col(c).str.len_chars() > MAX_ID_CHARS,
                       pl.format(f"the {name} cell holds {{}} characters; an id has at most {MAX_ID_CHARS}", pl.col(c).str.len_chars())))
    checks.append(("audit-bad-date", pl.col("date").is_not_null() & pl.col("_day").is_null(),
                   pl.format("date '{}' is not a date: write YYYY-MM-DD, an ISO date and time (2026-11-23T14:05), or an Excel date number", pl.col("date"))))
    for c in ("decision", "qa_decision"):
        messages = {v: f"{c} {vocab.unknown_decision(v)} (map a review tool's own labels with --decisions MAP.yaml)"
                    for v, d in decisions.items() if d is None}
        checks.append(("audit-unknown-decision", pl.col(c).is_not_null() & pl.col(f"_{c}").is_null(),
                       pl.col(c).replace_strict(messages, default="", return_dtype=pl.String)))
    if "rule" in present:
        messages = {v: f"rule {vocab.unknown_rule(v)}" for v, r in rules.items() if r is None}
        checks.append(("audit-unknown-rule", pl.col("rule").is_not_null() & pl.col("_rule").is_null(),
                       pl.col("rule").replace_strict(messages, default="", return_dtype=pl.String)))
    if "handle_seconds" in present:
        s = pl.col("_seconds")
        checks.append(("audit-bad-seconds", pl.col("handle_seconds").is_not_null() & (s.is_null() | s.is_nan() | (s < 0) | (s > MAX_SECONDS)),
                       pl.format(f"handle_seconds '{{}}' is not a number of seconds from 0 to {MAX_SECONDS:,}", pl.col("handle_seconds"))))
    checks.append(("audit-duplicate", pl.col("_seq").is_in(repeated["_seq"].implode()), pl.lit("")))
    flagged = typed.with_columns(cond.fill_null(False).alias(f"_bad{i}") for i, (_, cond, _) in enumerate(checks))
    # A row with cells beyond the header is bad too; the reader reported it (audit-extra-cells).
    any_bad = pl.any_horizontal(pl.col(EXTRA), *(pl.col(f"_bad{i}") for i in range(len(checks))))
    found = [flagged.filter(pl.col(f"_bad{i}")).select(FILE, ROW, pl.lit(code).alias("code"), message.alias("message"))
             for i, (code, _, message) in enumerate(checks) if code != "audit-duplicate"]
    found.append(repeated.select(FILE, ROW, pl.lit("audit-duplicate").alias("code"), "message"))
    problems, omitted = _listed(pl.concat(found), files, listed_per_code)
    bad_rows = flagged.select(any_bad.sum()).item()
    columns = [
        FILE, ROW, pl.col("_day").alias("day"), "labeler", "item", pl.col("_decision").alias("decision"),
        pl.col("_qa_decision").alias("qa_decision"), pl.col("_rule").alias("rule"),
        pl.col("_rule").replace_strict(dict(vocab.rules or {}), default=None, return_dtype=pl.String).alias("area"),
        "auditor", pl.col("_seconds").alias("handle_seconds"), *[c for c in frame.columns if c.startswith(SEGMENT)],
    ]
    # Choose the columns before keeping the good rows: the filter copies what it keeps.
    good = flagged.lazy().select(*columns, any_bad.alias("_bad"))
    good = (good.filter(~pl.col("_bad")) if bad_rows else good).drop("_bad").collect()
    return Checked(good, problems, omitted, bad_rows)


def _repeated(typed: pl.DataFrame, files: list[str]) -> pl.DataFrame:
    """The rows that repeat an earlier row's item + labeler + auditor, with a message naming it.

    A 64-bit hash of the three cells finds the few candidates in a tenth of a second; only
    they are compared exactly (grouping the text of a million rows took six times longer).
    """
    keys = ["item", "labeler", "auditor"]
    h = pl.col("item").hash(1) ^ pl.col("labeler").hash(2).mul(0x9E3779B97F4A7C15) ^ pl.col("auditor").hash(3).mul(0xC2B2AE3D27D4EB4F)
    # Repeated hashes by sorting them: a hash table over a million rows cost 80 MB more.
    hashes = typed.select(h.alias("h")).to_series().sort()
    repeated = hashes.filter(hashes == hashes.shift(1)).unique()
    candidates = typed.filter(pl.col("item").is_not_null() & pl.col("labeler").is_not_null() & h.is_in(repeated.implode()))
    first = candidates.with_columns(pl.col(FILE).first().over(keys).alias("_ff"), pl.col(ROW).first().over(keys).alias("_fr"))
    again = first.filter((pl.col("_ff") != pl.col(FILE)) | (pl.col("_fr") != pl.col(ROW)))
    messages = []
    for item, labeler, auditor, first_file, first_row in again.select("item", "labeler", "auditor", "_ff", "_fr").iter_rows():
        at = f"{files[first_file]}:{first_row}"
        messages.append(f"item '{item}' of labeler '{labeler}' is audited again by auditor '{auditor}' (first at {at}); keep one row" if auditor is not None
                        else f"item '{item}' of labeler '{labeler}' is audited again with no auditor named (first at {at}); keep one row, or name the auditors")
    # The messages are made in Python: Polars 2.1 panicked formatting them from this frame.
    return again.select("_seq", FILE, ROW).with_columns(pl.Series("message", messages, dtype=pl.String))


def _listed(found: pl.DataFrame, files: list[str], per_code: int) -> tuple[list[AuditProblem], dict[str, int]]:
    found = found.sort(FILE, ROW, "code")
    counts = dict(found.group_by("code").len().iter_rows())
    if per_code:
        found = found.filter(pl.int_range(pl.len()).over("code") < per_code)
    problems = [AuditProblem(files[f], r, "error", code, message) for f, r, code, message in found.iter_rows()]
    omitted = {c: n - per_code for c, n in counts.items() if per_code and n > per_code}
    assert set(counts) <= set(CODES)
    return problems, omitted
