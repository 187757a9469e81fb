"""This repository's own guidelines are the demo and the test bed: they must pass the strictest check."""

from __future__ import annotations

from pathlib import Path

from .helpers import no_crash
from .sample import check

ROOT = Path(__file__).parents[2]


def test_own_guidelines_pass_check_strict() -> None:
    assert (ROOT / "guidelines" / "policy.yaml").is_file()
    run = check(ROOT, "--strict")
    no_crash(run)
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout == ""
