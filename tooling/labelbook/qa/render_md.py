"""The `md` rendering: the report as Markdown, for the weekly meeting's notes.

Text from the audits or the repository is escaped for Markdown: a labeler id written as
`[click](javascript:...)` or `<script>` is shown as those characters, never as a link or
HTML, and a `|` cannot break a table. Code spans are fenced with more backticks than the
code holds.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from labelbook.qa import cells
from labelbook.qa import strings as S
from labelbook.qa.model import Report
from labelbook.qa.problems import one_line
from labelbook.qa.sections import Code, Inline, Link, Section, Table, sections, subtitle, title
from labelbook.qa.strings import Words

MAX_ROWS = 30
#: Characters that make Markdown anywhere in a line (emphasis, links, HTML, code, tables).
_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
#: What makes a heading, list or quote at the start of a line.
_LEADING = re.compile(r"^(\s*)([#>+\-=]|\d+[.)])")


def md(text: str) -> str:
    """`text` shown literally inside a line of Markdown (a table cell, a link text)."""
    return _SPECIAL.sub(r"\\\1", one_line(text).replace("&", "&amp;"))


def block(line: str) -> str:
    """A paragraph that cannot turn into a heading, a list or a quote by how it starts."""
    return _LEADING.sub(lambda m: m[1] + (m[2][:-1] + "\\" + m[2][-1] if m[2][0].isdigit() else "\\" + m[2]), line)


def code(text: str) -> str:
    longest = max((len(m) for m in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{one_line(text)}{pad}{fence}"


def link(item: Link) -> str:
    if not item.url:
        return md(item.text)
    return f"[{md(item.text)}]({quote(item.url, safe=':/?#@!$&*+,;=%-._~')})"


def _inline(items: list[Inline]) -> str:
    return "".join(link(i) if isinstance(i, Link) else code(i.text) if isinstance(i, Code) else md(i) for i in items)


def _cell(value: object, kind: str, w: Words) -> str:
    if isinstance(value, Link):
        return link(value)
    if kind == "code" or isinstance(value, Code):
        text = value.text if isinstance(value, Code) else str(value or "")
        return code(text).replace("|", "\\|") if text else ""
    return md(cells.text(value, kind, w))


def _table(t: Table, w: Words) -> list[str]:
    lines = [f"**{md(t.title)}**", ""] if t.title else []
    lines.append("| " + " | ".join(md(c.title) or " " for c in t.columns) + " |")
    lines.append("|" + "|".join("---:" if c.kind in cells.NUMERIC else "---" for c in t.columns) + "|")
    for row in t.shown(MAX_ROWS):
        lines.append("| " + " | ".join(_cell(v, c.kind, w) for v, c in zip(row, t.columns)) + " |")
    if len(t.rows) > MAX_ROWS:
        lines += ["", block(md(w(S.MORE, count=w.n(len(t.rows) - MAX_ROWS))))]
    return lines + [""]


def _section(n: int, s: Section, w: Words) -> list[str]:
    lines = [f"## {w.n(n)}. {md(s.title)}", ""]
    for part in s.blocks:
        if isinstance(part, Table):
            if part.brief:
                lines += _table(part, w)
        else:
            lines += [block(_inline(part)), ""]
    return lines


def render_md(r: Report) -> bytes:
    w = Words(r.lang, r.decision_titles)
    lines = [f"# {md(title(r, w))}", "", block(md(subtitle(r, w))), ""]
    for n, s in enumerate(sections(r, w), start=1):
        lines += _section(n, s, w)
    return ("\n".join(lines).rstrip() + "\n").encode("utf-8")
