"""What every test folder shares: one Playwright session driving Debian's Chromium.

Playwright's sync API allows one running instance per process, so the end-to-end site
tests and the practice-quiz test share this session-scoped one.
"""

from __future__ import annotations

import os
from typing import Any, Iterator

import pytest

from lb_browser import CHROMIUM, browser_unavailable, launch_chromium


@pytest.fixture(scope="session", autouse=True)
def _parse_cache_of_the_session(tmp_path_factory: pytest.TempPathFactory) -> None:
    """labelbook's parse cache (parsecache.py) for this session, not the user's ~/.cache:
    every command the tests run, in this process or a child, reads and fills this one."""
    os.environ["LABELBOOK_CACHE_DIR"] = str(tmp_path_factory.mktemp("parse-cache"))


@pytest.fixture(scope="session")
def pw() -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        browser_unavailable("Playwright for Python is not installed (pip install -e '.[test]')")
    if not CHROMIUM.is_file() or not os.access(CHROMIUM, os.X_OK):
        browser_unavailable(f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import expect

    expect.set_options(timeout=10_000)  # search workers and web fonts load asynchronously
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def chromium(pw: Any) -> Iterator[Any]:
    browser = launch_chromium(pw)
    yield browser
    browser.close()
