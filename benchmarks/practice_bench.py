"""What the practice quiz page weighs: its Markdown in each language, and its embedded data per item (issue 18).

Run from the repository root:

    python -m benchmarks.practice_bench --rules 300     # a few seconds
    python -m benchmarks.practice_bench --quick         # a tiny corpus

The page embeds every quizzable example as JSON (`quiz.practice`), so it grows with the
repository, in every version of a versioned site and in both languages, and labelers read
it on mobile data. For the corpus (`benchmarks.corpus`, translations current) it prints,
per language, the Markdown of `site.extra_pages.practice_page` (what MkDocs renders; the
page's HTML is this plus the theme's ~50 kB), its gzip size (what a host that compresses
sends), the bytes per item, the share of the data that is the examples' own text
(content and rationale), and the time to make it. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import gzip
import sys
import tempfile
import time
from pathlib import Path

if not __package__:  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.corpus import generate
from labelbook.core.checks import check
from labelbook.core.html import script_json
from labelbook.core.sources import WorkingTree
from labelbook.quiz.practice import practice_page_data
from labelbook.site.context import PageContext
from labelbook.site.extra_pages import practice_page


def measure(repo: object, lang: str) -> str:
    ctx = PageContext(repo, lang)
    start = time.perf_counter()
    markdown = practice_page(ctx).markdown
    seconds = time.perf_counter() - start
    data = practice_page_data(repo, lang, ctx.version, root="../", current_only=ctx.translating)
    items = data["items"]
    size = len(markdown.encode("utf-8"))
    texts = sum(len(script_json([i["content"], i["rationale_html"]]).encode("utf-8")) for i in items)
    total = len(script_json(data).encode("utf-8"))
    return (f"{lang}: Markdown {size / 1e6:.2f} MB (gzip {len(gzip.compress(markdown.encode('utf-8'), 6)) / 1e6:.2f} MB), "
            f"{len(items)} items, {total / max(len(items), 1):.0f} B an item, "
            f"examples' text {texts / max(total, 1):.0%} of the data; made in {seconds:.2f} s")  # fmt: skip


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--rules", type=int, default=300)
    p.add_argument("--examples", type=int, default=10, help="examples per rule")
    p.add_argument("--quick", action="store_true", help="20 rules, 3 examples each")
    args = p.parse_args(argv)
    if args.quick:
        args.rules, args.examples = 20, 3
    with tempfile.TemporaryDirectory(prefix="labelbook-practice-bench-") as tmp:
        root = Path(tmp) / "corpus"
        generate(root, rules=args.rules, examples_per_rule=args.examples, releases=1, seed=0)
        repo = check(WorkingTree(root)).repo
        assert repo is not None
        print(f"corpus: {len(repo.rules)} rules, {len(repo.examples)} examples")
        for lang in ("en", "bn"):
            print(measure(repo, lang))


if __name__ == "__main__":
    main()
