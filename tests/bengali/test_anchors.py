"""Heading anchors keep every letter, vowel sign, hasanta, anusvara and nukta (`#সংজ্ঞা`, not `#সজঞ`).

`labelbook.site.anchors.slugify` on its own, then the ids, the table of contents and the
search index of a real build of the test repository, and permalinks when mkdocs.yml asks
for them.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import lxml.html
import pytest
from labelbook.site.anchors import OWN_IDS, slugify

from .conftest import labelbook


@pytest.mark.parametrize(("heading", "anchor"), [
    ("সংজ্ঞা", "সংজ্ঞা"),  # hasanta and vowel sign kept
    ("অন্তর্ভুক্ত নয়", "অন্তর্ভুক্ত-নয়"),  # nukta and u-kar kept, words joined
    ("কী দেখবেন?", "কী-দেখবেন"),
    ("ধাপ ২: যাচাই।", "ধাপ-২-যাচাই"),  # Bengali digits kept, danda dropped
    ("বাংলাদেশ ও সংস্কৃতি", "বাংলাদেশ-ও-সংস্কৃতি"),  # anusvara, ri-kar
    ("র\u200d্যালি", "র\u200d্যালি"),  # a ZWJ inside a word is part of its spelling
    ("नमस्ते दुनिया", "नमस्ते-दुनिया"),  # every script: Devanagari
    ("தமிழ் மொழி", "தமிழ்-மொழி"),  # Tamil
    ("مرحبا بالعالم", "مرحبا-بالعالم"),  # Arabic
    ("What to look for", "what-to-look-for"),
    ("HS-001 · Slurs", "hs-001-slurs"),
    ("Examples", "examples-1"),  # labelbook's own heading id on rule pages
    ("__config", "config"),  # no id of Material's
    ("lb-practice", "h-lb-practice"),  # nor of labelbook's
    ("decision-remove", "h-decision-remove"),
    ("¶ !!", "section"),
])  # fmt: skip
def test_slugify_keeps_letters_marks_and_digits_of_every_script(heading: str, anchor: str) -> None:
    assert slugify(heading, "-") == anchor


def _page(site: Path, path: str) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring((site / path / "index.html").read_text(encoding="utf-8"))


def _toc(page: lxml.html.HtmlElement) -> list[str]:
    # The sidebar's table of contents (Material repeats it in the mobile navigation).
    return page.xpath('//div[contains(@class, "md-sidebar--secondary")]//nav[contains(@class, "md-nav--secondary")]//a[starts-with(@href, "#")]/@href')


def test_bengali_headings_keep_their_letters_in_ids_toc_and_search(bn_site: Path) -> None:
    page = _page(bn_site, "bn/people/PA-001")
    assert page.xpath("//article//h2/@id") == ["সংজ্ঞা", "কী-দেখবেন", "examples"]
    assert _toc(page) == ["#সংজ্ঞা", "#কী-দেখবেন", "#examples"]
    index = json.loads((bn_site / "bn/search/search_index.json").read_text(encoding="utf-8"))
    locations = {d["location"] for d in index["docs"]}
    assert {"people/PA-001/#সংজ্ঞা", "people/PA-001/#কী-দেখবেন", "introduction/#ধাপ-২"} <= locations


def test_anchors_are_unique_on_their_page(bn_site: Path) -> None:
    intro = _page(bn_site, "bn/introduction")
    assert intro.xpath("//article//h2/@id") == ["প্রশ্ন", "প্রশ্ন_1", "ধাপ-২"]
    english = _page(bn_site, "introduction")
    assert english.xpath("//article//h2/@id") == ["examples-1"]
    for html in bn_site.rglob("*.html"):
        ids = lxml.html.document_fromstring(html.read_text(encoding="utf-8")).xpath("//@id")
        assert len(ids) == len(set(ids)), f"{html.relative_to(bn_site)}: the same id twice: {sorted(ids)}"


def test_every_bengali_heading_anchor_keeps_every_letter_and_mark(bn_site: Path) -> None:
    checked = 0
    for html in (bn_site / "bn").rglob("index.html"):
        page = lxml.html.document_fromstring(html.read_text(encoding="utf-8"))
        ids = set(page.xpath("//@id"))
        for heading in page.xpath("//article//*[self::h1 or self::h2 or self::h3][@id]"):
            text = unicodedata.normalize("NFC", heading.text_content())
            kept = [c for c in text if "\u0980" <= c <= "\u09ff" and unicodedata.category(c)[0] in "LMN"]
            anchor = heading.get("id")
            if anchor in OWN_IDS or anchor.startswith("decision-"):
                continue  # labelbook's own headings: one id in every language, which its links use
            assert "".join(c for c in anchor if "\u0980" <= c <= "\u09ff") == "".join(kept), (html, text, anchor)
            checked += bool(kept)
        for href in _toc(page):
            assert href[1:] in ids, f"{html.relative_to(bn_site)}: the table of contents links to {href}, which is no id"
    assert checked >= 8  # every Bengali heading of the test repository, not none


def test_permalinks_use_the_same_anchors_with_a_bengali_title(bn_repo: Path, tmp_path: Path) -> None:
    (tmp_path / "repo").mkdir()
    for path in bn_repo.rglob("*"):
        if path.is_file():
            target = tmp_path / "repo" / path.relative_to(bn_repo)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(path.read_bytes())
    config = tmp_path / "repo/mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "markdown_extensions:\n  - toc:\n      permalink: true\n", encoding="utf-8")
    proc = labelbook("build", "-C", str(tmp_path / "repo"), "-d", str(tmp_path / "site"))
    assert proc.returncode == 0, proc.stderr
    page = _page(tmp_path / "site", "bn/people/PA-001")
    links = page.xpath('//article//h2/a[contains(@class, "headerlink")]')
    assert [(a.get("href"), a.get("title")) for a in links] == [("#সংজ্ঞা", "এই অংশের লিংক"), ("#কী-দেখবেন", "এই অংশের লিংক")]
    english = _page(tmp_path / "site", "people/PA-001")
    assert english.xpath('//article//h2/a[contains(@class, "headerlink")]/@title') == ["Link to this section"] * 2
