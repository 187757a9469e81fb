"""Responses from wherever the quiz went: labelbook's CSV, Moodle's Responses report, QTI results.

Each file named on the command line is read by the reader its content calls for, or the
one `--from` names:
- a folder, a zip that is not a workbook, or XML: QTI 2.1 result reports (`qti`);
- a table (CSV or XLSX) with `Response N` columns: Moodle's Responses report (`moodle`);
- any other table: labelbook's CSV (`csv`), whose header names labeler, item, answer.
The answers of all files are pooled; one labeler answering one item in two files is an error.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from labelbook.core.problems import ContentError, Pos, Problem, UsageError, error
from labelbook.score import moodle, qti
from labelbook.score.match import Matcher
from labelbook.score.quizfile import Quiz, read_input
from labelbook.score.responses import REQUIRED, Response, collected, from_table
from labelbook.score.settings import FROM
from labelbook.score.table import MAX_BYTES, Table, is_xlsx, norm, read_table


@dataclass
class Read:
    responses: list[Response]
    #: what the trainer should know (attempts left out...), located like errors
    warnings: list[Problem] = field(default_factory=list)
    #: the format each file was read as, in order
    formats: list[str] = field(default_factory=list)


def sniff(raw: bytes | None) -> str | None:
    """'qti' when the bytes (None: a folder) can only be result reports; None for a table."""
    if raw is None:
        return "qti"
    if raw.startswith(b"PK\x03\x04"):
        return None if is_xlsx(raw) else "qti"
    head = raw[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
    return "qti" if head.startswith((b"<", b"\xff\xfe<\x00", b"\xfe\xff\x00<")) else None  # UTF-8, UTF-16 XML


def _table_format(table: Table) -> str:
    """A table with `Response N` columns is Moodle's report; any other is read as labelbook's CSV,
    whose reader says which of its columns are missing."""
    header = {norm(h).casefold() for h in table.header}
    if not all(c in header for c in REQUIRED) and moodle.is_report(table.header):
        return "moodle"
    return "csv"


def _raw(path: Path, name: str) -> bytes | None:
    if path.is_dir():
        return None
    try:
        size = path.stat().st_size
    except OSError:
        size = 0  # read_input says why it cannot be read
    if size > MAX_BYTES:
        raise collected(name, [error(Pos(name), "responses-too-large", f"{size:,} bytes; more than {MAX_BYTES:,} is refused: split it")])
    return read_input(path, name, "a responses file")


def read_one(path: Path, name: str, quiz: Quiz, matcher: Matcher, fmt: str | None, labeler_column: str | None) -> tuple[str, list[Response], list[Problem]]:
    raw = _raw(path, name)
    kind = fmt or sniff(raw)
    if kind == "qti":
        if raw is not None and is_xlsx(raw):
            raise collected(name, [error(Pos(name), "responses-format", "--from qti: this is a spreadsheet, not QTI results")])
        return "qti", qti.read_results(path, raw, name, matcher), []
    if raw is None:
        raise UsageError(f"{name}: is a folder; a folder holds QTI result files (--from qti), not a {kind or 'CSV'} file")
    table = read_table(raw, name)
    if table is None:
        raise ContentError(f"{name} has no responses", [error(Pos(name), "responses-empty",
                           "empty file; expected a header line 'labeler,item,answer' and one row per answer")])
    kind = kind or _table_format(table)
    if kind == "moodle":
        responses, warnings = moodle.read_report(table, matcher, labeler_column)
        return "moodle", responses, warnings
    moodle.check_not_report(table)
    return "csv", from_table(table, quiz, name), []


def read_all(paths: list[str], quiz: Quiz, fmt: str | None = None, labeler_column: str | None = None) -> Read:
    """Every response of every file, or a ContentError listing the problems (exit 1)."""
    if fmt is not None and fmt not in FROM:
        raise UsageError(f"--from {fmt}: expected one of {', '.join(FROM)}")
    matcher = Matcher(quiz)
    out = Read([])
    failed: list[ContentError] = []
    for name in paths:
        try:
            kind, responses, warnings = read_one(Path(name), name, quiz, matcher, fmt, labeler_column)
        except ContentError as exc:
            failed.append(exc)
            continue
        out.formats.append(kind)
        out.responses += responses
        out.warnings += warnings
    if labeler_column and "moodle" not in out.formats and not failed:
        raise UsageError("--labeler-column names a column of a Moodle Responses report; none of the files is one")
    twice = _duplicates(out.responses)
    if len(failed) == 1 and not twice:
        raise failed[0]
    if failed or twice:
        problems = [p for exc in failed for p in exc.problems] + twice
        raise ContentError(f"{len(problems)} problem(s) in the responses; nothing was scored", problems)
    return out


def _duplicates(responses: list[Response]) -> list[Problem]:
    """One labeler's answers to one item in two files (within a file, its reader already said so)."""
    first: dict[tuple[str, str], Response] = {}
    out = []
    for r in responses:
        seen = first.setdefault((r.labeler, r.item), r)
        if seen is not r and seen.source != r.source:
            out.append(error(Pos(r.source, r.line), "responses-duplicate",
                             f"labeler {r.labeler!r} answered item {r.item!r} twice (first at {seen.source}:{seen.line}); keep one"))
    return out
