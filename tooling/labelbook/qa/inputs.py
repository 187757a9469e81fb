"""Which files a run reads (files, globs, folders) and which reader each one needs.

The reader is chosen by the file's first bytes, not its name: an .xlsx renamed to .csv,
or a CSV saved as .txt, is still read for what it is. Inside a folder only the file
names of audit exports are taken, so a README or an Excel lock file (~$x.xlsx) next to
them is left alone.
"""

from __future__ import annotations

import glob
import os
from pathlib import Path

from labelbook.core.problems import UsageError
from labelbook.qa.csvread import read_csv
from labelbook.qa.problems import AuditProblem, problem
from labelbook.qa.sheetread import read_parquet, read_sheet
from labelbook.qa.table import MAX_ROWS, Table, size_problem

SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx", ".xlsm", ".xls", ".xlsb", ".ods", ".parquet", ".pq")


def _kind(path: Path) -> str:
    with path.open("rb") as f:
        head = f.read(8)
    if head.startswith(b"PAR1"):
        return "parquet"
    if head.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):  # zip (xlsx, ods) or OLE (xls)
        return "sheet"
    return "csv"


def _in_folder(folder: Path, shown: str) -> list[tuple[Path, str]]:
    found = []
    for top, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for n in sorted(names):
            if n.startswith((".", "~$")) or not n.lower().endswith(SUFFIXES):
                continue
            path = Path(top) / n
            found.append((path, os.path.join(shown, os.path.relpath(path, folder))))
    return found


def expand(args: list[str]) -> list[tuple[Path, str]]:
    """(file, name shown in messages) of every audit file the arguments name, in order, once each."""
    out: list[tuple[Path, str]] = []
    seen: set[Path] = set()
    for arg in args:
        path = Path(arg)
        if path.is_dir():
            found = _in_folder(path, arg)
            if not found:
                raise UsageError(f"{arg}: no audit file in this folder (looked for {', '.join(SUFFIXES)})")
        elif path.is_file():
            found = [(path, arg)]
        elif glob.has_magic(arg):
            found = [(Path(p), p) for p in sorted(glob.glob(arg, recursive=True)) if Path(p).is_file()]
            if not found:
                raise UsageError(f"{arg}: no file matches this pattern")
        else:
            raise UsageError(f"{arg}: no such file or folder")
        for p, shown in found:
            key = p.resolve()
            if key not in seen:
                seen.add(key)
                out.append((p, shown))
    return out


def read_tables(files: list[tuple[Path, str]]) -> tuple[list[Table], list[AuditProblem]]:
    """Every file read; a file that cannot be read at all is one problem, and the others are
    still read, so that one run lists the problems of all of them."""
    tables: list[Table] = []
    problems: list[AuditProblem] = []
    total = 0
    for index, (path, name) in enumerate(files):
        try:
            too_big = size_problem(path, name)
            if too_big is not None:
                problems.append(too_big)
                continue
            kind = _kind(path)
            read = {"csv": read_csv, "sheet": read_sheet, "parquet": read_parquet}[kind]
            table = read(path, name)
        except OSError as exc:
            raise UsageError(f"{name}: cannot be read ({exc.strerror or exc})") from None
        if isinstance(table, AuditProblem):
            problems.append(table)
            continue
        total += table.frame.height
        if total > MAX_ROWS:
            problems.append(problem(name, 1, "audit-too-many-rows", f"the files hold more than {MAX_ROWS:,} rows together; report on fewer weeks at a time"))
            break
        table.index = index
        tables.append(table)
        problems += table.problems
    return tables, problems
