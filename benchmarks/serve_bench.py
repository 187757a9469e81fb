"""`labelbook serve`: how long after a save the page shows it, against plain `mkdocs serve`.

Run from the repository root:

    python -m benchmarks.serve_bench                    # 100 and 1,000 rules (about ten minutes)
    python -m benchmarks.serve_bench --rules 100 --edits 7
    python -m benchmarks.serve_bench --quick            # a tiny corpus: seconds, for the smoke test

Everything is measured from outside, as a reader sees it: `labelbook serve` runs as a child
process, an example's rationale is changed on disk, and the rule's page is requested over
HTTP every 20 ms until it holds the new words (each request with a 2 s timeout); before
each save the preview is left to finish its background work (its /.labelbook-live/status),
and one more save is made while that work runs. Then a YAML file is broken (with `<script>`
in it): the time until another page shows the error banner, and the slowest of the page
requests made meanwhile; then it is fixed again.

The anchor, in the same run: the very Markdown pages labelbook makes of each language
(the plugin's own `site_content`), in two plain MkDocs + Material projects (English,
Bengali) served by two `mkdocs serve` processes, one per core; a save writes the rule's
page of both, and the time is until both served pages show it. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

if not __package__:  # run as a script (python benchmarks/serve_bench.py): make `benchmarks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.anchor import anchor_projects
from benchmarks.corpus import generate

POLL = 0.02
REQUEST_TIMEOUT = 2.0
BANNER = 'id="lb-live-problems"'


@dataclass
class Served:
    """A child process serving a site on `url`."""

    proc: subprocess.Popen
    url: str
    log: Path

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


@dataclass
class Result:
    rules: int
    startup: float = 0.0
    edits: list[float] = field(default_factory=list)
    practice: float | None = None
    busy_edit: float = 0.0
    banner: float = 0.0
    slowest_request: float = 0.0
    fix: float = 0.0
    recheck: float = 0.0
    cold_check: float = 0.0
    anchor_startup: float | None = None
    anchor_edits: list[float] = field(default_factory=list)


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=REQUEST_TIMEOUT) as r:
            return r.status, r.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8", "replace")
    except (urllib.error.URLError, OSError):
        return 0, ""


def until(what: str, urls: list[str], test: Callable[[int, str], bool], limit: float) -> float:
    """Seconds from now until every URL's page passes `test(status, html)`."""
    start = time.perf_counter()
    left = list(urls)
    while left:
        if time.perf_counter() - start > limit:
            raise SystemExit(f"{what}: not seen after {limit:.0f} s ({left[0]})")
        left = [u for u in left if not test(*get(u))]
        if left:
            time.sleep(POLL)
    return time.perf_counter() - start


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_labelbook(repo: Path, log: Path) -> Served:
    out = log.open("wb")
    proc = subprocess.Popen([sys.executable, "-m", "labelbook", "serve", "-C", str(repo), "-a", "127.0.0.1:0"], stdout=out, stderr=out)
    deadline = time.time() + 60
    while time.time() < deadline:
        found = re.search(r"Serving on (http://\S+/)", log.read_text("utf-8", "replace"))
        if found:
            return Served(proc, found.group(1), log)
        if proc.poll() is not None:
            raise SystemExit(f"labelbook serve stopped:\n{log.read_text('utf-8', 'replace')[-3000:]}")
        time.sleep(0.05)
    raise SystemExit("labelbook serve did not say where it serves")


def start_mkdocs(project: Path, log: Path) -> Served:
    port = free_port()
    out = log.open("wb")
    cmd = [sys.executable, "-m", "mkdocs", "serve", "-f", str(project / "mkdocs.yml"), "-a", f"127.0.0.1:{port}"]
    return Served(subprocess.Popen(cmd, stdout=out, stderr=out, cwd=project), f"http://127.0.0.1:{port}/", log)


def examples_file(repo: Path, rule: str) -> Path:
    return next(repo.glob(f"examples/*/{rule}.yaml"))


def edit_rationale(path: Path, marker: str) -> None:
    """The first example's rationale starts with `marker` (the file is written in place, as editors do)."""
    text = path.read_text("utf-8")
    text = re.sub(r"(\n    rationale: >-\n)(      )(?:EDIT\S* )?", rf"\g<1>\g<2>{marker} ", text, count=1)
    path.write_text(text, "utf-8")


