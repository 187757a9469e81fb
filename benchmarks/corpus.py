"""A deterministic synthetic guideline repository, for benchmarks at realistic scale.

`generate(root, rules=1000, examples_per_rule=10, releases=5, seed=0)` writes a git
repository of N rules over seven policy areas, M examples per rule, a full and current
Bengali translation of everything (fingerprints computed with `labelbook.model.fingerprint`)
and `releases` tags `v1.0.0`, `v1.1.0`, ... each of which changes a few rules, labels and
examples, as a real release does. The same arguments give the same files and commits.

It lives in the package (not under tests/) so that `benchmarks/run.py`, the smoke test and
anyone profiling a change can import it without path tricks; nothing else imports it.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import textwrap
import time
from dataclasses import dataclass, field
from pathlib import Path

from labelbook.core.model import fingerprint

DECISIONS = [  # (id, English title, Bengali title)
    ("escalate", "Remove and escalate", "সরিয়ে দিন ও বিশেষজ্ঞ দলে পাঠান"),
    ("remove", "Remove", "সরিয়ে দিন"),
    ("age-restrict", "Age-restrict", "শুধু প্রাপ্তবয়স্কদের জন্য রাখুন"),
    ("warning-screen", "Allow behind a warning screen", "সতর্কবার্তা দিয়ে রাখুন"),
    ("allow", "Allow", "রেখে দিন"),
]
AREAS = [  # (id, rule id prefix, English title, Bengali title)
    ("bullying-harassment", "BH", "Bullying and harassment", "বুলিং ও হয়রানি"),
    ("hate-speech", "HS", "Hate speech", "বিদ্বেষমূলক বক্তব্য"),
    ("child-safety", "CS", "Child safety", "শিশু সুরক্ষা"),
    ("adult-sexual-content", "SX", "Adult sexual content", "প্রাপ্তবয়স্কদের যৌন কনটেন্ট"),
    ("self-harm-suicide", "SH", "Self-harm and suicide", "আত্মক্ষতি ও আত্মহত্যা"),
    ("violent-graphic", "VG", "Violent and graphic content", "সহিংস ও বীভৎস কনটেন্ট"),
    ("animal-cruelty", "AC", "Animal cruelty", "প্রাণীর প্রতি নিষ্ঠুরতা"),
]
MODALITIES = ["video", "livestream", "comment", "caption", "profile", "audio", "image", "text"]
SEVERITIES = ["low", "medium", "high", "critical"]
DIFFICULTIES = ["easy", "medium", "hard"]

_EN = (
    "video creator viewer account caption comment livestream clip audio image post channel "
    "group person people child adult animal threat insult joke prank news report context "
    "intent target harm risk violence injury weapon symbol slur protected trait religion "
    "ethnicity gender disability nationality caste community label reviewer queue policy "
    "example decision remove allow restrict warning screen escalate evidence claim quote "
    "satire education documentary awareness support recovery help crisis hotline describes "
    "shows mentions encourages condemns mocks praises threatens reports explains asks the a "
    "an of to in on for with without about because when while after before and or but not "
    "only every any some this that their his her its clearly repeatedly publicly privately"
).split()
_BN = (
    "ভিডিও নির্মাতা দর্শক অ্যাকাউন্ট ক্যাপশন মন্তব্য লাইভ ছবি পোস্ট চ্যানেল গোষ্ঠী মানুষ শিশু "
    "প্রাপ্তবয়স্ক প্রাণী হুমকি অপমান মজা সংবাদ প্রতিবেদন প্রসঙ্গ উদ্দেশ্য ক্ষতি ঝুঁকি সহিংসতা আঘাত "
    "অস্ত্র প্রতীক ধর্ম জাতি লিঙ্গ প্রতিবন্ধিতা জাতীয়তা সম্প্রদায় নিয়ম নীতি উদাহরণ সিদ্ধান্ত সরিয়ে "
    "দিন রেখে সতর্কবার্তা প্রমাণ দাবি উদ্ধৃতি ব্যঙ্গ শিক্ষা সচেতনতা সহায়তা সাহায্য সংকট দেখায় বলে "
    "উৎসাহ দেয় নিন্দা করে ঠাট্টা প্রশংসা জানায় ব্যাখ্যা প্রশ্ন এবং বা কিন্তু না শুধু প্রতিটি কোনো "
    "এই সেই তাদের তার স্পষ্টভাবে বারবার প্রকাশ্যে ব্যক্তিগতভাবে যখন কারণ পরে আগে সঙ্গে ছাড়া"
).split()


@dataclass
class ExampleData:
    id: str
    modality: str
    content: str
    label: str
    rationale: str
    difficulty: str
    sensitive: bool
    distractors: list[str]
    bn_content: str
    bn_rationale: str


@dataclass
class RuleData:
    id: str
    area: str
    title: str
    decision: str
    severity: str
    body: str
    related: list[str]
    bn_title: str
    bn_body: str
    examples: list[ExampleData] = field(default_factory=list)


def _words(rng: random.Random, vocab: list[str], n: int, end: str = ".") -> str:
    """About n words in sentences of 8-16 words: text of a realistic size and shape."""
    out: list[str] = []
    while len(out) < n:
        k = min(rng.randint(8, 16), n - len(out)) or 1
        sentence = [rng.choice(vocab) for _ in range(k)]
        sentence[0] = sentence[0].capitalize()
        out.append(" ".join(sentence) + end)
        n -= k - 1
    return " ".join(out)


def _body(rng: random.Random, vocab: list[str], end: str, headings: tuple[str, str, str]) -> str:
    """A rule body of ~250 words: three headed sections, one of them a list."""
    bullets = "\n".join(f"- **{_words(rng, vocab, 3, '')}**: {_words(rng, vocab, 20, end)}" for _ in range(4))
    return (
        f"## {headings[0]}\n{_words(rng, vocab, 90, end)}\n\n"
        f"## {headings[1]}\n{bullets}\n\n"
        f"## {headings[2]}\n{_words(rng, vocab, 75, end)}\n"
    )


class Corpus:
    """The content of the repository in memory; `write` renders what changed to files."""

    def __init__(self, rules: int, examples_per_rule: int, seed: int) -> None:
        self.rng = random.Random(seed)
        self.rules: list[RuleData] = []
        self.dirty: set[str] = set()  # rule ids whose four files must be written
        for i in range(rules):
            area, prefix, _, _ = AREAS[i % len(AREAS)]
            rule_id = f"{prefix}-{i // len(AREAS) + 1:03d}"
            rule = self._rule(rule_id, area)
            for j in range(examples_per_rule):
                rule.examples.append(self._example(f"{rule_id}-E{j + 1:02d}"))
            self.rules.append(rule)
            self.dirty.add(rule_id)
        ids = [r.id for r in self.rules]
        for rule in self.rules:  # related rules: existing ids, never the rule itself
            rule.related = sorted({x for x in self.rng.sample(ids, min(3, len(ids))) if x != rule.id})

    def _rule(self, rule_id: str, area: str) -> RuleData:
        rng = self.rng
        return RuleData(
            id=rule_id,
            area=area,
            title=_words(rng, _EN, 6, ""),
            decision=rng.choice(DECISIONS)[0],
            severity=rng.choice(SEVERITIES),
            body=_body(rng, _EN, ".", ("Definition", "What to look for", "Exceptions")),
            related=[],
            bn_title=_words(rng, _BN, 6, ""),
            bn_body=_body(rng, _BN, "।", ("সংজ্ঞা", "যা খেয়াল করবেন", "ব্যতিক্রম")),
        )

    def _example(self, ex_id: str) -> ExampleData:
        rng = self.rng
        label = rng.choice(DECISIONS)[0]
        others = [d for d, _, _ in DECISIONS if d != label]
        return ExampleData(
            id=ex_id,
            modality=rng.choice(MODALITIES),
            content=_words(rng, _EN, 40),
            label=label,
            rationale=_words(rng, _EN, 40),
            difficulty=rng.choice(DIFFICULTIES),
            sensitive=rng.random() < 0.15,
            distractors=rng.sample(others, rng.randint(0, 2)),
            bn_content=_words(rng, _BN, 40, "।"),
            bn_rationale=_words(rng, _BN, 40, "।"),
        )

    def release_changes(self) -> None:
        """What a release does: a few rules reworded or re-decided, labels flipped, examples added."""
        rng = self.rng
        for rule in rng.sample(self.rules, min(3, len(self.rules))):
            rule.body += f"\n{_words(rng, _EN, 30)}\n"
            rule.bn_body += f"\n{_words(rng, _BN, 30, '।')}\n"
            self.dirty.add(rule.id)
        rule = rng.choice(self.rules)
        rule.decision = rng.choice([d for d, _, _ in DECISIONS if d != rule.decision])
        self.dirty.add(rule.id)
        for rule in rng.sample(self.rules, min(5, len(self.rules))):
            if rule.examples:
                ex = rng.choice(rule.examples)
                ex.label = rng.choice([d for d, _, _ in DECISIONS if d != ex.label])
                ex.distractors = [d for d in ex.distractors if d != ex.label]
            rule.examples.append(self._example(f"{rule.id}-E{len(rule.examples) + 1:02d}"))
            self.dirty.add(rule.id)

    def write(self, root: Path) -> None:
        if not (root / "mkdocs.yml").exists():
            _write_static(root)
        for rule in self.rules:
            if rule.id in self.dirty:
                _write_rule(root, rule)
        self.dirty.clear()


def _block(text: str, indent: int) -> str:
    """A folded (`>-`) YAML scalar, wrapped at ~100 columns as people write them."""
    pad = " " * indent
    return ">-\n" + textwrap.fill(text, 100, initial_indent=pad, subsequent_indent=pad)


def _write_static(root: Path) -> None:
    (root / "guidelines").mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(
        "site_name: Synthetic labeling guidelines\ndocs_dir: guidelines\ntheme: {name: material}\nplugins: [search, labelbook]\n",
        encoding="utf-8",
    )
    en = ["id: synthetic", "title: Synthetic content labeling guidelines", "languages: [en, bn]", "decisions:"]
    bn = ["title: কৃত্রিম কনটেন্ট লেবেলিং নির্দেশিকা", "decisions:"]
    for d, title, bn_title in DECISIONS:
        en += [f"  - id: {d}", f"    title: {title}", f"    description: What to do when the outcome is {title.lower()}."]
        bn += [f"  {d}:", f"    title: {bn_title}", f"    description: {bn_title} — এই সিদ্ধান্তের বিবরণ।"]
    en.append("areas:")
    bn.append("areas:")
    for a, _, title, bn_title in AREAS:
        en += [f"  - id: {a}", f"    title: {title}", f"    description: Rules about {title.lower()}."]
        bn += [f"  {a}:", f"    title: {bn_title}", f"    description: {bn_title} বিষয়ক নিয়ম।"]
    (root / "guidelines" / "policy.yaml").write_text("\n".join(en) + "\n", encoding="utf-8")
    (root / "guidelines" / "policy.bn.yaml").write_text("\n".join(bn) + "\n", encoding="utf-8")


def _write_rule(root: Path, rule: RuleData) -> None:
    gdir, edir = root / "guidelines" / rule.area, root / "examples" / rule.area
    gdir.mkdir(parents=True, exist_ok=True)
    edir.mkdir(parents=True, exist_ok=True)
    related = f"related: [{', '.join(rule.related)}]\n" if rule.related else ""
    (gdir / f"{rule.id}.md").write_text(
        f"---\nid: {rule.id}\narea: {rule.area}\ntitle: {rule.title}\ndecision: {rule.decision}\n"
        f"severity: {rule.severity}\nstatus: active\n{related}tags: [synthetic]\n---\n{rule.body}",
        encoding="utf-8",
    )
    (gdir / f"{rule.id}.bn.md").write_text(
        f"---\ntitle: {rule.bn_title}\nsource: \"{fingerprint(rule.title, rule.body)}\"\n---\n{rule.bn_body}",
        encoding="utf-8",
    )
    en = [f"rule: {rule.id}", "examples:"]
    bn = [f"rule: {rule.id}", "examples:"]
    for ex in rule.examples:
        en += [
            f"  - id: {ex.id}",
            f"    modality: {ex.modality}",
            f"    content: {_block(ex.content, 6)}",
            f"    label: {ex.label}",
            f"    rationale: {_block(ex.rationale, 6)}",
            f"    difficulty: {ex.difficulty}",
            f"    sensitive: {'true' if ex.sensitive else 'false'}",
            "    quiz: true",
        ]
        if ex.distractors:
            en.append(f"    distractors: [{', '.join(ex.distractors)}]")
        bn += [
            f"  {ex.id}:",
            f"    source: \"{fingerprint(ex.content, ex.rationale)}\"",
            f"    content: {_block(ex.bn_content, 6)}",
            f"    rationale: {_block(ex.bn_rationale, 6)}",
        ]
    (edir / f"{rule.id}.yaml").write_text("\n".join(en) + "\n", encoding="utf-8")
    (edir / f"{rule.id}.bn.yaml").write_text("\n".join(bn) + "\n", encoding="utf-8")


def _git(root: Path, *args: str, when: int = 0) -> None:
    # Fixed names and dates: the same seed gives the same commits, hence the same cache keys.
    stamp = f"{1767225600 + when * 14 * 86400} +0000"  # 2026-01-01, then a release every 2 weeks
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Bench", "GIT_AUTHOR_EMAIL": "bench@example.org", "GIT_AUTHOR_DATE": stamp,
        "GIT_COMMITTER_NAME": "Bench", "GIT_COMMITTER_EMAIL": "bench@example.org", "GIT_COMMITTER_DATE": stamp,
    }
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, env=env)


def generate(root: Path, rules: int = 1000, examples_per_rule: int = 10, releases: int = 5, seed: int = 0) -> Corpus:
    """Write the repository into `root` (created; must be empty) and return its content.

    With `releases` > 0 it is a git repository with tags v1.0.0 .. v1.<releases-1>.0, and the
    working tree is one more round of changes past the last tag (uncommitted), as in a
    repository between releases. With releases == 0 no git repository is made.
    """
    root = Path(root)
    root.mkdir(parents=True, exist_ok=True)
    if rules > 999 * len(AREAS):
        raise ValueError(f"at most {999 * len(AREAS)} rules: rule ids have three digits per area")
    corpus = Corpus(rules, examples_per_rule, seed)
    corpus.write(root)
    if releases <= 0:
        return corpus
    _git(root, "init", "-q", "-b", "main")
    # No automatic gc in the background after a commit: it holds gc's lock, and the `gc` below
    # then fails ("gc is already running").
    _git(root, "config", "gc.auto", "0")
    for n in range(releases):
        if n:
            corpus.release_changes()
            corpus.write(root)
        _git(root, "add", "-A")
        _git(root, "commit", "-q", "-m", f"Release 1.{n}.0", when=n)
        _git(root, "tag", "-a", f"v1.{n}.0", "-m", f"Release 1.{n}.0", when=n)
    # Packed, as in a clone: CI reads releases from a fresh clone's pack, not loose objects.
    _git(root, "gc", "-q")
    corpus.release_changes()  # work in progress since the last release
    corpus.write(root)
    return corpus


def add_options(p: argparse.ArgumentParser, *, rules: int, releases: int) -> None:
    """The corpus options a benchmark shares: --rules, --examples-per-rule, --releases, --seed."""
    p.add_argument("--rules", type=int, default=rules)
    p.add_argument("--examples-per-rule", type=int, default=10)
    p.add_argument("--releases", type=int, default=releases)
    p.add_argument("--seed", type=int, default=0)


def ready(repo: Path, args: argparse.Namespace) -> None:
    """The corpus `args` asks for in `repo`, written unless a `--workdir` run left it there."""
    if (repo / "guidelines").is_dir():
        return
    releases = max(2, args.releases)
    start = time.perf_counter()
    generate(repo, args.rules, args.examples_per_rule, releases, args.seed)
    print(f"corpus: {args.rules} rules x {args.examples_per_rule} examples, en+bn, {releases} releases in {repo} "
          f"({time.perf_counter() - start:.1f} s)", flush=True)  # fmt: skip
