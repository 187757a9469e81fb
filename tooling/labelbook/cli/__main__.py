"""`python -m labelbook.cli` runs the command line, as `python -m labelbook` does (which
see for why the current folder is taken off sys.path first)."""

from __future__ import annotations

import os
import sys

if sys.path and os.path.abspath(sys.path[0] or os.curdir) == os.path.abspath(os.curdir):
    del sys.path[0]

from labelbook.cli.app import run  # noqa: E402 - after sys.path no longer holds the repository

run()
