from __future__ import annotations

import contextlib
import io
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from labelbook.cli import main

from .sample import write_repo


@dataclass
class Run:
    returncode: int
    stdout: bytes
    stderr: str


def labelbook(*args: str | Path, timeout: float = 60) -> Run:
    """The real command line, in a fresh interpreter."""
    proc = subprocess.run([sys.executable, "-m", "labelbook.cli", *map(str, args)], capture_output=True, timeout=timeout)
    return Run(proc.returncode, proc.stdout, proc.stderr.decode("utf-8", "replace"))


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return write_repo(tmp_path / "repo")


@pytest.fixture
def quiz(repo: Path, tmp_path: Path):
    """quiz(*options) -> (bytes written, Run); fails the test when the command fails."""

    def make(*options: str, name: str = "out") -> tuple[bytes, Run]:
        # In-process through the entry point: the same code path, without an interpreter per run.
        out = tmp_path / name
        err = io.StringIO()
        with contextlib.redirect_stderr(err):
            code = main(["quiz", "-C", str(repo), *options, "-o", str(out)])
        run = Run(code, b"", err.getvalue())
        assert code == 0, run.stderr
        return out.read_bytes(), run

    return make
