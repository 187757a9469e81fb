"""Material's search sections of a page, found in 40% of the time.

Material's search plugin cuts each page's HTML into sections (a heading and the text up to
the next one) with a subclass of `html.parser.HTMLParser`: pure Python called back for
every tag and every run of text, with set operations on each. At 1,000 rules that was
about a quarter of each language's build, as much as the navigation.

`sections` gives exactly the sections Material's `Parser` gives, from one regular
expression over the page and the same decisions made on tag names; Material then makes
the index entries from them as always (`SearchIndex.create_entry_for_section`). It reads
the well-formed HTML that MkDocs and labelbook's sanitiser write: start and end tags with
plain attributes, and text. Anything else (a comment, a `<` that starts no tag, a script
or style, whose contents HTMLParser reads by other rules) sends the page to Material's
parser, so the sections are Material's whatever the page holds.
`tests/site/test_search_sections.py` compares the two on every page of built sites and on
generated HTML.
"""

from __future__ import annotations

import functools
import re
from html import escape, unescape
from typing import Any, Mapping

from material.plugins.search.plugin import Element, Parser, Section

#: A start tag with plain attributes, an end tag, or a run of text. HTMLParser accepts
#: more; what this does not match goes to Material's parser.
_TOKEN = re.compile(
    r"""<(?P<tag>[a-zA-Z][a-zA-Z0-9-]*)
        (?P<attrs>(?:\s+[a-zA-Z_:][-a-zA-Z0-9_:.]*(?:\s*=\s*(?:"[^"<]*"|'[^'<]*'|[^\s"'=<>`]+))?)*)
        \s*(?P<selfclosing>/)?>
      |</(?P<end>[a-zA-Z][a-zA-Z0-9-]*)\s*>
      |(?P<text>[^<]+)""",
    re.VERBOSE,
)
_ATTR = re.compile(r"""([a-zA-Z_:][-a-zA-Z0-9_:.]*)(\s*=\s*(?:"([^"<]*)"|'([^'<]*)'|([^\s"'=<>`]+)))?""")
#: Elements whose content HTMLParser does not read as HTML.
_RAW_TEXT = {"script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript", "plaintext"}
_HEADINGS = {f"h{x}" for x in range(1, 7)}
#: Material's Parser: tags kept in the index's text, tags whose content is left out, void tags.
_KEEP = {"p", "code", "pre", "li", "ol", "ul", "sub", "sup"}
_ALWAYS_SKIPPED = ("object", "script", "style")
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}


class _Unusual(Exception):
    """HTML this module leaves to Material's parser."""


def sections(html: str) -> list[Section]:
    """Material's `Parser(html).data`: the page's sections, in order."""
    try:
        return _Sections().read(html)
    except (_Unusual, ValueError):  # ValueError: where Material's parser fails too, let it say how
        parser = Parser()
        parser.feed(html)
        parser.close()
        return parser.data


