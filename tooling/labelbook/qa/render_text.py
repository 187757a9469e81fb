"""The `text` rendering: the report for a terminal, in aligned columns.

Every cell and line goes through `one_line`, so a labeler id or a rule title holding
control characters (an ANSI escape sequence from a hostile audit file) is shown, not
obeyed by the terminal. Long tables show their first rows; json and xlsx hold them all.
"""

from __future__ import annotations

from labelbook.qa import cells
from labelbook.qa import strings as S
from labelbook.qa.model import Report
from labelbook.qa.problems import one_line
from labelbook.qa.sections import Code, Inline, Link, Section, Table, sections, subtitle, title
from labelbook.qa.strings import Words

MAX_ROWS = 15


def _inline(items: list[Inline]) -> str:
    out = []
    for item in items:
        if isinstance(item, Link):
            out.append(item.text + (f" <{item.url}>" if item.url else ""))
        elif isinstance(item, Code):
            out.append(item.text)
        else:
            out.append(item)
    return one_line("".join(out))


def _pad(s: str, n: int, right: bool) -> str:
    gap = " " * max(0, n - cells.width(s))
    return gap + s if right else s + gap


def _table(t: Table, w: Words) -> list[str]:
    shown = t.shown(MAX_ROWS)
    grid = [[one_line(c.title) for c in t.columns]] + [[one_line(cells.text(v, c.kind, w)) for v, c in zip(row, t.columns)] for row in shown]
    keep = [i for i, c in enumerate(t.columns) if any(row[i] not in ("", "–") for row in grid[1:]) or not grid[1:]]
    widths = {i: max(cells.width(row[i]) for row in grid) for i in keep}
    lines = [f"  {one_line(t.title)}"] if t.title else []
    for n, row in enumerate(grid):
        lines.append("  " + "  ".join(_pad(row[i], widths[i], t.columns[i].kind in cells.NUMERIC) for i in keep).rstrip())
        if n == 0:
            lines.append("  " + "  ".join("-" * widths[i] for i in keep))
    if len(t.rows) > MAX_ROWS:
        lines.append("  " + one_line(w(S.MORE, count=w.n(len(t.rows) - MAX_ROWS))))
    return lines


def _section(n: int, s: Section, w: Words) -> list[str]:
    lines = ["", f"{w.n(n)}. {one_line(s.title)}"]
    for block in s.blocks:
        if isinstance(block, Table):
            if block.brief:
                lines += _table(block, w)
        else:
            lines.append(f"  {_inline(block)}")
    return lines


def render_text(r: Report) -> bytes:
    w = Words(r.lang, r.decision_titles)
    lines = [one_line(title(r, w)), one_line(subtitle(r, w))]
    for n, s in enumerate(sections(r, w), start=1):
        lines += _section(n, s, w)
    return ("\n".join(lines) + "\n").encode("utf-8")
