"""How the plugin configures MkDocs and Material for one language's site, the sitemap
that Material's version selector reads, and the escaping of every repository text that
Material's templates print. Called from the plugin's events (`site.plugin`)."""

from __future__ import annotations

import datetime as dt
import gzip
import html
import re
from pathlib import Path

from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents

from labelbook.core import html as lbhtml
from labelbook.core.i18n import N_, VERSION_NAMES, Translator
from labelbook.history import releases
from labelbook.site import anchors, assets, urls
from labelbook.site.markup import sanitize_page, separate_words

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
    # Each page carries only the navigation a reader can see: the areas, and the rules of
    # the area open. The whole tree in every page made a Bengali rule page half navigation
    # at 100 rules and 850 KB at 2,000, and rendering it was most of a large build's time.
    # Material cannot prune with `navigation.expand`, which a mkdocs.yml may ask for instead.
    features = list(theme.get("features") or [])
    if "navigation.expand" not in features and "navigation.prune" not in features:
        theme["features"] = [*features, "navigation.prune"]
    for css in assets.EXTRA_CSS:
        if css not in config.extra_css:
            config.extra_css.insert(0, css)
    scripts = [str(s) for s in config.extra_javascript]
    for js in assets.EXTRA_JS:
        if js not in scripts:
            config.extra_javascript.append(js)


def configure_versions(config: MkDocsConfig, versioned: bool, lang: str, source: str) -> None:
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


#: What the banner of a version that is not the one in force says, by what that version is.
#: Material (or versions.js) shows it on every version but the default (`latest`).
BANNERS = {
    "draft": (
        N_("This is the draft of the next version of these guidelines: it is not in force yet."),
        N_("Go to this page in the version in force."),
    ),
    "pre-release": (
        N_("This is a pre-release of these guidelines: it is not in force yet."),
        N_("Go to this page in the version in force."),
    ),
    "older": (
        N_("You are reading an older version of these guidelines."),
        N_("Go to this page in the latest version."),
    ),
}


def version_kind(version: str) -> str:
    """'draft' (the working tree), 'pre-release' or 'older': which banner a version shows."""
    if version == "dev":
        return "draft"
    parsed = releases.parse_version(version, "v*")
    return "pre-release" if parsed and getattr(parsed[0], "is_prerelease", False) else "older"


def configure_ui(config: MkDocsConfig, t: Translator, version: str) -> None:
    """The words of Material's templates that labelbook overrides, in the page language:
    the version banner, the 404 page, the footer's credit, and the version names and
    digits labelbook's version selector shows (templates/material-overrides, versions.js)."""
    text, link = BANNERS[version_kind(version)]
    config.extra["labelbook"] = {
        "outdated_text": t._(text),
        "outdated_link": t._(link),
        "not_found_code": t.digits("404"),
        "not_found_title": t._("Page not found"),
        "not_found_text": t._("There is no page at this address in this version of the guidelines."),
        "not_found_link": t._("Go to the home page"),
        "made_with": t._("Made with {generator}"),
    }
    if (config.extra.get("version") or {}).get("provider") == "labelbook":
        # For labelbook's version selector (versions.js), as JSON in the page (main.html).
        config.extra["labelbook"]["versions"] = {
            "names": {name: t.version_name(name) for name in VERSION_NAMES},
            "digits": t.digits("0123456789"),
        }


#: Host of the sitemap written without a site_url: never requested (Material's version
#: selector replaces it by the page's own host and reads only the paths).
_SITEMAP_HOST = "http://localhost/"


def write_sitemap(site_dir: Path, page_uris: list[str], directory_urls: bool) -> None:
    """A sitemap with every page (by src URI), for Material's version selector.

    Material keeps the reader on the same page across versions by looking the page up in
    the other version's sitemap.xml; MkDocs writes an empty one when `site_url` is not set.
    """
    locs = sorted({_SITEMAP_HOST + urls.page_url(uri, directory_urls) for uri in page_uris})
    body = "".join(f"  <url><loc>{lbhtml.escape(loc)}</loc></url>\n" for loc in locs)
    xml = '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + body + "</urlset>\n"
    (site_dir / "sitemap.xml").write_text(xml, encoding="utf-8")
    (site_dir / "sitemap.xml.gz").write_bytes(gzip.compress(xml.encode("utf-8"), mtime=0))


