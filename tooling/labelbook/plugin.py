"""The `labelbook` MkDocs plugin: a thin adapter from MkDocs' events to `labelbook.site`.

    plugins: [search, labelbook]

is all a guideline repository's `mkdocs.yml` needs. The plugin loads and checks the
repository (content errors stop the build with one line per problem), replaces the
Markdown files of `docs_dir` by the generated pages of one language, and configures
Material (languages from policy.yaml, no Google Fonts, our CSS and Bengali web font,
the language selector, Bengali UI strings and search settings).

Languages: the source language is built at the site root as usual; every other language
is then built by a nested MkDocs build into `<site_dir>/<lang>/` (see
`site.build.build_language`). We do this rather than use mkdocs-static-i18n because each
language needs its own Material UI language (`theme.language` is one per build) and its
own search index with its own separator and pipeline, which one build cannot give.
"""

from __future__ import annotations

import datetime as dt
import gzip
import re
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from .checks import checked
from .model import Repo
from .prefetch import can_fork
from .problems import ContentError
from .site import assets, parallel
from .site.context import PageContext
from .site import extra_pages  # noqa: F401  (adds "What changed" and the practice quiz)
from .site.history import changes_since_release
from .site.i18n import Translator, native_name
from .site.pages import SiteContent, site_content


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

    # Runs before the search plugin's on_config, which reads the search settings from
    # the theme's language file: our Bengali file must already be among the theme dirs.
    @event_priority(50)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.root = Path(self.config.repo or Path(config.docs_dir).parent).resolve()
        if self.repo is None:
            self.repo = load_checked(self.root)
        policy = self.repo.policy
        lang = self.lang or policy.source_language
        self._alt_roots = _language_roots(policy.languages, lang, policy.source_language)
        _configure_theme(config, lang)
        if lang != policy.source_language:
            # The header of a translated site shows the guideline set's translated title.
            config.site_name = self._translated_title(lang) or config.site_name
        if len(policy.languages) > 1 and not config.extra.get("alternate"):
            config.extra["alternate"] = [
                {"name": native_name(code), "link": root or "./", "lang": code} for code, root in self._alt_roots.items()
            ]
        _configure_markdown(config)
        if not self.changes_given:
            # Not given, so this build is of the working tree, which self.repo holds.
            self.changelog, self.changes_note = changes_since_release(self.root, self.config.tags, self.repo)
            self.changes_given = True
        translator = Translator(lang)
        _configure_versions(config, self, lang, policy.source_language, translator)
        ctx = PageContext(
            self.repo,
            lang,
            directory_urls=config.use_directory_urls,
            version=self.config.version,
            release_date=_date(self.config.release_date),
            changelog=self.changelog,
            changes_note=translator._(self.changes_note) if self.changes_note else None,
        )
        self.content = site_content(ctx)
        if config.nav is None:
            config.nav = self.content.nav
        return config

    def _translated_title(self, lang: str) -> str | None:
        tr = self.repo.policy.translations.get(lang) if self.repo else None
        return tr.title if tr else None

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        assert self.content is not None
        # Every Markdown file of docs_dir is a rule, a translation or a hand-written page:
        # all of them come back as generated pages of this build's language.
        for f in list(files):
            if f.src_dir == config.docs_dir and (f.is_documentation_page() or _DATA_FILE.match(f.src_uri)):
                files.remove(f)
        for src_uri, markdown in self.content.pages.items():
            files.append(File.generated(config, src_uri, content=markdown))
        for src_uri, path in assets.files():
            files.append(File.generated(config, src_uri, abs_src_path=str(path)))
        # MkDocs has cleaned site_dir by now: the translated sites can start in parallel.
        if self.lang is None and self.repo is not None and can_fork():
            for lang in self.repo.policy.target_languages:
                log.info(f"Building the {native_name(lang)} ({lang}) site into {lang}/, in a parallel process")
                self._pending.append(parallel.start(config, lang, self))
        return files

    def on_build_error(self, *, error: Exception) -> None:
        for pending in self._pending:
            parallel.cancel(pending)
        self._pending = []

    def on_page_context(self, context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
        # The language selector leads to this very page in the other language.
        base_url = context.get("base_url") or "."
        context["labelbook_alternates"] = {code: f"{base_url}/{root}{page.url}" for code, root in self._alt_roots.items()}
        return context

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if config.extra.get("version") and not config.site_url and self.content is not None:
            _write_sitemap(Path(config.site_dir), self.content, config.use_directory_urls)
        if self.lang is not None or self.repo is None:
            return
        from .site.build import build_language

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


def _language_roots(languages: list[str], lang: str, source: str) -> dict[str, str]:
    """Each language's site root relative to the root of this build's site."""
    up = "" if lang == source else "../"
    return {code: (up if code == source else ("" if code == lang else f"{up}{code}/")) for code in languages}


def _configure_theme(config: MkDocsConfig, lang: str) -> None:
    theme = config.theme
    position = 1 if theme.custom_dir else 0
    if assets.TEMPLATES not in theme.dirs:
        theme.dirs.insert(position, assets.TEMPLATES)
    # Material's UI in the page language, when Material (or our override) has it.
    if any(Path(d, "partials", "languages", f"{lang}.html").is_file() for d in theme.dirs):
        theme["language"] = lang
    else:
        log.info(f"Material has no UI strings for '{lang}'; its UI stays in '{theme.get('language')}'")
    # Material fetches Google Fonts unless `font: false`; the site must work on a closed
    # network, so fonts are system fonts plus our own Bengali web font (assets).
    theme["font"] = False
    for css in assets.EXTRA_CSS:
        if css not in config.extra_css:
            config.extra_css.insert(0, css)
    scripts = [str(s) for s in config.extra_javascript]
    for js in assets.EXTRA_JS:
        if js not in scripts:
            config.extra_javascript.append(js)


def _configure_versions(config: MkDocsConfig, plugin: LabelbookPlugin, lang: str, source: str, t: Translator) -> None:
    """Material's version selector and outdated banner, when the site is one of several versions.

    `labelbook build --versions` sets `plugin.versioned`; a site deployed with mike sets
    `extra.version.provider: mike` itself. The source language keeps Material's own selector;
    a translated site, one folder deeper, gets labelbook's (assets/versions.js).
    """
    version = dict(config.extra.get("version") or {})
    if not plugin.versioned and version.get("provider") != "mike":
        return
    version.setdefault("default", "latest")
    lang_root = "" if lang == source else f"{lang}/"
    version["provider"] = "mike" if lang == source else "labelbook"
    version["labelbook"] = {"lang_root": lang_root}
    config.extra["version"] = version
    config.extra["labelbook"] = {
        "outdated_text": t._("You are reading an older version of these guidelines."),
        "outdated_link": t._("Go to this page in the latest version."),
    }


#: Host of the sitemap written without a site_url: never requested (Material's version
#: selector replaces it by the page's own host and reads only the paths).
_SITEMAP_HOST = "http://localhost/"


def _write_sitemap(site_dir: Path, content: SiteContent, directory_urls: bool) -> None:
    """A sitemap with every page, for Material's version selector.

    Material keeps the reader on the same page across versions by looking the page up in
    the other version's sitemap.xml; MkDocs writes an empty one when `site_url` is not set.
    """
    from xml.sax.saxutils import escape

    from .site import urls

    locs = sorted({_SITEMAP_HOST + urls.page_url(uri, directory_urls) for uri in content.pages})
    body = "".join(f"  <url><loc>{escape(loc)}</loc></url>\n" for loc in locs)
    xml = '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + body + "</urlset>\n"
    (site_dir / "sitemap.xml").write_text(xml, encoding="utf-8")
    (site_dir / "sitemap.xml.gz").write_bytes(gzip.compress(xml.encode("utf-8"), mtime=0))


def _configure_markdown(config: MkDocsConfig) -> None:
    # attr_list gives the generated headings stable ids (`## Examples {#examples}`).
    if "attr_list" not in config.markdown_extensions:
        config.markdown_extensions.append("attr_list")
    # The changelog marks removed words ~~so~~ (pymdownx comes with Material).
    if "pymdownx.tilde" not in config.markdown_extensions:
        config.markdown_extensions.append("pymdownx.tilde")
    # Python-Markdown's default slugify drops every non-ASCII letter: Bengali headings
    # would all get ids like "_1". pymdownx (a dependency of Material) keeps them.
    toc = config.mdx_configs.setdefault("toc", {})
    if "slugify" not in toc:
        from pymdownx.slugs import slugify

        toc["slugify"] = slugify(case="lower")


def _date(value: str | dt.date | None) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise PluginError(f"labelbook: release_date '{value}' is not a date (YYYY-MM-DD)") from exc
