"""Read Moodle's quiz Responses report (Results > Responses > Download, CSV or Excel).

What Moodle writes (mod/quiz/report/responses, attempts_report): one row per attempt;
"Last name", "First name" and the site's identity fields ("ID number", "Username",
"Email address"...); "State", "Started on", "Completed", "Time taken", "Grade/N"; then,
per question slot N and as the trainer ticked them, "Question N" (the question as plain
text, then ': ' and the options joined by '; '), "Response N" (the chosen option's text,
'-' when not answered) and "Right answer N". Headers are Moodle's English ones.

A slot's question is found by its text (`Matcher.by_question`), so random or shuffled
question order in Moodle does not matter, and the report must show the question text.
The labeler is the first identity column present (ID number, Username, Email address,
else first and last name), or the one named with --labeler-column. Attempts that are not
finished are left out with a warning; a second attempt by the same person at the same
question is an error, since averaging attempts would skew the figures.
"""

from __future__ import annotations

import re

from labelbook.core.problems import Pos, Problem, error, warning
from labelbook.score.match import Matcher
from labelbook.score.responses import Response, collected, unknown_answer
from labelbook.score.table import Table, fail, norm

#: Identity columns, preferred first (their English headers in Moodle).
IDENTITY = ("id number", "username", "email address")
NAMES = ("first name", "last name")
#: States (col_state: quiz_attempt::state_name) of attempts whose answers are not final.
UNFINISHED = {"in progress", "overdue", "never submitted"}
#: A cell with no answer, no attempt or no question in that slot.
NONE = {"", "-"}
_SLOT = re.compile(r"^(question|response|right answer)\s+(\d+)$")


def is_report(header: list[str]) -> bool:
    return any((m := _SLOT.match(norm(h).casefold())) and m.group(1) == "response" for h in header)


def _layout(table: Table, labeler_column: str | None) -> tuple[list[int], dict[int, dict[str, int]], int | None]:
    """(labeler columns, slot -> {question|response|right answer: column}, state column)."""
    header = [norm(h).casefold() for h in table.header]
    slots: dict[int, dict[str, int]] = {}
    for i, h in enumerate(header):
        if m := _SLOT.match(h):
            slots.setdefault(int(m.group(2)), {})[m.group(1)] = i
    pos = Pos(table.name, table.header_line)
    if not any("response" in s for s in slots.values()):
        raise collected(table.name, [error(pos, "moodle-no-responses",
                        "no 'Response N' columns: download the quiz's Responses report with 'Response' ticked")])
    if not all("question" in s for s in slots.values() if "response" in s):
        raise collected(table.name, [error(pos, "moodle-no-question-text",
                        "no 'Question N' columns: questions are matched by their text, so download the Responses report "
                        "again with 'Question text' ticked (and 'Response', optionally 'Right answer')")])
    if labeler_column:
        wanted = norm(labeler_column).casefold()
        if wanted not in header:
            raise collected(table.name, [error(pos, "moodle-no-labeler-column",
                            f"--labeler-column {labeler_column!r}: no such column; the header has: {', '.join(table.header)}")])
        who = [header.index(wanted)]
    elif found := [c for c in IDENTITY if c in header]:
        who = [header.index(found[0])]
    elif all(c in header for c in NAMES):
        who = [header.index(c) for c in NAMES]
    else:
        raise collected(table.name, [error(pos, "moodle-no-labeler-column",
                        "no column names the labeler: expected one of ID number, Username, Email address, or First name and "
                        "Last name (Moodle's English headers); or name the column with --labeler-column")])
    return who, slots, header.index("state") if "state" in header else None


def read_report(table: Table, matcher: Matcher, labeler_column: str | None = None) -> tuple[list[Response], list[Problem]]:
    """The responses of a Moodle Responses report and its warnings; ContentError lists every bad cell."""
    reader = _Reader(table, matcher, *_layout(table, labeler_column))
    for line, row in table.rows:
        if any(cell.strip() for cell in row):
            reader.row(line, row + [""] * (reader.width - len(row)))
    if not reader.out and not reader.problems:
        reader.problems.append(error(Pos(table.name, table.header_line), "responses-empty", "no finished attempt in the report: nothing to score"))
    if reader.problems:
        raise collected(table.name, reader.problems)
    return reader.out, reader.warnings


