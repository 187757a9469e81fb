"""Data for the practice quiz page: every example that may be quizzed, ready for assets/practice.js.

The page embeds `practice_page_data(...)` with `embed_script(...)` and loads practice.js,
which runs the quiz in the browser with no server and no other request. Everything the
script shows, UI strings included, comes from this data, so the page can be Bengali.
"""

from __future__ import annotations

from importlib import resources

from labelbook.core.html import escape, render_markdown, script_json
from labelbook.core.model import Repo
from labelbook.quiz import i18n
from labelbook.quiz.items import make_item
from labelbook.quiz.select import eligible

#: the id of the <script type="application/json"> the page script reads
DATA_ID = "lb-practice-data"
#: the id of the element the quiz is drawn in (created after the data script when absent)
ROOT_ID = "lb-practice"


def practice_items(repo: Repo, lang: str, version: str) -> list[dict]:
    """One item per quizzable example (sorted by id), in `lang`.

    Each is a quiz item (schemas/quiz.schema.json) plus what a page needs to show it:
    `content` without the warning, `warning` for sensitive items (the page collapses the
    example behind it), `notice` when the English stands in for a translation that is not
    current, `modality_label`, and `rationale_html` (the Markdown rendered, raw HTML shown as
    text, sanitised: practice.js still copies only plain formatting out of it).
    Rule links (`feedback.rule_url`) are relative to the version root: `bn/hate-speech/HS-001/`.
    """
    out = []
    for ex in eligible(repo):
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


def practice_page_data(repo: Repo, lang: str, version: str, root: str, count: int = 10) -> dict:
    """Everything practice.js needs. `root`: the href from the practice page to the version
    root (for `<version>/bn/practice/`, "../../"), so rule links resolve from the page."""
    return {
        "lang": lang,
        "version": version,
        "root": root,
        "count": count,
        "shuffle": True,
        "strings": i18n.strings(lang),
        "items": practice_items(repo, lang, version),
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
