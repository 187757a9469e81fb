"""Problems found in a guideline repository, and the exceptions of labelbook.

Every check returns `Problem`s instead of raising, so one run reports all of them.
Exceptions are for what stops a command outright (a bad option, a missing ref).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Iterable, Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Pos:
    """A place in a repository file: path relative to the repo root, 1-based line and column."""

    path: str
    line: int = 1
    col: int = 1


#: Control characters shown escaped, so that user text quoted in a message (a key such as
#: "a\rb") cannot break the one-line-per-problem format.
_ESCAPES = {c: f"\\x{c:02x}" for c in [*range(0x20), 0x7F, 0x85]}
_ESCAPES.update({ord("\n"): "\\n", ord("\r"): "\\r", ord("\t"): "\\t", 0x2028: "\\u2028", 0x2029: "\\u2029"})


@dataclass(frozen=True)
class Problem:
    pos: Pos
    severity: Severity
    code: str
    message: str

    def sort_key(self) -> tuple:
        return (self.pos.path, self.pos.line, self.pos.col, self.code, self.message)

    def as_text(self) -> str:
        p = self.pos
        line = f"{p.path}:{p.line}:{p.col}: {self.severity}[{self.code}]: {self.message}"
        return line.translate(_ESCAPES)

    def as_dict(self) -> dict:
        p = self.pos
        return {
            "path": p.path,
            "line": p.line,
            "col": p.col,
            "severity": self.severity,
            "code": self.code,
            "message": self.message,
        }


def error(pos: Pos, code: str, message: str) -> Problem:
    return Problem(pos, "error", code, message)


def warning(pos: Pos, code: str, message: str) -> Problem:
    return Problem(pos, "warning", code, message)


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """' (did you mean 'x'?)' when a candidate is close to `word`, else ''."""
    candidates = list(candidates)
    close = difflib.get_close_matches(word, candidates, n=1, cutoff=0.6)
    if not close:  # 'bulying' for 'bullying-harassment': compare with the first part of slugs
        heads = {c.split("-")[0]: c for c in candidates if "-" in c}
        near = difflib.get_close_matches(word, list(heads), n=1, cutoff=0.75)
        close = [heads[near[0]]] if near else []
    return f" (did you mean '{close[0]}'?)" if close else ""


class LabelbookError(Exception):
    """Root of labelbook's exceptions; the CLI prints the message and exits with `exit_code`."""

    exit_code = 1


class UsageError(LabelbookError):
    """The command was used wrongly: a bad option, a missing file, an unknown ref."""

    exit_code = 2


class ContentError(LabelbookError):
    """The repository's content has errors, so the requested output cannot be made."""

    exit_code = 1

    def __init__(self, message: str, problems: list[Problem] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []
