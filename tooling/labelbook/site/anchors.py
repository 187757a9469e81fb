"""Heading anchors that keep the words of every script: `## সংজ্ঞা` is `#সংজ্ঞা`.

Python-Markdown's own slugify keeps ASCII only, and pymdownx's drops combining marks,
so a Bengali heading lost every vowel sign, hasanta, anusvara and nukta (`#সজঞ`). This
one keeps letters, marks and digits of any script (and the joiners ZWJ/ZWNJ inside a
word, which change how Bengali is drawn), and joins words with the separator. The toc
extension makes the ids unique on their page; the table of contents, search result
links and permalinks all use them.
"""

from __future__ import annotations

import unicodedata

#: Ids labelbook's own headings and elements use on a page (`markup.heading`, the decision
#: legend's `decision-<id>` targets), and the prefixes of labelbook's and Material's
#: element ids: a heading of the repository must not take one (the sanitiser would drop
#: a reserved id and leave the heading without its anchor). A word never starts with `_`,
#: so no anchor is Material's `__config` either.
OWN_IDS = frozenset({"areas", "decisions", "examples", "related-rules"})
OWN_PREFIXES = ("decision-", "lb-", "md-")
#: Kept inside a word, never at its edges: ZWNJ and ZWJ (Bengali spelling), `_` and `-`.
_INNER = "\u200c\u200d_-"


def slugify(value: str, separator: str = "-") -> str:
    """The anchor of a heading: its words, lower case, joined by `separator`."""
    words: list[str] = []
    word: list[str] = []
    for char in unicodedata.normalize("NFC", value).lower() + " ":
        if unicodedata.category(char)[0] in "LMN" or (word and char in _INNER):
            word.append(char)
        elif word:
            words.append("".join(word).strip(_INNER))
            word = []
    slug = separator.join(w for w in words if w)
    if slug in OWN_IDS:
        slug = f"{slug}{separator}1"  # the same words, told apart from labelbook's own anchor
    elif slug.startswith(OWN_PREFIXES):
        slug = f"h{separator}{slug}"
    return slug or "section"