def configure_markdown(config: MkDocsConfig, t: Translator) -> None:
    # attr_list gives the generated headings stable ids (`## Examples {#examples}`).
    if "attr_list" not in config.markdown_extensions:
        config.markdown_extensions.append("attr_list")
    # The changelog marks removed words ~~so~~ (pymdownx comes with Material).
    if "pymdownx.tilde" not in config.markdown_extensions:
        config.markdown_extensions.append("pymdownx.tilde")
    # Anchors that keep every letter and vowel sign of a heading (`#সংজ্ঞা`, see anchors).
    toc = config.mdx_configs.setdefault("toc", {})
    if "slugify" not in toc:
        toc["slugify"] = anchors.slugify
    if toc.get("permalink") and "permalink_title" not in toc:
        toc["permalink_title"] = t._("Link to this section")  # Python-Markdown's is English


def release_date(value: str | dt.date | None) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise PluginError(f"labelbook: release_date '{value}' is not a date (YYYY-MM-DD)") from exc


# -- what Material's templates print ----------------------------------------------------
#
# MkDocs' Jinja environment does not autoescape, and Material prints titles as HTML
# (`{{ page.title }}`, `{{ config.site_name }}`), as MkDocs makes them from headings. So
# each text from the repository (mkdocs.yml included) is given to the templates escaped
# once, as Markup: Material's own `| e` then leaves it as it is (no `&amp;amp;`).


def html_text(value: str | None) -> Markup | None:
    """Text for a template that prints it as HTML: escaped, exactly once."""
    if value is None or isinstance(value, Markup):
        return value
    return Markup(lbhtml.escape(str(value)))


def escape_config(config: MkDocsConfig) -> None:
    """The texts of mkdocs.yml (and the translated site name) that the templates print."""
    config.site_name = html_text(config.site_name)
    config.site_description = html_text(config.site_description)
    config.site_author = html_text(config.site_author)
    if config.copyright and not isinstance(config.copyright, Markup):
        # Documented as HTML (a link to a licence): allowed, but only plain formatting.
        config.copyright = Markup(lbhtml.sanitize(config.copyright))


def escape_nav(items: Navigation | list) -> None:
    """Titles of the navigation (ours, or mkdocs.yml's `nav`) as escaped text; unsafe links dropped."""
    for item in items:
        if isinstance(item, Section):
            item.title = html_text(item.title)
            escape_nav(item.children)
        elif isinstance(item, Link):
            item.title = html_text(item.title)
            item.url = lbhtml.safe_url(item.url) or "#"
        elif isinstance(item, Page) and item.title is not None:
            # Titles not known yet come from the page's first heading (`finish_page`).
            item.title = html_text(item.title)


def finish_page(page: Page, rendered: str, blocks: list[str]) -> str:
    """The page's HTML with labelbook's blocks put back unsanitised, and its titles escaped.

    `blocks`: labelbook's blocks of the page's source (`markup.split_blocks`; [] for a page
    not ours). MkDocs takes a title that no navigation entry gives from the first heading,
    and the table of contents from the Markdown headings: as HTML, made plain text here.
    """
    if not isinstance(page.title, Markup):
        page.title = html_text(lbhtml.plain_text(page.title or ""))
    _add_headings(page.toc, blocks)
    _escape_toc(page.toc)
    if page.present_anchor_ids is not None:
        # MkDocs found the ids of raw HTML in the Markdown it rendered, which no longer
        # holds the blocks: a link to an example (`HS-001.md#HS-001-E01`) is still valid.
        page.present_anchor_ids |= {html.unescape(m) for block in blocks for m in _ID.findall(block)}
    # Words of neighbouring cells and fields stay apart in the search index too.
    return separate_words(sanitize_page(rendered, blocks))


_ID = re.compile(r'\sid="([^"]*)"')
_HEADING = re.compile(r'<h([1-6]) id="([^"]*)">(.*)</h\1>', re.DOTALL)


def _add_headings(toc: TableOfContents, blocks: list[str]) -> None:
    """labelbook's own headings (`markup.heading`) into the table of contents, after the Markdown ones."""
    for block in blocks:
        match = _HEADING.fullmatch(block)
        if match is None:
            continue
        level = int(match.group(1))
        siblings = toc.items
        while siblings and siblings[-1].level < level:
            siblings = siblings[-1].children
        siblings.append(AnchorLink(match.group(3), html.unescape(match.group(2)), level))


def _escape_toc(items: list[AnchorLink] | TableOfContents) -> None:
    for item in items:
        item.title = html_text(lbhtml.plain_text(item.title))
        # Material prints `href="{{ toc_item.url }}"` as it is: an id from attr_list
        # (`{#a"onclick=...}`) would write attributes of its own.
        item.id = lbhtml.escape(item.id)
        _escape_toc(item.children)