class _Sections:
    """Material's `Parser`, on tag names: its `Element`s compare and hash by tag alone, so
    its `skip` set and its `in context` tests are about tag names."""

    def __init__(self) -> None:
        self.context: list[Element] = []
        self.open: dict[str, int] = {}  # tag -> how many of context have it
        self.skip: set[str] = set(_ALWAYS_SKIPPED)
        self.skipped = 0  # how many of context have a tag of `skip`: Material's skip.intersection(context)
        self.section: Section | None = None
        self.data: list[Section] = []

    def read(self, html: str) -> list[Section]:
        at = 0
        for token in _TOKEN.finditer(html):
            if token.start() != at:
                raise _Unusual  # a `<` that starts no token of ours
            at = token.end()
            kind = token.lastgroup
            if kind == "text":
                text = token.group("text")
                self.text(unescape(text) if "&" in text else text)
            elif kind == "end":
                self.end(token.group("end").lower())
            else:
                tag = token.group("tag").lower()
                if tag in _RAW_TEXT:
                    raise _Unusual
                self.start(tag, _attributes(token.group("attrs")) if token.group("attrs") else {})
                if token.group("selfclosing"):
                    self.end(tag)
        if at != len(html):
            raise _Unusual
        return self.data

    def new_section(self, el: Element, depth: int = 0) -> Section:
        section = Section(el, depth)
        self.data.append(section)
        return section

    def start(self, tag: str, attrs: dict[str, str | None]) -> None:
        if tag in _VOID:
            return
        el = Element(tag, attrs)
        self.context.append(el)
        self.open[tag] = self.open.get(tag, 0) + 1
        if tag in self.skip:
            self.skipped += 1
        if tag in _HEADINGS and "id" in attrs:
            depth = len(self.context)
            if tag != "h1" and not self.data:
                self.section = self.new_section(Element("hx"), depth)
            section = Section(el, depth)
            if self.data:
                section.id = attrs["id"]
            self.data.append(section)
            self.section = section
        if self.section is None:
            self.section = self.new_section(Element("hx"))
        if attrs and ("data-search-exclude" in attrs or attrs.get("class") == "linenodiv"):
            if tag not in self.skip:
                self.skip.add(tag)
                self.skipped += self.open[tag]
            return
        if tag in _KEEP and not self.skipped:
            self._target().append(f"<{tag}>")

    def end(self, tag: str) -> None:
        if not self.context or self.context[-1].tag != tag:
            return
        section = self.section
        assert section is not None  # a start tag that is not void made one
        depth = len(self.context)
        if section.depth > depth:
            for earlier in reversed(self.data):
                if earlier.depth <= depth:
                    section.depth = float("inf")
                    self.section = earlier
                    break
        self.context.pop()
        self.open[tag] -= 1
        if tag in self.skip:
            self.skipped -= 1
            if tag not in _ALWAYS_SKIPPED:
                self.skip.discard(tag)
                self.skipped -= self.open[tag]
            return
        if tag in _KEEP and not self.skipped:
            data = self._target()
            index = data.index(f"<{tag}>")
            for i in range(index + 1, len(data)):
                if not data[i].isspace():
                    index = len(data)
                    break
            if len(data) > index:
                del data[index:]
            else:
                data.append(f"</{tag}>")

    def text(self, data: str) -> None:
        if self.skipped:
            return
        pre = self.open.get("pre")
        if not pre:
            data = " " if data.isspace() else data.replace("\n", " ")
        if self.section is None:
            self.section = self.new_section(Element("hx"))
        section = self.section
        if self.open.get(section.el.tag):
            if not any(el.tag == "a" and el.attrs.get("class") == "headerlink" for el in self.context):
                section.title.append(escape(data, quote=False))
        elif data.isspace():
            if not section.text or not section.text[-1].isspace() or pre:
                section.text.append(data)
        else:
            section.text.append(escape(data, quote=False))

    def _target(self) -> list[str]:
        """The list Material appends to: the section's title while inside its heading."""
        assert self.section is not None
        return self.section.title if self.open.get(self.section.el.tag) else self.section.text


def _attributes(source: str) -> dict[str, str | None]:
    """HTMLParser's attributes as Material's parser sees them: lower-case names, values
    unescaped (None for a name without `=`), the last of a repeated name."""
    out: dict[str, str | None] = {}
    for name, equals, double, single, bare in _ATTR.findall(source):
        value = double or single or bare
        out[name.lower()] = (unescape(value) if value else "") if equals else None
    return out


def add_entry(index: Any, page: Any) -> None:
    """Material's `SearchIndex.add_entry_from_context`, with `sections` for its Parser."""
    search = page.meta.get("search") or {}
    if search.get("exclude"):
        return
    for section in sections(page.content):
        if not section.is_excluded():
            index.create_entry_for_section(section, page.toc, page.url, page)


def index_quickly(plugins: Mapping[str, Any]) -> None:
    """Have the search plugin among `plugins` find its sections with `sections`. Left as
    it is where Material's index is not the one this module knows."""
    for plugin in plugins.values():
        index = getattr(plugin, "search_index", None)
        known = callable(getattr(index, "add_entry_from_context", None)) and callable(getattr(index, "create_entry_for_section", None))
        if known and not isinstance(index.add_entry_from_context, functools.partial):  # not twice (the live preview)
            index.add_entry_from_context = functools.partial(add_entry, index)
