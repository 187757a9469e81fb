"""A site built from a hostile pull request, in headless Chromium: nothing the pull request wrote runs.

Every payload of test_html.VECTORS sets `window.__pwned` and opens an alert. Chromium
(Debian's, through Playwright; the `chromium` fixture of tests/conftest.py skips without
it, and fails under CI=true) opens every page of both languages, opens every collapsed
block, types payload text into Material's search and answers the practice quiz; no dialog
may open, the marker must stay unset, and no script error or request to another host
may happen.
"""

from __future__ import annotations

import functools
import sys
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from test_html import hostile_site  # noqa: F401 - the fixture

HOST = "127.0.0.1"


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def base_url(hostile_site: Path) -> Iterator[str]:
    server = ThreadingHTTPServer((HOST, 0), functools.partial(_Quiet, directory=str(hostile_site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{HOST}:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


class Watched:
    """A browser tab that records what a payload would leave behind."""

    def __init__(self, browser: Any, base_url: str) -> None:
        self.context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
        self.context.set_default_timeout(15_000)
        self.base_url = base_url
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.foreign: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("dialog", lambda d: (self.dialogs.append(f"{self.page.url}: {d.message}"), d.dismiss()))
        self.page.on("pageerror", lambda e: self.errors.append(f"{self.page.url}: {e}"))
        self.page.on("console", self._console)

    def _console(self, message: Any) -> None:
        # A payload's `<img src=x>` is a missing image, and that is all it may be.
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            self.errors.append(f"{self.page.url}: {message.text}")

    def _route(self, route: Any) -> None:
        url = route.request.url
        if urlsplit(url).hostname == HOST or url.startswith(("data:", "blob:", "about:")):
            route.continue_()
        else:
            self.foreign.append(url)
            route.abort("blockedbyclient")

    def open(self, path: str) -> None:
        response = self.page.goto(self.base_url + path, wait_until="load")
        assert response is not None and response.ok, path
        # Collapsed blocks hold payloads too (`<details ontoggle>`): open them all, then let
        # the toggle events they queue run before looking.
        self.page.evaluate("() => document.querySelectorAll('details').forEach(d => { d.open = true; })")
        self.settle()
        self.assert_clean()

    def settle(self) -> None:
        self.page.evaluate("() => new Promise(r => setTimeout(() => requestAnimationFrame(() => setTimeout(r, 0)), 0))")

    def assert_clean(self) -> None:
        assert self.page.evaluate("() => window.__pwned") is None, f"{self.page.url}: a payload ran"
        assert self.dialogs == [] and self.errors == [] and self.foreign == [], (self.dialogs, self.errors, self.foreign)


@pytest.fixture
def tab(chromium: Any, base_url: str) -> Iterator[Watched]:
    watched = Watched(chromium, base_url)
    yield watched
    watched.context.close()


def test_no_page_of_either_language_runs_what_the_pull_request_wrote(tab: Watched, hostile_site: Path) -> None:
    pages = sorted("/" + "".join(f"{part}/" for part in p.parent.relative_to(hostile_site).parts) for p in hostile_site.rglob("index.html"))
    assert {"/", "/bn/", "/hate-speech/HS-001/", "/bn/bullying/BU-001/", "/introduction/", "/bn/changes/"} <= set(pages)
    for path in pages:
        tab.open(path)


@pytest.mark.parametrize("root", ["/", "/bn/"])
def test_searching_payload_text_shows_it_as_text(tab: Watched, root: str) -> None:
    tab.open(root)
    box = tab.page.locator(".md-search__input")
    results = tab.page.locator(".md-search-result__list .md-search-result__link")
    # The query itself (Material shows it back), then a word that finds the pages holding payloads.
    for query, found in (('<img src=x onerror="window.__pwned=1;alert(1)"> </title><script>alert(1)</script>', False), ("onerror", True)):
        box.click()
        box.fill(query)
        box.press("End")  # Material reads the query on keyup
        tab.page.locator(".md-search-result__meta").wait_for(state="visible")
        if found:
            results.first.wait_for(state="visible")
        tab.settle()
        tab.assert_clean()
    assert tab.page.locator(".md-search-result__list").get_by_text("onerror=", exact=False).count() > 0  # shown, as text
    assert tab.page.locator(".md-search-result__list img, .md-search-result__list script").count() == 0


@pytest.mark.parametrize("root", ["/", "/bn/"])
def test_practice_quiz_shows_payloads_as_text(tab: Watched, root: str) -> None:
    tab.open(root + "practice/")
    page = tab.page
    for _ in range(20):  # a round is at most 10 items
        page.locator(".lb-practice__card").wait_for()
        page.evaluate("() => document.querySelectorAll('.lb-practice__card details').forEach(d => { d.open = true; })")
        page.locator(".lb-practice__option").first.click()
        rationale = page.locator(".lb-practice__rationale")
        rationale.wait_for()
        assert rationale.locator("img, script, iframe, svg, [onerror], a[href^='javascript']").count() == 0
        if page.locator(".lb-practice__card").get_attribute("data-item").startswith("HS-001"):
            # The payloads are shown as text, and the rationale's Markdown still formats.
            assert "onerror=" in rationale.inner_text() and rationale.locator("strong", has_text="attr-list").count() == 1
        tab.settle()
        tab.assert_clean()
        page.locator(".lb-practice__next").click()
        if page.locator(".lb-practice__score").count():
            break
    assert page.locator(".lb-practice__score").count() == 1
    tab.assert_clean()
