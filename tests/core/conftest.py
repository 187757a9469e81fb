from __future__ import annotations

from pathlib import Path

import pytest

from .sample import write_repo


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A fresh copy of the valid sample repository."""
    return write_repo(tmp_path / "repo")
