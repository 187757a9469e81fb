"""Root cause of a change in accuracy: the mix/rate decomposition of SPEC section 8.4.

From the previous week (0) to the report week (1), team accuracy A = sum over rules of
s_r * a_r (s: the rule's share of the audits, a: its accuracy). Per rule r:

    mix_r  = (s1_r - s0_r) * (a0_r - A0)    the work moved toward harder or easier rules
    rate_r = s1_r * (a1_r - a0_r)           people got better or worse at the rule

A rule with no audits in week 0 contributes s1_r * (a1_r - A0) to mix, one with none in
week 1 -s0_r * (a0_r - A0); the audits without a rule are one rule of their own. Since
the shares of each week sum to 1, the terms over all rules sum to A1 - A0 exactly (up to
floating point): a drop is fully split into "what people were given" and "how they did".
"""

from __future__ import annotations

from typing import Callable

from labelbook.qa.engine import Counts
from labelbook.qa.model import Rca, RcaRow

#: Contributors named in the report.
TOP = 5


def decompose(week0: dict[str | None, Counts], week1: dict[str | None, Counts], decorate: Callable[[RcaRow], RcaRow]) -> Rca | None:
    n0 = sum(c.audits for c in week0.values())
    n1 = sum(c.audits for c in week1.values())
    if not n0 or not n1:
        return None
    big_a0 = sum(c.correct for c in week0.values()) / n0
    big_a1 = sum(c.correct for c in week1.values()) / n1
    rows = []
    for rule in set(week0) | set(week1):
        c0, c1 = week0.get(rule), week1.get(rule)
        s0 = c0.audits / n0 if c0 else 0.0
        s1 = c1.audits / n1 if c1 else 0.0
        a0 = c0.correct / c0.audits if c0 and c0.audits else None
        a1 = c1.correct / c1.audits if c1 and c1.audits else None
        if a0 is not None and a1 is not None:
            mix, rate = (s1 - s0) * (a0 - big_a0), s1 * (a1 - a0)
        elif a1 is not None:
            mix, rate = s1 * (a1 - big_a0), 0.0
        else:
            assert a0 is not None
            mix, rate = -s0 * (a0 - big_a0), 0.0
        rows.append(RcaRow(rule, "", c0.audits if c0 else 0, c1.audits if c1 else 0, s0, s1, a0, a1, mix, rate))
    rows.sort(key=lambda r: (-abs(r.total), r.rule is None, r.rule or ""))
    rows = [decorate(r) for r in rows]
    top = tuple(r for r in rows[:TOP] if r.total != 0)
    return Rca(big_a0, big_a1, sum(r.mix for r in rows), sum(r.rate for r in rows), tuple(rows), top)
