"""UI strings, dates and numbers of the generated pages, per language.

Our own UI strings live in a gettext catalogue, `locales/<lang>/LC_MESSAGES/labelbook.po`,
managed with Babel (the commands are in `babel.cfg` at the repository root):

    pybabel extract -F babel.cfg -k N_ -o locales/labelbook.pot ... tooling/labelbook
    pybabel update -i locales/labelbook.pot -d locales -D labelbook --no-fuzzy-matching

The `.po` file is read at run time, so no compiled `.mo` is committed or shipped stale.
Untranslated and fuzzy entries fall back to the English text
(tests/site/test_site_i18n.py keeps there being none).
"""

from __future__ import annotations

import datetime as dt
import functools
from importlib import resources

from babel.core import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po
from babel.numbers import format_decimal

DOMAIN = "labelbook"

#: Babel formats `bn` with Latin digits (CLDR's default numbering system for bn is
#: `latn`); Bengali readers expect Bengali digits, so we convert after formatting.
_NATIVE_DIGITS = {
    "bn": str.maketrans("0123456789", "০১২৩৪৫৬৭৮৯"),
}


def N_(message: str) -> str:
    """Mark a string for extraction where it is defined; translate it where it is shown."""
    return message


#: The model's values as UI strings (msgids), shown in each page's language.
SEVERITY_LABELS = {"low": N_("Low"), "medium": N_("Medium"), "high": N_("High"), "critical": N_("Critical")}
STATUS_LABELS = {"active": N_("Active"), "deprecated": N_("Deprecated")}
DIFFICULTY_LABELS = {"easy": N_("Easy"), "medium": N_("Medium"), "hard": N_("Hard")}
MODALITY_LABELS = {
    "video": N_("Video"),
    "livestream": N_("Livestream"),
    "comment": N_("Comment"),
    "caption": N_("Caption"),
    "profile": N_("Profile"),
    "audio": N_("Audio"),
    "image": N_("Image"),
    "text": N_("Text"),
}


#: Version names that are words, not numbers: the working tree and mike's alias of the
#: newest release. They stay the URLs' folder names; readers see them translated.
VERSION_NAMES = {"dev": N_("dev"), "latest": N_("latest")}


def catalog_path(lang: str) -> resources.abc.Traversable:
    return resources.files("labelbook") / "locales" / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@functools.lru_cache(maxsize=None)
def load_catalog(lang: str) -> Catalog | None:
    """The catalogue of `lang`, or None when labelbook has no UI translation for it."""
    path = catalog_path(lang)
    if not path.is_file():
        return None
    with path.open("rb") as fp:
        return read_po(fp, locale=lang, domain=DOMAIN)


class Translator:
    """Everything language-dependent that a page needs: strings, numbers, dates."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self._catalog = load_catalog(lang)
        self._digits = _NATIVE_DIGITS.get(lang)
        try:
            self._locale: Locale | None = Locale.parse(lang)
        except (UnknownLocaleError, ValueError):
            self._locale = None

    def _(self, message: str) -> str:
        """The translation of `message`; the English itself when there is none (or it is fuzzy)."""
        entry = self._catalog.get(message) if self._catalog else None
        if entry is None or entry.fuzzy or not entry.string:
            return message
        return entry.string if isinstance(entry.string, str) else entry.string[0]

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        entry = self._catalog.get(singular) if self._catalog else None
        if entry is not None and not entry.fuzzy and isinstance(entry.string, tuple) and all(entry.string):
            index = self._catalog.plural_func(n) if self._catalog else 0
            return entry.string[min(index, len(entry.string) - 1)]
        return singular if n == 1 else plural

    def digits(self, text: str) -> str:
        """`text` with its ASCII digits shown in this language's own digits."""
        return text.translate(self._digits) if self._digits else text

    def version_name(self, version: str) -> str:
        """A version as readers of this language see it: 'dev' -> 'খসড়া', '1.1.0' -> '১.১.০'."""
        return self._(VERSION_NAMES[version]) if version in VERSION_NAMES else self.digits(version)

    def number(self, n: int | float) -> str:
        formatted = format_decimal(n, locale=self._locale) if self._locale else str(n)
        return self.digits(formatted)

    def date(self, day: dt.date) -> str:
        formatted = format_date(day, format="long", locale=self._locale) if self._locale else day.isoformat()
        return self.digits(formatted)


def display_name(lang: str, in_lang: str) -> str:
    """The name of `lang` in the language `in_lang`: ('en', 'bn') -> 'ইংরেজি'."""
    if in_lang == "en":
        from labelbook.core.checks import language_name  # 'Bengali', where CLDR now says 'Bangla'

        return language_name(lang)
    try:
        return Locale.parse(lang).get_display_name(in_lang) or lang
    except (UnknownLocaleError, ValueError):
        return lang


def native_name(lang: str) -> str:
    """The name of `lang` in that language ('বাংলা', 'English'), for the language selector."""
    try:
        name = Locale.parse(lang).get_display_name(lang)
    except (UnknownLocaleError, ValueError):
        return lang
    return (name[:1].upper() + name[1:]) if name else lang
