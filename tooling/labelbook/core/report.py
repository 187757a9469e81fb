"""Reporters for problems: text lines, JSON, GitHub workflow annotations."""

from __future__ import annotations

import json
from typing import Iterable

from labelbook.core.problems import Problem

FORMATS = ("text", "json", "github")


def _escape_data(s: str) -> str:
    # GitHub's workflow-command escaping for the message part
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(s: str) -> str:
    return _escape_data(s).replace(":", "%3A").replace(",", "%2C")


def render(problems: Iterable[Problem], fmt: str) -> str:
    problems = list(problems)
    if fmt == "json":
        return json.dumps([p.as_dict() for p in problems], ensure_ascii=False, indent=2) + "\n"
    if fmt == "github":
        lines = [
            f"::{p.severity} file={_escape_property(p.pos.path)},line={p.pos.line},col={p.pos.col}"
            f"::{_escape_data(f'{p.code}: {p.message}')}"
            for p in problems
        ]
    else:
        lines = [p.as_text() for p in problems]
    return "".join(line + "\n" for line in lines)


def summary(problems: list[Problem], files: int) -> str:
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    if not problems:
        return f"labelbook: {files} files checked, no problems"

    def n(k: int, word: str) -> str:
        return f"{k} {word}{'' if k == 1 else 's'}"

    return f"labelbook: {files} files checked: {n(errors, 'error')}, {n(warnings, 'warning')}"
