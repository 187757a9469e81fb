"""The HTML report opened in Chromium from a file, on a closed network: its charts draw,
it asks for nothing from anywhere, hostile cells run nothing, and the Bengali report
renders in the Bengali font it carries."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from . import scenarios
from .repo import release_repo
from .run import qa
from .world import generate, write_csv

CHARTS = ("chart-trend", "chart-pchart", "chart-mixrate", "chart-confusion")


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("browser")
    repo = release_repo(tmp / "repo", dt.date(2026, 9, 1), dt.date(2026, 11, 23))
    rows = generate(scenarios.release(), seed=4)
    for r in rows:
        if r["labeler"] == "L05":
            r["labeler"] = "<script>alert('labeler')</script>"
        r["vendor"] = "<img src=x onerror=alert('vendor')>" if r["labeler"] == "L06" else "V1"
    write_csv(tmp / "audits.csv", rows)
    out = {}
    for lang in ("en", "bn"):
        run = qa("audits.csv", "-C", repo, "--lang", lang, "-o", f"report-{lang}.html", cwd=tmp)
        assert run.code == 0, run.stderr
        out[lang] = tmp / f"report-{lang}.html"
    return out


def open_offline(chromium: Any, path: Path) -> tuple[Any, list[str], list[str], list[str]]:
    page = chromium.new_page(viewport={"width": 1280, "height": 900})
    requests: list[str] = []
    dialogs: list[str] = []
    errors: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file://") else route.abort())
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    return page, requests, dialogs, errors


@pytest.mark.parametrize("lang", ["en", "bn"])
def test_the_report_draws_its_charts_offline_and_runs_nothing(chromium: Any, reports: dict[str, Path], lang: str) -> None:
    page, requests, dialogs, errors = open_offline(chromium, reports[lang])
    for chart in CHARTS:
        box = page.locator(f"svg.{chart}").bounding_box()
        assert box and box["width"] > 300 and box["height"] > 150, chart
        assert page.locator(f"svg.{chart}").is_visible()
    assert page.locator("svg.chart-trend g.release").count() == 1
    assert page.locator("svg.chart-trend polyline").count() == 1 + 3  # all audits and three areas
    assert page.locator("svg.chart-pchart circle.alarm").count() >= 1
    assert page.evaluate("document.scripts.length") == 0
    assert dialogs == [] and errors == []
    assert requests == [reports[lang].as_uri()]  # the page itself, nothing else
    page.close()


def test_the_bengali_report_uses_the_bengali_font_it_carries(chromium: Any, reports: dict[str, Path]) -> None:
    page, requests, _, _ = open_offline(chromium, reports["bn"])
    page.evaluate("document.fonts.ready")
    loaded = page.evaluate("[...document.fonts].filter(f => f.family.includes('Noto Sans Bengali') && f.status === 'loaded').length")
    assert loaded >= 1
    assert page.evaluate("document.fonts.check('16px \"Noto Sans Bengali\"', 'সাপ্তাহিক')")
    assert "Noto Sans Bengali" in page.evaluate("getComputedStyle(document.body).fontFamily")
    assert page.locator("h1").inner_text().startswith("সাপ্তাহিক QA প্রতিবেদন ২০২৬-W৪৮")
    assert requests == [reports["bn"].as_uri()]
    page.close()
