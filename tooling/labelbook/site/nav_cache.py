"""Material's navigation of a page, rendered once for all the pages that share it.

With `navigation.prune` each page shows the top of the navigation and every page of the
section it is in: every rule of its area. Material renders that list again for each page,
one macro call per rule, so each page costs time in proportion to the size of its area:
at 2,000 rules, half of each page's time went to it, and the build grew with the square
of the rules.

The pages of one section whose URLs sit at the same depth of one folder get the same
navigation, but for the page's own item, which Material marks as the current page (with
the page's table of contents). So the navigation is rendered by Material once for the
first page of such a group; for each later page it is that HTML with the first page's item
rendered as any other item and this page's item rendered as the current one, each item by
Material's own macro (`partials/nav-item.html`). Where an item's HTML is not found exactly
once where it is expected, or a page does not fit (an index page, a page with pages below
its URL), Material renders the whole navigation as usual: the HTML is Material's either way.
`tests/site/test_nav_cache.py` compares whole sites built with and without it.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from typing import Any

from jinja2 import ChoiceLoader, DictLoader, Environment, pass_context
from jinja2.runtime import Context
from markupsafe import Markup

_NAV = "partials/nav.html"
_ITEM = "partials/nav-item.html"
#: The `path`, `level` and `parent` Material's nav.html gives an item's macro call.
_Place = tuple[str, int, Any]


@dataclass
class _Group:
    first: Any  # the page the navigation was rendered for
    html: str  # its navigation
    first_item: str | None  # the first page's own item in it, as the current page
    without: str | None = None  # that navigation with no current page, once a second page gives it


class NavCache:
    """The `partials/nav.html` of one MkDocs build's template environment (`install`)."""

    def __init__(self, env: Environment, source: str) -> None:
        self.env = env
        self.material = env.from_string(source)  # the navigation template the theme would use
        self.groups: dict[tuple, _Group] = {}
        self._below: set[str] | None = None  # URLs that have a page below them
        self._places: dict[int, _Place] | None = None  # where each item's macro is called from

    def render(self, context: Context) -> Markup:
        page, nav = context.get("page"), context.get("nav")
        values = context.get_all()
        key = self._key(page, nav) if page is not None and nav is not None else None
        if key is None:
            return Markup(self.material.render(values))
        group = self.groups.get(key)
        if group is not None and group.first is not page:
            html = self._patched(group, page, nav, values)
            if html is not None:
                return Markup(html)
        html = self.material.render(values)
        if group is None:
            self.groups[key] = _Group(page, html, self._item(page, nav, values, seen_by=page))
        return Markup(html)

    def _item(self, item: Any, nav: Any, values: dict[str, Any], seen_by: Any) -> str | None:
        if self._places is None:
            self._places = _places(nav)
        return _item_html(self.env, item, self._places, values, seen_by=seen_by)

    def _patched(self, group: _Group, page: Any, nav: Any, values: dict[str, Any]) -> str | None:
        if group.without is None:
            plain = self._item(group.first, nav, values, seen_by=page)
            if group.first_item is None or plain is None or group.html.count(group.first_item) != 1:
                return None
            group.without = group.html.replace(group.first_item, plain)
        current = self._item(page, nav, values, seen_by=page)
        plain = self._item(page, nav, values, seen_by=group.first)
        if current is None or plain is None or group.without.count(plain) != 1:
            return None
        return group.without.replace(plain, current)

    def _key(self, page: Any, nav: Any) -> tuple | None:
        """Pages with the same key have the same navigation but for their own item."""
        url = page.url
        if getattr(page, "is_index", False) or not url:
            return None  # an index page can be its section's header (navigation.indexes)
        if self._below is None:
            urls = sorted(p.url for p in nav.pages)
            self._below = {u for u, after in zip(urls, urls[1:]) if u and after.startswith(u)}
        if url in self._below:
            return None  # a page below this one's URL would be linked to differently
        folder = url.rstrip("/").rpartition("/")[0]
        file_like = "." in url.rpartition("/")[2]
        ancestors = []
        parent = page.parent
        while parent is not None:
            ancestors.append(id(parent))
            parent = parent.parent
        return (folder, file_like, tuple(ancestors))


def _item_html(env: Environment, item: Any, places: dict[int, _Place], values: dict[str, Any], *, seen_by: Any) -> str | None:
    """Material's macro for one navigation item on the page `seen_by`: the current page's
    item when `seen_by` is the item, else an item like any other."""
    place = places.get(id(item))
    if place is None:
        return None
    path, level, parent = place
    # The page being built, seen from another page: for the macro's one look at `active`.
    # (Setting it also sets its sections'; setting it back sets them back.)
    building = item.active and seen_by is not item
    if building:
        item.active = False
    try:
        module = env.get_template(_ITEM).make_module({**values, "page": seen_by})
        args = (item, path, level) if parent is None else (item, path, level, parent)
        return str(module.render(*args))
    finally:
        if building:
            item.active = True


def _places(nav: Any) -> dict[int, _Place]:
    """Every navigation item's `_Place`, by id, numbered as nav.html's loops number them."""
    out: dict[int, _Place] = {}

    def walk(items: list[Any], path: str, level: int, parent: Any) -> None:
        for i, item in enumerate(items, 1):
            out[id(item)] = (f"{path}_{i}" if path else f"__nav_{i}", level, parent)
            walk(getattr(item, "children", None) or [], out[id(item)][0], level + 1, item)

    walk(nav.items, "", 1, None)
    return out


def install(env: Environment) -> None:
    """Render `partials/nav.html` through a `NavCache` in this environment."""
    try:
        source, _, _ = env.loader.get_source(env, _NAV)  # the theme's own, or a custom_dir's
    except Exception:  # noqa: BLE001 - no such template: nothing to speed up
        return
    cache = NavCache(env, source)

    @pass_context
    def labelbook_nav(context: Context) -> Markup:
        return cache.render(context)

    env.globals["labelbook_nav"] = labelbook_nav
    env.loader = ChoiceLoader([DictLoader({_NAV: "{{ labelbook_nav() }}"}), env.loader])
