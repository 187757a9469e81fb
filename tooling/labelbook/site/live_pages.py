"""The live preview's side of the page generators: one page's Markdown at a time, the pages
a change of the model may touch, and "What changed" against a release loaded once.

Plain Python like `site.pages` (nothing here knows MkDocs): `site.live_site` renders what
this module says. tests/serve/test_live_pages.py holds `page_markdown` to `site_content`
for every page, so the two cannot drift apart.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from labelbook.core.model import Repo
from labelbook.core.model_changes import ModelChanges
from labelbook.core.problems import LabelbookError
from labelbook.history import releases
from labelbook.history.changes import WORKING_TREE, Endpoint
from labelbook.history.diff import diff
from labelbook.site import urls
from labelbook.site.context import PageContext
from labelbook.site.extra_pages import CHANGES, PRACTICE, changes_page, practice_page
from labelbook.site.history import NO_RELEASE, NOT_GIT, UNREADABLE
from labelbook.site.pages import (
    area_markdown,
    decisions_markdown,
    hand_written_markdown,
    home_markdown,
)
from labelbook.site.rule_page import rule_markdown

log = logging.getLogger("mkdocs.plugins.labelbook")

#: Hand-written pages whose text the generated home and decisions pages show (as `site.pages`).
MERGED = {"index": urls.HOME, "decisions": urls.DECISIONS}

Markdown = tuple[str, dict[str, Any]]


def page_markdown(ctx: PageContext, uri: str) -> Markdown | None:
    """The Markdown and metadata of the page `uri` in `ctx.lang`, as `site_content` makes it;
    None when the site has no such page."""
    repo = ctx.repo
    parts = uri.split("/")
    if len(parts) == 2 and repo.policy.area(parts[0]) is not None:
        if parts[1] == "index.md":
            return area_markdown(ctx, parts[0]), {}
        rule = repo.rules.get(parts[1].removesuffix(".md"))
        if rule is not None and rule.area == parts[0] and urls.rule_page(rule.area, rule.id) == uri:
            return rule_markdown(ctx, rule), {}
    merged = {p.name: p for p in repo.pages if p.name in MERGED}
    for page in repo.pages:
        if page.name not in MERGED and urls.hand_written_page(page.name) == uri:
            return hand_written_markdown(ctx, page), {}
    if uri == urls.HOME:
        return home_markdown(ctx, merged.get("index")), {}
    if uri == urls.DECISIONS:
        return decisions_markdown(ctx, merged.get("decisions")), {}
    if uri in (CHANGES, PRACTICE):
        extra = changes_page(ctx) if uri == CHANGES else practice_page(ctx)
        return extra.markdown, dict(extra.meta)
    return None


def touched_pages(old: Repo, new: Repo, changes: ModelChanges) -> set[str]:
    """Every page (src URI, the same in each language) that may show a unit `changes` lists.

    Wide on purpose: a page listed here whose Markdown turns out the same is not rendered
    again, while a page left out would be served stale.
    """
    out: set[str] = set()
    rules = changes.rules
    if rules or changes.examples:
        out |= {CHANGES, PRACTICE}
    if rules:
        # Home: rules in force per area, and how much of the translation is current;
        # decisions: every rule in force under its decision.
        out |= {urls.HOME, urls.DECISIONS}
    for repo in (old, new):
        for rule_id in rules:
            rule = repo.rules.get(rule_id)
            if rule is None:
                continue
            out |= {urls.rule_page(rule.area, rule.id), urls.area_page(rule.area)}
            if rule.replaced_by in new.rules:  # its page lists the rules it replaces
                out.add(urls.rule_page(new.rules[rule.replaced_by].area, rule.replaced_by))
        for example_id in changes.examples:
            example = repo.examples.get(example_id)
            rule = new.rules.get(example.rule) if example is not None else None
            if rule is not None:
                out.add(urls.rule_page(rule.area, rule.id))
    # Pages that show a changed rule's title, decision or status: related rules, replacements.
    for rule in new.rules.values():
        if rules.intersection(rule.related) or rule.replaced_by in rules:
            out.add(urls.rule_page(rule.area, rule.id))
    for name in changes.pages:
        out.add(MERGED.get(name) or urls.hand_written_page(name))
    return out


def nav_titles(nav: list) -> tuple[list[tuple[int, str | None]], dict[str, str | None]]:
    """(the shape of a `nav` list: depth and page of each entry, a section's page None;
    the title of each page). Two navigations of one shape differ only in their titles."""
    shape: list[tuple[int, str | None]] = []
    titles: dict[str, str | None] = {}

    def walk(items: list, depth: int) -> None:
        for item in items:
            if isinstance(item, str):
                shape.append((depth, item))
                titles[item] = None
                continue
            for title, value in item.items():
                if isinstance(value, list):
                    shape.append((depth, None))
                    titles[f"section:{len(shape)}"] = title
                    walk(value, depth + 1)
                else:
                    shape.append((depth, value))
                    titles[value] = title

    walk(nav, 0)
    return shape, titles


class Baseline:
    """The release that "What changed" compares the working tree with, loaded once.

    As `site.history.changes_since_release` for a build, without reading the release's
    files from git again at every save.
    """

    def __init__(self, root: Path, pattern: str) -> None:
        self.old: Repo | None = None
        self.end: Endpoint | None = None
        self.note: str | None = None
        if not releases.is_git_repository(root):
            self.note = NOT_GIT
            return
        try:
            previous = releases.previous_release(root, None, pattern)
            if previous is None:
                self.note = NO_RELEASE
                return
            self.old, self.end = releases.load_tree(root, previous.tag, pattern)
        except LabelbookError as exc:
            log.info(f"labelbook: 'What changed' left empty: {exc}")
            self.note = UNREADABLE

    def changes(self, repo: Repo) -> tuple[Any, str | None]:
        """(the changelog of `repo` against the release, or None; why there is none, a msgid)."""
        if self.old is None:
            return None, self.note
        return diff(self.old, repo, self.end, WORKING_TREE), None
