"""`python -m labelbook.cli` runs the command line, as `python -m labelbook` does."""

from __future__ import annotations

from labelbook.cli.main import run

run()
