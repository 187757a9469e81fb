"""Benchmarks of labelbook at realistic scale, each against an anchor measured in the same run.

Run from the repository root:

    python -m benchmarks.run                      # 1,000 rules x 10 examples, 5 releases (a few minutes)
    python -m benchmarks.run --quick              # a tiny corpus: seconds, for the smoke test
    python -m benchmarks.run --only check,quiz    # some of the measures

(`python benchmarks/run.py` works too.) The synthetic guideline repository comes from
`benchmarks.corpus` (deterministic for a given `--seed`), written to `--workdir` or to a
temporary folder removed afterwards.

Every figure is the wall-clock time of a real command in a child process (as CI runs it),
the best of `--repeat` runs; peak memory is the child's max RSS (os.wait4). The script
prints a table and never asserts a timing: a slow machine is not a failing test.
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
import time
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

if not __package__:  # run as a script (python benchmarks/run.py): make `benchmarks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.corpus import _BN, _EN, _words, generate

MEASURES = ("check", "build", "versions", "quiz", "score", "changelog")


@dataclass
class Run:
    seconds: float
    max_rss_mb: float


@dataclass
class Row:
    what: str
    ours: str
    anchor: str
    ratio: str
    target: str
    met: str


def timed_rss(cmd: list[str], cwd: Path) -> Run:
    """The wall time of `cmd` and its max RSS (MB) from wait4; output goes to a file, not a
    pipe."""
    with tempfile.TemporaryFile() as log:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=log, stderr=log)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            log.seek(0)
            raise SystemExit(f"failed ({proc.returncode}): {' '.join(cmd)}\n{log.read().decode(errors='replace')[-3000:]}")
    return Run(seconds, usage.ru_maxrss / 1024)


def best(cmd: list[str], cwd: Path, repeat: int) -> Run:
    """The best time of `repeat` runs of `cmd`, with the highest peak memory among them."""
    runs = [timed_rss(cmd, cwd) for _ in range(max(1, repeat))]
    return Run(min(r.seconds for r in runs), max(r.max_rss_mb for r in runs))


def pages(site: Path) -> int:
    """Output pages: every HTML file but the 404 page and redirects."""
    return sum(1 for p in site.rglob("*.html") if p.name != "404.html")


def plain_docs(root: Path, n_pages: int, total_bytes: int, seed: int) -> list[Path]:
    """The anchor of `build`: plain MkDocs + Material sites of `n_pages` Markdown pages in
    all, holding `total_bytes` of text, in area folders.

    Two sites, English and Bengali, of half the pages each, as labelbook builds one site
    per language: a single site of all the pages would be slower per page (Material writes
    the whole navigation into every page), which would flatter labelbook.
    """
    rng = random.Random(seed)
    per_page = max(200, total_bytes // max(1, n_pages))
    sites = []
    for lang, vocab, end, count in (("en", _EN, ".", n_pages - n_pages // 2), ("bn", _BN, "।", n_pages // 2)):
        site = root / lang
        docs = site / "docs"
        for i in range(count - 1):
            folder = docs / f"area-{i % 7}"
            folder.mkdir(parents=True, exist_ok=True)
            parts = [f"# {_words(rng, vocab, 6, '')}\n"]
            size = 0
            while size < per_page:
                para = _words(rng, vocab, 60, end)
                parts.append(f"## {_words(rng, vocab, 3, '')}\n\n{para}\n")
                size += len(para.encode()) + 20
            (folder / f"page-{i:05d}.md").write_text("\n".join(parts), encoding="utf-8")
        (docs / "index.md").write_text(f"# {_words(rng, vocab, 3, '')}\n", encoding="utf-8")
        (site / "mkdocs.yml").write_text(f"site_name: Plain\ntheme: {{name: material, language: {lang}}}\nplugins: [search]\n", encoding="utf-8")
        sites.append(site)
    return sites


def source_bytes(repo: Path) -> int:
    return sum(p.stat().st_size for top in ("guidelines", "examples") for p in (repo / top).rglob("*") if p.is_file())


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


def bench_build(repo: Path, work: Path, repeat: int, seed: int) -> Row:
    site = work / "site"
    ours = best([sys.executable, "-m", "labelbook", "build", "-d", str(site)], repo, repeat)
    n = pages(site)
    plain = work / "plain"
    shutil.rmtree(plain, ignore_errors=True)
    runs = [best([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site / "site")], site, repeat) for site in plain_docs(plain, n, source_bytes(repo), seed)]
    anchor = Run(sum(r.seconds for r in runs), max(r.max_rss_mb for r in runs))
    m = sum(pages(site / "site") for site in (plain / "en", plain / "bn"))
    ratio = (ours.seconds / n) / (anchor.seconds / m)
    return Row(
        f"build ({n} pages, en+bn)",
        f"{fmt(ours.seconds)}, {ours.max_rss_mb:.0f} MB peak",
        f"{fmt(anchor.seconds)} mkdocs+Material, {m} plain pages (en+bn sites), {anchor.max_rss_mb:.0f} MB",
        f"{ratio:.2f} per page",
        "<= 1.2 per page, < 1 GB",
        verdict(ratio <= 1.2 and ours.max_rss_mb < 1024),
    )


def bench_versions(repo: Path, work: Path) -> Row:
    site = work / "versions-site"
    shutil.rmtree(site, ignore_errors=True)
    cmd = [sys.executable, "-m", "labelbook", "build", "--versions", "-d", str(site)]
    first = timed_rss(cmd, repo)
    # One edited file in the working tree: only dev needs building again.
    edited = sorted((repo / "examples").glob("*/*[0-9].yaml"))[0]
    text = edited.read_text(encoding="utf-8")
    edited.write_text(text.replace("quiz: true", "quiz: false", 1), encoding="utf-8")
    try:
        second = timed_rss(cmd, repo)
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
    p.add_argument("--rules", type=int, default=1000)
    p.add_argument("--examples-per-rule", type=int, default=10)
    p.add_argument("--releases", type=int, default=5)
    p.add_argument("--seed", type=int, default=0)
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
        if not (repo / "guidelines").is_dir():
            t = time.perf_counter()
            generate(repo, args.rules, args.examples_per_rule, max(2, args.releases), args.seed)
            print(f"corpus: {args.rules} rules x {args.examples_per_rule} examples, en+bn, {max(2, args.releases)} releases in {repo} ({time.perf_counter() - t:.1f} s)", flush=True)
        rows: list[Row] = []
        if "check" in only:
            rows.append(bench_check(repo, args.repeat))
        if "build" in only:
            rows.append(bench_build(repo, work, args.repeat, args.seed))
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
