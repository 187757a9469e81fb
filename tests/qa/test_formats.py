"""Every format says the same thing with the same numbers: JSON (against its schema), text,
Markdown, HTML (parsed) and XLSX (read back with openpyxl, charts included)."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import zipfile

import openpyxl
import pytest
from lxml import html as lxml_html

from labelbook.qa.strings import Words

from . import scenarios
from .repo import SITE_URL, release_repo
from .run import qa
from .world import generate, write_csv


@pytest.fixture(scope="module")
def produced(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The release scenario in every format (and Bengali HTML), from one repository and one file."""
    tmp = tmp_path_factory.mktemp("formats")
    repo = release_repo(tmp / "repo", dt.date(2026, 9, 1), dt.date(2026, 11, 23))
    write_csv(tmp / "audits.csv", generate(scenarios.release(), seed=4))
    out = {}
    for fmt in ("json", "text", "md", "html", "xlsx"):
        run = qa("audits.csv", "-C", repo, "-o", f"report.{ 'txt' if fmt == 'text' else fmt}", cwd=tmp)
        assert run.code == 0, run.stderr
        out[fmt] = (tmp / f"report.{'txt' if fmt == 'text' else fmt}").read_bytes()
    bn = qa("audits.csv", "-C", repo, "--format", "html", "--lang", "bn", cwd=tmp)
    assert bn.code == 0, bn.stderr
    out["html-bn"] = bn.stdout
    again = qa("audits.csv", "-C", repo, "--format", "xlsx", "-o", "again.xlsx", cwd=tmp)
    assert again.code == 0
    out["xlsx-again"] = (tmp / "again.xlsx").read_bytes()
    return out


def test_json_is_valid_against_its_schema(produced: dict[str, bytes], qa_validator) -> None:
    report = json.loads(produced["json"])
    assert list(qa_validator.iter_errors(report)) == []
    for key in ("audits", "accuracy", "accuracy_low", "accuracy_high", "under_rate", "over_rate", "previous_accuracy", "baseline_accuracy"):
        assert key in report["headline"]
    assert {"dimension", "value", "audits", "errors", "rate", "baseline_rate", "q_value"} <= set(report["flags"][0])
    assert {"total", "mix", "rate", "by_rule"} <= set(report["rca"]) and {"rule", "mix", "rate"} <= set(report["rca"]["by_rule"][0])
    assert {"rule", "verdict", "labelers", "top_confusion"} <= set(report["verdicts"][0])
    assert {"owner", "text"} <= set(report["actions"][0])
    assert all(0 <= w["accuracy"] <= 1 for w in report["weeks"])


def test_text_and_markdown_show_the_json_numbers(produced: dict[str, bytes]) -> None:
    r = json.loads(produced["json"])
    w = Words("en")
    h = r["headline"]
    text, md = produced["text"].decode(), produced["md"].decode()
    row = f"This week       {w.n(h['audits'])}     {w.pct(h['accuracy'])}"
    assert row in text
    assert f"| This week | {w.n(h['audits'])} | {w.pct(h['accuracy'])} | {w.pct(h['accuracy_low'])} – {w.pct(h['accuracy_high'])} | {w.pct(h['under_rate'])} | {w.pct(h['over_rate'])} |" in md
    rca = r["rca"]
    summary = f"of which mix {w.points(rca['mix'])} and rate {w.points(rca['rate'])}"
    assert summary in text and summary in md
    for flag in r["flags"]:
        assert f"{w.pct(flag['rate'])}" in text
    v = r["verdicts"][0]
    assert f"[HS-001 {v['title']}]({v['url']})" in md
    assert f"HS-001 {v['title']} <{v['url']}> — CLARIFY" in text
    for a in r["actions"]:
        assert a["text"] in text


def _table(doc, key: str) -> list[list[str]]:
    return [[c.text_content().strip() for c in tr.xpath("./td")] for tr in doc.xpath(f'//table[@id="t-{key}"]/tbody/tr')]


def test_html_tables_and_charts_show_the_json_numbers(produced: dict[str, bytes]) -> None:
    r = json.loads(produced["json"])
    w = Words("en")
    doc = lxml_html.fromstring(produced["html"])
    head = _table(doc, "headline")
    assert head[0][:3] == ["This week", w.n(r["headline"]["audits"]), w.pct(r["headline"]["accuracy"])]
    assert [row[0] for row in _table(doc, "weeks")] == [p["week"] for p in r["weeks"]]
    assert [row[2] for row in _table(doc, "weeks")] == [w.pct(p["accuracy"]) for p in r["weeks"]]
    assert _table(doc, "weeks")[-1][-1] == "v1.1.0"  # the release marked on its week
    charts = {c.get("class") for c in doc.xpath("//svg")}
    assert charts == {"chart chart-trend", "chart chart-pchart", "chart chart-mixrate", "chart chart-confusion"}
    assert doc.xpath('//svg[contains(@class,"chart-trend")]//g[@class="release"]/text')[0].text == "v1.1.0"
    assert len(doc.xpath('//svg[contains(@class,"chart-pchart")]//circle')) == len(r["pchart"]["days"])
    assert len(doc.xpath('//svg[contains(@class,"chart-pchart")]//circle[contains(@class,"alarm")]')) == sum(d["below"] for d in r["pchart"]["days"])
    bars = doc.xpath('//svg[contains(@class,"chart-mixrate")]//rect[@class="rate"]/title')
    assert bars[0].text == f"HS-001: {w.points(r['rca']['by_rule'][0]['rate'], 2)}"
    cells = doc.xpath('//svg[contains(@class,"chart-confusion")]//rect[@class="cell"]/title')
    counts = {(c["decision"], c["qa_decision"]): c["audits"] for c in r["confusion"]}
    title = {"remove": "Remove", "age-restrict": "Age-restrict", "allow": "Allow"}  # policy.yaml's titles: the page names decisions so
    assert [c.text for c in cells] == [f"{title[d]} → {title[q]}: {w.n(counts.get((d, q), 0))}"
                                       for d in r["settings"]["decisions"] for q in r["settings"]["decisions"]]
    links = [a.get("href") for a in doc.xpath("//a[@href]") if not a.get("href").startswith("#")]
    assert links and all(h.startswith(SITE_URL + "/1.1.0/") for h in links)
    assert doc.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")[0].startswith("default-src 'none'")
    assert not doc.xpath("//script") and not doc.xpath("//link") and not doc.xpath("//img")


