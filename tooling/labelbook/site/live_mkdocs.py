"""One language's site as the live preview keeps it: MkDocs' configuration, files,
navigation, theme environment, rendered pages and search index, so that one page can be
rendered again alone.

The full build is `mkdocs.commands.build.build` step for step (same plugin events, same
order), keeping what that function drops when it returns. A page is then rendered again
through the same `_populate_page` and the same template as in a build; its file is
replaced atomically (a reader gets the old page or the new one, never half of one), and
the search plugin's entries of that page are replaced, not appended.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import jinja2
from mkdocs.commands.build import _build_theme_template, _populate_page, get_context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel, get_files, set_exclusions
from mkdocs.structure.nav import Navigation, get_navigation
from mkdocs.structure.pages import Page

from labelbook.site.configure import html_text
from labelbook.site.live_pages import nav_titles
from labelbook.site.plugin import LabelbookPlugin

#: Drafts are shown by a preview, as by `mkdocs serve`.
INCLUSION = InclusionLevel.is_in_serve
#: Plugins whose state a page rendered alone keeps consistent: any other one (tags,
#: offline...) makes every change a full rebuild, since its output depends on all pages.
INCREMENTAL_PLUGINS = frozenset({"search", "material/search", "labelbook"})


def write_atomic(path: Path, data: bytes) -> None:
    """`data` into `path` through a temporary file and a rename: a concurrent reader sees the
    old file or the new one. The temporary name starts with a dot, which is never served."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".lb-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


