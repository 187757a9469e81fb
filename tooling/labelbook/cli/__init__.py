"""The command line: one module per command group; `main` and `run` live in `labelbook.cli.app`.

They are looked up on first use rather than imported here, so that `python -m labelbook.cli`
can take the repository off sys.path (see `__main__`) before any library is imported.
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = ["main", "run"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        return getattr(importlib.import_module("labelbook.cli.app"), name)
    raise AttributeError(f"module 'labelbook.cli' has no attribute {name!r}")
