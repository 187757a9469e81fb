"""Every format, in both languages, read back by an independent reader and checked against
the source examples (tests/quiz/sample.py), not against labelbook's own model."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
import zipfile
from html import unescape
from pathlib import Path

import jsonschema
import pytest

from . import gift_parser
from .sample import QUIZZABLE, area_of, decision_title, example, expected_text

SCHEMA = json.loads((Path(__file__).parents[2] / "schemas" / "quiz.schema.json").read_text("utf-8"))
QTI = "{http://www.imsglobal.org/xsd/imsqti_v2p1}"
CP = "{http://www.imsglobal.org/xsd/imscp_v1p1}"
IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]*$")
N = len(QUIZZABLE)  # every quizzable example, so every item is checked
LANGS = ["en", "bn"]


def canonical(quiz, lang: str) -> dict:
    data, _ = quiz("--count", str(N), "--lang", lang, "--format", "json", name=f"canon-{lang}.json")
    return json.loads(data)


def check_options(options: list[str], eid: str, lang: str) -> None:
    """All four decisions (the taxonomy fits in the default --options 5), in taxonomy order."""
    assert options == [decision_title(d, lang) for d in ("remove", "age-restrict", "warning-screen", "allow")]
    assert decision_title(example(eid)["label"], lang) in options


@pytest.mark.parametrize("lang", LANGS)
def test_json_validates_and_keys_match_the_examples(quiz, lang):
    data = canonical(quiz, lang)
    jsonschema.Draft202012Validator(SCHEMA).validate(data)
    assert data["lang"] == lang and data["guideline"]["version"] == "dev"
    assert sorted(i["id"] for i in data["items"]) == QUIZZABLE
    for item in data["items"]:
        ex = example(item["id"])
        assert item["key"] == ex["label"]
        assert item["rule"] == item["id"].rsplit("-", 1)[0] and item["area"] == area_of(item["id"])
        assert re.fullmatch(r"[0-9a-f]{12}", item["fingerprint"])
        content, rationale = expected_text(item["id"], lang)
        assert item["question"].endswith(content)
        assert item["feedback"]["rationale"] == rationale
        prefix = "bn/" if lang == "bn" else ""
        assert item["feedback"]["rule_url"] == f"{prefix}{item['area']}/{item['rule']}/"
        check_options([o["text"] for o in item["options"]], item["id"], lang)
        if ex.get("sensitive"):
            warning = "Content warning" if lang == "en" else "কনটেন্ট সতর্কতা"
            assert item["question"].startswith(warning) and item["question"] != content
        else:
            assert item["question"] == content


def test_bengali_quiz_says_which_items_fell_back_to_english(quiz):
    data, run = quiz("--count", str(N), "--lang", "bn")
    assert "BU-001-E03: the Bengali translation is missing; the item uses the English text" in run.stderr
    assert "HS-002-E02: the Bengali translation is stale; the item uses the English text" in run.stderr
    items = {i["id"]: i for i in json.loads(data)["items"]}
    assert items["HS-001-E02"]["question"].startswith("একটি মন্তব্যে")
    assert items["HS-001-E02"]["options"][0] == {"id": "remove", "text": "সরিয়ে দিন"}
    assert items["HS-001-E02"]["feedback"]["rule_title"] == "সুরক্ষিত গোষ্ঠীকে লক্ষ্য করে গালি"


@pytest.mark.parametrize("lang", LANGS)
def test_csv_reads_back_with_the_csv_module(quiz, lang):
    data, _ = quiz("--count", str(N), "--lang", lang, "--format", "csv")
    assert data.startswith(b"\xef\xbb\xbf")  # Excel needs the BOM to read UTF-8 Bengali
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert sorted(r["id"] for r in rows) == QUIZZABLE
    for row in rows:
        ex = example(row["id"])
        assert row["key"] == ex["label"] and row["key_text"] == decision_title(ex["label"], lang)
        assert row["question"].endswith(expected_text(row["id"], lang)[0])  # multi-line text survives
        options = [row[f"option_{i}_text"] for i in range(1, 5)]
        check_options(options, row["id"], lang)
        assert row[f"option_{options.index(row['key_text']) + 1}_id"] == row["key"]
        assert row["sensitive"] == ("yes" if ex.get("sensitive") else "no")


@pytest.mark.parametrize("lang", LANGS)
def test_gift_parses_strictly_with_the_right_key(quiz, lang):
    data, _ = quiz("--count", str(N), "--lang", lang, "--format", "gift")
    text = data.decode("utf-8")
    questions = gift_parser.parse(text)
    assert sorted(q.name for q in questions) == QUIZZABLE
    for q in questions:
        ex = example(q.name)
        assert q.format == "html"
        right = [a for a in q.answers if a.correct]
        assert len(right) == 1 and unescape(right[0].text) == decision_title(ex["label"], lang)
        check_options([unescape(a.text) for a in q.answers], q.name, lang)
        content, rationale = expected_text(q.name, lang)
        shown = gift_parser.html_text(q.text)
        assert content in shown  # Bengali intact, specials and line breaks restored
        assert gift_parser.html_text(right[0].feedback) == ("Correct." if lang == "en" else "সঠিক।")
        assert all(gift_parser.html_text(a.feedback).startswith("Not quite" if lang == "en" else "ঠিক হয়নি") for a in q.answers if not a.correct)
        prefix = "bn/" if lang == "bn" else ""
        assert f'href="{prefix}{area_of(q.name)}/{q.name.rsplit("-", 1)[0]}/"' in q.general_feedback


def test_gift_escapes_every_special_character(quiz):
    data, _ = quiz("--count", str(N), "--format", "gift")
    block = next(b for b in data.decode("utf-8").split("\n\n") if b.startswith("::HS-002-E02::"))
    first = block.split("\n")[0]
    # Moodle's own escapes: \= \{ \} \~ \# \: and \\ ; the line break is HTML, so the question stays one line.
    for escaped in ("\\=", "\\{perfect\\}", "\\~", "\\#winning", "Score\\:", "\\\\o/", "<br />Second line"):
        assert escaped in first
    # Quoted HTML reaches Moodle as text, never as markup.
    assert "&lt;script&gt;" in first and "<script>" not in first
    q = next(q for q in gift_parser.parse(data.decode("utf-8")) if q.name == "HS-002-E02")
    assert "Second line quotes <script>alert('x')</script> as text." in gift_parser.html_text(q.text)
    # The rationale's Markdown is rendered, its raw HTML escaped, its javascript: link dropped.
    assert "<strong>no</strong>" in q.general_feedback and "&lt;b&gt;" in q.general_feedback
    assert "javascript" not in q.general_feedback


@pytest.mark.parametrize("lang", LANGS)
def test_moodle_xml_reads_back_with_elementtree(quiz, lang):
    data, _ = quiz("--count", str(N), "--lang", lang, "--format", "moodle-xml")
    root = ET.fromstring(data)
    assert root.tag == "quiz"
    questions = root.findall("question")
    assert sorted(q.findtext("name/text") for q in questions) == QUIZZABLE
    for q in questions:
        assert q.get("type") == "multichoice" and q.findtext("single") == "true"
        eid = q.findtext("name/text")
        ex = example(eid)
        answers = q.findall("answer")
        right = [a for a in answers if a.get("fraction") == "100"]
        assert len(right) == 1 and unescape(right[0].findtext("text")) == decision_title(ex["label"], lang)
        assert all(a.get("fraction") == "0" for a in answers if a not in right)
        check_options([unescape(a.findtext("text")) for a in answers], eid, lang)
        assert expected_text(eid, lang)[0] in gift_parser.html_text(q.findtext("questiontext/text"))
        assert q.find("questiontext").get("format") == "html"
        assert "<a href=" in q.findtext("generalfeedback/text")
        tags = {t.findtext("text") for t in q.findall("tags/tag")}
        assert {"version:dev", f"rule:{eid.rsplit('-', 1)[0]}"} <= tags


@pytest.mark.parametrize("lang", LANGS)
def test_qti_package_reads_back_item_by_item(quiz, lang):
    data, _ = quiz("--count", str(N), "--lang", lang, "--format", "qti")
    zf = zipfile.ZipFile(io.BytesIO(data))
    assert zf.testzip() is None
    manifest = ET.fromstring(zf.read("imsmanifest.xml"))
    assert manifest.tag == f"{CP}manifest"
    resources = manifest.findall(f"{CP}resources/{CP}resource")
    items = [r for r in resources if r.get("type") == "imsqti_item_xmlv2p1"]
    assert len(items) == N
    assert [r.get("type") for r in resources if r not in items] == ["imsqti_test_xmlv2p1"]
    seen = []
    for res in items:
        assert IDENT.match(res.get("identifier"))
        assert res.find(f"{CP}file").get("href") == res.get("href")
        item = ET.fromstring(zf.read(res.get("href")))
        assert item.tag == f"{QTI}assessmentItem" and IDENT.match(item.get("identifier"))
        eid = item.get("title")
        seen.append(eid)
        assert item.get("identifier") == f"item-{eid}"
        assert item.get("{http://www.w3.org/XML/1998/namespace}lang") == lang
        decl = item.find(f"{QTI}responseDeclaration")
        assert decl.get("identifier") == "RESPONSE" and decl.get("cardinality") == "single"
        key = decl.findtext(f"{QTI}correctResponse/{QTI}value")
        interaction = item.find(f"{QTI}itemBody/{QTI}choiceInteraction")
        assert interaction.get("maxChoices") == "1" and interaction.get("responseIdentifier") == "RESPONSE"
        choices = {c.get("identifier"): c.text for c in interaction.findall(f"{QTI}simpleChoice")}
        assert all(IDENT.match(c) for c in choices)
        assert key == f"choice-{example(eid)['label']}" and choices[key] == decision_title(example(eid)["label"], lang)
        check_options(list(choices.values()), eid, lang)
        feedback = item.findall(f"{QTI}modalFeedback")
        assert sorted(f.get("identifier") for f in feedback) == sorted(choices)
        assert all(f.get("outcomeIdentifier") == "FEEDBACK" for f in feedback)
        body_text = "".join(item.find(f"{QTI}itemBody").itertext())
        assert expected_text(eid, lang)[0].split("\n")[0] in body_text
    assert sorted(seen) == QUIZZABLE
    test = ET.fromstring(zf.read("test.xml"))
    refs = [r.get("href") for r in test.iter(f"{QTI}assessmentItemRef")]
    assert refs == [r.get("href") for r in items]  # the quiz's order is kept
