"""A built site on 127.0.0.1 in Chromium, and Material's search driven the way a reader types."""

from __future__ import annotations

import contextlib
import functools
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

HOST = "127.0.0.1"
#: What Material's search says before a query (both languages), and while it starts.
SEARCH_PLACEHOLDER = ("অনুসন্ধান করতে লিখুন", "Type to start searching")
SEARCH_STARTING = ("অনুসন্ধান চালু হচ্ছে", "Initializing search")


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


class _Server(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        # The browser drops connections it no longer needs (a page left before its font came).
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextlib.contextmanager
def served(folder: Path) -> Iterator[str]:
    server = _Server((HOST, 0), functools.partial(_Quiet, directory=str(folder)))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://{HOST}:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@dataclass
class Tab:
    page: Any
    base_url: str
    errors: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)

    def goto(self, path: str) -> None:
        response = self.page.goto(self.base_url + path, wait_until="load")
        assert response is not None and response.ok, f"GET {path}: {response.status if response else 'no response'}"

    def path(self) -> str:
        return unquote(urlsplit(self.page.url).path)

    def search(self, query: str) -> list[str]:
        """The paths of the pages Material's search finds for `query`, best first.

        The query is put into the box as a paste or an input method does: with an `input`
        event and no key event at all.
        """
        box = self.page.locator(".md-search__input")
        box.click()
        if box.input_value():
            box.fill("")
            self._answered(lambda meta: meta in SEARCH_PLACEHOLDER)
        self.page.evaluate("() => { document.querySelector('.md-search-result__meta').textContent = ''; }")
        box.fill(query)
        self._answered(lambda meta: meta and meta not in SEARCH_PLACEHOLDER + SEARCH_STARTING)
        hrefs = self.page.eval_on_selector_all(".md-search-result__item > .md-search-result__link", "els => els.map(e => e.href)")
        return [unquote(urlsplit(h).path) for h in hrefs]

    def result_links(self) -> list[str]:
        """Every result link (pages and their sections) of the last search, anchors decoded."""
        hrefs = self.page.eval_on_selector_all(".md-search-result__link", "els => els.map(e => e.href)")
        return [unquote(urlsplit(h).path + ("#" + urlsplit(h).fragment if urlsplit(h).fragment else "")) for h in hrefs]

    def _answered(self, done: Any) -> None:
        for _ in range(200):
            meta = self.page.eval_on_selector(".md-search-result__meta", "m => m.textContent.trim()")
            if done(meta):
                return
            self.page.wait_for_timeout(50)
        raise AssertionError(f"the search did not answer: {meta!r}")


@contextlib.contextmanager
def open_tab(browser: Any, base_url: str) -> Iterator[Tab]:
    """A fresh context: requests to other hosts recorded and refused, script errors recorded."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    context.set_default_timeout(15_000)
    tab = Tab(page=None, base_url=base_url)

    def route(r: Any) -> None:
        if urlsplit(r.request.url).hostname == HOST or r.request.url.startswith(("data:", "blob:", "about:")):
            r.continue_()
        else:
            tab.foreign.append(r.request.url)
            r.abort("blockedbyclient")

    context.route("**/*", route)
    tab.page = context.new_page()
    tab.page.on("pageerror", lambda e: tab.errors.append(str(e)))
    try:
        yield tab
    finally:
        context.close()
