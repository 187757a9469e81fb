"""The Bengali practice quiz asks only what is written in Bengali (issue 15, Deliver 6).

On the Bengali site of stale_repo.py's working tree, the practice page's data holds only the
examples whose translation, and whose rule's, is current; one Bengali sentence says how many
are left out. The English page asks every quizzable example and says nothing of the kind.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import lxml.html
import pytest
from labelbook.core.checks import check
from labelbook.core.i18n import Translator
from labelbook.core.sources import WorkingTree
from labelbook.quiz.practice import practice_page_data

from .stale_repo import CURRENT, EXAMPLES, LEFT_OUT, built_site


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built_site(tmp_path_factory.mktemp("practice"))


def practice(site: Path, lang: str) -> tuple[Any, dict]:
    doc = lxml.html.fromstring((site / ("bn/" if lang == "bn" else "") / "practice/index.html").read_text(encoding="utf-8"))
    [script] = doc.xpath("//script[@id='lb-practice-data']")
    return doc, json.loads(script.text)


def test_the_bengali_quiz_holds_only_current_translations(site: Path) -> None:
    doc, data = practice(site, "bn")
    assert {item["id"] for item in data["items"]} == CURRENT
    assert not any(item.get("fallback") for item in data["items"])  # no English stand-in
    assert {item["content"] for item in data["items"]} == {EXAMPLES[i][5] for i in CURRENT}
    # One sentence, in Bengali digits, says how many are left out and why.
    [note] = doc.xpath("//article//p[contains(@class, 'lb-practice-left-out')]")
    assert note.get("data-left-out") == str(len(LEFT_OUT)) == str(data["left_out"])
    bn = Translator("bn")
    expected = bn._(
        "Only examples whose {language} translation is up to date are asked here: {count} of {total} are left out "
        "because their translation, or their rule's, is missing or out of date."
    ).format(language="বাংলা", count="৫", total="৭")
    assert note.text_content() == expected
    assert "৭টির মধ্যে ৫টি বাদ রাখা হয়েছে" in expected


def test_the_english_quiz_asks_every_quizzable_example(site: Path) -> None:
    doc, data = practice(site, "en")
    quizzable = {eid for eid, example in EXAMPLES.items() if example[2]}
    assert {item["id"] for item in data["items"]} == quizzable == CURRENT | LEFT_OUT
    assert data["left_out"] == 0 and not doc.xpath("//*[contains(@class, 'lb-practice-left-out')]")


def test_without_current_only_the_english_stands_in(site: Path) -> None:
    # The data of `practice_page_data` for other callers: every quizzable example, the
    # English standing in (with its notice) where the translation is not current.
    repo = check(WorkingTree(site.parent / "repo")).repo
    data = practice_page_data(repo, "bn", "dev", root="../../")
    items = {item["id"]: item for item in data["items"]}
    assert set(items) == CURRENT | LEFT_OUT and data["left_out"] == 0
    assert items["TH-002-E01"]["fallback"] and data["source_lang"] == "en" and "ইংরেজি" in data["notice"]
    assert "fallback" not in items["TH-002-E04"]
