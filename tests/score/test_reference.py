"""Published reference values, reproduced to 3 decimals through the real `labelbook score`.

Each data set is written as a quiz JSON + RESPONSES.csv into tmp_path; categories
1..5 of the papers map to the five decision ids of the quiz.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .helpers import DECISIONS, counts_to_rows, item, matrix_to_rows, quiz, score, write_csv, write_quiz

# Fleiss (1971) worked example as tabulated in Wikipedia's "Fleiss' kappa" article
# (section "Worked example"): 10 subjects x 14 raters x 5 categories, n_ij counts.
# Published: P-bar = 0.378, P-bar_e = 0.213, kappa = 0.210. The same table is the
# reference of statsmodels' test_inter_rater.py (kappa_wp = 0.21).
FLEISS_WIKIPEDIA = [
    [0, 0, 0, 0, 14],
    [0, 2, 6, 4, 2],
    [0, 0, 3, 5, 6],
    [0, 3, 9, 2, 0],
    [2, 2, 8, 1, 1],
    [7, 7, 0, 0, 0],
    [3, 2, 6, 3, 0],
    [2, 5, 3, 2, 2],
    [6, 5, 2, 1, 0],
    [0, 2, 2, 3, 7],
]

# Krippendorff (2011) "Computing Krippendorff's alpha-reliability", the reliability-data
# example with missing values (also Wikipedia's "Krippendorff's alpha"): 4 coders x 12
# units, values 1..5, None = missing. Rows are units; this is the layout of Gwet's
# irrCAC data set `cac.raw4raters` (github.com/kgwet/irrCAC README), which holds the same
# units. Published: alpha_nominal = 0.743 (Krippendorff); irrCAC: krippen.alpha.raw
# 0.74342, gwet.ac1.raw AC1 = 0.77544 with pa = 0.8181818, pe = 0.1903212.
KRIPPENDORFF_2011 = [
    [1, 1, None, 1],
    [2, 2, 3, 2],
    [3, 3, 3, 3],
    [3, 3, 3, 3],
    [2, 2, 2, 2],
    [1, 2, 3, 4],
    [4, 4, 4, 4],
    [1, 1, 2, 1],
    [2, 2, 2, 2],
    [None, 5, 5, 5],
    [None, None, 1, 1],
    [None, None, 3, None],
]

# Gwet's irrCAC data set `distrib.6raters` (github.com/kgwet/irrCAC README): 15 psychiatric
# patients x 6 raters x 5 diagnoses (Fleiss 1971's data), counts per category.
# Published by irrCAC: gwet.ac1.dist AC1 = 0.4448007 (pa = 0.5511111, pe = 0.1914815),
# fleiss.kappa.dist 0.4139265, krippen.alpha.dist 0.4204384.
DISTRIB_6RATERS = [
    [0, 0, 0, 6, 0],
    [0, 3, 0, 0, 3],
    [0, 1, 4, 0, 1],
    [0, 0, 0, 0, 6],
    [0, 3, 0, 3, 0],
    [2, 0, 4, 0, 0],
    [0, 0, 4, 0, 2],
    [2, 0, 3, 1, 0],
    [2, 0, 0, 4, 0],
    [0, 0, 0, 0, 6],
    [1, 0, 0, 5, 0],
    [1, 1, 0, 4, 0],
    [0, 3, 3, 0, 0],
    [1, 0, 0, 5, 0],
    [0, 2, 0, 3, 1],
]


def _ids(prefix: str, n: int) -> list[str]:
    return [f"{prefix}-{k:03d}-E01" for k in range(1, n + 1)]


def _files(tmp_path: Path, rows, ids: list[str]) -> tuple[Path, Path]:
    q = write_quiz(tmp_path / "quiz.json", quiz([item(i, "allow") for i in ids]))
    c = write_csv(tmp_path / "responses.csv", rows)
    return q, c


def test_fleiss_1971_wikipedia_worked_example(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ids = _ids("FL", 10)
    q, c = _files(tmp_path, counts_to_rows(FLEISS_WIKIPEDIA, ids, DECISIONS), ids)
    result = score(capsys, q, c, "--format", "json")
    assert result.code == 0, result.err
    kappa = result.json()["agreement"]["fleiss_kappa"]
    assert round(kappa["value"], 3) == 0.210
    assert round(kappa["parts"]["observed"], 3) == 0.378
    assert round(kappa["parts"]["expected"], 3) == 0.213
    assert kappa["note"] is None
    # The people-facing formats print the same figure.
    text = score(capsys, q, c).out
    assert "Fleiss' kappa" in text and "0.210" in text and "P̄ = 0.378, P̄e = 0.213" in text


def test_krippendorff_2011_alpha_nominal_with_missing_values(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ids = _ids("KR", 12)
    q, c = _files(tmp_path, matrix_to_rows(KRIPPENDORFF_2011, ids, DECISIONS), ids)
    result = score(capsys, q, c, "--format", "json")
    assert result.code == 0, result.err
    data = result.json()
    assert round(data["agreement"]["krippendorff_alpha"]["value"], 3) == 0.743
    # Unit 12 has a single value: not pairable, so 11 units and 40 pairable values.
    assert data["agreement"]["krippendorff_alpha"]["parts"]["items"] == 11
    assert data["agreement"]["krippendorff_alpha"]["parts"]["values"] == 40
    # Units have 1 to 4 values: Fleiss' kappa is not given, and the report says why.
    fleiss = data["agreement"]["fleiss_kappa"]
    assert fleiss["value"] is None
    assert "same number of answers" in fleiss["note"]


def test_gwet_ac1_irrcac_raw4raters(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ids = _ids("GW", 12)
    q, c = _files(tmp_path, matrix_to_rows(KRIPPENDORFF_2011, ids, DECISIONS), ids)
    ac1 = score(capsys, q, c, "--format", "json").json()["agreement"]["gwet_ac1"]
    assert round(ac1["value"], 3) == 0.775  # irrCAC: 0.77544
    assert round(ac1["value"], 5) == 0.77544
    assert round(ac1["parts"]["observed"], 7) == 0.8181818
    assert round(ac1["parts"]["expected"], 7) == 0.1903212


def test_gwet_ac1_irrcac_distrib_6raters(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ids = _ids("PS", 15)
    q, c = _files(tmp_path, counts_to_rows(DISTRIB_6RATERS, ids, DECISIONS), ids)
    agreement = score(capsys, q, c, "--format", "json").json()["agreement"]
    assert round(agreement["gwet_ac1"]["value"], 7) == 0.4448007
    assert round(agreement["gwet_ac1"]["parts"]["observed"], 7) == 0.5511111
    assert round(agreement["gwet_ac1"]["parts"]["expected"], 7) == 0.1914815
    assert round(agreement["fleiss_kappa"]["value"], 7) == 0.4139265
    assert round(agreement["krippendorff_alpha"]["value"], 7) == 0.4204384
    assert round(agreement["raw_agreement"]["value"], 7) == 0.5511111
