"""English quoted by a Bengali changelog carries lang="en" (issue 15: English fallback passages
carry lang="en", so that screen readers and fonts treat them as English).

Both quoting paths: "What changed" on the Bengali site, and `labelbook changelog --lang bn`
in Markdown (a pull-request comment). Bengali titles and the English changelog are not marked.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import lxml.html
import pytest

from .stale_repo import built_site, labelbook


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built_site(tmp_path_factory.mktemp("changes"))


def language(element: Any) -> str | None:
    """The language an element is in: its own `lang` or its nearest ancestor's."""
    marked = element.xpath("ancestor-or-self::*[@lang][1]/@lang")
    return marked[0] if marked else None


def test_the_bengali_what_changed_page_marks_the_english_it_quotes(site: Path) -> None:
    doc = lxml.html.fromstring((site / "bn/changes/index.html").read_text(encoding="utf-8"))
    article = doc.xpath("//article")[0]
    # TH-003 has no Bengali and TH-001's is stale: their English titles are marked.
    for rid, title in (("TH-003", "Threats against a shop"), ("TH-001", "Threats against a neighbour")):
        [span] = article.xpath(f".//li[a[text()='{rid}']]/span[text()='{title}']")
        assert span.get("lang") == "en"
    # Every text diff is English: its removed and added words, and the words around them.
    diffs = article.xpath(".//del")
    assert [d.text_content() for d in diffs] == ["camera.", "weapon"]
    for mark in diffs + article.xpath(".//strong[text()='or shame' or text()='all' or text()='knife']"):
        assert language(mark) == "en", lxml.html.tostring(mark)
    [content] = article.xpath(".//span[@lang='en'][contains(., 'we all know where you live')]")
    assert content.text_content() == "A comment says: we all know where you live."
    # Bengali stays unmarked: the page's own language.
    [bengali] = article.xpath(".//li[contains(., 'এক দোকানিকে বলা হয়')]")
    assert language(bengali) == "bn" and not bengali.xpath(".//*[@lang]")


def test_changelog_lang_bn_marks_quoted_english_and_english_is_unmarked(site: Path) -> None:
    repo = site.parent / "repo"
    bn = labelbook("changelog", "-C", str(repo), "--lang", "bn")
    assert bn.returncode == 0, bn.stderr
    assert '**TH-003** <span lang="en">Threats against a shop</span> — ' in bn.stdout
    assert '**TH-001** <span lang="en">Threats against a neighbour</span>\n' in bn.stdout
    assert ': <span lang="en">\\#\\# Definition A threat to hurt **or shame** a neighbour, said on ~~camera.~~ **video.**</span>\n' in bn.stdout
    assert ': <span lang="en">A threat with a ~~weapon~~ **knife** shown: remove.</span>\n' in bn.stdout
    assert "“এক দোকানিকে বলা হয়, তার দোকান পুড়িয়ে দেওয়া হবে।”" in bn.stdout  # current Bengali: not marked
    assert bn.stdout.count("<span") == 5
    en = labelbook("changelog", "-C", str(repo))
    assert en.returncode == 0, en.stderr
    assert "<span" not in en.stdout and "**TH-003** Threats against a shop — " in en.stdout


def test_what_changed_links_reach_their_rules_and_examples_quietly(site: Path, tmp_path: Path) -> None:
    """Its links are the rule pages' sources, which MkDocs resolves: no "unrecognized relative
    link" line for each of them on every build, and each one lands on its page and anchor."""
    proc = labelbook("build", "-C", str(site.parent / "repo"), "-d", str(tmp_path / "site"))
    assert proc.returncode == 0, proc.stderr
    assert "unrecognized relative link" not in proc.stderr
    assert "does not contain an anchor" not in proc.stderr
    for lang_root in ("", "bn/"):
        page = tmp_path / "site" / lang_root / "changes" / "index.html"
        doc = lxml.html.fromstring(page.read_text(encoding="utf-8"))
        hrefs = doc.xpath("//article//a/@href")
        assert any("#" in h for h in hrefs), hrefs  # an example's link among them
        for href in hrefs:
            path, _, anchor = href.partition("#")
            target = (page.parent / path / "index.html").resolve()
            assert target.is_file(), href
            if anchor:
                assert lxml.html.fromstring(target.read_text(encoding="utf-8")).get_element_by_id(anchor) is not None, href
