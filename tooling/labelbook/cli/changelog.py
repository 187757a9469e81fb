"""`labelbook changelog`: the semantic diff of two versions of a guideline repository."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from typing import TYPE_CHECKING

from labelbook.cli.common import add_repo, write_output
from labelbook.core.problems import UsageError
from labelbook.history.releases import DEFAULT_PATTERN, compare, is_worktree, newest_release, require_git

if TYPE_CHECKING:
    from labelbook.history.changelog import Gettext
    from labelbook.history.diff import Changelog

DESCRIPTION = """\
Compare two versions of the guidelines and list what changed, in the terms labelers
need: rules added, removed or deprecated; a rule's decision, severity, title or text
(word by word); examples added, removed or relabelled (old -> new label), their
content or rationale; and translations that became out of date. Changes to what
labelers must do come first.

FROM..TO: either end is any git ref (a release tag such as v1.0.0, a branch,
a commit) or empty / WORKTREE for your working files, committed or not:

  labelbook changelog                    newest release -> working tree
  labelbook changelog v1.0.0..v1.1.0     between two releases
  labelbook changelog v1.1.0..           v1.1.0 -> working tree (also: `v1.1.0` alone)
  labelbook changelog origin/main..HEAD  what a pull request changes

Releases are read straight from git: nothing is checked out or stashed.
Exit codes: 0 the changelog was written (with or without changes), 1 one of the
versions has content errors (they are listed), 2 wrong usage (unknown ref, not a
git repository, shallow clone).
"""


def add_commands(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "changelog",
        help="what changed between two versions, for labelers (Markdown or JSON)",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("range", nargs="?", metavar="FROM..TO", help="the versions to compare (default: newest release tag .. working tree)")
    p.add_argument("--format", choices=("md", "json"), default="md", help="Markdown for people (default) or JSON for programs (schemas/changelog.schema.json)")
    p.add_argument("--lang", default="en", help="language of the Markdown: en (default) or bn; JSON is language-neutral")
    add_repo(p)
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")
    p.add_argument("--tags", default=DEFAULT_PATTERN, metavar="GLOB", help=f"which tags are releases (default: {DEFAULT_PATTERN!r})")
    p.set_defaults(func=cmd_changelog)


def parse_range(text: str | None) -> tuple[str | None, str | None, bool]:
    """(from, to, from_is_default). None stands for the working tree."""
    if text is None:
        return None, None, True
    if "..." in text:
        raise UsageError(f"'{text}': use two dots, FROM..TO (a changelog compares two versions; there is no merge-base form)")
    if ".." in text:
        old, new = text.split("..", 1)
    else:
        old, new = text, ""  # like `git diff REF`: that version against the working files
    return _end(old), _end(new), False


def _end(ref: str) -> str | None:
    ref = ref.strip()
    return None if is_worktree(ref) else ref


def make_changelog(root: Path, old: str | None, new: str | None, *, default_from: bool = False, pattern: str = DEFAULT_PATTERN) -> Changelog:
    """The changelog between two refs (None = working tree); `default_from` starts at the newest release."""
    if default_from:
        require_git(root)
        old = newest_release(root, pattern).tag
    return compare(root, old, new, pattern)


def load_gettext(lang: str) -> Gettext:
    """The UI strings of `lang` from labelbook's catalogue (locales/<lang>/LC_MESSAGES/labelbook.po)."""
    from labelbook.core.i18n import Translator

    return Translator(lang)._


def cmd_changelog(args: argparse.Namespace) -> int:
    root = Path(args.repo).resolve()
    if not root.is_dir():
        raise UsageError(f"{args.repo}: no such folder")
    # Imported here: the renderers (and Babel's locale data) are for this command alone.
    from labelbook.history.changelog import render_json, render_markdown

    old, new, default_from = parse_range(args.range)
    changelog = make_changelog(root, old, new, default_from=default_from, pattern=args.tags)
    if args.format == "json":
        text = render_json(changelog)
    else:
        policy_langs = changelog.languages
        if args.lang not in policy_langs:
            raise UsageError(f"--lang {args.lang}: not a language of this repository (policy.yaml languages: {', '.join(policy_langs)})")
        gettext = (lambda s: s) if args.lang == policy_langs[0] else load_gettext(args.lang)
        text = render_markdown(changelog, args.lang, gettext)
    _write(text, args.output)
    n, m = len(changelog.labeler_changes), len(changelog.other_changes)
    print(f"labelbook: {changelog.old.label} -> {changelog.new.label}: changes to what labelers must do: {n}; other changes: {m}", file=sys.stderr)
    return 0


def _write(text: str, output: str | None) -> None:
    if output and output != "-":
        write_output(output, text.encode("utf-8"))
        return
    # Bengali must not depend on the terminal's locale settings.
    if hasattr(sys.stdout, "reconfigure") and (sys.stdout.encoding or "").lower() not in ("utf-8", "utf8"):
        sys.stdout.reconfigure(encoding="utf-8")
    sys.stdout.write(text)

