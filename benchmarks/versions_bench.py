"""A versioned site of many releases: its size, its first build, and adding one release.

Run from the repository root:

    python -m benchmarks.versions_bench                  # 100 rules x 10 examples, 200 releases (about an hour on 2 cores)
    python -m benchmarks.versions_bench --releases 50    # another size
    python -m benchmarks.versions_bench --quick          # a tiny corpus: a minute, for the smoke test

Writes a synthetic guideline repository with `--releases` release tags (`benchmarks.corpus`)
into `--workdir` or a temporary folder, then, each in a child process as CI runs it:

1. `labelbook build --versions` (assets shared by every version) and the same with
   `--copy-assets` (every version folder with its own assets, as before), the anchor;
2. the size of each site with duplicates counted: every path's bytes, a file hard linked
   to two paths counted twice, as a static host counts what it is given;
3. one more release tagged, and each site built again: the time to add a release, every
   unchanged release reused;
4. how unchanged releases are best taken over from the previous site, measured on it:
   hard links of every file, or one rename per version folder.

It prints the figures and their ratios, and asserts nothing: a slow or busy machine is not
a failing test. The load average is printed beside them, since the machine may be shared.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

if not __package__:  # run as a script (python benchmarks/versions_bench.py): make `benchmarks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.corpus import generate
from benchmarks.measure import Run, timed

MB = 1024 * 1024
TARGET_MB, TARGET_ADD_S = 300, 15


def build(repo: Path, site: Path, *options: str) -> Run:
    return timed([sys.executable, "-m", "labelbook", "build", "--versions", "-q", "-d", str(site), *options], repo)


def counted_size(folder: Path) -> int:
    """Every path's bytes: hard links counted once per path, as a host counts what it is given."""
    return sum(os.lstat(os.path.join(d, f)).st_size for d, _, files in os.walk(folder) for f in files)


def disk_size(folder: Path) -> int:
    """Bytes on this disk: a file hard linked to several paths counted once."""
    seen: set[tuple[int, int]] = set()
    total = 0
    for d, _, files in os.walk(folder):
        for f in files:
            st = os.lstat(os.path.join(d, f))
            if (st.st_dev, st.st_ino) not in seen:
                seen.add((st.st_dev, st.st_ino))
                total += st.st_size
    return total


def add_release(repo: Path, n: int) -> str:
    """Commit the work in progress (the corpus leaves some) and tag it as the next release."""
    tag = f"v1.{n}.0"
    stamp = f"{1767225600 + n * 14 * 86400} +0000"
    env = {**os.environ, "GIT_AUTHOR_NAME": "Bench", "GIT_AUTHOR_EMAIL": "bench@example.org", "GIT_AUTHOR_DATE": stamp,
           "GIT_COMMITTER_NAME": "Bench", "GIT_COMMITTER_EMAIL": "bench@example.org", "GIT_COMMITTER_DATE": stamp}  # fmt: skip
    for args in (["add", "-A"], ["commit", "-qm", f"Release 1.{n}.0"], ["tag", "-a", tag, "-m", f"Release 1.{n}.0"]):
        subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, env=env)
    return tag


def release_folders(site: Path) -> list[Path]:
    return sorted(p for p in site.iterdir() if p.is_dir() and p.name[:1].isdigit())


def takeover_costs(site: Path, scratch: Path) -> tuple[float, float, int]:
    """Seconds to take every release folder of `site` over by hard links, and by renames (and
    back, so the site is left as it was); and the number of files they hold."""
    folders = release_folders(site)
    files = sum(len(f) for p in folders for _, _, f in os.walk(p))
    scratch.mkdir()
    start = time.perf_counter()
    for p in folders:
        shutil.copytree(p, scratch / p.name, copy_function=os.link)
    linked = time.perf_counter() - start
    shutil.rmtree(scratch)
    scratch.mkdir()
    start = time.perf_counter()
    for p in folders:
        p.rename(scratch / p.name)
    renamed = time.perf_counter() - start
    for p in folders:
        (scratch / p.name).rename(p)
    scratch.rmdir()
    return linked, renamed, files


def breakdown(site: Path) -> str:
    """Where the bytes of a shared-assets site are."""
    shared = counted_size(site / "assets") if (site / "assets").is_dir() else 0
    trees = len(list((site / "assets").iterdir())) if (site / "assets").is_dir() else 0
    folders = release_folders(site)
    search = sum(p.stat().st_size for f in folders for p in f.glob("**/search/search_index.json"))
    pages = sum(p.stat().st_size for f in folders for p in f.rglob("*.html"))
    n = max(1, len(folders))
    return (f"shared assets {shared / MB:.1f} MB in {trees} tree(s); a release folder {sum(counted_size(f) for f in folders) / n / MB:.1f} MB "
            f"on average, of which pages {pages / n / MB:.1f} MB and search indexes {search / n / MB:.1f} MB (en+bn)")  # fmt: skip


