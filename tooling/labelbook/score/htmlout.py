"""The `html` rendering: one self-contained page with inline SVG bar charts.

Trainers mail it around or open it on a closed network, so the page makes no
request at all: no script, no web font, no external stylesheet or image. Every
string from the quiz or the responses (labeler ids, item ids, answers, titles) goes
through `core.html.escape`, quotes included, in text and attributes alike; links to rules
are kept only when they are relative or http(s) (`textout.safe_href`), so a quiz
cannot smuggle in a `javascript:` URL. A Content-Security-Policy allows no script,
no request and only the page's own stylesheet: should an escaping bug ever let markup
through, the browser still runs nothing and fetches nothing.
"""

from __future__ import annotations

import base64
import hashlib
from labelbook.core.html import escape

from labelbook.score import fmt
from labelbook.score.report import GroupRow, ItemRow, Report
from labelbook.score.textout import encodable, safe_href

_CSS = """
body{font-family:system-ui,"Noto Sans Bengali","Noto Sans",sans-serif;margin:2rem auto;max-width:70rem;padding:0 1rem;color:#1b1b1b}
h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #ddd}
table{border-collapse:collapse;margin:.5rem 0;font-size:.9rem}
th,td{border:1px solid #ddd;padding:.25rem .5rem;text-align:left;vertical-align:top}
th{background:#f4f4f4}td.n{text-align:right;font-variant-numeric:tabular-nums}
.why{color:#555;font-style:italic}.none{color:#555}
.find-split{background:#fff4d6}.find-agree-not-key{background:#fde2e2}
svg text{font-size:12px;fill:#1b1b1b}
"""

_BAR, _GAP, _LABEL_W, _PLOT_W = 16, 6, 170, 420

#: Nothing but the page's own <style> (by its hash): no script, no connection, no image, form or frame.
_CSP = (
    "default-src 'none'; "
    f"style-src 'sha256-{base64.b64encode(hashlib.sha256(_CSS.encode()).digest()).decode()}'; "
    "base-uri 'none'; form-action 'none'"
)


def _rule_link(rule: str, title: str, url: str | None) -> str:
    href = safe_href(url)
    label = escape(rule) + (f" {escape(title)}" if title else "")
    return f'<a href="{escape(href, quote=True)}">{label}</a>' if href else label


def _color(x: float | None) -> str:
    # Bands also shown as text: colour is never the only signal.
    if x is None:
        return "#bbbbbb"
    return "#c0392b" if x < 0.6 else "#d68910" if x < 0.8 else "#1e8449"


def _short(s: str, n: int = 24) -> str:
    return s if len(s) <= n else s[: n - 1] + "…"


