"""Versions in a real browser: Material's selector (English), labelbook's (Bengali), the banner."""

from __future__ import annotations

import functools
import subprocess
import sys
import threading
from http.server import ThreadingHTTPServer
from typing import Any, Iterator

import pytest

from versions.gitrepo import make_release_repo

from .conftest import LOCAL_HOST, Tab, _open_tab, _QuietHandler

RULE = "bullying-harassment/BH-001/"


@pytest.fixture(scope="module")
def versions_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    base = tmp_path_factory.mktemp("versions-e2e")
    repo = make_release_repo(base / "repo")
    site = base / "site"
    run = subprocess.run([sys.executable, "-m", "labelbook", "build", "--versions", "-d", str(site)], cwd=repo, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    server = ThreadingHTTPServer((LOCAL_HOST, 0), functools.partial(_QuietHandler, directory=str(site)))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://{LOCAL_HOST}:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def vtab(browser: Any, versions_url: str) -> Iterator[Tab]:
    yield from _open_tab(browser, versions_url)


def _pick_version(tab: Tab, version: str) -> None:
    page = tab.page
    selector = page.locator(".md-header__topic .md-version")
    selector.wait_for(state="attached")
    selector.hover()
    with page.expect_navigation():
        page.locator(".md-version__link", has_text=version).first.click()
    page.wait_for_load_state("load")


#: The version names each language's selector shows (Bengali digits on Bengali pages); the URLs stay the same.
SHOWN = {"": {"1.0.0": "1.0.0", "1.1.0": "1.1.0"}, "bn/": {"1.0.0": "১.০.০", "1.1.0": "১.১.০"}}


@pytest.mark.parametrize("lang_root", ["", "bn/"])
def test_version_selector_keeps_the_page_and_the_language(vtab: Tab, lang_root: str) -> None:
    vtab.goto(f"/1.0.0/{lang_root}{RULE}")
    current = vtab.page.locator(".md-version__current")
    current.wait_for()
    assert current.inner_text().strip().startswith(SHOWN[lang_root]["1.0.0"])
    _pick_version(vtab, SHOWN[lang_root]["1.1.0"])
    assert vtab.path() == f"/1.1.0/{lang_root}{RULE}"
    assert vtab.page.locator("html").get_attribute("lang") == ("bn" if lang_root else "en")
    assert not vtab.foreign_requests()


@pytest.mark.parametrize("lang_root", ["", "bn/"])
def test_outdated_banner_on_old_versions_only(vtab: Tab, lang_root: str) -> None:
    vtab.goto(f"/1.0.0/{lang_root}{RULE}")
    banner = vtab.page.locator("[data-md-component=outdated]")
    banner.wait_for(state="visible")
    link = banner.locator("a.lb-latest-link")
    with vtab.page.expect_navigation():
        link.click()
    assert vtab.path() == f"/latest/{lang_root}{RULE}"
    vtab.page.wait_for_timeout(500)  # the selector's versions.json has been read by now
    assert vtab.page.locator("[data-md-component=outdated]").is_hidden()


def test_root_redirects_to_latest(vtab: Tab) -> None:
    vtab.page.goto(vtab.base_url + "/")
    vtab.page.wait_for_url("**/latest/")
    assert vtab.path() == "/latest/"
