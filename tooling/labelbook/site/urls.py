"""Where each generated page lives, and relative links between pages.

The generated HTML (badges, related rules, the replacement of a deprecated rule) links
with hrefs we compute here, because MkDocs rewrites links only in Markdown, not in raw
HTML. The rules mirror MkDocs' own: `a/b.md` -> `a/b/` (directory URLs) or `a/b.html`,
and `a/index.md` -> `a/`.
"""

from __future__ import annotations

import functools
import posixpath

HOME = "index.md"
DECISIONS = "decisions.md"


def area_page(area: str) -> str:
    return f"{area}/index.md"


def rule_page(area: str, rule_id: str) -> str:
    return f"{area}/{rule_id}.md"


def hand_written_page(name: str) -> str:
    return f"{name}.md"


def page_url(src_uri: str, directory_urls: bool = True) -> str:
    """The URL of the page made from `src_uri`, relative to the site root ('' for the home)."""
    stem, _ = posixpath.splitext(src_uri)
    head, name = posixpath.split(stem)
    if not directory_urls:
        return f"{stem}.html"
    if name == "index":
        return f"{head}/" if head else ""
    return f"{stem}/"


# Memoised: a rule page links to the decisions page, its area and related rules again and
# again (40,000 hrefs at 1,000 rules: 1.23 s of CPU to make the Bengali pages, 1.13 s memoised).
@functools.lru_cache(maxsize=1 << 14)
def relative_href(from_uri: str, to_uri: str, directory_urls: bool = True, anchor: str = "") -> str:
    """The href from the page of `from_uri` to the page of `to_uri` (both src URIs)."""
    here = page_url(from_uri, directory_urls)
    there = page_url(to_uri, directory_urls)
    here_dir = posixpath.dirname(here) if not here.endswith("/") else here.rstrip("/")
    rel = posixpath.relpath(there.rstrip("/") or ".", here_dir or ".")
    if there.endswith("/") or not there:
        rel = "./" if rel == "." else rel + "/"
    return rel + (f"#{anchor}" if anchor else "")
