"""Data for the practice quiz page: every example that may be quizzed, ready for assets/practice.js.

The page embeds `practice_page_data(...)` with `embed_script(...)` and loads practice.js,
which runs the quiz in the browser with no server and no other request. Everything the
script shows, UI strings included, comes from this data, so the page can be Bengali.

On a translation's site the page offers only what reads as written in that language: an
example whose translation is current, of a rule whose translation is current. A learner
practising in Bengali must not be trained on English stand-ins, nor on a Bengali text that
no longer says what the English in force says (`labelbook quiz --lang` keeps such items,
in the English, with a warning to the trainer who chose them).
"""

from __future__ import annotations

from importlib import resources

from labelbook.core.html import escape, render_markdown, script_json
from labelbook.core.model import Example, Repo
from labelbook.quiz import i18n
from labelbook.quiz.items import make_item
from labelbook.quiz.select import eligible

#: the id of the <script type="application/json"> the page script reads
DATA_ID = "lb-practice-data"
#: the id of the element the quiz is drawn in (created after the data script when absent)
ROOT_ID = "lb-practice"


def practice_items(repo: Repo, lang: str, version: str, *, current_only: bool = False) -> list[dict]:
    """One item per quizzable example (sorted by id), in `lang`; with `current_only`, only
    those that `reads_as_written` in `lang`.

    Each is a quiz item (schemas/quiz.schema.json) plus what a page needs to show it:
    `content` without the warning, `warning` for sensitive items (the page collapses the
    example behind it), `notice` when the English stands in for a translation that is not
    current, `modality_label`, and `rationale_html` (the Markdown rendered, raw HTML shown as
    text, sanitised: practice.js still copies only plain formatting out of it).
    Rule links (`feedback.rule_url`) are relative to the version root: `bn/hate-speech/HS-001/`.
    """
    out = []
    for ex in eligible(repo):
        if current_only and not reads_as_written(repo, ex, lang):
            continue
        warnings: list[str] = []
        item = make_item(repo, ex, lang, version=version, options=5, seed="practice", site_url=None, warnings=warnings)
        english = bool(warnings)  # make_item warns exactly when it fell back to the English text
        warning = i18n.t(lang, "content_warning", area=repo.policy.term_title("areas", item["area"], lang)) if ex.sensitive else None
        content = item["question"]
        if warning and content.startswith(warning):
            content = content[len(warning):].lstrip()
        item.update(
            content=content,
            content_lang=repo.policy.source_language if english else lang,
            warning=warning,
            notice=i18n.source_notice(lang, repo.policy.source_language) if english else None,
            modality_label=i18n.modality(lang, ex.modality),
            rationale_html=render_markdown(item["feedback"]["rationale"], allow_html=False),
        )
        out.append(item)
    return out


def reads_as_written(repo: Repo, ex: Example, lang: str) -> bool:
    """True when `ex` and its rule are in `lang` as written: the source language, or current
    translations of both (the translation states of `labelbook check`)."""
    if lang == repo.policy.source_language:
        return True
    rule = repo.rules.get(ex.rule)
    return rule is not None and repo.example_state(ex, lang) == "current" and repo.rule_state(rule, lang) == "current"


def practice_page_data(repo: Repo, lang: str, version: str, root: str, count: int = 10, *, current_only: bool = False) -> dict:
    """Everything practice.js needs. `root`: the href from the practice page to the version
    root (for `<version>/bn/practice/`, "../../"), so rule links resolve from the page.
    `current_only`: only the examples that `reads_as_written` in `lang`; `left_out` counts
    the quizzable others."""
    items = practice_items(repo, lang, version, current_only=current_only)
    return {
        "lang": lang,
        "version": version,
        "root": root,
        "count": count,
        "shuffle": True,
        "strings": i18n.strings(lang),
        "items": items,
        "left_out": len(eligible(repo)) - len(items),
    }


def embed_script(data: dict) -> str:
    """`<script type="application/json" id="lb-practice-data">` holding `data`.

    No example text can close the script element or open a comment, whatever it quotes
    (`labelbook.core.html.script_json`).
    """
    return f'<script type="application/json" id="{escape(DATA_ID)}">{script_json(data)}</script>'


def asset_text(name: str) -> str:
    """The text of a shipped asset: 'practice.js' or 'practice.css'."""
    return resources.files("labelbook").joinpath("assets", name).read_text("utf-8")