def wait_idle(url: str, limit: float = 3600) -> None:
    """Until the preview says it has nothing left to do (its status), background work included."""
    until("idle", [url + ".labelbook-live/status"], lambda s, h: s == 200 and json.loads(h).get("busy") is False, limit)


def measure_labelbook(repo: Path, work: Path, result: Result, edits: int) -> None:
    rule = "HS-001"
    page = f"hate-speech/{rule}/"
    start = time.perf_counter()
    served = start_labelbook(repo, work / "labelbook-serve.log")
    try:
        until("start-up", [served.url + page, served.url + "bn/" + page], lambda s, h: s == 200 and rule in h, 3600)
        result.startup = time.perf_counter() - start
        path = examples_file(repo, rule)
        original = path.read_text("utf-8")
        for n in range(edits):
            wait_idle(served.url)
            marker = f"EDIT{n}x{os.getpid()}"
            edit_rationale(path, marker)
            result.edits.append(until("edit", [served.url + page], lambda s, h, m=marker: s == 200 and m in h, 600))
            if n == 0:  # the practice page quotes every example: it follows in the background
                practice = until("practice page", [served.url + "practice/"], lambda s, h, m=marker: s == 200 and m in h, 600)
                result.practice = result.edits[-1] + practice
        # A save while the background work of the one before runs (it starts after a pause).
        wait_idle(served.url)
        edit_rationale(path, f"BUSY1x{os.getpid()}")
        until("edit", [served.url + page], lambda s, h: s == 200 and f"BUSY1x{os.getpid()}" in h, 600)
        time.sleep(1.5)
        edit_rationale(path, f"BUSY2x{os.getpid()}")
        result.busy_edit = until("edit during background work", [served.url + page], lambda s, h: s == 200 and f"BUSY2x{os.getpid()}" in h, 600)
        wait_idle(served.url)
        broken = original.replace("rationale: >-\n", "rationale: [<script>alert(1)</script>\n", 1)
        path.write_text(broken, "utf-8")
        result.banner = until("banner", [served.url], lambda s, h: s == 200 and BANNER in h, 600)
        slowest = 0.0
        for url in [served.url + page, served.url + "bn/" + page, served.url + "decisions/", served.url] * 3:
            t = time.perf_counter()
            status, _ = get(url)
            slowest = max(slowest, time.perf_counter() - t if status == 200 else REQUEST_TIMEOUT)
        result.slowest_request = slowest
        wait_idle(served.url)
        marker = f"FIXEDx{os.getpid()}"
        path.write_text(original, "utf-8")
        edit_rationale(path, marker)
        result.fix = until("fix", [served.url + page], lambda s, h: s == 200 and marker in h and BANNER not in h, 600)
        path.write_text(original, "utf-8")
        wait_idle(served.url)
    finally:
        served.stop()


def measure_anchor(repo: Path, work: Path, result: Result, edits: int) -> None:
    projects = anchor_projects(repo, work / "anchor")
    page = "hate-speech/HS-001/"
    start = time.perf_counter()
    served = [start_mkdocs(p, work / f"mkdocs-serve-{p.name}.log") for p in projects]
    try:
        until("anchor start-up", [s.url + page for s in served], lambda s, h: s == 200 and "HS-001" in h, 3600)
        result.anchor_startup = time.perf_counter() - start
        files = [p / "docs" / "hate-speech" / "HS-001.md" for p in projects]
        originals = [f.read_text("utf-8") for f in files]
        for n in range(edits):
            marker = f"ANCHOR{n}x{os.getpid()}"
            for f, text in zip(files, originals, strict=True):
                f.write_text(text + f"\n{marker}\n", "utf-8")
            result.anchor_edits.append(until("anchor edit", [s.url + page for s in served], lambda s, h, m=marker: s == 200 and m in h, 3600))
    finally:
        for s in served:
            s.stop()


def measure_recheck(repo: Path, result: Result) -> None:
    """In this process: a cold `check`, and the check `labelbook serve` runs after one save."""
    from labelbook.core.checks import check
    from labelbook.core.reload import Reloader
    from labelbook.core.sources import WorkingTree

    start = time.perf_counter()
    check(WorkingTree(repo))
    result.cold_check = time.perf_counter() - start
    reloader = Reloader(repo)
    reloader.refresh()
    path = examples_file(repo, "HS-002")
    original = path.read_text("utf-8")
    times = []
    for n in range(3):
        edit_rationale(path, f"EDITCHECK{n}")
        start = time.perf_counter()
        reloader.refresh([str(path.relative_to(repo))])
        times.append(time.perf_counter() - start)
    path.write_text(original, "utf-8")
    result.recheck = statistics.median(times)


