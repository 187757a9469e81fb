"""Audit files -> the checked audits that every figure is counted from.

    files, globs, folders -> tables of text cells (csvread, sheetread)
      -> our columns (columns) -> checked and typed rows (validate)
      -> pseudonymous ids (privacy) -> week, correct, under/over (engine.prepare)

Every bad row of every file is found in the one run. Without --skip-bad-rows they stop
the report (AuditError, exit 1): a report that silently left out a tenth of the audits
would be wrong without saying so. With it they become warnings and are left out, and the
report says how many.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Callable, Mapping

import polars as pl

from labelbook.qa import engine
from labelbook.qa.columns import OPTIONAL, combine, layout
from labelbook.qa.inputs import expand, read_tables
from labelbook.qa.privacy import pseudonymize
from labelbook.qa.problems import AuditError, AuditProblem, problem
from labelbook.qa.validate import LISTED_PER_CODE, validate
from labelbook.qa.vocab import Vocabulary


@dataclass
class Audits:
    frame: pl.DataFrame  # checked rows, with week, correct, under and over
    files: tuple[str, ...]
    rows: int  # rows read (not counting blank lines)
    skipped: int  # bad rows left out (--skip-bad-rows)
    decisions: tuple[str, ...]  # the policy's order, or the decisions found (sorted) outside a repository
    ordered: bool  # whether `decisions` is a real order (under/over counted)
    pseudonymized: bool = False
    warnings: list[AuditProblem] = field(default_factory=list)
    omitted: dict[str, int] = field(default_factory=dict)  # problems counted but not listed, per code

    @property
    def first_day(self) -> dt.date:
        return self.frame["day"].min()  # type: ignore[return-value]

    @property
    def last_day(self) -> dt.date:
        return self.frame["day"].max()  # type: ignore[return-value]

    def days(self) -> set[dt.date]:
        return set(self.frame["day"].unique().to_list())


#: Codes of one bad row, which --skip-bad-rows leaves out; the others make a whole file unusable.
ROW_CODES = frozenset({
    "audit-extra-cells", "audit-missing-value", "audit-too-long", "audit-bad-date", "audit-unknown-decision",
    "audit-unknown-rule", "audit-bad-seconds", "audit-duplicate",
})


def _say(progress: Callable[[str], None] | None, text: str) -> None:
    if progress is not None:
        progress(text)


def read_audits(
    args: list[str], vocab: Vocabulary, *, renames: Mapping[str, str] | None = None, ignored: set[str] | None = None,
    decision_map: Mapping[str, str] | None = None, skip_bad_rows: bool = False, first_weekday: int = 0,
    salt: bytes | None = None, listed_per_code: int = LISTED_PER_CODE, need: tuple[str, ...] = (),
    progress: Callable[[str], None] | None = None,
) -> Audits:
    """`need`: optional columns this use cannot do without (handle_seconds for staffing)."""
    files = expand(args)
    names = [n for _, n in files]
    _say(progress, f"reading {len(files)} file(s)")
    tables, problems = read_tables(files)
    kept, layouts = [], []
    for table in tables:
        found = layout(table, dict(renames or {}), set(ignored or ()))
        missing = [] if isinstance(found, list) else [c for c in need if c not in found.known]
        problems += [problem(table.name, table.header_row, "audit-missing-column", f"missing column {c!r}: this command needs it") for c in missing]
        if isinstance(found, list):
            problems += found
        elif not missing:
            kept.append(table)
            layouts.append(found)
    rows = sum(t.frame.height for t in kept)
    _say(progress, f"checking {rows:,} rows")
    frame, _ = combine(kept, layouts)
    present = {c for c in OPTIONAL if any(c in lay.known for lay in layouts)}
    del tables, kept
    checked = validate(frame, names, vocab, dict(decision_map or {}), present, listed_per_code)
    del frame
    problems += checked.problems
    whole_files = [p for p in problems if p.code not in ROW_CODES]
    bad = checked.bad_rows
    if whole_files:
        raise AuditError(f"{len(whole_files)} audit file(s) cannot be used; nothing was reported", problems, checked.omitted)
    if problems and not skip_bad_rows:
        raise AuditError(f"{bad:,} bad row(s) in the audit files; nothing was reported (--skip-bad-rows leaves them out)", problems, checked.omitted)
    good = checked.frame
    if good.height == 0:
        raise AuditError("no audit is left to report on", [*problems, problem(names[0], 1, "audit-no-rows", "every row is bad, or the files hold no row")])
    if salt is not None:
        _say(progress, "pseudonymizing labeler and auditor ids")
        good = pseudonymize(good, salt)
    found_decisions = tuple(sorted(set(good["decision"].unique().to_list()) | set(good["qa_decision"].unique().to_list())))
    _say(progress, "counting")
    prepared = engine.prepare(good, vocab.decisions, first_weekday)
    return Audits(prepared, tuple(names), rows, rows - good.height, vocab.decisions or found_decisions, vocab.decisions is not None,
                  salt is not None, [p.as_warning() for p in problems], checked.omitted)
