"""The search index is written as UTF-8 text: Bengali letters are not `\\u` escapes.

Material writes each language's `search/search_index.json` with `\\uXXXX` for every
non-ASCII character: six bytes a Bengali letter instead of three. `site.search_index`
writes it instead; these tests check that the JSON means exactly what Material's would,
whatever text it holds, and that a built Bengali site's index is the smaller file. That
search still finds Bengali words in Chromium is tests/bengali/test_search_queries.py, which
reads the same index.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path
from types import SimpleNamespace

import pytest

from labelbook.site import search_index

#: Characters that must survive: escapes that stay (quote, backslash, control, U+2028,
#: lone surrogates, a character outside the BMP), Bengali, other non-ASCII.
ALPHABET = ["ক", "্", "ষ", "য়", "\\", '"', "\n", "\x01", "\u2028", "\u2029", "\ud800", "😀", "é", "/", "u", "0", "a", " "]


def _random_index(rng: random.Random) -> dict:
    def text() -> str:
        return "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 200)))

    return {"config": {"lang": ["bn"]}, "docs": [{"location": text(), "title": text(), "text": text()} for _ in range(rng.randint(1, 20))]}


def _site_with_head(tmp_path: Path, data: dict) -> Path:
    """A site folder with the index Material writes once labelbook took its entries."""
    path = tmp_path / "search" / "search_index.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({**data, "docs": []}, separators=(",", ":")), encoding="utf-8")
    return path


def test_written_index_means_the_same(tmp_path: Path) -> None:
    rng = random.Random(7)
    for n in range(60):
        data = _random_index(rng)
        site = tmp_path / f"site-{n}"
        path = _site_with_head(site, data)
        index = SimpleNamespace(entries=[])
        search_index.write(site, search_index.Taken(index, data["docs"]))
        text = path.read_text(encoding="utf-8")
        assert json.loads(text) == data
        assert list(json.loads(text)) == ["config", "docs"]  # Material's order of keys
        assert "\u2028" not in text and "\u2029" not in text  # these stay escaped
        assert not re.search(r"(?<!\\)(\\\\)*\\u09[0-9a-f]{2}", text), "a Bengali letter was left escaped"
        assert index.entries is data["docs"], "the entries go back to Material's index"


def test_backslashes_before_a_u_are_not_an_escape(tmp_path: Path) -> None:
    data = {"config": {}, "docs": [{"text": "\\u0995 is how JSON escapes ক; \\\\u0996 too"}]}
    path = _site_with_head(tmp_path, data)
    search_index.write(tmp_path, search_index.Taken(SimpleNamespace(entries=[]), data["docs"]))
    assert json.loads(path.read_text(encoding="utf-8")) == data


def test_an_index_it_does_not_know_is_left_as_written(tmp_path: Path) -> None:
    path = tmp_path / "search" / "search_index.json"
    path.parent.mkdir()
    path.write_text('{"config":{},"docs":[{"text":"kept"}]}', encoding="utf-8")
    index = SimpleNamespace(entries=[])
    search_index.write(tmp_path, search_index.Taken(index, [{"text": "taken"}]))
    assert path.read_text(encoding="utf-8") == '{"config":{},"docs":[{"text":"kept"}]}'
    assert index.entries == [{"text": "taken"}]


def test_missing_index_is_left_alone(tmp_path: Path) -> None:
    index = SimpleNamespace(entries=[])
    search_index.write(tmp_path, search_index.Taken(index, [{"text": "t"}]))
    assert list(tmp_path.iterdir()) == []
    assert index.entries == [{"text": "t"}]


def test_dirty_or_disabled_search_is_not_taken() -> None:
    entries = [{"text": "t"}]

    def plugin(**extra: object) -> SimpleNamespace:
        index = SimpleNamespace(entries=list(entries), generate_search_index=lambda prev: "")
        return SimpleNamespace(search_index=index, config={"enabled": True}, **extra)

    dirty = plugin(is_dirty=True)
    assert search_index.take({"search": dirty}) is None and dirty.search_index.entries == entries
    off = plugin()
    off.config["enabled"] = False
    assert search_index.take({"search": off}) is None and off.search_index.entries == entries
    on = plugin()
    taken = search_index.take({"search": on})
    assert taken is not None and taken.entries == entries and on.search_index.entries == []


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
    assert not list(bn_site.rglob("*.writing"))
