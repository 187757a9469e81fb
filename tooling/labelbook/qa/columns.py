"""Audit columns: the header's names matched to SPEC's, `--column` renames, segment columns.

Header names are matched loosely where that cannot mislead (case, surrounding spaces,
'QA decision' for qa_decision), and strictly otherwise: a required column that is not
there is an error naming what the header has, with a "did you mean" when one is close.
Every other named column is a segment of the report (vendor, site, queue, shift...).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import polars as pl

from labelbook.core.problems import UsageError, did_you_mean
from labelbook.qa.problems import AuditProblem, problem
from labelbook.qa.table import EXTRA, ROW, Table, cell

REQUIRED = ("date", "labeler", "item", "decision", "qa_decision")
OPTIONAL = ("rule", "auditor", "handle_seconds")
KNOWN = REQUIRED + OPTIONAL
#: Prefix of segment columns in the combined frame, so that no header can collide with ours.
SEGMENT = "seg:"
FILE = "_file"


def norm(name: str) -> str:
    """'QA Decision ' -> 'qa_decision': the form in which header names are compared."""
    text = unicodedata.normalize("NFC", name).strip().casefold()
    return re.sub(r"[\s\-]+", "_", text)


def parse_renames(specs: list[str]) -> dict[str, str]:
    """`--column qa_decision=final_label` (repeatable, or comma lists) -> {'qa_decision': 'final_label'}."""
    out: dict[str, str] = {}
    for spec in specs:
        for part in (p.strip() for p in spec.split(",")):
            if not part:
                continue
            ours, eq, theirs = part.partition("=")
            if not eq or not ours.strip() or not theirs.strip():
                raise UsageError(f"--column {part}: write OUR_NAME=THEIR_NAME, e.g. --column qa_decision=final_label")
            key = norm(ours)
            if key not in KNOWN:
                raise UsageError(f"--column {part}: {ours.strip()!r} is not an audit column{did_you_mean(key, KNOWN)}; they are: {', '.join(KNOWN)}")
            out[key] = norm(theirs)
    return out


@dataclass(frozen=True)
class Layout:
    """Where each column of one table is: our name -> index, and segment name -> index."""

    known: dict[str, int]
    segments: dict[str, int]


def layout(table: Table, renames: dict[str, str], ignored: set[str]) -> Layout | list[AuditProblem]:
    names = [norm(h) for h in table.header]
    taken = {renames.get(c, c): c for c in KNOWN}  # the header name -> our column
    replaced = {c for c in KNOWN if renames.get(c, c) != c}  # our name given to another header: its own column is ignored
    problems: list[AuditProblem] = []
    positions: dict[str, list[int]] = {}
    for i, n in enumerate(names):
        if n:
            positions.setdefault(n, []).append(i)
    known: dict[str, int] = {}
    segments: dict[str, int] = {}
    twice: set[str] = set()
    for n, where in positions.items():
        if n in ignored or (n in replaced and n not in taken):
            continue
        if len(where) > 1:
            twice.add(n)
            problems.append(problem(table.name, table.header_row, "audit-duplicate-column",
                                    f"column {n!r} appears {len(where)} times in the header (columns {', '.join(str(i + 1) for i in where)}); keep one, or rename one"))
            continue
        if n in taken:
            known[taken[n]] = where[0]
        else:
            segments[n] = where[0]
    missing = [c for c in REQUIRED if c not in known and renames.get(c, c) not in twice]
    if missing:
        shown = ", ".join(repr(h) for h in table.header if h.strip()) or "nothing"
        hints = "".join(did_you_mean(renames.get(m, m), [n for n in names if n]) for m in missing)
        wanted = ", ".join(f"{m!r}" + (f" (from --column: {renames[m]!r})" if m in renames else "") for m in missing)
        problems.append(problem(table.name, table.header_row, "audit-missing-column",
                                f"missing column{'s' if len(missing) > 1 else ''} {wanted}{hints}; the header has: {shown}. "
                                "Name the columns date, labeler, item, decision, qa_decision, or map them with --column"))
    return problems if problems else Layout(known, segments)


def combine(tables: list[Table], layouts: list[Layout]) -> tuple[pl.DataFrame, list[str]]:
    """One frame of every table: our columns, segment columns (`seg:<name>`), the file index
    (`_file`), the row number (`_row`) and `_extra`. Columns a file lacks are empty in its rows."""
    segments = sorted({s for lay in layouts for s in lay.segments})
    frames = []
    for table, lay in zip(tables, layouts):
        exprs = [pl.lit(table.index, dtype=pl.UInt32).alias(FILE), pl.col(ROW), pl.col(EXTRA)]
        for c in KNOWN:
            exprs.append(pl.col(cell(lay.known[c])).alias(c) if c in lay.known else pl.lit(None, dtype=pl.String).alias(c))
        for s in segments:
            exprs.append(pl.col(cell(lay.segments[s])).alias(SEGMENT + s) if s in lay.segments else pl.lit(None, dtype=pl.String).alias(SEGMENT + s))
        frames.append(table.frame.select(exprs))
    if not frames:
        schema = {FILE: pl.UInt32, ROW: pl.Int64, EXTRA: pl.Boolean, **{c: pl.String for c in KNOWN}, **{SEGMENT + s: pl.String for s in segments}}
        return pl.DataFrame(schema=schema), segments
    return (pl.concat(frames, rechunk=False) if len(frames) > 1 else frames[0]), segments