def figures(run: Run) -> str:
    return f"{run.seconds:.1f} s, {run.cpu:.1f} s CPU, {run.max_rss_mb:.0f} MB"


def row(what: str, ours: str, anchor: str, ratio: str, target: str, met: str) -> str:
    return f"| {what} | {ours} | {anchor} | {ratio} | {target} | {met} |"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--rules", type=int, default=100)
    p.add_argument("--examples-per-rule", type=int, default=10)
    p.add_argument("--releases", type=int, default=200)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--quick", action="store_true", help="a tiny corpus (7 rules x 1 example, 3 releases)")
    p.add_argument("--workdir", type=Path, help="where to write the corpus and the sites (default: a temporary folder, removed after)")
    args = p.parse_args(argv)
    if args.quick:
        args.rules, args.examples_per_rule, args.releases = 7, 1, 3
    releases = max(2, args.releases)
    work = args.workdir or Path(tempfile.mkdtemp(prefix="labelbook-versions-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    repo, shared, copies = work / "repo", work / "site-shared", work / "site-copies"
    load = os.getloadavg()[0]
    try:
        start = time.perf_counter()
        if (repo / ".git").exists():
            shutil.rmtree(repo)
        generate(repo, args.rules, args.examples_per_rule, releases, args.seed)
        made = time.perf_counter() - start
        print(f"corpus: {args.rules} rules x {args.examples_per_rule} examples, en+bn, {releases} release tags, "
              f"written in {made:.1f} s ({made / releases:.2f} s a release)", flush=True)  # fmt: skip
        for site in (shared, copies):
            shutil.rmtree(site, ignore_errors=True)
        first = build(repo, shared)
        print(f"first build, shared assets: {first.seconds:.1f} s", flush=True)
        first_copy = build(repo, copies, "--copy-assets")
        print(f"first build, --copy-assets: {first_copy.seconds:.1f} s", flush=True)
        size, size_copy = counted_size(shared), counted_size(copies)
        on_disk, on_disk_copy = disk_size(shared), disk_size(copies)
        parts = breakdown(shared)
        tag = add_release(repo, releases)
        added = build(repo, shared)
        added_copy = build(repo, copies, "--copy-assets")
        linked, renamed, files = takeover_costs(shared, work / "takeover-scratch")
        cores = len(os.sched_getaffinity(0))
        print(f"machine: {cores} cores available ({os.cpu_count()} in all), Python {sys.version.split()[0]}; "
              f"load average {load:.1f} at the start, {os.getloadavg()[0]:.1f} at the end (a shared machine slows every figure)")  # fmt: skip
        print(f"site: {releases} releases + dev + latest; {parts}")
        print(row("measure", "shared assets (default)", "--copy-assets (anchor)", "ratio", "target", "met"))
        print(row("---", "---:", "---:", "---:", "---", "---"))
        at_scale = releases >= 200  # the targets are for 200 releases
        print(row(f"site size, duplicates counted ({releases} releases)", f"{size / MB:.0f} MB", f"{size_copy / MB:.0f} MB",
                  f"{size / size_copy:.2f}", f"< {TARGET_MB} MB at 200 releases", ("yes" if size < TARGET_MB * MB else "NO") if at_scale else "-"))  # fmt: skip
        print(row("site size on this disk (hard links once)", f"{on_disk / MB:.0f} MB", f"{on_disk_copy / MB:.0f} MB", f"{on_disk / on_disk_copy:.2f}", "-", "-"))
        print(row("first build: wall, CPU, peak memory", figures(first), figures(first_copy), f"{first.seconds / first_copy.seconds:.2f}", "-", "-"))
        print(row(f"add one release ({tag}), the others reused", figures(added), figures(added_copy),
                  f"{added.seconds / added_copy.seconds:.2f}", f"< {TARGET_ADD_S} s at 200 releases", ("yes" if added.seconds < TARGET_ADD_S else "NO") if at_scale else "-"))  # fmt: skip
        print(row("add one release / first build", f"{added.seconds / first.seconds:.3f}", f"{added_copy.seconds / first_copy.seconds:.3f}", "-", "-", "-"))
        if not at_scale:
            per_release = (size - counted_size(shared / "assets")) / (releases + 2)  # each release, dev and latest
            print(f"estimate at 200 releases, from this run's sizes: {(per_release * 202 + counted_size(shared / 'assets')) / MB:.0f} MB "
                  f"shared, {size_copy / (releases + 2) * 202 / MB:.0f} MB --copy-assets")  # fmt: skip
        print(f"taking over {len(release_folders(shared))} unchanged release folders ({files} files): hard links {linked:.2f} s, "
              f"renames {renamed:.3f} s (labelbook renames them, recording the moves so that a killed build puts them back)")  # fmt: skip
    finally:
        if args.workdir is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
