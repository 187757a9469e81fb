"""The weekly QA report on a million audits: labelbook qa, and the engines it was chosen from.

Run from the repository root:

    python -m benchmarks.qa_bench                 # 1,000,000 audits (about a minute in all)
    python -m benchmarks.qa_bench --rows 200000   # another size
    python -m benchmarks.qa_bench --quick         # 20,000 audits: seconds

Writes a synthetic guideline repository (`benchmarks.corpus`, with release tags) and an
audit CSV of `--rows` rows over eight weeks (800 labelers, two segment columns, handling
times) into `--workdir` or a temporary folder, then measures, each in a child process:

- the same workload in DuckDB, Polars and pandas: read the CSV as text, check dates,
  decisions and duplicates, count per week, per day, per labeler/rule/vendor/queue for
  the report week and the baseline, and median handling times: the engine comparison;
- `labelbook qa` end to end (json, html, xlsx; and --pseudonymize), inside the repository.

Figures are wall-clock and CPU time and the child's peak memory (max RSS from os.wait4),
the best of `--repeat` runs. It prints a table and asserts nothing: a slow machine is
not a failing test.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import subprocess
import sys
import tempfile
from pathlib import Path

if not __package__:  # run as a script (python benchmarks/qa_bench.py): make `benchmarks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.corpus import DECISIONS, generate
from benchmarks.measure import Run, best

START = dt.date(2026, 10, 5)  # a Monday: eight ISO weeks, 2026-W41 .. 2026-W48
WEEK, BASELINE_FROM = "2026-11-23", "2026-10-26"


_COMMON = f"""
import sys
path = sys.argv[1]
D = {[d for d, _, _ in DECISIONS]!r}
WEEK, BASE = {WEEK!r}, {BASELINE_FROM!r}
"""

POLARS = _COMMON + """
import polars as pl
df = pl.read_csv(path, infer_schema=False)
df = df.with_columns(pl.col("date").str.to_date("%Y-%m-%d", strict=False).alias("day"),
                     pl.col("handle_seconds").cast(pl.Float64, strict=False).alias("secs"))
bad = df.select((pl.col("day").is_null() | ~pl.col("decision").is_in(D) | ~pl.col("qa_decision").is_in(D)).sum()).item()
dups = df.select(pl.struct("item", "labeler", "auditor").is_duplicated().sum()).item()
df = df.lazy().with_columns(pl.col("day").dt.truncate("1w").alias("week"), (pl.col("decision") == pl.col("qa_decision")).alias("ok"))
weekly = df.group_by("week").agg(pl.len(), pl.col("ok").sum()).collect()
daily = df.group_by("day").agg(pl.len(), pl.col("ok").sum()).collect()
recent = df.filter(pl.col("week") >= pl.lit(BASE).str.to_date()).with_columns((pl.col("week") == pl.lit(WEEK).str.to_date()).alias("now"))
segs = [recent.group_by(c, "now").agg(pl.len(), pl.col("ok").sum()).collect() for c in ("labeler", "rule", "vendor", "queue")]
med = df.filter(pl.col("week") == pl.lit(WEEK).str.to_date()).group_by("labeler").agg(pl.col("secs").median()).collect()
print(bad, dups, weekly.height, daily.height, sum(s.height for s in segs), med.height)
"""

DUCKDB = _COMMON + """
import duckdb
con = duckdb.connect()
con.execute(f"CREATE TABLE raw AS SELECT * FROM read_csv('{path}', all_varchar = true, header = true)")
con.execute("CREATE TABLE a AS SELECT *, try_cast(date AS DATE) AS day, try_cast(handle_seconds AS DOUBLE) AS secs, decision = qa_decision AS ok FROM raw")
bad = con.execute(f"SELECT count(*) FROM a WHERE day IS NULL OR decision NOT IN {tuple(D)} OR qa_decision NOT IN {tuple(D)}").fetchone()[0]
dups = con.execute("SELECT coalesce(sum(n), 0) FROM (SELECT count(*) AS n FROM a GROUP BY item, labeler, auditor HAVING count(*) > 1)").fetchone()[0]
weekly = con.execute("SELECT date_trunc('week', day) AS w, count(*), sum(ok::INT) FROM a GROUP BY w").fetchall()
daily = con.execute("SELECT day, count(*), sum(ok::INT) FROM a GROUP BY day").fetchall()
segs = [con.execute(f"SELECT {c}, date_trunc('week', day) = DATE '{WEEK}' AS now, count(*), sum(ok::INT) FROM a "
                    f"WHERE day >= DATE '{BASE}' GROUP BY ALL").fetchall() for c in ("labeler", "rule", "vendor", "queue")]
