"""`python -m labelbook` runs the command line.

`python -m` puts the current folder first on sys.path, and the current folder is usually
the guideline repository: a `yaml.py` or a `markdown/` folder added by a pull request would
be imported instead of the real library. The repository is content, never code.
"""

from __future__ import annotations

import os
import sys

if sys.path and os.path.abspath(sys.path[0] or os.curdir) == os.path.abspath(os.curdir):
    del sys.path[0]

from labelbook.cli import run  # noqa: E402 - after sys.path no longer holds the repository

run()
