"""A bilingual guideline repository whose every text is hostile to an LMS format, and what it says.

It is tests/quiz/sample.py's repository (four decisions, three areas, sensitive examples,
a stale and a missing Bengali translation) with texts full of what breaks quiz formats:
`]]>` and `<![CDATA[` (CDATA), `& < > " '` (XML and HTML), `~ = # { } : \\` and a leading
`[` or `%` (GIFT), Markdown with a `javascript:` link, a table and a list (QTI's XHTML),
blank lines and line breaks, and Bengali with nukta letters, ZWJ, a conjunct and Bengali
digits, whose spaces Moodle's importer must keep. The expectations are plain Python data
written here, not read back through labelbook.
"""

from __future__ import annotations

import copy
import unicodedata
from pathlib import Path

import yaml

from tests.quiz import sample

BN_WORDS = "একটি মন্তব্যে ধর্মীয় গোষ্ঠীকে গালি দেওয়া হয়েছে; য়, ড়, ঢ়, ক্ষ, জ্ঞ, র‍্যাব, ১২৩।"
CONTENT_EN = (
    'Caption: "]]> <![CDATA[ x ]]>" & <script>alert(\'x\')</script> ~ = # { } : \\ [plain] %100% <b>bold</b>\n'
    "a second line\n\nA second paragraph."
)
RATIONALE_EN = (
    "**Bold** and _em_, a [link](https://example.org/a?b=1&c=2), a [bad one](javascript:alert(1)), "
    "]]> end, <i>raw</i> ~ = # { } : \\\n\n| a | b |\n|:--|--:|\n| 1 | 2 |\n\n> quoted\n\n1. one\n2. two"
)
CONTENT_BN = f'{BN_WORDS} "]]>" & <b>না</b> ~ = # {{ }} : \\ [plain] %১০০%\nদ্বিতীয় লাইন\n\nদ্বিতীয় অনুচ্ছেদ।'
RATIONALE_BN = f"**গাঢ়** এবং _বাঁকা_, একটি [লিংক](https://example.org/বাংলা) ]]> {BN_WORDS}\n\n1. এক\n2. দুই"

#: decision id -> (English title, Bengali title): every one carries a character some format reserves
TITLES = {
    "remove": ("Remove <now> & \"always\"", "সরিয়ে দিন <এখনই> & \"সবসময়\""),
    "age-restrict": ("Age-restrict: 18+", "বয়সসীমা দিন: ১৮+"),
    "warning-screen": ("Warning screen {soft} ]]>", "সতর্কবার্তা দিন {নরম} ]]>"),
    "allow": ("Allow ~ #ok = it's fine", "অনুমতি দিন ~ #ঠিক = ভালো"),
}
#: area id -> (English, Bengali): shown in the content warning of sensitive items
AREA_TITLES = {
    "hate-speech": ("Hate speech & <slurs>", "বিদ্বেষমূলক বক্তব্য & <গালি>"),
    "bullying": ("Bullying: {people}", "হয়রানি ও উৎপীড়ন: {মানুষ}"),
    "self-harm": ("Self-harm ]]> care", "আত্মক্ষতি ]]> যত্ন"),
}
RULE_TITLES = {"HS-001": ("Slurs ]]> & <targets> \"quoted\"", "গালি ]]> & <লক্ষ্য> \"উদ্ধৃত\"")}
HOSTILE_EXAMPLE = "HS-001-E02"


def nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


def _rules_and_examples() -> tuple[dict, dict]:
    rules, examples = copy.deepcopy(sample.RULES), copy.deepcopy(sample.EXAMPLES)
    for rid, (en, bn) in RULE_TITLES.items():
        rules[rid]["fm"]["title"], rules[rid]["bn_title"] = en, bn
    ex = next(e for e in examples["HS-001"] if e["id"] == HOSTILE_EXAMPLE)
    ex.update(content=CONTENT_EN, rationale=RATIONALE_EN, bn=(CONTENT_BN, RATIONALE_BN))
    return rules, examples


RULES, EXAMPLES = _rules_and_examples()
QUIZZABLE = sample.QUIZZABLE


def files(mkdocs_extra: str = "") -> dict[str, str]:
    out = sample.files(RULES, EXAMPLES)
    out["mkdocs.yml"] += mkdocs_extra
    policy = yaml.safe_load(out["guidelines/policy.yaml"])
    bn = yaml.safe_load(out["guidelines/policy.bn.yaml"])
    for d in policy["decisions"]:
        d["title"] = TITLES[d["id"]][0]
        bn["decisions"][d["id"]]["title"] = TITLES[d["id"]][1]
    for a in policy["areas"]:
        a["title"] = AREA_TITLES[a["id"]][0]
        bn["areas"][a["id"]]["title"] = AREA_TITLES[a["id"]][1]
    out["guidelines/policy.yaml"] = yaml.safe_dump(policy, allow_unicode=True, sort_keys=False)
    out["guidelines/policy.bn.yaml"] = yaml.safe_dump(bn, allow_unicode=True, sort_keys=False)
    return out


def write(root: Path, mkdocs_extra: str = "") -> Path:
    for rel, text in files(mkdocs_extra).items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return root


def example(eid: str) -> dict:
    return next(ex for exs in EXAMPLES.values() for ex in exs if ex["id"] == eid)


def rule_of(eid: str) -> str:
    return eid.rsplit("-", 1)[0]


def area_of(eid: str) -> str:
    return RULES[rule_of(eid)]["fm"]["area"]


def title(decision: str, lang: str) -> str:
    return nfc(TITLES[decision][0 if lang == "en" else 1])


def texts(eid: str, lang: str) -> tuple[str, str]:
    """(content, rationale) a quiz in `lang` shows: the English when the translation is not current."""
    ex = example(eid)
    if lang == "en" or ex.get("bn") is None or ex.get("bn_stale"):
        return nfc(ex["content"]), nfc(ex["rationale"])
    return nfc(ex["bn"][0]), nfc(ex["bn"][1])


def rule_url(eid: str, lang: str, base: str = "") -> str:
    prefix = "bn/" if lang == "bn" else ""
    return f"{base.rstrip('/') + '/' if base else ''}{prefix}{area_of(eid)}/{rule_of(eid)}/"
