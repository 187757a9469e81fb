"""A second computation of the report's figures, written apart from labelbook.qa: plain Python
over the generated rows, with textbook formulas and other libraries (statsmodels, scipy's
fisher_exact) where the report uses scipy's hypergeometric tail and false_discovery_control."""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter, defaultdict
from typing import Iterable

from .world import Row

Z = 1.959963984540054


def iso_week(day: str) -> str:
    year, week, _ = dt.date.fromisoformat(day).isocalendar()
    return f"{year}-W{week:02d}"


def wilson(k: int, n: int) -> tuple[float, float]:
    p = k / n
    centre = (p + Z * Z / (2 * n)) / (1 + Z * Z / n)
    half = Z / (1 + Z * Z / n) * math.sqrt(p * (1 - p) / n + Z * Z / (4 * n * n))
    return centre - half, centre + half


def accuracy(rows: Iterable[Row]) -> tuple[int, int]:
    rows = list(rows)
    return sum(r["decision"] == r["qa_decision"] for r in rows), len(rows)


def under_over(rows: Iterable[Row], order: tuple[str, ...]) -> tuple[int, int]:
    rank = {d: i for i, d in enumerate(order)}
    under = over = 0
    for r in rows:
        if rank[str(r["decision"])] > rank[str(r["qa_decision"])]:
            under += 1
        elif rank[str(r["decision"])] < rank[str(r["qa_decision"])]:
            over += 1
    return under, over


def in_weeks(rows: list[Row], weeks: set[str]) -> list[Row]:
    return [r for r in rows if iso_week(str(r["date"])) in weeks]


def fisher_greater(e1: int, n1: int, e0: int, n0: int) -> float:
    """P(X >= e1) for X hypergeometric: the textbook sum of the one-sided Fisher test."""
    total, errors = n0 + n1, e0 + e1
    denom = math.comb(total, n1)
    return sum(math.comb(errors, x) * math.comb(total - errors, n1 - x) for x in range(e1, min(errors, n1) + 1)) / denom


def bh(p: list[float]) -> list[float]:
    m = len(p)
    order = sorted(range(m), key=lambda i: p[i])
    q = [0.0] * m
    running = 1.0
    for rank in range(m, 0, -1):
        i = order[rank - 1]
        running = min(running, p[i] * m / rank)
        q[i] = running
    return q


def decompose(rows0: list[Row], rows1: list[Row]) -> tuple[float, dict[str | None, tuple[float, float]]]:
    """(A1 - A0, {rule: (mix, rate)}) by SPEC 8.4, from the rows of the two weeks."""
    def by_rule(rows: list[Row]) -> dict[str | None, tuple[int, int]]:
        out: dict[str | None, list[int]] = defaultdict(lambda: [0, 0])
        for r in rows:
            key = r.get("rule") or None
            out[key][0] += 1
            out[key][1] += r["decision"] == r["qa_decision"]
        return {k: (v[0], v[1]) for k, v in out.items()}

    w0, w1 = by_rule(rows0), by_rule(rows1)
    n0, n1 = len(rows0), len(rows1)
    a0_all = sum(c for _, c in w0.values()) / n0
    a1_all = sum(c for _, c in w1.values()) / n1
    terms: dict[str | None, tuple[float, float]] = {}
    for rule in set(w0) | set(w1):
        s0 = w0[rule][0] / n0 if rule in w0 else 0.0
        s1 = w1[rule][0] / n1 if rule in w1 else 0.0
        if rule in w0 and rule in w1:
            a0, a1 = w0[rule][1] / w0[rule][0], w1[rule][1] / w1[rule][0]
            terms[rule] = ((s1 - s0) * (a0 - a0_all), s1 * (a1 - a0))
        elif rule in w1:
            terms[rule] = (s1 * (w1[rule][1] / w1[rule][0] - a0_all), 0.0)
        else:
            terms[rule] = (-s0 * (w0[rule][1] / w0[rule][0] - a0_all), 0.0)
    return a1_all - a0_all, terms


def segment_counts(rows: list[Row], dimension: str, week: set[str], baseline: set[str]) -> dict[str, tuple[int, int, int, int]]:
    """value -> (audits, errors in the week, audits, errors in the baseline)."""
    found: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for r in rows:
        value = r.get(dimension)
        if value in (None, ""):
            continue
        w = iso_week(str(r["date"]))
        wrong = int(r["decision"] != r["qa_decision"])
        if w in week:
            found[str(value)][0] += 1
            found[str(value)][1] += wrong
        elif w in baseline:
            found[str(value)][2] += 1
            found[str(value)][3] += wrong
    return {k: (a, b, c, d) for k, (a, b, c, d) in found.items() if a}


def daily(rows: list[Row]) -> Counter:
    return Counter(str(r["date"]) for r in rows)
