"""`labelbook qa` and `labelbook qa staffing`: argument handling, the guidelines' history, output.

The report itself is `labelbook.qa`; this module gives it what it cannot read itself (the
release tags and what changed in them, which `labelbook.history` knows) as plain data.

Every `labelbook` command builds `qa`'s parser, so this module imports at its top only what
loads no Polars, NumPy or SciPy; what reads and counts audits is imported by the functions
that run a report.
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Sequence

from labelbook.cli.common import write_output
from labelbook.core.checks import checked
from labelbook.core.problems import ContentError, UsageError, did_you_mean
from labelbook.core.sources import git
from labelbook.qa import FORMATS, STAFFING_FORMATS, AuditError, AuditProblem, Guidelines, ReleaseInfo, from_repo
from labelbook.qa.context import rule_changes, rules_in_tree, site_url_of
from labelbook.qa.helptext import DESCRIPTION, EPILOG, STAFFING_DESCRIPTION
from labelbook.qa.vocab import read_decision_map, with_order
from labelbook.qa.weeks import STARTS

if TYPE_CHECKING:
    from labelbook.core.model import Repo
    from labelbook.history.releases import Release
    from labelbook.qa import Audits, Settings
    from labelbook.qa.vocab import Vocabulary
    from labelbook.qa.weeks import Period

_BY_SUFFIX = {".txt": "text", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".json": "json", ".xlsx": "xlsx"}


def _say(args: argparse.Namespace, text: str) -> None:
    if not args.quiet:
        print(f"labelbook qa: {text}", file=sys.stderr, flush=True)


def _history(root: Path, pattern: str, notes: list[tuple[str, str]]) -> tuple[list[Release], dict[str, str]]:
    """The releases (newest first) and the rules of release trees that the working tree no longer has."""
    from labelbook.history.releases import is_git_repository, list_releases

    if not is_git_repository(root):
        return [], {}
    try:
        releases = [r for r in list_releases(root, pattern) if r.date is not None]
    except UsageError as exc:
        notes.append(("history", str(exc)))
        return [], {}
    former: dict[str, str] = {}
    for r in releases:
        paths = git(root, "ls-tree", "-r", "--name-only", r.commit, "--", "guidelines").decode("utf-8", "replace").splitlines()
        former = {**rules_in_tree(paths), **former}
    return releases, former


def _release_infos(root: Path, releases: list[Release], repo: Repo, period: Period, pattern: str, notes: list[tuple[str, str]]) -> tuple[ReleaseInfo, ...]:
    """Every release with its date; those inside the report's window with their changes and
    the size of the `quiz --since` of the release before them."""
    from labelbook.history.releases import compare
    from labelbook.history.since import changed_examples

    out = []
    oldest_first = list(reversed(releases))
    for i, r in enumerate(oldest_first):
        previous = oldest_first[i - 1].tag if i else None
        info = ReleaseInfo(r.tag, r.version, r.date.date(), previous)
        if previous and period.window_start <= info.date <= period.week.end:
            try:
                changes = rule_changes(compare(root, previous, r.tag, pattern).changes)
                since = changed_examples(compare(root, previous, None, pattern, worktree=repo), repo)
            except (ContentError, UsageError) as exc:
                notes.append(("history", f"{r.tag}: {exc}"))
            else:
                counts: dict[str, int] = {}
                for example_id in since:
                    ex = repo.examples[example_id]
                    counts[ex.rule] = counts.get(ex.rule, 0) + int(ex.quiz)
                info = ReleaseInfo(r.tag, r.version, info.date, previous, changes, counts)
        out.append(info)
    return tuple(out)


class _Context:
    """The guideline repository, when the command runs in one: vocabulary, links, history."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.root = Path(args.repo)
        self.notes: list[tuple[str, str]] = []
        self.releases: list[Release] = []
        self.repo: Repo | None = None
        if not (self.root / "guidelines").is_dir():
            if args.repo != ".":
                raise UsageError(f"-C {args.repo}: not a guideline repository (no guidelines/ folder)")
            if args.lang not in (None, "en", "bn"):
                raise UsageError(f"--lang {args.lang}: the report is written in en or bn")
            self.guidelines = Guidelines(lang=args.lang or "en")
            return
        self.root = self.root.resolve()
        # Every language: a review tool may export the decisions' titles in any of them.
        repo = checked(self.root, doing=", so the report cannot link its rules").repo
        assert repo is not None  # checked() raises when the repository does not load
        self.repo = repo
        policy = repo.policy
        lang = args.lang or policy.source_language
        if lang not in policy.languages:
            raise UsageError(f"--lang {lang}: not a language of this repository{did_you_mean(lang, policy.languages)} (policy.yaml: {', '.join(policy.languages)})")
        if args.order:
            raise UsageError("--order: in a guideline repository the decisions' order is policy.yaml's")
        self.releases, former = _history(self.root, args.tags, self.notes)
        self.guidelines = from_repo(repo, lang, site_url=args.site_url or site_url_of(self.root), repo_arg=args.repo,
                                    former_rules={k: v for k, v in former.items() if k not in repo.rules})

    def vocabulary(self) -> Vocabulary:
        vocab = self.guidelines.vocabulary()
        return with_order(vocab, self.args.order.split(",")) if self.args.order else vocab

    def with_history(self, period: Period) -> Guidelines:
        if self.repo is None:
            return self.guidelines
        infos = _release_infos(self.root, self.releases, self.repo, period, self.args.tags, self.notes)
        return replace(self.guidelines, releases=infos, notes=tuple(self.notes))


