"""The `html` rendering: one self-contained page with its charts, that works offline.

No script, web font from another host, stylesheet or image file: the charts are inline
SVG, and the Bengali report carries labelbook's own Bengali font inline. A Content
Security Policy forbids every script and every request, so even a string that slipped
through escaping could do nothing. Every text from the audit files or the repository is
escaped with labelbook's one HTML escape (`core.html.escape`, quotes included); links are
kept only when they are http(s) and `core.html.safe_url` passes them.
"""

from __future__ import annotations

import base64
from functools import lru_cache
from importlib import resources
from urllib.parse import urlsplit

from labelbook.core.html import escape, safe_url
from labelbook.qa import cells, svg
from labelbook.qa import strings as S
from labelbook.qa.model import Report
from labelbook.qa.sections import Code, Inline, Link, Section, Table, sections, subtitle, title
from labelbook.qa.strings import Words

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:"
_FONTS = (("400", "noto-sans-bengali-bengali-400-normal.woff2"), ("700", "noto-sans-bengali-bengali-700-normal.woff2"))
_CSS = """
body{font-family:system-ui,"Noto Sans Bengali","Noto Sans",sans-serif;margin:2rem auto;max-width:76rem;padding:0 1rem;color:#1b1b1b;line-height:1.5}
:lang(bn) body,body:lang(bn){font-family:"Noto Sans Bengali",system-ui,sans-serif;line-height:1.7;font-size:1.05rem}
h1{font-size:1.5rem;margin-bottom:.2rem}h2{font-size:1.2rem;margin-top:2.2rem;border-bottom:1px solid #ddd}
nav a{margin-right:1rem}p.sub{color:#555;margin-top:0}
table{border-collapse:collapse;margin:.6rem 0;font-size:.9rem}caption{text-align:left;font-weight:600;padding:.3rem 0}
th,td{border:1px solid #ddd;padding:.25rem .5rem;text-align:left;vertical-align:top}
th{background:#f4f4f4}td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
code{background:#f4f4f4;padding:.1rem .3rem;border-radius:3px;font-size:.85rem;word-break:break-all}
details{margin:.6rem 0}summary{cursor:pointer;color:#0b5cad}
svg.chart{display:block;max-width:100%;height:auto;margin:.8rem 0}svg text{font-size:12px;fill:#1b1b1b;font-family:inherit}
p.verdict{border-left:4px solid #0072b2;padding-left:.6rem}
"""
#: The chart drawn before the table of each key.
_CHARTS = ("weeks", "pchart", "rca_top", "confusion")


@lru_cache(maxsize=1)
def _font_face() -> str:
    fonts = resources.files("labelbook") / "assets" / "fonts"
    faces = []
    for weight, name in _FONTS:
        path = fonts / name
        if path.is_file():
            data = base64.b64encode(path.read_bytes()).decode("ascii")
            faces.append(f'@font-face{{font-family:"Noto Sans Bengali";font-weight:{weight};src:url(data:font/woff2;base64,{data}) format("woff2")}}')
    return "".join(faces)


def _href(url: str | None) -> str | None:
    """Only absolute http(s) links: a report is opened from a file, where nothing else makes sense."""
    return safe_url(url) if url and urlsplit(url).scheme in ("http", "https") else None


def _link(item: Link) -> str:
    href = _href(item.url)
    return f'<a href="{escape(href, quote=True)}">{escape(item.text)}</a>' if href else escape(item.text)


def _inline(items: list[Inline]) -> str:
    return "".join(_link(i) if isinstance(i, Link) else f"<code>{escape(i.text)}</code>" if isinstance(i, Code) else escape(i) for i in items)


def _cell(value: object, kind: str, w: Words) -> str:
    if isinstance(value, Link):
        return f"<td>{_link(value)}</td>"
    if kind == "code":
        return f"<td><code>{escape(str(value))}</code></td>" if value else "<td></td>"
    text = escape(cells.text(value, kind, w))
    return f'<td class="n">{text}</td>' if kind in cells.NUMERIC else f"<td>{text}</td>"


def _table(t: Table, w: Words) -> str:
    head = "".join(f"<th>{escape(c.title)}</th>" for c in t.columns)
    body = "".join("<tr>" + "".join(_cell(v, c.kind, w) for v, c in zip(row, t.columns)) + "</tr>" for row in t.rows)
    caption = f"<caption>{escape(t.title)}</caption>" if t.title and t.brief else ""
    table = f'<table id="t-{escape(t.key, quote=True)}">{caption}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'
    if t.brief:
        return table
    label = t.title or w(S.ALL)
    return f"<details><summary>{escape(label)} ({escape(w.n(len(t.rows)))})</summary>{table}</details>"


def _chart(key: str, r: Report, w: Words) -> str:
    if key == "weeks":
        series = [(w(S.ALL), r.weeks)] + [(r.area_titles.get(a) or a, ps) for a, ps in r.area_weeks.items()]
        return svg.trend(w(S.TREND_ALL), series, [(x.tag, x.date) for x in r.releases], w.text, w.pct)
    if key == "pchart" and r.pchart is not None:
        return svg.pchart(w(S.PCHART), r.pchart, w.day, w.pct)
    if key == "rca_top" and r.rca is not None:
        rows = r.rca.rows[:12]
        names = [x.rule or w(S.NO_RULE) for x in rows]
        return svg.mix_rate(w(S.RCA_TOP), r.rca, names, (w(S.COLUMNS["mix"]), w(S.COLUMNS["rate"])), lambda v: w.points(v, 2))
    if key == "confusion":
        return svg.heatmap(w(S.CONFUSION), r.decisions, r.confusion, (w(S.COLUMNS["labeler_decision"]), w(S.COLUMNS["qa_decision"])), w.n, w.decision)
    return ""


def _section(n: int, s: Section, r: Report, w: Words) -> str:
    out = [f'<section id="{escape(s.key, quote=True)}"><h2>{escape(w.n(n))}. {escape(s.title)}</h2>']
    for block in s.blocks:
        if isinstance(block, Table):
            if block.key in _CHARTS:
                out.append(_chart(block.key, r, w))
            out.append(_table(block, w))
        else:
            cls = ' class="verdict"' if s.key == "verdicts" and block and isinstance(block[0], Link) else ""
            out.append(f"<p{cls}>{_inline(block)}</p>")
    out.append("</section>")
    return "\n".join(out)


def render_html(r: Report) -> bytes:
    w = Words(r.lang, r.decision_titles)
    parts = sections(r, w)
    nav = "".join(f'<a href="#{escape(s.key, quote=True)}">{escape(s.title)}</a>' for s in parts)
    font = _font_face() if r.lang == "bn" else ""
    page = (
        f'<!DOCTYPE html>\n<html lang="{escape(r.lang, quote=True)}"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title(r, w))}</title><style>{font}{_CSS}</style></head>\n<body>\n"
        f"<h1>{escape(title(r, w))}</h1><p class=\"sub\">{escape(subtitle(r, w))}</p><nav>{nav}</nav>\n"
        + "\n".join(_section(n, s, r, w) for n, s in enumerate(parts, start=1))
        + "\n</body></html>\n"
    )
    return page.encode("utf-8")
