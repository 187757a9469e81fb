"""A guideline repository for the QA report tests: the core tests' sample (tests/core/sample.py)
plus a third area with a hard rule, so that work can shift toward it; optionally a real git
repository whose release tags carry chosen dates, one of them changing a rule's decision."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path

from tests.core.sample import POLICY, POLICY_BN, files, rule_text

#: Rules of the QA test repository, by area.
RULES = {"HS-001": "hate-speech", "HS-002": "hate-speech", "BU-001": "bullying", "BU-002": "bullying", "SP-001": "spam"}
DECISIONS = ("remove", "age-restrict", "allow")
SITE_URL = "https://guides.example.org/short-video"

_EXTRA = {
    "guidelines/bullying/BU-002.md": rule_text(
        "id: BU-002\narea: bullying\ntitle: Threats against a private person\ndecision: remove\n",
        "## Definition\n\nA threat of violence aimed at a private, identifiable person.\n",
    ),
    "examples/bullying/BU-002.yaml": (
        "rule: BU-002\nexamples:\n"
        "  - id: BU-002-E01\n    modality: comment\n    content: A comment tells a neighbour they will be hurt tonight.\n"
        "    label: remove\n    rationale: A direct threat to an identifiable person.\n"
    ),
    "guidelines/spam/SP-001.md": rule_text(
        "id: SP-001\narea: spam\ntitle: Engagement bait\ndecision: age-restrict\n",
        "## Definition\n\nPosts that ask for likes or shares in exchange for a reward that does not exist.\n",
    ),
    "examples/spam/SP-001.yaml": (
        "rule: SP-001\nexamples:\n"
        "  - id: SP-001-E01\n    modality: caption\n    content: Like and share to win a phone!\n"
        "    label: age-restrict\n    rationale: A fake giveaway.\n"
        "  - id: SP-001-E02\n    modality: video\n    content: A shop shows its real prize draw with its terms.\n"
        "    label: allow\n    rationale: A real draw with terms is no bait.\n"
    ),
}
_SPAM = "  - id: spam\n    title: Spam\n    description: Content that games attention.\n"
_SPAM_BN = "  spam:\n    title: স্প্যাম\n    description: মনোযোগ কাড়ার জন্য বানানো কনটেন্ট।\n"

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Policy Specialist",
    "GIT_AUTHOR_EMAIL": "policy@example.invalid",
    "GIT_COMMITTER_NAME": "Policy Specialist",
    "GIT_COMMITTER_EMAIL": "policy@example.invalid",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}


def write_qa_repo(root: Path, *, site_url: str | None = SITE_URL) -> Path:
    content = {**files(), **_EXTRA}
    content["guidelines/policy.yaml"] = POLICY + _SPAM
    content["guidelines/policy.bn.yaml"] = POLICY_BN + _SPAM_BN
    if site_url:
        content["mkdocs.yml"] = content["mkdocs.yml"] + f"site_url: {site_url}\n"
    for rel, text in content.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def git(root: Path, *args: str, when: dt.date | None = None) -> str:
    env = {**os.environ, **GIT_ENV}
    if when is not None:  # commits and annotated tags take their dates from these
        stamp = f"{when.isoformat()}T12:00:00+00:00"
        env.update(GIT_AUTHOR_DATE=stamp, GIT_COMMITTER_DATE=stamp)
    return subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, text=True, env=env).stdout


def release_repo(root: Path, first: dt.date, second: dt.date) -> Path:
    """v1.0.0 on `first`; v1.1.0 on `second` changes HS-001's decision from remove to
    age-restrict and relabels its example HS-001-E02 the same way."""
    write_qa_repo(root)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "Guidelines 1.0", when=first)
    git(root, "tag", "-a", "v1.0.0", "-m", "Release 1.0.0", when=first)
    rule = root / "guidelines/hate-speech/HS-001.md"
    rule.write_text(rule.read_text(encoding="utf-8").replace("decision: remove", "decision: age-restrict"), encoding="utf-8")
    examples = root / "examples/hate-speech/HS-001.yaml"
    text = examples.read_text(encoding="utf-8")
    head, tail = text.split("  - id: HS-001-E02", 1)
    tail = tail.replace("label: remove", "label: age-restrict", 1).replace("distractors: [age-restrict]", "distractors: [remove]", 1)
    examples.write_text(head + "  - id: HS-001-E02" + tail, encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "HS-001: age-restrict instead of remove", when=second)
    git(root, "tag", "-a", "v1.1.0", "-m", "Release 1.1.0", when=second)
    return root
