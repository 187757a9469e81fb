"""Run `labelbook qa` the way a user does, and read what it printed.

Through `labelbook.cli.main`, the command line's own entry point, so that what is tested is
what users run.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
from dataclasses import dataclass
from pathlib import Path

from labelbook.cli import main

_PROBLEM = re.compile(r"^(?P<file>.+?):(?P<row>\d+): (?P<sev>error|warning)\[(?P<code>[a-z-]+)\]: (?P<msg>.+)$")


@dataclass(frozen=True)
class Problem:
    file: str
    row: int
    severity: str
    code: str
    message: str


@dataclass
class Run:
    code: int
    stdout: bytes
    stderr: str

    @property
    def text(self) -> str:
        return self.stdout.decode("utf-8")

    @property
    def problems(self) -> list[Problem]:
        out = []
        for line in self.stderr.splitlines():
            m = _PROBLEM.match(line)
            if m:
                out.append(Problem(m["file"], int(m["row"]), m["sev"], m["code"], m["msg"]))
        return out

    def codes(self) -> set[str]:
        return {p.code for p in self.problems}


def qa(*args: str | Path, cwd: Path) -> Run:
    """`labelbook qa ARGS...` run in `cwd` (never the project's own folder: it is a guideline repository)."""
    out = io.BytesIO()
    stdout = io.TextIOWrapper(out, encoding="utf-8", write_through=True)
    err = io.StringIO()
    before = Path.cwd()
    os.chdir(cwd)
    try:
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(err):
            try:
                code = main(["qa", *map(str, args)])
            except SystemExit as exc:  # argparse: --help, or a bad option
                code = int(exc.code or 0)
    finally:
        os.chdir(before)
    stdout.flush()
    assert "Traceback" not in err.getvalue() and "internal error" not in err.getvalue(), err.getvalue()
    return Run(code, out.getvalue(), err.getvalue())
