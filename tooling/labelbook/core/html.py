"""How text from a guideline repository becomes HTML: the one path for every page and file.

Every file of a repository is untrusted input (SPEC.md §3): a pull request may put markup
into any title, body or rationale, and the site then runs in every labeler's browser. So
each text goes through exactly one of these on its way to HTML:

- `escape`: text in HTML text, an attribute value or `<title>`;
- `markdown_text`: text inside a Markdown source where neither HTML nor Markdown may apply;
- `script_json`: data inside a `<script type="application/json">` element;
- `render_markdown`: Markdown (bodies, rationales, pages) to HTML, then `sanitize`;
- `sanitize`: an allow-list of plain formatting HTML (nh3, the binding of ammonia);
- `plain_text`: HTML back to text (a title MkDocs took from a heading);
- `to_xhtml`: sanitised HTML as the XHTML that the LMS formats carry.

Plain Python: nothing here knows MkDocs, so quiz, history and score use it too.
"""

from __future__ import annotations

import functools
import html
import json
import posixpath
import re
from collections.abc import Callable
from html.parser import HTMLParser
from typing import Any
from xml.etree import ElementTree as ET

import markdown
import nh3
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

#: Plain formatting HTML, as Markdown and its usual extensions write it.
TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd", "del",
    "details", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6",
    "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "samp", "small",
    "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr",
    "u", "ul", "var",
})
_ATTRIBUTES = {
    "*": {"class", "title", "lang", "dir"},
    "a": {"href", "id"},
    "img": {"src", "alt", "width", "height"},
    "ol": {"start", "reversed", "type"},
    "li": {"value", "id"},
    "td": {"colspan", "rowspan", "style", "align"},
    "th": {"colspan", "rowspan", "style", "align", "scope"},
    "col": {"span"},
    "colgroup": {"span"},
    "details": {"open"},
    "blockquote": {"cite"},
    "q": {"cite"},
    "sup": {"id"},
    "span": {"id"},
    "div": {"id"},
    **{f"h{n}": {"id"} for n in range(1, 7)},
}
#: Schemes a link may have; `data:` only reaches an <img> (see `_attribute`).
URL_SCHEMES = frozenset({"http", "https", "mailto"})
_URL_ATTRIBUTES = frozenset({"href", "src", "cite"})
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):", re.IGNORECASE)
# Browsers drop these from a URL before reading its scheme ("java\tscript:").
_URL_NOISE = re.compile(r"[\x00-\x20\x7f]+")
#: ids and classes of labelbook's and Material's own elements: a page must not fake
#: labelbook's notices, nor shadow an element that a script looks up by id (`__config`);
#: nor use `mermaid`, for which Material fetches mermaid.js from a CDN (the site makes no
#: request to another host).
_RESERVED = re.compile(r"^(?:_|lb-|md-|mermaid$)", re.IGNORECASE)


def escape(value: str, *, quote: bool = True) -> str:
    """Text for HTML text, a quoted attribute value or `<title>`: nothing in it is markup.

    `quote=False` leaves quotes as they are, for text that is never an attribute value.
    """
    return html.escape(value, quote=quote)


#: Characters Python-Markdown treats as syntax in inline text (its ESCAPED_CHARS, and `|`
#: for tables); `~` has no backslash escape, so it becomes a character reference.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()>#+\-.!|])")


def markdown_text(value: str) -> str:
    """Text for an inline Markdown context (a heading, a list item): neither HTML nor Markdown applies.

    One line: a line break would start a new Markdown block (`===` under it, a heading).
    """
    value = " ".join(value.splitlines())
    return _MD_SPECIAL.sub(r"\\\1", escape(value, quote=False)).replace("~", "&#126;")


def script_json(data: Any) -> str:
    """JSON for the inside of a `<script>` element.

    No text in it can close the element (`</script>`), open a comment (`<!--`) or end a
    line of script (U+2028, U+2029): those characters are written as JSON escapes.
    """
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for char, code in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, code)
    return text


def safe_url(url: str, *, image: bool = False) -> str | None:
    """`url` when it may appear in a page, else None.

    Links: http, https, mailto, relative and `#`. Images: relative paths and `data:image/*`
    only, because the site makes no request to another host (SPEC.md §3).
    """
    bare = _URL_NOISE.sub("", html.unescape(url))
    match = _SCHEME.match(bare)
    if image:
        if match:
            return url if match.group(1).lower() == "data" and bare[5:].lower().startswith("image/") else None
        # `//host/x` (or `\\host\x`, which browsers read the same way) is another host
        return None if bare.replace("\\", "/").startswith("//") else url
    if match is None:
        return url
    return url if match.group(1).lower() in URL_SCHEMES else None


def _attribute(tag: str, name: str, value: str) -> str | None:
    if name in _URL_ATTRIBUTES:
        return safe_url(value, image=tag == "img" and name == "src")
    if name == "id":
        return None if _RESERVED.match(value) else value
    if name == "class":
        kept = [c for c in value.split() if not _RESERVED.match(c)]
        return " ".join(kept) or None
    return value


@functools.cache
def _cleaner() -> nh3.Cleaner:
    return nh3.Cleaner(
        tags=set(TAGS),
        clean_content_tags={"script", "style"},
        attributes={tag: set(names) for tag, names in _ATTRIBUTES.items()},
        attribute_filter=_attribute,
        url_schemes=set(URL_SCHEMES) | {"data"},  # data: is narrowed to images by _attribute
        link_rel=None,
        filter_style_properties={"text-align"},  # Markdown tables align columns this way
        strip_comments=True,
    )


