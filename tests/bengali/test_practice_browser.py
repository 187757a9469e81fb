"""The Bengali practice page of a built site, answered in Chromium from the data it embeds (issue 18).

The page carries each text once (quiz/practice.py): the test reads that JSON back from the
page, then checks that what the reader sees is the test repository's Bengali
(bengali_repo.py), not the data's say-so: the question, the decisions in order, right and
wrong marked, the rationale, the rule link to a page that exists, the sensitive example
behind its warning, by keyboard, with no request to another host.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path
from urllib.parse import urlsplit

from .bengali_repo import EXAMPLES, RULES
from .browser import Tab

#: The Bengali decision titles of bengali_repo.POLICY_BN, in the policy's order.
DECISIONS_BN = {"remove": "সরিয়ে দিন", "age-restrict": "শুধু প্রাপ্তবয়স্কদের জন্য রাখুন", "allow": "রেখে দিন"}
#: The Bengali names of the examples' modalities (locales/bn/LC_MESSAGES/labelbook.po).
MODALITY_BN = {"video": "ভিডিও", "comment": "মন্তব্য", "livestream": "লাইভস্ট্রিম"}
#: The first question is answered wrongly, the others rightly.
WRONG = 0


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def focused_class(tab: Tab) -> str:
    return tab.page.evaluate("() => document.activeElement.className || ''")


def test_the_bengali_practice_page_asks_from_its_embedded_data(tab: Tab, bn_site: Path) -> None:
    tab.goto("/bn/practice/")
    page = tab.page
    data = json.loads(page.locator("#lb-practice-data").text_content())
    items = {item["id"]: item for item in data["items"]}
    assert set(items) == set(EXAMPLES)  # every example of bengali_repo is current in Bengali
    assert all("options" not in item for item in items.values())  # three decisions: the shared order
    page.locator(".lb-practice__card").wait_for()

    seen: list[str] = []
    for n in range(len(EXAMPLES)):
        eid = page.locator(".lb-practice__card").get_attribute("data-item")
        seen.append(eid)
        rule_id, modality, label, sensitive, _, _, bn_content, bn_rationale = EXAMPLES[eid]
        rule = next(r for r in RULES if r.id == rule_id)
        assert page.locator(".lb-practice__progress").inner_text() == f"প্রশ্ন {'১২৩'[n]} / ৩"
        assert page.locator(".lb-practice__modality").inner_text() == MODALITY_BN[modality]
        content = page.locator(".lb-practice__content")
        assert content.get_attribute("lang") is None and page.locator(".lb-practice__notice").count() == 0
        if sensitive:
            # Behind its warning, in Bengali, until the reader opens it from the keyboard.
            assert not content.is_visible()
            warning = page.locator(".lb-practice__warning")
            assert warning.inner_text().startswith("কনটেন্ট সতর্কতা (মানুষের ওপর আক্রমণ)")
            warning.focus()
            page.keyboard.press("Enter")
        assert content.is_visible() and nfc(content.inner_text()) == nfc(bn_content)

        options = page.locator(".lb-practice__option")
        assert [nfc(t) for t in options.all_inner_texts()] == [nfc(t) for t in DECISIONS_BN.values()]
        answer = next(d for d in DECISIONS_BN if d != label) if n == WRONG else label
        page.locator(f'.lb-practice__option[data-option="{answer}"]').focus()
        page.keyboard.press("Enter")
        verdict = nfc(page.locator(".lb-practice__verdict").inner_text())
        assert verdict == (nfc(f"ঠিক হয়নি। সঠিক সিদ্ধান্ত হলো: {DECISIONS_BN[label]}।") if n == WRONG else "সঠিক।")
        assert page.locator(".lb-practice__option--key").get_attribute("data-option") == label
        assert nfc(page.locator(".lb-practice__rationale").inner_text().strip()) == nfc(bn_rationale)

        link = page.locator(".lb-practice__rule a")
        assert nfc(rule.bn_title or "") in nfc(link.inner_text()) and rule_id in link.inner_text()
        path = urlsplit(link.evaluate("a => a.href")).path
        assert path == f"/bn/{rule.page}" and (bn_site / path.strip("/") / "index.html").is_file()
        assert "lb-practice__next" in focused_class(tab)  # focus went to "next": Enter goes on
        page.keyboard.press("Enter")
        if n + 1 < len(EXAMPLES):
            assert "lb-practice__progress" in focused_class(tab)  # and then to the new question

    assert sorted(seen) == sorted(EXAMPLES)
    score = page.locator(".lb-practice__score")
    assert score.inner_text() == "৩টির মধ্যে ২টি সঠিক হয়েছে।" and score.get_attribute("data-score") == "2"
    assert tab.errors == [] and tab.foreign == []
