"""The HTML of both languages of a real build of the sample repository."""

from __future__ import annotations

import json
import re
from pathlib import Path

from sample_repo import BN_SEARCH_WORD
from site_helpers import article, read

RULE = "hate-speech/HS-001/"


def test_both_languages_are_built_with_the_right_html_lang(built_site: Path) -> None:
    for page in ("", "decisions/", "hate-speech/", RULE, "bullying/BU-001/", "introduction/", "wellbeing/"):
        assert '<html lang="en"' in read(built_site, page), page
        assert '<html lang="bn"' in read(built_site, "bn/" + page), page


def test_home_has_title_version_areas_with_counts_and_legend(built_site: Path) -> None:
    en = article(read(built_site, ""))
    assert "Sample short-video labeling guidelines" in en
    assert re.search(r'class="lb-version" data-version="dev">Version <strong>dev</strong>', en)
    assert re.search(r'<a href="hate-speech/">Hate speech</a>.*?<td class="lb-count">1</td>', en)
    for decision in ("remove", "age-restrict", "allow"):
        assert f'data-decision="{decision}" href="decisions/#decision-{decision}"' in en
    bn = article(read(built_site, "bn/"))
    assert "নমুনা শর্ট-ভিডিও লেবেলিং নির্দেশিকা" in bn
    assert re.search(r'<a href="hate-speech/">বিদ্বেষমূলক বক্তব্য</a>.*?<td class="lb-count">১</td>', bn)
    assert "সংস্করণ" in bn and ">সরিয়ে দিন</a>" in bn


def test_bengali_dates_and_numbers_use_bengali_digits(built_site: Path) -> None:
    date = re.search(r'class="lb-release-date">([^<]*)<', read(built_site, "bn/")).group(1)
    assert re.search(r"[০-৯]{4}", date) and not re.search(r"[0-9]", date), date
    en_date = re.search(r'class="lb-release-date">([^<]*)<', read(built_site, "")).group(1)
    assert re.search(r"[0-9]{4}", en_date)


def test_rule_page_badges(built_site: Path) -> None:
    en = article(read(built_site, RULE))
    assert re.search(r'class="lb-badge lb-decision lb-decision--remove" data-decision="remove" href="../../decisions/#decision-remove">Remove</a>', en)
    assert 'class="lb-badge lb-severity lb-severity--high" data-severity="high">High<' in en
    assert 'class="lb-badge lb-status lb-status--active" data-status="active">Active<' in en
    bn = article(read(built_site, "bn/" + RULE))
    assert 'data-decision="remove" href="../../decisions/#decision-remove">সরিয়ে দিন</a>' in bn
    assert 'data-severity="high">উচ্চ<' in bn
    assert '<span class="lb-meta-label">তীব্রতা</span>' in bn


def _hrefs(html: str, cls: str) -> list[str]:
    return re.findall(rf'<a class="{cls}" data-rule="[^"]+" href="([^"]+)"', html)


def test_related_rules_link_to_their_pages(built_site: Path) -> None:
    for prefix in ("", "bn/"):
        html = article(read(built_site, prefix + RULE))
        related = re.search(r'<ul class="lb-related" id="lb-related">(.*?)</ul>', html).group(1)
        assert _hrefs(related, "lb-rule-link") == ["../HS-002/", "../../bullying/BU-001/"]
        for href in _hrefs(related, "lb-rule-link"):
            assert (built_site / prefix / "hate-speech/HS-001" / href / "index.html").resolve().is_file()


def test_deprecated_rule_points_at_its_replacement(built_site: Path) -> None:
    en = article(read(built_site, "hate-speech/HS-002/"))
    notice = re.search(r'<div class="admonition warning lb-notice lb-notice--deprecated".*?</div>', en).group(0)
    assert 'class="lb-replaced-by" data-rule="HS-001" href="../HS-001/">HS-001 · Slurs aimed at a protected group</a>' in notice
    assert 'data-status="deprecated">Deprecated<' in en
    bn = article(read(built_site, "bn/hate-speech/HS-002/"))
    assert 'class="lb-replaced-by" data-rule="HS-001" href="../HS-001/">HS-001 · সুরক্ষিত গোষ্ঠীকে লক্ষ্য করে গালি</a>' in bn
    assert "এর পরিবর্তে" in bn
    # the replacement names what it replaces
    assert 'lb-meta-item--replaces' in article(read(built_site, RULE))


def test_example_content_is_shown_as_text_never_interpreted(built_site: Path) -> None:
    for prefix in ("", "bn/"):
        html = read(built_site, prefix + RULE)
        assert "&lt;script&gt;alert(1)&lt;/script&gt; **bold** &lt;b&gt;x&lt;/b&gt;" in html
        assert "<script>alert" not in html and "<b>x</b>" not in html and "<strong>bold</strong>" not in html
        # the rationale is Markdown, but raw HTML in it is text too
        assert "&lt;i&gt;raw html&lt;/i&gt;" in html and "<i>raw html</i>" not in html
    # the outdated Bengali content of the stale example is escaped as well
    assert "পুরনো অনুবাদ &lt;b&gt;মার্কআপ&lt;/b&gt;" in read(built_site, "bn/" + RULE)


