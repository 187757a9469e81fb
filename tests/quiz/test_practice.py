"""The practice quiz: its data (plain Python), and practice.js driven by keyboard in headless Chromium."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from labelbook.core.checks import check
from labelbook.core.html import script_json
from labelbook.core.sources import WorkingTree
from labelbook.quiz.items import make_item
from labelbook.quiz.practice import asset_text, embed_script, practice_page_data

from .sample import (
    DECISIONS,
    QUIZZABLE,
    RULES,
    SENSITIVE,
    area_of,
    decision_title,
    example,
    expected_text,
)

#: What a page item may hold: anything more is a text practice.js does not need, or one it has.
ITEM_KEYS = {"id", "rule", "key", "modality", "content", "rationale_html", "options", "sensitive", "fallback"}


def load(repo: Path):
    loaded = check(WorkingTree(repo))
    assert not loaded.errors
    return loaded.repo


def test_practice_data_covers_every_quizzable_example(repo):
    data = practice_page_data(load(repo), "bn", "dev", root="../../")
    items = {i["id"]: i for i in data["items"]}
    assert sorted(items) == QUIZZABLE and data["left_out"] == 0  # never quiz: false, never a deprecated rule's
    assert data["decisions"] == {d: decision_title(d, "bn") for d, *_ in DECISIONS}
    assert data["options"] == [d for d, *_ in DECISIONS]  # taxonomy order: what every item offers here
    for eid, item in items.items():
        assert item["key"] == example(eid)["label"] and item["modality"] == example(eid)["modality"]
        assert item["content"] == expected_text(eid, "bn")[0]
        assert item.get("sensitive", False) == (eid in SENSITIVE)
        assert data["rules"][item["rule"]]["url"] == f"bn/{area_of(eid)}/{item['rule']}/"
    assert data["rules"]["HS-001"]["title"] == RULES["HS-001"]["bn_title"]
    assert data["content_warnings"]["hate-speech"].startswith("কনটেন্ট সতর্কতা (বিদ্বেষমূলক বক্তব্য)")
    assert data["modalities"]["livestream"] != "livestream"  # its Bengali name
    # The English stands in for a stale (HS-002-E02) or missing (BU-001-E03) translation, with the notice.
    assert {eid for eid, item in items.items() if item.get("fallback")} == {"HS-002-E02", "BU-001-E03"}
    assert data["source_lang"] == "en" and "ইংরেজি" in data["notice"]
    html = items["HS-002-E02"]["rationale_html"]
    assert "<strong>no</strong>" in html and "&lt;b&gt;" in html and "javascript" not in html


@pytest.mark.parametrize("lang", ["en", "bn"])
def test_each_text_is_in_the_page_data_once(repo, lang):
    """An item is its example's own text and ids: a decision's title, the question (warning
    and content), the rule's title or link, the raw rationale are not repeated per item."""
    data = practice_page_data(load(repo), lang, "dev", root="../")
    shared = {*data["decisions"].values(), *data["content_warnings"].values(), *data["modalities"].values(), data["notice"]}
    shared |= {text for rule in data["rules"].values() for text in (rule["title"], rule["url"])}
    for item in data["items"]:
        assert set(item) <= ITEM_KEYS, set(item) - ITEM_KEYS
        assert "options" not in item  # this taxonomy is small enough: every item offers `data["options"]`
        values = [v for v in item.values() if isinstance(v, str)]
        assert not shared & set(values), shared & set(values)
        assert not any(w and w in item["content"] for w in data["content_warnings"].values())  # the question once
        # Beyond its two texts, an item is a few ids and flags.
        assert len(script_json(item)) - len(script_json([item["content"], item["rationale_html"]])) < 150


def test_an_item_offers_its_own_options_when_the_taxonomy_is_larger(repo):
    loaded = load(repo)
    data = practice_page_data(loaded, "en", "dev", root="../", options=3)
    taxonomy = [d for d, *_ in DECISIONS]
    for item in data["items"]:
        ex = loaded.examples[item["id"]]
        exported = make_item(loaded, ex, "en", version="dev", options=3, seed="practice", site_url=None, warnings=[])
        assert item["options"] == [o["id"] for o in exported["options"]]  # what `labelbook quiz --options 3` offers
        assert len(item["options"]) == 3 and item["key"] in item["options"]
        assert item["options"] == [d for d in taxonomy if d in item["options"]]


def test_embedded_data_cannot_close_its_script_element(repo):
    tag = embed_script(practice_page_data(load(repo), "en", "dev", root="../"))
    inner = tag[tag.index(">") + 1 : tag.rindex("</script>")]
    assert "<" not in inner and ">" not in inner
    assert json.loads(inner)["items"]  # still valid JSON, with the example's <script> as \u003c


# --- the browser --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser(chromium: Any) -> Any:
    return chromium


PICK = ["HS-001-E01", "HS-001-E02", "HS-002-E02", "BU-001-E02"]
#: the Bengali names of their modalities (locales/bn/LC_MESSAGES/labelbook.po)
MODALITY_BN = {"video": "ভিডিও", "comment": "মন্তব্য", "caption": "ক্যাপশন", "livestream": "লাইভস্ট্রিম"}


