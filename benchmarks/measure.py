"""How the benchmarks time a command: wall time, CPU time and peak memory of a child process.

`timed` runs one command and reads its CPU time and peak RSS from wait4 (the command's own
and those of the children it waited for: the forked Bengali build, git). `run_measured`
runs several commands at once and samples their whole process trees every 50 ms with
psutil: the peak of the summed RSS (a page shared by a parent and its forked child counted
twice), of the summed PSS (/proc/PID/smaps_rollup: counted once), and the largest single
process. Output goes to a file, never a pipe that could fill. A failing command stops the
benchmark with the tail of its output; nothing is asserted about speed.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import psutil


@dataclass
class Run:
    seconds: float
    cpu: float  # user + system time of the command and its waited-for children
    max_rss_mb: float  # the largest RSS of the command or any one waited-for child


def _failed(cmd: list[str], code: int, output: str) -> SystemExit:
    return SystemExit(f"failed ({code}): {' '.join(cmd[:8])}{' ...' if len(cmd) > 8 else ''}\n{output[-3000:]}")


def timed(cmd: list[str], cwd: Path, env: dict[str, str] | None = None) -> Run:
    """Run `cmd` in `cwd`: its wall time, CPU time and peak memory."""
    with tempfile.TemporaryFile() as log:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=log, stderr=log, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped by wait4
        if proc.returncode != 0:
            log.seek(0)
            raise _failed(cmd, proc.returncode, log.read().decode(errors="replace"))
    return Run(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def best(cmd: list[str], cwd: Path, repeat: int, env: dict[str, str] | None = None) -> Run:
    """`repeat` runs of `cmd`: the lowest wall and CPU time, the highest peak memory."""
    runs = [timed(cmd, cwd, env) for _ in range(max(1, repeat))]
    return Run(min(r.seconds for r in runs), min(r.cpu for r in runs), max(r.max_rss_mb for r in runs))


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
    """Run `cmds` at the same time, their output appended to `log`: wall time until the
    last ends, CPU time of them all, peak memory of all their process trees."""
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
        waited = [os.wait4(p.pid, 0) for p in popens]
        seconds = time.perf_counter() - start
        done.set()
        sampler.join()
    codes = [os.waitstatus_to_exitcode(status) for _, status, _ in waited]
    for popen, code in zip(popens, codes):
        popen.returncode = code  # reaped by wait4 above
    failed = [(cmd, code) for cmd, code in zip(cmds, codes) if code]
    if failed:
        raise _failed(failed[0][0], failed[0][1], log.read_text(encoding="utf-8", errors="replace"))
    cpu = sum(u.ru_utime + u.ru_stime for _, _, u in waited)
    return Measure(seconds, cpu, peak["rss"] / 2**20, peak["pss"] / 2**20, peak["max"] / 2**20)


def pages(site: Path) -> int:
    """The HTML pages of a built site, 404 pages left out."""
    return sum(1 for p in site.rglob("*.html") if p.name != "404.html")
