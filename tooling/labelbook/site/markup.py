"""Small HTML and Markdown building blocks of the generated pages, and their trust.

Page sources are Markdown with raw HTML blocks for the structured parts. Python-Markdown
passes a raw HTML block through untouched as long as it starts at the beginning of a line
and holds no blank line, so every block built here is one element without blank lines.

Trust: the raw HTML labelbook writes (escaping every repository text with `text`) is
marked with `html_block`. The plugin takes the marked blocks out of a page's source before
Markdown (`split_blocks`: Markdown then renders only the repository's text around them),
and after MkDocs has rendered the page `sanitize_page` puts exactly those blocks back and
passes everything else - rule bodies, hand-written pages, and whatever Markdown made of
them - through the allow-list sanitiser of `labelbook.core.html`.
"""

from __future__ import annotations

import re
import secrets

from labelbook.core import html as lbhtml
from labelbook.core.html import LinkFn


def text(value: str) -> str:
    """Plain text for HTML: nothing in it is markup."""
    return lbhtml.escape(value)


def md_text(value: str) -> str:
    """Plain text for an inline Markdown context (a heading): neither HTML nor Markdown applies."""
    return lbhtml.markdown_text(value)


def heading(level: int, title: str, id: str) -> str:
    """A heading of labelbook's own, as an HTML block (`html_block`).

    Not Markdown: these headings follow repository Markdown, and an element that Markdown
    leaves open would take a Markdown heading in as text. The plugin adds them to the
    table of contents, which MkDocs builds from Markdown headings only.
    """
    return html_block(f'<h{level} id="{text(id)}">{text(title)}</h{level}>')


def plain_block(value: str) -> str:
    """Untrusted plain text (example content) as HTML: escaped, line breaks kept as <br>."""
    lines = value.strip("\n").split("\n")
    return "<br>".join(text(line) for line in lines)


def attrs(**values: str | None) -> str:
    """' a="1" b="2"' from keyword arguments; `class_` gives class, `data_x` gives data-x."""
    out = []
    for key, value in values.items():
        if value is None:
            continue
        name = "class" if key == "class_" else key.replace("_", "-")
        out.append(f' {name}="{text(value)}"')
    return "".join(out)


def tag(name: str, inner: str, **values: str | None) -> str:
    return f"<{name}{attrs(**values)}>{inner}</{name}>"


def notice(kind: str, title: str, body_html: str, *, code: str) -> str:
    """A Material admonition (styled by Material's CSS; no Markdown extension needed)."""
    return (
        f'<div class="admonition {text(kind)} lb-notice lb-notice--{text(code)}" data-notice="{text(code)}" role="note">'
        f'<p class="admonition-title">{text(title)}</p><p>{body_html}</p></div>'
    )


def collapsible(kind: str, summary: str, inner_html: str, *, class_: str, lang: str | None = None) -> str:
    """A closed <details>; Material styles `details.<kind>` like a collapsible admonition."""
    return (
        f'<details{attrs(class_=f"{kind} {class_}", lang=lang)}>'
        f"<summary>{text(summary)}</summary>{inner_html}</details>"
    )


def unindexed(inner_html: str) -> str:
    """`inner_html` shown on the page but left out of the search index.

    Material's indexer skips an element marked `data-search-exclude` until the first end
    tag of the same name, so the mark goes on an element of a name that nothing inside
    can have; the stylesheet lays it out as if it were not there (`display: contents`).
    """
    return f'<lb-unindexed data-search-exclude="true">{inner_html}</lb-unindexed>'


# -- passages in another language --------------------------------------------------------
#
# Repository Markdown that is shown in the source language on a translation's page (a
# missing or stale translation) is rendered by MkDocs, outside labelbook's blocks; these
# marks, blocks of their own, say where such a passage starts and ends, and which heading
# is in another language. `sanitize_page` turns them into the element and attribute.

_LANG_START = re.compile(r'<div data-lb-lang-start="([a-z]{2,3}(?:-[A-Za-z0-9]{1,8})*)"></div>')
_LANG_END = '<div data-lb-lang-end=""></div>'
_HEADING_LANG = re.compile(r'<div data-lb-heading-lang="([a-z]{2,3}(?:-[A-Za-z0-9]{1,8})*)"></div>')
_HEADING_TAG = re.compile(r"<h[1-6](?=[\s>])")


def lang_start(lang: str) -> str:
    """Where a passage in `lang` starts (a block of its own, before Markdown); `lang_end` ends it."""
    return html_block(f'<div data-lb-lang-start="{text(lang)}"></div>')


def lang_end() -> str:
    return html_block(_LANG_END)


def heading_lang(lang: str) -> str:
    """After a Markdown heading: that heading is in `lang` (a page's title in the source language)."""
    return html_block(f'<div data-lb-heading-lang="{text(lang)}"></div>')


# -- Markdown rendered by us (example rationale, outdated translations) ---------------


def render_markdown(source: str, *, allow_html: bool, link: LinkFn | None = None) -> str:
    """Markdown -> sanitised HTML for inside a raw HTML block. `allow_html=False` shows raw HTML as text."""
    # No raw newline: the result goes inside a raw HTML block, where a blank line would
    # end the block. A character reference keeps line breaks inside <pre> intact.
    return lbhtml.render_markdown(source, allow_html=allow_html, link=link).strip().replace("\n", "&#10;")


# -- trust ----------------------------------------------------------------------------

# Marks of labelbook's own blocks. Random per process, so that no repository text can
# mark its own HTML as ours; they never reach the built pages.
_NONCE = secrets.token_hex(16)
_OPEN, _CLOSE = f"<!--lb-block {_NONCE}-->", f"<!--/lb-block {_NONCE}-->"
#: What stands for a block in the Markdown MkDocs renders (`split_blocks`): its number.
_PLACEHOLDER = re.compile(f"<!--lb-block {_NONCE} ([0-9]+)-->")


