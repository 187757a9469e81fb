"""`nfc.nfc` is `unicodedata.normalize("NFC", ...)`, exactly, on any text: its quick path
for Bengali must never keep a text that NFC would change."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from labelbook.core.nfc import nfc

# Every Bengali code point (assigned or not), the two-character ো and ৌ and their parts
# in every order, and what other scripts compose or reorder: Latin with combining accents,
# Devanagari nukta forms, Tamil and Malayalam two-part vowels, Hangul jamo, CJK compatibility.
BENGALI = [chr(c) for c in range(0x0980, 0x0A00)]
OTHERS = list("aeiouAEIOU ,.\n") + [
    "\u00e9", "\u0301", "\u0300", "\u0323", "\u0327", "\u1ebf",  # Latin, combining marks
    "\u0915", "\u093c", "\u0958", "\u094d",  # Devanagari
    "\u0bc6", "\u0bbe", "\u0bd7", "\u0d46", "\u0d3e",  # Tamil, Malayalam
    "\u1100", "\u1161", "\u11a8", "\uac00",  # Hangul
    "\uf900", "\u212b", "\u2126",  # singletons
]
PIECES = BENGALI + OTHERS + ["\u09c7\u09be", "\u09c7\u09d7", "\u09be\u09c7", "\u09a1\u09bc", "\u09cd\u09bc"]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
def test_nfc_is_exactly_unicodedatas(text: str) -> None:
    assert nfc(text) == unicodedata.normalize("NFC", text)


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=60))
def test_nfc_of_any_text(text: str) -> None:
    assert nfc(text) == unicodedata.normalize("NFC", text)


def test_the_two_forms_of_o_read_the_same_and_plain_text_is_kept_as_is() -> None:
    composed, decomposed = "\u0995\u09cb\u09a8", "\u0995\u09c7\u09be\u09a8"  # কোন, both ways
    assert nfc(decomposed) == composed == nfc(composed)
    text = "সুরক্ষিত গোষ্ঠীকে লক্ষ্য করে গালি সরিয়ে দিন।"
    assert nfc(text) is text  # already NFC: the very same string, not a normalised copy
