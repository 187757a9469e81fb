"""A small bilingual git repository whose Bengali went stale, for the tests of issue 15's site features.

v1.0.0: every unit translated and current. Then one commit changes the English of a rule
(TH-001) and of two examples (TH-002-E01, and the sensitive TH-002-E02), and adds a rule
without translation (TH-003): their Bengali is stale or missing on the working tree. The
Bengali glossary's note quotes a script element, which must reach every page as text.
Not this repository's content: its words are chosen for the assertions below.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from labelbook.core.model import fingerprint

from tests.versions.gitrepo import GIT_ENV

#: 5 March 2026, as the other Bengali tests: the same pages every run.
BUILD_EPOCH = "1772704800"
MKDOCS_YML = "site_name: Neighbourhood video guidelines (test)\ndocs_dir: guidelines\ntheme: {name: material}\nplugins: [search, labelbook]\n"

POLICY = """\
id: stale-test
title: Neighbourhood video guidelines (test)
languages: [en, bn]
decisions:
  - {id: remove, title: Remove, description: Take the video down.}
  - {id: allow, title: Allow, description: No action.}
areas:
  - {id: threats, title: Threats, description: Threats aimed at a person.}
"""
POLICY_BN = """\
title: পাড়ার ভিডিও নির্দেশিকা (পরীক্ষা)
decisions:
  remove: {title: সরিয়ে দিন, description: ভিডিওটি সরিয়ে দিন।}
  allow: {title: রেখে দিন, description: কোনো পদক্ষেপ নেই।}
areas:
  threats: {title: হুমকি, description: কাউকে লক্ষ্য করে দেওয়া হুমকি।}
