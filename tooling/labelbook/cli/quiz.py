"""`labelbook quiz`: a calibration quiz from the edge-case examples, for an LMS or a spreadsheet."""

from __future__ import annotations

import argparse
import os
import stat
import sys
from pathlib import Path
from urllib.parse import quote, urlsplit

from labelbook.cli.common import add_repo, repo_root, write_output
from labelbook.core.checks import checked
from labelbook.core.model import DIFFICULTIES, Repo
from labelbook.core.problems import ContentError, Pos, UsageError, did_you_mean, error
from labelbook.core.sources import MAX_BYTES, decode
from labelbook.core.yamlio import parse_yaml
from labelbook.quiz import FORMATS, QuizSettings, build_quiz, export
from labelbook.history.releases import is_git_repository, list_releases, worktree_version

DESCRIPTION = """\
Make a calibration quiz from the guidelines' edge-case examples: the example's content
is the question, the decisions are the options, its label is the key, and the rationale
with a link to the rule's page is the feedback. Examples marked `quiz: false`, and those
of deprecated rules (unless named with --rule), are never asked.

  labelbook quiz --count 20 --lang bn -o quiz.json
  labelbook quiz --count 10 --area hate-speech,bullying --difficulty hard --format gift -o hard.gift.txt
  labelbook quiz --count 8 --since v1.2.0 --format moodle-xml -o recalibration.xml
  labelbook quiz --count 15 --max-sensitive 0.2 --format qti --site-url https://guides.example.org/1.3.0 -o quiz.zip

Items are spread over areas and difficulties; the same repository, options and --seed
give the same file, byte for byte. Formats: json (canonical, schemas/quiz.schema.json,
what `labelbook score` reads), csv (UTF-8 for spreadsheets), gift and moodle-xml (Moodle
question bank import; both give Moodle the same questions), qti (IMS QTI 2.1 content
package, a zip). docs/trainers-guide.md says which to choose and how results come back.

Rule links in the feedback are absolute: --site-url, else site_url of mkdocs.yml (with
the version's folder, /1.3.0/ or /dev/, when the repository has release tags, since the
published site then has one folder per version). Without either, they are relative and
the command warns: a relative link does not open from an LMS or a spreadsheet.

Exit codes: 0 the quiz was written; 1 the repository has errors (they are listed);
2 wrong usage, including asking for more items than the filters leave (the message
says how many there are and which filter limited them).
"""


