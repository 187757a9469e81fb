"""A repository and settings -> the canonical quiz (schemas/quiz.schema.json) and its warnings."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field

from labelbook.core.model import Repo
from labelbook.core.schema import validator
from labelbook.quiz.items import make_item
from labelbook.quiz.select import select
from labelbook.quiz.settings import QuizSettings

FORMAT = "labelbook-quiz"
FORMAT_VERSION = 1


@dataclass
class Quiz:
    data: dict
    #: things the trainer should know (English text in a Bengali quiz...), one line each
    warnings: list[str] = field(default_factory=list)


def build_quiz(repo: Repo, s: QuizSettings, changed: Collection[str] | None = None) -> Quiz:
    """The quiz for `s`. `changed`: example ids allowed by --since (None: no such filter)."""
    warnings: list[str] = []
    picked = select(repo, s, changed)
    policy = repo.policy
    title = policy.title
    if s.lang != policy.source_language:
        tr = policy.translations.get(s.lang)
        title = (tr.title if tr else None) or title
    data = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "guideline": {"id": policy.id, "title": title, "version": s.version, "site_url": s.site_url},
        "lang": s.lang,
        "settings": s.as_json(),
        "decisions": [
            _decision(repo, d.id, s.lang) for d in policy.decisions
        ],
        "items": [
            make_item(repo, ex, s.lang, version=s.version, options=s.options, seed=s.seed,
                      site_url=s.site_url, warnings=warnings)
            for ex in picked
        ],
    }
    # The scorer and every exporter trust this shape: a bug here must not reach a trainer.
    errors = sorted(validator("quiz").iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        raise AssertionError(f"labelbook made a quiz its own schema rejects: {errors[0].message}")
    return Quiz(data, warnings)


def _decision(repo: Repo, id: str, lang: str) -> dict:
    out = {"id": id, "title": repo.policy.term_title("decisions", id, lang)}
    description = repo.policy.term_description("decisions", id, lang)
    if description:
        out["description"] = description
    return out
