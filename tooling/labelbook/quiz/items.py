"""One quiz item from one example: question, options, key and feedback, in the quiz language.

An item is a plain dict shaped by schemas/quiz.schema.json, so every exporter, the scorer
and the practice page read the same thing.
"""

from __future__ import annotations

import random

from labelbook.core.checks import language_name
from labelbook.core.model import Example, Repo, Rule
from labelbook.quiz import i18n


def rule_path(repo: Repo, rule: Rule, lang: str) -> str:
    """The rule page's path from the version root: `<area>/<RULE>/`, under `<lang>/` for a translation."""
    prefix = "" if lang == repo.policy.source_language else f"{lang}/"
    return f"{prefix}{rule.area}/{rule.id}/"


def rule_url(repo: Repo, rule: Rule, lang: str, site_url: str | None) -> str:
    path = rule_path(repo, rule, lang)
    return f"{site_url.rstrip('/')}/{path}" if site_url else path


def option_ids(repo: Repo, ex: Example, limit: int, seed: int | str) -> list[str]:
    """The decisions an item offers, in taxonomy order.

    All of them when the taxonomy is small enough. Otherwise the label, its distractors
    and the decisions of related rules (the confusions people really make), filled up to
    `limit` with other decisions drawn by a generator seeded per example, so an item's
    options do not depend on which other items were picked.
    """
    taxonomy = [d.id for d in repo.policy.decisions]
    if len(taxonomy) <= limit:
        return taxonomy
    wanted = [ex.label, *ex.distractors]
    rule = repo.rules.get(ex.rule)
    for rel in rule.related if rule else []:
        if rel in repo.rules:
            wanted.append(repo.rules[rel].decision)
    chosen: list[str] = []
    for d in wanted:
        if d in taxonomy and d not in chosen and len(chosen) < limit:
            chosen.append(d)
    rest = [d for d in taxonomy if d not in chosen]
    random.Random(f"labelbook-options:{seed}:{ex.id}").shuffle(rest)
    chosen += rest[: limit - len(chosen)]
    return [d for d in taxonomy if d in chosen]


def _texts(repo: Repo, ex: Example, lang: str, warnings: list[str]) -> tuple[str, str]:
    """(content, rationale) in `lang`; the English when the translation is not current."""
    if lang == repo.policy.source_language:
        return ex.content, ex.rationale
    state = repo.example_state(ex, lang)
    if state == "current":
        tr = ex.translations[lang]
        return tr.content, tr.rationale or ex.rationale
    warnings.append(f"{ex.id}: the {language_name(lang)} translation is {state}; the item uses the English text")
    return ex.content, ex.rationale


def _rule_title(repo: Repo, rule: Rule, lang: str) -> str:
    # A stale title may name an old threshold: the English is authoritative then.
    if lang != repo.policy.source_language and repo.rule_state(rule, lang) == "current":
        return rule.translations[lang].title or rule.title
    return rule.title


def make_item(repo: Repo, ex: Example, lang: str, *, version: str, options: int, seed: int | str,
              site_url: str | None, warnings: list[str]) -> dict:
    """The item for `ex`; problems worth telling the trainer are appended to `warnings`."""
    rule = repo.rules[ex.rule]
    content, rationale = _texts(repo, ex, lang, warnings)
    question = content.strip()
    if ex.sensitive:
        # An LMS cannot blur: the warning is the first thing the learner reads.
        area = repo.policy.term_title("areas", rule.area, lang)
        question = f"{i18n.t(lang, 'content_warning', area=area)}\n\n{question}"
    return {
        "id": ex.id,
        "rule": rule.id,
        "area": rule.area,
        "version": version,
        "fingerprint": ex.fingerprint,
        "modality": ex.modality,
        "difficulty": ex.difficulty,
        "sensitive": ex.sensitive,
        "question": question,
        "options": [
            {"id": d, "text": repo.policy.term_title("decisions", d, lang)}
            for d in option_ids(repo, ex, options, seed)
        ],
        "key": ex.label,
        "feedback": {
            "rationale": rationale.strip(),
            "rule_title": _rule_title(repo, rule, lang),
            "rule_url": rule_url(repo, rule, lang, site_url),
        },
    }
