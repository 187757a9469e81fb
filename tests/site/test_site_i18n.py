"""The gettext catalogue and Bengali formatting of the generated pages."""

from __future__ import annotations

import datetime as dt
import re
from importlib import resources
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from labelbook.core.i18n import Translator, catalog_path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "tooling" / "labelbook"


def _extracted() -> set[str]:
    """Every message the code marks, extracted by Babel the way babel.cfg says."""
    method_map = [("**.py", "python")]
    keywords = {"_": None, "gettext": None, "ngettext": (1, 2), "N_": None}
    out = set()
    for _file, _line, message, _comments, _context in extract_from_dir(str(PACKAGE), method_map, keywords=keywords):
        out.add(message if isinstance(message, str) else message[0])
    return out


def _catalog():
    with catalog_path("bn").open("rb") as fp:
        return read_po(fp, locale="bn")


def test_every_ui_string_is_translated_and_not_fuzzy() -> None:
    catalog = _catalog()
    problems = []
    for msgid in sorted(_extracted()):
        entry = catalog.get(msgid)
        if entry is None:
            problems.append(f"missing from the catalogue: {msgid!r}")
        elif entry.fuzzy:
            problems.append(f"fuzzy: {msgid!r}")
        elif not entry.string or (isinstance(entry.string, tuple) and not all(entry.string)):
            problems.append(f"untranslated: {msgid!r}")
    assert not problems, "locales/bn/LC_MESSAGES/labelbook.po (see babel.cfg to update it):\n" + "\n".join(problems)


def test_the_catalogue_has_no_fuzzy_entry_and_keeps_placeholders() -> None:
    for entry in _catalog():
        if not entry.id:
            continue
        assert not entry.fuzzy, entry.id
        ids = entry.id if isinstance(entry.id, tuple) else (entry.id,)
        strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        expected = set(re.findall(r"\{\w+\}|%\(\w+\)s", ids[0]))
        for s in strings:
            assert set(re.findall(r"\{\w+\}|%\(\w+\)s", s)) == expected, entry.id


def test_the_catalogue_is_package_data() -> None:
    assert (resources.files("labelbook") / "locales/bn/LC_MESSAGES/labelbook.po").is_file()


def test_translator_uses_the_catalogue_and_falls_back_to_english() -> None:
    bn = Translator("bn")
    assert bn._("Severity") == "তীব্রতা"
    assert bn._("Correct label") == "সঠিক লেবেল"
    assert bn._("no such message") == "no such message"
    assert Translator("en")._("Severity") == "Severity"


def test_bengali_numbers_and_dates_have_bengali_digits() -> None:
    bn = Translator("bn")
    assert bn.number(1234567) == "১২,৩৪,৫৬৭"
    assert bn.date(dt.date(2026, 3, 5)) == "৫ মার্চ, ২০২৬"
    en = Translator("en")
    assert en.number(1234) == "1,234" and en.date(dt.date(2026, 3, 5)) == "March 5, 2026"


def test_material_bengali_override_has_every_key_of_material_english() -> None:
    import material

    theirs = Path(material.__file__).parent / "templates/partials/languages/en.html"
    ours = PACKAGE / "templates/material-overrides/partials/languages/bn.html"
    keys = lambda p: set(re.findall(r'^\s*"([\w.]+)":', p.read_text(encoding="utf-8"), re.M))  # noqa: E731
    assert keys(theirs) <= keys(ours)
    strings = ours.read_text(encoding="utf-8").split("{% macro", 1)[1]
    assert "করুণ" not in strings  # Material's misspelling of করুন
