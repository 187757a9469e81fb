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

from typing import TYPE_CHECKING

from labelbook.core import lazy
from labelbook.score.settings import FROM

if TYPE_CHECKING:
    from labelbook.score.inputs import Read, read_all
    from labelbook.score.quizfile import Quiz, load_quiz
    from labelbook.score.report import Report, build
    from labelbook.score.responses import Response, read_responses

#: The report's formats, and the module and function that render each.
_RENDERERS = {
    "text": ("labelbook.score.textout", "render_text"),
    "md": ("labelbook.score.textout", "render_md"),
    "html": ("labelbook.score.htmlout", "render_html"),
    "json": ("labelbook.score.jsonout", "render_json"),
}
FORMATS = tuple(_RENDERERS)

# The public names, imported on first use: the command line imports this package for
# `score`'s options and help, and every other command would pay 40 ms for the scoring modules.
_LAZY = {
    "Read": "labelbook.score.inputs",
    "read_all": "labelbook.score.inputs",
    "Quiz": "labelbook.score.quizfile",
    "load_quiz": "labelbook.score.quizfile",
    "Report": "labelbook.score.report",
    "build": "labelbook.score.report",
    "Response": "labelbook.score.responses",
    "read_responses": "labelbook.score.responses",
}


def render(report: Report, fmt: str) -> str:
    rendered: str = lazy.call(_RENDERERS[fmt], report)
    return rendered


__getattr__ = lazy.loader(globals(), "labelbook.score", _LAZY, _RENDERERS)


__all__ = ["FORMATS", "FROM", "Quiz", "Read", "Report", "Response", "build", "load_quiz", "read_all", "read_responses", "render"]
