"""`labelbook check`: schema, cross-reference and translation checks of the whole repository."""

from __future__ import annotations

import argparse
import sys

from labelbook.cli.common import add_repo, repo_root
from labelbook.core import report
from labelbook.core.checks import check
from labelbook.core.sources import WorkingTree


def cmd_check(args: argparse.Namespace) -> int:
    root = repo_root(args)
    loaded = check(WorkingTree(root))
    sys.stdout.write(report.render(loaded.problems, args.format))
    if args.format != "json":
        print(report.summary(loaded.problems, loaded.files), file=sys.stderr)
    failing = loaded.problems if args.strict else loaded.errors
    return 1 if failing else 0


def add_commands(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "check",
        help="schema, cross-reference and translation checks of the whole repository",
        description="Check every guideline, example and translation file: JSON Schema, cross-references "
        "(decisions, areas, related rules, ids) and translation freshness. All problems are reported in one run "
        "as `path:line:col: severity[code]: message`. Exit 0 when there are no errors, 1 when there are.",
    )
    add_repo(p)
    p.add_argument("--strict", action="store_true", help="warnings (stale or missing translations) fail too")
    p.add_argument("--format", choices=report.FORMATS, default="text", help="text lines (default), a JSON list, or GitHub workflow annotations")
    p.set_defaults(func=cmd_check)
