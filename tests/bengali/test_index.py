"""The search index of each language: Bengali search settings, words kept apart, sensitive examples left out."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from labelbook.site.markup import separate_words

from .bengali_repo import EXAMPLES


def _index(site: Path, prefix: str) -> dict:
    return json.loads((site / prefix / "search/search_index.json").read_text(encoding="utf-8"))


def _text(index: dict, location: str) -> str:
    """A section's text as a reader would read it: tags gone, white space single."""
    doc = next(d for d in index["docs"] if d["location"] == location)
    return " ".join(re.sub(r"<[^>]+>", " ", doc["text"]).split())


def test_the_bengali_site_searches_with_lunr_bn_and_the_english_one_as_before(bn_site: Path) -> None:
    bn = _index(bn_site, "bn")["config"]
    assert bn["lang"] == ["bn"] and bn["pipeline"] == ["trimmer", "stopWordFilter", "stemmer"]
    assert all(mark in bn["separator"] for mark in ("।", "॥", "৷", r"\u200b", r"\s", r"\-"))
    en = _index(bn_site, "")["config"]
    assert en["lang"] == ["en"] and en["separator"] == r"[\s\-]+"
    # Material's worker loads the language from here (../lunr/min/ next to workers/).
    script = (bn_site / "bn/assets/javascripts/lunr/min/lunr.bn.min.js").read_text(encoding="utf-8")
    assert "lunr.bn = function" in script


@pytest.mark.parametrize(("prefix", "words"), [
    ("", {
        "people/PA-002/": "Decision Remove Severity Medium Status Active",
        "people/PA-002/#examples": "Modality Comment Correct label Remove Difficulty Medium Content Students",
        "people/": "PA-001 Harassing a private person Remove Medium PA-002",
    }),
    ("bn", {
        "people/PA-002/": "সিদ্ধান্ত সরিয়ে দিন তীব্রতা মাঝারি অবস্থা সক্রিয়",
        "people/PA-002/#examples": "মাধ্যম মন্তব্য সঠিক লেবেল সরিয়ে দিন কাঠিন্য মাঝারি কনটেন্ট স্কুলের",
        "people/": "PA-001 সাধারণ মানুষকে উত্ত্যক্ত করা সরিয়ে দিন মাঝারি PA-002",
    }),
])  # fmt: skip
def test_table_cells_and_example_fields_stay_separate_words(bn_site: Path, prefix: str, words: dict[str, str]) -> None:
    index = _index(bn_site, prefix)
    for location, expected in words.items():
        assert expected in _text(index, location), f"{prefix}/{location}: {_text(index, location)!r}"


def test_a_space_goes_where_only_tags_part_two_blocks() -> None:
    assert separate_words("<div>Line one.<br>Line two</div><p>a</p><p>b</p>") == "<div>Line one.<br> Line two</div> <p>a</p> <p>b</p>"
    # Inline markup is no word boundary, and nothing is added inside <pre>.
    assert separate_words("<p><b>bo</b>ld</p><pre><code>x</code></pre><p>y</p>") == "<p><b>bo</b>ld</p> <pre><code>x</code></pre> <p>y</p>"
    # A heading's words stay out of the words before it (Material's section titles).
    assert separate_words("<p>a</p><h2>b</h2>") == "<p>a</p><h2> b</h2>"


@pytest.mark.parametrize(("prefix", "heading"), [("", "Example PA-001-E01"), ("bn", "উদাহরণ PA-001-E01")])
def test_a_sensitive_example_gives_the_index_its_id_and_nothing_else(bn_site: Path, prefix: str, heading: str) -> None:
    index = _index(bn_site, prefix)
    # PA-001 has one example, the sensitive one: its section holds its id, under its rule.
    assert _text(index, "people/PA-001/#examples") == heading
    everything = json.dumps(index, ensure_ascii=False)
    _, _, _, _, content, rationale, bn_content, bn_rationale = EXAMPLES["PA-001-E01"]
    # Its words that no other text of the repository has (the others are in rules and titles).
    elsewhere = {"সাধারণ", "মানুষকে", "বারবার", "সরিয়ে", "ভিডিও", "person", "Repeated", "insults", "private", "remove"}
    words = {w for text in (content, rationale, bn_content, bn_rationale) for w in re.split(r"[\s।,.:;!?]+", text)}
    own = {w for w in words if len(w) >= 5} - elsewhere
    assert {"প্রতিবেশীকে", "গালাগাল", "neighbour", "shouts"} <= own
    for word in own:
        assert word not in everything, f"{word!r} of the sensitive example is in the {prefix or 'en'} index"
    # ...while the page itself still has it, collapsed.
    page = (bn_site / prefix / "people/PA-001/index.html").read_text(encoding="utf-8")
    assert (bn_content if prefix else content) in page
