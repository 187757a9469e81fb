"""A versioned site whose versions share one copy of the assets (SITE/assets/<hash>/), in Chromium.

Every version and language must still get Material's styles and scripts, its version
selector and outdated banner, search with its own language (the Bengali lunr language is
in the shared copy, loaded by the search worker from beside itself), the practice quiz and
the language selector; 404 pages load theirs from the site root. A site built with
--copy-assets works with one version folder served alone.
"""

from __future__ import annotations

import contextlib
import functools
import re
import subprocess
import sys
import threading
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any, Iterator
from urllib.parse import urlsplit

import pytest

try:
    from playwright.sync_api import expect
except ImportError:  # the fixtures in conftest.py skip these tests (or fail them under CI=true) with the reason
    expect = None

from versions.gitrepo import make_release_repo

from .conftest import LOCAL_HOST, Tab, _open_tab, _QuietHandler

RULE = "bullying-harassment/BH-001/"
#: A word of BH-001 in each language of the release repository, in every version.
WORDS = {"": "shame", "bn/": "উপহাস"}
VERSIONS = ["1.0.0", "1.1.0", "dev", "latest"]
#: The versions Material (or versions.js) marks as not the one in force.
OUTDATED = {"1.0.0", "dev"}


@contextlib.contextmanager
def served(folder: Path) -> Iterator[str]:
    server = ThreadingHTTPServer((LOCAL_HOST, 0), functools.partial(_QuietHandler, directory=str(folder)))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://{LOCAL_HOST}:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def build(repo: Path, site: Path, *options: str) -> Path:
    run = subprocess.run([sys.executable, "-m", "labelbook", "build", "--versions", "-d", str(site), *options],
                         cwd=repo, capture_output=True, text=True, timeout=600)  # fmt: skip
    assert run.returncode == 0, run.stderr
    return site


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_release_repo(tmp_path_factory.mktemp("shared-assets-e2e") / "repo")


@pytest.fixture(scope="module")
def shared_site(repo: Path) -> Path:
    site = build(repo, repo.parent / "site")
    assert [p.name for p in (site / "assets").iterdir()], "no shared assets"
    assert not list(site.glob("*/assets")) and not list(site.glob("*/bn/assets")), "a version kept its own assets"
    return site


@pytest.fixture(scope="module")
def shared_url(shared_site: Path) -> Iterator[str]:
    with served(shared_site) as url:
        yield url


@pytest.fixture
def stab(browser: Any, shared_url: str) -> Iterator[Tab]:
    yield from _open_tab(browser, shared_url)


def not_served(tab: Tab, *allowed: str) -> list[str]:
    """Requests of the page (and its workers) that got no answer or an error status."""
    bad = []
    for request in tab.requests:
        response = request.response()
        if (response is None or response.status >= 400) and not urlsplit(request.url).path.endswith(allowed or ("\0",)):
            bad.append(f"{request.url}: {response.status if response else request.failure}")
    return bad


def assets_requested(tab: Tab) -> list[str]:
    kinds = {"stylesheet", "script", "font"}
    return [urlsplit(r.url).path for r in tab.requests if r.resource_type in kinds or r.url.endswith(".js")]


def styled(tab: Tab) -> bool:
    """Material's stylesheet is applied (its header sticks to the top)."""
    return tab.page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"


def search(tab: Tab, query: str) -> list[str]:
    box = tab.page.locator(".md-search__input")
    box.click()
    box.fill(query)
    box.press("End")  # Material reads the query on keyup
    links = tab.page.locator(".md-search-result__list .md-search-result__link")
    expect(links.first).to_be_visible()
    return [urlsplit(href).path for href in links.evaluate_all("els => els.map(e => e.href)")]


