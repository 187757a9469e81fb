"""Every language's site of the live preview, built once and then kept up to date page by page.

`update` takes a new model: it works out the pages a change may touch (`live_pages.touched_pages`)
and whether the navigation keeps its shape; it says False when only a full rebuild can be right
(policy.yaml, a rule or page added or removed, a navigation of another shape, a plugin whose
output depends on every page). `work` then makes each touched page's Markdown again and
renders the page only when its Markdown or metadata differs from what was rendered, the pages
open in a browser first. Work no reader waits for comes last, in the background: "What
changed" and the practice page (they quote every rule and example), pages whose only change
is a title in the navigation, the theme's own pages and the search index.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Collection, Iterator

from mkdocs.config.defaults import MkDocsConfig

from labelbook.core.model import Repo
from labelbook.core.model_changes import compare
from labelbook.core.problems import LabelbookError, UsageError
from labelbook.site import urls
from labelbook.site.context import PageContext
from labelbook.site.extra_pages import CHANGES, PRACTICE, ExtraPage
from labelbook.site.live_mkdocs import LanguageSite
from labelbook.site.live_pages import Baseline, nav_titles, page_markdown, touched_pages
from labelbook.site.mkdocs_config import load_mkdocs_config
from labelbook.site.pages import navigation
from labelbook.site.plugin import labelbook_plugin

log = logging.getLogger("mkdocs.plugins.labelbook")


@dataclass
class Pending:
    """What is left to do in one language's site."""

    pages: set[str] = field(default_factory=set)  # pages to make again now (src URIs)
    later: set[str] = field(default_factory=set)  # ... in the background (BACKGROUND)
    rewrite: set[str] = field(default_factory=set)  # pages to write again around a new navigation
    templates: bool = False  # the theme's own pages (404.html), which show the navigation
    search: bool = False  # the search index

    @property
    def background(self) -> bool:
        return bool(self.later or self.rewrite or self.templates or self.search)


#: Pages that quote every rule or example: made again after the others, in the background.
BACKGROUND = frozenset({CHANGES, PRACTICE})


