"""Reading pages of a built site in the site tests."""

from __future__ import annotations

from pathlib import Path


def read(site: Path, path: str) -> str:
    """The HTML of the page at `path` (a URL path relative to the site root)."""
    file = site / path / "index.html" if not path.endswith(".html") else site / path
    return file.read_text(encoding="utf-8")


def article(html: str) -> str:
    """Only the page's own content (Material's <article>), without header, nav and footer."""
    start = html.index("<article")
    return html[start : html.index("</article>", start)]
