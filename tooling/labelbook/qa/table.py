"""What every reader of an audit file returns: the header, the cells as text, the row numbers.

The readers (CSV, spreadsheet, Parquet) differ only in how they get cells out of a file;
from here on every audit is a row of text cells with the row number the user sees, so
validation, messages and the engine are the same whatever the file was.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from labelbook.qa.problems import AuditProblem, problem

#: A file larger than this is refused before it is read (a million audits are ~70 MB of CSV).
MAX_FILE_BYTES = 1 << 30
#: Columns a file may have: the audit columns and a few segments (vendor, site, queue...).
MAX_COLUMNS = 64
#: Rows of one run, all files together; memory grows with them (~0.6 GB per million at the peak).
MAX_ROWS = 5_000_000
#: Row-number column of every table.
ROW = "_row"
#: Whether a row has cells beyond the header's columns (its audit-extra-cells problem is the reader's).
EXTRA = "_extra"


def cell(i: int) -> str:
    """The name of the i-th column of a table's frame (header names are the user's, not ours)."""
    return f"c{i}"


@dataclass
class Table:
    """One audit file read: `frame` holds columns c0..c{n-1} (text, None for an empty cell),
    `_row`, the row number of each record, and `_extra`, whether it has cells beyond the header."""

    name: str
    header: list[str]
    header_row: int
    frame: pl.DataFrame
    problems: list[AuditProblem] = field(default_factory=list)
    index: int = 0  # its place among the files of the run (messages name the file by it)


def size_problem(path: Path, name: str) -> AuditProblem | None:
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        return problem(name, 1, "audit-too-large", f"{size:,} bytes; files over {MAX_FILE_BYTES:,} bytes are refused: split the export by week or month")
    return None


def too_many_columns(name: str, row: int, n: int) -> AuditProblem:
    return problem(name, row, "audit-too-many-columns", f"{n:,} columns; an audit file has at most {MAX_COLUMNS}: leave out the columns the report does not need")


def clean_text(frame: pl.DataFrame, columns: list[str], *, ascii_only: bool) -> pl.LazyFrame:
    """Cells without surrounding white space, None for an empty cell, and, unless the file is
    ASCII (most are: NFC costs a second per million rows), in Unicode NFC, so that a Bengali
    id typed on two keyboards is one id.

    A column is rewritten only when some cell needs it: an export from a review tool
    usually has nothing to strip, and rewriting a million cells doubled the memory peak.
    """
    found = frame.select(
        *(pl.col(c).str.contains(r"^\s|\s$").any().alias(f"s{i}") for i, c in enumerate(columns)),
        *((pl.col(c) == "").any().alias(f"e{i}") for i, c in enumerate(columns)),
    ).row(0, named=True)
    exprs = []
    for i, c in enumerate(columns):
        text = pl.col(c)
        if found[f"s{i}"]:
            text = text.str.strip_chars()
        if not ascii_only:
            text = text.str.normalize("NFC")
        if found[f"s{i}"] or found[f"e{i}"]:
            text = text.replace("", None)
        if found[f"s{i}"] or found[f"e{i}"] or not ascii_only:
            exprs.append(text.alias(c))
    return frame.lazy().with_columns(exprs)