med = con.execute(f"SELECT labeler, median(secs) FROM a WHERE date_trunc('week', day) = DATE '{WEEK}' GROUP BY labeler").fetchall()
print(bad, dups, len(weekly), len(daily), sum(len(s) for s in segs), len(med))
"""

PANDAS = _COMMON + """
import pandas as pd
df = pd.read_csv(path, dtype=str, keep_default_na=False, engine="pyarrow")
df["day"] = pd.to_datetime(df["date"], format="%Y-%m-%d", errors="coerce")
df["secs"] = pd.to_numeric(df["handle_seconds"], errors="coerce")
bad = int((df["day"].isna() | ~df["decision"].isin(D) | ~df["qa_decision"].isin(D)).sum())
dups = int(df.duplicated(["item", "labeler", "auditor"], keep=False).sum())
df["week"] = df["day"].dt.to_period("W-SUN").dt.start_time
df["ok"] = df["decision"] == df["qa_decision"]
weekly = df.groupby("week")["ok"].agg(["size", "sum"])
daily = df.groupby("day")["ok"].agg(["size", "sum"])
recent = df[df["week"] >= pd.Timestamp(BASE)].assign(now=lambda x: x["week"] == pd.Timestamp(WEEK))
segs = [recent.groupby([c, "now"])["ok"].agg(["size", "sum"]) for c in ("labeler", "rule", "vendor", "queue")]
med = df[df["week"] == pd.Timestamp(WEEK)].groupby("labeler")["secs"].median()
print(bad, dups, len(weekly), len(daily), sum(len(s) for s in segs), len(med))
"""


def write_audits(path: Path, rows: int, rules: list[str], seed: int) -> None:
    """`rows` audits over eight weeks: 800 labelers, 5% errors, vendor and queue segments."""
    import numpy as np

    rng = np.random.default_rng(seed)
    decisions = np.array([d for d, _, _ in DECISIONS])
    day = rng.integers(0, 56, rows)
    labeler = rng.integers(0, 800, rows)
    truth = rng.integers(0, len(decisions), rows)
    wrong = rng.random(rows) < 0.05
    decision = np.where(wrong, (truth + rng.integers(1, len(decisions), rows)) % len(decisions), truth)
    rule = rng.integers(0, len(rules), rows)
    seconds = rng.gamma(2.0, 20.0, rows).round(1)
    dates = [(START + dt.timedelta(days=int(d))).isoformat() for d in range(56)]
    rules_a = np.array(rules)
    with path.open("w", encoding="utf-8", newline="") as f:
        f.write("date,labeler,item,decision,qa_decision,rule,auditor,handle_seconds,vendor,queue\n")
        for i in range(rows):
            lab = labeler[i]
            f.write(f"{dates[day[i]]},L{lab:04d},IT{i:09d},{decisions[decision[i]]},{decisions[truth[i]]},{rules_a[rule[i]]},"
                    f"A{lab % 25:02d},{seconds[i]},V{lab % 4},{('day', 'night', 'weekend')[lab % 3]}\n")


def write_sheet(audits: Path, sheet: Path, rows: int) -> None:
    """The first `rows` audits as an XLSX workbook, dates as date cells, as a review tool exports them."""
    import csv

    import xlsxwriter

    book = xlsxwriter.Workbook(str(sheet), {"constant_memory": True})
    ws = book.add_worksheet("Audits")
    day = book.add_format({"num_format": "yyyy-mm-dd"})
    with audits.open(encoding="utf-8", newline="") as f:
        for n, row in enumerate(csv.reader(f)):
            if n > rows:
                break
            if n == 0:
                ws.write_row(0, 0, row)
                continue
            ws.write_datetime(n, 0, dt.datetime.fromisoformat(row[0]), day)
            ws.write_row(n, 1, row[1:7])
            ws.write_number(n, 7, float(row[7]))
            ws.write_row(n, 8, row[8:])
    book.close()


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--rows", type=int, default=1_000_000, help="audit rows (default: 1,000,000)")
    p.add_argument("--quick", action="store_true", help="20,000 rows, one run each: for a smoke test")
    p.add_argument("--repeat", type=int, default=2, help="runs of each measure; the best is shown (default: 2)")
    p.add_argument("--workdir", type=Path, help="where to write the repository and the audits (default: a temporary folder)")
    p.add_argument("--only", choices=("engines", "qa"), help="only the engine comparison, or only labelbook qa")
    p.add_argument("--seed", type=int, default=1)
    args = p.parse_args(argv)
    rows, repeat = (20_000, 1) if args.quick else (args.rows, args.repeat)
    with tempfile.TemporaryDirectory(prefix="labelbook-qa-bench-") as tmp:
        work = args.workdir or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        repo = work / "repo"
        if not repo.exists():
            corpus = generate(repo, rules=70, examples_per_rule=2, releases=3, seed=args.seed)
            rules = sorted(r.id for r in corpus.rules)
        else:
            rules = sorted(p.stem for p in (repo / "guidelines").glob("*/*-[0-9][0-9][0-9].md"))
        audits = work / f"audits-{rows}.csv"
        if not audits.exists():
            write_audits(audits, rows, rules, args.seed)
        size = audits.stat().st_size / 1e6
        table: list[tuple[str, Run, str]] = []
        for name, code in (("DuckDB", DUCKDB), ("Polars", POLARS), ("pandas (pyarrow CSV)", PANDAS)) if args.only != "qa" else ():
            version = subprocess.run([sys.executable, "-c", f"import {name.split()[0].lower()} as m; print(m.__version__)"],
                                     capture_output=True, text=True).stdout.strip() or "not installed"
            if version == "not installed":
                print(f"{name}: not installed (pip install -e '.[bench]')")
                continue
            table.append((f"engine: {name} {version}", best([sys.executable, "-c", code, str(audits)], work, repeat), ""))
        if args.only != "engines":
            table += measure_qa(work, repo, audits, rows, repeat)
        print(f"machine: {len(os.sched_getaffinity(0))} cores available, Python {sys.version.split()[0]}; "
              f"{rows:,} audit rows ({size:.0f} MB of CSV), {len(rules)} rules; best of {repeat}")
        print()
        print("| measure | wall | CPU | peak memory | target | met |")
        print("|---|---:|---:|---:|---|---|")
        for what, run, target in table:
            met = "-" if not target else ("yes" if run.seconds < 10 and run.max_rss_mb < 1024 else "NO")
            print(f"| {what} | {run.seconds:.2f} s | {run.cpu:.2f} s | {run.max_rss_mb:.0f} MB | {target or '-'} | {met} |")
    return 0


def measure_qa(work: Path, repo: Path, audits: Path, rows: int, repeat: int) -> list[tuple[str, Run, str]]:
    """`labelbook qa` on the audits: each format, Parquet and XLSX input, --pseudonymize, staffing."""
    table: list[tuple[str, Run, str]] = []
    qa = [sys.executable, "-m", "labelbook", "qa", str(audits), "-C", str(repo), "-q", "--week", "2026-W48"]
    for fmt in ("json", "html", "xlsx"):
        table.append((f"labelbook qa --format {fmt}", best([*qa, "-o", str(work / f"qa.{fmt}")], work, repeat), "< 10 s, < 1 GB"))
    parquet = work / f"audits-{rows}.parquet"
    if not parquet.exists():
        import polars as pl

        pl.read_csv(audits, infer_schema=False).write_parquet(parquet)
    qa_parquet = [sys.executable, "-m", "labelbook", "qa", str(parquet), "-C", str(repo), "-q", "--week", "2026-W48", "-o", str(work / "qa-pq.json")]
    table.append(("labelbook qa, the audits as Parquet", best(qa_parquet, work, repeat), "< 10 s, < 1 GB"))
    sheet_rows = min(rows, 200_000)
    sheet = work / f"audits-{sheet_rows}.xlsx"
    if not sheet.exists():
        write_sheet(audits, sheet, sheet_rows)
    qa_sheet = [sys.executable, "-m", "labelbook", "qa", str(sheet), "-C", str(repo), "-q", "--week", "2026-W48", "-o", str(work / "qa-x.json")]
    table.append((f"labelbook qa, {sheet_rows:,} rows as XLSX", best(qa_sheet, work, repeat), ""))
    salted = {**os.environ, "LABELBOOK_QA_SALT": "benchmark-salt"}
    table.append(("labelbook qa --pseudonymize (json)", best([*qa, "--pseudonymize", "-o", str(work / "qa-p.json")], work, repeat, salted),
                  "< 10 s, < 1 GB"))
    table.append(("labelbook qa staffing --volume 12000",
                  best([sys.executable, "-m", "labelbook", "qa", "staffing", str(audits), "-C", str(repo), "-q", "--volume", "12000"], work, repeat), ""))
    return table


if __name__ == "__main__":
    raise SystemExit(main())