def run(rules: int, examples: int, releases: int, edits: int, anchor_edits: int, work: Path, seed: int) -> Result:
    repo = work / "repo"
    if not (repo / "guidelines").is_dir():
        generate(repo, rules=rules, examples_per_rule=examples, releases=releases, seed=seed)
    result = Result(rules)
    measure_recheck(repo, result)
    measure_labelbook(repo, work, result, edits)
    if anchor_edits:
        measure_anchor(repo, work, result, anchor_edits)
    return result


def s(x: float | None) -> str:
    return "-" if x is None else f"{x:.2f} s"


def table(r: Result, target: float) -> str:
    edit = statistics.median(r.edits)
    anchor = statistics.median(r.anchor_edits) if r.anchor_edits else None
    ratio = f"{edit / anchor:.3f}" if anchor else "-"
    startup_ratio = f"{r.startup / r.anchor_startup:.2f}" if r.anchor_startup else "-"
    met = "yes" if edit < target else "NO"
    rows = [
        ("start-up: until both languages' page is served", s(r.startup), s(r.anchor_startup), startup_ratio, "-", "-"),
        (f"edit -> rule page shows it (median of {len(r.edits)}; all: {', '.join(f'{e:.2f}' for e in r.edits)})", s(edit), s(anchor), ratio, f"< {target:g} s", met),
        ("edit -> practice page shows it (background)", s(r.practice), "-", "-", "-", "-"),
        ("edit during the background work of the save before", s(r.busy_edit), "-", "-", "-", "-"),
        ("broken YAML -> banner on another page", s(r.banner), "-", "-", "< 1 s", "yes" if r.banner < 1 else "NO"),
        ("slowest page request while broken", s(r.slowest_request), "-", "-", f"< {REQUEST_TIMEOUT:g} s", "yes" if r.slowest_request < REQUEST_TIMEOUT else "NO"),
        ("fix -> page shows it, banner gone", s(r.fix), "-", "-", f"< {target:g} s", "yes" if r.fix < target else "NO"),
        ("check after one save (in-process, Reloader)", s(r.recheck), f"{s(r.cold_check)} cold check", f"{r.recheck / r.cold_check:.2f}", "-", "-"),
    ]
    out = [f"\n{r.rules:,} rules: labelbook serve against plain `mkdocs serve` of the same pages (2 processes, en + bn)", ""]
    out.append("| measure | labelbook serve | anchor | ratio | target | met |")
    out.append("|---|---|---|---|---|---|")
    out += [f"| {' | '.join(row)} |" for row in rows]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--rules", default="100,1000", help="corpus sizes, comma-separated (default: 100,1000)")
    p.add_argument("--examples", type=int, default=10, help="examples per rule (default: 10)")
    p.add_argument("--releases", type=int, default=3, help="release tags of the corpus (default: 3)")
    p.add_argument("--edits", type=int, default=5, help="saves measured (default: 5)")
    p.add_argument("--anchor-edits", type=int, default=2, help="saves measured on the anchor, 0 for none (default: 2)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--workdir", help="where corpora and logs go (default: a temporary folder, removed)")
    p.add_argument("--quick", action="store_true", help="a tiny corpus (12 rules x 2 examples), 2 saves: seconds")
    args = p.parse_args(argv)
    if args.quick:
        sizes, args.examples, args.releases, args.edits, args.anchor_edits = [12], 2, 2, 2, 1
    else:
        sizes = [int(x) for x in args.rules.split(",") if x.strip()]
    base = Path(args.workdir) if args.workdir else Path(tempfile.mkdtemp(prefix="labelbook-serve-bench-"))
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores ({len(os.sched_getaffinity(0))} usable), load {os.getloadavg()[0]:.1f}, Python {platform.python_version()}")
    try:
        for rules in sizes:
            work = base / f"r{rules}"
            work.mkdir(parents=True, exist_ok=True)
            result = run(rules, args.examples, args.releases, args.edits, args.anchor_edits, work, args.seed)
            print(table(result, 0.5 if rules <= 100 else 1.0), flush=True)
    finally:
        if not args.workdir:
            shutil.rmtree(base, ignore_errors=True)
    print(f"\nload at the end: {os.getloadavg()[0]:.1f} (the machine may be shared: figures are wall time)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
