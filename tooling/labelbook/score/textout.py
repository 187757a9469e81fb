"""The `text` (terminal) and `md` (weekly report, pull-request comment) renderings."""

from __future__ import annotations

import re
import unicodedata

from labelbook.score import fmt
from labelbook.score.report import GroupRow, ItemRow, Report


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def plain(s: str) -> str:
    """A name from a CSV, safe for a terminal: control characters (escape sequences) become U+FFFD."""
    return _CONTROL.sub("\ufffd", s)


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
    return "\n".join(out) + "\n"


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def md(s: str) -> str:
    """Escape Markdown so a labeler name or a rule title is shown as text, never as markup."""
    return _MD_SPECIAL.sub(r"\\\1", s).replace("\n", " ")


def _md_url(url: str) -> str:
    return url.replace(" ", "%20").replace("(", "%28").replace(")", "%29").replace("<", "%3C").replace(">", "%3E")


def _md_rule(rule: str, title: str, url: str | None) -> str:
    return f"[{md(rule)}]({_md_url(url)}) {md(title)}" if url else f"{md(rule)} {md(title)}"


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
    return "\n".join(out) + "\n"
