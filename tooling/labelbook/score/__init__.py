"""Calibration scoring: a quiz + its responses -> accuracy, agreement and the rules that confuse people.

Plain Python that knows nothing of the CLI or MkDocs:

    quiz = load_quiz(Path("quiz.json"))
    responses = read_responses(Path("responses.csv"), quiz)
    text = render(build(quiz, responses, "responses.csv"), "md")

Responses come back from an LMS too: `read_all(["report.xlsx"], quiz)` reads Moodle's
Responses report, QTI 2.1 result files (or a folder or zip of them) and labelbook's CSV,
telling them apart by content (see `inputs`).
"""

from __future__ import annotations

from typing import Callable

from labelbook.score.htmlout import render_html
from labelbook.score.inputs import FROM, Read, read_all
from labelbook.score.jsonout import render_json
from labelbook.score.quizfile import Quiz, load_quiz
from labelbook.score.report import Report, build
from labelbook.score.responses import Response, read_responses
from labelbook.score.textout import render_md, render_text

RENDERERS: dict[str, Callable[[Report], str]] = {
    "text": render_text,
    "md": render_md,
    "html": render_html,
    "json": render_json,
}
FORMATS = tuple(RENDERERS)


def render(report: Report, fmt: str) -> str:
    return RENDERERS[fmt](report)


__all__ = ["FORMATS", "FROM", "Quiz", "Read", "Report", "Response", "build", "load_quiz", "read_all", "read_responses", "render"]
