"""Agreement across labelers: Fleiss' kappa, Krippendorff's alpha, Gwet's AC1, raw agreement.

Every function takes the same input: one mapping per item (a "unit" in the
literature) from category to the number of labelers who chose it, and the
categories that were available. Who gave which answer does not matter to any of
these coefficients, only how the answers of each item are distributed.

Each returns a `Figure`: a value, or None with a note that says why the figure
cannot be given (never NaN), plus the observed and expected parts so a reader can
check the arithmetic against the paper.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping, Sequence

Units = Sequence[Mapping[str, int]]


@dataclass(frozen=True)
class Figure:
    """One agreement figure; `value` is None when it is undefined, and `note` says why."""

    name: str
    value: float | None
    note: str | None = None
    parts: dict[str, float] = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {"name": self.name, "value": self.value, "note": self.note, "parts": dict(self.parts)}


def _sizes(units: Units) -> list[int]:
    return [sum(u.values()) for u in units]


def _pair_agreement(unit: Mapping[str, int]) -> float:
    """Share of ordered pairs of different labelers on one item who gave the same answer.

    Fleiss (1971) eq. 2: P_i = sum_j n_ij (n_ij - 1) / (n_i (n_i - 1)).
    """
    n = sum(unit.values())
    return sum(c * (c - 1) for c in unit.values()) / (n * (n - 1))


def item_agreement(unit: Mapping[str, int]) -> float | None:
    """P_i of one item, or None when fewer than two labelers answered it."""
    return _pair_agreement(unit) if sum(unit.values()) >= 2 else None


def raw_agreement(units: Units) -> Figure:
    """Observed agreement: the mean of P_i over the items with at least two answers.

    This is Fleiss' P-bar when every item has the same number of answers, and
    Gwet's (2008) p_a in general (items with a single answer carry no pair).
    """
    pairable = [u for u in units if sum(u.values()) >= 2]
    if not pairable:
        return Figure("raw agreement", None, _NO_PAIRS)
    value = sum(_pair_agreement(u) for u in pairable) / len(pairable)
    return Figure("raw agreement", value, None, {"items": len(pairable)})


_NO_PAIRS = "no item was answered by two or more labelers, so there is no pair of answers to compare"


def fleiss_kappa(units: Units, categories: Sequence[str]) -> Figure:
    """Fleiss' kappa (Fleiss 1971, "Measuring nominal scale agreement among many raters").

    kappa = (P-bar - P-bar_e) / (1 - P-bar_e), with p_j = sum_i n_ij / (N n) and
    P-bar_e = sum_j p_j^2. Defined only for a constant number n of answers per item.
    """
    name = "Fleiss' kappa"
    sizes = _sizes(units)
    if not units:
        return Figure(name, None, "no item has any answer")
    if len(set(sizes)) > 1:
        return Figure(
            name,
            None,
            f"not given: Fleiss' kappa needs the same number of answers on every item, and these items have "
            f"between {min(sizes)} and {max(sizes)}; Krippendorff's alpha and Gwet's AC1 allow missing answers",
        )
    n, count = sizes[0], len(units)
    if n < 2:
        return Figure(name, None, "not given: every item has a single answer (one labeler only); agreement needs two")
    p_bar = sum(_pair_agreement(u) for u in units) / count
    total = count * n
    p_j = [sum(u.get(c, 0) for u in units) / total for c in categories]
    p_e = sum(p * p for p in p_j)
    parts = {"observed": p_bar, "expected": p_e, "items": count, "answers_per_item": n}
    if p_e >= 1.0:
        only = next(c for c, p in zip(categories, p_j) if p > 0)
        return Figure(
            name,
            None,
            f"undefined: every answer is '{only}', so chance agreement is 1 and kappa is 0/0 (raw agreement is 100%)",
            parts,
        )
    note = "computed from a single item: a chance-corrected figure means little here" if count == 1 else None
    return Figure(name, (p_bar - p_e) / (1 - p_e), note, parts)


def krippendorff_alpha_nominal(units: Units) -> Figure:
    """Krippendorff's alpha for nominal data, missing answers allowed.

    Krippendorff (2011), "Computing Krippendorff's alpha-reliability", section C:
    coincidences o_ck = sum_u n_uc (n_uk - [c = k]) / (m_u - 1) over pairable units
    (m_u >= 2), n_c = sum_k o_ck, n = sum_c n_c, and for the nominal metric
    alpha = 1 - (n - 1) * sum_{c != k} o_ck / sum_{c != k} n_c n_k.
    """
    name = "Krippendorff's alpha (nominal)"
    pairable = [u for u in units if sum(u.values()) >= 2]
    if not pairable:
        return Figure(name, None, _NO_PAIRS)
    # Only the diagonal and the margins are needed for the nominal metric:
    # sum_{c!=k} o_ck = n - sum_c o_cc, and sum_{c!=k} n_c n_k = n^2 - sum_c n_c^2.
    n_c: dict[str, float] = {}
    diagonal = 0.0
    for u in pairable:
        m = sum(u.values())
        for c, count in u.items():
            n_c[c] = n_c.get(c, 0.0) + count  # each value of the unit is paired m - 1 times, / (m - 1)
            diagonal += count * (count - 1) / (m - 1)
    n = sum(n_c.values())
    observed = (n - diagonal) / n
    expected = (n * n - sum(v * v for v in n_c.values())) / (n * (n - 1))
    parts = {"observed_disagreement": observed, "expected_disagreement": expected, "items": len(pairable), "values": n}
    if expected <= 0.0:
        only = next(c for c, v in n_c.items() if v > 0)
        return Figure(
            name,
            None,
            f"undefined: every pairable answer is '{only}', so there is no variation to be reliable about "
            "(alpha is 0/0; raw agreement is 100%)",
            parts,
        )
    note = "computed from a single item: a chance-corrected figure means little here" if len(pairable) == 1 else None
    return Figure(name, 1.0 - observed / expected, note, parts)


def gwet_ac1(units: Units, categories: Sequence[str]) -> Figure:
    """Gwet's AC1 for many labelers, missing answers allowed.

    Gwet (2008), "Computing inter-rater reliability and its variance in the presence of
    high agreement", Br J Math Stat Psychol 61:29-48, as implemented in Gwet's irrCAC
    (`gwet.ac1.raw`): p_a is the mean P_i over items with >= 2 answers;
    pi_k = mean over answered items of r_ik / r_i;
    p_e = sum_k pi_k (1 - pi_k) / (q - 1), q = the number of categories available
    (not only those used: Gwet advises the full list); AC1 = (p_a - p_e) / (1 - p_e).
    """
    name = "Gwet's AC1"
    q = len(categories)
    if q < 2:
        return Figure(name, None, "not given: AC1 needs at least two answer options")
    answered = [u for u in units if sum(u.values()) >= 1]
    pairable = [u for u in answered if sum(u.values()) >= 2]
    if not pairable:
        return Figure(name, None, _NO_PAIRS)
    p_a = sum(_pair_agreement(u) for u in pairable) / len(pairable)
    pi = [sum(u.get(c, 0) / sum(u.values()) for u in answered) / len(answered) for c in categories]
    # p_e <= 1/q < 1 for q >= 2, so the denominator never vanishes: AC1 is always defined
    # once there is a pair, which is why it is the figure to read when one label dominates.
    p_e = sum(p * (1 - p) for p in pi) / (q - 1)
    parts = {"observed": p_a, "expected": p_e, "items": len(pairable), "categories": q}
    note = "computed from a single item: a chance-corrected figure means little here" if len(pairable) == 1 else None
    return Figure(name, (p_a - p_e) / (1 - p_e), note, parts)


@dataclass(frozen=True)
class Prevalence:
    """How often a label was given, and how often it is the key: a dominant label deflates kappa."""

    label: str
    answers: int
    share: float | None
    key_items: int
    key_share: float | None

    def as_dict(self) -> dict:
        return {
            "label": self.label,
            "answers": self.answers,
            "share": self.share,
            "key_items": self.key_items,
            "key_share": self.key_share,
        }


def prevalence(units: Units, categories: Sequence[str], keys: Sequence[str] = ()) -> list[Prevalence]:
    total = sum(_sizes(units))
    out = []
    for c in categories:
        given = sum(u.get(c, 0) for u in units)
        keyed = sum(1 for k in keys if k == c)
        out.append(
            Prevalence(c, given, given / total if total else None, keyed, keyed / len(keys) if keys else None)
        )
    return out
