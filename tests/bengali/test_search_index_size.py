"""The search index is written as UTF-8 text: Bengali letters are not `\\u` escapes.

Material writes each language's `search/search_index.json` with `\\uXXXX` for every
non-ASCII character: six bytes a Bengali letter instead of three. `site.search_index`
rewrites it; these tests check that the JSON still means exactly the same, whatever text
it holds and wherever a chunk ends, and that a built Bengali site's index is the smaller
file. That search still finds Bengali words in Chromium is tests/bengali/test_search_queries.py,
which reads the same rewritten index.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest

from labelbook.site import search_index

#: Characters that must survive: escapes that stay (quote, backslash, control, U+2028,
#: lone surrogates, a character outside the BMP), Bengali, other non-ASCII.
ALPHABET = ["ক", "্", "ষ", "য়", "\\", '"', "\n", "\x01", "\u2028", "\u2029", "\ud800", "😀", "é", "/", "u", "0", "a", " "]


def _random_index(rng: random.Random) -> dict:
    def text() -> str:
        return "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 200)))

    return {"config": {"lang": ["bn"]}, "docs": [{"location": text(), "title": text(), "text": text()} for _ in range(rng.randint(1, 20))]}


@pytest.mark.parametrize("chunk", [1, 2, 5, 6, 7, 64, 1 << 20])
def test_rewritten_index_means_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chunk: int) -> None:
    monkeypatch.setattr(search_index, "_CHUNK", chunk)
    rng = random.Random(chunk)
    for n in range(40):
        data = _random_index(rng)
        path = tmp_path / f"index-{n}.json"
        path.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")  # as Material writes it
        search_index.compact(path)
        text = path.read_text(encoding="utf-8")
        assert json.loads(text) == data
        assert "\u2028" not in text and "\u2029" not in text  # these stay escaped
        assert not re.search(r"(?<!\\)(\\\\)*\\u09[0-9a-f]{2}", text), "a Bengali letter was left escaped"


def test_backslashes_before_a_u_are_not_an_escape(tmp_path: Path) -> None:
    data = {"text": "\\u0995 is how JSON escapes ক; \\\\u0996 too"}
    path = tmp_path / "index.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    search_index.compact(path)
    assert json.loads(path.read_text(encoding="utf-8")) == data


def test_missing_index_is_left_alone(tmp_path: Path) -> None:
    assert search_index.compact_site_index(tmp_path) == 0
    assert list(tmp_path.iterdir()) == []


def test_built_bengali_index_is_utf8_and_smaller(bn_site: Path) -> None:
    path = bn_site / "bn" / "search" / "search_index.json"
    raw = path.read_bytes()
    data = json.loads(raw)
    text = raw.decode("utf-8")
    assert "\\u09" not in text, "Bengali letters are still escaped"
    assert "অবমাননাকর" in text  # a word of PA-001, as the reader's browser receives it
    assert len(data["docs"]) > 10
    escaped = json.dumps(data, separators=(",", ":")).encode("utf-8")  # what Material wrote
    assert len(raw) < 0.6 * len(escaped), (len(raw), len(escaped))
    # The English index is rewritten too, and stays valid JSON.
    json.loads((bn_site / "search" / "search_index.json").read_bytes())
    assert not list(bn_site.rglob("*.compacting"))
