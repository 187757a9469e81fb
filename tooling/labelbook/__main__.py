"""`python -m labelbook` runs the command line."""

from __future__ import annotations

from labelbook.cli import run

run()
