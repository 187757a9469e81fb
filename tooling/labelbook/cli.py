"""The `labelbook` command: parse arguments, call the operations, print, return an exit code.

Exit codes of every command: 0 success, 1 the content has errors, 2 the command was
used wrongly. No input file, however broken, produces a traceback: `--debug` shows one
for labelbook's own bugs.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import traceback
from pathlib import Path
from typing import Callable, NoReturn

from . import __version__, parsecache, report
from .checks import check, checked, language_name
from .problems import ContentError, LabelbookError, UsageError
from .sources import WorkingTree
from . import translations as tr

Handler = Callable[[argparse.Namespace], int]


def _repo_root(args: argparse.Namespace) -> Path:
    root = Path(args.repo).resolve()
    if not root.is_dir():
        raise UsageError(f"{args.repo}: no such folder")
    if not (root / "guidelines").is_dir():
        raise UsageError(f"{root}: not a guideline repository (no guidelines/ folder); `labelbook init DIR` makes one")
    return root


def cmd_check(args: argparse.Namespace) -> int:
    root = _repo_root(args)
    loaded = check(WorkingTree(root))
    sys.stdout.write(report.render(loaded.problems, args.format))
    if args.format != "json":
        print(report.summary(loaded.problems, loaded.files), file=sys.stderr)
    failing = loaded.problems if args.strict else loaded.errors
    return 1 if failing else 0


def cmd_translations_status(args: argparse.Namespace) -> int:
    root = _repo_root(args)
    loaded = check(WorkingTree(root))
    if loaded.repo is None:
        raise ContentError("guidelines/policy.yaml cannot be read", loaded.errors)
    langs = [args.lang] if args.lang else None
    if args.lang and args.lang not in loaded.repo.policy.target_languages:
        raise UsageError(f"--lang {args.lang}: not a translation language (policy.yaml: {', '.join(loaded.repo.policy.languages)})")
    states = tr.status(loaded.repo, langs)
    shown = [s for s in states if not args.state or s.state in args.state]
    totals = tr.totals(states)
    if args.format == "json":
        print(json.dumps({"units": [s.as_dict() for s in shown], "totals": totals}, ensure_ascii=False, indent=2))
        return 0
    for s in shown:
        print(f"{s.lang}  {s.state:<8} {s.kind:<8} {s.id:<14} {s.path}")
    for lang, t in totals.items():
        pct = 100 * t["current"] / t["total"] if t["total"] else 100
        print(f"{language_name(lang)} ({lang}): {t['current']} current, {t['stale']} stale, {t['missing']} missing of {t['total']} units ({pct:.0f}% current)")
    return 0


def cmd_translations_stamp(args: argparse.Namespace) -> int:
    if not args.ids and not args.all:
        raise UsageError("name the rules or examples to stamp (e.g. HS-001 HS-001-E02), or pass --all")
    root = _repo_root(args)
    loaded = checked(root)
    repo = loaded.repo
    langs = [args.lang] if args.lang else repo.policy.target_languages
    stamps = tr.plan_stamps(repo, args.ids, args.all, langs)
    if not stamps:
        print("nothing to stamp: every named translation is current", file=sys.stderr)
        return 0
    if not args.dry_run:
        tr.apply_stamps(root, repo, stamps)
    verb = "would stamp" if args.dry_run else "stamped"
    for s in stamps:
        print(f"{verb} {s.id} ({s.lang}) in {s.path}: {s.old or '(none)'} -> {s.new}")
    return 0


def _add_repo(p: argparse.ArgumentParser) -> None:
    p.add_argument("-C", "--repo", default=".", metavar="DIR", help="the guideline repository (default: the current folder)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="labelbook",
        description="Guideline repositories for content-labeling teams: checks, bilingual versioned sites, changelogs, calibration quizzes.",
    )
    parser.add_argument("--version", action="version", version=f"labelbook {__version__}")
    parser.add_argument("--debug", action="store_true", help="show Python tracebacks of labelbook's own errors")
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help="read every file afresh, without the cache of files read cleanly before "
        "(kept in ~/.cache/labelbook, or $LABELBOOK_CACHE_DIR; LABELBOOK_NO_CACHE=1 also turns it off)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    p = sub.add_parser(
        "check",
        help="schema, cross-reference and translation checks of the whole repository",
        description="Check every guideline, example and translation file: JSON Schema, cross-references "
        "(decisions, areas, related rules, ids) and translation freshness. All problems are reported in one run "
        "as `path:line:col: severity[code]: message`. Exit 0 when there are no errors, 1 when there are.",
    )
    _add_repo(p)
    p.add_argument("--strict", action="store_true", help="warnings (stale or missing translations) fail too")
    p.add_argument("--format", choices=report.FORMATS, default="text", help="text lines (default), a JSON list, or GitHub workflow annotations")
    p.set_defaults(func=cmd_check)

    t = sub.add_parser("translations", help="translation states per rule and example; stamp fingerprints", description="Translators' tools: which translated units are current, stale or missing, and `stamp` to record that a translation was brought up to date.")
    tsub = t.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = tsub.add_parser("status", help="current / stale / missing per rule and example, with totals per language", description="List the translation state of every rule and example, and the totals per language.")
    _add_repo(p)
    p.add_argument("--lang", help="one translation language (default: all)")
    p.add_argument("--state", action="append", choices=("current", "stale", "missing"), help="list only units in this state (repeatable); totals still count all")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(func=cmd_translations_status)
    p = tsub.add_parser(
        "stamp",
        help="record that translations are up to date with today's source text",
        description="Write today's fingerprint of the source text into the `source:` of each named translation. "
        "Run it after you brought the translation in step with the English; naming a rule stamps the rule and its examples.",
    )
    _add_repo(p)
    p.add_argument("ids", nargs="*", metavar="ID", help="rule ids (with their examples) or example ids")
    p.add_argument("--all", action="store_true", help="stamp every stale translation")
    p.add_argument("--lang", help="one translation language (default: all)")
    p.add_argument("--dry-run", action="store_true", help="say what would be stamped, change nothing")
    p.set_defaults(func=cmd_translations_stamp)

    for register in _EXTRA_COMMANDS:
        register(sub)
    return parser


#: Commands defined in other modules add themselves here (site, changelog, quiz, ...).
_EXTRA_COMMANDS: list[Callable[[argparse._SubParsersAction], None]] = []


def _register_extras() -> None:
    from . import cli_scaffold  # noqa: F401  (registers init and new)
    from . import cli_site  # noqa: F401  (registers build and serve)
    from . import cli_score  # noqa: F401  (registers score)
    from . import cli_changelog  # noqa: F401  (registers changelog)
    from . import cli_quiz  # noqa: F401  (registers quiz)


def main(argv: list[str] | None = None) -> int:
    _register_extras()
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.no_cache:
        parsecache.disable()
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
    except Exception as exc:  # noqa: BLE001 - the last line of defence against tracebacks
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
    parsecache.reap(wait=True)  # a process still writing the parse cache (prefetch)
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:  # the reader went away (`labelbook check | head`): nothing to do
        pass
    logging.shutdown()
    os._exit(code)


if __name__ == "__main__":  # pragma: no cover
    # Run as `python -m labelbook.cli`: use the importable module, whose command list the
    # command modules extend (this file, run as __main__, is a second copy of it).
    from labelbook.cli import run as _run

    _run()
