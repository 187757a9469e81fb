"""The QTI 2.1 package of the hostile repository, in English and Bengali, is valid against IMS's
official XSDs (QTI 2.1 for the items and the test, IMS CP 1.1 for the manifest) by two
independent validators, lxml (libxml2) and xmlschema (pure Python), and every item carries
its text, options, key and feedback intact."""

from __future__ import annotations

import io
import json
import zipfile
from html import unescape

import pytest
from lxml import etree

from labelbook.quiz.export_qti import qti_html

from . import hostile, xsd

LANGS = ["en", "bn"]
Q = "{http://www.imsglobal.org/xsd/imsqti_v2p1}"
SITE = "https://guides.example.org/1.0"


@pytest.fixture(scope="module")
def second_validator():
    """xmlschema: a validator that shares no code with libxml2; local files only."""
    xmlschema = pytest.importorskip("xmlschema")
    load = lambda path: xmlschema.XMLSchema(str(xsd.DATA / path), allow="local")  # noqa: E731
    return {"qti": load("qtiv2p1/imsqti_v2p1.xsd"), "cp": load("imscp_v1p1.xsd")}


def package(make_quiz, lang: str) -> dict[str, bytes]:
    zf = zipfile.ZipFile(io.BytesIO(make_quiz("qti", lang, "--site-url", SITE)))
    assert zf.testzip() is None
    return {name: zf.read(name) for name in zf.namelist()}


@pytest.mark.parametrize("lang", LANGS)
def test_every_file_is_valid_against_the_ims_xsds(make_quiz, second_validator, lang: str) -> None:
    files = package(make_quiz, lang)
    assert len(files) == 2 + len(hostile.QUIZZABLE)
    for name, data in files.items():
        kind = "cp" if name == "imsmanifest.xml" else "qti"
        assert xsd.errors(kind, data) == [], name
        second_validator[kind].validate(io.BytesIO(data))  # raises, naming the element, when invalid


@pytest.mark.parametrize("lang", LANGS)
def test_every_item_is_intact(make_quiz, lang: str) -> None:
    files = package(make_quiz, lang)
    canonical = {i["id"]: i for i in json.loads(make_quiz("json", lang, "--site-url", SITE))["items"]}
    manifest = etree.fromstring(files["imsmanifest.xml"])
    hrefs = [r.get("href") for r in manifest.iter("{*}resource") if r.get("type") == "imsqti_item_xmlv2p1"]
    assert len(hrefs) == len(canonical)
    for href in hrefs:
        item = etree.fromstring(files[href])
        eid = item.get("title")
        example = hostile.example(eid)
        assert item.get("identifier") == f"item-{eid}" and href == f"items/item-{eid}.xml"
        key = item.findtext(f"{Q}responseDeclaration/{Q}correctResponse/{Q}value")
        assert key == f"choice-{example['label']}"
        choices = item.findall(f"{Q}itemBody/{Q}choiceInteraction/{Q}simpleChoice")
        options = [o["id"] for o in canonical[eid]["options"]]
        assert [c.get("identifier") for c in choices] == [f"choice-{o}" for o in options]
        assert [c.text for c in choices] == [hostile.title(o, lang) for o in options]
        body = "".join(item.find(f"{Q}itemBody").itertext())
        content, rationale = hostile.texts(eid, lang)
        for line in content.splitlines():
            assert line.strip() in body, (eid, line)
        feedback = item.findall(f"{Q}modalFeedback")
        assert sorted(f.get("identifier") for f in feedback) == sorted(c.get("identifier") for c in choices)
        for f in feedback:
            links = [a.get("href") for a in f.iter(f"{Q}a")]
            assert hostile.rule_url(eid, lang, SITE) in links and all(h.startswith("https://") for h in links)
            words = "".join(f.itertext()).strip()
            assert words.startswith({"en": "Correct.", "bn": "সঠিক।"}[lang]) == (f.get("identifier") == key)
        if eid == hostile.HOSTILE_EXAMPLE:
            words = "".join(feedback[0].itertext())
            assert ("]]> end" in words and "<i>raw</i>" in words) if lang == "en" else hostile.BN_WORDS in words
            assert "javascript" not in files[href].decode()
            assert 'align="right"' in files[href].decode() or lang == "bn"  # a Markdown table's alignment, kept as QTI allows


def test_html_qti_does_not_allow_is_unwrapped_keeping_its_text() -> None:
    root = etree.fromstring(
        '<div><p>a <a>no href</a> <a href="https://x.org/" title="t">ok</a> <del>gone</del> <img alt="alt text" /></p>'
        '<details><summary>s</summary><p>inside</p></details>tail text'
        '<table><tr><td style="text-align:right" colspan="2" lang="bn">c</td></tr></table></div>'
    )
    import xml.etree.ElementTree as ET

    tree = ET.fromstring(etree.tostring(root))
    qti_html(tree)
    out = ET.tostring(tree, encoding="unicode")
    assert out == ('<div><p>a no href <a href="https://x.org/">ok</a> gone alt text</p>s<p>inside</p>tail text'
                   '<table><tr><td colspan="2" align="right">c</td></tr></table></div>')


def test_site_url_links_every_feedback_absolutely(make_quiz) -> None:
    for lang in LANGS:
        for name, data in package(make_quiz, lang).items():
            for a in etree.fromstring(data).iter(f"{Q}a"):
                assert a.get("href").startswith(("https://guides.example.org/1.0/", "https://example.org/")), (name, a.get("href"))
                assert unescape(a.get("href")) == a.get("href")