"""
SCRIPT_NOTE = "Say হুমকি; <script>alert('glossary')</script> & শাসানি is dialect."
GLOSSARY = {"terms": [
    {"en": "threat", "bn": "হুমকি", "avoid": ["থ্রেট", "শাসানি"], "note": SCRIPT_NOTE},
    {"en": "neighbour", "bn": "প্রতিবেশী", "avoid": ["পড়শি"], "note": "The plain word."},
]}  # fmt: skip

#: rule id -> (title, English body at v1.0.0, English body after, Bengali title, Bengali body)
RULES = {
    "TH-001": ("Threats against a neighbour",
               "## Definition\nA threat to hurt a neighbour, said on camera.\n",
               "## Definition\nA threat to hurt or shame a neighbour, said on video.\n",
               "প্রতিবেশীকে হুমকি", "## সংজ্ঞা\nক্যামেরার সামনে কোনো প্রতিবেশীর ক্ষতি করার হুমকি।\n"),
    "TH-002": ("Threats in comments", "## Definition\nA threat written under a video.\n", None,
               "মন্তব্যে হুমকি", "## সংজ্ঞা\nভিডিওর নিচে লেখা হুমকি।\n"),
}  # fmt: skip
#: The rule added after v1.0.0, never translated (its example is).
NEW_RULE = ("TH-003", "Threats against a shop", "## Definition\nA threat to burn down a shop.\n")

#: id -> (label, sensitive, quiz, content, rationale, Bengali content or None, Bengali rationale)
EXAMPLES = {
    "TH-001-E01": ("remove", False, True, "A man tells his neighbour he will break her door.", "A threat to a neighbour: remove.",
                   "একজন লোক প্রতিবেশীকে বলে সে তার দরজা ভেঙে দেবে।", "প্রতিবেশীকে হুমকি: সরিয়ে দিন।"),
    "TH-002-E01": ("remove", False, True, "A comment says: we know where you live.", "A threat to find someone: remove.",
                   "একটি মন্তব্যে লেখা: আমরা জানি তুমি কোথায় থাকো।", "খুঁজে বের করার হুমকি: সরিয়ে দিন।"),
    "TH-002-E02": ("remove", True, True, "A video shows a knife next to a name written on paper.", "A threat with a weapon shown: remove.",
                   "একটি ভিডিওতে কাগজে লেখা একটি নামের পাশে ছুরি দেখা যায়।", "অস্ত্র দেখিয়ে হুমকি: সরিয়ে দিন।"),
    "TH-002-E03": ("allow", False, True, "A comment jokes about a fight at a football match.", "No one is named: allow.", None, None),
    "TH-002-E04": ("allow", False, True, "A comment says the neighbour's dog is noisy.", "A complaint, not a threat: allow.",
                   "একটি মন্তব্যে লেখা, প্রতিবেশীর কুকুরটা খুব চেঁচায়।", "অভিযোগ, হুমকি নয়: রেখে দিন।"),
    "TH-002-E05": ("allow", False, False, "A comment quotes a film line about revenge.", "A line from a film: allow.",
                   "একটি মন্তব্যে প্রতিশোধ নিয়ে সিনেমার একটি সংলাপ উদ্ধৃত করা হয়েছে।", "সিনেমার সংলাপ: রেখে দিন।"),
    "TH-002-E06": ("allow", False, True, "A video asks neighbours to fix the road together.", "No threat: allow.",
                   "একটি ভিডিওতে প্রতিবেশীদের একসঙ্গে রাস্তা মেরামত করতে বলা হয়।", "কোনো হুমকি নেই: রেখে দিন।"),
    "TH-003-E01": ("remove", False, True, "A shopkeeper is told his shop will burn.", "A threat to a shop: remove.",
                   "এক দোকানিকে বলা হয়, তার দোকান পুড়িয়ে দেওয়া হবে।", "দোকানে আগুন দেওয়ার হুমকি: সরিয়ে দিন।"),
}  # fmt: skip
#: The English changed after v1.0.0: example id -> (field, old, new).
CHANGED = {
    "TH-002-E01": ("content", "we know where", "we all know where"),
    "TH-002-E02": ("rationale", "with a weapon shown", "with a knife shown"),
}
#: What the practice quiz of the Bengali working tree may ask, and what it leaves out:
#: stale (E01, E02), missing (E03), of a stale rule (TH-001-E01), of an untranslated rule (TH-003-E01).
CURRENT = {"TH-002-E04", "TH-002-E06"}
LEFT_OUT = {"TH-001-E01", "TH-002-E01", "TH-002-E02", "TH-002-E03", "TH-003-E01"}


def labelbook(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SOURCE_DATE_EPOCH": BUILD_EPOCH}
    proc = subprocess.run([sys.executable, "-m", "labelbook", *args], cwd=cwd, capture_output=True, text=True, timeout=600, env=env, check=False)
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, text=True, env={**os.environ, **GIT_ENV}).stdout


def _write(root: Path, rel: str, text: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _rule(rid: str, title: str, body: str) -> str:
    return f"---\nid: {rid}\narea: threats\ntitle: {json.dumps(title)}\ndecision: remove\n---\n{body}"


def _examples(root: Path, rule: str, after: bool) -> None:
    english, bengali = [], {}
    for eid, (label, sensitive, quiz, content, rationale, bn_content, bn_rationale) in EXAMPLES.items():
        if not eid.startswith(rule + "-"):
            continue
        translated_from = {"content": content, "rationale": rationale}
        now = dict(translated_from)
        if after and eid in CHANGED:
            field, old, new = CHANGED[eid]
            now[field] = now[field].replace(old, new)
        english.append({"id": eid, "modality": "comment", "label": label, "sensitive": sensitive, "quiz": quiz, **now})
        if bn_content is not None:
            source = fingerprint(translated_from["content"], translated_from["rationale"])
            bengali[eid] = {"source": source, "content": bn_content, "rationale": bn_rationale}
    _write(root, f"examples/threats/{rule}.yaml", json.dumps({"rule": rule, "examples": english}, ensure_ascii=False, indent=1))
    _write(root, f"examples/threats/{rule}.bn.yaml", json.dumps({"rule": rule, "examples": bengali}, ensure_ascii=False, indent=1))


def write_stale_repo(root: Path) -> Path:
    """The repository, committed and tagged v1.0.0, then its English changed and committed."""
    for rel, text in {"mkdocs.yml": MKDOCS_YML, "guidelines/policy.yaml": POLICY, "guidelines/policy.bn.yaml": POLICY_BN,
                      "locales/bn/glossary.yaml": json.dumps(GLOSSARY, ensure_ascii=False, indent=1)}.items():  # fmt: skip
        _write(root, rel, text)
    for rid, (title, body, _, bn_title, bn_body) in RULES.items():
        _write(root, f"guidelines/threats/{rid}.md", _rule(rid, title, body))
        _write(root, f"guidelines/threats/{rid}.bn.md", f"---\ntitle: {bn_title}\nsource: {fingerprint(title, body)}\n---\n{bn_body}")
        _examples(root, rid, after=False)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "Guidelines 1.0.0")
    git(root, "tag", "-a", "v1.0.0", "-m", "Guidelines 1.0.0")
    for rid, (title, _, after, _, _) in RULES.items():
        if after is not None:
            _write(root, f"guidelines/threats/{rid}.md", _rule(rid, title, after))
        _examples(root, rid, after=True)
    rid, title, body = NEW_RULE
    _write(root, f"guidelines/threats/{rid}.md", _rule(rid, title, body))
    _examples(root, rid, after=True)
    git(root, "add", "-A")
    git(root, "commit", "-qm", "Wording of TH-001 and two examples; TH-003")
    return root


_BUILT: dict[str, Path] = {}


def built_site(base: Path) -> Path:
    """The working tree's site (`labelbook build -d`), built once per test session whichever
    test module asks first; `base` is an empty folder of that session."""
    if "site" not in _BUILT:
        repo = write_stale_repo(base / "repo")
        proc = labelbook("build", "-C", str(repo), "-d", str(base / "site"))
        assert proc.returncode == 0, proc.stderr
        _BUILT["site"] = base / "site"
    return _BUILT["site"]


def copy_without_git(repo: Path, into: Path) -> Path:
    """The repository's files as a download or `git archive` gives them: no history."""
    shutil.copytree(repo, into, ignore=shutil.ignore_patterns(".git"))
    return into
