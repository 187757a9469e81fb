"""Build quiz JSON files and RESPONSES.csv in tmp_path, and run the real `labelbook score`."""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

import pytest

from labelbook.cli import main

#: Five decisions, so a table with categories 1..5 maps to decision ids.
DECISIONS = ["remove", "age-restrict", "label", "demote", "allow"]
TITLES = {"remove": "Remove", "age-restrict": "Age-restrict", "label": "Add a label", "demote": "Demote", "allow": "Allow"}


def item(item_id: str, key: str, *, area: str = "hate-speech", options: Sequence[str] = DECISIONS) -> dict:
    """One quiz item conforming to schemas/quiz.schema.json; the rule is the item id's prefix."""
    rule = item_id.rsplit("-", 1)[0]
    return {
        "id": item_id,
        "rule": rule,
        "area": area,
        "version": "dev",
        "fingerprint": "0123456789ab",
        "modality": "video",
        "difficulty": "medium",
        "sensitive": False,
        "question": f"Content of {item_id}",
        "options": [{"id": o, "text": TITLES.get(o, o)} for o in options],
        "key": key,
        "feedback": {"rationale": "Because.", "rule_title": f"Title of {rule}", "rule_url": f"{area}/{rule}/"},
    }


def quiz(items: list[dict], *, decisions: Sequence[str] = DECISIONS, lang: str = "en") -> dict:
    return {
        "format": "labelbook-quiz",
        "format_version": 1,
        "guideline": {"id": "short-video", "title": "Short-video content labeling guidelines", "version": "dev", "site_url": None},
        "lang": lang,
        "settings": {"seed": 1, "count": len(items), "options": len(decisions)},
        "decisions": [{"id": d, "title": TITLES.get(d, d)} for d in decisions],
        "items": items,
    }


def write_quiz(path: Path, data: dict) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def write_csv(path: Path, rows: Iterable[Sequence[str]], header: Sequence[str] = ("labeler", "item", "answer"), *, bom: bool = False) -> Path:
    with path.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)
    return path


def counts_to_rows(table: Sequence[Sequence[int]], item_ids: Sequence[str], categories: Sequence[str]) -> list[tuple[str, str, str]]:
    """A subjects x categories count table (Fleiss' layout) -> one row per rating.

    Fleiss' raters need not be the same people across subjects; labelers r1..rn per item.
    """
    rows = []
    for item_id, counts in zip(item_ids, table):
        n = 0
        for cat, count in zip(categories, counts):
            for _ in range(count):
                n += 1
                rows.append((f"r{n}", item_id, cat))
    return rows


def matrix_to_rows(matrix: Sequence[Sequence[int | None]], item_ids: Sequence[str], categories: Sequence[str]) -> list[tuple[str, str, str]]:
    """A units x coders matrix of values 1..k (None = missing) -> rows of labeler c1..cm."""
    rows = []
    for item_id, values in zip(item_ids, matrix):
        for coder, v in enumerate(values, start=1):
            if v is not None:
                rows.append((f"c{coder}", item_id, categories[v - 1]))
    return rows


@dataclass
class Run:
    code: int
    out: str
    err: str

    def json(self) -> dict:
        return json.loads(self.out)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> Run:
    """`labelbook ARGV...` in-process through the CLI entry point; argparse's exits count too."""
    capsys.readouterr()
    try:
        code = main(list(argv))
    except SystemExit as exc:  # argparse: --help (0) and usage errors (2)
        code = int(exc.code or 0)
    captured = capsys.readouterr()
    return Run(code, captured.out, captured.err)


def score(capsys: pytest.CaptureFixture[str], quiz_path: Path, csv_path: Path, *extra: str) -> Run:
    return run(capsys, "score", "--quiz", str(quiz_path), str(csv_path), *extra)