@dataclass
class LanguageSite:
    """The built site of one language, written under `config.site_dir`."""

    lang: str
    config: MkDocsConfig
    plugin: LabelbookPlugin
    files: Files
    nav: Navigation
    env: jinja2.Environment
    #: the documentation pages, as given to every template (`pages` in its context)
    docs: list[File] = field(default_factory=list)

    @classmethod
    def build(cls, config: MkDocsConfig, plugin: LabelbookPlugin) -> LanguageSite:
        """Build the whole site of `config` into its (new, empty) `site_dir`."""
        try:
            return cls._build(config, plugin)
        except Exception as exc:
            config.plugins.on_build_error(error=exc)  # as MkDocs' build does
            raise

    @classmethod
    def _build(cls, config: MkDocsConfig, plugin: LabelbookPlugin) -> LanguageSite:
        config = config.plugins.on_config(config)
        config.plugins.on_pre_build(config=config)
        files = get_files(config)
        env = config.theme.get_env()
        files.add_files_from_theme(env, config)
        files = config.plugins.on_files(files, config=config)
        set_exclusions(files, config)
        nav = get_navigation(files, config)
        nav = config.plugins.on_nav(nav, config=config, files=files)
        for file in files.documentation_pages(inclusion=INCLUSION):
            if file.page is None and file.inclusion.is_not_in_nav():
                Page(None, file, config)
            assert file.page is not None
            _populate_page(file.page, config, files)
        env = config.plugins.on_env(env, config=config, files=files)
        files.copy_static_files(inclusion=INCLUSION)
        for template in config.theme.static_templates:
            _build_theme_template(template, env, files, config, nav)
        site = cls(plugin.lang or "", config, plugin, files, nav, env, files.documentation_pages(inclusion=INCLUSION))
        for file in site.docs:
            assert file.page is not None
            site.write(file.page)
        for file in site.docs:
            assert file.page is not None
            file.page.validate_anchor_links(files=files, log_level=config.validation.links.anchors)
        config.plugins.on_post_build(config=config)
        return site

    @property
    def incremental(self) -> bool:
        """Whether a page of this site can be rendered alone (see INCREMENTAL_PLUGINS)."""
        return set(self.config.plugins) <= INCREMENTAL_PLUGINS and self._search_entries() is not None

    def page(self, uri: str) -> Page | None:
        file = self.files.get_file_from_path(uri)
        return file.page if file is not None else None

    def markdown(self, uri: str) -> tuple[str, dict[str, Any]] | None:
        """The Markdown and metadata the page was last rendered from."""
        content = self.plugin.content
        if content is None or uri not in content.pages:
            return None
        return content.pages[uri], content.meta.get(uri, {})

    def populate(self, uri: str, markdown: str, meta: dict[str, Any]) -> Page:
        """Give the page `uri` new Markdown and render it to HTML (not written yet)."""
        page = self.page(uri)
        assert page is not None and self.plugin.content is not None
        content = self.plugin.content
        content.pages[uri] = markdown
        if meta:
            content.meta[uri] = meta
        else:
            content.meta.pop(uri, None)
        page.file.content_string = markdown
        if nav_titles(self.config.nav or [])[1].get(uri) is None:
            # Its title comes from its first heading, and `finish_page` keeps a title
            # already set: forget the one of the last render.
            vars(page).pop("title", None)
        _populate_page(page, self.config, self.files)
        entries = self._search_entries()
        if entries is not None:
            entries[:] = [e for e in entries if str(e.get("location", "")).split("#")[0] != page.url]
        return page

    def write(self, page: Page) -> Path:
        """Render `page` through the theme and write it; the file written."""
        config = self.config
        page.active = True
        try:
            context = get_context(self.nav, self.docs, config, page)
            template = self.env.get_template(page.meta.get("template", "main.html"))
            context = config.plugins.on_page_context(context, page=page, config=config, nav=self.nav)
            output = template.render(context)
            output = config.plugins.on_post_page(output, page=page, config=config)
        finally:
            page.active = False
        path = Path(page.file.abs_dest_path)
        if output.strip():
            write_atomic(path, output.encode("utf-8", errors="xmlcharrefreplace"))
        return path

    def rewrite(self, page: Page) -> Path:
        """Write `page` again with the same content (the navigation changed around it).

        The search plugin indexes a page while rendering it and strips its markers of what
        not to index from the content as it goes: indexed a second time, the content would
        give entries it must not. Its entries stay as they were.
        """
        entries = self._search_entries()
        kept = list(entries) if entries is not None else None
        try:
            return self.write(page)
        finally:
            if entries is not None and kept is not None:
                entries[:] = kept

    def retitle(self, titles: dict[str, str]) -> None:
        """New navigation titles of pages (src URI -> title), escaped as `escape_nav` does."""
        for uri, title in titles.items():
            page = self.page(uri)
            if page is not None:
                page.title = html_text(title)

    def write_search_index(self, scratch: Path) -> None:
        """Write what the plugins write after a build (the search index) once more."""
        self._staged(scratch, lambda: self.config.plugins.on_post_build(config=self.config))

    def write_templates(self, scratch: Path) -> None:
        """Write the theme's own pages (404.html, sitemap.xml) once more: they show the navigation."""

        def build() -> None:
            for template in self.config.theme.static_templates:
                _build_theme_template(template, self.env, self.files, self.config, self.nav)

        self._staged(scratch, build)

    def _staged(self, scratch: Path, write: Callable[[], None]) -> None:
        """Run `write`, which writes into `config.site_dir`, with a scratch folder there
        instead; then rename each file it wrote into the site, so that no request gets a
        half-written file."""
        staging = Path(tempfile.mkdtemp(prefix="staged-", dir=scratch))
        real = self.config.site_dir
        try:
            self.config.site_dir = str(staging)
            write()
            self.config.site_dir = real
            for path in sorted(staging.rglob("*")):
                if path.is_file():
                    target = Path(real) / path.relative_to(staging)
                    target.parent.mkdir(parents=True, exist_ok=True)
                    os.replace(path, target)
        finally:
            self.config.site_dir = real
            shutil.rmtree(staging, ignore_errors=True)

    def _search_entries(self) -> list[dict[str, Any]] | None:
        """The search plugin's list of index entries (Material's), if there is one."""
        for plugin in self.config.plugins.values():
            entries = getattr(getattr(plugin, "search_index", None), "entries", None)
            if isinstance(entries, list):
                return entries
        return None

