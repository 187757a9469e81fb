"""The charts of the HTML report as inline SVG: no script, no request, readable offline.

Each chart carries a <title> and aria-label, and shows its figures as text as well as
shape, so a colour-blind reader or a screen reader gets the same story. Every label is
escaped: a rule title or a release tag from the repository cannot become markup.
"""

from __future__ import annotations

import datetime as dt
from typing import Callable, Sequence

from labelbook.core.html import escape
from labelbook.qa.model import PChart, Rca, WeekPoint

#: Lines of the trend chart: the team first, then one per area (colour-blind safe palette).
PALETTE = ("#1b1b1b", "#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#f0e442", "#999999")
MIX, RATE, BAD, GOOD = "#e69f00", "#0072b2", "#c0392b", "#1e8449"


def _open(kind: str, title: str, width: int, height: int) -> list[str]:
    t = escape(title, quote=True)
    return [f'<svg class="chart chart-{kind}" role="img" aria-label="{t}" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">', f"<title>{escape(title)}</title>"]


def _range(values: Sequence[float]) -> tuple[float, float]:
    lo, hi = min(values), max(values)
    pad = max(0.01, (hi - lo) * 0.15)
    return max(0.0, lo - pad), min(1.0, hi + pad)


def _y_axis(out: list[str], lo: float, hi: float, y: Callable[[float], float], left: int, right: int, pct: Callable[[float], str]) -> None:
    for i in range(5):
        v = lo + (hi - lo) * i / 4
        out.append(f'<line x1="{left}" y1="{y(v):.1f}" x2="{right}" y2="{y(v):.1f}" stroke="#e5e5e5"/>')
        out.append(f'<text x="{left - 6}" y="{y(v) + 4:.1f}" text-anchor="end">{escape(pct(v))}</text>')


