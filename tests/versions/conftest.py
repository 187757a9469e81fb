"""Fixtures of the versions tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from .gitrepo import make_release_repo


@pytest.fixture
def release_repo(tmp_path: Path) -> Path:
    return make_release_repo(tmp_path / "guidelines-repo")
