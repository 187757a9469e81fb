"""Read an XLSX (or XLS, XLSB, ODS) or Parquet audit file into text cells with row numbers.

Spreadsheets are read with calamine (Rust, through python-calamine): the first visible
worksheet, the header being its first non-empty row; a row number is the sheet's own.
Typed cells become the text a CSV export would hold (a date cell -> 2026-11-23, the
number 1234.0 -> 1234), so validation treats every format alike. Parquet is read with
Polars; its row number is the record number + 1, as in a spreadsheet export of it.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from xml.parsers import expat
from pathlib import Path
from typing import Any, Iterable

import polars as pl
import python_calamine as calamine

from labelbook.core.sheets import worksheet_extent
from labelbook.qa.problems import AuditProblem, problem
from labelbook.qa.table import EXTRA, MAX_COLUMNS, MAX_FILE_BYTES, MAX_ROWS, ROW, Table, cell, clean_text, too_many_columns

#: Rows turned into a frame at a time: the Python objects of one chunk are freed before the next.
_CHUNK = 50_000
_CALAMINE_ERRORS = tuple(
    getattr(calamine, n) for n in ("CalamineError", "PasswordError", "WorksheetNotFound", "XmlError", "ZipError") if hasattr(calamine, n)
)


def _text(value: Any) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def _unpacked_size(path: Path) -> int | None:
    try:
        with zipfile.ZipFile(path) as z:
            return sum(i.file_size for i in z.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None  # not a zip (XLS, ODS is one) or damaged: calamine says which


#: The largest worksheet laid out (calamine lays out every cell up to the last one): a
#: million-row export of 20 columns, no more; CSV and Parquet have no such bound.
MAX_SHEET_CELLS = 20_000_000
MAX_SHEET_ROWS = 5_000_001


def _spread(path: Path) -> tuple[int, int] | None:
    """(rows, columns) of the widest worksheet of an XLSX file; None when it is no XLSX
    (XLS and ODS are read by calamine as they are) or cannot be measured."""
    try:
        with zipfile.ZipFile(path) as z:
            extents = []
            for info in z.infolist():
                if info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml"):
                    with z.open(info) as f:
                        extents.append(worksheet_extent(f))
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, expat.ExpatError):
        return None  # calamine then says what is wrong with it
    return max(extents, key=lambda e: e[0] * e[1], default=None)


def read_sheet(path: Path, name: str) -> Table | AuditProblem:
    unpacked = _unpacked_size(path)
    if unpacked is not None and unpacked > MAX_FILE_BYTES:
        return problem(name, 1, "audit-too-large", f"the workbook unpacks to {unpacked:,} bytes; more than {MAX_FILE_BYTES:,} is refused: split the export")
    spread = _spread(path)
    if spread is not None:
        rows, cols = spread
        if rows > MAX_SHEET_ROWS or cols > MAX_COLUMNS or rows * cols > MAX_SHEET_CELLS:
            return problem(name, 1, "audit-too-large", f"a worksheet spans {rows:,} rows and {cols:,} columns; more than {MAX_SHEET_CELLS:,} cells (or {MAX_SHEET_ROWS:,} rows, {MAX_COLUMNS} columns) is refused: delete the far cells, or export as CSV or Parquet")
    try:
        book = calamine.CalamineWorkbook.from_path(str(path))
        visible = [m.name for m in book.sheets_metadata
                   if m.visible == calamine.SheetVisibleEnum.Visible and m.typ == calamine.SheetTypeEnum.WorkSheet]
        if not visible:
            return problem(name, 1, "audit-empty", "the workbook has no visible worksheet")
        rows = book.get_sheet_by_name(visible[0]).iter_rows()
        return _from_rows(rows, name)
    except (*_CALAMINE_ERRORS, OSError, ValueError) as exc:
        return problem(name, 1, "audit-unreadable", f"not a readable spreadsheet ({type(exc).__name__}: {exc}); save it again as .xlsx, or export it as CSV UTF-8")


def _from_rows(rows: Iterable[list[Any]], name: str) -> Table | AuditProblem:
    header: list[str] | None = None
    header_row = 0
    chunks: list[pl.DataFrame] = []
    pending: list[list[str | None]] = []
    numbers: list[int] = []
    count = 0
    for number, values in enumerate(rows, start=1):
        texts = [_text(v) for v in values]
        if header is None:
            if any(t is not None and t.strip() for t in texts):
                while texts and texts[-1] is None:
                    texts.pop()
                header, header_row = [t or "" for t in texts], number
                if len(header) > MAX_COLUMNS:
                    return too_many_columns(name, number, len(header))
            continue
        count += 1
        if count > MAX_ROWS:
            return problem(name, number, "audit-too-many-rows", f"more than {MAX_ROWS:,} rows; split the export")
        pending.append(texts)
        numbers.append(number)
        if len(pending) >= _CHUNK:
            chunks.append(_chunk(pending, numbers, len(header)))
            pending, numbers = [], []
    if header is None:
        return problem(name, 1, "audit-empty", "the worksheet is empty; expected a header row naming the columns, then one row per audit")
    chunks.append(_chunk(pending, numbers, len(header)))
    frame = pl.concat(chunks) if len(chunks) > 1 else chunks[0]
    problems = [
        problem(name, r, "audit-extra-cells", f"this row has values right of the {len(header)} columns of the header; give them a header or delete them")
        for r in frame.filter(pl.col(EXTRA))[ROW].to_list()
    ]
    columns = [cell(i) for i in range(len(header))]
    ascii_only = not any(frame[c].str.contains(r"[^\x00-\x7F]").any() for c in columns)
    blank = pl.all_horizontal(pl.col(c).is_null() for c in columns)
    return Table(name, header, header_row, clean_text(frame, columns, ascii_only=ascii_only).filter(~blank).collect(), problems)


def _chunk(rows: list[list[str | None]], numbers: list[int], n: int) -> pl.DataFrame:
    data: dict[str, pl.Series] = {}
    for i in range(n):
        data[cell(i)] = pl.Series([r[i] if i < len(r) else None for r in rows], dtype=pl.String)
    data[ROW] = pl.Series(numbers, dtype=pl.Int64)
    data[EXTRA] = pl.Series([any(v is not None for v in r[n:]) for r in rows], dtype=pl.Boolean)
    return pl.DataFrame(data)


def read_parquet(path: Path, name: str) -> Table | AuditProblem:
    try:
        lazy = pl.scan_parquet(path)
        schema = lazy.collect_schema()
        rows = lazy.select(pl.len()).collect().item()
    except (pl.exceptions.PolarsError, OSError) as exc:
        return problem(name, 1, "audit-unreadable", f"not a readable Parquet file ({str(exc).splitlines()[0] if str(exc) else type(exc).__name__})")
    header = list(schema.names())
    if len(header) > MAX_COLUMNS:
        return too_many_columns(name, 1, len(header))
    if rows > MAX_ROWS:
        return problem(name, 1, "audit-too-many-rows", f"{rows:,} rows; more than {MAX_ROWS:,} is refused: split the export")
    nested = [n for n, t in schema.items() if t.is_nested()]
    if nested:
        return problem(name, 1, "audit-unreadable", f"column {nested[0]!r} holds lists or records; an audit column holds one value per row")
    try:
        frame = lazy.select(pl.col(n).cast(pl.String).alias(cell(i)) for i, n in enumerate(header)).collect()
    except (pl.exceptions.PolarsError, OSError) as exc:
        return problem(name, 1, "audit-unreadable", f"not a readable Parquet file ({str(exc).splitlines()[0]})")
    frame = frame.with_row_index(ROW, offset=2).with_columns(pl.col(ROW).cast(pl.Int64), pl.lit(False).alias(EXTRA))
    columns = [cell(i) for i in range(len(header))]
    ascii_only = not any(frame[c].str.contains(r"[^\x00-\x7F]").any() for c in columns)
    blank = pl.all_horizontal(pl.col(c).is_null() for c in columns)
    return Table(name, header, 1, clean_text(frame, columns, ascii_only=ascii_only).filter(~blank).collect(), [])
