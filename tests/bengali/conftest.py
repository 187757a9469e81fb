"""Fixtures of the Bengali tests: the test repository built by the real CLI, served on 127.0.0.1.

The single-version site is built once per session (several modules read it); the
versioned site, in the one module that walks it. The browser is the `chromium` session
fixture of tests/conftest.py (Debian's Chromium through Playwright).
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .bengali_repo import write_repo
from .browser import Tab, open_tab, served

#: 5 March 2026: the build date on the home pages, fixed so that no query meets it by chance.
BUILD_EPOCH = "1772704800"


def labelbook(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SOURCE_DATE_EPOCH": BUILD_EPOCH}
    proc = subprocess.run([sys.executable, "-m", "labelbook", *args], cwd=cwd, capture_output=True, text=True, timeout=600, env=env, check=False)
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


@pytest.fixture(scope="session")
def bn_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_repo(tmp_path_factory.mktemp("bengali") / "repo")


@pytest.fixture(scope="session")
def bn_site(bn_repo: Path) -> Path:
    """The test repository built with `labelbook build -d` (English at the root, Bengali under bn/)."""
    site = bn_repo.parent / "site"
    proc = labelbook("build", "-C", str(bn_repo), "-d", str(site))
    assert proc.returncode == 0, proc.stderr
    return site


@pytest.fixture(scope="module")
def site_url(bn_site: Path) -> Iterator[str]:
    with served(bn_site) as url:
        yield url


@pytest.fixture
def tab(chromium: Any, site_url: str) -> Iterator[Tab]:
    with open_tab(chromium, site_url) as opened:
        yield opened