def add_commands(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("quiz", help="a calibration quiz (json, csv, Moodle GIFT / XML, QTI 2.1)", description=DESCRIPTION,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--count", type=int, default=10, metavar="N", help="number of items (default: 10)")
    p.add_argument("--lang", metavar="LANG", help="quiz language, one of policy.yaml's languages (default: the source language)")
    p.add_argument("--area", action="append", default=[], metavar="AREA", help="only these areas (repeatable, or a comma list)")
    p.add_argument("--rule", action="append", default=[], metavar="RULE", help="only these rules (repeatable, or a comma list)")
    p.add_argument("--difficulty", action="append", default=[], metavar="D", help="only easy, medium and/or hard (repeatable, or a comma list)")
    p.add_argument("--since", metavar="REF", help="only what changed since this release: new and relabelled examples, and those of rules whose decision or text changed")
    p.add_argument("--seed", default="0", metavar="S", help="selection seed: the same seed gives the same quiz (default: 0)")
    p.add_argument("--max-sensitive", type=float, metavar="F", help="the largest share of sensitive items, 0..1 (default: no cap)")
    p.add_argument("--options", type=int, default=5, metavar="K", help="options per item; all decisions when there are at most K (default: 5)")
    p.add_argument("--format", choices=FORMATS, default="json", help="output format (default: json)")
    p.add_argument("--site-url", metavar="URL", help="base URL of the published site for this version, for the rule links (default: site_url of mkdocs.yml, plus the version's folder when the repository has releases)")
    add_repo(p)
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="where to write the quiz ('-' for standard output)")
    p.set_defaults(func=cmd_quiz)


def _split(values: list[str]) -> tuple[str, ...]:
    """Repeatable options that also take comma lists, de-duplicated in the order given."""
    out: list[str] = []
    for value in values:
        out += [v.strip() for v in value.split(",") if v.strip() and v.strip() not in out]
    return tuple(out)


def _known(option: str, given: tuple[str, ...], known: list[str]) -> None:
    for value in given:
        if value not in known:
            raise UsageError(f"{option} {value}: no such {option[2:]}{did_you_mean(value, known)}; known: {', '.join(known)}")


def settings_from_args(args: argparse.Namespace, repo: Repo, version: str = "dev", site_url: str | None = None) -> QuizSettings:
    policy = repo.policy
    lang = args.lang or policy.source_language
    if lang not in policy.languages:
        raise UsageError(f"--lang {lang}: not a language of this repository{did_you_mean(lang, policy.languages)} (policy.yaml languages: {', '.join(policy.languages)})")
    if args.count < 1:
        raise UsageError(f"--count {args.count}: a quiz has at least one item")
    if args.options < 2:
        raise UsageError(f"--options {args.options}: an item needs at least 2 options")
    if args.max_sensitive is not None and not 0 <= args.max_sensitive <= 1:
        raise UsageError(f"--max-sensitive {args.max_sensitive:g}: a share between 0 and 1 (0.2 = at most one item in five)")
    areas, rules, difficulties = _split(args.area), _split(args.rule), _split(args.difficulty)
    _known("--area", areas, [a.id for a in policy.areas])
    _known("--rule", rules, sorted(repo.rules))
    _known("--difficulty", difficulties, list(DIFFICULTIES))
    seed: int | str = int(args.seed) if args.seed.lstrip("-").isdigit() else args.seed
    return QuizSettings(
        count=args.count, lang=lang, seed=seed, options=args.options, areas=areas, rules=rules,
        difficulties=difficulties, since=args.since, max_sensitive=args.max_sensitive,
        site_url=site_url, version=version,
    )


def mkdocs_site_url(root: Path) -> tuple[str, Pos] | None:
    """site_url of mkdocs.yml and where it stands, read as data: the file comes with pull requests.

    Opened without following a link, at most MAX_BYTES, and parsed with labelbook's safe YAML
    reader, so a tag (`!ENV`, `!!python/...`) is never acted on: a tagged site_url counts as none.
    """
    name = "mkdocs.yml"
    try:
        fd = os.open(root / name, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None  # absent, a link, or unreadable: no site_url to use
    with os.fdopen(fd, "rb") as f:
        if not stat.S_ISREG(os.fstat(f.fileno()).st_mode):
            return None  # a FIFO or a device would block or never end
        data = f.read(MAX_BYTES + 1)
    text, _ = decode(data, name)
    if text is None or len(data) > MAX_BYTES:
        return None
    located, _ = parse_yaml(text, name)
    if located is None or not isinstance(located.data, dict) or not isinstance(located.data.get("site_url"), str):
        return None
    return located.data["site_url"].strip(), located.pos(("site_url",))


def site_base(root: Path, given: str | None, version: str) -> tuple[str | None, str]:
    """The base URL of the rule links, and a sentence saying where it came from."""
    if given:
        return given, "--site-url"
    found = mkdocs_site_url(root)
    if not found or not found[0]:
        return None, ""
    url, pos = found
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or any(c.isspace() or ord(c) < 32 for c in url):
        raise ContentError("mkdocs.yml has a site_url the quiz cannot link to", [error(
            pos, "quiz-site-url",
            f"site_url {url!r} is not an http(s) URL: every rule link of the quiz would carry it into the LMS; "
            "fix it, or pass --site-url with the published site's address")])
    try:
        versioned = is_git_repository(root) and bool(list_releases(root))
    except UsageError:  # a shallow clone: its tags cannot be trusted to be all of them
        versioned = False
    if versioned:
        return f"{url.rstrip('/')}/{quote(version, safe='')}/", f"site_url of mkdocs.yml, in the folder of version {version}"
    return url, "site_url of mkdocs.yml"


def cmd_quiz(args: argparse.Namespace) -> int:
    root = repo_root(args)
    # An English quiz does not read the translations; a Bengali one reads (and checks) the Bengali.
    repo = checked(root, languages=[args.lang] if args.lang else []).repo
    version = worktree_version(root)
    base, origin = site_base(root, args.site_url or None, version)
    settings = settings_from_args(args, repo, version=version, site_url=base)
    changed = None
    if settings.since:
        from labelbook.history.since import changed_since  # git is needed only here

        try:
            changed = changed_since(root, settings.since, repo)
        except UsageError as exc:
            raise UsageError(f"--since {settings.since}: {exc}") from exc
    quiz = build_quiz(repo, settings, changed)
    if not base:
        # Dead links in an LMS, a spreadsheet or the score report: say so, whatever the format.
        quiz.warnings.append("the rule links are relative to the site (e.g. hate-speech/HS-001/) and will not open "
                             "from an LMS or a spreadsheet; pass --site-url, or set site_url in mkdocs.yml")
    for warning in quiz.warnings:
        print(f"labelbook: warning: {warning}", file=sys.stderr)
    if base and origin != "--site-url":
        print(f"labelbook: rule links start at {base} ({origin}; --site-url changes it)", file=sys.stderr)
    data = export(quiz.data, args.format)
    write_output(args.output, data)
    where = "standard output" if args.output == "-" else args.output
    print(f"labelbook: wrote a {args.format} quiz of {len(quiz.data['items'])} items ({settings.lang}) to {where}", file=sys.stderr)
    return 0
