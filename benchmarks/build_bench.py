"""`labelbook build` against plain MkDocs + Material building the very same pages.

Run from the repository root:

    python -m benchmarks.build_bench --rules 1000       # the issue's measure (a few minutes)
    python -m benchmarks.build_bench --rules 2000 --repeat 1
    python -m benchmarks.build_bench --quick            # a tiny corpus: seconds, for the smoke test

The corpus comes from `benchmarks.corpus` (English and Bengali, release tags). The anchor
(`benchmarks.anchor`) is the same Markdown pages of each language in a plain MkDocs +
Material project, no labelbook plugin; the two are built as two `mkdocs build` processes
in parallel, as labelbook builds its two languages.

Wall time is that of the whole command (the anchor: until the last process ends); CPU time
is that of every process; peak memory is sampled over the process trees (summed RSS,
summed PSS, largest process: `benchmarks.measure.run_measured`). Runs alternate which side
goes first and the summary gives medians: on a shared machine CPU time moves less than
wall time. Nothing is asserted: a slow machine is not a failing test.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

if not __package__:  # run as a script (python benchmarks/build_bench.py): make `benchmarks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.corpus import add_options, ready
from benchmarks.measure import Measure, pages, run_measured


def show(m: Measure) -> str:
    return f"{m.seconds:.2f} s ({m.cpu:.1f} s CPU), RSS {m.rss_mb:.0f} MB, PSS {m.pss_mb:.0f} MB, largest process {m.max_mb:.0f} MB"


def summary(runs: list[Measure]) -> str:
    return (
        f"{statistics.median(m.seconds for m in runs):.2f} s median wall, {statistics.median(m.cpu for m in runs):.1f} s CPU; "
        f"peak summed RSS {max(m.rss_mb for m in runs):.0f} MB, summed PSS {max(m.pss_mb for m in runs):.0f} MB, "
        f"largest process {max(m.max_mb for m in runs):.0f} MB"
    )


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    add_options(p, rules=1000, releases=5)
    p.add_argument("--repeat", type=int, default=2, help="runs of each side, alternating which goes first (default 2)")
    p.add_argument("--quick", action="store_true", help="a tiny corpus (21 rules x 3 examples, 2 releases), one run")
    p.add_argument("--plain-anchor", action="store_true", help="the anchor with Material's default features (the whole navigation in every page), not labelbook's")
    p.add_argument("--workdir", type=Path, help="where to generate the corpus (default: a temporary folder, removed after)")
    args = p.parse_args(argv)
    if args.quick:
        args.rules, args.examples_per_rule, args.releases, args.repeat = 21, 3, 2, 1
    if args.repeat < 1:
        p.error("--repeat must be at least 1")
    work = args.workdir or Path(tempfile.mkdtemp(prefix="labelbook-build-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    repo = work / "repo"
    try:
        ready(repo, args)
        anchor = work / "anchor"
        shutil.rmtree(anchor, ignore_errors=True)
        # In a process of its own: this one stays small, and so do the processes it starts.
        subprocess.run([sys.executable, "-c", f"from benchmarks.anchor import anchor_projects; anchor_projects({str(repo)!r}, {str(anchor)!r}, plain_theme={args.plain_anchor})"], check=True)
        projects = sorted(p for p in anchor.iterdir() if (p / "mkdocs.yml").is_file())
        ours_site = work / "ours-site"
        ours_cmd = [sys.executable, "-m", "labelbook", "build", "-d", str(ours_site)]
        anchor_cmds = [[sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(d / "mkdocs.yml"), "-d", str(d / "site")] for d in projects]
        log = work / "build-bench.log"
        runs: list[tuple[Measure, Measure]] = []
        for i in range(args.repeat):
            shutil.rmtree(ours_site, ignore_errors=True)
            if i % 2 == 0:
                ours = run_measured([ours_cmd], repo, log)
                plain = run_measured(anchor_cmds, anchor, log)
            else:
                plain = run_measured(anchor_cmds, anchor, log)
                ours = run_measured([ours_cmd], repo, log)
            first = "labelbook" if i % 2 == 0 else "anchor"
            print(f"run {i + 1} ({first} first): labelbook {show(ours)} | anchor {show(plain)} | ratio {ours.seconds / plain.seconds:.2f}", flush=True)
            runs.append((ours, plain))
        n_ours, n_anchor = pages(ours_site), sum(pages(d / "site") for d in projects)
        print(f"machine: {len(os.sched_getaffinity(0))} cores available, load average {os.getloadavg()[0]:.2f}, Python {sys.version.split()[0]}")
        print(f"pages: labelbook {n_ours}, anchor {n_anchor} (en+bn)")
        ours_all, plain_all = [o for o, _ in runs], [a for _, a in runs]
        print(f"labelbook build: {summary(ours_all)}")
        theme = "Material's default features" if args.plain_anchor else "labelbook's Material features"
        print(f"anchor (2 x mkdocs build, in parallel, {theme}): {summary(plain_all)}")
        ratio = statistics.median(o.seconds for o in ours_all) / statistics.median(a.seconds for a in plain_all)
        cpu_ratio = statistics.median(o.cpu for o in ours_all) / statistics.median(a.cpu for a in plain_all)
        print(f"ratio: {ratio:.2f} wall time, {cpu_ratio:.2f} CPU time (medians)")
    finally:
        if args.workdir is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
