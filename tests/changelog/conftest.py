"""A small bilingual guideline repository with real git history, for the changelog tests.

History:
  v1.0.0 (annotated tag)   four rules in two areas, examples, current Bengali translations
  v1.1.0 (lightweight tag) HS-003 added; HS-002 decision age-restrict -> remove;
                           HS-001-E01 relabelled allow -> age-restrict; BH-001 severity
                           medium -> high; BH-002 deprecated (replaced by BH-001);
                           example BH-001-E02 added
  working tree (not committed): rule BH-003 added; example HS-001-E03 removed;
                           HS-001 body and HS-002-E01 content reworded, so their Bengali
                           translations become stale
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from labelbook.core.model import fingerprint

POLICY = """\
id: test-guidelines
title: Test labeling guidelines
languages: [en, bn]
decisions:
  - id: remove
    title: Remove
    description: Take the video down.
  - id: age-restrict
    title: Age-restrict
    description: Only adults may watch it.
  - id: allow
    title: Allow
    description: Leave it up.
areas:
  - id: hate-speech
    title: Hate speech
  - id: bullying
    title: Bullying
"""

POLICY_BN = """\
title: পরীক্ষামূলক লেবেলিং নির্দেশিকা
decisions:
  remove: {title: সরিয়ে দিন, description: ভিডিওটি সরিয়ে দিন।}
  age-restrict: {title: বয়সসীমা দিন, description: শুধু প্রাপ্তবয়স্করা দেখতে পারবেন।}
  allow: {title: থাকতে দিন, description: ভিডিওটি থাকুক।}
areas:
  hate-speech: {title: বিদ্বেষমূলক বক্তব্য}
  bullying: {title: হয়রানি}
"""

HS001_BODY_V1 = """\
## Definition
Remove slurs aimed at a person or a group for a protected trait such as religion or ethnicity.

