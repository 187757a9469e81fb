"""The `labelbook` command: parse arguments, call the operations, print, return an exit code.

Exit codes of every command: 0 success, 1 the content has errors, 2 the command was
used wrongly. No input file, however broken, produces a traceback: `--debug` shows one
for labelbook's own bugs.

Each command group lives in a module of this package and adds its parsers through its
`add_commands`; COMMANDS below is the one list of them, in the order `--help` shows.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import traceback
from typing import Callable, NoReturn

from labelbook import __version__
from labelbook.cli import changelog, check, qa, quiz, scaffold, score, site, translations
from labelbook.core import report
from labelbook.core.problems import ContentError, LabelbookError

#: Every command group, in the order of `labelbook --help`.
COMMANDS: tuple[Callable[[argparse._SubParsersAction], None], ...] = (
    check.add_commands,  # check
    translations.add_commands,  # translations status | stamp
    scaffold.add_commands,  # init, new rule | example
    site.add_commands,  # build, serve
    score.add_commands,  # score
    changelog.add_commands,  # changelog
    quiz.add_commands,  # quiz
    qa.add_commands,  # qa, qa staffing
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="labelbook",
        description="Guideline repositories for content-labeling teams: checks, bilingual versioned sites, changelogs, calibration quizzes.",
    )
    parser.add_argument("--version", action="version", version=f"labelbook {__version__}")
    parser.add_argument("--debug", action="store_true", help="show Python tracebacks of labelbook's own errors")
    # Accepted so that scripts written for labelbook 0.1 keep working: there is no cache any more.
    parser.add_argument("--no-cache", action="store_true", help=argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for add_commands in COMMANDS:
        add_commands(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except ContentError as exc:
        if exc.problems:
            sys.stdout.write(report.render(exc.problems, "text"))
        print(f"labelbook: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except LabelbookError as exc:
        print(f"labelbook: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("labelbook: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except SystemExit:
        raise
    except BaseException as exc:  # noqa: BLE001 - the last line of defence against tracebacks (a Rust panic in a library is a BaseException)
        if args.debug:
            traceback.print_exc()
        print(f"labelbook: internal error: {type(exc).__name__}: {exc} (run with --debug for details; please report it)", file=sys.stderr)
        return 1


def run() -> NoReturn:
    """The `labelbook` program: `main()`, then exit without tearing down the heap.

    A command on a large repository leaves a million small objects behind (the model,
    the parsed files); freeing them one by one at interpreter exit took half a second,
    which the operating system does at once when the process ends (mypy exits the same
    way). Output is flushed first; tests and other callers use `main()`, which returns.
    """
    code = main()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:  # the reader went away (`labelbook check | head`): nothing to do
        pass
    logging.shutdown()
    os._exit(code)
