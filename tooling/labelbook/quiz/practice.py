"""Data for the practice quiz page: every example that may be quizzed, ready for assets/practice.js.

The page embeds `practice_page_data(...)` with `embed_script(...)` (or, where the text is
put in later, `data_element(script_json(...))`) and loads practice.js, which runs the quiz
in the browser with no server and no other request. Everything the script shows, UI
strings included, comes from this data, so the page can be Bengali.

The data is most of the page, and every version of a versioned site has the page in every
language, read on mobile data: each text is in it once. What many items share (a decision's
title, a rule's title and link, an area's content warning, a modality's name, the notice
for English stand-ins) is given once at the top level, and an item names it by id.

On a translation's site the page offers only what reads as written in that language: an
example whose translation is current, of a rule whose translation is current. A learner
practising in Bengali must not be trained on English stand-ins, nor on a Bengali text that
no longer says what the English in force says (`labelbook quiz --lang` keeps such items,
in the English, with a warning to the trainer who chose them).
"""

from __future__ import annotations

from importlib import resources
from typing import Any

from labelbook.core.html import escape, render_markdown, script_json
from labelbook.core.model import Example, Repo
from labelbook.quiz import i18n
from labelbook.quiz.items import make_item
from labelbook.quiz.select import eligible
from labelbook.quiz.settings import QuizSettings

#: the id of the <script type="application/json"> the page script reads
DATA_ID = "lb-practice-data"
#: the id of the element the quiz is drawn in (created after the data script when absent)
ROOT_ID = "lb-practice"
#: Decisions an item offers at most: what `labelbook quiz` offers by default.
OPTIONS = QuizSettings.options


def practice_page_data(repo: Repo, lang: str, version: str, root: str, count: int = 10, *,
                       current_only: bool = False, options: int = OPTIONS) -> dict[str, Any]:
    """Everything practice.js needs, in `lang`.

    `root`: the href from the practice page to the version root (for `<version>/bn/practice/`,
    "../../"): rule links (`rules[id]["url"]`, `bn/hate-speech/HS-001/`) are relative to it.
    `current_only`: only the examples that `reads_as_written` in `lang`; `left_out` counts
    the quizzable others.

    One item per example (sorted by id), the quiz item of `labelbook quiz` (quiz.items) cut
    to what the page shows: `content` (without the content warning), `rationale_html` (the
    Markdown rendered, raw HTML shown as text, sanitised: practice.js still copies only plain
    formatting out of it), `key`, and by id its `rule` and `modality`. `options` (decision ids,
    in the order shown) only when they are not the top-level `options`; `sensitive` (the page
    collapses the example behind its area's entry in `content_warnings`) and `fallback` (the
    text is the source language's, `source_lang`, with `notice`) only when true.
    """
    source = repo.policy.source_language
    decisions = [d.id for d in repo.policy.decisions]
    data: dict[str, Any] = {
        "lang": lang,
        "version": version,
        "root": root,
        "count": count,
        "shuffle": True,
        "strings": i18n.strings(lang),
        "decisions": {d: repo.policy.term_title("decisions", d, lang) for d in decisions},
        "options": decisions,
        "rules": {},
        "modalities": {},
        "content_warnings": {},
        "source_lang": source,
        "notice": None if lang == source else i18n.source_notice(lang, source),
        "items": [],
    }
    quizzable = eligible(repo)
    for ex in quizzable:
        if not current_only or reads_as_written(repo, ex, lang):
            data["items"].append(_page_item(repo, ex, lang, version, options, data))
    data["left_out"] = len(quizzable) - len(data["items"])
    return data


def _page_item(repo: Repo, ex: Example, lang: str, version: str, options: int, data: dict[str, Any]) -> dict[str, Any]:
    """The page's item for `ex`; what it shares with other items goes into `data` once."""
    stand_in: list[str] = []
    # The same item `labelbook quiz` exports: the page teaches what the LMS will ask.
    item = make_item(repo, ex, lang, version=version, options=options, seed="practice", site_url=None, warnings=stand_in)
    rule = repo.rules[ex.rule]
    feedback = item["feedback"]
    data["rules"].setdefault(rule.id, {"area": rule.area, "title": feedback["rule_title"], "url": feedback["rule_url"]})
    data["modalities"].setdefault(ex.modality, i18n.modality(lang, ex.modality))
    content = item["question"]
    out: dict[str, Any] = {"id": ex.id, "rule": rule.id, "key": item["key"], "modality": ex.modality}
    if ex.sensitive:
        area = repo.policy.term_title("areas", rule.area, lang)
        warning = data["content_warnings"].setdefault(rule.area, i18n.t(lang, "content_warning", area=area))
        if content.startswith(warning):  # the page shows the warning itself, in front of the collapsed text
            content = content[len(warning):].lstrip()
        out["sensitive"] = True
    ids = [o["id"] for o in item["options"]]
    if ids != data["options"]:
        out["options"] = ids
    if stand_in:  # make_item warns exactly when it fell back to the source text
        out["fallback"] = True
    out["content"] = content
    out["rationale_html"] = render_markdown(feedback["rationale"], allow_html=False)
    return out


def reads_as_written(repo: Repo, ex: Example, lang: str) -> bool:
    """True when `ex` and its rule are in `lang` as written: the source language, or current
    translations of both (the translation states of `labelbook check`)."""
    if lang == repo.policy.source_language:
        return True
    rule = repo.rules.get(ex.rule)
    return rule is not None and repo.example_state(ex, lang) == "current" and repo.rule_state(rule, lang) == "current"


def embed_script(data: dict) -> str:
    """`<script type="application/json" id="lb-practice-data">` holding `data`.

    No example text can close the script element or open a comment, whatever it quotes
    (`labelbook.core.html.script_json`).
    """
    return data_element(script_json(data))


def data_element(json_text: str) -> str:
    """`embed_script` of data already made `script_json` text (or of a stand-in for it)."""
    return f'<script type="application/json" id="{escape(DATA_ID)}">{json_text}</script>'


def asset_text(name: str) -> str:
    """The text of a shipped asset: 'practice.js' or 'practice.css'."""
    return resources.files("labelbook").joinpath("assets", name).read_text("utf-8")