def write_page(repo: Path, tmp_path: Path) -> tuple[Path, dict]:
    # Three of the four decisions: each item carries its own options, in the order to show.
    data = practice_page_data(load(repo), "bn", "dev", root="../../", count=len(PICK), options=3)
    data["items"] = [i for i in data["items"] if i["id"] in PICK]
    page = tmp_path / "site" / "bn" / "practice" / "index.html"
    page.parent.mkdir(parents=True)
    for name in ("practice.js", "practice.css"):
        (page.parent / name).write_text(asset_text(name), "utf-8")
    page.write_text(
        '<!doctype html><html lang="bn"><head><meta charset="utf-8"><title>অনুশীলনী</title>'
        '<link rel="stylesheet" href="practice.css"></head><body><main><h1>অনুশীলনী কুইজ</h1>'
        f'<div id="lb-practice"></div>{embed_script(data)}<script src="practice.js"></script></main></body></html>',
        "utf-8",
    )
    return page, data


def focused(page) -> dict:
    return page.evaluate(
        "() => { const e = document.activeElement; return {tag: e.tagName, cls: e.className, "
        "option: e.getAttribute('data-option'), outline: getComputedStyle(e).outlineStyle}; }"
    )


def tab_to_option(page, option: str) -> None:
    for _ in range(40):
        page.keyboard.press("Tab")
        f = focused(page)
        if f["option"] == option:
            assert f["outline"] != "none"  # the focus is visible
            return
    raise AssertionError(f"Tab never reached option {option}")


def test_practice_quiz_by_keyboard_only(browser, repo, tmp_path):
    page_path, data = write_page(repo, tmp_path)
    page = browser.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(page_path.as_uri())
    page.wait_for_selector(".lb-practice__card")

    items = {i["id"]: i for i in data["items"]}
    seen, wrong_on = [], 1
    for n in range(len(PICK)):
        card = page.locator(".lb-practice__card")
        eid = card.get_attribute("data-item")
        seen.append(eid)
        assert page.locator(".lb-practice__progress").inner_text() == f"প্রশ্ন {'১২৩৪'[n]} / ৪"
        ex = example(eid)
        assert page.locator(".lb-practice__modality").inner_text() == MODALITY_BN[ex["modality"]]
        content = page.locator(".lb-practice__content")
        assert content.text_content() == expected_text(eid, "bn")[0]  # quoted <script> stays text
        if ex.get("sensitive"):
            assert page.locator("details.lb-practice__sensitive").get_attribute("open") is None
            assert not content.is_visible()  # behind its warning until the reader opens it
            assert page.locator(".lb-practice__warning").inner_text().startswith("কনটেন্ট সতর্কতা (বিদ্বেষমূলক বক্তব্য)")
        # The English stands in for the stale translation: marked as English, with the notice.
        stale = eid == "HS-002-E02"
        assert content.get_attribute("lang") == ("en" if stale else None)
        assert page.locator(".lb-practice__notice").count() == (1 if stale else 0)
        options = page.locator(".lb-practice__option").all_inner_texts()
        assert options == [decision_title(d, "bn") for d in items[eid]["options"]] and len(options) == 3
        assert decision_title(ex["label"], "bn") in options
        answer = ex["label"] if n != wrong_on else next(d for d in items[eid]["options"] if d != ex["label"])
        tab_to_option(page, answer)
        page.keyboard.press("Enter" if n % 2 == 0 else " ")
        verdict = page.locator(".lb-practice__verdict").inner_text()
        if n == wrong_on:
            assert verdict == f"ঠিক হয়নি। সঠিক সিদ্ধান্ত হলো: {decision_title(ex['label'], 'bn')}।"
        else:
            assert verdict == "সঠিক।"
        rationale = page.locator(".lb-practice__rationale")
        if stale:  # its Markdown formats, its raw HTML stays text
            assert rationale.locator("strong").inner_text() == "no" and "<b>not bold</b>" in rationale.inner_text()
        else:
            assert rationale.inner_text().strip() == expected_text(eid, "bn")[1]
        rule = eid.rsplit("-", 1)[0]
        link = page.locator(".lb-practice__rule a")
        assert link.get_attribute("href") == f"../../bn/{'hate-speech' if rule.startswith('HS') else 'bullying'}/{rule}/"
        assert rule in link.inner_text() and RULES[rule]["bn_title"] in link.inner_text()
        # Focus went to "next": Enter goes on, no mouse needed.
        assert "lb-practice__next" in focused(page)["cls"]
        page.keyboard.press("Enter")

    assert sorted(seen) == sorted(PICK)
    score = page.locator(".lb-practice__score")
    assert score.inner_text() == "৪টির মধ্যে ৩টি সঠিক হয়েছে।" and score.get_attribute("data-score") == "3"
    assert "lb-practice__restart" in focused(page)["cls"]
    page.keyboard.press("Enter")
    page.wait_for_selector(".lb-practice__card")
    assert page.locator(".lb-practice__progress").inner_text() == "প্রশ্ন ১ / ৪"

    assert dialogs == []  # the example quoting <script>alert('x')</script> ran nothing
    assert all(u.startswith("file://") for u in requests), requests  # no other request, no CDN
    page.close()
