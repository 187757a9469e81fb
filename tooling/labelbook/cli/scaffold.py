"""`labelbook init` and `labelbook new rule|example`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from labelbook.cli.common import add_repo, repo_root


def cmd_init(args: argparse.Namespace) -> int:
    from labelbook.scaffold import repo as scaffold

    target = Path(args.dir)
    written = scaffold.init(target, force=args.force, requirement=args.requirement, title=args.title)
    for path in written:
        print(f"wrote {path}", file=sys.stderr)
    print(
        f"\nA new guideline repository is in {target}. Next:\n"
        f"  cd {target} && git init && labelbook check --strict && labelbook serve",
        file=sys.stderr,
    )
    return 0


def cmd_new_rule(args: argparse.Namespace) -> int:
    from labelbook.scaffold import repo as scaffold

    root = repo_root(args)
    for path in scaffold.new_rule(root, args.area, title=args.title, decision=args.decision):
        print(path.relative_to(root).as_posix())
    return 0


def cmd_new_example(args: argparse.Namespace) -> int:
    from labelbook.scaffold import repo as scaffold

    root = repo_root(args)
    ex_id, paths = scaffold.new_example(root, args.rule, label=args.label, content=args.content, rationale=args.rationale)
    print(f"added {ex_id}", file=sys.stderr)
    for path in paths:
        print(path.relative_to(root).as_posix())
    return 0


def add_commands(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "init",
        help="create a new bilingual guideline repository",
        description="Write a new guideline repository that passes `labelbook check --strict` and builds at once: "
        "mkdocs.yml, policy.yaml and its Bengali translation, one sample rule with two examples in both languages, "
        "a README for policy specialists, a GitHub Actions workflow, a pre-commit config and editor settings.",
    )
    p.add_argument("dir", metavar="DIR", help="the folder to create (must be empty unless --force)")
    p.add_argument("--force", action="store_true", help="write into a non-empty folder, overwriting files with the same names")
    p.add_argument("--title", help="title of the guideline set (default: Content labeling guidelines)")
    p.add_argument("--requirement", help="what the CI workflow pip-installs (default: where this labelbook came from, or 'labelbook')")
    p.set_defaults(func=cmd_init)

    n = sub.add_parser("new", help="scaffold a rule or an example with the next free id", description="Scaffold a rule or an edge-case example with the next free id, in the right file, with placeholders and translation stubs.")
    nsub = n.add_subparsers(dest="kind", metavar="KIND", required=True)
    p = nsub.add_parser("rule", help="a new rule in an area", description="Write guidelines/AREA/<next id>.md and its translation stubs. Ids already used in git history are never reused.")
    add_repo(p)
    p.add_argument("area", metavar="AREA", help="an area id of policy.yaml")
    p.add_argument("--title", required=True, help="the rule's title, as labelers will read it")
    p.add_argument("--decision", help="the decision when the rule applies (default: the first decision of the policy)")
    p.set_defaults(func=cmd_new_rule)
    p = nsub.add_parser("example", help="a new edge-case example of a rule", description="Append the next example id to examples/<area>/RULE.yaml, with a translation stub.")
    add_repo(p)
    p.add_argument("rule", metavar="RULE", help="a rule id, e.g. HS-001")
    p.add_argument("--label", help="the correct label (default: the rule's decision)")
    p.add_argument("--content", help="what the content shows, in words (default: a line saying what to write)")
    p.add_argument("--rationale", help="why the label is right (default: a line saying what to write)")
    p.set_defaults(func=cmd_new_example)

