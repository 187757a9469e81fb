"""Cross-checks against independent implementations, on random rounds, through `labelbook score`.

* Krippendorff's alpha against the `krippendorff` package (PyPI, Castro's implementation).
* Fleiss' kappa against a straightforward re-implementation of Fleiss (1971) eqs. written here.
* Gwet's AC1 against a re-implementation of Gwet (2008) eqs. written here from the raw matrix.
"""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path

import krippendorff
import numpy as np
import pytest

from .helpers import DECISIONS, item, quiz, score, write_csv, write_quiz

Matrix = list[list[int | None]]  # labelers x items, category index or None


def _random_round(seed: int, labelers: int, items: int, missing: float) -> Matrix:
    """Answers lean towards a per-item favourite, so agreement is neither 0 nor 1."""
    rng = random.Random(seed)
    favourite = [rng.randrange(len(DECISIONS)) for _ in range(items)]
    m: Matrix = []
    for _ in range(labelers):
        row: list[int | None] = []
        for i in range(items):
            if rng.random() < missing:
                row.append(None)
            elif rng.random() < 0.6:
                row.append(favourite[i])
            else:
                row.append(rng.randrange(len(DECISIONS)))
        m.append(row)
    return m


def _run(tmp_path: Path, capsys: pytest.CaptureFixture[str], m: Matrix) -> dict:
    ids = [f"RD-{k:03d}-E01" for k in range(1, len(m[0]) + 1)]
    write_quiz(tmp_path / "quiz.json", quiz([item(i, "remove") for i in ids]))
    rows = [(f"labeler-{r}", ids[i], DECISIONS[v]) for r, row in enumerate(m) for i, v in enumerate(row) if v is not None]
    write_csv(tmp_path / "responses.csv", rows)
    result = score(capsys, tmp_path / "quiz.json", tmp_path / "responses.csv", "--format", "json")
    assert result.code == 0, result.err
    return result.json()["agreement"]


def fleiss_reference(m: Matrix, q: int) -> float:
    """Fleiss (1971) from the raw matrix, every item answered by every labeler."""
    n_raters, n_items = len(m), len(m[0])
    n_ij = [[sum(1 for r in range(n_raters) if m[r][i] == j) for j in range(q)] for i in range(n_items)]
    p_j = [sum(n_ij[i][j] for i in range(n_items)) / (n_items * n_raters) for j in range(q)]
    P_i = [(sum(x * x for x in n_ij[i]) - n_raters) / (n_raters * (n_raters - 1)) for i in range(n_items)]
    P_bar = sum(P_i) / n_items
    P_e = sum(p * p for p in p_j)
    return (P_bar - P_e) / (1 - P_e)


def ac1_reference(m: Matrix, q: int) -> float:
    """Gwet (2008) section 5, multiple raters, from the raw matrix with missing ratings."""
    columns = [[row[i] for row in m if row[i] is not None] for i in range(len(m[0]))]
    rated = [c for c in columns if c]
    pairable = [c for c in rated if len(c) >= 2]
    pa = 0.0
    for c in pairable:
        counts = Counter(c)
        pa += sum(r * (r - 1) for r in counts.values()) / (len(c) * (len(c) - 1))
    pa /= len(pairable)
    pi = [sum(c.count(k) / len(c) for c in rated) / len(rated) for k in range(q)]
    pe = sum(p * (1 - p) for p in pi) / (q - 1)
    return (pa - pe) / (1 - pe)


@pytest.mark.parametrize("seed", range(6))
def test_fleiss_matches_reimplementation_on_random_rounds(tmp_path: Path, capsys: pytest.CaptureFixture[str], seed: int) -> None:
    rng = random.Random(1000 + seed)
    m = _random_round(seed, labelers=rng.randint(2, 12), items=rng.randint(3, 30), missing=0.0)
    got = _run(tmp_path, capsys, m)["fleiss_kappa"]["value"]
    assert got == pytest.approx(fleiss_reference(m, len(DECISIONS)), abs=1e-12)


@pytest.mark.parametrize("seed", range(6))
def test_alpha_matches_krippendorff_package_with_missing_answers(tmp_path: Path, capsys: pytest.CaptureFixture[str], seed: int) -> None:
    rng = random.Random(2000 + seed)
    m = _random_round(100 + seed, labelers=rng.randint(3, 10), items=rng.randint(5, 25), missing=0.25)
    got = _run(tmp_path, capsys, m)["krippendorff_alpha"]["value"]
    data = np.array([[np.nan if v is None else float(v) for v in row] for row in m])
    expected = krippendorff.alpha(reliability_data=data, level_of_measurement="nominal")
    assert got == pytest.approx(expected, abs=1e-9)


@pytest.mark.parametrize("seed", range(6))
def test_ac1_matches_reimplementation_with_missing_answers(tmp_path: Path, capsys: pytest.CaptureFixture[str], seed: int) -> None:
    rng = random.Random(3000 + seed)
    m = _random_round(200 + seed, labelers=rng.randint(2, 10), items=rng.randint(5, 25), missing=0.2)
    got = _run(tmp_path, capsys, m)["gwet_ac1"]["value"]
    assert got == pytest.approx(ac1_reference(m, len(DECISIONS)), abs=1e-12)
