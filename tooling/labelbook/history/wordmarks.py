"""A word diff shown to people: in Markdown (the changelog), in HTML (a page's own markup) or
as terminal text (`translations status --diff`, in `git diff --word-diff=plain` style).

One rendering, three markups: the same words are kept as context (a few on each side of a
change, long unchanged runs cut to `…`), deleted words are struck and inserted ones marked,
and every word is escaped for the format it lands in, since it is repository text.
"""

from __future__ import annotations

import re
from typing import Callable, Iterable

from labelbook.core.html import escape
from labelbook.history.changes import WordOp

#: Unchanged words kept on each side of a change.
CONTEXT_WORDS = 6
#: Classes of a word diff's marks in HTML: Material styles `critic` marks (red and green).
DELETED_CLASS, INSERTED_CLASS = "critic lb-diff-del", "critic lb-diff-ins"

#: Markdown syntax in running text: emphasis, code, links, headings, tables, attribute lists.
_MD_SYNTAX = re.compile(r"([\\`*_\[\]{}#|])")


def escape_md(text: str) -> str:
    """Show repository text as text: no HTML (example content may quote `<script>`), no Markdown, one line.

    Quotes stay as they are (the text is never an attribute value), so a pull-request
    comment stays readable; the site sanitises the rendered page all the same.
    """
    text = escape(" ".join(text.split()), quote=False)
    # `~` has no backslash escape in Python-Markdown, so it becomes a character reference like `<`.
    return _MD_SYNTAX.sub(r"\\\1", text).replace("~", "&#126;")


def word_diff_markdown(ops: Iterable[WordOp]) -> str:
    """`… context ~~old words~~ **new words** context …`"""
    return _render(tuple(ops), escape_md, lambda words: f"~~{words}~~", lambda words: f"**{words}**")


def word_diff_html(ops: Iterable[WordOp]) -> str:
    """`… context <del>old words</del> <ins>new words</ins> context …`, every word escaped as HTML text."""
    return _render(
        tuple(ops),
        lambda words: escape(words, quote=False),
        lambda words: f'<del class="{DELETED_CLASS}">{words}</del>',
        lambda words: f'<ins class="{INSERTED_CLASS}">{words}</ins>',
    )


def word_diff_plain(ops: Iterable[WordOp]) -> str:
    """`… context [-old words-] {+new words+} context …`, as `git diff --word-diff=plain` marks them."""
    return _render(tuple(ops), lambda words: words, lambda words: f"[-{words}-]", lambda words: f"{{+{words}+}}")


def _render(ops: tuple[WordOp, ...], esc: Callable[[str], str], deleted: Callable[[str], str], inserted: Callable[[str], str]) -> str:
    """`esc` makes words text of the target format; `deleted` and `inserted` mark escaped words."""
    parts: list[str] = []
    for i, op in enumerate(ops):
        words = op.text.split()
        if not words:
            continue
        if op.op == "delete":
            parts.append(deleted(esc(" ".join(words))))
        elif op.op == "insert":
            parts.append(inserted(esc(" ".join(words))))
        else:
            first, last = i == 0, i == len(ops) - 1
            keep_head = [] if first else words[:CONTEXT_WORDS]
            keep_tail = [] if last else words[-CONTEXT_WORDS:]
            if len(words) <= len(keep_head) + len(keep_tail) + 2 and not (first or last):
                parts.append(esc(" ".join(words)))
                continue
            if keep_head:
                parts.append(esc(" ".join(keep_head)))
            if len(words) > len(keep_head) + len(keep_tail):
                parts.append("…")
            if keep_tail:
                parts.append(esc(" ".join(keep_tail)))
    return " ".join(parts)
