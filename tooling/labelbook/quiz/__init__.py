"""Calibration quizzes: a repository -> quiz items -> exporters (json, csv, gift, moodle-xml, qti).

Plain Python that knows nothing of MkDocs or the CLI; `labelbook quiz` (cli_quiz.py) and
the site's practice page (practice.py) are the two callers.
"""

from __future__ import annotations

from labelbook.quiz.build import Quiz, build_quiz
from labelbook.quiz.settings import QuizSettings

__all__ = ["Quiz", "QuizSettings", "build_quiz", "export", "FORMATS"]

FORMATS = ("json", "csv", "gift", "moodle-xml", "qti")


def export(quiz: dict, fmt: str) -> bytes:
    """The quiz in `fmt`, as the bytes to write: every format is made from the canonical JSON."""
    from labelbook.quiz import export_csv, export_gift, export_json, export_moodle, export_qti

    renderers = {
        "json": export_json.render,
        "csv": export_csv.render,
        "gift": export_gift.render,
        "moodle-xml": export_moodle.render,
        "qti": export_qti.render,
    }
    return renderers[fmt](quiz)
