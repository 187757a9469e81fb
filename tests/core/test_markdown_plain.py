"""Plain text skips Python-Markdown only where Python-Markdown would give the very same HTML.

`core.html.render_markdown` renders a text that `is_plain_paragraph` accepts as one
paragraph itself. Hypothesis draws text from words, every Markdown and HTML special
character, line ends and spaces; wherever the shortcut is taken, its HTML must equal what
Python-Markdown (with the renderer's extensions) and the sanitiser make of the text.
"""

from __future__ import annotations

import markdown
from hypothesis import given, settings
from hypothesis import strategies as st
from labelbook.core.html import is_plain_paragraph, render_markdown, sanitize, to_xhtml

WORDS = ["Remove", "the", "clip", "18+", "well-known", "(quote)", '"slur"', "it's", "ভিডিও", "সরিয়ে", "দিন।", "২০২৬", "1.", "2)", "a:b", "x/y", "50%", "!", "#tag"]
SPECIAL = list("\\`*_{}[]<>&|~=#+-.!():;'\"") + ["  ", " ", "\n", "\n\n", "\t", "\u00a0", "    ", "1. ", "- ", "> ", "---", "===", "```", "~~~", "[x](y.md)", "<b>"]
TEXT = st.lists(st.one_of(st.sampled_from(WORDS), st.sampled_from(SPECIAL), st.just(" ")), min_size=1, max_size=14).map("".join)


def python_markdown(source: str, *, allow_html: bool, xhtml: bool = False) -> str:
    md = markdown.Markdown(extensions=["tables", "fenced_code", "sane_lists"], output_format="xhtml" if xhtml else "html")
    if not allow_html:
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
    clean = sanitize(md.convert(source))
    return to_xhtml(clean) if xhtml else clean


@settings(max_examples=1500, deadline=None)
@given(TEXT, st.booleans(), st.booleans())
def test_the_plain_shortcut_gives_what_python_markdown_gives(source: str, allow_html: bool, xhtml: bool) -> None:
    if is_plain_paragraph(source):
        assert render_markdown(source, allow_html=allow_html, xhtml=xhtml) == python_markdown(source, allow_html=allow_html, xhtml=xhtml)


def test_what_is_plain_and_what_is_not() -> None:
    plain = ["Remove it.", "Two lines\nof one paragraph.", 'A "quoted" (aside): 18+ only; see #tags - or not!', "ভিডিওটি সরিয়ে দিন।\n"]
    markup = ["1. a list", "- a list", "# heading", "**bold**", "a <b>tag</b>", "line  \nbreak", "one\n\ntwo", "    code", "a & b", "x\n===", "[link](HS-002.md)", ""]
    assert all(is_plain_paragraph(s) for s in plain)
    assert not any(is_plain_paragraph(s) for s in markup)
    for source in plain + markup:
        assert render_markdown(source, allow_html=False) == python_markdown(source, allow_html=False)
