"""The practice quiz: its data (plain Python), and practice.js driven by keyboard in headless Chromium."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from labelbook.core.checks import check
from labelbook.quiz.practice import asset_text, embed_script, practice_page_data, practice_items
from labelbook.core.sources import WorkingTree

from .sample import QUIZZABLE, SENSITIVE, decision_title, example, expected_text



def load(repo: Path):
    loaded = check(WorkingTree(repo))
    assert not loaded.errors
    return loaded.repo


def test_practice_items_cover_every_quizzable_example(repo):
    items = {i["id"]: i for i in practice_items(load(repo), "bn", "dev")}
    assert sorted(items) == QUIZZABLE  # never quiz: false, never a deprecated rule's
    for eid, item in items.items():
        assert item["key"] == example(eid)["label"]
        assert item["content"] == expected_text(eid, "bn")[0]
        assert (item["warning"] is not None) == (eid in SENSITIVE)
        assert item["feedback"]["rule_url"].startswith("bn/")
    assert items["HS-002-E02"]["notice"] and items["HS-002-E02"]["content_lang"] == "en"  # stale
    assert items["BU-001-E03"]["notice"] and items["HS-001-E02"]["notice"] is None
    assert "<strong>no</strong>" in items["HS-002-E02"]["rationale_html"]
    assert "&lt;b&gt;" in items["HS-002-E02"]["rationale_html"] and "javascript" not in items["HS-002-E02"]["rationale_html"]


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


def write_page(repo: Path, tmp_path: Path) -> tuple[Path, dict]:
    data = practice_page_data(load(repo), "bn", "dev", root="../../", count=len(PICK))
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

    seen, wrong_on = [], 1
    for n in range(len(PICK)):
        card = page.locator(".lb-practice__card")
        eid = card.get_attribute("data-item")
        seen.append(eid)
        assert page.locator(".lb-practice__progress").inner_text() == f"প্রশ্ন {'১২৩৪'[n]} / ৪"
        ex = example(eid)
        content = page.locator(".lb-practice__content")
        assert content.text_content() == expected_text(eid, "bn")[0]  # quoted <script> stays text
        if ex.get("sensitive"):
            assert page.locator("details.lb-practice__sensitive").get_attribute("open") is None
            assert page.locator(".lb-practice__warning").inner_text().startswith("কনটেন্ট সতর্কতা (")
        options = page.locator(".lb-practice__option").all_inner_texts()
        assert decision_title(ex["label"], "bn") in options
        answer = ex["label"] if n != wrong_on else next(d for d in ("remove", "allow") if d != ex["label"])
        tab_to_option(page, answer)
        page.keyboard.press("Enter" if n % 2 == 0 else " ")
        verdict = page.locator(".lb-practice__verdict").inner_text()
        if n == wrong_on:
            assert verdict == f"ঠিক হয়নি। সঠিক সিদ্ধান্ত হলো: {decision_title(ex['label'], 'bn')}।"
        else:
            assert verdict == "সঠিক।"
        assert page.locator(".lb-practice__rationale").inner_text().strip()
        rule = eid.rsplit("-", 1)[0]
        link = page.locator(".lb-practice__rule a")
        assert link.get_attribute("href") == f"../../bn/{'hate-speech' if rule.startswith('HS') else 'bullying'}/{rule}/"
        assert rule in link.inner_text()
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
