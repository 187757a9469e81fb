"""The `labelbook` MkDocs plugin: a thin adapter from MkDocs' events to `labelbook.site`.

    plugins: [search, labelbook]

is all a guideline repository's `mkdocs.yml` needs. The plugin loads and checks the
repository (content errors stop the build with one line per problem), replaces the
Markdown files of `docs_dir` by the generated pages of one language, and configures
Material (languages from policy.yaml, no Google Fonts, our CSS and Bengali web font,
the language selector, Bengali UI strings and search settings).

Languages: the source language is built at the site root as usual; every other language
is then built by a nested MkDocs build into `<site_dir>/<lang>/` (see
`site.translated`). We do this rather than use mkdocs-static-i18n because each
language needs its own Material UI language (`theme.language` is one per build) and its
own search index with its own separator and pipeline, which one build cannot give.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any, Callable

from jinja2 import Environment
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from labelbook.core.checks import checked
from labelbook.core.model import Repo
from labelbook.core.problems import ContentError
from labelbook.site import assets, parallel
from labelbook.site.configure import (
    configure_markdown, configure_theme, configure_ui, configure_versions, escape_config, escape_nav, finish_page, language_roots,
    release_date, write_sitemap,
)  # fmt: skip
from labelbook.site.context import PageContext
from labelbook.site.deferred import Deferred, can_defer, titled_pages
from labelbook.site.glossary import site_glossaries
from labelbook.site.history import changes_since_release
from labelbook.core.i18n import Translator, native_name
from labelbook.site.pages import SiteContent, site_content
from labelbook.site.markup import split_blocks
from labelbook.site import nav_cache, search_index, search_sections
from labelbook.site.stale import stale_english
from labelbook.site.translated import build_language


log = get_plugin_logger(__name__)

#: Files of docs_dir that are the repository's data, not pages to copy as they are.
_DATA_FILE = re.compile(r"^policy(\.[a-z]{2,3})?\.ya?ml$")


class LabelbookConfig(base.Config):
    repo = c.Optional(c.Dir(exists=True))
    """The guideline repository; default: the folder above `docs_dir`."""
    version = c.Type(str, default="dev")
    """The version shown on the home page: a release name, or `dev` for the working tree."""
    release_date = c.Optional(c.Type((str, dt.date)))
    """The release date shown on the home page (YYYY-MM-DD); without it, the build date."""
    tags = c.Type(str, default="v*")
    """Git tags that are releases ("What changed" compares with the newest one)."""


class LabelbookPlugin(BasePlugin[LabelbookConfig]):
    def __init__(self) -> None:
        super().__init__()
        #: Set by the parent build on the plugin of a nested, translation-language build.
        self.lang: str | None = None
        self.repo: Repo | None = None
        self.root = Path(".")
        self.content: SiteContent | None = None
        #: labelbook's blocks of each page being rendered (markup.split_blocks), by src URI
        self._blocks: dict[str, list[str]] = {}
        #: False in a build that renders each page once (`labelbook build`): a page's source
        #: is let go as soon as MkDocs has it (`content.pages` then holds those not read yet).
        self.keep_sources = True
        self._page_uris: list[str] = []
        #: the pages rendered as they are written (site.deferred), in `labelbook build`
        self._deferred: Deferred | None = None
        self._alt_roots: dict[str, str] = {}
        #: Set by `labelbook build --versions`: every version in one folder, Material's selector on.
        self.versioned = False
        #: "What changed": a diff.Changelog, or why there is none (a msgid); `changes_given`
        #: when the caller (versions build, parent build) computed them already.
        self.changelog: Any = None
        self.changes_note: str | None = None
        self.changes_given = False
        #: translated sites being built by forked processes (site.parallel)
        self._pending: list[parallel.Pending] = []
        #: Set on the plugin of a forked translated build: returns once it may write (parallel.start).
        self.before_writing: Callable[[], None] | None = None
        #: text that pages of the current context take in when written (PageContext.later)
        self._late: dict[str, tuple[str, str]] = {}
        #: the search entries labelbook writes in Material's stead (site.search_index)
        self._search: search_index.Taken | None = None

    # Runs before the search plugin's on_config, which reads the search settings from
    # the theme's language file: our Bengali file must already be among the theme dirs.
    @event_priority(50)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.root = Path(self.config.repo or Path(config.docs_dir).parent).resolve()
        if self.repo is None:
            self.repo = load_checked(self.root)
        policy = self.repo.policy
        lang = self.lang or policy.source_language
        self._alt_roots = language_roots(policy.languages, lang, policy.source_language)
        configure_theme(config, lang)
        if lang != policy.source_language:
            # The header of a translated site shows the guideline set's translated title.
            config.site_name = self._translated_title(lang) or config.site_name
        escape_config(config)
        if len(policy.languages) > 1 and not config.extra.get("alternate"):
            config.extra["alternate"] = [
                {"name": native_name(code), "link": root or "./", "lang": code} for code, root in self._alt_roots.items()
            ]
        translator = Translator(lang)
        configure_markdown(config, translator)
        if not self.changes_given:
            # Not given, so this build is of the working tree, which self.repo holds.
            self.changelog, self.changes_note = changes_since_release(self.root, self.config.tags, self.repo)
            self.changes_given = True
        configure_versions(config, self.versioned, lang, policy.source_language)
        configure_ui(config, translator, self.config.version)
        return config

    def page_context(self, config: MkDocsConfig, lang: str) -> PageContext:
        """What the pages of `lang` are made from: also called by the live preview
        (site.live_site) to make pages again after `self.repo` changed."""
        assert self.repo is not None
        translator = Translator(lang)
        return PageContext(
            self.repo,
            lang,
            directory_urls=config.use_directory_urls,
            version=self.config.version,
            release_date=release_date(self.config.release_date),
            changelog=self.changelog,
            changes_note=translator._(self.changes_note) if self.changes_note else None,
            stale=stale_english(self.root, self.repo, lang),
            glossaries=site_glossaries(self.root, self.repo, lang),
            late=self._late,  # what the pages of every context made here put in when written
        )

    def _translated_title(self, lang: str) -> str | None:
        tr = self.repo.policy.translations.get(lang) if self.repo else None
        return tr.title if tr else None

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        if self.before_writing is not None:  # a forked translated build: wait for the parent
            self.before_writing()
            self.before_writing = None
        elif self.lang is None and self.repo is not None and parallel.can_fork():
            # The translated sites start now and make their own pages while this process
            # makes these (`on_files`); they write nothing before `on_files` releases them.
            for target in self.repo.policy.target_languages:
                log.info(f"Building the {native_name(target)} ({target}) site into {target}/, in a parallel process")
                self._pending.append(parallel.start(target, lambda ready: build_language(config, target, self, ready)))

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        # MkDocs has cleaned site_dir by now: the translated sites may write into it.
        for pending in self._pending:
            parallel.release(pending)
        assert self.repo is not None
        search_sections.index_quickly(config.plugins)  # Material made its index in on_config
        defer = not self.keep_sources and can_defer(config.plugins)
        self.content = site_content(self.page_context(config, self.lang or self.repo.policy.source_language), lazy=defer)
        if config.nav is None:
            config.nav = self.content.nav
        # Every Markdown file of docs_dir is a rule, a translation or a hand-written page:
        # all of them come back as generated pages of this build's language.
        for f in list(files):
            if f.src_dir == config.docs_dir and (f.is_documentation_page() or _DATA_FILE.match(f.src_uri)):
                files.remove(f)
        if defer:
            self._deferred = Deferred(titled_pages(config.nav) & set(self.content.pages), self.content.take, files)
        for src_uri in self.content.pages:
            later = self._deferred is not None and src_uri in self._deferred.uris
            files.append(File.generated(config, src_uri, content="" if later else self.content.source(src_uri)))
        self._page_uris = list(self.content.pages)
        for src_uri, path in assets.files():
            files.append(File.generated(config, src_uri, abs_src_path=str(path)))
        return files

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        if not self.keep_sources:  # a build: the navigation does not change while it runs
            nav_cache.install(env)
        return env

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        escape_nav(nav.items)
        return nav

    # First of all plugins: no other one sees (or changes) the HTML of labelbook's blocks.
    @event_priority(100)
    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        # Front matter of a hand-written page would reach Material's templates unescaped
        # (`page.meta.title`, `description`...): a page has only the metadata we give it.
        assert self.content is not None
        page.meta = dict(self.content.meta.get(page.file.src_uri, {}))
        if self._deferred is not None and self._deferred.defers(page):
            return ""  # made and rendered when it is written (on_page_context)
        markdown, self._blocks[page.file.src_uri] = split_blocks(markdown)
        if not self.keep_sources:
            # Sources are as large as the pages: kept, they were a third of a process's peak.
            self.content.pages.pop(page.file.src_uri, None)
            page.file.content_string = markdown
        return markdown

    @event_priority(-100)
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        # Last of all plugins: what this returns is what the reader gets (and search indexes).
        if self._deferred is not None and self._deferred.defers(page):
            return html
        return finish_page(page, html, self._blocks.pop(page.file.src_uri, []))

    def on_build_error(self, *, error: Exception) -> None:
        for pending in self._pending:
            parallel.cancel(pending)
        self._pending = []

    # Before the search plugin, which indexes the page's HTML here.
    @event_priority(100)
    def on_page_context(self, context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
        if self._deferred is not None and self._deferred.defers(page):
            self._deferred.render(page, config)
        # The language selector leads to this very page in the other language.
        base_url = context.get("base_url") or "."
        context["labelbook_alternates"] = {code: f"{base_url}/{root}{page.url}" for code, root in self._alt_roots.items()}
        return context

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        if self._deferred is not None and self._deferred.defers(page):
            self._deferred.release(page)
        # A page written once (`labelbook build`) lets its late text go; the live preview
        # may write it again from the same Markdown.
        late = self._late.get(page.file.src_uri) if self.keep_sources else self._late.pop(page.file.src_uri, None)
        if late is not None:
            stand_in, text = late
            output = output.replace(stand_in, text, 1)
        return output

    # Before the search plugin writes this language's index: labelbook writes it (search_index).
    @event_priority(100)
    def _take_search_entries(self, *, config: MkDocsConfig) -> None:
        self._search = search_index.take(config.plugins)

    @event_priority(-100)
    def _finish_build(self, *, config: MkDocsConfig) -> None:
        search_index.write(config.site_dir, self._search)
        self._search = None
        if config.extra.get("version") and not config.site_url and self.content is not None:
            write_sitemap(Path(config.site_dir), self._page_uris, config.use_directory_urls)
        if self.lang is not None or self.repo is None:
            return
        pending, self._pending = self._pending, []
        if pending:
            try:
                for i, p in enumerate(pending):
                    parallel.finish(p)
            except BaseException:
                for p in pending[i + 1 :]:
                    parallel.cancel(p)
                raise
            return
        for lang in self.repo.policy.target_languages:
            log.info(f"Building the {native_name(lang)} ({lang}) site into {lang}/")
            build_language(config, lang, self)

    on_post_build = CombinedEvent(_take_search_entries, _finish_build)

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        # examples/ is outside docs_dir, so MkDocs does not watch it by itself.
        examples = self.root / "examples"
        if examples.is_dir():
            server.watch(str(examples))
        return server


def load_checked(root: Path) -> Repo:
    """The checked repository, or a PluginError listing every error (one line each)."""
    try:
        loaded = checked(root)
    except ContentError as exc:
        lines = "\n".join(p.as_text() for p in exc.problems)
        raise PluginError(f"labelbook: {exc}:\n{lines}") from exc
    warnings = len(loaded.problems)
    if warnings:
        # Info, not warning: stale and missing translations are shown on the pages, and
        # must not fail `mkdocs build --strict`. `labelbook check --strict` is for them.
        log.info(f"{warnings} translation warning(s); the pages show them (`labelbook check` lists them)")
    return loaded.repo


def labelbook_plugin(config: MkDocsConfig) -> LabelbookPlugin | None:
    """This configuration's labelbook plugin, if it lists one."""
    return next((p for p in config.plugins.values() if isinstance(p, LabelbookPlugin)), None)
