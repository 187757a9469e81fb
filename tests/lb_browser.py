"""Debian's Chromium for the browser tests: where it is, how it starts, what to do without it.

A plain module (not a conftest), so that test folders import it by a name no other file has.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

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


def launch_chromium(playwright: Any, env: dict[str, str] | None = None) -> Any:
    from playwright.sync_api import Error as PlaywrightError

    try:
        return playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS, env=env)
    except PlaywrightError as exc:
        browser_unavailable(f"{CHROMIUM} does not start under Playwright: {exc}")