#: What Python-Markdown would change in a raw HTML block (it expands tabs, ends lines at
#: CR, drops STX/ETX, and a blank line ends the block): as character references, or
#: U+FFFD for the control characters HTML has no use for.
_REWRITTEN = re.compile("[\x00-\x1f\x7f]")
_REFERENCES = {"\t": "&#9;", "\n": "&#10;", "\r": "&#13;"}


def html_block(html: str) -> str:
    """labelbook's own raw HTML as a block of a page source: it reaches the reader as written.

    Only for HTML built here, with every repository text escaped (`text`, `tag`) or
    rendered by `render_markdown`.
    """
    html = _REWRITTEN.sub(lambda m: _REFERENCES.get(m.group(0), "\ufffd"), html)
    return f"{_OPEN}\n\n{html}\n\n{_CLOSE}"


def split_blocks(source: str) -> tuple[str, list[str]]:
    """(the Markdown MkDocs is to render, labelbook's blocks) of a page source.

    Each block becomes a one-line HTML comment that holds its number: Python-Markdown then
    parses only the repository's Markdown around the blocks, not the HTML of examples and
    tables (which it stashed and gave back unchanged, at a third of a build's Markdown
    time), and `sanitize_page` puts the blocks back.
    """
    out: list[str] = []
    blocks: list[str] = []
    pos = 0
    while (start := source.find(_OPEN, pos)) >= 0 and (end := source.find(_CLOSE, start)) >= 0:
        out.append(source[pos:start])
        out.append(f"<!--lb-block {_NONCE} {len(blocks)}-->")
        blocks.append(source[start + len(_OPEN) : end].strip())
        pos = end + len(_CLOSE)
    if not blocks:
        return source, blocks
    out.append(source[pos:])
    return "".join(out), blocks


def sanitize_page(rendered: str, blocks: list[str]) -> str:
    """A page's HTML as MkDocs rendered it: labelbook's blocks put back, the rest sanitised.

    `blocks`: the page's blocks, as `split_blocks` took them out of its source. The HTML
    around and between them is sanitised piece by piece, so that an element a body opens
    cannot enclose labelbook's blocks. A block's placeholder that Markdown did not give
    back as it was (inside a code block, a second time) brings nothing.
    """
    out: list[str] = []
    pos = 0
    left = set(range(len(blocks)))
    for match in _PLACEHOLDER.finditer(rendered):
        out.append(lbhtml.sanitize(rendered[pos : match.start()]))
        number = int(match.group(1))
        if number in left:
            left.discard(number)
            out.append(_mark(blocks[number], out))
        pos = match.end()
    out.append(lbhtml.sanitize(rendered[pos:]))
    return "\n".join(part for part in out if part.strip())


def _mark(block: str, before: list[str]) -> str:
    """One of labelbook's blocks as the page shows it: a language mark becomes its element or attribute.

    Every piece between a start and an end mark was sanitised on its own, so the element
    that the marks open and close encloses whole elements only. `before`: the pieces of the
    page so far; a heading's mark sets the language of the last heading among them.
    """
    start = _LANG_START.fullmatch(block)
    if start:
        return f'<div class="lb-lang" lang="{start.group(1)}">'
    if block == _LANG_END:
        return "</div>"
    heading = _HEADING_LANG.fullmatch(block)
    if heading is None:
        return block
    for i in reversed(range(len(before))):
        tags = list(_HEADING_TAG.finditer(before[i]))
        if tags:
            at = tags[-1].end()
            before[i] = f'{before[i][:at]} lang="{heading.group(1)}"{before[i][at:]}'
            break
    return ""


# A run of tags between two words of text, e.g. `Comment</dd><dt>Correct`: Material's
# indexer joins the text on both sides into one word. Block-level and line-break tags
# are a word boundary on the page; one space makes them a boundary in the index too.
# (The look-behind follows the first `<`, so that the engine skips to each `<` instead
# of trying every position of the page: a seventeenth of the time.)
_GLUED = re.compile(r"<(?<=[^\s>]<)[^<>]*>(?:<[^<>]*>)*(?=[^\s<])")
_BLOCK_TAGS = (
    "address|article|aside|blockquote|caption|dd|details|div|dl|dt|figcaption|figure|footer|h[1-6]|header|hr|"
    "li|nav|ol|p|section|summary|table|tbody|td|tfoot|th|thead|tr|ul|lb-unindexed"
)
_BLOCK_END = re.compile(rf"</(?:{_BLOCK_TAGS})\s*>", re.IGNORECASE)
_HEADING_START = re.compile(r"<h[1-6]\b[^>]*>", re.IGNORECASE)
_BREAK = re.compile(rf"<(?:{_BLOCK_TAGS}|br)\b[^>]*>", re.IGNORECASE)


def separate_words(html: str) -> str:
    """The page's HTML with a space where tags alone separate two words of different blocks.

    Where the space goes it changes nothing on the page: after a heading's start tag (so
    that a heading's words do not join the words before it in the index's section title),
    else after the first block end tag, else before the first block start or line break.
    """

    def space(match: re.Match[str]) -> str:
        run = match.group(0)
        headings = list(_HEADING_START.finditer(run))
        end = _BLOCK_END.search(run)
        start = _BREAK.search(run)
        if headings:
            at = headings[-1].end()
        elif end is not None:
            at = end.end()
        elif start is not None:
            at = start.end() if start.group(0)[1:3].lower() == "br" else start.start()
        else:
            return run  # inline tags only: the words are one word on the page too
        return f"{run[:at]} {run[at:]}"

    return _GLUED.sub(space, html)
