"""What every test folder shares: one Playwright session driving Debian's Chromium.

Playwright's sync API allows one running instance per process, so the end-to-end site
tests and the practice-quiz test share this session-scoped one.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Iterator

import pytest

CHROMIUM = Path("/usr/bin/chromium")
#: Chromium on a closed network: no background requests to other hosts.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def browser_unavailable(reason: str) -> None:
    """Skip on a developer machine; fail under CI=true so a missing browser cannot pass CI."""
    if os.environ.get("CI", "").strip().lower() == "true":
        pytest.fail(f"{reason} (CI=true: the browser tests must run)", pytrace=False)
    pytest.skip(reason)


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


def launch_chromium(playwright: Any, env: dict[str, str] | None = None) -> Any:
    from playwright.sync_api import Error as PlaywrightError

    try:
        return playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS, env=env)
    except PlaywrightError as exc:
        browser_unavailable(f"{CHROMIUM} does not start under Playwright: {exc}")


@pytest.fixture(scope="session")
def chromium(pw: Any) -> Iterator[Any]:
    browser = launch_chromium(pw)
    yield browser
    browser.close()