@pytest.mark.parametrize("lang_root", ["", "bn/"])
@pytest.mark.parametrize("version", VERSIONS)
def test_every_version_works_from_the_shared_assets(stab: Tab, shared_site: Path, version: str, lang_root: str) -> None:
    (tree,) = [p.name for p in (shared_site / "assets").iterdir()]
    here = f"/{version}/{lang_root}"
    stab.goto(here + RULE)
    assert styled(stab)
    # the selector lists every version (versions.json read from the site root); the banner only where it belongs
    current = stab.page.locator(".md-version__current")
    expect(current).to_be_attached()
    banner = stab.page.locator("[data-md-component=outdated]")
    if version in OUTDATED:
        expect(banner).to_be_visible()
    else:
        stab.page.wait_for_timeout(300)  # Material decides after reading versions.json
        expect(banner).to_be_hidden()
    paths = search(stab, WORDS[lang_root])
    assert here + RULE in paths, paths
    assert all(p.startswith(here) and (lang_root or not p.startswith(here + "bn/")) for p in paths), paths
    # every script, style sheet and font came from the one shared copy, and was there
    requested = assets_requested(stab)
    assert f"/assets/{tree}/javascripts/workers/" in " ".join(requested), requested
    assert all(p.startswith(f"/assets/{tree}/") for p in requested), requested
    if lang_root == "bn/":
        assert f"/assets/{tree}/javascripts/lunr/min/lunr.bn.min.js" in requested, requested
    assert not not_served(stab)
    assert not stab.foreign_requests()


@pytest.mark.parametrize("lang_root", ["", "bn/"])
def test_practice_quiz_runs_in_an_old_version(stab: Tab, lang_root: str) -> None:
    stab.goto(f"/1.0.0/{lang_root}practice/")
    expect(stab.page.locator(".lb-practice__card")).to_be_visible()
    stab.page.locator(".lb-practice__option").first.click()
    expect(stab.page.locator(".lb-practice__verdict")).to_be_visible()
    assert not not_served(stab)


def test_language_selector_in_an_old_version(stab: Tab) -> None:
    stab.goto(f"/1.0.0/{RULE}")
    select = stab.page.locator(".md-header .md-select").filter(has=stab.page.locator(".md-select__link[hreflang]"))
    select.locator("button").click()
    with stab.page.expect_navigation():
        select.get_by_role("link", name="বাংলা", exact=True).click()
    assert stab.path() == f"/1.0.0/bn/{RULE}"
    assert stab.page.locator("html").get_attribute("lang") == "bn"
    assert styled(stab)


@pytest.mark.parametrize("page", ["1.0.0/404.html", "latest/bn/404.html"])
def test_404_pages_work_from_the_site_root(stab: Tab, shared_site: Path, page: str) -> None:
    """A host serves a 404 page at any address, so MkDocs writes it with addresses from the
    root: a version's 404 page leads into its own version, and loads the shared assets."""
    (tree,) = [p.name for p in (shared_site / "assets").iterdir()]
    here = "/" + page.removesuffix("404.html")
    stab.goto("/" + page)
    assert styled(stab)
    requested = assets_requested(stab)
    assert requested and all(p.startswith(f"/assets/{tree}/") for p in requested), requested
    assert here + RULE in search(stab, WORDS["bn/" if "/bn/" in here else ""])
    stab.page.keyboard.press("Escape")
    with stab.page.expect_navigation():
        stab.page.locator("article p a").last.click()  # "Go to the home page": of this version and language
    assert stab.path() == here
    assert not not_served(stab) and not stab.foreign_requests()


def test_a_copy_assets_version_works_served_alone(browser: Any, repo: Path) -> None:
    site = build(repo, repo.parent / "site-copies", "--copy-assets")
    assert not (site / "assets").exists()
    with served(site / "1.0.0") as url:
        for tab in _open_tab(browser, url):
            for lang_root, word in WORDS.items():
                tab.requests.clear()
                tab.goto(f"/{lang_root}{RULE}")
                assert styled(tab)
                assert f"/{lang_root}{RULE}" in search(tab, word)
                assert all(re.match(rf"/{lang_root}assets/", p) for p in assets_requested(tab)), assets_requested(tab)
            # alone, there is no versions.json above the version: nothing else is missing
            assert not not_served(tab, "versions.json")
