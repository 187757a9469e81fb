"""Benchmarks of labelbook at realistic scale, each against an anchor measured in the same run.

Run from the repository root:

    python -m benchmarks.run                      # 1,000 rules x 10 examples, 5 releases (a few minutes)
    python -m benchmarks.run --quick              # a tiny corpus: seconds, for the smoke test
    python -m benchmarks.run --only check,quiz    # some of the measures

(`python benchmarks/run.py` works too.) The synthetic guideline repository comes from
`benchmarks.corpus` (deterministic for a given `--seed`), written to `--workdir` or to a
temporary folder removed afterwards.

Every figure is the wall-clock time of a real command in a child process (as CI runs it),
the best of `--repeat` runs; peak memory is the child's max RSS (os.wait4), but for `build`:
there it is the peak of the summed RSS of the build's processes, against plain MkDocs +
Material building the same pages (see benchmarks/build_bench.py, which also gives CPU time
and PSS). The script prints a table and never asserts a timing: a slow machine is not a
failing test.
The anchor `check-jsonschema` comes with `pip install -e '.[bench]'`.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

if not __package__:  # run as a script (python benchmarks/run.py): make `benchmarks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.corpus import add_options, ready
from benchmarks.measure import best, pages, run_measured, timed

MEASURES = ("check", "build", "versions", "quiz", "score", "changelog")


@dataclass
class Row:
    what: str
    ours: str
    anchor: str
    ratio: str
    target: str
    met: str


def fmt(seconds: float) -> str:
    return f"{seconds:.2f} s"


def verdict(ok: bool) -> str:
    return "yes" if ok else "NO"


def bench_check(repo: Path, repeat: int) -> Row:
    ours = best([sys.executable, "-m", "labelbook", "check", "--strict", "-C", str(repo)], repo, repeat)
    if shutil.which("check-jsonschema") is None:
        return Row("check --strict (all checks, en+bn)", fmt(ours.seconds), "check-jsonschema is not installed: pip install -e '.[bench]'", "-", "ratio < 1.0, < 3 s", verdict(ours.seconds < 3))
    schema = str(resources.files("labelbook").joinpath("schemas", "examples.schema.json"))
    files = sorted(str(p.relative_to(repo)) for p in repo.glob("examples/*/*[0-9].yaml"))
    anchor = best(["check-jsonschema", "--schemafile", schema, *files], repo, repeat)
    ratio = ours.seconds / anchor.seconds
    return Row(
        "check --strict (all checks, en+bn)",
        fmt(ours.seconds),
        f"{fmt(anchor.seconds)} check-jsonschema (en examples only)",
        f"{ratio:.2f}",
        "ratio < 1.0, < 3 s",
        verdict(ratio < 1 and ours.seconds < 3),
    )


def bench_build(repo: Path, work: Path, repeat: int) -> Row:
    """`labelbook build` against plain MkDocs + Material on the same pages (benchmarks/build_bench.py)."""
    site = work / "site"
    anchor = work / "anchor"
    shutil.rmtree(anchor, ignore_errors=True)
    subprocess.run([sys.executable, "-c", f"from benchmarks.anchor import anchor_projects; anchor_projects({str(repo)!r}, {str(anchor)!r})"], check=True)
    projects = sorted(p for p in anchor.iterdir() if (p / "mkdocs.yml").is_file())
    log = work / "build.log"
    commands = {
        "labelbook": ([[sys.executable, "-m", "labelbook", "build", "-d", str(site)]], repo),
        "anchor": ([[sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(d / "mkdocs.yml"), "-d", str(d / "site")] for d in projects], anchor),
    }
    runs: dict[str, list] = {"labelbook": [], "anchor": []}
    for i in range(max(1, repeat)):
        shutil.rmtree(site, ignore_errors=True)
        for side in ("labelbook", "anchor") if i % 2 == 0 else ("anchor", "labelbook"):
            runs[side].append(run_measured(*commands[side], log))
    ours, plain = runs["labelbook"], runs["anchor"]
    best_ours, best_plain = min(ours, key=lambda m: m.seconds), min(plain, key=lambda m: m.seconds)
    ratio = best_ours.seconds / best_plain.seconds
    peak = max(m.rss_mb for m in ours)
    return Row(
        f"build ({pages(site)} pages, en+bn)",
        f"{fmt(best_ours.seconds)}, {peak:.0f} MB peak (summed RSS)",
        f"{fmt(best_plain.seconds)} mkdocs+Material on the same pages (2 processes), {max(m.rss_mb for m in plain):.0f} MB",
        f"{ratio:.2f}",
        "<= 1.0, < 500 MB",
        verdict(ratio <= 1.0 and peak < 500),
    )


def bench_versions(repo: Path, work: Path) -> Row:
    site = work / "versions-site"
    shutil.rmtree(site, ignore_errors=True)
    cmd = [sys.executable, "-m", "labelbook", "build", "--versions", "-d", str(site)]
    first = timed(cmd, repo)
    # One edited file in the working tree: only dev needs building again.
    edited = sorted((repo / "examples").glob("*/*[0-9].yaml"))[0]
    text = edited.read_text(encoding="utf-8")
    edited.write_text(text.replace("quiz: true", "quiz: false", 1), encoding="utf-8")
    try:
        second = timed(cmd, repo)
    finally:
        edited.write_text(text, encoding="utf-8")
    ratio = second.seconds / first.seconds
    tags = subprocess.run(["git", "-C", str(repo), "tag", "-l", "v*"], capture_output=True, text=True).stdout.split()
    return Row(
        f"build --versions ({len(tags)} releases + dev), 2nd run",
        f"{fmt(second.seconds)}, {second.max_rss_mb:.0f} MB peak",
        f"{fmt(first.seconds)} first run, {first.max_rss_mb:.0f} MB",
        f"{ratio:.2f}",
        "<= 0.35",
        verdict(ratio <= 0.35),
    )


def bench_quiz(repo: Path, work: Path, repeat: int, count: int) -> tuple[Row, Path]:
    out = work / "quiz.json"
    ours = best([sys.executable, "-m", "labelbook", "quiz", "--count", str(count), "--seed", "1", "-o", str(out)], repo, repeat)
    n_items = len(json.loads(out.read_text("utf-8"))["items"])
    return Row(f"quiz ({n_items} items)", fmt(ours.seconds), "-", "-", "< 1 s", verdict(ours.seconds < 1)), out


def bench_score(repo: Path, work: Path, quiz: Path, labelers: int, repeat: int) -> Row:
    data = json.loads(quiz.read_text("utf-8"))
    decisions = [d["id"] for d in data["decisions"]]
    rng = random.Random(7)
    responses = work / "responses.csv"
    with responses.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["labeler", "item", "answer"])
        for i in range(labelers):
            for item in data["items"]:
                answer = item["key"] if rng.random() < 0.75 else rng.choice(decisions)
                w.writerow([f"labeler-{i:03d}", item["id"], answer])
    cmd = [sys.executable, "-m", "labelbook", "score", "--quiz", str(quiz), str(responses), "--format", "json"]
    ours = best(cmd, repo, repeat)
    return Row(f"score ({labelers} labelers x {len(data['items'])} items)", fmt(ours.seconds), "-", "-", "< 1 s", verdict(ours.seconds < 1))


def bench_changelog(repo: Path, repeat: int) -> Row:
    tags = subprocess.run(["git", "-C", str(repo), "tag", "-l", "v*", "--sort=v:refname"], capture_output=True, text=True).stdout.split()
    span = f"{tags[0]}..{tags[-1]}"
    ours = best([sys.executable, "-m", "labelbook", "changelog", span], repo, repeat)
    return Row(f"changelog {span}", fmt(ours.seconds), "-", "-", "< 2 s", verdict(ours.seconds < 2))


def table(rows: list[Row]) -> str:
    head = Row("measure", "labelbook", "anchor (same run)", "ratio", "target", "met")
    cols = list(Row.__dataclass_fields__)
    width = {c: max(len(getattr(r, c)) for r in [head, *rows]) for c in cols}
    line = lambda r: "| " + " | ".join(getattr(r, c).ljust(width[c]) for c in cols) + " |"  # noqa: E731
    return "\n".join([line(head), "|" + "|".join("-" * (width[c] + 2) for c in cols) + "|", *map(line, rows)])


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    add_options(p, rules=1000, releases=5)
    p.add_argument("--repeat", type=int, default=1, help="best of N runs (default 1)")
    p.add_argument("--quick", action="store_true", help="a tiny corpus (21 rules x 3 examples, 3 releases)")
    p.add_argument("--only", default=",".join(MEASURES), help=f"comma-separated subset of: {', '.join(MEASURES)}")
    p.add_argument("--workdir", type=Path, help="where to generate the corpus (default: a temporary folder, removed after)")
    args = p.parse_args(argv)
    if args.quick:
        args.rules, args.examples_per_rule, args.releases = 21, 3, 3
    only = set(args.only.split(","))
    if only - set(MEASURES):
        p.error(f"unknown measure(s): {', '.join(sorted(only - set(MEASURES)))}")
    work = args.workdir or Path(tempfile.mkdtemp(prefix="labelbook-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    repo = work / "repo"
    try:
        ready(repo, args)
        rows: list[Row] = []
        if "check" in only:
            rows.append(bench_check(repo, args.repeat))
        if "build" in only:
            rows.append(bench_build(repo, work, args.repeat))
        if "versions" in only:
            rows.append(bench_versions(repo, work))
        quiz = None
        if only & {"quiz", "score"}:
            row, quiz = bench_quiz(repo, work, args.repeat, min(100, args.rules * args.examples_per_rule))
            if "quiz" in only:
                rows.append(row)
        if "score" in only and quiz is not None:
            rows.append(bench_score(repo, work, quiz, 200, args.repeat))
        if "changelog" in only:
            rows.append(bench_changelog(repo, args.repeat))
        print(f"machine: {len(os.sched_getaffinity(0))} cores available ({os.cpu_count()} in all), {_cpu()}, Python {sys.version.split()[0]}")
        print(table(rows))
    finally:
        if args.workdir is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


def _cpu() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "unknown CPU"


if __name__ == "__main__":
    sys.exit(main())