def test_line_breaks_of_example_content_are_kept(built_site: Path) -> None:
    html = read(built_site, "bullying/BU-001/")
    # One <br> per line break; the space after it keeps the lines two words apart in the search index.
    assert re.search(r'<div class="lb-content" lang="en">Line one of the comment\.<br>\s?Line two: you are a clown\.</div>', html)


def test_sensitive_example_is_collapsed_behind_a_content_warning(built_site: Path) -> None:
    for prefix, warning in (("", "Content warning"), ("bn/", "কনটেন্ট সতর্কতা")):
        html = article(read(built_site, prefix + RULE))
        section = re.search(r'<section class="lb-example lb-example--sensitive" id="HS-001-E01".*?</section>', html).group(0)
        details = re.search(r"<details class=\"warning lb-cw\"[^>]*>(.*?)</details>", section)
        assert details, section
        assert "open" not in re.search(r"<details[^>]*>", section).group(0)
        assert details.group(1).startswith(f"<summary>{warning}")
        assert 'class="lb-content"' in details.group(1)  # the content is inside, hidden
        # non-sensitive examples are not collapsed
        other = re.search(r'<section class="lb-example" id="HS-001-E02".*?</section>', html).group(0)
        assert "lb-cw" not in other


def test_no_translation_notices_on_source_language_pages(built_site: Path) -> None:
    for page in ("", RULE, "hate-speech/HS-002/", "bullying/BU-001/", "wellbeing/"):
        assert "lb-notice--translation" not in read(built_site, page)


def test_missing_translation_shows_english_with_a_notice(built_site: Path) -> None:
    bn = article(read(built_site, "bn/hate-speech/HS-002/"))
    assert 'data-notice="translation-missing"' in bn and "এখনো বাংলা ভাষায় অনুবাদ করা হয়নি" in bn
    assert "Slurs written in captions." in bn
    example = re.search(r'<section class="lb-example" id="BU-001-E01".*?</section>', read(built_site, "bn/bullying/BU-001/")).group(0)
    assert 'data-state="missing"' in example and 'data-notice="translation-missing"' in example
    page = article(read(built_site, "bn/wellbeing/"))
    assert 'data-notice="translation-missing"' in page and "Take breaks." in page


def test_stale_translation_shows_current_english_first_and_outdated_bengali_collapsed(built_site: Path) -> None:
    bn = article(read(built_site, "bn/bullying/BU-001/"))
    notice = bn.index('data-notice="translation-stale"')
    english = bn.index("Content that mocks a private person to humiliate them.")
    stale = re.search(r'<details class="warning lb-stale-translation" lang="bn">(.*?)</details>', bn)
    assert stale and notice < english < stale.start()
    assert "পুরনো অনুবাদ: কোনো ব্যক্তিকে অপমান করার জন্য উপহাস।" in stale.group(1)
    assert "পুরনো অনুবাদ" not in bn[: stale.start()]  # never shown as if it were current
    assert "<h1" in bn and "Mocking a private person" in bn[: notice]
    assert 'data-state="stale"' in bn


def test_stale_example_shows_english_then_outdated_translation(built_site: Path) -> None:
    html = read(built_site, "bn/" + RULE)
    example = re.search(r'<section class="lb-example" id="HS-001-E02".*?</section>', html).group(0)
    assert 'data-state="stale"' in example and 'data-notice="translation-stale"' in example
    assert example.index('<div class="lb-content" lang="en">&lt;script') < example.index("lb-stale-translation")


def test_current_translation_is_shown_without_notice(built_site: Path) -> None:
    bn = article(read(built_site, "bn/" + RULE))
    assert "HS-001 · সুরক্ষিত গোষ্ঠীকে লক্ষ্য করে গালি" in bn
    assert BN_SEARCH_WORD in bn and "A slur is a word" not in bn
    head = bn[: bn.index('id="examples"')]
    assert "lb-notice--translation" not in head
    e01 = re.search(r'<section class="lb-example lb-example--sensitive" id="HS-001-E01".*?</section>', bn).group(0)
    assert 'data-state="current"' in e01 and "একজন নির্মাতা" in e01 and "lb-notice" not in e01


def test_language_selector_keeps_the_reader_on_the_same_page(built_site: Path) -> None:
    for page in ("", RULE, "bullying/", "decisions/"):
        for prefix, other in (("", "bn"), ("bn/", "en")):
            html = read(built_site, prefix + page)
            href = re.search(rf'<a href="([^"]+)" hreflang="{other}" lang="{other}" class="md-select__link', html).group(1)
            target = (built_site / prefix / page / href).resolve()
            expected = (built_site / ("bn/" if other == "bn" else "") / page).resolve()
            assert target == expected, (prefix + page, href)