class _Reader:
    """One pass over the attempts, collecting responses, problems and warnings."""

    def __init__(self, table: Table, matcher: Matcher, who: list[int], slots: dict[int, dict[str, int]], state: int | None) -> None:
        self.table, self.matcher, self.who, self.slots, self.state = table, matcher, who, slots, state
        self.width = max([*who, *(c for s in slots.values() for c in s.values()), state or 0]) + 1
        self.out: list[Response] = []
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []
        self.first_seen: dict[tuple[str, str], int] = {}

    def row(self, line: int, row: list[str]) -> None:
        labeler = " ".join(norm(row[c]) for c in self.who if norm(row[c]))
        if self.state is not None:
            status = norm(row[self.state])
            if status in NONE:
                return  # a user listed without an attempt
            if status.casefold() in UNFINISHED:
                self.warnings.append(warning(self.table.pos(line, self.state), "moodle-attempt-unfinished",
                                             f"the attempt of {labeler or 'this row'} is '{status}', not finished: left out"))
                return
        if not labeler:
            self.problems.append(error(self.table.pos(line, self.who[0]), "moodle-no-labeler",
                                       f"no labeler: the cell '{self.table.header[self.who[0]]}' is empty"))
            return
        for n in sorted(self.slots):
            if "response" in self.slots[n]:
                self.slot(line, row, labeler, n, self.slots[n])

    def slot(self, line: int, row: list[str], labeler: str, n: int, cols: dict[str, int]) -> None:
        table, matcher = self.table, self.matcher
        question = norm(row[cols["question"]])
        if question in NONE:
            return  # no question in this slot of this attempt
        found = matcher.by_question(question)
        if len(found) != 1:
            self.problems.append(_no_item(table, line, cols["question"], n, question, found, matcher))
            return
        item = found[0]
        if (labeler, item) in self.first_seen:
            self.problems.append(error(table.pos(line, self.who[0]), "responses-duplicate",
                                       f"labeler {labeler!r} answered item {item!r} twice (first at row {self.first_seen[(labeler, item)]}); "
                                       "Moodle lists every attempt: download with 'Show at most one finished attempt per user' ticked, "
                                       "or delete a row"))
            return
        self.first_seen[(labeler, item)] = line
        key = matcher.items[item].key
        right = norm(row[cols["right answer"]]) if "right answer" in cols else "-"
        if right not in NONE and matcher.answer(item, right) != key:
            self.problems.append(error(table.pos(line, cols["right answer"]), "moodle-key-mismatch",
                                       f"Right answer {n} is {right!r}, but the key of item {item!r} in quiz {matcher.quiz.path} is "
                                       f"{matcher.shown(item, key)}: the question in Moodle is not this quiz's (relabelled since?); "
                                       "score with the quiz file that was imported"))
            return
        answer = norm(row[cols["response"]])
        choice = None if answer in NONE else matcher.answer(item, answer)
        if answer not in NONE and choice is None:
            self.problems.append(error(table.pos(line, cols["response"]), "responses-unknown-answer", unknown_answer(matcher, item, answer)))
            return
        self.out.append(Response(labeler, item, choice, line, table.name))


def _no_item(table: Table, line: int, col: int, n: int, question: str, found: list[str], matcher: Matcher) -> Problem:
    start = " ".join(question.split())[:80]
    if found:
        return error(table.pos(line, col), "moodle-ambiguous-question",
                     f"Question {n} holds the question of {len(found)} items ({', '.join(found)}) equally: '{start}…'; "
                     "their questions are the same text, so the report cannot tell them apart")
    return error(table.pos(line, col), "moodle-unknown-question",
                 f"Question {n} is not a question of quiz {matcher.quiz.path}: '{start}…'; "
                 "is this the report of the quiz made from that file?")


def check_not_report(table: Table) -> None:
    """For --from csv given a Moodle report: say so instead of listing missing columns."""
    if is_report(table.header):
        raise fail(table.name, table.header_line, "responses-format",
                   "this is a Moodle Responses report, not labelbook's CSV: use --from moodle, or leave --from out")
