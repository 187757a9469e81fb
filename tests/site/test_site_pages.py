"""Page sources from the model, without MkDocs: fallbacks, escaping, links."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from labelbook.core.checks import check
from labelbook.core.model import Page
from labelbook.site import urls
from labelbook.site.context import PageContext
from labelbook.site.markup import md_text, plain_block, render_markdown
from labelbook.site.pages import site_content
from labelbook.core.sources import WorkingTree


@pytest.fixture
def repo(site_repo: Path):
    loaded = check(WorkingTree(site_repo))
    assert not loaded.errors
    return loaded.repo


def test_every_language_has_the_same_pages(repo) -> None:
    en, bn = site_content(PageContext(repo, "en")), site_content(PageContext(repo, "bn"))
    assert en.pages.keys() == bn.pages.keys()
    assert {"index.md", "decisions.md", "introduction.md", "wellbeing.md", "hate-speech/index.md", "hate-speech/HS-001.md", "bullying/BU-001.md"} <= en.pages.keys()


def test_navigation_lists_areas_with_their_rules(repo) -> None:
    nav = site_content(PageContext(repo, "bn")).nav
    assert nav[0] == {"হোম": "index.md"}
    assert {"বিদ্বেষমূলক বক্তব্য": [
        {"সংক্ষিপ্ত বিবরণ": "hate-speech/index.md"},
        {"HS-001 · সুরক্ষিত গোষ্ঠীকে লক্ষ্য করে গালি": "hate-speech/HS-001.md"},
        {"HS-002 · Slurs in captions": "hate-speech/HS-002.md"},  # missing translation: English
    ]} in nav


def test_missing_term_description_falls_back_to_english(repo) -> None:
    repo.policy.translations["bn"].areas["bullying"].description = None
    page = site_content(PageContext(repo, "bn")).pages["bullying/index.md"]
    assert "Shaming or threatening a private person." in page


def test_hand_written_index_page_is_shown_on_the_home_page(repo) -> None:
    repo.pages.append(Page("index", "guidelines/index.md", "# Welcome\n\nRead this first.\n", {"bn": "# স্বাগতম\n\nপ্রথমে এটি পড়ুন।\n"}))
    content = site_content(PageContext(repo, "bn"))
    assert "প্রথমে এটি পড়ুন।" in content.pages["index.md"] and "স্বাগতম" not in content.pages["index.md"]
    assert "index.md" not in [n for n in content.nav if isinstance(n, str)]


def test_release_date_is_shown_when_known(repo) -> None:
    import datetime as dt

    home = site_content(PageContext(repo, "bn", version="v1.2.0", release_date=dt.date(2026, 1, 15))).pages["index.md"]
    # CLDR's spelling of the month changed between Babel releases (জানুয়ারী, then জানুয়ারি); the
    # digits are ours to convert
    assert re.search("প্রকাশের তারিখ: ১৫ জানুয়ার[ীি], ২০২৬", home) and "v1.2.0" in home


def test_plain_text_helpers_escape_everything() -> None:
    assert plain_block("<b>x</b>\n\n**y**") == "&lt;b&gt;x&lt;/b&gt;<br><br>**y**"
    assert md_text("A *b* <c> #1") == r"A \*b\* &lt;c&gt; \#1"
    html = render_markdown("**ok** <i>no</i> `<code>` [r](HS-002.md#x)", allow_html=False, link=lambda p: "../HS-002/")
    assert "<strong>ok</strong>" in html and "&lt;i&gt;no&lt;/i&gt;" in html and "<code>&lt;code&gt;</code>" in html
    assert 'href="../HS-002/#x"' in html
    assert "\n" not in render_markdown("a\n\nb\n\n```\nx\n\ny\n```", allow_html=True)


@pytest.mark.parametrize(
    ("src", "dst", "directory_urls", "href"),
    [
        ("hate-speech/HS-001.md", "hate-speech/HS-002.md", True, "../HS-002/"),
        ("hate-speech/HS-001.md", "bullying/BU-001.md", True, "../../bullying/BU-001/"),
        ("index.md", "hate-speech/index.md", True, "hate-speech/"),
        ("hate-speech/HS-001.md", "index.md", True, "../../"),
        ("decisions.md", "decisions.md", True, "./"),
        ("hate-speech/HS-001.md", "decisions.md", False, "../decisions.html"),
        ("hate-speech/index.md", "hate-speech/HS-001.md", False, "HS-001.html"),
        ("index.md", "hate-speech/index.md", False, "hate-speech/index.html"),
    ],
)
def test_relative_links(src: str, dst: str, directory_urls: bool, href: str) -> None:
    assert urls.relative_href(src, dst, directory_urls) == href


def test_site_without_directory_urls_has_valid_links(site_repo: Path, tmp_path: Path) -> None:
    import re

    from labelbook.cli import main

    cfg = site_repo / "mkdocs.yml"
    cfg.write_text(cfg.read_text() + "use_directory_urls: false\n")
    site = tmp_path / "site"
    assert main(["build", "-q", "-C", str(site_repo), "-d", str(site)]) == 0
    assert (site / "bn/hate-speech/HS-001.html").is_file()
    for page in site.rglob("*.html"):
        if page.name == "404.html":
            continue
        for href in re.findall(r'<a [^>]*href="([^"#]+)[^"]*"', page.read_text(encoding="utf-8")):
            if re.match(r"[a-z]+:", href):
                continue
            target = (page.parent / href).resolve()
            assert (target / "index.html" if target.is_dir() else target).is_file(), (page.relative_to(site), href)


def test_what_changed_and_practice_follow_decisions_in_every_language(repo) -> None:
    from labelbook.core.i18n import Translator
    from labelbook.site.extra_pages import CHANGES, PRACTICE

    for lang in ("en", "bn"):
        t = Translator(lang)
        content = site_content(PageContext(repo, lang))
        titles = [next(iter(entry)) for entry in content.nav if isinstance(entry, dict)]
        decisions = titles.index(t._("Decisions"))
        assert titles[decisions + 1 : decisions + 3] == [t._("What changed"), t._("Practice quiz")]
        assert {CHANGES, PRACTICE} <= set(content.pages)
    assert "অনুশীলন" in Translator("bn")._("Practice quiz")


def test_build_date_follows_source_date_epoch(repo, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01T00:00:00Z
    home = site_content(PageContext(repo, "en")).pages["index.md"]
    assert "Not released yet; built on January 1, 2026" in home
