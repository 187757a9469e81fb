"""Bad rows of audit files, located as `FILE:ROW: severity[code]: message`.

An audit row has no useful column (a CSV cell's character offset means nothing in a
spreadsheet), so a problem names the file and the row as the user sees it: the line
number of a CSV file (header = 1; a quoted cell that spans lines moves the next row
down), the sheet row of an XLSX file, and the record number + 1 of a Parquet file (as
if its header were row 1, which is where a spreadsheet export puts it).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Literal

from labelbook.core.problems import ContentError

Severity = Literal["error", "warning"]

#: Every code a bad audit file or row can get, with its one-line meaning (README lists them).
CODES: dict[str, str] = {
    "audit-unreadable": "the file cannot be read as CSV, XLSX or Parquet (damaged, another format, broken quoting)",
    "audit-encoding": "a CSV file that is neither UTF-8 nor UTF-16 text",
    "audit-too-large": "a file over the size limit, or an XLSX file that unpacks past it",
    "audit-too-many-rows": "more audit rows than the limit, over all the files of one run",
    "audit-too-many-columns": "more columns than the limit",
    "audit-empty": "the file holds no header: empty, blank lines only, or a worksheet without a cell",
    "audit-missing-column": "a required column is missing from the header",
    "audit-duplicate-column": "two columns of the header have the same name (after --column)",
    "audit-extra-cells": "a row with more cells than the header has columns (an unquoted separator in a value)",
    "audit-missing-value": "a required cell is empty",
    "audit-too-long": "a value longer than the limit (an id, not a text)",
    "audit-bad-date": "a date that is not an ISO date or datetime, nor an Excel date",
    "audit-unknown-decision": "decision or qa_decision is not a decision of policy.yaml (after --decisions)",
    "audit-unknown-rule": "rule is not a rule id of the guidelines",
    "audit-bad-seconds": "handle_seconds is not a number of seconds between 0 and 86,400",
    "audit-duplicate": "the same item, labeler and auditor as an earlier row",
    "audit-no-rows": "no audit is left to report on: the files hold no row, or every row is bad",
    "decision-map-invalid": "the --decisions file is not a mapping of review-tool labels to decision ids",
    "decision-map-unknown": "the --decisions file maps a label to something that is not a decision id",
}

#: Control characters shown escaped, so that a cell quoted in a message cannot break the
#: one-line-per-problem format or send escape sequences to the terminal.
_ESCAPES = {c: f"\\x{c:02x}" for c in [*range(0x20), 0x7F, *range(0x80, 0xA0)]}
_ESCAPES.update({ord("\n"): "\\n", ord("\r"): "\\r", ord("\t"): "\\t", 0x2028: "\\u2028", 0x2029: "\\u2029"})


def one_line(text: str) -> str:
    """`text` with control characters escaped: safe on a terminal, one line."""
    return text.translate(_ESCAPES)


@dataclass(frozen=True)
class AuditProblem:
    file: str
    row: int  # 1 (the header) for a problem of the whole file
    severity: Severity
    code: str
    message: str

    def sort_key(self) -> tuple:
        return (self.file, self.row, self.code, self.message)

    def as_text(self) -> str:
        return one_line(f"{self.file}:{self.row}: {self.severity}[{self.code}]: {self.message}")

    def as_warning(self) -> AuditProblem:
        return AuditProblem(self.file, self.row, "warning", self.code, self.message)


def problem(file: str, row: int, code: str, message: str) -> AuditProblem:
    assert code in CODES, code
    return AuditProblem(file, row, "error", code, message)


class AuditError(ContentError):
    """Audit files with errors: nothing is reported from them (exit 1)."""

    def __init__(self, message: str, problems: Iterable[AuditProblem], omitted: dict[str, int] | None = None) -> None:
        super().__init__(message)
        self.audit_problems = list(problems)
        self.omitted = dict(omitted or {})  # problems found but not listed, per code
