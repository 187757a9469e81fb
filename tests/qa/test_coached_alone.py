"""A labeler coached on the only rule: re-testing their own segment without their audits
leaves nothing to test. That is no test (NaN), not a crash (an 'internal error' before)."""

from __future__ import annotations

import datetime as dt
import json
import random
import subprocess
import sys
from pathlib import Path

import numpy as np

from labelbook.qa import stats

DECISIONS = ["remove", "age-restrict", "allow"]


def test_bh_leaves_an_untestable_p_value_out() -> None:
    q = stats.bh(np.array([0.01, np.nan, 0.04]))
    assert np.isnan(q[1])
    assert np.allclose(q[[0, 2]], stats.bh(np.array([0.01, 0.04])))


def test_a_collapsing_labeler_on_the_only_rule_is_coached(tmp_path: Path) -> None:
    rng = random.Random(3)
    rows = ["date,labeler,item,decision,qa_decision,rule,vendor"]
    for day in range(56):
        date = dt.date(2026, 10, 5) + dt.timedelta(days=day)
        for lab in range(12):
            for k in range(6):
                qa = rng.choice(DECISIONS)
                p_err = 0.6 if lab == 3 and day >= 49 else 0.05
                dec = qa if rng.random() > p_err else rng.choice([d for d in DECISIONS if d != qa])
                rows.append(f"{date},L{lab:02d},i{day}-{lab}-{k},{dec},{qa},HS-001,V{lab % 2}")
    audits = tmp_path / "audits.csv"
    audits.write_text("\n".join(rows) + "\n", encoding="utf-8")
    out = tmp_path / "qa.json"
    proc = subprocess.run([sys.executable, "-m", "labelbook", "qa", str(audits), "--order", ",".join(DECISIONS), "-o", str(out)],
                          cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    report = json.loads(out.read_text(encoding="utf-8"))
    assert [(v["rule"], v["verdict"], v["labelers"]) for v in report["verdicts"]] == [("HS-001", "coach", ["L03"])]
    assert ("labeler", "L03") in [(f["dimension"], f["value"]) for f in report["flags"]]
