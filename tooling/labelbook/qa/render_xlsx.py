"""The `xlsx` rendering: a workbook with a sheet per part of the report and native Excel charts.

Values are Excel's own (a share is a number formatted as a percentage, a day a date), so
the team can sort, filter and chart further. No cell is ever a formula: the workbook is
written with formula, URL and number guessing off, so a labeler id such as `=HYPERLINK(...)`
or `+1` from an audit file stays the text it was. Links are written only for http(s).
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import xlsxwriter

from labelbook.qa import strings as S
from labelbook.qa.model import Report
from labelbook.qa.sections import Code, Link, Section, Table, sections, subtitle, title
from labelbook.qa.strings import Words

_FORMATS = {"pct": "0.0%", "points": "+0.00;-0.00;0.00", "q": "0.0000", "int": "#,##0", "sec": "0.0", "date": "yyyy-mm-dd"}


@dataclass
class _Placed:
    sheet: str
    row: int  # the header row
    col: int
    rows: int
    table: Table


def _sheet_name(text: str, used: set[str]) -> str:
    base = re.sub(r"[\[\]:*?/\\']", " ", text).strip()[:28] or "Sheet"
    name, n = base, 2
    while name.casefold() in used:
        name, n = f"{base[:25]} {n}", n + 1
    used.add(name.casefold())
    return name


class _Writer:
    def __init__(self, r: Report, w: Words) -> None:
        self.r, self.w = r, w
        self.buffer = io.BytesIO()
        self.book = xlsxwriter.Workbook(self.buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
                                                     "strings_to_numbers": False, "default_date_format": "yyyy-mm-dd"})
        self.bold = self.book.add_format({"bold": True, "bg_color": "#F2F2F2", "border": 1, "text_wrap": True, "valign": "top"})
        self.heading = self.book.add_format({"bold": True, "font_size": 14})
        self.formats = {k: self.book.add_format({"num_format": v}) for k, v in _FORMATS.items()}
        self.placed: dict[str, _Placed] = {}
        self.used: set[str] = set()

    def cell(self, ws: Any, row: int, col: int, value: Any, kind: str) -> None:
        if value is None or value == "":
            return
        if isinstance(value, Link):
            parts = urlsplit(value.url or "")
            if parts.scheme in ("http", "https") and len(value.url or "") < 2000:
                ws.write_url(row, col, value.url, string=value.text[:255])
            else:
                ws.write_string(row, col, value.text)
        elif isinstance(value, Code):
            ws.write_string(row, col, value.text)
        elif isinstance(value, dt.date):
            ws.write_datetime(row, col, dt.datetime.combine(value, dt.time()), self.formats["date"])
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            ws.write_number(row, col, value * 100 if kind == "points" else value, self.formats.get(kind))
        else:
            ws.write_string(row, col, str(value))

    def section(self, s: Section) -> None:
        name = _sheet_name(s.title, self.used)
        ws = self.book.add_worksheet(name)
        ws.set_column(0, 0, 24)
        ws.set_column(1, 12, 14)
        ws.write_string(0, 0, s.title, self.heading)
        row = 2
        for block in s.blocks:
            if isinstance(block, Table):
                if block.title:
                    ws.write_string(row, 0, block.title, self.heading)
                    row += 1
                for j, c in enumerate(block.columns):
                    ws.write_string(row, j, c.title, self.bold)
                for i, values in enumerate(block.rows, start=1):
                    for j, (v, c) in enumerate(zip(values, block.columns)):
                        self.cell(ws, row + i, j, v, c.kind)
                self.placed[block.key] = _Placed(name, row, 0, len(block.rows), block)
                row += len(block.rows) + 2
            else:
                ws.write_string(row, 0, "".join(i.text if isinstance(i, (Link, Code)) else i for i in block))
                row += 1
        self.charts(ws, row + 1)

    def _range(self, key: str, col: int) -> list[Any]:
        p = self.placed[key]
        return [p.sheet, p.row + 1, col, p.row + p.rows, col]

    def charts(self, ws: Any, row: int) -> None:
        """Charts of the tables just written on `ws`, below them."""
        name = ws.get_name()
        at = row
        if "weeks" in self.placed and self.placed["weeks"].sheet == name:
            chart = self.book.add_chart({"type": "line"})
            chart.add_series({"name": self.w(S.ALL), "categories": self._range("weeks", 0), "values": self._range("weeks", 2), "line": {"width": 2.5}})
            areas = self.placed.get("areas")
            for j in range(1, len(areas.table.columns) if areas else 0):
                chart.add_series({"name": areas.table.columns[j].title, "categories": self._range("areas", 0), "values": self._range("areas", j)})
            weeks = self.placed["weeks"]
            labels = [{"value": row_values[6]} if row_values[6] else {"delete": True} for row_values in weeks.table.rows]
            marks = [row_values[2] if row_values[6] else None for row_values in weeks.table.rows]
            if any(m is not None for m in marks):
                col = len(weeks.table.columns) + 1
                ws.write_string(weeks.row, col, self.w(S.COLUMNS["release"]), self.bold)
                for i, m in enumerate(marks, start=1):
                    if m is not None:
                        ws.write_number(weeks.row + i, col, m, self.formats["pct"])
                chart.add_series({"name": self.w(S.COLUMNS["release"]), "categories": self._range("weeks", 0), "values": self._range("weeks", col),
                                  "line": {"none": True}, "marker": {"type": "diamond", "size": 9, "fill": {"color": "#C0392B"}},
                                  "data_labels": {"value": False, "custom": labels, "position": "above"}})
            chart.set_title({"name": self.w(S.TREND_ALL)})
            chart.set_y_axis({"num_format": "0%", "name": self.w(S.COLUMNS["accuracy"])})
            chart.set_size({"width": 760, "height": 360})
            ws.insert_chart(at, 0, chart)
            at += 20
        if "pchart" in self.placed and self.placed["pchart"].sheet == name:
            p = self.placed["pchart"]
            col = len(p.table.columns) + 1
            ws.write_string(p.row, col, self.w(S.COLUMNS["baseline_median"]), self.bold)
            for i in range(1, p.rows + 1):
                ws.write_number(p.row + i, col, self.r.pchart.centre if self.r.pchart else 0, self.formats["pct"])
            chart = self.book.add_chart({"type": "line"})
            chart.add_series({"name": self.w(S.COLUMNS["accuracy"]), "categories": self._range("pchart", 0), "values": self._range("pchart", 2),
                              "marker": {"type": "circle"}})
            chart.add_series({"name": self.w(S.COLUMNS["limit"]), "categories": self._range("pchart", 0), "values": self._range("pchart", 3),
                              "line": {"dash_type": "dash", "color": "#C0392B"}})
            chart.add_series({"name": self.w(S.COLUMNS["baseline_median"]), "categories": self._range("pchart", 0), "values": self._range("pchart", col),
                              "line": {"color": "#1E8449"}})
            chart.set_title({"name": self.w(S.PCHART)})
            chart.set_y_axis({"num_format": "0%"})
            chart.set_size({"width": 760, "height": 340})
            ws.insert_chart(at, 0, chart)
            at += 19
        if "rca" in self.placed and self.placed["rca"].sheet == name:
            p = self.placed["rca"]
            last = min(p.rows, 12)
            chart = self.book.add_chart({"type": "bar"})
            for col, colour in ((5, "#E69F00"), (6, "#0072B2")):
                chart.add_series({"name": p.table.columns[col].title, "categories": [p.sheet, p.row + 1, 0, p.row + last, 0],
                                  "values": [p.sheet, p.row + 1, col, p.row + last, col], "fill": {"color": colour}})
            chart.set_title({"name": self.w(S.RCA_TOP)})
            chart.set_y_axis({"reverse": True})
            chart.set_size({"width": 760, "height": 60 + 34 * last})
            ws.insert_chart(at, 0, chart)
        if "confusion" in self.placed and self.placed["confusion"].sheet == name:
            p = self.placed["confusion"]
            ws.conditional_format(p.row + 1, 1, p.row + p.rows, len(p.table.columns) - 1,
                                  {"type": "2_color_scale", "min_color": "#FFFFFF", "max_color": "#E69F00"})

    def finish(self) -> bytes:
        # A fixed creation date (the report week's end): the same audits give the same bytes.
        created = dt.datetime.combine(self.r.week_end, dt.time(), tzinfo=dt.timezone.utc)
        self.book.set_properties({"title": title(self.r, self.w), "subject": subtitle(self.r, self.w), "comments": "labelbook qa", "created": created})
        self.book.close()
        return self.buffer.getvalue()


def render_xlsx(r: Report) -> bytes:
    writer = _Writer(r, Words(r.lang, r.decision_titles))
    for s in sections(r, writer.w):
        writer.section(s)
    return writer.finish()
