"""A small bilingual guideline repository written for the Bengali tests, and what they look for in it.

Not this repository's content: its words are chosen so that each query class of the
search tests has one page to find. The pages are written with precomposed য় ড় ঢ়
(labelbook stores NFC, which splits them into letter + nukta), with a ZWJ in র‍্যালি and
ৎ typed as ত্‍ in উত্‍পাত, as text pasted from other tools has them.
"""

from __future__ import annotations

import json
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from labelbook.core.model import fingerprint

from tests.versions.gitrepo import GIT_ENV

ZWJ, ZWNJ = "\u200d", "\u200c"
YA, RRA, RHA = "\u09df", "\u09dc", "\u09dd"  # য় ড় ঢ় precomposed

MKDOCS_YML = "site_name: Community video guidelines (test)\ndocs_dir: guidelines\ntheme: {name: material}\nplugins: [search, labelbook]\n"

POLICY = """\
id: bn-test
title: Community video guidelines (test)
languages: [en, bn]
decisions:
  - {id: remove, title: Remove, description: Take the video down.}
  - {id: age-restrict, title: Age-restrict, description: Only adults may watch it.}
  - {id: allow, title: Allow, description: No action.}
areas:
  - {id: people, title: Attacks on people, description: Insults and threats aimed at a person.}
  - {id: graphic, title: Graphic content, description: Blood and injuries shown on screen.}
"""

POLICY_BN = """\
title: কমিউনিটি ভিডিও নির্দেশিকা (পরীক্ষা)
decisions:
  remove: {title: সরিয়ে দিন, description: ভিডিওটি সরিয়ে দিন।}
  age-restrict: {title: শুধু প্রাপ্তবয়স্কদের জন্য রাখুন, description: শুধু প্রাপ্তবয়স্করা দেখতে পারবেন।}
  allow: {title: রেখে দিন, description: কোনো পদক্ষেপ নেই।}
areas:
  people: {title: মানুষের ওপর আক্রমণ, description: কাউকে লক্ষ্য করে অপমান ও হুমকি।}
  graphic: {title: রক্তাক্ত কনটেন্ট, description: পর্দায় রক্ত ও জখম দেখানো।}
"""


@dataclass(frozen=True)
class Rule:
    id: str
    area: str
    decision: str
    title: str
    body: str
    bn_title: str | None = None
    bn_body: str | None = None
    stale: bool = False  # the Bengali was made from an older English text

    @property
    def page(self) -> str:
        return f"{self.area}/{self.id}/"


RULES = [
    Rule(
        "PA-001", "people", "remove", "Harassing a private person",
        "## Definition\nRepeated insults aimed at a private person.\n\n## What to look for\n"
        "1. Several videos about the same person.\n2. Insulting nicknames.\n",
        "সাধারণ মানুষকে উত্ত্যক্ত করা",
        "## সংজ্ঞা\nকোনো সাধারণ মানুষকে লক্ষ্য করে বারবার অবমাননাকর কথা বলা। এ ধরনের "
        f"হ{YA}রানি সরিয়ে দিন।\n\n## কী দেখবেন\n1. একই মানুষকে নিয়ে একাধিক ভিডিও।\n2. অপমানজনক ডাকনাম।\n"
        "3. মন্তব্যে বারবার একই খোঁচা।\n",
    ),
    Rule(
        "PA-002", "people", "remove", "Spreading rumours about a person",
        "## Definition\nFalse stories told to shame someone. Quoting the news is not covered.\n",
        "কারও নামে মিথ্যা রটানো",
        f"## সংজ্ঞা\nকারও সম্পর্কে বা কোনো গোষ্ঠী সম্পর্কে গুজব ছড়ানো, যাতে পা{RRA}া{YA} ঝগ{RRA}া বাধে। "
        "সংবাদমাধ্যমে প্রকাশিত খবর উদ্ধৃত করা এর আওতায় পড়ে না।\n",
    ),
    Rule(
        "PA-003", "people", "age-restrict", "Threats against a family",
        "## Definition\nThreats aimed at someone's relatives.\n\n## Steps\n1. Check who is named.\n2. Check the threat.\n",
    ),
    Rule(
        "GC-001", "graphic", "age-restrict", "Injuries shown close up",
        "## Definition\nA wound shown close up, bleeding.\n\n## Exceptions\nTraining videos made by doctors.\n",
        "কাছ থেকে দেখানো জখম",
        f"## সংজ্ঞা\nক্ষতস্থান থেকে গা{RHA} রক্ত ঝরছে এমন দৃশ্য। দর্শকের ব{YA}স ১৮ বছরের কম হলে এটি দেখানো যাবে না।\n\n"
        "## ব্যতিক্রম\nচিকিৎসকেরা প্রশিক্ষণের জন্য যে ভিডিও বানান, তা রেখে দিন। হাসপাতালের কর্মীদের সাক্ষাৎকারও রেখে দিন।\n",
    ),
    Rule(
        "GC-002", "graphic", "allow", "Animal slaughter at Eid-ul-Adha",
        "## Definition\nThe lawful qurbani of livestock, shown without close-ups of the cut.\n",
        "ঈদুল আজহায় পশু জবাই",
        "## সংজ্ঞা\nবৈধ কোরবানির ভিডিও।\n",
        stale=True,
    ),
]