## What to look for
- Disguised spellings with numbers or symbols.
- Slurs in captions, hashtags and usernames.
"""
HS001_BODY_DEV = HS001_BODY_V1.replace(
    "Remove slurs aimed at a person", "Remove every slur aimed at a person, even in a joke,"
)

BN_TITLES = {
    "HS-001": "সুরক্ষিত গোষ্ঠীকে লক্ষ্য করে গালি",
    "HS-002": "কৌতুকে গৎবাঁধা ধারণা",
    "HS-003": "ঘৃণার প্রতীক",
    "BH-001": "ব্যক্তিগত মানুষকে হুমকি",
    "BH-002": "বন্ধুদের মধ্যে হালকা ঠাট্টা",
}


@dataclass
class RuleSpec:
    id: str
    area: str
    title: str
    decision: str
    body: str
    severity: str = "medium"
    extra: str = ""  # more front-matter lines


def write(root: Path, rel: str, text: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def write_rule(root: Path, r: RuleSpec, *, bn: bool = True) -> None:
    fm = f"id: {r.id}\narea: {r.area}\ntitle: {r.title}\ndecision: {r.decision}\nseverity: {r.severity}\n{r.extra}"
    write(root, f"guidelines/{r.area}/{r.id}.md", f"---\n{fm}---\n{r.body}")
    if bn:
        src = fingerprint(r.title, r.body)
        write(root, f"guidelines/{r.area}/{r.id}.bn.md", f"---\ntitle: {BN_TITLES[r.id]}\nsource: {src}\n---\n## সংজ্ঞা\n{BN_TITLES[r.id]} বিষয়ে নিয়ম।\n")


def write_examples(root: Path, area: str, rule: str, examples: list[dict], *, bn: bool = True) -> None:
    data = {"rule": rule, "examples": examples}
    write(root, f"examples/{area}/{rule}.yaml", yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    if bn:
        tr = {
            ex["id"]: {
                "source": fingerprint(ex["content"], ex.get("rationale", "")),
                "content": f"বাংলা বিবরণ: {ex['id']}",
                "rationale": "কারণ ব্যাখ্যা।",
            }
            for ex in examples
        }
        write(root, f"examples/{area}/{rule}.bn.yaml", yaml.safe_dump({"rule": rule, "examples": tr}, allow_unicode=True, sort_keys=False))


def ex(id: str, label: str, content: str, rationale: str = "Because the rule says so.") -> dict:
    return {"id": id, "modality": "video", "content": content, "label": label, "rationale": rationale}


HS001 = RuleSpec("HS-001", "hate-speech", "Slurs aimed at a protected group", "remove", HS001_BODY_V1, "high", "related: [HS-002]\n")
HS002 = RuleSpec("HS-002", "hate-speech", "Stereotypes in comedy", "age-restrict", "## Definition\nJokes that rely on a stereotype about a protected group.\n")
HS003 = RuleSpec("HS-003", "hate-speech", "Hateful symbols", "remove", "## Definition\nSymbols of hate groups shown to promote them.\n", "high")
BH001 = RuleSpec("BH-001", "bullying", "Threats against a private person", "remove", "## Definition\nA threat of harm aimed at a private person.\n")
BH002 = RuleSpec("BH-002", "bullying", "Mild teasing between friends", "allow", "## Definition\nFriendly teasing that everyone in the video joins in.\n", "low")
BH003 = RuleSpec("BH-003", "bullying", "Sharing private photos to shame", "remove", "## Definition\nPosting someone's private photos to humiliate them.\n", "high")

HS001_EX = [
    ex("HS-001-E01", "allow", "A news anchor quotes a slur while reporting on an attack."),
    ex("HS-001-E02", "remove", "A prank video where a creator calls a rider a slur."),
    ex("HS-001-E03", "remove", "A username made of a disguised slur <script>alert(1)</script>."),
]
HS002_EX = [ex("HS-002-E01", "age-restrict", "A stand-up comic jokes that one group is always late.")]
HS003_EX = [ex("HS-003-E01", "remove", "A flag of a hate group waved at a rally to cheer it.")]
BH001_EX = [ex("BH-001-E01", "remove", "A video says a named classmate will be beaten after school.")]
BH001_EX2 = [ex("BH-001-E02", "remove", "A comment threatens to post a neighbour's address.")]
BH002_EX = [ex("BH-002-E01", "allow", "Friends laugh at each other's dance moves.")]

ENV = {
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_AUTHOR_NAME": "Policy Team",
    "GIT_AUTHOR_EMAIL": "policy@example.org",
    "GIT_COMMITTER_NAME": "Policy Team",
    "GIT_COMMITTER_EMAIL": "policy@example.org",
}
V1_DATE = "2026-03-02T10:00:00+06:00"
V11_DATE = "2026-06-15T09:30:00+06:00"


def git(root: Path, *args: str, date: str | None = None) -> str:
    env = {**os.environ, **ENV}
    if date:
        env.update(GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date)
    proc = subprocess.run(["git", "-C", str(root), *args], env=env, capture_output=True, text=True, check=True)
    return proc.stdout


def commit_all(root: Path, message: str, date: str) -> None:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message, date=date)


def make_repo(root: Path) -> Path:
    """The repository described at the top of this file, with its uncommitted local changes."""
    root.mkdir(parents=True, exist_ok=True)
    git(root, "-c", "init.defaultBranch=main", "init", "-q")
    write(root, "mkdocs.yml", "site_name: Test\ndocs_dir: guidelines\ntheme: {name: material}\nplugins: [search, labelbook]\n")
    write(root, "guidelines/policy.yaml", POLICY)
    write(root, "guidelines/policy.bn.yaml", POLICY_BN)
    for r in (HS001, HS002, BH001, BH002):
        write_rule(root, r)
    write_examples(root, "hate-speech", "HS-001", HS001_EX)
    write_examples(root, "hate-speech", "HS-002", HS002_EX)
    write_examples(root, "bullying", "BH-001", BH001_EX)
    write_examples(root, "bullying", "BH-002", BH002_EX)
    commit_all(root, "First release", V1_DATE)
    git(root, "tag", "-a", "v1.0.0", "-m", "Release 1.0.0", date=V1_DATE)

    write_rule(root, HS003)
    write_examples(root, "hate-speech", "HS-003", HS003_EX)
    write_rule(root, RuleSpec(**{**HS002.__dict__, "decision": "remove"}))
    relabelled = [dict(HS001_EX[0], label="age-restrict"), *HS001_EX[1:]]
    write_examples(root, "hate-speech", "HS-001", relabelled)
    write_rule(root, RuleSpec(**{**BH001.__dict__, "severity": "high"}))
    write_examples(root, "bullying", "BH-001", BH001_EX + BH001_EX2)
    write_rule(root, RuleSpec(**{**BH002.__dict__, "extra": "status: deprecated\nreplaced_by: BH-001\n"}))
    commit_all(root, "Release 1.1", V11_DATE)
    git(root, "tag", "v1.1.0")
    # Tags that are not releases must be ignored.
    git(root, "tag", "nightly")
    git(root, "tag", "vNext")

    # Local, uncommitted work.
    write_rule(root, BH003, bn=False)
    write_examples(root, "bullying", "BH-003", [ex("BH-003-E01", "remove", "A video of a classmate's leaked photos.")], bn=False)
    hs001_bn_yaml = (root / "examples/hate-speech/HS-001.bn.yaml").read_text(encoding="utf-8")
    write_examples(root, "hate-speech", "HS-001", relabelled[:2], bn=False)
    data = yaml.safe_load(hs001_bn_yaml)
    del data["examples"]["HS-001-E03"]
    write(root, "examples/hate-speech/HS-001.bn.yaml", yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    body = root / "guidelines/hate-speech/HS-001.md"
    body.write_text(body.read_text(encoding="utf-8").replace(HS001_BODY_V1, HS001_BODY_DEV), encoding="utf-8")
    hs002 = root / "examples/hate-speech/HS-002.yaml"
    hs002.write_text(hs002.read_text(encoding="utf-8").replace("is always late", "is always late and lazy"), encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Built once per module: the tests only read it (and check that they did not touch it)."""
    with pytest.MonkeyPatch.context() as mp:
        for k, v in ENV.items():
            mp.setenv(k, v)
        yield make_repo(tmp_path_factory.mktemp("guidelines") / "repo")


@pytest.fixture(autouse=True)
def _git_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """labelbook's own git calls must not depend on the developer's git configuration either."""
    for k, v in ENV.items():
        monkeypatch.setenv(k, v)


@dataclass
class Run:
    code: int
    out: str
    err: str


def run_cli(*args: str, cwd: Path | None = None) -> Run:
    """The real entry point in a fresh interpreter: exit code, stdout, stderr as a user sees them."""
    proc = subprocess.run(
        [sys.executable, "-c", "import sys; from labelbook.cli import main; sys.exit(main())", *args],
        cwd=cwd, env={**os.environ, **ENV, "PYTHONIOENCODING": "utf-8"}, capture_output=True, text=True, encoding="utf-8",
    )
    return Run(proc.returncode, proc.stdout, proc.stderr)
