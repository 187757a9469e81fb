"""`labelbook build` against plain MkDocs + Material building the very same pages.

Run from the repository root:

    python -m benchmarks.build_bench --rules 1000       # the issue's measure (a few minutes)
    python -m benchmarks.build_bench --rules 2000 --repeat 1
    python -m benchmarks.build_bench --quick            # a tiny corpus: seconds, for the smoke test

The corpus comes from `benchmarks.corpus` (English and Bengali, release tags). The anchor
is built from the Markdown pages labelbook hands MkDocs, as `site.pages.site_content`
makes them for each language (the same navigation, page metadata and assets), written
into two plain MkDocs projects: Material with the same Markdown extensions (attr_list,
pymdownx.tilde, toc with labelbook's slugify) and Material's search plugin, and no
labelbook plugin. The two are built as two `mkdocs build` processes in parallel, as
labelbook builds its two languages.

Wall time is that of the whole command (both anchor processes: until the last ends); CPU
time is user + system time of every process (os.wait4). Peak memory is sampled every 50 ms
over the process tree (each command, its forked or spawned children): "RSS" is the peak of
the summed resident set sizes, which counts a page shared by a parent and its forked child
twice; "PSS" is the peak of the summed proportional set sizes (/proc/PID/smaps_rollup),
which counts it once; "largest process" is the highest RSS of any one process. Runs
alternate the order of the two sides, and the summary gives medians: on a shared machine
CPU time moves less than wall time. Nothing is asserted: a slow machine is not a failing test.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

if not __package__:  # run as a script (python benchmarks/build_bench.py): make `benchmarks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import psutil

from benchmarks.corpus import generate


@dataclass
class Measure:
    seconds: float
    cpu: float  # user + system time of every process of the tree
    rss_mb: float  # peak of the summed RSS of the process tree
    pss_mb: float  # peak of the summed PSS of the process tree
    max_mb: float  # the largest RSS any one process of the tree reached (sampled)


def _pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def _tree(roots: list[psutil.Process]) -> list[psutil.Process]:
    procs = []
    for root in roots:
        try:
            procs += [root, *root.children(recursive=True)]
        except psutil.NoSuchProcess:
            continue
    return procs


def run_measured(cmds: list[list[str]], cwd: Path, log: Path) -> Measure:
    """Run `cmds` at the same time; wall time until the last ends, peak memory of all their trees."""
    peak = {"rss": 0, "pss": 0, "max": 0}
    done = threading.Event()
    with log.open("ab") as out:
        start = time.perf_counter()
        popens = [subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=out) for cmd in cmds]
        roots = [psutil.Process(p.pid) for p in popens]

        def sample() -> None:
            while not done.is_set():
                rss = pss = 0
                for proc in _tree(roots):
                    try:
                        one = proc.memory_info().rss
                    except psutil.NoSuchProcess:
                        continue
                    rss += one
                    pss += _pss_kb(proc.pid) * 1024
                    peak["max"] = max(peak["max"], one)
                peak["rss"], peak["pss"] = max(peak["rss"], rss), max(peak["pss"], pss)
                done.wait(0.05)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        # wait4 gives a process's CPU time with that of the children it waited for (the forked Bengali build)
        waited = [os.wait4(p.pid, 0) for p in popens]
        seconds = time.perf_counter() - start
        done.set()
        sampler.join()
    codes = [os.waitstatus_to_exitcode(status) for _, status, _ in waited]
    for popen, code in zip(popens, codes):
        popen.returncode = code  # reaped by wait4 above
    if any(codes):
        tail = log.read_text(encoding="utf-8", errors="replace")[-3000:]
        raise SystemExit(f"failed ({codes}): {cmds}\n{tail}")
    cpu = sum(u.ru_utime + u.ru_stime for _, _, u in waited)
    return Measure(seconds, cpu, peak["rss"] / 2**20, peak["pss"] / 2**20, peak["max"] / 2**20)


def _languages(repo: Path) -> list[str]:
    import yaml

    return yaml.safe_load((repo / "guidelines" / "policy.yaml").read_text(encoding="utf-8"))["languages"]


def anchor_projects(repo: str | Path, dest: str | Path) -> list[Path]:
    """One plain MkDocs + Material project per language, holding labelbook's pages of it."""
    repo, dest = Path(repo), Path(dest)
    from labelbook.core.checks import checked
    from labelbook.core.i18n import Translator
    from labelbook.site import assets
    from labelbook.site.context import PageContext
    from labelbook.site.history import changes_since_release
    from labelbook.site.pages import site_content

    loaded = checked(repo).repo
    changelog, note = changes_since_release(repo, "v*", loaded)
    projects = []
    for lang in loaded.policy.languages:
        ctx = PageContext(loaded, lang, changelog=changelog, changes_note=Translator(lang)._(note) if note else None)
        content = site_content(ctx)
        project = dest / lang
        docs = project / "docs"
        for src_uri, markdown in content.pages.items():
            path = docs / src_uri
            path.parent.mkdir(parents=True, exist_ok=True)
            meta = content.meta.get(src_uri)
            front = f"---\n{json.dumps(meta)}\n---\n" if meta else ""
            path.write_text(front + markdown, encoding="utf-8")
        for src_uri, source in assets.files():
            (docs / src_uri).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, docs / src_uri)
        config = {
            "site_name": ctx.policy_title(),
            "theme": {"name": "material", "language": lang, "font": False},
            "plugins": ["search"],
            "markdown_extensions": ["attr_list", "pymdownx.tilde", {"toc": {"slugify": "SLUGIFY"}}],
            "extra_css": assets.EXTRA_CSS,
            "extra_javascript": assets.EXTRA_JS,
            "nav": content.nav,
        }
        # JSON is YAML; the slugify function is a Python name, which only a YAML tag can give.
        text = json.dumps(config, ensure_ascii=False).replace('"SLUGIFY"', "!!python/name:labelbook.site.anchors.slugify ")
        (project / "mkdocs.yml").write_text(text + "\n", encoding="utf-8")
        projects.append(project)
    return projects


