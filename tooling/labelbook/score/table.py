"""A responses file as a table of text cells with the row and column numbers people see.

Two sources: CSV text (what a spreadsheet or an LMS writes: UTF-8 with or without BOM,
`,` `;` or tab) and XLSX (Moodle's "Excel spreadsheet" download), read with calamine
(Rust, through python-calamine, the reader `labelbook qa` uses too). Typed cells become
the text a CSV export would hold, so every reader above treats both alike.

A CSV row number is the line where its record starts (a quoted cell may span lines), so
it matches the editor; an XLSX row number is the sheet's own, and its column number the
sheet's column (A = 1). Files are bounded before they are read: a responses file of a
few thousand attempts is well under the limits, and a larger one is a located error, not
an exhausted machine.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from typing import Any, Callable
from xml.parsers import expat

from labelbook.core.problems import ContentError, Pos, error
from labelbook.core.sheets import worksheet_extent

#: Bytes a responses file may have, and an XLSX once unpacked (a zip can claim anything).
MAX_BYTES = 64 * 1024 * 1024
MAX_UNPACKED = 256 * 1024 * 1024
#: Rows and columns: a Moodle report has three columns per question and a row per attempt.
MAX_ROWS = 1_000_000
MAX_COLUMNS = 5_000
#: Cells of a worksheet, empty ones between A1 and the last cell included (calamine stores them all).
MAX_CELLS = 10_000_000


@dataclass
class Table:
    """Rows of text cells; `col(line, index)` is the 1-based column shown in messages."""

    name: str
    header: list[str]
    header_line: int
    rows: list[tuple[int, list[str]]]
    col: Callable[[int, int], int] = field(default=lambda line, index: index + 1)

    def pos(self, line: int, index: int) -> Pos:
        return Pos(self.name, line, self.col(line, index))


def fail(name: str, line: int, code: str, message: str, col: int = 1) -> ContentError:
    return ContentError(f"{name}: nothing was scored", [error(Pos(name, line, col), code, message)])


def norm(s: str) -> str:
    """A cell as compared: NFC (a Bengali name typed on two keyboards is one name), trimmed."""
    return unicodedata.normalize("NFC", s.strip())


def is_xlsx(raw: bytes) -> bool:
    if not raw.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as z:
            return "xl/workbook.xml" in z.namelist()
    except (zipfile.BadZipFile, ValueError):
        return False


def decode(raw: bytes, name: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise fail(name, line, "responses-encoding", "not UTF-8 text; save the spreadsheet as 'CSV UTF-8'") from None


def _delimiter(first_line: str) -> str:
    counts = {d: first_line.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def read_csv(raw: bytes, name: str) -> Table | None:
    """The CSV's table; None when the file holds no line at all."""
    text = decode(raw, name)
    # Only CR/LF end a line: str.splitlines() would also split at U+2028 or \x0c inside a cell,
    # and the row numbers would no longer match the editor's.
    lines = re.split(r"\r\n|\r|\n", text)
    if not any(line.strip() for line in lines):
        return None
    first = next(i for i, line in enumerate(lines) if line.strip())
    delimiter = _delimiter(lines[first])
    reader = csv.reader(io.StringIO("\n".join(lines[first:]), newline=""), delimiter=delimiter)
    rows: list[tuple[int, list[str]]] = []
    try:
        header = next(reader)
        while True:
            line = first + reader.line_num + 1  # where this record starts (records may span lines)
            try:
                row = next(reader)
            except StopIteration:
                break
            rows.append((line, row))
            if len(rows) > MAX_ROWS:
                raise fail(name, line, "responses-too-large", f"more than {MAX_ROWS:,} rows; split the file")
    except csv.Error as exc:
        raise fail(name, first + reader.line_num, "responses-csv", f"bad CSV: {exc}") from None
    if len(header) > MAX_COLUMNS:
        raise fail(name, first + 1, "responses-too-large", f"{len(header):,} columns; more than {MAX_COLUMNS:,} is refused")

    def col(line: int, index: int) -> int:
        """The character column of cell `index` on `line`; 1 when quoting makes it unclear."""
        raw_line = lines[line - 1] if 0 < line <= len(lines) else ""
        if '"' in raw_line:
            return 1
        cells = raw_line.split(delimiter)
        return 1 + sum(len(c) + 1 for c in cells[:index]) if index < len(cells) else 1

    return Table(name, header, first + 1, rows, col)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    return str(value)


def _check_workbook(raw: bytes, name: str) -> None:
    """Refuse, before calamine reads it, a workbook that unpacks or spreads out too far."""
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as z:
            unpacked = sum(i.file_size for i in z.infolist())
            if unpacked > MAX_UNPACKED:
                raise fail(name, 1, "responses-too-large", f"the workbook unpacks to {unpacked:,} bytes; more than {MAX_UNPACKED:,} is refused")
            for info in z.infolist():
                if info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml"):
                    with z.open(info) as f:
                        rows, cols = worksheet_extent(f)
                    if rows > MAX_ROWS + 1 or cols > MAX_COLUMNS or rows * cols > MAX_CELLS:
                        raise fail(name, 1, "responses-too-large",
                                   f"a worksheet spans {rows:,} rows and {cols:,} columns; more than {MAX_CELLS:,} cells "
                                   f"(or {MAX_ROWS:,} rows, {MAX_COLUMNS:,} columns) is refused: delete the far cells or split it")
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, expat.ExpatError) as exc:
        raise fail(name, 1, "responses-unreadable", f"not a readable spreadsheet ({type(exc).__name__}: {exc}); save it again as .xlsx, or as CSV UTF-8") from None


def read_xlsx(raw: bytes, name: str) -> Table | None:
    """The first visible worksheet's table; None when it is empty."""
    import python_calamine as calamine  # only an XLSX needs it

    _check_workbook(raw, name)
    errors = tuple(getattr(calamine, n) for n in ("CalamineError", "PasswordError", "WorksheetNotFound", "XmlError", "ZipError") if hasattr(calamine, n))
    try:
        book = calamine.CalamineWorkbook.from_filelike(io.BytesIO(raw))
        visible = [m.name for m in book.sheets_metadata
                   if m.visible == calamine.SheetVisibleEnum.Visible and m.typ == calamine.SheetTypeEnum.WorkSheet]
        if not visible:
            return None
        sheet = book.get_sheet_by_name(visible[0])
        offset = sheet.start[1] if sheet.start else 0
        rows = []
        for number, values in enumerate(sheet.iter_rows(), start=1):
            if number > MAX_ROWS + 1:
                raise fail(name, number, "responses-too-large", f"more than {MAX_ROWS:,} rows; split the file")
            rows.append((number, [_cell(v) for v in values]))
    except (*errors, OSError, ValueError, TypeError) as exc:
        raise fail(name, 1, "responses-unreadable", f"not a readable spreadsheet ({type(exc).__name__}: {exc}); save it again as .xlsx, or as CSV UTF-8") from None
    while rows and not any(c.strip() for c in rows[0][1]):
        rows.pop(0)
    if not rows:
        return None
    if len(rows[0][1]) > MAX_COLUMNS:
        raise fail(name, rows[0][0], "responses-too-large", f"{len(rows[0][1]):,} columns; more than {MAX_COLUMNS:,} is refused")
    (header_line, header), body = rows[0], rows[1:]
    return Table(name, header, header_line, body, lambda line, index: index + 1 + offset)


def read_table(raw: bytes, name: str) -> Table | None:
    """CSV or XLSX, told apart by content, not by name."""
    return read_xlsx(raw, name) if is_xlsx(raw) else read_csv(raw, name)
