"""`labelbook build` and `labelbook serve`: argument parsing only; the work is in `site.build`."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from labelbook.cli.common import add_repo, repo_root


def _log_mkdocs(quiet: bool) -> None:
    """Show MkDocs' progress and warnings the way `mkdocs build` does."""
    logger = logging.getLogger("mkdocs")
    if not any(getattr(h, "_labelbook", False) for h in logger.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        handler._labelbook = True  # type: ignore[attr-defined]
        logger.addHandler(handler)
    logger.setLevel(logging.WARNING if quiet else logging.INFO)
    logger.propagate = False


def cmd_build(args: argparse.Namespace) -> int:
    from labelbook.site.build import build_site

    root = repo_root(args)
    _log_mkdocs(args.quiet)
    if args.versions:
        from labelbook.site.versions import build_versions

        build_versions(root, Path(args.site_dir) if args.site_dir else None, pattern=args.tags, strict=args.strict)
        return 0
    site = build_site(root, Path(args.site_dir) if args.site_dir else None, strict=args.strict)
    print(f"labelbook: site written to {site}", file=sys.stderr)
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from labelbook.site.build import serve_site

    root = repo_root(args)
    _log_mkdocs(False)
    serve_site(root, args.dev_addr)
    return 0


def add_commands(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "build",
        help="the bilingual site (English at the root, each translation under /<lang>/)",
        description="Build the site with MkDocs and the labelbook plugin, like `mkdocs build`. "
        "The repository is checked first: with errors nothing is built (exit 1). The site is built into a "
        "temporary folder and swapped in only when complete, so a failed build leaves the previous site intact.",
    )
    add_repo(p)
    p.add_argument("-d", "--site-dir", metavar="SITE", help="where to write the site (default: mkdocs.yml's site_dir, `site/`)")
    p.add_argument("--strict", action="store_true", help="MkDocs warnings (broken links...) fail the build")
    p.add_argument("-q", "--quiet", action="store_true", help="show only warnings and errors")
    p.add_argument(
        "--versions",
        action="store_true",
        help="every release tag into SITE/<version>/ and the working tree into SITE/dev/, with versions.json "
        "(mike's format), SITE/latest/ and a redirect; unchanged releases are reused from the last build",
    )
    p.add_argument("--tags", default="v*", metavar="GLOB", help="with --versions: the git tags that are releases (default: v*; tags that do not parse as versions are ignored)")
    p.set_defaults(func=cmd_build)

    p = sub.add_parser(
        "serve",
        help="live preview that rebuilds when a guideline or example file changes",
        description="Serve the site like `mkdocs serve`, rebuilding when a file under guidelines/ or examples/ changes.",
    )
    add_repo(p)
    p.add_argument("-a", "--dev-addr", metavar="IP:PORT", help="address to serve on (default: 127.0.0.1:8000)")
    p.set_defaults(func=cmd_serve)

