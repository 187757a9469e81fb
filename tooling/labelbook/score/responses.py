"""Read RESPONSES.csv: one row per labeler and quiz item, checked against the quiz.

The file comes from an LMS export or a spreadsheet, so the reader is lenient where
that is unambiguous (a BOM, column order and case, extra columns, `;` or tab as the
separator that spreadsheets in many locales write, an answer given as the option's
text) and strict where a silent guess would skew the scores (an unknown item or
answer, a labeler answering the same item twice). Every problem is collected with
its row number, so one run lists them all.
"""

from __future__ import annotations

import _csv  # the reader's type (it carries line_num)
import csv
import io
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from labelbook.core.problems import ContentError, Pos, Problem, did_you_mean, error
from labelbook.score.quizfile import Quiz, QuizItem, read_input

REQUIRED = ("labeler", "item", "answer")
#: Problems listed at most: a wrong quiz file makes every row fail, and the first ones tell why.
MAX_PROBLEMS = 25


@dataclass(frozen=True)
class Response:
    """One labeler's answer to one item; `answer` None means the cell was left blank (skipped)."""

    labeler: str
    item: str
    answer: str | None
    line: int


def _norm(s: str) -> str:
    # NFC so that a Bengali name typed on two keyboards is still one labeler.
    return unicodedata.normalize("NFC", s.strip())


def _delimiter(first_line: str) -> str:
    counts = {d: first_line.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _decode(raw: bytes, name: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ContentError(
            f"{name} is not UTF-8",
            [error(Pos(name, line), "responses-encoding", "not UTF-8 text; save the spreadsheet as 'CSV UTF-8'")],
        ) from None


class _Answers:
    """Maps what a labeler wrote to an option id of the item."""

    def __init__(self, item: QuizItem) -> None:
        self.item = item
        self.exact = {o.id: o.id for o in item.options}
        self.loose: dict[str, str] = {}
        for o in item.options:
            for spelling in (o.id, o.text):
                self.loose.setdefault(_norm(spelling).casefold(), o.id)

    def resolve(self, answer: str) -> str | None:
        return self.exact.get(answer) or self.loose.get(answer.casefold())


def read_responses(path: Path, quiz: Quiz, shown: str | None = None) -> list[Response]:
    """All responses of the file, or ContentError listing every bad row (exit 1)."""
    name = shown or str(path)
    raw = read_input(path, name, "a CSV file")
    text = _decode(raw, name)
    # Only CR/LF end a line: str.splitlines() would also split at U+2028 or \x0c inside a cell,
    # and the row numbers would no longer match the editor's.
    lines = re.split(r"\r\n|\r|\n", text)
    if not any(line.strip() for line in lines):
        raise ContentError(
            f"{name} has no responses",
            [error(Pos(name), "responses-empty", "empty file; expected a header line 'labeler,item,answer' and one row per answer")],
        )
    first = next(i for i, line in enumerate(lines) if line.strip())
    delimiter = _delimiter(lines[first])
    reader = csv.reader(io.StringIO("\n".join(lines[first:]), newline=""), delimiter=delimiter)
    problems: list[Problem] = []
    try:
        header = [_norm(h).casefold() for h in next(reader)]
        header_line = first + 1
        columns = _columns(header, name, header_line)
        responses = _rows(reader, columns, quiz, _Where(name, first, lines, delimiter), problems)
    except csv.Error as exc:
        line = first + reader.line_num
        raise ContentError(f"{name} is not a readable CSV file", [error(Pos(name, line), "responses-csv", f"bad CSV: {exc}")]) from None
    if not responses and not problems:
        problems.append(error(Pos(name, header_line), "responses-empty", "the header is there but no row follows: nothing to score"))
    if problems:
        shown_problems = problems[:MAX_PROBLEMS]
        if len(problems) > MAX_PROBLEMS:
            shown_problems.append(error(Pos(name), "responses-more", f"... and {len(problems) - MAX_PROBLEMS} more problems"))
        raise ContentError(f"{name}: {len(problems)} problem(s); nothing was scored", shown_problems)
    return responses


def _columns(header: list[str], name: str, line: int) -> dict[str, int]:
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        found = ", ".join(h or "(blank)" for h in header)
        hints = "".join(did_you_mean(m, header) for m in missing)
        raise ContentError(
            f"{name}: the header lacks required columns",
            [error(Pos(name, line), "responses-missing-column",
                   f"missing column{'s' if len(missing) > 1 else ''} {', '.join(repr(m) for m in missing)}{hints}; "
                   f"the header has: {found}; the first line must name the columns labeler, item, answer")],
        )
    twice = [c for c in REQUIRED if header.count(c) > 1]
    if twice:
        raise ContentError(
            f"{name}: ambiguous header",
            [error(Pos(name, line), "responses-duplicate-column", f"column {twice[0]!r} appears twice in the header")],
        )
    return {c: header.index(c) for c in REQUIRED}


@dataclass(frozen=True)
class _Where:
    """What is needed to point at a cell: the file name, the header's index, the raw lines."""

    name: str
    offset: int
    lines: list[str]
    delimiter: str

    def col(self, line: int, field: int) -> int:
        """1-based character column of field `field` on `line`; 1 when quoting makes it unclear."""
        raw = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
        if '"' in raw:
            return 1
        cells = raw.split(self.delimiter)
        return 1 + sum(len(c) + 1 for c in cells[:field]) if field < len(cells) else 1


def _rows(reader: _csv.Reader, columns: dict[str, int], quiz: Quiz, where: _Where, problems: list[Problem]) -> list[Response]:
    items = quiz.by_id
    upper = {i.upper(): i for i in items}
    answers = {i: _Answers(item) for i, item in items.items()}
    first_seen: dict[tuple[str, str], int] = {}
    out: list[Response] = []
    width = max(columns.values()) + 1
    while True:
        line = where.offset + reader.line_num + 1  # where this record starts (records may span lines)
        try:
            row = next(reader)
        except StopIteration:
            return out
        if not any(cell.strip() for cell in row):
            continue  # blank lines, or the trailing separators spreadsheets leave
        if len(row) < width:
            row = row + [""] * (width - len(row))
        labeler, item_id, answer = (_norm(row[columns[c]]) for c in REQUIRED)

        def bad(code: str, message: str, column: str) -> None:
            problems.append(error(Pos(where.name, line, where.col(line, columns[column])), code, message))

        if not labeler:
            bad("responses-blank", "the labeler cell is empty", "labeler")
            continue
        if not item_id:
            bad("responses-blank", "the item cell is empty", "item")
            continue
        resolved = item_id if item_id in items else upper.get(item_id.upper())
        if resolved is None:
            bad("responses-unknown-item", f"unknown item {item_id!r}: not in quiz {quiz.path}{did_you_mean(item_id, items)}", "item")
            continue
        pair = (labeler, resolved)
        if pair in first_seen:
            bad("responses-duplicate", f"labeler {labeler!r} answered item {resolved!r} twice (first at row {first_seen[pair]}); keep one row", "labeler")
            continue
        first_seen[pair] = line
        choice = None
        if answer:
            choice = answers[resolved].resolve(answer)
            if choice is None:
                options = answers[resolved].item.option_ids
                bad("responses-unknown-answer",
                    f"unknown answer {answer!r} to item {resolved!r}{did_you_mean(answer, options)}; its options are: {', '.join(options)}",
                    "answer")
                continue
        out.append(Response(labeler, resolved, choice, line))
