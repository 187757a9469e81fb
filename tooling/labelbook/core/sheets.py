"""Spreadsheets from outside (Moodle reports, QA audit exports): how far a worksheet spreads,
measured before any reader lays it out.

calamine, the XLSX reader of `score` and `qa`, makes a dense table of every cell between A1
and the last one: a 5 kB file with one cell at XFD1048576 asks it for half a terabyte, and
the process aborts (no exception to catch). So the extent of each worksheet is measured
first, by expat as a stream, without building anything, and a caller refuses a sheet past
its limits with a located error.
"""

from __future__ import annotations

import re
from typing import IO
from xml.parsers import expat


_CELL = re.compile(r"([A-Z]{1,3})?([0-9]{1,7})?$")


def worksheet_extent(sheet: IO[bytes]) -> tuple[int, int]:
    """(rows, columns) a worksheet's XML spans, as calamine will lay it out; a DOCTYPE is refused."""
    rows = cols = row = col = 0

    def start(tag: str, attrs: dict[str, str]) -> None:
        nonlocal rows, cols, row, col
        tag = tag.rpartition(":")[2]
        if tag == "row":
            row = int(attrs["r"]) if attrs.get("r", "").isdigit() else row + 1
            col = 0
            rows = max(rows, row)
        elif tag == "c":
            m = _CELL.match(attrs.get("r", "").upper())
            letters = m.group(1) if m else None
            col = sum((ord(ch) - 64) * 26 ** i for i, ch in enumerate(reversed(letters))) if letters else col + 1
            cols = max(cols, col)
            if m and m.group(2):
                rows = max(rows, int(m.group(2)))

    def doctype(*args: object) -> None:
        raise ValueError("a DOCTYPE in a worksheet")

    parser = expat.ParserCreate()
    parser.StartElementHandler = start
    parser.StartDoctypeDeclHandler = doctype
    parser.ParseFile(sheet)
    return rows, cols