#: id -> (rule, modality, label, sensitive, English content, English rationale, Bengali content, Bengali rationale)
EXAMPLES = {
    "PA-001-E01": ("PA-001", "video", "remove", True, "A man films his neighbour and shouts insults at her.",
                   "Repeated insults at a private person: remove.", "একজন লোক প্রতিবেশীকে ভিডিও করে তাকে গালাগাল করে।",
                   "একজন সাধারণ মানুষকে বারবার গালাগাল: সরিয়ে দিন।"),
    "PA-002-E01": ("PA-002", "comment", "remove", False, "Students post a made-up story about their teacher.",
                   "A false story that shames a person: remove.", "স্কুলের শিক্ষার্থীরা এক শিক্ষককে নিয়ে বানানো গল্প ছড়ায়।",
                   "মানুষকে লজ্জা দেওয়ার মতো মিথ্যা গল্প: সরিয়ে দিন।"),
    "GC-001-E01": ("GC-001", "livestream", "age-restrict", False, "A livestream from a road accident shows a bleeding arm.",
                   "An injury seen close up: adults only.", "সড়ক দুর্ঘটনার লাইভস্ট্রিমে রক্তাক্ত হাত দেখা যায়।",
                   "কাছ থেকে দেখা জখম: শুধু প্রাপ্তবয়স্কদের জন্য।"),
}

PAGES = {
    "introduction.md": "# Introduction\n\nHow labelers use these guidelines at rallies and clashes.\n\n## Examples\n\nSee each rule.\n",
    "introduction.bn.md": (
        "# ভূমিকা\n\nএই নির্দেশিকা লেবেলারদের জন্য। সমাবেশ বা র\u200d্যালির ভিডিওতে সংঘর্ষের দৃশ্য থাকলে নিয়মগুলো দেখুন।\n\n"
        "## প্রশ্ন\n\nকোন নিয়ম প্রযোজ্য?\n\n## প্রশ্ন\n\nকখন বিশেষজ্ঞ দলে পাঠাবেন?\n\n## ধাপ ২\n\nসিদ্ধান্ত নিন।\n"
    ),
    "wellbeing.md": "# Wellbeing\n\nTake breaks. In an emergency call 999.\n",
    "wellbeing.bn.md": (
        "# মানসিক সুস্থতা\n\nটানা কাজের ফাঁকে বিরতি নিন। কোনো ভিডিও মনে উত\u09cd\u200dপাতের মতো লাগলে টিম লিডকে জানান। "
        "জরুরি প্রয়োজনে জাতীয় জরুরি সেবার 999 নম্বরে ফোন করুন।\n"
    ),
}


def _rule_file(rule: Rule) -> str:
    meta = {"id": rule.id, "area": rule.area, "title": rule.title, "decision": rule.decision}
    return "---\n" + "".join(f"{k}: {json.dumps(v)}\n" for k, v in meta.items()) + "---\n" + rule.body


def _translation(rule: Rule) -> str:
    source = "aaaaaaaaaaaa" if rule.stale else fingerprint(rule.title, rule.body)
    return f"---\ntitle: {json.dumps(rule.bn_title, ensure_ascii=False)}\nsource: {json.dumps(source)}\n---\n{rule.bn_body}"


def files(rules: list[Rule] = RULES) -> dict[str, str]:
    out = {"mkdocs.yml": MKDOCS_YML, "guidelines/policy.yaml": POLICY, "guidelines/policy.bn.yaml": POLICY_BN}
    out.update({f"guidelines/{name}": text for name, text in PAGES.items()})
    for rule in rules:
        out[f"guidelines/{rule.area}/{rule.id}.md"] = _rule_file(rule)
        if rule.bn_body is not None:
            out[f"guidelines/{rule.area}/{rule.id}.bn.md"] = _translation(rule)
    for rule in rules:
        mine = {k: v for k, v in EXAMPLES.items() if v[0] == rule.id}
        if not mine:
            continue
        en = [{"id": k, "modality": v[1], "content": v[4], "label": v[2], "rationale": v[5], "sensitive": v[3]} for k, v in mine.items()]
        bn = {k: {"source": fingerprint(v[4], v[5]), "content": v[6], "rationale": v[7]} for k, v in mine.items()}
        out[f"examples/{rule.area}/{rule.id}.yaml"] = json.dumps({"rule": rule.id, "examples": en}, ensure_ascii=False, indent=1)
        out[f"examples/{rule.area}/{rule.id}.bn.yaml"] = json.dumps({"rule": rule.id, "examples": bn}, ensure_ascii=False, indent=1)
    return out


def write_repo(root: Path, rules: list[Rule] = RULES) -> Path:
    for rel, text in files(rules).items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def english_titles() -> set[str]:
    """The English titles a Bengali page may show (in its navigation): of rules without a current translation."""
    return {r.title for r in RULES if r.bn_body is None or r.stale}


# -- a real git repository with release tags, for `labelbook build --versions` -----------

#: Fixed dates, so that the pages (release dates in Bengali digits) are the same every run.
DATES = {"v1.0.0": "2026-03-05T10:00:00+00:00", "v1.1.0": "2026-04-07T10:00:00+00:00"}


def git(root: Path, *args: str, date: str | None = None) -> None:
    env = {**os.environ, **GIT_ENV}
    if date:
        env.update(GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date)
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, env=env)


def write_release_repo(root: Path) -> Path:
    """v1.0.0 without PA-003, v1.1.0 with it, and a working tree (`dev`) whose GC-001 changed."""
    write_repo(root, [r for r in RULES if r.id != "PA-003"])
    git(root, "init", "-q", "-b", "main")
    for tag, rules in (("v1.0.0", None), ("v1.1.0", RULES)):
        if rules is not None:
            write_repo(root, rules)
        git(root, "add", "-A")
        git(root, "commit", "-qm", f"Guidelines {tag}", date=DATES[tag])
        git(root, "tag", "-a", tag, "-m", f"Guidelines {tag}", date=DATES[tag])
    gc001 = root / "guidelines/graphic/GC-001.md"
    gc001.write_text(gc001.read_text(encoding="utf-8").replace("bleeding.", "bleeding or burnt."), encoding="utf-8")
    return root
