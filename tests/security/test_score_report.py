"""`labelbook score` reports made from a hostile quiz file and a hostile responses CSV
(SPEC §3, §6): labeler ids, item titles, answers and links are shown as text, and nothing
in them runs, in the html page or in the md report once a Markdown renderer (GitHub's
CommonMark, Python-Markdown) has turned it into HTML. The reports are parsed back with
html.parser, not searched for strings."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import markdown
import pytest

from labelbook.cli import main
from tests.score.helpers import item, quiz, write_csv, write_quiz

#: rule id -> (hostile title, hostile link): every link but the first must lose its href.
RULES = {
    "HS-001": ('"><img src=x onerror=alert(1)>', "hate-speech/HS-001/"),
    "HS-002": ("<script>alert(1)</script>", "javascript:alert(1)"),
    "BU-001": ('{: onclick="alert(1)"}', " JaVaScRiPt:alert(1)"),
    "SH-001": ("| broken | table |", "java\tscript:alert(1)"),
    "DA-001": ("[x](javascript:alert(1))", "data:text/html,<script>alert(1)</script>"),
    "VB-001": ("**bold** _em_ `code`", "vbscript:msgbox(1)"),
    "EN-001": ("entity", "&#x6a;avascript:alert(1)"),
}
LABELERS = [
    "<img src=x onerror=alert(1)>", '"><svg onload=alert(1)>', "<script>alert(1)</script>", "pipe|in|name",
    "line\n| injected | row | here |", "[click](javascript:alert(1))", '{: onclick="alert(1)"}', "&lt;b&gt;entity",
    "সুমাইয়া", "**bold** `code` \\ end\\",
]
GUIDELINE = "<script>alert('title')</script>\n# not a heading"
TAGS_HTML = {"html", "head", "meta", "title", "style", "body", "h1", "h2", "p", "strong", "table", "thead", "tbody",
             "tr", "th", "td", "a", "svg", "line", "text", "rect", "g"}
TAGS_MD = {"h1", "h2", "p", "em", "strong", "table", "thead", "tbody", "tr", "th", "td", "a"}


class Page(HTMLParser):
    """Every element with its attributes, and the text of each table row's cells."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.rows: list[list[str]] = []
        self.text: list[str] = []
        self._cell: list[str] | None = None
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append("".join(self._cell))
            self._cell = None

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._cell is not None:
            self._cell.append(data)

    def assert_inert(self, allowed: set[str]) -> None:
        assert {tag for tag, _ in self.elements} <= allowed
        for tag, attrs in self.elements:
            assert not [a for a in attrs if a.startswith("on")], (tag, attrs)
            for name in ("href", "src", "xlink:href", "action", "formaction"):
                if attrs.get(name) is not None:
                    # What a browser does first: drop leading C0/space, and tabs and newlines anywhere.
                    url = re.sub(r"[\t\n\r]", "", attrs[name] or "").lstrip("".join(map(chr, range(33))))
                    assert urlsplit(url).scheme.lower() in ("", "http", "https"), (tag, attrs)

    def labeler_rows(self, width: int) -> dict[str, list[str]]:
        """The rows of the per-labeler table (header: labeler, answered, skipped, accuracy)."""
        start = next(n for n, r in enumerate(self.rows) if r and r[0] == "labeler")
        rows = [r for r in self.rows[start + 1:start + 1 + len(LABELERS)]]
        assert all(len(r) == width for r in rows), rows
        return {r[0]: r for r in rows}


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    items = []
    for n, (rule, (title, url)) in enumerate(RULES.items()):
        it = item(f"{rule}-E01", "remove" if n % 2 else "allow", area="hate-speech")
        it["feedback"].update(rule_title=title, rule_url=url)
        it["options"][0]["text"] = "<b onmouseover=alert(1)>Remove</b>"
        items.append(it)
    data = quiz(items)
    data["guideline"]["title"] = GUIDELINE
    rows = [(name, it["id"], "remove" if k % 3 else "allow") for k, name in enumerate(LABELERS) for it in items]
    return write_quiz(tmp_path / "quiz.json", data), write_csv(tmp_path / "responses.csv", rows)


