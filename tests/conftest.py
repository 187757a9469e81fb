"""What every test folder shares: one Playwright session driving Debian's Chromium.

Playwright's sync API allows one running instance per process, so the end-to-end site
tests and the practice-quiz test share this session-scoped one.
"""

from __future__ import annotations

import os
from typing import Any, Iterator

import pytest

from lb_browser import CHROMIUM, browser_unavailable, launch_chromium


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