def test_search_index_per_language_finds_bengali_words(built_site: Path) -> None:
    bn = json.loads((built_site / "bn/search/search_index.json").read_text(encoding="utf-8"))
    assert "।" in bn["config"]["separator"]
    assert bn["config"]["lang"] == ["bn"]  # lunr.bn (tests/bengali test its search in Chromium)
    hits = [d["location"] for d in bn["docs"] if BN_SEARCH_WORD in d["text"]]
    assert hits and all(h.startswith("hate-speech/HS-001/") for h in hits)
    en = json.loads((built_site / "search/search_index.json").read_text(encoding="utf-8"))
    assert not any(BN_SEARCH_WORD in d["text"] for d in en["docs"])
    assert any("A slur is a word" in d["text"] for d in en["docs"])
    assert en["config"]["separator"] == r"[\s\-]+"


def test_the_site_requests_nothing_from_other_hosts(built_site: Path) -> None:
    for page in built_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for tag in re.findall(r"<(?:link|script|img|iframe|source)\b[^>]*>", html):
            assert not re.search(r'(?:src|href)="(?:https?:)?//', tag), (page, tag)
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html
    css = (built_site / "assets/labelbook/labelbook.css").read_text(encoding="utf-8")
    assert not re.search(r"url\([\"']?(?:https?:)?//", css)


def test_the_bengali_web_font_and_its_licence_are_shipped(built_site: Path) -> None:
    for root in (built_site, built_site / "bn"):
        fonts = root / "assets/labelbook/fonts"
        assert (fonts / "noto-sans-bengali-bengali-400-normal.woff2").stat().st_size > 10_000
        assert "SIL Open Font License" in (fonts / "LICENSE").read_text(encoding="utf-8")
    html = read(built_site, "bn/")
    assert 'href="assets/labelbook/labelbook.css"' in html


def test_every_internal_link_leads_to_a_page(built_site: Path) -> None:
    for page in built_site.rglob("*.html"):
        if page.name == "404.html":
            continue
        html = page.read_text(encoding="utf-8")
        for href in re.findall(r'<a [^>]*href="([^"#]+)[^"]*"', html):
            if re.match(r"[a-z]+:", href) or href.startswith("//"):
                continue
            target = (page.parent / href).resolve()
            if target.is_dir():
                target = target / "index.html"
            assert target.is_file(), (page.relative_to(built_site), href)


def test_area_page_lists_its_rules(built_site: Path) -> None:
    html = article(read(built_site, "hate-speech/"))
    rows = re.findall(r'<tr class="lb-rule-row[^"]*" data-rule="([^"]+)">', html)
    assert rows == ["HS-001", "HS-002"]
    assert 'class="lb-rule-row lb-rule-row--deprecated" data-rule="HS-002"' in html
    bn = article(read(built_site, "bn/hate-speech/"))
    assert "<th>তীব্রতা</th>" in bn and "<th>সিদ্ধান্ত</th>" in bn


def test_decisions_page_has_an_anchor_per_decision(built_site: Path) -> None:
    for prefix in ("", "bn/"):
        html = article(read(built_site, prefix + "decisions/"))
        for decision in ("remove", "age-restrict", "allow"):
            assert f'id="decision-{decision}"' in html


def test_repository_data_files_are_not_published(built_site: Path) -> None:
    names = {p.name for p in built_site.rglob("*")}
    assert not {"policy.yaml", "policy.bn.yaml", "HS-001.md", "HS-001.bn.md"} & names
    assert not (built_site / "hate-speech/HS-001.bn").exists()
    assert not (built_site / "bn/bn").exists()


def test_sensitive_content_stays_out_of_search_results(built_site: Path) -> None:
    for prefix in ("", "bn/"):
        index = (built_site / prefix / "search/search_index.json").read_text(encoding="utf-8")
        assert "passer-by" not in index and "পথচারীকে" not in index
        assert "alert(1)" in index  # other examples are searchable


def test_bengali_home_says_how_much_of_the_translation_is_current(built_site: Path) -> None:
    bn = read(built_site, "bn/")
    status = re.search(r'<p class="lb-translation-status" id="lb-translation-status" data-current="1" data-stale="1" data-missing="1">([^<]*)</p>', bn)
    assert status and "৩টি নিয়মের মধ্যে ১টি হালনাগাদ, ১টি পুরোনো, ১টি এখনো অনুবাদ হয়নি" in status.group(1)
    assert "lb-translation-status" not in read(built_site, "")


def test_notices_name_the_source_language_in_the_page_language(built_site: Path) -> None:
    assert "ইংরেজি পাঠ দেখানো হচ্ছে" in read(built_site, "bn/hate-speech/HS-002/")
    assert "ইংরেজি ভাষায় দেখানো হচ্ছে" in read(built_site, "bn/bullying/BU-001/")
    assert "নিচের ইংরেজি পাঠটিই কার্যকর নিয়ম" in read(built_site, "bn/bullying/BU-001/")
