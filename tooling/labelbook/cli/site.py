"""`labelbook build` and `labelbook serve`: argument parsing only; the work is in `site.build`."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path
from typing import TextIO

from labelbook.cli.common import add_repo, repo_root
from labelbook.core import report
from labelbook.core.problems import UsageError

_SAFETY = """\
exit codes:
  0  the site was written
  1  the repository (or its mkdocs.yml) has errors, listed one per line: nothing was written;
     with --versions, also: a release tag could not be built, so it was left out (the output
     names it and why) and the site was written with the other versions and dev
  2  the command was used wrongly, or SITE is not a folder labelbook may replace

the site folder:
  SITE is deleted and written again whole, so it must be new, empty, or a site labelbook
  wrote (labelbook leaves a .labelbook-site file in each). It is never the repository, a
  folder above it, the home folder, .git or a content folder (guidelines/, examples/,
  schemas/, locales/). A failed or killed build leaves the previous site whole; the next
  build clears what a killed one left beside SITE.
  With --versions, SITE/assets/<hash>/ holds the assets (Material's, labelbook's) that the
  versions share, one folder per content: serve SITE whole, or build with --copy-assets.

what mkdocs.yml may say (it comes with pull requests, so it is checked before MkDocs reads it;
a breach is an error[mkdocs-unsafe] at the key):
  - no hooks, INHERIT, extra_templates, extra_javascript, theme.custom_dir, extra.analytics
  - no YAML tags (!ENV, !relative, !!python/...) but those Material documents for the emoji
    and fence functions and toc's slugify; no merge keys (<<)
  - docs_dir and site_dir inside the repository (use -d to build elsewhere)
  - Markdown extensions: Python-Markdown's own and pymdownx's, but not pymdownx.snippets or
    pymdownx.b64 (nor markdown_include), nor pymdownx.blocks.html; no option naming a file
    outside the repository
  - plugins: search, labelbook, tags, offline, and those named with --allow-plugin
  - settings the theme prints as they are (repo_url, repo_name, extra, theme...) without <, >
    or ", and no javascript:, vbscript: or data: links; no style sheet or theme file from
    another host (site_name, copyright and nav titles are escaped by labelbook instead)
"""


class _Stderr(logging.StreamHandler):
    """Writes to standard error as it is at each message, not as it was when the handler
    was made (a caller, or a test, may have replaced it since)."""

    @property  # type: ignore[override]
    def stream(self) -> TextIO:
        return sys.stderr

    @stream.setter
    def stream(self, value: TextIO) -> None:
        pass


def _log_mkdocs(quiet: bool) -> None:
    """Show MkDocs' progress and warnings the way `mkdocs build` does."""
    logger = logging.getLogger("mkdocs")
    if not any(getattr(h, "_labelbook", False) for h in logger.handlers):
        handler = _Stderr()
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        handler._labelbook = True  # type: ignore[attr-defined]
        logger.addHandler(handler)
    logger.setLevel(logging.WARNING if quiet else logging.INFO)
    logger.propagate = False


def _no_imports_from(root: Path) -> None:
    """Take the repository off Python's import path.

    `python -m labelbook` puts the current folder first on sys.path, and a build imports
    MkDocs, Markdown, its extensions and Jinja by name: a `markdown/` folder added to the
    repository by a pull request would be imported instead of the real package.
    """
    def ours(entry: str) -> bool:
        path = Path(entry or os.curdir).resolve()
        return entry == "" or path == root or (entry == sys.path[0] and path.is_relative_to(root))

    sys.path[:] = [entry for entry in sys.path if not ours(entry)]


def cmd_build(args: argparse.Namespace) -> int:
    root = repo_root(args)
    _no_imports_from(root)
    from labelbook.site.build import build_site

    _log_mkdocs(args.quiet)
    site_dir = Path(args.site_dir) if args.site_dir else None
    if not args.versions and (args.keep is not None or args.copy_assets):
        option = "--keep" if args.keep is not None else "--copy-assets"
        raise UsageError(f"{option} is an option of a versioned site: add --versions (labelbook build --versions {option} ...)")
    if args.versions:
        from labelbook.site.versions import build_versions

        result = build_versions(
            root, site_dir, pattern=args.tags, strict=args.strict, allow_plugins=args.allow_plugin, copy_assets=args.copy_assets, keep=args.keep
        )
        if not result.skipped:
            return 0
        sys.stdout.write(report.render([p for s in result.skipped for p in s.problems], "text"))
        tags = ", ".join(s.tag for s in result.skipped)
        print(
            f"labelbook: error: {len(result.skipped)} release(s) could not be built and were left out of the site ({tags}); "
            f"the other versions were written to {result.path}. A tag never changes: fix the problem in a new release",
            file=sys.stderr,
        )
        return 1
    site = build_site(root, site_dir, strict=args.strict, allow_plugins=args.allow_plugin)
    print(f"labelbook: site written to {site}", file=sys.stderr)
    return 0


