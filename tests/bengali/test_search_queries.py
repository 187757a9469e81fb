"""Bengali search in Chromium, the way a Bengali reader types (SPEC §3, issue 15).

One row per class of query: the page the test repository (bengali_repo.py) holds the word
on must be the first page found, and a search on the Bengali site finds Bengali pages
only. Every query reaches the box as a paste or an input method puts it there: an `input`
event, no key press.
"""

from __future__ import annotations

import pytest

from .bengali_repo import RHA, RRA, YA, ZWJ, ZWNJ
from .browser import Tab

PA1, PA2, PA3, GC1 = "/bn/people/PA-001/", "/bn/people/PA-002/", "/bn/people/PA-003/", "/bn/graphic/GC-001/"
INTRO, WELLBEING = "/bn/introduction/", "/bn/wellbeing/"

QUERIES = [
    # (class of query, what the reader types, the page that must come first)
    ("exact word", "অবমাননাকর", PA1),
    ("a word with a danda after it", "খোঁচা।", PA1),
    ("inflected query, bare word on the page: -কে", "হয়রানিকে", PA1),
    ("inflected query, bare word on the page: -এর", "গুজবের", PA2),
    ("inflected query, bare word on the page: -গুলো", "গোষ্ঠীগুলো", PA2),
    ("inflected query, bare word on the page: -টি + -র", "গুজবটির", PA2),
    ("bare query, inflected word on the page: -দের", "কর্মী", GC1),
    ("bare query, inflected word on the page: -এ", "সংবাদমাধ্যম", PA2),
    ("bare query, inflected word on the page: -রা", "শিক্ষার্থী", PA2),
    ("inflected both ways, different endings", "চিকিৎসকের", GC1),
    ("precomposed য় typed, letter + nukta on the page", f"হ{YA}রানি", PA1),
    ("precomposed ড় typed", f"ঝগ{RRA}া", PA2),
    ("precomposed ঢ় typed", f"গা{RHA}", GC1),
    ("letter + nukta typed", "ঝগড\u09bcা", PA2),
    ("ZWJ left out (the page has র‍্যালি)", "র্যালি", INTRO),
    ("ZWJ added", f"অবমা{ZWJ}ননাকর", PA1),
    ("ZWNJ added", f"সং{ZWNJ}ঘর্ষ", INTRO),
    ("ৎ typed as ত্‍", f"চিকিত্{ZWJ}সক", GC1),
    ("ৎ typed as ৎ, the page has ত্‍", "উৎপাত", WELLBEING),
    ("ASCII digits, Bengali digits on the page", "18", GC1),
    ("Bengali digits, ASCII digits on the page", "৯৯৯", WELLBEING),
    ("first letters of a word", "অবমান", PA1),
    ("first letters of an inflected word", "কর্মীদ", GC1),
    ("rule id", "PA-002", PA2),
    ("rule id in lower case", "pa-002", PA2),
    ("rule id with Bengali digits", "PA-০০২", PA2),
    ("rule id of a rule not translated yet", "PA-003", PA3),
]


@pytest.mark.parametrize(("what", "query", "expected"), QUERIES, ids=[q[0] for q in QUERIES])
def test_each_class_of_bengali_query_finds_its_page_first(tab: Tab, what: str, query: str, expected: str) -> None:
    tab.goto("/bn/")
    found = tab.search(query)
    assert found and found[0] == expected, f"{what}: {query!r} found {found}, not {expected} first"
    assert all(path.startswith("/bn/") for path in found), f"the Bengali site found pages of another language: {found}"
    assert tab.errors == [] and tab.foreign == []


@pytest.mark.parametrize("start", ["/bn/graphic/GC-001/", "/bn/practice/", "/graphic/"])
def test_a_rule_id_finds_its_rule_from_any_page(tab: Tab, start: str) -> None:
    tab.goto(start)
    found = tab.search("PA-002")
    assert found[0] == ("/bn" if start.startswith("/bn/") else "") + "/people/PA-002/", found


def test_the_english_site_finds_english_pages_only(tab: Tab) -> None:
    tab.goto("/")
    found = tab.search("nicknames")
    assert found[0] == "/people/PA-001/" and not [p for p in found if p.startswith("/bn/")], found
    for query in ("অবমাননাকর", "হয়রানিকে", "৯৯৯"):
        found = tab.search(query)
        assert not [p for p in found if p.startswith("/bn/")], (query, found)
    assert tab.errors == []


def test_a_query_typed_by_an_input_method_searches_without_a_key_press(tab: Tab) -> None:
    tab.goto("/bn/")
    box = tab.page.locator(".md-search__input")
    box.click()
    # Text inserted with no key event at all, as an input method commits a composed word.
    tab.page.keyboard.insert_text("গুজবের")
    tab.page.locator(".md-search-result__item").first.wait_for()
    first = tab.page.eval_on_selector(".md-search-result__item > .md-search-result__link", "a => new URL(a.href).pathname")
    assert first == "/bn/people/PA-002/"


def test_a_section_result_leads_to_its_unicode_anchor(tab: Tab) -> None:
    tab.goto("/bn/")
    tab.search("অবমাননাকর")
    section = [link for link in tab.result_links() if "#" in link]
    assert section == ["/bn/people/PA-001/#সংজ্ঞা"], tab.result_links()
    tab.page.locator(".md-search-result__link[href*='#']").first.click()
    tab.page.wait_for_url("**/people/PA-001/**")
    landed = tab.page.evaluate("() => { const id = decodeURIComponent(location.hash.slice(1)); const el = document.getElementById(id); return [id, el && el.tagName, el && el.textContent.trim()]; }")
    assert landed == ["সংজ্ঞা", "H2", "সংজ্ঞা"]


@pytest.mark.parametrize(("root", "words"), [
    ("/bn/", ["প্রতিবেশীকে", "গালাগাল"]),  # the sensitive example's content and rationale
    ("/", ["neighbour", "shouts"]),
])  # fmt: skip
def test_a_sensitive_example_is_found_by_its_id_only(tab: Tab, root: str, words: list[str]) -> None:
    tab.goto(root)
    for word in words:
        assert tab.search(word) == [], f"{word!r}: the sensitive example's text is in the search index"
    assert tab.search("PA-001-E01")[0] == root + "people/PA-001/"