def bar_chart(title: str, rows: list[tuple[str, float | None, str]]) -> str:
    """A horizontal bar chart of ratios 0..1: (label, value, caption) per bar, as inline SVG."""
    height = 24 + len(rows) * (_BAR + _GAP)
    width = _LABEL_W + _PLOT_W + 110
    parts = [
        f'<svg role="img" aria-label="{escape(title, quote=True)}" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}">',
        f"<title>{escape(title)}</title>",
    ]
    for tick in (0, 0.25, 0.5, 0.75, 1):
        x = _LABEL_W + tick * _PLOT_W
        parts.append(f'<line x1="{x:.1f}" y1="14" x2="{x:.1f}" y2="{height}" stroke="#e5e5e5"/>')
        parts.append(f'<text x="{x:.1f}" y="11" text-anchor="middle">{tick:.0%}</text>')
    for n, (label, value, caption) in enumerate(rows):
        y = 20 + n * (_BAR + _GAP)
        w = (value or 0) * _PLOT_W
        parts.append(
            f'<g><title>{escape(label)}: {escape(caption)}</title>'
            f'<text x="{_LABEL_W - 6}" y="{y + _BAR - 4}" text-anchor="end">{escape(_short(label))}</text>'
            f'<rect x="{_LABEL_W}" y="{y}" width="{w:.1f}" height="{_BAR}" fill="{_color(value)}"/>'
            f'<text x="{_LABEL_W + w + 4:.1f}" y="{y + _BAR - 4}">{escape(caption)}</text></g>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _table(head: list[str], rows: list[list[str]], classes: list[str] | None = None) -> str:
    """Cells are HTML already (escaped by the caller); numeric cells start with a digit or 'n/a'."""
    th = "".join(f"<th>{escape(h)}</th>" for h in head)
    body = []
    for n, cells in enumerate(rows):
        cls = f' class="{classes[n]}"' if classes and classes[n] else ""
        tds = "".join(
            f'<td class="n">{c}</td>' if c[:1].isdigit() or c.startswith("n/a") else f"<td>{c}</td>" for c in cells
        )
        body.append(f"<tr{cls}>{tds}</tr>")
    return f"<table><thead><tr>{th}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _findings(title: str, why: str, rows: list[ItemRow]) -> str:
    out = f"<h2>{escape(title)} ({len(rows)})</h2><p class=\"why\">{escape(why)}</p>"
    if not rows:
        return out + '<p class="none">None.</p>'
    return out + _table(
        ["item", "rule", "key", "most common answer", "accuracy"],
        [[escape(i.item.id), _rule_link(i.item.rule, i.item.rule_title, i.item.rule_url), escape(i.item.key),
          f"{escape(i.top_answer or '')} ({fmt.pct(i.top_share)})", escape(fmt.acc(i.tally))] for i in rows],
    )


def _groups(groups: list[GroupRow], rules: bool) -> str:
    return _table(
        ["rule" if rules else "area", "items", "accuracy", "most common wrong answer", "split items", "agree, not key"],
        [[_rule_link(g.id, g.title, g.url) if rules else escape(g.id), str(g.items), escape(fmt.acc(g.tally)),
          escape(fmt.wrong(g.tally.wrong)), str(g.split), str(g.agree_not_key)] for g in groups],
    )


def render_html(r: Report) -> str:
    body = [f"<h1>{escape(fmt.headline(r))}</h1>", f"<p>{escape(fmt.summary(r))}</p>"]
    if r.rules_to_clarify:
        names = ", ".join(f"{_rule_link(g.id, g.title, g.url)} ({g.split}/{g.items} items split)" for g in r.rules_to_clarify)
        body.append(f"<p><strong>Rules to clarify:</strong> {names}</p>")
    body.append(_findings(fmt.AGREE_TITLE, fmt.AGREE_WHY, r.agree_not_key))
    body.append(_findings(fmt.SPLIT_TITLE, fmt.SPLIT_WHY, r.split))
    body.append("<h2>Agreement across labelers</h2>")
    body.append(_table(
        ["figure", "value", "detail"],
        [[escape(f.name), fmt.coef(f.value), escape(f.note or fmt.figure_detail(k, f.parts))]
         for k, f in ((k, r.figures[k]) for k in fmt.FIGURE_ORDER)],
    ))
    body.append(f'<p class="why">{escape(fmt.PREVALENCE_WHY)}</p>')
    body.append(_table(["label", "answers", "share of answers", "share of keys"],
                       [[escape(p.label), str(p.answers), fmt.pct(p.share), fmt.pct(p.key_share)] for p in r.prevalence]))
    body.append("<h2>Accuracy per labeler (lowest first)</h2>")
    body.append(bar_chart("Accuracy per labeler", [(l.labeler, l.tally.accuracy, fmt.acc(l.tally)) for l in r.labelers]))
    body.append(_table(["labeler", "answered", "skipped", "accuracy"],
                       [[escape(l.labeler), str(l.tally.answered), str(l.skipped), escape(fmt.acc(l.tally))] for l in r.labelers]))
    body.append("<h2>Accuracy per rule</h2>")
    body.append(bar_chart("Accuracy per rule", [(g.id, g.tally.accuracy, fmt.acc(g.tally)) for g in r.rules]))
    body.append(_groups(r.rules, True))
    body.append("<h2>Accuracy per area</h2>")
    body.append(_groups(r.areas, False))
    body.append("<h2>Items</h2>")
    body.append(_table(
        ["item", "rule", "key", "accuracy", "most common wrong answer", "agreement", "finding"],
        [[escape(i.item.id), _rule_link(i.item.rule, "", i.item.rule_url), escape(i.item.key), escape(fmt.acc(i.tally)),
          escape(fmt.wrong(i.tally.wrong)), fmt.coef(i.agreement), escape(i.finding or "")] for i in r.items],
        [f"find-{i.finding}" if i.finding else "" for i in r.items],
    ))
    # The page's own words are English; quiz titles keep their language inside it.
    return encodable(
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(fmt.headline(r))}</title><style>{_CSS}</style></head>\n<body>\n"
        + "\n".join(body)
        + "\n</body></html>\n"
    )
