"""Read a CSV audit file as spreadsheets write it: UTF-8 (with or without BOM) or UTF-16
(Excel's "Unicode Text"), separated by ',' ';' or tab, with the line number of every row.

Polars parses the body (a million rows in well under a second). A file it cannot parse
(a stray quote inside a cell, as in `12" screen`, which spreadsheets write unquoted) is
read again with Python's lenient csv module, which is slower but finds the line of a
real quoting error.
"""

from __future__ import annotations

import codecs
import csv
import io
from pathlib import Path

import polars as pl

from labelbook.qa.problems import AuditProblem, problem
from labelbook.qa.table import EXTRA, MAX_COLUMNS, ROW, Table, cell, clean_text, too_many_columns

_SEPARATORS = (",", ";", "\t")
_SAVE_AS = "save it from the spreadsheet as 'CSV UTF-8' or 'Unicode Text'"


def _line_at(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _decode(raw: bytes, name: str) -> tuple[bytes, bool] | AuditProblem:
    """(UTF-8 bytes without BOM, whether they are ASCII), or the encoding problem."""
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[3:]
    elif raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\x00" in raw[:4096]:
        codec = "utf-16" if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) else ("utf-16-le" if raw[1:2] == b"\x00" else "utf-16-be")
        try:
            text = raw.decode(codec)
        except UnicodeDecodeError as exc:
            line = raw[: exc.start].decode(codec, "ignore").count("\n") + 1
            return problem(name, line, "audit-encoding", f"not valid UTF-16 text (byte {exc.start:,}); {_SAVE_AS}")
        return text.encode("utf-8"), text.isascii()
    if raw.isascii():
        return raw, True
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return problem(name, _line_at(raw, exc.start), "audit-encoding",
                       f"not UTF-8 text (byte 0x{raw[exc.start]:02X} at offset {exc.start:,}: Windows-1252 or another legacy encoding?); {_SAVE_AS}")
    return raw, False


def _separator(line: str) -> str:
    counts = {d: line.count(d) for d in _SEPARATORS}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def read_csv(path: Path, name: str) -> Table | AuditProblem:
    decoded = _decode(path.read_bytes(), name)
    if isinstance(decoded, AuditProblem):
        return decoded
    data, ascii_only = decoded
    del decoded
    if b"\n" not in data and b"\r" in data:  # classic Mac line ends
        data = data.replace(b"\r", b"\n")
    start, line = 0, 1
    while start < len(data):  # blank lines before the header
        end = data.find(b"\n", start)
        end = len(data) if end < 0 else end
        if data[start:end].strip(b" \t\r"):
            break
        start, line = end + 1, line + 1
    if start >= len(data):
        return problem(name, 1, "audit-empty", "the file is empty; expected a header line naming the columns, then one row per audit")
    head = data[start : start + 65536].decode("utf-8", "ignore")
    first_line = head.split("\n", 1)[0]
    sep = _separator(first_line)
    reader = csv.reader(io.StringIO(head, newline=""), delimiter=sep)
    try:
        header = next(reader)
    except (csv.Error, StopIteration) as exc:
        return problem(name, line, "audit-unreadable", f"the header line cannot be read as CSV: {exc}")
    if len(header) > MAX_COLUMNS:
        return too_many_columns(name, line, len(header))
    body = start
    for _ in range(reader.line_num):
        nl = data.find(b"\n", body)
        body = len(data) if nl < 0 else nl + 1
    skipped = data.count(b"\n", 0, body)
    parsed = _with_polars(data, skipped, len(header), sep, first_row=line + reader.line_num)
    if parsed is None:
        parsed = _with_csv_module(data[body:].decode("utf-8"), name, len(header), sep, first_row=line + reader.line_num)
    del data  # the cells are in the frame now: the file's bytes are the largest thing held
    if isinstance(parsed, AuditProblem):
        return parsed
    table = _finish(parsed, name, header, sep, ascii_only)
    table.header_row = line
    return table


def _frame_columns(n: int) -> dict[str, type[pl.String]]:
    # One column more than the header: a row with more cells shows there, not silently cut off.
    return {cell(i): pl.String for i in range(n + 1)}


def _with_polars(data: bytes, skipped: int, n: int, sep: str, first_row: int) -> pl.DataFrame | None:
    """The cells after the first `skipped` lines (blank lines and the header), or None when
    Polars cannot parse them."""
    try:
        frame = pl.read_csv(
            data, has_header=False, skip_lines=skipped, separator=sep, schema=_frame_columns(n), missing_columns="insert",
            extra_columns="ignore", truncate_ragged_lines=True, encoding="utf8", quote_char='"', raise_if_empty=False,
        )
    except pl.exceptions.PolarsError:
        return None
    except BaseException as exc:  # a panic in Polars' parser (a BaseException): the csv module reads it instead
        if type(exc).__name__ != "PanicException":
            raise
        return None
    lines = data.count(b"\n") - skipped + (0 if data.endswith(b"\n") else 1)
    rows = pl.int_range(first_row, first_row + frame.height, eager=True, dtype=pl.Int64)
    if lines != frame.height:  # a quoted cell spans lines: each record starts after the line breaks inside earlier ones
        inside = frame.select(pl.sum_horizontal(pl.col(c).str.count_matches("\n").fill_null(0) for c in frame.columns)).to_series()
        rows = rows + (inside.cum_sum() - inside).cast(pl.Int64)
    return frame.with_columns(rows.alias(ROW))


def _with_csv_module(body: str, name: str, n: int, sep: str, first_row: int) -> pl.DataFrame | AuditProblem:
    columns: list[list[str | None]] = [[] for _ in range(n + 1)]
    rows: list[int] = []
    # strict: a quote left open to the end of the file is an error at its row, not one giant cell
    reader = csv.reader(io.StringIO(body, newline=""), delimiter=sep, strict=True)
    while True:
        at = first_row + reader.line_num
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            return problem(name, at, "audit-unreadable", f"this row cannot be read as CSV ({exc}): a cell that opens a double quote must close it")
        rows.append(at)
        for i in range(n):
            columns[i].append(record[i] if i < len(record) else None)
        columns[n].append(sep.join(record[n:]) if len(record) > n else None)
    return pl.DataFrame({cell(i): pl.Series(col, dtype=pl.String) for i, col in enumerate(columns)} | {ROW: pl.Series(rows, dtype=pl.Int64)})


def _finish(frame: pl.DataFrame, name: str, header: list[str], sep: str, ascii_only: bool) -> Table:
    n = len(header)
    blank = pl.all_horizontal(pl.col(cell(i)).is_null() for i in range(n))
    cleaned = clean_text(frame, [cell(i) for i in range(n + 1)], ascii_only=ascii_only)
    del frame  # one lazy query from here: the cells are not copied once per step
    kept = cleaned.filter(~blank).with_columns(pl.col(cell(n)).is_not_null().alias(EXTRA)).drop(cell(n)).collect()
    shown = "tab" if sep == "\t" else f"'{sep}'"
    problems = [
        problem(name, row, "audit-extra-cells",
                f"this row has more cells than the {n} columns of the header; a value that holds the separator {shown} must be in double quotes")
        for row in kept.filter(pl.col(EXTRA))[ROW].to_list()
    ]
    return Table(name, header, 1, kept, problems)
