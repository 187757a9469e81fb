"""GIFT of the hostile repository, read by the strict GIFT reader (tests/quiz/gift_parser.py):
every item, its text and options with every special character, the key and the feedback."""

from __future__ import annotations

import json
from html import unescape

import pytest

from tests.quiz import gift_parser

from . import hostile

SITE = "https://guides.example.org/1.0/"


@pytest.mark.parametrize("lang", ["en", "bn"])
def test_gift_reads_back_item_for_item(make_quiz, lang: str) -> None:
    questions = gift_parser.parse(make_quiz("gift", lang, "--site-url", SITE).decode("utf-8"))
    items = json.loads(make_quiz("json", lang, "--site-url", SITE))["items"]
    assert [q.name for q in questions] == [i["id"] for i in items]
    for q, item in zip(questions, items):
        eid = item["id"]
        content, _ = hostile.texts(eid, lang)
        assert q.format == "html" and content in gift_parser.html_text(q.text)
        options = [o["id"] for o in item["options"]]
        assert [unescape(a.text) for a in q.answers] == [hostile.title(o, lang) for o in options]
        assert [a.correct for a in q.answers] == [o == hostile.example(eid)["label"] for o in options]
        assert f'<a href="{hostile.rule_url(eid, lang, SITE)}">' in q.general_feedback
        if eid == hostile.HOSTILE_EXAMPLE and lang == "bn":
            assert hostile.BN_WORDS in gift_parser.html_text(q.general_feedback)