def sanitize(fragment: str) -> str:
    """HTML from an untrusted source, reduced to the allow-list: nothing left in it runs.

    Kept: `TAGS`, their plain attributes, heading ids for anchors. Dropped: every other
    element (script and style with their content), event and data attributes, styles but
    table alignment, URLs other than `safe_url` allows, and the ids and classes that
    labelbook's and Material's own elements use.
    """
    return _cleaner().clean(fragment)


def plain_text(fragment: str) -> str:
    """The text of an HTML fragment, without any markup (character references decoded)."""
    return html.unescape(nh3.clean(fragment, tags=set()))


# -- Markdown ---------------------------------------------------------------------------

#: `link(path)`: the URL of the page a relative `.md` link leads to, or None to leave it.
LinkFn = Callable[[str], "str | None"]


class _Links(Treeprocessor):
    """Relative links to `.md` files become the site's URLs, as MkDocs does for its pages."""

    link: LinkFn | None = None

    def run(self, root: ET.Element) -> None:
        if self.link is None:
            return
        for el in root.iter("a"):
            href = el.get("href", "")
            if href and "://" not in href and not href.startswith(("#", "/", "mailto:")):
                path, _, anchor = href.partition("#")
                if path.endswith(".md"):
                    new = self.link(posixpath.normpath(path))
                    if new is not None:
                        el.set("href", new + (f"#{anchor}" if anchor else ""))


class _LinkExtension(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.treeprocessors.register(_Links(md), "labelbook_links", 1)


@functools.cache
def _renderer(allow_html: bool, xhtml: bool) -> markdown.Markdown:
    """One Markdown instance per mode, reused after `reset()`.

    Building an instance cost more than converting a rationale's few sentences: 20,000 of
    them were an eighth of a build.
    """
    md = markdown.Markdown(
        extensions=["tables", "fenced_code", "sane_lists", _LinkExtension()],
        output_format="xhtml" if xhtml else "html",
    )
    if not allow_html:
        # Python-Markdown has no safe mode since 3.0: without its raw-HTML preprocessor and
        # inline pattern, `<b>` comes out as `&lt;b&gt;`.
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
    return md


#: What makes a text more than one paragraph of plain words for Python-Markdown with our
#: extensions: a character some syntax starts with (or whitespace it rewrites), a line
#: that starts with anything but a letter, a quote or a parenthesis (lists, headings,
#: code, rules), a space at the end of a line (a line break), a blank line.
_NOT_PLAIN = re.compile(
    r"[\\`*_{}\[\]<>&|~=\t\r\f\v\x00-\x08\x0b-\x1f\x7f\x85\xa0\u2028\u2029]"
    r"|(?:^|\n)(?![^\W\d_]|[\"'(])"
    r"| (?:\n|$)"
)


def is_plain_paragraph(source: str) -> bool:
    """Whether Markdown makes `source` one <p> of its own text (trailing line ends aside).

    Most rationales are: without Python-Markdown a site's pages are made in 60% of the time
    (1,000 rules). tests/core/test_markdown_plain.py holds this to Python-Markdown.
    """
    return _NOT_PLAIN.search(source.rstrip("\n")) is None


def render_markdown(source: str, *, allow_html: bool = True, link: LinkFn | None = None, xhtml: bool = False) -> str:
    """Markdown -> sanitised HTML (or XHTML). `allow_html=False` shows raw HTML as text."""
    if is_plain_paragraph(source):
        text = source.rstrip("\n")
        rendered = f"<p>{text}</p>"  # nothing in it is markup: it holds no & < >
    else:
        md = _renderer(allow_html, xhtml)
        links = md.treeprocessors["labelbook_links"]
        links.link = link
        try:
            rendered = md.reset().convert(source)
        finally:
            links.link = None
    clean = sanitize(rendered)
    return to_xhtml(clean) if xhtml else clean


# -- XHTML ------------------------------------------------------------------------------

_VOID = frozenset(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"])
# Characters XML 1.0 cannot carry at all: replaced by U+FFFD, as the XML exporters do.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


class _XhtmlWriter(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []

    def _tag(self, tag: str, attrs: list[tuple[str, str | None]], end: str) -> None:
        text = "".join(f' {k}="{_xml(v or k)}"' for k, v in attrs)
        self.out.append(f"<{tag}{text}{end}")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._tag(tag, attrs, " />" if tag in _VOID else ">")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._tag(tag, attrs, " />" if tag in _VOID else f"></{tag}>")

    def handle_endtag(self, tag: str) -> None:
        if tag not in _VOID:
            self.out.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        self.out.append(_xml(data))


def _xml(text: str) -> str:
    return html.escape(_NOT_XML.sub("\ufffd", text), quote=True)


def to_xhtml(fragment: str) -> str:
    """A sanitised HTML fragment as well-formed XHTML (void elements closed, only XML's entities).

    The input must come from `sanitize`: its elements are balanced, so re-writing them
    tag by tag gives well-formed XML.
    """
    writer = _XhtmlWriter()
    writer.feed(fragment)
    writer.close()
    return "".join(writer.out)
