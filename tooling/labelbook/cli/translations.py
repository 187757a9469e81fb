"""`labelbook translations status|stamp`: translators' tools."""

from __future__ import annotations

import argparse
import json
import sys

from labelbook.cli.common import add_repo, repo_root
from labelbook.core import translations as tr
from labelbook.core.checks import check, checked, language_name
from labelbook.core.problems import ContentError, UsageError
from labelbook.core.sources import WorkingTree


def cmd_status(args: argparse.Namespace) -> int:
    root = repo_root(args)
    loaded = check(WorkingTree(root))
    if loaded.repo is None:
        raise ContentError("guidelines/policy.yaml cannot be read", loaded.errors)
    langs = [args.lang] if args.lang else None
    if args.lang and args.lang not in loaded.repo.policy.target_languages:
        raise UsageError(f"--lang {args.lang}: not a translation language (policy.yaml: {', '.join(loaded.repo.policy.languages)})")
    states = tr.status(loaded.repo, langs)
    shown = [s for s in states if not args.state or s.state in args.state]
    totals = tr.totals(states)
    diffs = _stale_diffs(root, loaded.repo, shown) if args.diff else {}
    if args.format == "json":
        units = [dict(s.as_dict(), **({"english_changes": _diff_json(diffs[(s.lang, s.id)])} if (s.lang, s.id) in diffs else {})) for s in shown]
        print(json.dumps({"units": units, "totals": totals}, ensure_ascii=False, indent=2))
        return 0
    for s in shown:
        print(f"{s.lang}  {s.state:<8} {s.kind:<8} {s.id:<14} {s.path}")
        if (s.lang, s.id) in diffs:
            print(_diff_text(diffs[(s.lang, s.id)]))
    for lang, t in totals.items():
        pct = 100 * t["current"] / t["total"] if t["total"] else 100
        print(f"{language_name(lang)} ({lang}): {t['current']} current, {t['stale']} stale, {t['missing']} missing of {t['total']} units ({pct:.0f}% current)")
    return 0


def _stale_diffs(root, repo, shown) -> dict:
    """(lang, id) -> StaleDiff for the stale units shown."""
    from labelbook.history.stale import stale_diffs

    out = {}
    for lang in sorted({s.lang for s in shown if s.state == "stale"}):
        ids = {s.id for s in shown if s.state == "stale" and s.lang == lang}
        out.update({(d.lang, d.id): d for d in stale_diffs(root, repo, lang, ids)})
    return out


def _diff_text(diff) -> str:
    """The English changes of a stale unit in `git diff --word-diff=plain` style, indented;
    unchanged text far from a change is cut to a few words around it."""
    from labelbook.history.wordmarks import word_diff_plain

    if not diff.found:
        return f"    the English this translation was made from (source {diff.source}) is not in the git history"
    lines = [f"    {field.name}: {word_diff_plain(field.ops)}" for field in diff.fields if field.changed]
    return "\n".join(lines) or "    the English changed only in spacing"


def _diff_json(diff) -> dict:
    return {
        "found_in": diff.commit,
        "fields": {f.name: [{"op": op.op, "text": op.text} for op in f.ops] for f in diff.fields if f.changed},
    }


def cmd_stamp(args: argparse.Namespace) -> int:
    if not args.ids and not args.all:
        raise UsageError("name the rules or examples to stamp (e.g. HS-001 HS-001-E02), or pass --all")
    root = repo_root(args)
    repo = checked(root).repo
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


def add_commands(sub: argparse._SubParsersAction) -> None:
    t = sub.add_parser("translations", help="translation states per rule and example; stamp fingerprints", description="Translators' tools: which translated units are current, stale or missing, and `stamp` to record that a translation was brought up to date.")
    tsub = t.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = tsub.add_parser("status", help="current / stale / missing per rule and example, with totals per language", description="List the translation state of every rule and example, and the totals per language.")
    add_repo(p)
    p.add_argument("--lang", help="one translation language (default: all)")
    p.add_argument("--state", action="append", choices=("current", "stale", "missing"), help="list only units in this state (repeatable); totals still count all")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument(
        "--diff",
        action="store_true",
        help="for each stale unit, the English word diff since its translation was made "
        "(that English is found in git history by the translation's `source:` fingerprint)",
    )
    p.set_defaults(func=cmd_status)
    p = tsub.add_parser(
        "stamp",
        help="record that translations are up to date with today's source text",
        description="Write today's fingerprint of the source text into the `source:` of each named translation. "
        "Run it after you brought the translation in step with the English; naming a rule stamps the rule and its examples.",
    )
    add_repo(p)
    p.add_argument("ids", nargs="*", metavar="ID", help="rule ids (with their examples) or example ids")
    p.add_argument("--all", action="store_true", help="stamp every stale translation")
    p.add_argument("--lang", help="one translation language (default: all)")
    p.add_argument("--dry-run", action="store_true", help="say what would be stamped, change nothing")
    p.set_defaults(func=cmd_stamp)