def report(files: tuple[Path, Path], fmt: str, capsys: pytest.CaptureFixture[str]) -> str:
    capsys.readouterr()
    code = main(["score", "--quiz", str(files[0]), str(files[1]), "--format", fmt])
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


def test_html_report_runs_nothing(files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    page = Page(report(files, "html", capsys))
    page.assert_inert(TAGS_HTML)
    assert [tag for tag, _ in page.elements].count("style") == 1
    csp = next(a["content"] for tag, a in page.elements if tag == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in csp and "unsafe-inline" not in csp and "script-src" not in csp
    # Only the one safe link is a link; the others are shown as text.
    hrefs = {a["href"] for tag, a in page.elements if tag == "a"}
    assert hrefs == {"hate-speech/HS-001/", "&#x6a;avascript:alert(1)"}  # the latter is a relative path
    rows = page.labeler_rows(4)
    assert sorted(rows) == sorted(LABELERS)  # every id, character for character, as text
    text = "".join(page.text)
    for title, _ in RULES.values():
        assert title in text
    assert f"Calibration report: {GUIDELINE} (version dev, en)" in text


def md_page(md: str) -> Page:
    return Page(markdown.markdown(md, extensions=["tables", "attr_list"]))


def test_markdown_report_stays_text_once_rendered(files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    md = report(files, "md", capsys)
    section = md.split("## Labelers (lowest accuracy first)")[1].split("\n## ")[0]
    table = [line for line in section.splitlines() if line.startswith("|")]
    assert len(table) == 2 + len(LABELERS)  # a name cannot add or split a row
    assert all(len(re.findall(r"(?<!\\)\|", line)) == 5 for line in table[2:]), table
    page = md_page(md)
    page.assert_inert(TAGS_MD)
    assert {a["href"] for tag, a in page.elements if tag == "a"} == {"%26#x6a;avascript:alert%281%29", "hate-speech/HS-001/"}
    rows = page.labeler_rows(4)
    # Python-Markdown has no `\<` escape: it shows the backslash, and without a bare `>` no tag forms.
    shown = {name.replace("\\<", "<").replace("\\>", ">") for name in rows}
    assert shown == {name.replace("\n", " ") for name in LABELERS}


def test_markdown_report_in_commonmark(files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    markdown_it = pytest.importorskip("markdown_it", reason="markdown-it-py renders Markdown as GitHub does (CommonMark)")
    page = Page(markdown_it.MarkdownIt("commonmark").enable("table").render(report(files, "md", capsys)))
    page.assert_inert(TAGS_MD)
    assert sorted(page.labeler_rows(4)) == sorted(name.replace("\n", " ") for name in LABELERS)


def test_json_report_keeps_every_id_intact(files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    data = json.loads(report(files, "json", capsys))
    assert sorted(l["labeler"] for l in data["labelers"]) == sorted(LABELERS)
    assert data["guideline"]["title"] == GUIDELINE
    assert {r["id"]: r["title"] for r in data["rules"]} == {rule: title for rule, (title, _) in RULES.items()}


@pytest.mark.parametrize("fmt", ["text", "md", "html", "json"])
def test_lone_surrogate_in_the_quiz_is_no_crash(tmp_path: Path, fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    items = [item("HS-001-E01", "remove"), item("HS-001-E02", "allow")]
    items[0]["feedback"]["rule_title"] = "half a pair: \ud800"
    data = quiz(items)
    data["guideline"]["title"] = "title \udfff"
    path = tmp_path / "quiz.json"
    path.write_text(json.dumps(data), encoding="utf-8")  # ASCII JSON may write "\ud800"; UTF-8 cannot
    csv_path = write_csv(tmp_path / "r.csv", [("ana", "HS-001-E01", "remove"), ("bo", "HS-001-E02", "allow")])
    capsys.readouterr()
    code = main(["score", "--quiz", str(path), str(csv_path), "--format", fmt])
    out, err = capsys.readouterr()
    assert "internal error" not in err and "Traceback" not in err
    if code == 1:  # refusing the quiz file is as good, if the problem is named
        assert re.search(r"^.*quiz\.json(:\d+:\d+)?: error\[quiz-[a-z-]+\]: ", err, re.MULTILINE), err
    else:
        assert code == 0 and "title \ufffd" in out
        out.encode("utf-8")
