"""`python -m labelbook` runs the command line."""

from __future__ import annotations

import sys

from labelbook.cli import main

sys.exit(main())
