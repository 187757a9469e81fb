"""Abnormal data: the segments whose error rate this week is significantly above their own baseline.

Every labeler, rule, area and value of another column with at least `--min-audits`
audits in the week and some in its baseline is tested (Fisher's exact test, one-sided);
the q-values are Benjamini-Hochberg over all of them together, and a segment is flagged
at q <= 5%. So among the flags, at most one in twenty is expected to be chance, however
many labelers the vendor has. A segment with fewer audits is listed as "not enough
data" and never flagged: with 10 audits, 3 errors are as likely chance as a problem.
"""

from __future__ import annotations

from typing import Callable

import numpy as np

from labelbook.qa import stats
from labelbook.qa.engine import Counts
from labelbook.qa.model import Abnormal, Segment


def abnormal(rows: list[tuple[str, str, Counts, Counts]], min_audits: int, decorate: Callable[[Segment], Segment], fdr: float = stats.FDR) -> Abnormal:
    """`rows`: (dimension, value, week counts, baseline counts); `decorate` adds a rule's or
    area's title, link and release changes."""
    tested: list[Segment] = []
    not_enough: list[Segment] = []
    no_baseline: list[Segment] = []
    for dim, value, now, before in rows:
        seg = Segment(dim, value, now.audits, now.errors, before.audits, before.errors)
        if now.audits < min_audits:
            not_enough.append(seg)
        elif before.audits == 0:
            no_baseline.append(seg)
        else:
            tested.append(seg)
    if tested:
        p = stats.excess_p(np.array([s.errors for s in tested]), np.array([s.audits for s in tested]),
                           np.array([s.baseline_errors for s in tested]), np.array([s.baseline_audits for s in tested]))
        q = stats.bh(p)
        tested = [Segment(s.dimension, s.value, s.audits, s.errors, s.baseline_audits, s.baseline_errors,
                          float(pi), float(qi), bool(qi <= fdr)) for s, pi, qi in zip(tested, p, q)]
    tested = sorted((decorate(s) if s.flagged else s for s in tested), key=lambda s: (s.q_value, -(s.rate or 0), s.dimension, s.value))
    return Abnormal(tuple(tested), tuple(not_enough), tuple(decorate(s) for s in no_baseline))
