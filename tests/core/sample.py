"""A small, valid, SPEC-conformant bilingual guideline repository, and helpers to break it.

`write_repo(tmp_path)` writes the repository; each test then introduces exactly one
defect with `replace_line` / `edit` and runs the real `labelbook check`.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

from labelbook.core.model import fingerprint

MKDOCS = """\
site_name: Short-video labeling guidelines
docs_dir: guidelines
theme: {name: material}
plugins: [search, labelbook]
"""

POLICY = """\
id: short-video
title: Short-video content labeling guidelines
languages: [en, bn]
decisions:
  - id: remove
    title: Remove
    description: Take the video down and record a strike.
  - id: age-restrict
    title: Age-restrict
    description: Keep the video, but hide it from viewers under 18.
  - id: allow
    title: Allow
    description: Leave the video up.
areas:
  - id: hate-speech
    title: Hate speech
    description: Attacks on people for who they are.
  - id: bullying
    title: Bullying and harassment
    description: Insults, threats or humiliation aimed at a private person.
"""

POLICY_BN = """\
title: শর্ট-ভিডিও কনটেন্ট লেবেলিং নির্দেশিকা
decisions:
  remove:
    title: সরিয়ে দিন
    description: ভিডিওটি সরিয়ে দিন এবং একটি স্ট্রাইক নথিভুক্ত করুন।
  age-restrict:
    title: বয়সসীমা দিন
    description: ভিডিওটি রাখুন, তবে ১৮ বছরের কম বয়সী দর্শকদের কাছ থেকে লুকিয়ে রাখুন।
  allow:
    title: অনুমতি দিন
    description: ভিডিওটি যেমন আছে তেমনই থাকতে দিন।
areas:
  hate-speech:
    title: বিদ্বেষমূলক বক্তব্য
    description: মানুষের পরিচয়ের কারণে তাদের ওপর আক্রমণ।
  bullying:
    title: হয়রানি ও উৎপীড়ন
    description: অপমান, হুমকি বা লাঞ্ছনার মাধ্যমে কোনো সাধারণ ব্যক্তিকে নিশানা করা।
"""

# (front matter, body) of each English rule; the body is what follows the closing '---'.
RULES = {
    "guidelines/hate-speech/HS-001.md": (
        """\
id: HS-001
area: hate-speech
title: Slurs aimed at a protected group
decision: remove
severity: high
status: active
related: [HS-002, BU-001]
tags: [slur]
""",
        """\
## Definition

A slur used to attack people because of a protected characteristic such as religion or ethnicity.

## Not covered

Quoting a slur to condemn it, or to report on an attack.
""",
    ),
    "guidelines/hate-speech/HS-002.md": (
        """\
id: HS-002
area: hate-speech
title: Coded hateful symbols
decision: age-restrict
severity: medium
status: deprecated
replaced_by: HS-001
related: [HS-001]
""",
        """\
## Definition

Numbers and emoji used as a code for a hateful slogan. HS-001 covers them now.
""",
    ),
    "guidelines/bullying/BU-001.md": (
        """\
id: BU-001
area: bullying
title: Degrading a private person
decision: remove
related: [HS-001]
tags: [insult, private-person]
""",
        """\
## Definition

Insults aimed at a private, identifiable person, such as a classmate or a neighbour.
""",
    ),
}

# (title, body) of each Bengali rule translation.
RULES_BN = {
    "guidelines/hate-speech/HS-001.bn.md": (
        "সুরক্ষিত গোষ্ঠীকে লক্ষ্য করে গালি",
        """\
## সংজ্ঞা

ধর্ম বা জাতিসত্তার মতো সুরক্ষিত কোনো বৈশিষ্ট্যের কারণে মানুষকে আক্রমণ করতে ব্যবহৃত গালি।

## যা এর আওতায় পড়ে না

গালির নিন্দা করতে, বা কোনো হামলার খবর দিতে গিয়ে তা উদ্ধৃত করা।
""",
    ),
    "guidelines/hate-speech/HS-002.bn.md": (
        "সাংকেতিক বিদ্বেষমূলক প্রতীক",
        """\
## সংজ্ঞা

বিদ্বেষমূলক স্লোগানের সংকেত হিসেবে ব্যবহৃত সংখ্যা ও ইমোজি। এগুলো এখন HS-001 এর আওতায় পড়ে।
""",
    ),
    "guidelines/bullying/BU-001.bn.md": (
        "কোনো সাধারণ ব্যক্তিকে হেয় করা",
        """\
## সংজ্ঞা

সহপাঠী বা প্রতিবেশীর মতো শনাক্তযোগ্য কোনো সাধারণ ব্যক্তিকে লক্ষ্য করে অপমান।
""",
    ),
}

EXAMPLES = {
    "examples/hate-speech/HS-001.yaml": """\
