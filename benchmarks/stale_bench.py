"""What the Bengali pages' word diffs of stale translations cost a build (issue 15).

Run from the repository root:

    python -m benchmarks.stale_bench --rules 300 --stale 30     # a few seconds
    python -m benchmarks.stale_bench --quick                    # a tiny corpus

The corpus (`benchmarks.corpus`, releases tagged, its work in progress committed) gets one
more commit that changes the English of `--stale` rules and of `--stale` examples (each of
another rule), so that their Bengali is stale. Measured, best of `--repeat`:
- `stale_english`: the git history read and word diffs of every stale unit, as the plugin
  does once per build of the Bengali site;
- the Markdown of every Bengali page (`site_content`), without and with those diffs, and
  with the glossary on the decisions page: what the pages themselves add.
Nothing is asserted: a slow machine is not a failing test.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

if not __package__:  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.corpus import generate
from labelbook.core.checks import check
from labelbook.core.sources import WorkingTree
from labelbook.site.context import PageContext
from labelbook.site.glossary import site_glossaries
from labelbook.site.pages import site_content
from labelbook.site.stale import stale_english

GLOSSARY = "terms:\n" + "".join(f"  - {{en: term{i}, bn: শব্দ{i}, avoid: [বিকল্প{i}], note: Note {i}.}}\n" for i in range(60))


def _git(root: Path, *args: str) -> None:
    env = {"GIT_AUTHOR_NAME": "Bench", "GIT_AUTHOR_EMAIL": "bench@example.org", "GIT_COMMITTER_NAME": "Bench",
           "GIT_COMMITTER_EMAIL": "bench@example.org", "PATH": "/usr/bin:/bin:/usr/local/bin"}  # fmt: skip
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, env=env)


def make_stale(root: Path, stale: int) -> None:
    """Commit the corpus' work in progress, then change the English of `stale` rules and examples."""
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "work in progress")
    rules = sorted((root / "guidelines").rglob("*-[0-9][0-9][0-9].md"))
    for path in rules[:stale]:
        path.write_text(path.read_text(encoding="utf-8") + "\nA sentence added after the translation.\n", encoding="utf-8")
    for path in sorted((root / "examples").rglob("*-[0-9][0-9][0-9].yaml"))[-stale:]:
        text = path.read_text(encoding="utf-8")
        at = text.index("content: >-\n") + len("content: >-\n      ")  # the folded scalar's first word
        path.write_text(text[:at] + "Edited: " + text[at:], encoding="utf-8")
    (root / "locales/bn").mkdir(parents=True, exist_ok=True)
    (root / "locales/bn/glossary.yaml").write_text(GLOSSARY, encoding="utf-8")
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "English changed after its translation")


def best(fn: Callable[[], object], repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return min(times), result


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--rules", type=int, default=300)
    p.add_argument("--examples", type=int, default=10, help="examples per rule")
    p.add_argument("--stale", type=int, default=30, help="rules, and examples, whose English changes")
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--quick", action="store_true", help="20 rules, 3 stale")
    args = p.parse_args(argv)
    if args.quick:
        args.rules, args.examples, args.stale, args.repeat = 20, 3, 3, 1
    with tempfile.TemporaryDirectory(prefix="labelbook-stale-bench-") as tmp:
        root = Path(tmp) / "corpus"
        generate(root, rules=args.rules, examples_per_rule=args.examples, releases=3, seed=0)
        make_stale(root, args.stale)
        repo = check(WorkingTree(root)).repo
        assert repo is not None
        seconds, diffs = best(lambda: stale_english(root, repo, "bn"), args.repeat)
        assert isinstance(diffs, dict)
        found = sum(d.found for d in diffs.values())
        glossaries = site_glossaries(root, repo, "bn")
        site_content(PageContext(repo, "bn"))  # warm: the catalogue, Markdown's renderer
        plain = with_diffs = float("inf")
        for _ in range(args.repeat):  # alternated, so that the load of the machine falls on both
            plain = min(plain, best(lambda: site_content(PageContext(repo, "bn")), 1)[0])
            with_diffs = min(with_diffs, best(lambda: site_content(PageContext(repo, "bn", stale=diffs, glossaries=glossaries)), 1)[0])
        print(f"corpus: {len(repo.rules)} rules, {len(repo.examples)} examples; stale in Bengali: {len(diffs)} units, {found} found in git")
        print(f"stale_english (git history + word diffs, once per Bengali build): {seconds * 1000:.0f} ms"
              f" ({seconds * 1000 / max(len(diffs), 1):.1f} ms a stale unit)")
        print(f"Bengali pages' Markdown: {plain * 1000:.0f} ms without, {with_diffs * 1000:.0f} ms with the diffs and the glossary")


if __name__ == "__main__":
    main()