class LiveSite:
    """The site of every language of `repo`, in `folder` (the source language at its root)."""

    def __init__(self, config_path: Path, repo: Repo, root: Path, folder: Path, scratch: Path, url: str) -> None:
        self.config_path = config_path
        self.repo = repo
        self.root = root
        self.baseline: Baseline | None = None
        self.folder = folder
        self.scratch = scratch
        self.url = url
        self.sites: list[LanguageSite] = []
        #: what each language's pages were last made from (set by `update`)
        self.contexts: dict[str, PageContext] = {}
        self.pending: dict[str, Pending] = {}
        #: "What changed" is of an older model than `repo` (it is made again in the background)
        self.changelog_stale = False

    def build(self) -> None:
        """Build every language's site from scratch into `folder`."""
        source = self.repo.policy.source_language
        changelog: object = None
        note: str | None = None
        for lang in self.repo.policy.languages:
            sub = "" if lang == source else f"{lang}/"
            config = _load(self.config_path, site_dir=str(self.folder / sub), site_url=self.url + sub)
            plugin = labelbook_plugin(config)
            if plugin is None:
                raise UsageError(f"{self.config_path}: `plugins` must list labelbook (plugins: [search, labelbook])")
            if self.baseline is None:  # the first language's plugin says which tags are releases
                self.baseline = Baseline(self.root, plugin.config.tags)
                changelog, note = self.baseline.changes(self.repo)
            # A language set on the plugin means "build this language only": the live
            # preview builds and keeps each language itself, in this process (the plugin
            # would build the translations in a forked process, or drop their state).
            plugin.lang = lang
            plugin.repo = self.repo
            plugin.keep_sources = True  # a page's new Markdown is compared with the one rendered
            plugin.changelog, plugin.changes_note, plugin.changes_given = changelog, note, True
            config.plugins.on_startup(command="serve", dirty=False)
            log.info(f"Building the '{lang}' site")
            site = LanguageSite.build(config, plugin)
            self.sites.append(site)
            self.pending[lang] = Pending()

    def close(self) -> None:
        for site in self.sites:
            site.config.plugins.on_shutdown()

    @property
    def urgent(self) -> bool:
        """Whether pages wait to be made again (see `work`)."""
        return any(p.pages for p in self.pending.values())

    @property
    def busy(self) -> bool:
        """Whether any work is pending, in the background too."""
        return any(p.pages or p.background for p in self.pending.values())

    def update(self, new: Repo, files: Collection[str] | None) -> bool:
        """Take `new` as the model of the pages, and note what is to be made again (`work`
        does it); False when only a full rebuild can show it (nothing was changed then).
        `files`: the files read with other bytes since the model of the pages, when known."""
        changes = compare(self.repo, new, files)
        # The decisions page shows the glossaries (site.glossary), which are not in the model.
        glossary = files is None or any(p.startswith("locales/") for p in files)
        if changes.none and not glossary:
            self.repo = new
            return True
        if changes.policy or changes.added_or_removed or changes.languages or not all(s.incremental for s in self.sites):
            return False
        contexts = {}
        for site in self.sites:
            site.plugin.repo = new  # "What changed" stays of the last model until it is made again
            contexts[site.lang] = site.plugin.page_context(site.config, site.lang)
        navs = {s.lang: self._navigation(s, contexts[s.lang]) for s in self.sites}
        if any(nav is None for nav in navs.values()):
            return False
        touched = touched_pages(self.repo, new, changes) | ({urls.DECISIONS} if glossary else set())
        self.repo, self.contexts = new, contexts
        self.changelog_stale = self.changelog_stale or CHANGES in touched
        for site in self.sites:
            pending = self.pending[site.lang]
            fresh, retitled = navs[site.lang] or (None, {})
            if fresh is not None:
                site.config.nav = site.plugin.content.nav = fresh  # type: ignore[union-attr]
            if retitled:
                site.retitle(retitled)
                pending.rewrite |= {f.src_uri for f in site.docs}
                pending.templates = True
            pending.pages |= touched - BACKGROUND
            pending.later |= touched & BACKGROUND
        return True

    def work(self, stop: Callable[[], bool], viewed: Collection[str] = (), background: bool = False) -> Iterator[str]:
        """Make the pending pages again, one at a time, yielding the path (in the site) of each
        page written: first those `viewed` (paths in the site), then the others; with
        `background`, then what no reader waits for. Stops early when `stop()` says so."""
        # A background page open in a browser is waited for: it comes with the others.
        queue = [(site, uri) for site in self.sites for uri in self.pending[site.lang].pages]
        queue += [(site, uri) for site in self.sites for uri in self.pending[site.lang].later if self._path(site, uri) in viewed]
        queue.sort(key=lambda item: (self._path(item[0], item[1]) not in viewed, item[0] is not self.sites[0], item[1]))
        for site, uri in queue:
            if stop():
                return
            self.pending[site.lang].pages.discard(uri)
            self.pending[site.lang].later.discard(uri)
            if path := self._regenerate(site, uri):
                yield path
        if not background:
            return
        for site in self.sites:
            pending = self.pending[site.lang]
            while pending.later and not stop():
                if path := self._regenerate(site, pending.later.pop()):
                    yield path
            while pending.rewrite and not stop():
                page = site.page(pending.rewrite.pop())
                if page is not None:
                    yield self._relative(site.rewrite(page))
            if pending.templates and not stop():
                site.write_templates(self.scratch)
                pending.templates = False
            if pending.search and not stop():
                site.write_search_index(self.scratch)
                pending.search = False

    def _regenerate(self, site: LanguageSite, uri: str) -> str | None:
        """Render the page `uri` again if its Markdown changed; its path in the site if written."""
        if uri == CHANGES and self.changelog_stale:
            self._new_changelog()
        made = page_markdown(self.contexts[site.lang], uri)
        page = site.page(uri)
        if made is None or page is None:
            raise LabelbookError(f"the live preview lost track of the page {uri}")  # a full rebuild follows
        if site.markdown(uri) == made:
            return None
        title = page.title
        site.populate(uri, *made)
        pending = self.pending[site.lang]
        pending.search = True
        pending.rewrite.discard(uri)
        if page.title != title:  # a title from its heading, which the navigation shows everywhere
            pending.rewrite |= {f.src_uri for f in site.docs if f.src_uri != uri}
            pending.templates = True
        return self._relative(site.write(page))

    def _new_changelog(self) -> None:
        """"What changed" of the current model, into every language's context."""
        assert self.baseline is not None
        changelog, note = self.baseline.changes(self.repo)
        for site in self.sites:
            site.plugin.changelog, site.plugin.changes_note = changelog, note
            self.contexts[site.lang] = site.plugin.page_context(site.config, site.lang)
        self.changelog_stale = False

    def _path(self, site: LanguageSite, uri: str) -> str:
        page = site.page(uri)
        return self._relative(Path(page.file.abs_dest_path)) if page is not None else ""

    def _relative(self, path: Path) -> str:
        return path.relative_to(self.folder).as_posix()

    def _navigation(self, site: LanguageSite, ctx: PageContext) -> tuple[list | None, dict[str, str]] | None:
        """(the navigation of `ctx`, or None when mkdocs.yml gives its own; the titles that
        change, src URI -> title); None when the navigation changes shape, which only a full
        rebuild can show."""
        nav = site.config.nav
        if site.plugin.content is None or nav is not site.plugin.content.nav:
            return None, {}  # mkdocs.yml's `nav`: its titles do not come from the model
        shape, titles = nav_titles(nav)
        extra = [ExtraPage(uri, str(titles[uri]), str) for uri in (CHANGES, PRACTICE) if titles.get(uri)]
        fresh = navigation(ctx, extra)
        new_shape, new_titles = nav_titles(fresh)
        changed = {k: str(v) for k, v in new_titles.items() if titles.get(k) != v}
        if new_shape != shape or any(k.startswith("section:") for k in changed):
            return None
        return fresh, changed


def _load(path: Path, **overrides: str) -> MkDocsConfig:
    """The configuration of one language's site, with plugin instances of its own.

    MkDocs keeps the instance of a plugin that has `on_startup` (Material's search) for the
    next configuration loaded in the process, so that `mkdocs serve` keeps it across
    rebuilds. Two languages kept side by side would then share one search index: each is
    given its own instances instead.
    """
    MkDocsConfig.plugins.plugin_cache.clear()
    return load_mkdocs_config(path, **overrides)
