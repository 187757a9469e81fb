"""Small HTML and Markdown building blocks of the generated pages.

Page sources are Markdown with raw HTML blocks for the structured parts. Python-Markdown
passes a raw HTML block through untouched as long as it starts at the beginning of a line
and holds no blank line, so every block built here is one element without blank lines.
"""

from __future__ import annotations

import functools
import html
import posixpath
import re
from typing import Callable
from xml.etree import ElementTree as ET

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

#: Characters Python-Markdown treats as syntax in inline text (its ESCAPED_CHARS).
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()>#+\-.!|])")


def text(value: str) -> str:
    """Plain text for HTML: nothing in it is markup."""
    return html.escape(value, quote=True)


def md_text(value: str) -> str:
    """Plain text for an inline Markdown context (a heading): neither HTML nor Markdown applies."""
    return _MD_SPECIAL.sub(r"\\\1", html.escape(value, quote=False))


def heading(level: int, title: str, id: str | None = None) -> str:
    """A Markdown heading whose text is plain text; `id` needs attr_list (the plugin enables it)."""
    return "#" * level + " " + md_text(title) + (f" {{#{id}}}" if id else "")


def plain_block(value: str) -> str:
    """Untrusted plain text (example content) as HTML: escaped, line breaks kept as <br>.

    No raw newline is left, so the text cannot end the surrounding raw HTML block
    with a blank line and fall back into Markdown.
    """
    lines = value.strip("\n").split("\n")
    return "<br>".join(html.escape(line, quote=True) for line in lines)


def attrs(**values: str | None) -> str:
    """' a="1" b="2"' from keyword arguments; `class_` gives class, `data_x` gives data-x."""
    out = []
    for key, value in values.items():
        if value is None:
            continue
        name = "class" if key == "class_" else key.replace("_", "-")
        out.append(f' {name}="{html.escape(value, quote=True)}"')
    return "".join(out)


def tag(name: str, inner: str, **values: str | None) -> str:
    return f"<{name}{attrs(**values)}>{inner}</{name}>"


def notice(kind: str, title: str, body_html: str, *, code: str) -> str:
    """A Material admonition (styled by Material's CSS; no Markdown extension needed)."""
    return (
        f'<div class="admonition {kind} lb-notice lb-notice--{code}" data-notice="{code}" role="note">'
        f'<p class="admonition-title">{text(title)}</p><p>{body_html}</p></div>'
    )


def collapsible(kind: str, summary: str, inner_html: str, *, class_: str, lang: str | None = None) -> str:
    """A closed <details>; Material styles `details.<kind>` like a collapsible admonition."""
    return (
        f'<details class="{kind} {class_}"{attrs(lang=lang)}>'
        f"<summary>{text(summary)}</summary>{inner_html}</details>"
    )


# -- Markdown rendered by us (example rationale, outdated translations) ---------------

LinkFn = Callable[[str], str | None]


class _Links(Treeprocessor):
    """Rewrite relative links to `.md` files into the site's URLs, as MkDocs would."""

    def __init__(self, md: markdown.Markdown, link: LinkFn) -> None:
        super().__init__(md)
        self.link = link

    def run(self, root: ET.Element) -> None:
        for el in root.iter("a"):
            href = el.get("href", "")
            if href and "://" not in href and not href.startswith(("#", "/", "mailto:")):
                path, _, anchor = href.partition("#")
                if path.endswith(".md"):
                    new = self.link(posixpath.normpath(path))
                    if new is not None:
                        el.set("href", new + (f"#{anchor}" if anchor else ""))


class _LinkExtension(Extension):
    def __init__(self, link: LinkFn) -> None:
        super().__init__()
        self.link = link

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 - Markdown's API
        md.treeprocessors.register(_Links(md, self.link), "labelbook_links", 1)


def _keep(href: str) -> None:
    return None  # no rewriting: a link stays as written


@functools.cache
def _renderer(allow_html: bool) -> tuple[markdown.Markdown, _Links]:
    """One Markdown instance per HTML mode, reused (after `reset()`) for every rationale.

    Building a Markdown instance (its extensions, processors and patterns) cost more than
    converting the few sentences of a rationale: 20,000 of them were an eighth of a build.
    The link rewriter is set per call.
    """
    links = _LinkExtension(_keep)
    md = markdown.Markdown(extensions=["tables", "fenced_code", "sane_lists", links], output_format="html")
    if not allow_html:
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
    return md, md.treeprocessors["labelbook_links"]


def render_markdown(source: str, *, allow_html: bool, link: LinkFn | None = None) -> str:
    """Markdown -> HTML. With `allow_html=False` raw HTML is shown as text, not passed through.

    Python-Markdown has no safe mode since 3.0; removing its raw-HTML block preprocessor
    and inline pattern is the documented way to make `<b>` come out as `&lt;b&gt;`.
    """
    md, links = _renderer(allow_html)
    links.link = link or _keep
    rendered = md.reset().convert(source)
    # No raw newline: the result goes inside a raw HTML block, where a blank line would
    # end the block. A character reference keeps line breaks inside <pre> intact.
    return rendered.strip().replace("\n", "&#10;")