rule: HS-001
examples:
  - id: HS-001-E01
    modality: video
    content: A news anchor quotes a slur while reporting on an attack on a mosque.
    label: allow
    rationale: Reporting that condemns the slur is news, not an attack.
    difficulty: hard
    sensitive: true
    tags: [news, counter-speech]
    distractors: [remove]
  - id: HS-001-E02
    modality: comment
    content: A comment calls a religious group [slur] and tells them to leave the country.
    label: remove
    rationale: A slur aimed at a protected group, with no news or counter-speech around it.
    difficulty: easy
    quiz: true
    distractors: [age-restrict]
""",
    "examples/hate-speech/HS-002.yaml": """\
rule: HS-002
examples:
  - id: HS-002-E01
    modality: caption
    content: A caption ends with a number that is a known code for a hateful slogan.
    label: age-restrict
    rationale: Under this old rule, a coded symbol without an open attack was age-restricted.
    quiz: false
""",
    "examples/bullying/BU-001.yaml": """\
rule: BU-001
examples:
  - id: BU-001-E01
    modality: video
    content: A student films a crying classmate and adds the caption "[name] the loser".
    label: remove
    rationale: It humiliates an identifiable private person, and a minor at that.
    difficulty: medium
    sensitive: true
    distractors: [allow]
  - id: BU-001-E02
    modality: livestream
    content: A comedian mocks a famous politician's speech on live television.
    label: allow
    rationale: Satire of a public figure's public conduct is not bullying.
    difficulty: hard
    distractors: [remove, age-restrict]
