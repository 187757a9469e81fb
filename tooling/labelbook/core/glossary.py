"""The terminology glossary: one translated term per source term, and the variants not to use.

`locales/<lang>/glossary.yaml` of a guideline repository (schemas/glossary.schema.json)
lists, per English term, the term a `<lang>` translation must use and the variants it must
not. Term bases do this in translators' QA tools; here `labelbook check` does it on every
pull request: a unit whose English has the term gets `warning[translation-term]` when its
translation uses a variant to avoid, or (when it is current) lacks the term.

Matching, on NFC text with runs of white space as one space (a phrase may be folded over
lines of a YAML value): the English term is a whole word in any case, plural -s/-es too;
a translated term or variant counts where it starts a word, so inflected forms count
(কিউ finds কিউতে, কিউয়ের). A word of Bengali script goes on through its vowel signs,
hasanta and joiners, which Python's `\\w` does not count as letters.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from typing import Callable, Iterator

from labelbook.core.filecache import parse
from labelbook.core.model import Repo
from labelbook.core.problems import Pos, Problem, warning
from labelbook.core.sources import decode

#: Where a repository keeps the glossary of a translation language.
GLOSSARY_PATH = "locales/{lang}/glossary.yaml"
#: What continues a word besides `\w`: the Bengali block (its vowel signs and hasanta are
#: marks, not letters) and the zero-width joiners.
_WORD = r"\w\u0980-\u09ff\u200c\u200d"


@dataclass(frozen=True)
class Term:
    en: str
    target: str
    avoid: tuple[str, ...]
    note: str
    pos: Pos

    def in_source(self, text: str) -> bool:
        return _source_pattern(self.en).search(text) is not None

    def in_translation(self, text: str) -> bool:
        return _start_of_word(self.target).search(text) is not None

    def variants_in(self, text: str) -> list[str]:
        return [v for v in self.avoid if _start_of_word(v).search(text)]


def load_glossary(data: bytes, path: str) -> tuple[list[Term], list[Problem]]:
    """The terms of one glossary file, and its problems (YAML, schema) located in it."""
    text, problems = decode(data, path)
    if text is None:
        return [], problems
    located, parse_problems = parse("glossary", text, path)
    problems = problems + parse_problems
    if located is None or problems:
        return [], problems
    terms = [
        Term(
            en=_normal(entry["en"]).casefold(),
            target=_normal(entry["bn"]),
            avoid=tuple(_normal(v) for v in entry.get("avoid", [])),
            note=entry.get("note", ""),
            pos=located.pos(("terms", i, "en")),
        )
        for i, entry in enumerate(located.data["terms"])
    ]
    return terms, problems


@dataclass(frozen=True)
class Unit:
    """One translated unit: where it is, the source text, the translated text, and whether
    the translation is current (only a current one must carry every term)."""

    what: str  # "rule HS-001", "example HS-001-E01", "decision remove", "page introduction"
    path: str
    source: str
    translated: str
    current: bool


def units(repo: Repo, lang: str) -> Iterator[Unit]:
    """Every translated unit of `lang`: rules, examples, the policy's terms, hand-written pages."""
    for rule in repo.rules.values():
        tr = rule.translations.get(lang)
        if tr is not None:
            yield Unit(f"rule {rule.id}", tr.path, f"{rule.title}\n{rule.body}", f"{tr.title}\n{tr.body}", repo.rule_state(rule, lang) == "current")
    for ex in repo.examples.values():
        tr = ex.translations.get(lang)
        if tr is not None:
            yield Unit(f"example {ex.id}", tr.path, f"{ex.content}\n{ex.rationale}", f"{tr.content}\n{tr.rationale or ''}", repo.example_state(ex, lang) == "current")
    policy = repo.policy
    ptr = policy.translations.get(lang)
    if ptr is not None:
        if ptr.title:
            yield Unit("the guideline title", ptr.path, policy.title, ptr.title, True)
        for kind, terms, translated in (("decision", policy.decisions, ptr.decisions), ("area", policy.areas, ptr.areas)):
            for term in terms:
                entry = translated.get(term.id)
                if entry is not None:
                    yield Unit(f"{kind} {term.id}", ptr.path, f"{term.title}\n{term.description}", f"{entry.title or ''}\n{entry.description or ''}", True)
    for page in repo.pages:
        if lang in page.translations:
            yield Unit(f"page {page.name}", page.path.replace(".md", f".{lang}.md"), page.text, page.translations[lang], True)


def term_problems(repo: Repo, lang: str, language: str, terms: list[Term], read: Callable[[str], str | None]) -> list[Problem]:
    """`translation-term` for each unit of `lang` (named `language` in messages) that breaks
    the glossary. `read(path)` gives a translation file's text, to place a variant."""
    out = []
    for unit in units(repo, lang):
        source, translated = _normal(unit.source), _normal(unit.translated)
        for term in terms:
            if not term.in_source(source):
                continue
            for variant in term.variants_in(translated):
                where = _find(unit.path, read(unit.path), variant) or Pos(unit.path, 1, 1)
                out.append(warning(where, "translation-term", f"{unit.what}: '{variant}' is a variant the {language} glossary says not to use for '{term.en}'; use '{term.target}'"))
            if unit.current and not term.in_translation(translated):
                out.append(warning(Pos(unit.path, 1, 1), "translation-term", f"{unit.what}: the English has '{term.en}', and the {language} glossary's term '{term.target}' is missing from its translation"))
    return out


def _normal(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def _source_pattern(term: str) -> re.Pattern[str]:
    words = r"\s+".join(re.escape(w) for w in term.split())
    return _compiled(rf"(?<![{_WORD}]){words}(?:s|es)?(?![{_WORD}])", re.IGNORECASE)


def _start_of_word(term: str) -> re.Pattern[str]:
    words = r"\s+".join(re.escape(w) for w in term.split())
    return _compiled(rf"(?<![{_WORD}]){words}", 0)


@functools.lru_cache(maxsize=4096)
def _compiled(pattern: str, flags: int) -> re.Pattern[str]:
    return re.compile(pattern, flags)


def _find(path: str, text: str | None, variant: str) -> Pos | None:
    """Where `variant` first starts a word in a file's text; None if not found there (a
    phrase folded over lines is found in the unit, not in the file)."""
    if text is None:
        return None
    text = unicodedata.normalize("NFC", text)
    match = _start_of_word(variant).search(text)
    if match is None:
        return None
    line_start = text.rfind("\n", 0, match.start()) + 1
    return Pos(path, text.count("\n", 0, match.start()) + 1, match.start() - line_start + 1)
