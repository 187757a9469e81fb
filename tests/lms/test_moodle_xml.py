"""Moodle XML as Moodle's own exporter writes HTML: every text in CDATA (a `]]>` split over two
sections), read back by lxml character for character in Bengali too; the example id as
`<idnumber>`; and the grading and shuffle settings a GIFT import of the same quiz gets.
These run without PHP; test_moodle_import.py runs Moodle's importer itself."""

from __future__ import annotations

import json
import re

import pytest
from lxml import etree

from labelbook.quiz import export
from labelbook.quiz.export_moodle import cdata

from . import hostile

LANGS = ["en", "bn"]
#: question/format.php `defaultquestion` and a new site's multichoice defaults: what GIFT gets.
GIFT_DEFAULTS = {"defaultgrade": "1", "penalty": "0.3333333", "single": "true", "shuffleanswers": "true",
                 "answernumbering": "abc", "showstandardinstruction": "0"}


def texts(root: etree._Element) -> list[etree._Element]:
    return [t for t in root.iter("text") if t.text]


@pytest.mark.parametrize("lang", LANGS)
def test_every_text_is_cdata_and_reads_back_exactly(make_quiz, lang: str) -> None:
    data = make_quiz("moodle-xml", lang)
    canonical = json.loads(make_quiz("json", lang))
    root = etree.fromstring(data, etree.XMLParser(strip_cdata=False, resolve_entities=False, no_network=True))
    nodes = texts(root)
    assert len(nodes) >= len(canonical["items"]) * 12  # name, question, feedback, 4 answers with feedback, tags
    for node in nodes:
        raw = etree.tostring(node, encoding="unicode", with_tail=False)
        # One or more CDATA sections and nothing else: no text reaches Moodle as escaped markup.
        assert re.fullmatch(r"<text>(<!\[CDATA\[.*?\]\]>)+</text>", raw, re.S), raw[:120]
    by_name = {q.findtext("name/text"): q for q in root.iter("question")}
    assert list(by_name) == [i["id"] for i in canonical["items"]]
    for item in canonical["items"]:
        q = by_name[item["id"]]
        content, _ = hostile.texts(item["id"], lang)
        question = q.findtext("questiontext/text")
        # Every line of the content, with every space, in the HTML Moodle stores.
        for line in content.splitlines():
            escaped = line.strip().replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;").replace("'", "&#x27;")
            assert escaped in question, (item["id"], line)
        assert [a.findtext("text") for a in q.findall("answer")] == [
            hostile.title(o["id"], lang).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;").replace("'", "&#x27;")
            for o in item["options"]]


def test_a_cdata_end_inside_a_text_is_split_as_moodle_does() -> None:
    assert cdata("a ]]> b") == "<![CDATA[a ]]]]><![CDATA[> b]]>"
    assert cdata("]]>]]>") == "<![CDATA[]]]]><![CDATA[>]]]]><![CDATA[>]]>"
    assert cdata("") == "" and cdata("x\r\ny\rz") == "<![CDATA[x\ny\nz]]>"
    for value in ("a ]]> b", "]]>]]>", "]]", "]>", "<![CDATA[ ]]>", "সরিয়ে দিন ]]> ক্ষ"):
        assert etree.fromstring(f"<t>{cdata(value)}</t>".encode()).text == value


def test_the_hostile_text_survives_in_both_languages(make_quiz) -> None:
    for lang in LANGS:
        data = make_quiz("moodle-xml", lang)
        q = next(q for q in etree.fromstring(data).iter("question") if q.findtext("name/text") == hostile.HOSTILE_EXAMPLE)
        question = q.findtext("questiontext/text")
        if lang == "en":
            assert "&quot;]]&gt; &lt;![CDATA[ x ]]&gt;&quot; &amp; &lt;script&gt;" in question and "<script>" not in question
        else:
            assert hostile.BN_WORDS in question and "&lt;b&gt;না&lt;/b&gt;" in question


@pytest.mark.parametrize("lang", LANGS)
def test_idnumber_and_settings_match_a_gift_import(make_quiz, lang: str) -> None:
    root = etree.fromstring(make_quiz("moodle-xml", lang))
    for q in root.iter("question"):
        assert q.findtext("idnumber") == q.findtext("name/text") and re.fullmatch(r"[A-Z]{2,5}-\d{3}-E\d{2,}", q.findtext("idnumber"))
        assert {k: q.findtext(k) for k in GIFT_DEFAULTS} == GIFT_DEFAULTS
        assert [a.get("fraction") for a in q.findall("answer")].count("100") == 1


def test_control_characters_and_surrogates_never_reach_the_file(make_quiz) -> None:
    data = json.loads(make_quiz("json", "en"))
    data["items"][0]["question"] += " a\x00b\x0bc\ud800d ]]> e"
    data["items"][0]["options"][0]["text"] += "\x1f]]>"
    raw = export(data, "moodle-xml")
    root = etree.fromstring(raw)  # lxml refuses any character XML 1.0 forbids
    q = root.find("question")
    assert "a\ufffdb\ufffdc\ufffdd ]]&gt; e" in q.findtext("questiontext/text")
    assert q.find("answer").findtext("text").endswith("\ufffd]]&gt;")
