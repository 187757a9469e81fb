"""The command line: one module per command group, `main` in `labelbook.cli.main`."""

from labelbook.cli.main import main, run

__all__ = ["main", "run"]
