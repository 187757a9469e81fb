"""lunr.bn's normaliser, stemmer, stop words and query words, run in Chromium's JavaScript engine.

In the search worker of a built Bengali site, where Material loaded lunr.bn the way it
loads its languages (assets/javascripts/lunr/min/lunr.bn.min.js): the units are tested
where they run, with the lunr that Material ships.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from .bengali_repo import RHA, RRA, YA, ZWJ, ZWNJ
from .browser import open_tab

NUKTA = "\u09bc"


@pytest.fixture(scope="module")
def worker(chromium: Any, site_url: str) -> Iterator[Any]:
    """Material's search worker of the Bengali site, once it has loaded lunr.bn."""
    with open_tab(chromium, site_url) as tab:
        tab.goto("/bn/")
        for _ in range(200):
            workers = [w for w in tab.page.workers if "/workers/search." in w.url]
            if workers and workers[0].evaluate("typeof lunr !== 'undefined' && typeof lunr.bn === 'function'"):
                yield workers[0]
                return
            tab.page.wait_for_timeout(50)
        pytest.fail(f"the Bengali search worker did not load lunr.bn (workers: {[w.url for w in tab.page.workers]})")


NORMALISED = [
    (f"হ{YA}রানি", f"হয{NUKTA}রানি"),  # precomposed য় -> য + nukta, as the pages (NFC) have it
    (f"ঝগ{RRA}া", f"ঝগড{NUKTA}া"),
    (f"গা{RHA}", f"গাঢ{NUKTA}"),
    (f"হয{NUKTA}রানি", f"হয{NUKTA}রানি"),  # already canonical
    (f"উত্{ZWJ}স", "উৎস"),  # ৎ typed as ত্‍
    ("উত্", "উৎ"),  # ...or as ত্ at the end of a word
    (f"র{ZWJ}্যালি", "র্যালি"),  # joiners dropped
    (f"সং{ZWNJ}ঘর্ষ", "সংঘর্ষ"),
    ("শব্\u200bদ\u00ad", "শব্দ"),  # zero-width space, soft hyphen
    ("অাম", "আম"),  # অ + া typed for আ
    ("ক\u09c7\u09be", "কো"),  # ো typed as its two halves
    ("১৮", "18"),
    ("৯৯৯", "999"),
    ("HS-০০১", "hs-001"),
]


@pytest.mark.parametrize(("typed", "canonical"), NORMALISED)
def test_normalise_gives_one_form_per_word(worker: Any, typed: str, canonical: str) -> None:
    assert worker.evaluate("w => lunr.bn.normalise(w)", typed) == canonical


STEMS = [
    ("হয়রানিকে", "হয়রানি"),  # -কে
    ("গুজবের", "গুজব"),  # -এর after a consonant
    ("ভিডিওর", "ভিডিও"),  # -র after a vowel
    ("ভিডিওতে", "ভিডিও"),  # -তে after a vowel
    ("হাতে", "হাত"),  # -এ after a consonant, not -তে leaving one letter
    ("সংবাদমাধ্যমে", "সংবাদমাধ্যম"),
    ("বাংলায়", "বাংলা"),  # -য় after া
    ("শিক্ষার্থীরা", "শিক্ষার্থী"),  # -রা after a vowel
    ("মানুষেরা", "মানুষ"),  # -এরা after a consonant
    ("কর্মীদের", "কর্মী"),  # -দের, not -এর
    ("গোষ্ঠীগুলো", "গোষ্ঠী"),
    ("গোষ্ঠীগুলোকে", "গোষ্ঠী"),  # plural + case
    ("ভিডিওটির", "ভিডিও"),  # classifier + case
    ("শিশুদেরকে", "শিশু"),
    ("নিয়মসমূহ", "নিয়ম"),
    ("সময়", "সময়"),  # য় after a consonant is the word's own
    ("জাতীয়", "জাতীয়"),  # -ীয় is an adjective, not a case ending
    ("নয়", "নয়"),
    ("তারা", "তারা"),  # a stem keeps two letters
    ("আমরা", "আমরা"),  # -রা only after a vowel
    ("সুন্দর", "সুন্দর"),  # -র only after a vowel
    ("18টি", "18"),
    ("hs", "hs"),
]


@pytest.mark.parametrize(("word", "stem"), STEMS)
def test_stem_strips_case_endings_plural_markers_and_classifiers(worker: Any, word: str, stem: str) -> None:
    assert worker.evaluate("w => lunr.bn.stem(lunr.bn.normalise(w))", word) == worker.evaluate("w => lunr.bn.normalise(w)", stem)


def test_stop_words_are_function_words_never_a_negation(worker: Any) -> None:
    stop = set(worker.evaluate("lunr.bn.stopWords"))
    assert {"এবং", "কিন্তু", "থেকে", "জন্য"} <= stop
    assert not {"না", f"নয{NUKTA}", "নেই", "নিষেধ"} & stop


@pytest.mark.parametrize(("term", "expected"), [
    ("হয়রানিকে*", "হয়রানি*"),
    ("*গুলোকে", "*গুলো"),  # a leading wildcard kept too
    (f"হ{YA}রানিকে*", "হয়রানি*"),
    ("১৮*", "18*"),
    (f"{ZWJ}*", f"{ZWJ}*"),  # nothing left to search: not a wildcard for everything
])  # fmt: skip
def test_a_query_word_is_normalised_and_stemmed_keeping_its_wildcards(worker: Any, term: str, expected: str) -> None:
    got = worker.evaluate("t => lunr.bn.queryTerm(t)", term)
    assert got == worker.evaluate("t => t.normalize('NFC')", expected)


def test_the_pipeline_indexes_the_whole_word_and_its_stem(worker: Any) -> None:
    terms = worker.evaluate(
        """text => {
             const index = lunr(function () {
               this.use(lunr.bn); this.ref('id'); this.field('body'); this.add({ id: '1', body: text });
             });
             return Object.keys(index.invertedIndex).sort();
           }""",
        f"গোষ্ঠীগুলোকে এবং «হ{YA}রানির» ১৮টি",
    )
    expected = sorted(["গোষ্ঠীগুলোকে", "গোষ্ঠী", f"হয{NUKTA}রানির", f"হয{NUKTA}রানি", "18টি", "18"])
    assert terms == expected  # এবং is a stop word; the quotes are trimmed