def _read(args: argparse.Namespace, ctx: _Context, need: tuple[str, ...] = ()) -> Audits:
    from labelbook.qa import read_audits
    from labelbook.qa.columns import norm, parse_renames
    from labelbook.qa.privacy import salt_from

    vocab = ctx.vocabulary()
    mapped = read_decision_map(Path(args.decisions), args.decisions, vocab) if args.decisions else {}
    salt = None
    if getattr(args, "pseudonymize", False):
        salt, stable = salt_from(args.salt_file)
        if not stable:
            _say(args, "no salt given (LABELBOOK_QA_SALT or --salt-file): the pseudonymous codes hold within this report only")
    started = time.monotonic()
    audits = read_audits(
        args.audits, vocab, renames=parse_renames(args.column), ignored={norm(c) for c in args.ignore_column},
        decision_map=mapped, skip_bad_rows=args.skip_bad_rows, first_weekday=STARTS[args.week_start], salt=salt,
        listed_per_code=args.max_problems, need=need,
        progress=lambda text: _say(args, f"{text} ({time.monotonic() - started:.1f} s)"),
    )
    _warn(audits.warnings, audits.omitted, "warning")
    if audits.skipped:
        _say(args, f"{audits.skipped:,} bad row(s) left out (--skip-bad-rows)")
    return audits


def _warn(problems: Sequence[AuditProblem], omitted: dict[str, int], severity: str) -> None:
    for p in problems:
        print(p.as_text(), file=sys.stderr)
    for code, n in sorted(omitted.items()):
        print(f"labelbook qa: ... and {n:,} more {severity}s [{code}] not listed (--max-problems 0 lists them all)", file=sys.stderr)


