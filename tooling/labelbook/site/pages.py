"""Every page of one language's site, as Markdown sources keyed by their path (src URI).

The same paths exist in every language, so a reader who switches language lands on the
same page: `hate-speech/HS-001.md` is `hate-speech/HS-001/` at the site root (English)
and under `bn/` (Bengali).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable

from labelbook.core.model import Page
from labelbook.site import urls
from labelbook.site.context import PageContext
from labelbook.site.extra_pages import ExtraPage, extra_pages
from labelbook.site.glossary import glossary_blocks
from labelbook.site.markup import heading, heading_lang, html_block, lang_end, lang_start, md_text, notice, tag, text
from labelbook.site.rule_page import rule_markdown

#: Hand-written pages whose names the generated pages take; their text is shown on them.
_MERGED = {"index": urls.HOME, "decisions": urls.DECISIONS}


#: A page's Markdown, or (`site_content(lazy=True)`) the function that makes it.
Source = str | Callable[[], str]


@dataclass
class SiteContent:
    lang: str
    #: src URI -> Markdown source (see `Source`)
    pages: dict[str, Source] = field(default_factory=dict)
    #: MkDocs' `nav` structure
    nav: list = field(default_factory=list)
    #: src URI -> the page's MkDocs metadata; a page without an entry has none
    meta: dict[str, dict] = field(default_factory=dict)

    def source(self, uri: str) -> str:
        """The Markdown of page `uri`, made now if it was not made yet."""
        made = self.pages[uri]
        return made if isinstance(made, str) else made()

    def take(self, uri: str) -> str:
        """`source(uri)`, forgotten here: a build that renders each page once lets it go."""
        made = self.pages.pop(uri)
        return made if isinstance(made, str) else made()


def site_content(ctx: PageContext, *, lazy: bool = False) -> SiteContent:
    """All pages and the navigation of the site in `ctx.lang`.

    `lazy`: each guideline page is a function that makes its Markdown when asked
    (`SiteContent.source`), so that a build holds one page's source at a time, not all of
    them (at 2,000 rules, 70 MB in English)."""
    repo = ctx.repo

    def later(make: Callable[..., str], *args: object) -> Source:
        return (lambda: make(*args)) if lazy else make(*args)

    out = SiteContent(ctx.lang)
    merged = {p.name: p for p in repo.pages if p.name in _MERGED}
    out.pages[urls.HOME] = later(home_markdown, ctx, merged.get("index"))
    out.pages[urls.DECISIONS] = later(decisions_markdown, ctx, merged.get("decisions"))
    for page in repo.pages:
        if page.name not in _MERGED:
            out.pages[urls.hand_written_page(page.name)] = later(hand_written_markdown, ctx, page)
    for area in repo.policy.areas:
        out.pages[urls.area_page(area.id)] = later(area_markdown, ctx, area.id)
        for rule in repo.rules_in(area.id):
            out.pages[urls.rule_page(area.id, rule.id)] = later(rule_markdown, ctx, rule)
    extra = extra_pages(ctx)
    for page in extra:
        if page.src_uri not in out.pages:
            out.pages[page.src_uri] = page.make if lazy else page.markdown
            out.meta[page.src_uri] = page.meta
    out.nav = navigation(ctx, extra)
    return out


def navigation(ctx: PageContext, extra: list[ExtraPage] | None = None) -> list:
    t = ctx.t
    nav: list = [{t._("Home"): urls.HOME}]
    # Hand-written pages take their title from their own first heading.
    nav += [urls.hand_written_page(p.name) for p in ctx.repo.pages if p.name not in _MERGED]
    nav.append({t._("Decisions"): urls.DECISIONS})
    nav += [{page.title: page.src_uri} for page in extra or []]
    for area in ctx.repo.policy.areas:
        children: list = [{t._("Overview"): urls.area_page(area.id)}]
        children += [{f"{r.id} · {ctx.rule_title(r)}": urls.rule_page(area.id, r.id)} for r in ctx.repo.rules_in(area.id)]
        nav.append({ctx.area_title(area.id): children})
    return nav


def home_markdown(ctx: PageContext, page: Page | None) -> str:
    t = ctx.t
    uri = urls.HOME
    label = t._("Version")
    shown = tag("strong", text(t.version_name(ctx.version)))
    version = tag("span", text(label) + " " + shown, class_="lb-version", data_version=ctx.version)
    if ctx.release_date is not None:
        when = t._("Release date: {date}").format(date=t.date(ctx.release_date))
    else:
        when = t._("Not released yet; built on {date}").format(date=t.date(ctx.build_date))
    when = text(when)
    release = tag("p", version + " · " + tag("span", when, class_="lb-release-date"), class_="lb-release", id="lb-release")
    blocks = [f"# {md_text(ctx.policy_title())}", html_block(release)]
    if ctx.translating:
        blocks.append(html_block(_translation_status(ctx)))
    if page is not None:
        blocks.append(_page_text(ctx, page, with_title=False))
    rows = ""
    for area in ctx.repo.policy.areas:
        rules = ctx.repo.rules_in(area.id)
        active = sum(1 for r in rules if not r.deprecated)
        link = tag("a", text(ctx.area_title(area.id)), href=ctx.href(uri, urls.area_page(area.id)))
        desc = ctx.repo.policy.term_description("areas", area.id, ctx.lang)
        cell = link + ("<br>" + tag("small", text(desc)) if desc else "")
        rows += tag("tr", tag("td", cell) + tag("td", text(t.number(active)), class_="lb-count"), data_area=area.id)
    head = tag("tr", tag("th", text(t._("Area"))) + tag("th", text(t._("Rules in force"))))
    blocks.append(heading(2, t._("Areas"), "areas"))
    blocks.append(html_block(tag("div", f"<table><thead>{head}</thead><tbody>{rows}</tbody></table>", class_="lb-areas", id="lb-areas")))
    blocks.append(heading(2, t._("Decisions"), "decisions"))
    blocks.append(html_block(_legend(ctx, uri)))
    return "\n\n".join(blocks) + "\n"


def _translation_status(ctx: PageContext) -> str:
    """How much of the translation a reader can trust, on the home page of a translation."""
    states = [ctx.rule_state(r) for r in ctx.repo.rules.values()]
    counts = {state: ctx.t.number(states.count(state)) for state in ("current", "stale", "missing")}
    msg = ctx.t._("{language} translation: {current} of {total} rules up to date, {stale} out of date, {missing} not translated yet.")
    inner = text(msg.format(language=ctx.language_name, total=ctx.t.number(len(states)), **counts))
    return tag("p", inner, class_="lb-translation-status", id="lb-translation-status", **{f"data_{k}": str(states.count(k)) for k in counts})


def _legend(ctx: PageContext, uri: str) -> str:
    items = ""
    for d in ctx.repo.policy.decisions:
        desc = ctx.repo.policy.term_description("decisions", d.id, ctx.lang)
        items += tag("dt", ctx.decision_badge(d.id, uri)) + tag("dd", text(desc))
    return tag("dl", items, class_="lb-legend", id="lb-legend")


def area_markdown(ctx: PageContext, area: str) -> str:
    t = ctx.t
    uri = urls.area_page(area)
    blocks = [f"# {md_text(ctx.area_title(area))}"]
    desc = ctx.repo.policy.term_description("areas", area, ctx.lang)
    if desc:
        blocks.append(html_block(tag("p", text(desc), class_="lb-area-description")))
    rules = ctx.repo.rules_in(area)
    if not rules:
        blocks.append(html_block(tag("p", text(t._("This area has no rules yet.")), class_="lb-no-rules")))
        return "\n\n".join(blocks) + "\n"
    head = "".join(tag("th", text(h)) for h in (t._("Rule"), t._("Title"), t._("Decision"), t._("Severity")))
    rows = ""
    for r in rules:
        href = ctx.href(uri, urls.rule_page(area, r.id))
        title = tag("a", text(ctx.rule_title(r)), href=href, lang=ctx.rule_title_lang(r))
        title += " " + ctx.status_badge(r.status) if r.deprecated else ""
        rows += tag(
            "tr",
            tag("td", tag("a", text(r.id), href=href, class_="lb-rule-link", data_rule=r.id))
            + tag("td", title)
            + tag("td", ctx.decision_badge(r.decision, uri))
            + tag("td", ctx.severity_badge(r.severity)),
            class_="lb-rule-row" + (" lb-rule-row--deprecated" if r.deprecated else ""),
            data_rule=r.id,
        )
    blocks.append(html_block(tag("div", f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>", class_="lb-rule-table", id="lb-rule-table")))
    return "\n\n".join(blocks) + "\n"


def decisions_markdown(ctx: PageContext, page: Page | None) -> str:
    t = ctx.t
    uri = urls.DECISIONS
    blocks = [f"# {md_text(t._('Decisions'))}"]
    if page is not None:
        blocks.append(_page_text(ctx, page, with_title=False))
    blocks.append(html_block(tag("p", text(t._("Every rule and every example ends in one of these decisions.")), class_="lb-decisions-intro")))
    for d in ctx.repo.policy.decisions:
        blocks.append(heading(2, ctx.decision_title(d.id), f"decision-{d.id}"))
        desc = ctx.repo.policy.term_description("decisions", d.id, ctx.lang)
        rules = sorted((r for r in ctx.repo.rules.values() if r.decision == d.id and not r.deprecated), key=lambda r: r.id)
        inner = tag("p", ctx.decision_badge(d.id, uri) + (" " + text(desc) if desc else ""))
        if rules:
            inner += tag("p", text(t._("Rules with this decision:")), class_="lb-field-label")
            inner += tag("ul", "".join(tag("li", ctx.rule_link(r, uri)) for r in rules))
        blocks.append(html_block(tag("div", inner, class_="lb-decision-entry", data_decision=d.id)))
    blocks += glossary_blocks(ctx)
    return "\n\n".join(blocks) + "\n"


def hand_written_markdown(ctx: PageContext, page: Page) -> str:
    return _page_text(ctx, page)


def _page_text(ctx: PageContext, page: Page, *, with_title: bool = True) -> str:
    """The page in `ctx.lang`; else its source text, marked as in the source language, after a notice.

    `with_title=False`: without its own H1, for a page shown inside a generated page.
    """
    translated = page.translations.get(ctx.lang) if ctx.translating else None
    if not ctx.translating or translated is not None:
        markdown = translated if translated is not None else page.text
        return markdown if with_title else _split_title(markdown)[1]
    t = ctx.t
    msg = t._("This page has not been translated into {language} yet. The {source} text is shown.")
    block = html_block(notice("info", t._("Not translated yet"), text(msg.format(**ctx.names())), code="translation-missing"))
    title, body = _split_title(page.text)
    source = ctx.source_language
    blocks = [title, heading_lang(source)] if title and with_title else []
    blocks += [block, lang_start(source), body.strip("\n"), lang_end()]
    return "\n\n".join(blocks) + "\n"


_TITLE = re.compile(r"#\s[^\n]*(?:\n|\Z)")


def _split_title(markdown: str) -> tuple[str, str]:
    """(the page's own H1 line, or "", the rest): a page shown inside a generated page loses its H1."""
    stripped = markdown.lstrip("\n")
    match = _TITLE.match(stripped)
    return (match.group(0).rstrip("\n"), stripped[match.end() :]) if match else ("", markdown)