def test_bengali_html_speaks_bengali(produced: dict[str, bytes]) -> None:
    doc = lxml_html.fromstring(produced["html-bn"])
    # The decisions by their Bengali titles (policy.bn.yaml), in the confusion matrix too.
    assert "সরিয়ে দিন → বয়সসীমা দিন" in doc.text_content()
    assert [t.text for t in doc.xpath('//svg[contains(@class,"chart-confusion")]/text')][2:5] == ["সরিয়ে দিন", "বয়সসীমা দিন", "অনুমতি দিন"]
    r = json.loads(produced["json"])
    w = Words("bn")
    assert doc.get("lang") == "bn"
    assert [h.text_content() for h in doc.xpath("//h2")][0] == f"১. {w('Headline')}" != "১. Headline"
    assert _table(doc, "headline")[0][1] == w.n(r["headline"]["audits"]) and w.n(r["headline"]["audits"]).strip("০১২৩৪৫৬৭৮৯,") == ""
    assert "@font-face" in produced["html-bn"].decode() and "data:font/woff2;base64," in produced["html-bn"].decode()
    links = [a.get("href") for a in doc.xpath("//a[@href]") if not a.get("href").startswith("#")]
    assert links and all(h.startswith(SITE_URL + "/1.1.0/bn/") for h in links)


def test_xlsx_sheets_values_and_native_charts(produced: dict[str, bytes]) -> None:
    r = json.loads(produced["json"])
    book = openpyxl.load_workbook(io.BytesIO(produced["xlsx"]))
    assert book.sheetnames == ["Headline", "Trends", "Abnormal data", "Root cause", "Verdicts", "Productivity", "Actions"]
    head = book["Headline"]
    rows = [[c.value for c in row] for row in head.iter_rows()]
    this_week = next(row for row in rows if row[0] == "This week")
    assert this_week[1] == r["headline"]["audits"] and this_week[2] == pytest.approx(r["headline"]["accuracy"])
    assert head.cell(row=rows.index(this_week) + 1, column=3).number_format == "0.0%"
    trends = [[c.value for c in row] for row in book["Trends"].iter_rows()]
    weeks = [row for row in trends if row[0] in {p["week"] for p in r["weeks"]} and isinstance(row[1], int)]
    assert [(row[0], row[2]) for row in weeks[: len(r["weeks"])]] == [(p["week"], pytest.approx(p["accuracy"])) for p in r["weeks"]]
    kinds = {name: sorted(type(c).__name__ for c in book[name]._charts) for name in book.sheetnames}
    assert kinds["Trends"] == ["LineChart"] and kinds["Abnormal data"] == ["LineChart"] and kinds["Root cause"] == ["BarChart"]
    trend = book["Trends"]._charts[0]
    assert len(trend.series) == 1 + len(r["areas"]) + 1  # all, each area, the release marks
    rca = [[c.value for c in row] for row in book["Root cause"].iter_rows()]
    by_rule = [row for row in rca if row[0] and str(row[0]).startswith(("HS-", "BU-", "SP-")) and isinstance(row[5], float)]
    first = r["rca"]["by_rule"][0]
    assert by_rule[0][5] == pytest.approx(100 * first["mix"]) and by_rule[0][6] == pytest.approx(100 * first["rate"])
    assert book["Verdicts"].conditional_formatting  # the confusion matrix is shaded


def test_the_same_audits_give_the_same_bytes(produced: dict[str, bytes]) -> None:
    assert produced["xlsx"] == produced["xlsx-again"]


def test_a_release_inside_the_data_is_marked_on_the_trend_of_every_format(produced: dict[str, bytes]) -> None:
    r = json.loads(produced["json"])
    last = f"| {r['weeks'][-1]['week']} |"
    assert [line for line in produced["md"].decode().splitlines() if line.startswith(last)][0].endswith("| v1.1.0 |")
    assert [line for line in produced["text"].decode().splitlines() if line.strip().startswith(r["weeks"][-1]["week"])][0].endswith("v1.1.0")
    book = openpyxl.load_workbook(io.BytesIO(produced["xlsx"]))
    marks = book["Trends"]._charts[0].series[-1]  # the "Release" series: a marker on the release's week, labelled with its tag
    assert marks.tx.v == "Release" and len(marks.dLbls.dLbl) == len(r["weeks"])
    # openpyxl does not keep a data label's own text: read it from the chart's XML.
    with zipfile.ZipFile(io.BytesIO(produced["xlsx"])) as z:
        chart = z.read("xl/charts/chart1.xml").decode("utf-8")
    labelled = re.findall(r'<c:dLbl><c:idx val="(\d+)"/>(?:(?!</c:dLbl>).)*?<a:t>([^<]*)</a:t>', chart)
    assert labelled == [(str(len(r["weeks"]) - 1), "v1.1.0")]