def trend(title: str, series: list[tuple[str, Sequence[WeekPoint]]], marks: list[tuple[str, dt.date]],
          week_text: Callable[[str], str], pct: Callable[[float], str]) -> str:
    """Weekly accuracy: one line per series (the first drawn thick, with its 95% band), and a
    dashed vertical line at each release's date."""
    weeks = [p for p in series[0][1]]
    if not weeks:
        return ""
    width, height, left, right, top, bottom = 860, 330, 56, 660, 24, 270
    values = [p.tally.accuracy for _, ps in series for p in ps if p.tally.accuracy is not None]
    values += [b for p in weeks for b in (p.tally.low, p.tally.high) if b is not None]
    lo, hi = _range(values)
    # The axis runs to the last week's end, so that a release inside that week has its place.
    first, last = weeks[0].start, weeks[-1].start + dt.timedelta(days=6)
    span = max(1, (last - first).days)

    def x(day: dt.date) -> float:
        return left + (right - left) * (day - first).days / span

    def y(v: float) -> float:
        return bottom - (bottom - top) * (v - lo) / (hi - lo)

    out = _open("trend", title, width, height)
    _y_axis(out, lo, hi, y, left, right, pct)
    step = max(1, len(weeks) // 10)
    for p in weeks[::step]:
        out.append(f'<text x="{x(p.start):.1f}" y="{bottom + 18}" text-anchor="middle">{escape(week_text(p.label))}</text>')
    band = [p for p in weeks if p.tally.low is not None]
    if len(band) > 1:
        pts = [f"{x(p.start):.1f},{y(p.tally.high or 0):.1f}" for p in band] + [f"{x(p.start):.1f},{y(p.tally.low or 0):.1f}" for p in reversed(band)]
        out.append(f'<polygon class="band" points="{" ".join(pts)}" fill="#1b1b1b" fill-opacity="0.08"/>')
    for i, (name, points) in enumerate(series):
        colour = PALETTE[i % len(PALETTE)]
        pts = [(x(p.start), y(p.tally.accuracy)) for p in points if p.tally.accuracy is not None]
        line = " ".join(f"{a:.1f},{b:.1f}" for a, b in pts)
        out.append(f'<g class="series"><title>{escape(name)}</title>'
                   f'<polyline points="{line}" fill="none" stroke="{colour}" stroke-width="{3 if i == 0 else 1.5}"/>')
        out += [f'<circle cx="{a:.1f}" cy="{b:.1f}" r="{3 if i == 0 else 2}" fill="{colour}"/>' for a, b in pts]
        out.append("</g>")
        ly = top + 14 + 18 * i
        out.append(f'<rect x="{right + 30}" y="{ly - 9}" width="14" height="4" fill="{colour}"/>'
                   f'<text x="{right + 50}" y="{ly - 3}">{escape(name[:24])}</text>')
    for tag, day in marks:
        if first <= day <= last:
            mx = x(day)
            anchor, tx = ("end", mx - 3) if mx > right - 60 else ("start", mx + 3)
            out.append(f'<g class="release"><title>{escape(tag)} {escape(day.isoformat())}</title>'
                       f'<line x1="{mx:.1f}" y1="{top - 8}" x2="{mx:.1f}" y2="{bottom}" stroke="{BAD}" stroke-dasharray="4 3"/>'
                       f'<text x="{tx:.1f}" y="{top - 10}" text-anchor="{anchor}" fill="{BAD}">{escape(tag)}</text></g>')
    out.append("</svg>")
    return "".join(out)


def pchart(title: str, chart: PChart, day_text: Callable[[dt.date], str], pct: Callable[[float], str]) -> str:
    """Daily accuracy against the baseline's centre line and each day's 3-sigma limits; the
    report week's days below the lower limit in red."""
    days = chart.days
    if not days:
        return ""
    width, height, left, right, top, bottom = 860, 300, 56, 840, 16, 250
    lo, hi = _range([d.accuracy for d in days] + [d.lcl for d in days] + [chart.centre])
    step_x = (right - left) / max(1, len(days))

    def y(v: float) -> float:
        return bottom - (bottom - top) * (v - lo) / (hi - lo)

    out = _open("pchart", title, width, height)
    _y_axis(out, lo, hi, y, left, right, pct)
    out.append(f'<line class="centre" x1="{left}" y1="{y(chart.centre):.1f}" x2="{right}" y2="{y(chart.centre):.1f}" stroke="{GOOD}" stroke-width="1.5"/>')
    limits = " ".join(f"{left + step_x * i:.1f},{y(d.lcl):.1f} {left + step_x * (i + 1):.1f},{y(d.lcl):.1f}" for i, d in enumerate(days))
    out.append(f'<polyline class="lcl" points="{limits}" fill="none" stroke="{BAD}" stroke-dasharray="5 3"/>')
    for i, d in enumerate(days):
        cx = left + step_x * (i + 0.5)
        colour = BAD if d.below else ("#1b1b1b" if d.in_week else "#888888")
        out.append(f'<circle class="day{" alarm" if d.below else ""}" cx="{cx:.1f}" cy="{y(d.accuracy):.1f}" r="{5 if d.below else 3.5}" fill="{colour}">'
                   f"<title>{escape(day_text(d.day))}: {escape(pct(d.accuracy))} ({d.audits})</title></circle>")
        if i % max(1, len(days) // 10) == 0:
            out.append(f'<text x="{cx:.1f}" y="{bottom + 16}" text-anchor="middle">{escape(day_text(d.day)[5:])}</text>')
    first_in_week = next((i for i, d in enumerate(days) if d.in_week), None)
    if first_in_week is not None:
        wx = left + step_x * first_in_week
        out.append(f'<line x1="{wx:.1f}" y1="{top}" x2="{wx:.1f}" y2="{bottom}" stroke="#555" stroke-dasharray="2 2"/>')
    out.append("</svg>")
    return "".join(out)


def mix_rate(title: str, rca: Rca, names: Sequence[str], labels: tuple[str, str], points: Callable[[float], str]) -> str:
    """Per rule, its mix and rate terms as bars around zero (percentage points of accuracy)."""
    rows = rca.rows[: len(names)]
    if not rows:
        return ""
    bar, gap, left, plot = 12, 10, 200, 520
    height = 40 + len(rows) * (2 * bar + gap)
    width = left + plot + 80
    biggest = max(max(abs(r.mix), abs(r.rate)) for r in rows) or 1e-9
    zero = left + plot / 2

    def w(v: float) -> float:  # room is left at each end for the figure
        return (plot / 2 - 56) * v / biggest

    out = _open("mixrate", title, width, height)
    out.append(f'<line x1="{zero}" y1="22" x2="{zero}" y2="{height - 6}" stroke="#555"/>')
    for i, (name, colour) in enumerate(zip(labels, (MIX, RATE))):
        out.append(f'<rect x="{left + i * 120}" y="4" width="12" height="12" fill="{colour}"/><text x="{left + 16 + i * 120}" y="14">{escape(name)}</text>')
    for n, (row, name) in enumerate(zip(rows, names)):
        y0 = 26 + n * (2 * bar + gap)
        out.append(f'<text x="{left - 8}" y="{y0 + bar + 4}" text-anchor="end">{escape(name[:28])}</text>')
        for k, (value, colour) in enumerate(((row.mix, MIX), (row.rate, RATE))):
            x0 = zero + min(0.0, w(value))
            out.append(f'<rect class="{("mix", "rate")[k]}" x="{x0:.1f}" y="{y0 + k * bar}" width="{abs(w(value)):.1f}" height="{bar - 1}" fill="{colour}">'
                       f"<title>{escape(name)}: {escape(points(value))}</title></rect>")
            if abs(value) >= 0.00005:  # a figure that shows as 0.00 would only clutter
                tx = zero + w(value) + (4 if value >= 0 else -4)
                out.append(f'<text x="{tx:.1f}" y="{y0 + k * bar + bar - 2}" text-anchor="{"start" if value >= 0 else "end"}">{escape(points(value))}</text>')
    out.append("</svg>")
    return "".join(out)


def heatmap(title: str, decisions: Sequence[str], cells: dict[tuple[str, str], int], axis: tuple[str, str], number: Callable[[int], str],
            name: Callable[[str], str] = str) -> str:
    """The confusion matrix: rows the labeler's decision, columns QA's, shaded by the share of the row;
    `name` gives a decision's title."""
    size, left, top = 84, 200, 64
    width, height = left + size * len(decisions) + 20, top + size * len(decisions) + 20
    out = _open("confusion", title, width, height)
    out.append(f'<text x="{left}" y="16">{escape(axis[1])} →</text><text x="8" y="{top - 8}">↓ {escape(axis[0])}</text>')
    for j, q in enumerate(decisions):
        out.append(f'<text x="{left + size * j + size / 2}" y="{top - 8}" text-anchor="middle">{escape(name(q)[:14])}</text>')
    for i, d in enumerate(decisions):
        total = sum(cells.get((d, q), 0) for q in decisions) or 1
        out.append(f'<text x="{left - 8}" y="{top + size * i + size / 2 + 4}" text-anchor="end">{escape(name(d)[:22])}</text>')
        for j, q in enumerate(decisions):
            n = cells.get((d, q), 0)
            colour = GOOD if i == j else BAD
            out.append(f'<rect class="cell" x="{left + size * j}" y="{top + size * i}" width="{size - 2}" height="{size - 2}" fill="{colour}" '
                       f'fill-opacity="{0.08 + 0.85 * n / total:.3f}"><title>{escape(name(d))} → {escape(name(q))}: {escape(number(n))}</title></rect>')
            out.append(f'<text x="{left + size * j + size / 2}" y="{top + size * i + size / 2 + 4}" text-anchor="middle">{escape(number(n))}</text>')
    out.append("</svg>")
    return "".join(out)