""",
}

# example id -> (content, rationale) in Bengali
EXAMPLES_BN = {
    "HS-001-E01": (
        "একজন সংবাদ উপস্থাপক একটি মসজিদে হামলার খবর দেওয়ার সময় একটি গালি উদ্ধৃত করছেন।",
        "যে খবর গালিটির নিন্দা করে, তা সংবাদ, আক্রমণ নয়।",
    ),
    "HS-001-E02": (
        "একটি মন্তব্যে একটি ধর্মীয় গোষ্ঠীকে [slur] বলা হয়েছে এবং তাদের দেশ ছেড়ে চলে যেতে বলা হয়েছে।",
        "খবর বা পাল্টা বক্তব্যের কোনো প্রেক্ষাপট ছাড়াই সুরক্ষিত গোষ্ঠীকে লক্ষ্য করে গালি।",
    ),
    "HS-002-E01": (
        "একটি ক্যাপশনের শেষে এমন একটি সংখ্যা আছে, যা একটি বিদ্বেষমূলক স্লোগানের পরিচিত সংকেত।",
        "এই পুরোনো নিয়মে, প্রকাশ্য আক্রমণ ছাড়া সাংকেতিক প্রতীকে বয়সসীমা দেওয়া হতো।",
    ),
    "BU-001-E01": (
        "একজন শিক্ষার্থী কাঁদতে থাকা এক সহপাঠীর ভিডিও করে তাতে \"[name] একটা ব্যর্থ\" ক্যাপশন জুড়ে দেয়।",
        "এটি শনাক্তযোগ্য একজন সাধারণ ব্যক্তিকে অপমান করে, যে আবার একজন নাবালক।",
    ),
    "BU-001-E02": (
        "একজন কৌতুকাভিনেতা সরাসরি সম্প্রচারে একজন বিখ্যাত রাজনীতিবিদের ভাষণ নিয়ে ব্যঙ্গ করেন।",
        "জনপরিচিত ব্যক্তির প্রকাশ্য আচরণ নিয়ে ব্যঙ্গ উৎপীড়ন নয়।",
    ),
}

PAGES = {
    "guidelines/introduction.md": "# Introduction\n\nRead the rule, then its examples, before you label.\n",
    "guidelines/introduction.bn.md": "# ভূমিকা\n\nলেবেল দেওয়ার আগে নিয়মটি, তারপর তার উদাহরণগুলো পড়ুন।\n",
}


def rule_text(front_matter: str, body: str) -> str:
    return f"---\n{front_matter}---\n{body}"


def rule_fingerprint(path: str) -> str:
    fm, body = RULES[path]
    return fingerprint(yaml.safe_load(fm)["title"], body)


def example_fingerprints() -> dict[str, str]:
    """Fingerprints of the English examples, read back with plain PyYAML (not labelbook's loader)."""
    out = {}
    for text in EXAMPLES.values():
        for ex in yaml.safe_load(text)["examples"]:
            out[ex["id"]] = fingerprint(ex["content"], ex["rationale"])
    return out


def _q(s: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(s, ensure_ascii=False)


def files() -> dict[str, str]:
    """Every file of the sample repository, relative path -> text."""
    out: dict[str, str] = {
        "mkdocs.yml": MKDOCS,
        "guidelines/policy.yaml": POLICY,
        "guidelines/policy.bn.yaml": POLICY_BN,
        **PAGES,
    }
    for path, (fm, body) in RULES.items():
        out[path] = rule_text(fm, body)
    for path, (title, body) in RULES_BN.items():
        source = rule_fingerprint(path.replace(".bn.md", ".md"))
        out[path] = rule_text(f"title: {title}\nsource: {source}\n", body)
    fps = example_fingerprints()
    for path, text in EXAMPLES.items():
        out[path] = text
        rule = yaml.safe_load(text)["rule"]
        lines = [f"rule: {rule}", "examples:"]
        for ex in yaml.safe_load(text)["examples"]:
            content, rationale = EXAMPLES_BN[ex["id"]]
            lines += [
                f"  {ex['id']}:",
                f"    source: {fps[ex['id']]}",
                f"    content: {_q(content)}",
                f"    rationale: {_q(rationale)}",
            ]
        out[path.replace(".yaml", ".bn.yaml")] = "\n".join(lines) + "\n"
    return out


def write_repo(root: Path, **overrides: str | bytes | None) -> Path:
    """Write the sample repository into `root` and return it.

    `overrides` maps a relative path to new text (or bytes), or to None to leave the file out:
    `write_repo(tmp_path, **{"guidelines/policy.bn.yaml": None})`.
    """
    root = Path(root)
    content: dict[str, str | bytes | None] = {**files(), **overrides}
    for rel, data in content.items():
        if data is None:
            continue
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8")
    return root


# --- editing one file in place -------------------------------------------------------------


def replace_line(path: Path, old: str, new: str | None) -> int:
    """Replace the one line that contains `old` by `new` (None deletes it); returns its 1-based number."""
    lines = path.read_text(encoding="utf-8").split("\n")
    hits = [i for i, line in enumerate(lines) if old in line]
    assert len(hits) == 1, f"{old!r} is on {len(hits)} lines of {path}, expected exactly one"
    i = hits[0]
    if new is None:
        del lines[i]
    else:
        lines[i] = new
    path.write_text("\n".join(lines), encoding="utf-8")
    return i + 1


def insert_after(path: Path, anchor: str, new: str) -> int:
    """Insert the line `new` after the one line containing `anchor`; returns the new line's number."""
    lines = path.read_text(encoding="utf-8").split("\n")
    hits = [i for i, line in enumerate(lines) if anchor in line]
    assert len(hits) == 1, f"{anchor!r} is on {len(hits)} lines of {path}, expected exactly one"
    lines.insert(hits[0] + 1, new)
    path.write_text("\n".join(lines), encoding="utf-8")
    return hits[0] + 2


def locate(path: Path, needle: str, occurrence: int = 1) -> tuple[int, int]:
    """1-based (line, column) of the `occurrence`-th `needle` in the file, in characters."""
    text = path.read_text(encoding="utf-8")
    at = -1
    for _ in range(occurrence):
        at = text.index(needle, at + 1)
    before = text[:at]
    return before.count("\n") + 1, at - (before.rfind("\n") + 1) + 1


# --- running the real command --------------------------------------------------------------


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    col: int
    severity: str
    code: str
    message: str


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str

    @property
    def findings(self) -> list[Finding]:
        return [parse_line(line) for line in self.stdout.splitlines() if line.strip()]

    def codes(self) -> list[str]:
        return [f.code for f in self.findings]

    def only(self, code: str) -> Finding:
        """The single finding with `code`; fails when there are none or several."""
        hits = [f for f in self.findings if f.code == code]
        assert len(hits) == 1, f"expected one {code}, got {len(hits)}:\n{self.stdout}{self.stderr}"
        return hits[0]


_LINE = re.compile(r"(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning)\[(?P<code>[a-z-]+)\]: (?P<msg>.+)")


def parse_line(line: str) -> Finding:
    """Parse `path:line:col: severity[code]: message`."""
    m = _LINE.fullmatch(line)
    assert m, f"not a problem line: {line!r}"
    return Finding(m["path"], int(m["line"]), int(m["col"]), m["sev"], m["code"], m["msg"])


def labelbook(*args: str | Path, timeout: float = 60) -> Run:
    """Run the real command line in a fresh interpreter."""
    proc = subprocess.run(
        [sys.executable, "-m", "labelbook.cli", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    return Run(proc.returncode, proc.stdout, proc.stderr)


def check(repo: Path, *args: str) -> Run:
    return labelbook("check", "-C", repo, *args)
