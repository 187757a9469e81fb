"""Read RESPONSES.csv: one row per labeler and quiz item, checked against the quiz.

The file comes from an LMS export or a spreadsheet, so the reader is lenient where
that is unambiguous (a BOM, column order and case, extra columns, `;` or tab as the
separator that spreadsheets in many locales write, an XLSX instead of a CSV, an answer
given as the option's title, the QTI identifiers of `labelbook quiz --format qti`) and
strict where a silent guess would skew the scores (an unknown item or answer, a labeler
answering the same item twice). Every problem is collected with its row number, so one
run lists them all.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from labelbook.core.problems import ContentError, Pos, Problem, did_you_mean, error
from labelbook.score.match import Matcher
from labelbook.score.quizfile import Quiz, read_input
from labelbook.score.table import Table, norm, read_table

REQUIRED = ("labeler", "item", "answer")
#: Problems listed at most: a wrong quiz file makes every row fail, and the first ones tell why.
MAX_PROBLEMS = 25


@dataclass(frozen=True)
class Response:
    """One labeler's answer to one item; `answer` None means the cell was left blank (skipped).

    `line` is the row (or the line of the XML element) it came from, `source` the file.
    """

    labeler: str
    item: str
    answer: str | None
    line: int
    source: str = ""


def collected(name: str, problems: list[Problem]) -> ContentError:
    """The error listing `problems` (at most MAX_PROBLEMS of them) of one responses file."""
    shown = problems[:MAX_PROBLEMS]
    if len(problems) > MAX_PROBLEMS:
        shown.append(error(Pos(name), "responses-more", f"... and {len(problems) - MAX_PROBLEMS} more problems"))
    return ContentError(f"{name}: {len(problems)} problem(s); nothing was scored", shown)


def unknown_answer(matcher: Matcher, item_id: str, answer: str) -> str:
    options = matcher.items[item_id].option_ids
    return f"unknown answer {answer!r} to item {item_id!r}{did_you_mean(answer, options)}; its options are: {', '.join(options)}"


def read_responses(path: Path, quiz: Quiz, shown: str | None = None) -> list[Response]:
    """All responses of the file, or ContentError listing every bad row (exit 1)."""
    name = shown or str(path)
    raw = read_input(path, name, "a CSV file")
    return from_table(read_table(raw, name), quiz, name)


def from_table(table: Table | None, quiz: Quiz, name: str) -> list[Response]:
    if table is None:
        raise ContentError(
            f"{name} has no responses",
            [error(Pos(name), "responses-empty", "empty file; expected a header line 'labeler,item,answer' and one row per answer")],
        )
    header = [norm(h).casefold() for h in table.header]
    columns = _columns(header, name, table.header_line)
    problems: list[Problem] = []
    responses = _rows(table, columns, Matcher(quiz), problems)
    if not responses and not problems:
        problems.append(error(Pos(name, table.header_line), "responses-empty", "the header is there but no row follows: nothing to score"))
    if problems:
        raise collected(name, problems)
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


def _rows(table: Table, columns: dict[str, int], matcher: Matcher, problems: list[Problem]) -> list[Response]:
    quiz = matcher.quiz
    first_seen: dict[tuple[str, str], int] = {}
    out: list[Response] = []
    width = max(columns.values()) + 1
    for line, row in table.rows:
        if not any(cell.strip() for cell in row):
            continue  # blank lines, or the trailing separators spreadsheets leave
        if len(row) < width:
            row = row + [""] * (width - len(row))
        labeler, item_id, answer = (norm(row[columns[c]]) for c in REQUIRED)

        def bad(code: str, message: str, column: str) -> None:
            problems.append(error(table.pos(line, columns[column]), code, message))

        if not labeler:
            bad("responses-blank", "the labeler cell is empty", "labeler")
            continue
        if not item_id:
            bad("responses-blank", "the item cell is empty", "item")
            continue
        resolved = matcher.item(item_id)
        if resolved is None:
            bad("responses-unknown-item", f"unknown item {item_id!r}: not in quiz {quiz.path}{did_you_mean(item_id, matcher.items)}", "item")
            continue
        pair = (labeler, resolved)
        if pair in first_seen:
            bad("responses-duplicate", f"labeler {labeler!r} answered item {resolved!r} twice (first at row {first_seen[pair]}); keep one row", "labeler")
            continue
        first_seen[pair] = line
        choice = None
        if answer:
            choice = matcher.answer(resolved, answer)
            if choice is None:
                bad("responses-unknown-answer", unknown_answer(matcher, resolved, answer), "answer")
                continue
        out.append(Response(labeler, resolved, choice, line, table.name))
    return out
