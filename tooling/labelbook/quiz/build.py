"""A repository and settings -> the canonical quiz (schemas/quiz.schema.json) and its warnings."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from labelbook.core.model import Repo
from labelbook.core.problems import UsageError
from labelbook.core.schema import fast_check, validator
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
    _check_site_url(s.site_url)
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
    fast = fast_check("quiz")  # jsonschema only to explain a rejection: it costs a tenth of a quiz
    errors = [] if fast is not None and fast(data) else sorted(validator("quiz").iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        raise AssertionError(f"labelbook made a quiz its own schema rejects: {errors[0].message}")
    return Quiz(data, warnings)


#: White space or a control character: browsers drop some of them, so `java\tscript:` runs.
_NOT_IN_URL = re.compile(r"[\s\x00-\x1f\x7f]")


def _check_site_url(url: str | None) -> None:
    """The rule links land in every LMS the quiz goes to: only an http(s) URL may start them."""
    if url is None:
        return
    parts = urlsplit(url)
    if _NOT_IN_URL.search(url) or parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise UsageError(
            f"--site-url {url!r}: not an http(s) URL; give the published site's address for this version, "
            "e.g. https://guides.example.org/1.3.0"
        )


def _decision(repo: Repo, id: str, lang: str) -> dict:
    out = {"id": id, "title": repo.policy.term_title("decisions", id, lang)}
    description = repo.policy.term_description("decisions", id, lang)
    if description:
        out["description"] = description
    # An LMS report names the chosen option by its title; the scorer accepts it in the quiz's
    # language or the source language, whichever the LMS showed.
    languages = dict.fromkeys([repo.policy.source_language, lang])
    out["titles"] = {code: repo.policy.term_title("decisions", id, code) for code in languages}
    return out