def show(m: Measure) -> str:
    return f"{m.seconds:.2f} s ({m.cpu:.1f} s CPU), RSS {m.rss_mb:.0f} MB, PSS {m.pss_mb:.0f} MB, largest process {m.max_mb:.0f} MB"


def summary(runs: list[Measure]) -> str:
    return (
        f"{statistics.median(m.seconds for m in runs):.2f} s median wall, {statistics.median(m.cpu for m in runs):.1f} s CPU; "
        f"peak summed RSS {max(m.rss_mb for m in runs):.0f} MB, summed PSS {max(m.pss_mb for m in runs):.0f} MB, "
        f"largest process {max(m.max_mb for m in runs):.0f} MB"
    )


def pages(site: Path) -> int:
    return sum(1 for p in site.rglob("*.html") if p.name != "404.html")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--rules", type=int, default=1000)
    p.add_argument("--examples-per-rule", type=int, default=10)
    p.add_argument("--releases", type=int, default=5)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--repeat", type=int, default=2, help="runs of each side, alternating which goes first (default 2)")
    p.add_argument("--quick", action="store_true", help="a tiny corpus (21 rules x 3 examples, 2 releases), one run")
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
        if not (repo / "guidelines").is_dir():
            t = time.perf_counter()
            generate(repo, args.rules, args.examples_per_rule, max(2, args.releases), args.seed)
            print(f"corpus: {args.rules} rules x {args.examples_per_rule} examples, en+bn, {max(2, args.releases)} releases in {repo} ({time.perf_counter() - t:.1f} s)", flush=True)
        anchor = work / "anchor"
        shutil.rmtree(anchor, ignore_errors=True)
        # In a process of its own: this one stays small, and so do the processes it starts.
        subprocess.run([sys.executable, "-c", f"from benchmarks.build_bench import anchor_projects; anchor_projects({str(repo)!r}, {str(anchor)!r})"], check=True)
        projects = [anchor / lang for lang in _languages(repo)]
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
        print(f"anchor (2 x mkdocs build, in parallel): {summary(plain_all)}")
        ratio = statistics.median(o.seconds for o in ours_all) / statistics.median(a.seconds for a in plain_all)
        cpu_ratio = statistics.median(o.cpu for o in ours_all) / statistics.median(a.cpu for a in plain_all)
        print(f"ratio: {ratio:.2f} wall time, {cpu_ratio:.2f} CPU time (medians)")
    finally:
        if args.workdir is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
