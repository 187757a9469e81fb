"""How the plugin configures MkDocs and Material for one language's site, and the sitemap
that Material's version selector reads. Called from the plugin's events (`site.plugin`)."""

from __future__ import annotations

import datetime as dt
import gzip
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger

from labelbook.core.i18n import Translator
from labelbook.site import assets, urls
from labelbook.site.pages import SiteContent

log = get_plugin_logger("labelbook")


def language_roots(languages: list[str], lang: str, source: str) -> dict[str, str]:
    """Each language's site root relative to the root of this build's site."""
    up = "" if lang == source else "../"
    return {code: (up if code == source else ("" if code == lang else f"{up}{code}/")) for code in languages}


def configure_theme(config: MkDocsConfig, lang: str) -> None:
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


def configure_versions(config: MkDocsConfig, versioned: bool, lang: str, source: str, t: Translator) -> None:
    """Material's version selector and outdated banner, when the site is one of several versions.

    `labelbook build --versions` sets `versioned`; a site deployed with mike sets
    `extra.version.provider: mike` itself. The source language keeps Material's own selector;
    a translated site, one folder deeper, gets labelbook's (assets/versions.js).
    """
    version = dict(config.extra.get("version") or {})
    if not versioned and version.get("provider") != "mike":
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


def write_sitemap(site_dir: Path, content: SiteContent, directory_urls: bool) -> None:
    """A sitemap with every page, for Material's version selector.

    Material keeps the reader on the same page across versions by looking the page up in
    the other version's sitemap.xml; MkDocs writes an empty one when `site_url` is not set.
    """
    from xml.sax.saxutils import escape

    locs = sorted({_SITEMAP_HOST + urls.page_url(uri, directory_urls) for uri in content.pages})
    body = "".join(f"  <url><loc>{escape(loc)}</loc></url>\n" for loc in locs)
    xml = '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + body + "</urlset>\n"
    (site_dir / "sitemap.xml").write_text(xml, encoding="utf-8")
    (site_dir / "sitemap.xml.gz").write_bytes(gzip.compress(xml.encode("utf-8"), mtime=0))


def configure_markdown(config: MkDocsConfig) -> None:
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


def release_date(value: str | dt.date | None) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise PluginError(f"labelbook: release_date '{value}' is not a date (YYYY-MM-DD)") from exc