def _run(args: argparse.Namespace, work: Callable[[], int]) -> int:
    try:
        return work()
    except AuditError as exc:
        _warn(exc.audit_problems, exc.omitted, "error")
        print(f"labelbook: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except ContentError as exc:
        for p in exc.problems:
            print(p.as_text(), file=sys.stderr)
        print(f"labelbook: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except BaseException as exc:
        # A panic of Polars' Rust code is a BaseException, which the command line's last line
        # of defence (it catches Exception) would let through as a traceback.
        if type(exc).__name__ != "PanicException":
            raise
        print(f"labelbook: internal error: Polars failed ({exc}); run with --debug and please report it", file=sys.stderr)
        if args.debug:
            raise
        return 1


def _format(args: argparse.Namespace, choices: Sequence[str]) -> str:
    if args.format:
        return args.format
    if args.output and args.output != "-":
        found = _BY_SUFFIX.get(Path(args.output).suffix.lower(), "text")
        return found if found in choices else "text"
    return "text"


def _check_output(args: argparse.Namespace, fmt: str) -> None:
    if fmt == "xlsx" and (not args.output or args.output == "-") and sys.stdout.isatty():
        raise UsageError("--format xlsx writes a workbook: give it a file with -o report.xlsx")
    if args.output and args.output != "-":
        target = Path(args.output).resolve()
        for a in args.audits:
            if Path(a).exists() and Path(a).resolve() == target:
                raise UsageError(f"-o {args.output}: that is an audit file; the report would replace it")


def _settings(args: argparse.Namespace) -> Settings:
    from labelbook.qa import Settings

    return Settings(min_audits=getattr(args, "min_audits", 30), baseline=args.baseline, week=args.week, first_weekday=STARTS[args.week_start])


def cmd_qa(args: argparse.Namespace) -> int:
    fmt = _format(args, FORMATS)
    _check_output(args, fmt)

    def work() -> int:
        from labelbook.qa import build_report, choose_period, render
        from labelbook.qa.privacy import refuse_publishing

        ctx = _Context(args)
        refuse_publishing(args.output, ctx.root if ctx.repo is not None else None)
        audits = _read(args, ctx)
        settings = _settings(args)
        period = choose_period(audits, settings)
        _say(args, f"report week {period.week.label}; baseline {period.baseline[0].label} to {period.baseline[-1].label}")
        report = build_report(audits, period, ctx.with_history(period), settings)
        data = render(report, fmt)
        write_output(args.output or "-", data)
        if args.output and args.output != "-":
            _say(args, f"wrote {args.output} ({fmt}): {len(report.abnormal.flags)} flag(s), {len(report.verdicts)} verdict(s), "
                       f"{len(report.actions)} action(s)")
        return 0

    return _run(args, work)


def cmd_staffing(args: argparse.Namespace) -> int:
    fmt = _format(args, STAFFING_FORMATS)
    _check_output(args, fmt)

    def work() -> int:
        from labelbook.qa import choose_period
        from labelbook.qa.privacy import refuse_publishing
        from labelbook.qa.render_staffing import render_staffing
        from labelbook.qa.staffing import plan

        ctx = _Context(args)
        refuse_publishing(args.output, ctx.root if ctx.repo is not None else None)
        audits = _read(args, ctx, need=("handle_seconds",))
        period = choose_period(audits, _settings(args))
        result = plan(audits.frame, period, volume=args.volume, hours=args.hours, occupancy=args.occupancy,
                      shrinkage=args.shrinkage, growth=args.growth)
        write_output(args.output or "-", render_staffing(result, fmt, ctx.guidelines.lang))
        return 0

    return _run(args, work)


def _reading_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("audits", nargs="+", metavar="AUDIT", help="audit files (CSV, XLSX, Parquet), globs or folders")
    p.add_argument("--week", metavar="YYYY-Www", help="the report week, e.g. 2026-W48 (default: the last complete week in the data)")
    p.add_argument("--baseline", type=int, default=4, metavar="N", help="weeks before the report week that make each segment's baseline (default: 4)")
    p.add_argument("--week-start", choices=tuple(STARTS), default="mon", help="first day of a week: mon (ISO weeks, default), sun or sat")
    p.add_argument("--column", action="append", default=[], metavar="OURS=THEIRS", help="read our column from another header, e.g. qa_decision=final_label (repeatable)")
    p.add_argument("--ignore-column", action="append", default=[], metavar="NAME", help="a column that is not a segment (a comment, a URL); repeatable")
    p.add_argument("--decisions", metavar="MAP.yaml", help="the review tool's label names mapped to decision ids, one 'label: decision' per line")
    p.add_argument("--order", metavar="D1,D2,...", help="outside a guideline repository: the decisions, strongest action first (for under/over-enforcement)")
    p.add_argument("--skip-bad-rows", action="store_true", help="report bad rows as warnings and leave them out, instead of failing")
    p.add_argument("--max-problems", type=int, default=1000, metavar="N", help="bad rows listed per kind of problem (default: 1000; 0: all)")
    p.add_argument("--lang", metavar="LANG", help="language of the report: en or bn (default: the guidelines' source language)")
    p.add_argument("-C", "--repo", default=".", metavar="DIR", help="the guideline repository (default: the current folder, if it is one)")
    p.add_argument("--tags", default="v*", metavar="GLOB", help="release tags (default: v*)")
    p.add_argument("--site-url", metavar="URL", help="the published site's base URL, for the rule links (default: site_url of mkdocs.yml)")
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE (atomically) instead of standard output; the format follows its suffix")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress on standard error")


class _QaParser(argparse.ArgumentParser):
    """`qa AUDIT...` and `qa staffing ...` in one command: argparse cannot put a sub-command
    beside a list of files, so the word `staffing` first hands the rest to its own parser
    (an audit file of that name is reached as ./staffing)."""

    staffing: argparse.ArgumentParser

    def parse_known_args(self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None) -> Any:
        if args and args[0] == "staffing":
            return self.staffing.parse_known_args(list(args[1:]), namespace)
        return super().parse_known_args(args, namespace)


def add_commands(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("qa", help="the weekly quality report from QA audits: what is abnormal, why, what to do (also: qa staffing)",
                       description=DESCRIPTION, epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.__class__ = _QaParser
    _reading_options(p)
    p.add_argument("--min-audits", type=int, default=30, metavar="N", help="audits a segment needs in the week to be tested (default: 30)")
    p.add_argument("--format", choices=FORMATS, help="text (default), md, html (one offline file with charts), json, xlsx; with -o, from the suffix")
    p.add_argument("--pseudonymize", action="store_true", help="replace labeler and auditor ids by stable codes (salt: LABELBOOK_QA_SALT or --salt-file)")
    p.add_argument("--salt-file", metavar="FILE", help="the secret that keeps --pseudonymize codes the same from week to week")
    p.set_defaults(func=cmd_qa)
    s = argparse.ArgumentParser(prog=f"{p.prog} staffing", description=STAFFING_DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter)
    _reading_options(s)
    s.add_argument("--volume", type=float, required=True, metavar="ITEMS_PER_DAY", help="items to handle a day (the first week of the plan)")
    s.add_argument("--hours", type=float, default=8.0, metavar="H", help="a labeler's paid hours a day (default: 8)")
    s.add_argument("--occupancy", type=float, default=0.85, metavar="F", help="share of logged-in time spent on items (default: 0.85)")
    s.add_argument("--shrinkage", type=float, default=0.30, metavar="F", help="share of paid time off the queue: breaks, training, absence (default: 0.30)")
    s.add_argument("--growth", type=float, default=0.0, metavar="F", help="weekly change of the volume, e.g. 0.02 for 2%% more each week (default: 0)")
    s.add_argument("--format", choices=STAFFING_FORMATS, help="text (default), md or json")
    s.set_defaults(func=cmd_staffing)
    p.staffing = s  # type: ignore[attr-defined]
