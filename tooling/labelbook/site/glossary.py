"""The terminology glossary on the decisions page (issue 15).

`locales/<lang>/glossary.yaml` of the guideline repository (read by `core.glossary`, which
`labelbook check` enforces) says which term a translation uses for each source term, and
which variants it does not. Labelers meet those terms on every page, and translators read
the site too: the decisions page shows the glossary of its own language on a translation's
site, and every translation language's on the source language's site.
"""

from __future__ import annotations

import logging
from pathlib import Path

from labelbook.core.glossary import GLOSSARY_PATH, Term, load_glossary
from labelbook.core.i18n import display_name
from labelbook.core.model import Repo
from labelbook.core.sources import WorkingTree
from labelbook.site.context import PageContext
from labelbook.site.markup import heading, html_block, tag, text

log = logging.getLogger("mkdocs.plugins.labelbook")

#: The id of the section's heading, the same in every language (links keep working).
ANCHOR = "glossary"


def site_glossaries(root: Path, repo: Repo, lang: str) -> dict[str, list[Term]]:
    """Translation language -> its glossary's terms, for the site in `lang`; a language
    without a glossary (or with a broken one) has no entry."""
    source = repo.policy.source_language
    out = {}
    for code in repo.policy.target_languages if lang == source else [lang]:
        terms = _read(root, code)
        if terms:
            out[code] = terms
    return out


def _read(root: Path, lang: str) -> list[Term]:
    path = GLOSSARY_PATH.format(lang=lang)
    # Read as `labelbook check` reads it, and never through a link: the site publishes
    # only what is in the repository.
    if any((root / folder).is_symlink() for folder in ("locales", f"locales/{lang}")):
        return []
    try:
        data = WorkingTree(root).read(path)
    except OSError:  # absent, a link, not a plain file
        return []
    terms, problems = load_glossary(data, path)
    if problems:
        # The working tree's check stops the build on them; a release is built as it was.
        log.info(f"labelbook: {path} has problems ({problems[0].as_text()}); the decisions page shows no glossary")
        return []
    return terms


def glossary_blocks(ctx: PageContext) -> list[str]:
    """The glossary section of the decisions page: a heading, a sentence, a table per language."""
    if not ctx.glossaries:
        return []
    t = ctx.t
    blocks = [heading(2, t._("Glossary"), ANCHOR)]
    several = len(ctx.glossaries) > 1
    for code, terms in ctx.glossaries.items():
        language = display_name(code, ctx.lang)
        if several:
            blocks.append(heading(3, language, f"{ANCHOR}-{code}"))
        intro = t._("The {language} translation of these guidelines uses the terms below, and not the variants beside them.")
        blocks.append(html_block(tag("p", text(intro.format(language=language)), class_="lb-glossary-intro")))
        blocks.append(html_block(_table(ctx, code, terms)))
    return blocks


def _table(ctx: PageContext, code: str, terms: list[Term]) -> str:
    t = ctx.t
    source = ctx.source_language
    names = {"source": display_name(source, ctx.lang), "language": display_name(code, ctx.lang)}
    head = "".join(
        tag("th", text(label))
        for label in (
            t._("{source} term").format(**names),
            t._("{language} term to use").format(**names),
            t._("Variants not to use"),
            t._("Usage note"),
        )
    )
    # Each cell in its own language: the source term and the note (written for translators,
    # in the source language) are marked where the page is in another.
    source_lang = source if ctx.lang != source else None
    term_lang = code if ctx.lang != code else None
    rows = "".join(
        tag(
            "tr",
            tag("td", text(term.en), class_="lb-glossary-source", lang=source_lang)
            + tag("td", text(term.target), class_="lb-glossary-term", lang=term_lang)
            + tag("td", text(", ".join(term.avoid)), class_="lb-glossary-avoid", lang=term_lang if term.avoid else None)
            + tag("td", text(term.note), class_="lb-glossary-note", lang=source_lang if term.note else None),
        )
        for term in terms
    )
    table = f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
    return tag("div", table, class_="lb-glossary", id=f"lb-glossary-{code}", data_lang=code)
