"""The "What changed" and practice quiz pages of every version and language.

Both are built from plain Python elsewhere (the changelog from `diff`, the practice data
from `quiz.practice`); this module only places them in the site.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from typing import Any, Callable

from labelbook.history.changelog import render_markdown
from labelbook.core.html import script_json
from labelbook.quiz.practice import data_element, practice_page_data
from labelbook.site import urls
from labelbook.site.context import PageContext
from labelbook.site.markup import html_block, md_text, notice, tag, text


@dataclass
class ExtraPage:
    """A page every language's site has besides the guideline pages; it follows "Decisions" in the nav."""

    src_uri: str  # "practice.md"
    title: str  # the navigation title, in the context's language
    #: makes the page's Markdown: a build makes it only when it renders the page (the
    #: practice page holds every example's text)
    make: Callable[[], str]
    #: the page's MkDocs metadata (front matter of a page source is not read: see the plugin)
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def markdown(self) -> str:
        return self.make()


CHANGES = "changes.md"
PRACTICE = "practice.md"
#: Items a practice round asks; the reader can start another round.
PRACTICE_COUNT = 10


def changes_page(ctx: PageContext) -> ExtraPage:
    title = ctx.t._("What changed")
    return ExtraPage(CHANGES, title, lambda: _changes_markdown(ctx, title))


def _changes_markdown(ctx: PageContext, title: str) -> str:
    t = ctx.t
    head = f"# {md_text(title)}\n\n"
    if ctx.changelog is None:
        why = ctx.changes_note or t._("This is the first release: there is no earlier release to compare it with.")
        return head + md_text(why) + "\n"

    def link(rule_id: str, example_id: str | None) -> str | None:
        rule = ctx.repo.rules.get(rule_id)
        if rule is None:
            return None
        # The rule page's source, which MkDocs turns into its URL (and checks the anchor of);
        # a URL here would be "an unrecognized relative link" to MkDocs, said on every build.
        page = posixpath.relpath(urls.rule_page(rule.area, rule.id), posixpath.dirname(CHANGES) or ".")
        return page + (f"#{example_id}" if example_id else "")

    # Markdown that quotes repository text: MkDocs renders it, then it is sanitised.
    body = render_markdown(ctx.changelog, ctx.lang, gettext=t._, link=link, level=2)
    if ctx.translating:
        # The changelog quotes the source text where a translation is not current.
        note = notice("info", t._("Note"), text(t._("Quoted guideline text is shown in the language it was written in.")), code="changes-language")
        body = html_block(note) + "\n\n" + body
    return head + body


def practice_page(ctx: PageContext) -> ExtraPage:
    title = ctx.t._("Practice quiz")
    # The embedded data holds every example's text: keep it out of the search index.
    return ExtraPage(PRACTICE, title, lambda: _practice_markdown(ctx, title), meta={"search": {"exclude": True}})


def _practice_markdown(ctx: PageContext, title: str) -> str:
    t = ctx.t
    page_depth = urls.page_url(PRACTICE, ctx.directory_urls).count("/")
    # practice.js resolves rule links against the version root: above the language root.
    root = "../" * (page_depth + (1 if ctx.translating else 0))
    # A translation's quiz asks only what is written in its language (quiz.practice).
    data = practice_page_data(ctx.repo, ctx.lang, ctx.version, root=root or "./", count=PRACTICE_COUNT, current_only=ctx.translating)
    intro = t._(
        "Practise on the edge cases of these guidelines: pick a decision for each example, "
        "then compare it with the correct label and its rationale. Nothing is sent anywhere."
    )
    # One element: two would be two raw HTML blocks to Python-Markdown, with a line between.
    # The data joins the page once the theme has rendered it (`PageContext.later`).
    left_out, asked = data["left_out"], len(data["items"])
    stand_in = ctx.later(PRACTICE, script_json(data))
    del data  # the page's largest part, as objects: only its text is kept
    quiz = tag("div", '<div id="lb-practice"></div>' + data_element(stand_in), class_="lb-practice-page")
    markdown = f"# {md_text(title)}\n\n{md_text(intro)}\n\n"
    if left_out:
        left = t._(
            "Only examples whose {language} translation is up to date are asked here: {count} of {total} are left out "
            "because their translation, or their rule's, is missing or out of date."
        ).format(language=ctx.language_name, count=t.number(left_out), total=t.number(left_out + asked))
        markdown += html_block(tag("p", text(left), class_="lb-practice-left-out", data_left_out=str(left_out))) + "\n\n"
    return markdown + f"{html_block(quiz)}\n"


def extra_pages(ctx: PageContext) -> list[ExtraPage]:
    """The generated pages that are not guideline pages, in navigation order."""
    return [changes_page(ctx), practice_page(ctx)]

