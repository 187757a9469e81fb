"""Pages rendered as they are written, in `labelbook build`: one page's HTML in memory at a time.

MkDocs renders every page (Markdown to HTML) before it writes the first, and keeps each
page's source and HTML until the build ends. For a guideline set that is every rule page
twice over, in each language's process: at 2,000 rules, about 50 MB of English Markdown
and its HTML, the practice page's data among them, held at once.

In `labelbook build` the plugin hands MkDocs an empty source for each generated page whose
navigation entry gives its title, and renders the page only when MkDocs is about to write
it (`on_page_context`, before the search plugin indexes it): the page's Markdown is made
then, rendered with MkDocs' own `Page.render` (links, anchors, table of contents), finished
as any page is (`configure.finish_page`), indexed, written, and let go. Hand-written pages,
whose titles come from their first heading, and builds with plugins other than search
(which may read or change a page's Markdown or HTML) are rendered by MkDocs as usual.
"""

from __future__ import annotations

from typing import Callable, Iterable

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from labelbook.site.configure import finish_page
from labelbook.site.markup import split_blocks

#: Plugins that do nothing with a page before `on_page_context`: the search plugins index
#: it there (after labelbook, which runs first).
_PAGE_BLIND = {"search", "material/search", "labelbook"}


def can_defer(plugin_names: Iterable[str]) -> bool:
    """True when no configured plugin but search and labelbook could see a page early."""
    return set(plugin_names) <= _PAGE_BLIND


def titled_pages(nav: list) -> set[str]:
    """The src URIs that `nav` (MkDocs' `nav` structure) gives a title."""
    out: set[str] = set()
    for item in nav:
        if isinstance(item, dict):
            for value in item.values():
                if isinstance(value, str):
                    out.add(value)
                elif isinstance(value, list):
                    out |= titled_pages(value)
    return out


class Deferred:
    """The pages of one build rendered at write time, and how to make each one's source."""

    def __init__(self, uris: set[str], source: Callable[[str], str], files: Files) -> None:
        self.uris = uris
        self._source = source
        self._files = files

    def defers(self, page: Page) -> bool:
        return page.file.src_uri in self.uris

    def render(self, page: Page, config: MkDocsConfig) -> None:
        """Make, render and finish `page` now, as MkDocs and the plugin would have earlier."""
        markdown, blocks = split_blocks(self._source(page.file.src_uri))
        page.markdown = markdown
        page.render(config, self._files)
        page.content = finish_page(page, page.content or "", blocks)
        page.markdown = ""  # rendered: the source is not needed again

    @staticmethod
    def release(page: Page) -> None:
        """The page is written: its HTML is not needed again (its anchors, for MkDocs'
        link check, are kept apart)."""
        page.content = None