_SERVE = """\
what is rebuilt whole (the open pages reload when it is done, a few seconds per hundred rules):
  a file added, removed or renamed under guidelines/, policy.yaml or a translation of it,
  mkdocs.yml, an image or other file of guidelines/ that the site copies, a rule that moves
  to another area, and every change when mkdocs.yml lists a plugin besides search and labelbook

while a file has errors:
  nothing is rebuilt; every page keeps being served as it last built, with a banner listing
  each error as `labelbook check` prints it (file:line:col: error[code]: message). The banner
  goes away by itself when the files are fixed. A repository with errors at the start is served
  as that list until it is fixed.

exit codes:
  0  stopped with Ctrl-C (or SIGTERM)
  2  the command was used wrongly: not a guideline repository, a bad -a, an address in use
"""


def cmd_serve(args: argparse.Namespace) -> int:
    root = repo_root(args)
    _no_imports_from(root)
    from labelbook.site.build import serve_site

    _log_mkdocs(False)
    serve_site(root, args.dev_addr, allow_plugins=args.allow_plugin)
    return 0


def _at_least_one(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of releases: give a whole number of 1 or more, such as --keep 20")
    return n


def _add_allow_plugin(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--allow-plugin",
        action="append",
        default=[],
        metavar="NAME",
        help="let mkdocs.yml use the installed MkDocs plugin NAME besides search, labelbook, tags and offline "
        "(repeatable). A plugin runs code during the build: name only plugins that cannot be made to run or read "
        "files named in the repository",
    )


def add_commands(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "build",
        help="the bilingual site (English at the root, each translation under /<lang>/)",
        description="Build the site with MkDocs and the labelbook plugin, like `mkdocs build`. "
        "The repository and its mkdocs.yml are checked first: with errors nothing is built (exit 1). The site is built into a "
        "temporary folder and swapped in only when complete, so a failed build leaves the previous site intact.",
        epilog=_SAFETY,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_repo(p)
    p.add_argument("-d", "--site-dir", metavar="SITE", help="where to write the site (default: mkdocs.yml's site_dir, `site/`); see `the site folder` below")
    p.add_argument("--strict", action="store_true", help="MkDocs warnings (broken links...) fail the build")
    p.add_argument("-q", "--quiet", action="store_true", help="show only warnings and errors")
    p.add_argument(
        "--versions",
        action="store_true",
        help="every release tag into SITE/<version>/ and the working tree into SITE/dev/, with versions.json "
        "(mike's format), SITE/latest/ and a redirect; unchanged releases are reused from the last build. "
        "A release that cannot be built is left out and named, and the exit code is 1",
    )
    p.add_argument("--tags", default="v*", metavar="GLOB", help="with --versions: the git tags that are releases (default: v*; tags that do not parse as versions are ignored)")
    p.add_argument(
        "--copy-assets",
        action="store_true",
        help="with --versions: give every version folder (and its translations) its own copy of the assets (Material's "
        "scripts and styles, the search, fonts), for a host that serves each version alone. Without it, the versions share "
        "one copy in SITE/assets/<hash>/, named by its content",
    )
    p.add_argument(
        "--keep",
        type=_at_least_one,
        metavar="N",
        help="with --versions: only the newest N releases (and the one latest/ shows), dev and latest/, for a host with a "
        "size limit; older releases are left out of the site and of versions.json. Default: every release",
    )
    _add_allow_plugin(p)
    p.set_defaults(func=cmd_build)

    p = sub.add_parser(
        "serve",
        help="live preview that rebuilds when a guideline or example file changes",
        description="Serve the site of every language, and show each save in the open pages within about a second:\n"
        "only the saved files are read again, only the pages that show what changed are rebuilt (those open\n"
        "in a browser first), and they reload by themselves; then the whole repository is checked, as by\n"
        "`labelbook check`. \"What changed\", the practice page, the search index and, after a title changed,\n"
        "the navigation of the other pages follow in the background. mkdocs.yml is checked as by `labelbook build`.",
        epilog=_SERVE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_repo(p)
    p.add_argument("-a", "--dev-addr", metavar="IP:PORT", help="address to serve on (default: mkdocs.yml's dev_addr, else 127.0.0.1:8000; port 0 takes a free one)")
    _add_allow_plugin(p)
    p.set_defaults(func=cmd_serve)
