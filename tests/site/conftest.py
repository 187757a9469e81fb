"""Shared fixtures of the site tests: the sample repository and one built site per session."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

# tests/site is not a package (a package named `site` would shadow Python's own `site`
# module), so its helper modules are imported from this folder.
sys.path.insert(0, str(Path(__file__).parent))

from sample_repo import write_site_repo  # noqa: E402


@pytest.fixture
def site_repo(tmp_path: Path) -> Path:
    """A fresh sample repository in this test's own folder (tests may change it)."""
    return write_site_repo(tmp_path)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample repository built once with `labelbook build -d`; the tests only read it."""
    from labelbook.cli import main

    root = write_site_repo(tmp_path_factory.mktemp("built"))
    site = root.parent / "site"
    assert main(["build", "-C", str(root), "-d", str(site)]) == 0
    return site

