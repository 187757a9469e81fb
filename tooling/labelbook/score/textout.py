"""The `text` (terminal) and `md` (weekly report, pull-request comment) renderings.

Labeler ids, answers, item ids, titles and URLs come from the responses CSV and the quiz
file, which anyone may have written. In `text`, a control character (a terminal escape
sequence) becomes U+FFFD. In `md`, a text can neither become markup nor leave its place:
Markdown's signs, `<`, `>` and `|` get a backslash (no tag can form without a bare `>`,
and `\\|` stays inside its table cell), `&` is written `&amp;` so that a character
reference shows as typed, and every line break (CR too, which ends a line in CommonMark)
becomes a space, so no text starts a line, a table row or a block of raw HTML. Links keep
only http(s) and relative URLs (`safe_href`), percent-encoded so that they cannot close
the link. The same holds in GitHub's Markdown and in Python-Markdown.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote, urlsplit

from labelbook.score import fmt
from labelbook.score.report import GroupRow, ItemRow, Report

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
#: Characters that have no place in a URL; browsers drop some of them (`java\tscript:`).
_NOT_IN_URL = re.compile(r"[\s\x00-\x1f\x7f]")


def plain(s: str) -> str:
    """A name from a CSV, safe for a terminal: control characters (escape sequences) become U+FFFD."""
    return _CONTROL.sub("\ufffd", s)


def encodable(s: str) -> str:
    """`s` with lone surrogates (a quiz file's JSON may hold `\\ud800`) as U+FFFD: UTF-8 cannot write them."""
    return _LONE_SURROGATE.sub("\ufffd", s)


def safe_href(url: str | None) -> str | None:
    """`url` when it may be a link target in a report: http(s) or relative; otherwise None."""
    if not url or _NOT_IN_URL.search(url):
        return None
    return url if urlsplit(url).scheme.lower() in ("", "http", "https") else None


def _width(s: str) -> int:
    # Bengali vowel signs and viramas take no column of their own; CJK takes two.
    return sum(
        0 if unicodedata.combining(c) or unicodedata.category(c) in ("Mn", "Me", "Cf")
        else 2 if unicodedata.east_asian_width(c) in "WF" else 1
        for c in s
    )


def _table(head: list[str], rows: list[list[str]]) -> list[str]:
    rows = [[plain(c) for c in r] for r in rows]
    widths = [max([_width(h), *(_width(r[i]) for r in rows)]) for i, h in enumerate(head)]
    line = lambda cells: "  " + "  ".join(c + " " * (w - _width(c)) for c, w in zip(cells, widths)).rstrip()  # noqa: E731
    return [line(head), *(line(r) for r in rows)]


def _finding_text(i: ItemRow) -> str:
    top = f"{fmt.pct(i.top_share)} answered {i.top_answer}"
    return plain(f"{i.item.id}  key {i.item.key}; {top}  -> {i.item.rule} {i.item.rule_title} <{i.item.rule_url}>")


def render_text(r: Report) -> str:
    out = [plain(fmt.headline(r)), plain(fmt.summary(r)), "", "Agreement across labelers"]
    for key in fmt.FIGURE_ORDER:
        f = r.figures[key]
        detail = fmt.figure_detail(key, f.parts) if f.value is not None else ""
        out.append(f"  {f.name:<32} {fmt.coef(f.value):>6}  {detail}".rstrip())
        if f.note:
            out.append(f"  {'':<32} note: {f.note}")
    shares = ", ".join(f"{p.label} {fmt.pct(p.share)} (key {fmt.pct(p.key_share)})" for p in r.prevalence)
    out += [f"  label shares: {shares}", f"  {fmt.PREVALENCE_WHY}", ""]
    for title, why, rows in ((fmt.AGREE_TITLE, fmt.AGREE_WHY, r.agree_not_key), (fmt.SPLIT_TITLE, fmt.SPLIT_WHY, r.split)):
        out += [f"{title} ({len(rows)})", f"  {why}"]
        out += [f"  {_finding_text(i)}" for i in rows] or ["  none"]
        out.append("")
    out.append("Labelers (lowest accuracy first)")
    out += _table(["labeler", "answered", "skipped", "accuracy"],
                  [[l.labeler, str(l.tally.answered), str(l.skipped), fmt.acc(l.tally)] for l in r.labelers])
    for title, groups in (("Rules", r.rules), ("Areas", r.areas)):
        out += ["", title]
        out += _table(["id", "items", "accuracy", "most common wrong answer", "split", "agree, not key"],
                      [[g.id, str(g.items), fmt.acc(g.tally), fmt.wrong(g.tally.wrong), str(g.split), str(g.agree_not_key)] for g in groups])
    out += ["", "Items"]
    out += _table(["item", "rule", "key", "accuracy", "most common wrong answer", "agreement", "finding"],
                  [[i.item.id, i.item.rule, i.item.key, fmt.acc(i.tally), fmt.wrong(i.tally.wrong), fmt.coef(i.agreement), i.finding or ""]
                   for i in r.items])
    return encodable("\n".join(out) + "\n")


#: Markdown's signs (`{}` for Python-Markdown's attribute lists, which can set `onclick`); CommonMark and
#: Python-Markdown both honour their backslash escape. `( ) !` need none: they make a link or image only with `[ ]`.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#{}])")
#: Line breaks of CommonMark (CR too) and of other readers, and tabs: each becomes one space.
_TO_SPACE = re.compile("\r\n|[\t\r\n\x0b\x0c\x85\u2028\u2029]")
#: Kept as they are in a link target. Everything else is percent-encoded: space, parentheses, <, >, quotes and
#: backslash could end the target, and `&` could start a character reference that Markdown decodes in it
#: (`&#x6a;avascript:` would become `javascript:`).
_URL_SAFE = "/:?#=%@!$'*+,;~"


def md(s: str) -> str:
    """A text for Markdown that renders as itself: never markup, never a new line or table cell."""
    s = plain(_TO_SPACE.sub(" ", s)).replace("&", "&amp;")
    return _MD_SPECIAL.sub(r"\\\1", s)


def _md_url(url: str) -> str:
    return quote(url, safe=_URL_SAFE)


def _md_rule(rule: str, title: str, url: str | None) -> str:
    href = safe_href(url)
    return f"[{md(rule)}]({_md_url(href)}) {md(title)}" if href else f"{md(rule)} {md(title)}"


def _md_table(head: list[str], rows: list[list[str]]) -> list[str]:
    out = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    return out + ["| " + " | ".join(cells) + " |" for cells in rows]


def _md_findings(title: str, why: str, rows: list[ItemRow]) -> list[str]:
    out = [f"## {title} ({len(rows)})", "", f"_{why}_", ""]
    if not rows:
        return out + ["None.", ""]
    out += _md_table(
        ["item", "rule", "key", "most common answer", "accuracy"],
        [[md(i.item.id), _md_rule(i.item.rule, i.item.rule_title, i.item.rule_url), md(i.item.key),
          f"{md(i.top_answer or '')} ({fmt.pct(i.top_share)})", fmt.acc(i.tally)] for i in rows],
    )
    return out + [""]


def _md_groups(groups: list[GroupRow], rules: bool) -> list[str]:
    return _md_table(
        ["rule" if rules else "area", "items", "accuracy", "most common wrong answer", "split items", "agree, not key"],
        [[_md_rule(g.id, g.title, g.url) if rules else md(g.id), str(g.items), fmt.acc(g.tally), md(fmt.wrong(g.tally.wrong)),
          str(g.split), str(g.agree_not_key)] for g in groups],
    )


def render_md(r: Report) -> str:
    out = [f"# {md(fmt.headline(r))}", "", md(fmt.summary(r)), ""]
    if r.rules_to_clarify:
        names = ", ".join(_md_rule(g.id, g.title, g.url) + f" ({g.split}/{g.items} items split)" for g in r.rules_to_clarify)
        out += [f"**Rules to clarify:** {names}", ""]
    out += _md_findings(fmt.AGREE_TITLE, fmt.AGREE_WHY, r.agree_not_key)
    out += _md_findings(fmt.SPLIT_TITLE, fmt.SPLIT_WHY, r.split)
    out += ["## Agreement across labelers", ""]
    rows = []
    for key in fmt.FIGURE_ORDER:
        f = r.figures[key]
        rows.append([md(f.name), fmt.coef(f.value), md(f.note or fmt.figure_detail(key, f.parts))])
    out += _md_table(["figure", "value", "detail"], rows) + [""]
    out += [f"_{fmt.PREVALENCE_WHY}_", ""]
    out += _md_table(["label", "answers", "share of answers", "share of keys"],
                     [[md(p.label), str(p.answers), fmt.pct(p.share), fmt.pct(p.key_share)] for p in r.prevalence])
    out += ["", "## Labelers (lowest accuracy first)", ""]
    out += _md_table(["labeler", "answered", "skipped", "accuracy"],
                     [[md(l.labeler), str(l.tally.answered), str(l.skipped), fmt.acc(l.tally)] for l in r.labelers])
    out += ["", "## Rules", ""] + _md_groups(r.rules, True)
    out += ["", "## Areas", ""] + _md_groups(r.areas, False)
    out += ["", "## Items", ""]
    out += _md_table(
        ["item", "rule", "key", "accuracy", "most common wrong answer", "agreement", "finding"],
        [[md(i.item.id), _md_rule(i.item.rule, "", i.item.rule_url).strip(), md(i.item.key), fmt.acc(i.tally),
          md(fmt.wrong(i.tally.wrong)), fmt.coef(i.agreement), i.finding or ""] for i in r.items],
    )
    return encodable("\n".join(out) + "\n")
