"""A stale Bengali unit shows the English word diff since its translation (issue 15, Deliver 5).

The site of a real git repository (stale_repo.py), built by the real CLI: the Bengali page of
a stale rule and of each stale example shows, with its "out of date" notice, which English
words were removed and added since the text the translation was made from (found in git
history by its fingerprint). Without that history the page says so in one sentence. The
English site is unchanged, and the removed words are not in any search index.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import lxml.html
import pytest
from labelbook.core.i18n import Translator

from .browser import Tab, open_tab, served
from .stale_repo import built_site, copy_without_git, git, labelbook, write_stale_repo

BN = Translator("bn")
FOUND = "The {source} text is the one in force. Compared with the {source} text this translation was made from, struck-through words were removed and underlined words were added."
NOT_FOUND = "The {source} text this translation was made from was not found in the change history, so what changed since then cannot be shown."
SUMMARY = "What changed in the {source} text since it was translated"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built_site(tmp_path_factory.mktemp("stale"))


def page(site: Path, path: str) -> Any:
    return lxml.html.fromstring((site / path / "index.html").read_text(encoding="utf-8"))


def bn(msgid: str) -> str:
    return BN._(msgid).format(source="ইংরেজি", language="বাংলা")


def marks(element: Any) -> tuple[list[str], list[str]]:
    """(deleted, inserted) words of a diff, as the reader sees them."""
    deleted = [d.text_content() for d in element.xpath(".//del[contains(@class, 'lb-diff-del')]")]
    inserted = [i.text_content() for i in element.xpath(".//ins[contains(@class, 'lb-diff-ins')]")]
    return deleted, inserted


def test_a_stale_rule_shows_the_english_words_that_changed(site: Path) -> None:
    doc = page(site, "bn/threats/TH-001")
    notice = doc.xpath("//article//*[@data-notice='translation-stale']")
    assert len(notice) == 1
    [wrap] = doc.xpath("//article//div[@data-stale-diff]")
    assert wrap.get("data-stale-diff") == "found"
    # Right after the notice, before the English text in force.
    assert wrap.getprevious() is notice[0] and wrap.getnext().get("lang") == "en"
    [details] = wrap.xpath(".//details[contains(@class, 'lb-stale-diff')]")
    assert details.get("open") is None  # collapsed until the reader opens it
    assert details.find("summary").text_content() == bn(SUMMARY)
    assert details.xpath("./p")[0].text_content() == bn(FOUND)
    [field] = details.xpath(".//dd[@data-field]")
    assert field.get("data-field") == "body" and field.get("lang") == "en"
    assert field.getprevious().text_content() == BN._("Rule text") == "নিয়মের পাঠ"
    assert marks(field) == (["camera."], ["or shame", "video."])
    assert field.text_content() == "## Definition A threat to hurt or shame a neighbour, said on camera. video."
    # The title did not change: only changed fields are listed.
    assert len(details.xpath(".//dd")) == 1


def test_the_commit_named_is_the_one_the_translation_was_made_from(site: Path) -> None:
    repo = site.parent / "repo"
    v1 = git(repo, "rev-parse", "v1.0.0^{commit}").strip()
    doc = page(site, "bn/threats/TH-002")
    commits = {w.getparent().get("id") or w.xpath("ancestor::section/@id")[0]: w.get("data-commit") for w in doc.xpath("//div[@data-stale-diff='found']")}
    assert commits == {"TH-002-E01": v1, "TH-002-E02": v1}


def test_each_stale_example_shows_its_changes_and_current_ones_do_not(site: Path) -> None:
    doc = page(site, "bn/threats/TH-002")
    assert not doc.xpath("//article//div[@data-stale-diff and not(ancestor::section)]")  # TH-002 itself is current
    e01 = doc.get_element_by_id("TH-002-E01")
    assert e01.get("data-state") == "stale"
    [field] = e01.xpath(".//dd[@data-field]")
    assert (field.get("data-field"), field.get("lang")) == ("content", "en")
    assert field.getprevious().text_content() == BN._("Content")
    assert marks(field) == ([], ["all"])
    for current in ("TH-002-E04", "TH-002-E06"):
        assert not doc.get_element_by_id(current).xpath(".//*[@data-stale-diff]")
    assert not doc.get_element_by_id("TH-002-E03").xpath(".//*[@data-stale-diff]")  # missing: nothing to compare


def test_a_sensitive_examples_changes_stay_behind_its_content_warning(site: Path) -> None:
    e02 = page(site, "bn/threats/TH-002").get_element_by_id("TH-002-E02")
    [wrap] = e02.xpath(".//div[@data-stale-diff='found']")
    assert wrap.xpath("ancestor::details[contains(@class, 'lb-cw')]")
    [field] = wrap.xpath(".//dd[@data-field]")
    assert (field.get("data-field"), field.get("lang")) == ("rationale", "en")
    assert marks(field) == (["weapon"], ["knife"])


def test_the_english_site_is_unchanged(site: Path) -> None:
    for path in ("threats/TH-001", "threats/TH-002"):
        html = (site / path / "index.html").read_text(encoding="utf-8")
        assert "data-stale-diff" not in html and "lb-diff-" not in html


def test_removed_words_are_not_in_the_search_index(site: Path) -> None:
    # A search result quotes the page: the words no longer in force must not appear as if
    # they were. ("What changed" lists them, struck through, as it always did.)
    for index in (site / "search/search_index.json", site / "bn/search/search_index.json"):
        docs = [d for d in json.loads(index.read_text(encoding="utf-8"))["docs"] if d["location"].startswith("threats/")]
        text = " ".join(d["title"] + " " + d["text"] for d in docs)
        assert "said on video" in text  # the English in force is indexed
        assert "camera." not in text and "weapon" not in text
        assert bn(SUMMARY) not in text


def test_without_git_history_one_sentence_says_so(tmp_path: Path) -> None:
    plain = copy_without_git(write_stale_repo(tmp_path / "repo"), tmp_path / "download")
    proc = labelbook("build", "-C", str(plain), "-d", str(tmp_path / "site"))
    assert proc.returncode == 0, proc.stderr
    rule = page(tmp_path / "site", "bn/threats/TH-001")
    [sentence] = rule.xpath("//article//*[@data-stale-diff]")
    assert sentence.tag == "p" and sentence.get("data-stale-diff") == "not-found"
    assert sentence.text_content() == bn(NOT_FOUND)
    assert not rule.xpath("//article//details[contains(@class, 'lb-stale-diff')]")
    examples = page(tmp_path / "site", "bn/threats/TH-002")
    assert [p.get("data-stale-diff") for p in examples.xpath("//article//*[@data-stale-diff]")] == ["not-found", "not-found"]


def test_a_release_built_from_its_git_archive_says_it_was_not_found(tmp_path: Path) -> None:
    # `build --versions` builds a release from a `git archive` copy: the working tree's
    # pages show the diff, the release's say that the history was not at hand.
    repo = write_stale_repo(tmp_path / "repo")
    git(repo, "tag", "-a", "v1.1.0", "-m", "Guidelines 1.1.0")
    proc = labelbook("build", "--versions", "-C", str(repo), "-d", str(tmp_path / "site"))
    assert proc.returncode == 0, proc.stderr
    states = {v: [e.get("data-stale-diff") for e in page(tmp_path / "site", f"{v}/bn/threats/TH-001").xpath("//article//*[@data-stale-diff]")] for v in ("dev", "1.1.0")}
    assert states == {"dev": ["found"], "1.1.0": ["not-found"]}


# --- in the browser --------------------------------------------------------------------


@pytest.fixture(scope="module")
def tab(chromium: Any, site: Path) -> Iterator[Tab]:
    with served(site) as url, open_tab(chromium, url) as opened:
        yield opened


def test_the_reader_opens_the_changes_and_sees_them_marked(tab: Tab) -> None:
    tab.goto("/bn/threats/TH-001/")
    details = tab.page.locator("article details.lb-stale-diff")
    inserted = details.locator("ins.lb-diff-ins").first
    assert not inserted.is_visible()
    details.locator("summary").click()
    assert inserted.is_visible() and inserted.inner_text() == "or shame"
    # What the Bengali sentence above them says: removed words struck through, added ones underlined.
    style = "e => getComputedStyle(e).textDecorationLine"
    assert details.locator("del.lb-diff-del").evaluate(style) == "line-through"
    assert inserted.evaluate(style) == "underline"
    assert details.locator("dd").evaluate("d => d.closest(':lang(en)') === d")
    assert tab.errors == [] and tab.foreign == []
