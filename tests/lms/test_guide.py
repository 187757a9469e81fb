"""docs/trainers-guide.md gives an exact command for each step: every one of them parses."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from labelbook.cli.app import build_parser

GUIDE = Path(__file__).parents[2] / "docs" / "trainers-guide.md"


def commands() -> list[str]:
    text = GUIDE.read_text("utf-8")
    blocks = re.findall(r"```sh\n(.*?)```", text, re.S)
    inline = [c for c in re.findall(r"`(labelbook [^`]+)`", text) if " -" in c]  # commands, not mentions
    return [line for block in blocks for line in block.splitlines() if line.startswith("labelbook ")] + inline


def test_the_guide_shows_every_step() -> None:
    found = commands()
    for fmt in ("moodle-xml", "gift", "qti"):
        assert any(f"--format {fmt}" in c for c in found), fmt
    scored = [c for c in found if c.startswith("labelbook score")]
    assert any(".xlsx" in c for c in scored) and any(".zip" in c for c in scored) and any(".csv" in c for c in scored)


@pytest.mark.parametrize("command", commands())
def test_every_command_of_the_guide_parses(command: str) -> None:
    args = build_parser().parse_args(shlex.split(command)[1:])  # argparse exits 2 on a wrong option
    assert callable(args.func)
