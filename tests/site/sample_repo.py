"""A small SPEC-conformant guideline repository, written into a folder for site tests.

`write_site_repo(tmp_path)` is a plain function so that other test suites (the
browser end-to-end tests) can build the very same site. It covers every state a
page can show: a current, a stale and a missing Bengali translation of a rule and
of an example, a deprecated rule with its replacement, related links, a sensitive
example, and an example whose content is hostile markup.
"""

from __future__ import annotations

from pathlib import Path

from labelbook.core.model import fingerprint

#: The example whose content must be shown as text, never interpreted.
HOSTILE_CONTENT = "<script>alert(1)</script> **bold** <b>x</b>"
#: A Bengali word that occurs only in the (current) Bengali translation of HS-001;
#: it is followed by a danda in the text, so search must split on `।`.
BN_SEARCH_WORD = "অবমাননাকর"
#: Rule ids by translation state of their Bengali translation.
RULE_CURRENT, RULE_STALE, RULE_MISSING = "HS-001", "BU-001", "HS-002"
#: Example ids: sensitive (current bn), hostile content (stale bn), two lines (missing bn).
EXAMPLE_SENSITIVE, EXAMPLE_HOSTILE, EXAMPLE_MULTILINE = "HS-001-E01", "HS-001-E02", "BU-001-E01"

MKDOCS_YML = """\
site_name: Sample labeling guidelines
docs_dir: guidelines
theme: {name: material}
plugins: [search, labelbook]
"""

POLICY = """\
id: sample
title: Sample short-video labeling guidelines
languages: [en, bn]
decisions:
  - id: remove
    title: Remove
    description: Take the video down and record a strike.
  - id: age-restrict
    title: Age-restrict
    description: Keep it up for adults only.
  - id: allow
    title: Allow
    description: No action.
areas:
  - id: hate-speech
    title: Hate speech
    description: Attacks on people for who they are.
  - id: bullying
    title: Bullying
    description: Shaming or threatening a private person.
"""

POLICY_BN = """\
title: নমুনা শর্ট-ভিডিও লেবেলিং নির্দেশিকা
decisions:
  remove: {title: সরিয়ে দিন, description: ভিডিওটি সরিয়ে দিন এবং একটি স্ট্রাইক দিন।}
  age-restrict: {title: বয়সসীমা আরোপ করুন, description: কেবল প্রাপ্তবয়স্কদের জন্য রাখুন।}
  allow: {title: অনুমতি দিন, description: কোনো পদক্ষেপ নয়।}
areas:
  hate-speech: {title: বিদ্বেষমূলক বক্তব্য, description: মানুষের পরিচয়ের কারণে তাদের আক্রমণ।}
  bullying: {title: হয়রানি, description: কোনো ব্যক্তিকে লজ্জা দেওয়া বা হুমকি দেওয়া।}
"""

HS001_TITLE = "Slurs aimed at a protected group"
HS001_BODY = """\
## Definition
A slur is a word whose main use is to insult people for a protected trait.

## What to look for
- Disguised spellings.
- See [the deprecated caption rule](HS-002.md) for history.
"""
HS002_TITLE = "Slurs in captions"
HS002_BODY = """\
## Definition
Slurs written in captions. Now covered by HS-001.
"""
BU001_TITLE = "Mocking a private person"
BU001_BODY = """\
## Definition
Content that mocks a private person to humiliate them.
"""

E01_CONTENT = "A creator shouts a slur at a passer-by; the video shows the attack."
E01_RATIONALE = "A slur aimed at a person: **remove**."
E02_CONTENT = HOSTILE_CONTENT
E02_RATIONALE = "Quoting markup is not an attack. <i>raw html</i> must stay text."
E03_CONTENT = "Line one of the comment.\nLine two: you are a clown."
E03_RATIONALE = "Mild mockery of an adult: age-restrict."
BN_E01_CONTENT = "একজন নির্মাতা পথচারীকে গালি দিয়ে চিৎকার করেন; ভিডিওতে আক্রমণটি দেখা যায়।"
BN_E01_RATIONALE = "কোনো ব্যক্তিকে লক্ষ্য করে গালি: **সরিয়ে দিন**।"
#: the outdated (stale) Bengali content of HS-001-E02; hostile markup too
BN_E02_CONTENT = "পুরনো অনুবাদ <b>মার্কআপ</b>"


def _rule(id: str, area: str, title: str, decision: str, body: str, extra: str = "") -> str:
    return f"---\nid: {id}\narea: {area}\ntitle: {title}\ndecision: {decision}\n{extra}---\n{body}"


def write_site_repo(tmp_path: Path) -> Path:
    """Write the sample repository into `tmp_path/repo` and return that folder."""
    root = Path(tmp_path) / "repo"
    files = {
        "mkdocs.yml": MKDOCS_YML,
        "guidelines/policy.yaml": POLICY,
        "guidelines/policy.bn.yaml": POLICY_BN,
        "guidelines/introduction.md": "# Introduction\n\nHow to use these guidelines.\n",
        "guidelines/introduction.bn.md": "# ভূমিকা\n\nএই নির্দেশিকা কীভাবে ব্যবহার করবেন।\n",
        "guidelines/wellbeing.md": "# Wellbeing\n\nTake breaks. Talk to your team lead.\n",
        "guidelines/hate-speech/HS-001.md": _rule(
            "HS-001", "hate-speech", HS001_TITLE, "remove", HS001_BODY,
            "severity: high\nrelated: [HS-002, BU-001]\ntags: [slur]\n",
        ),
        # current: the fingerprint of today's English
        "guidelines/hate-speech/HS-001.bn.md": (
            f"---\ntitle: সুরক্ষিত গোষ্ঠীকে লক্ষ্য করে গালি\nsource: {fingerprint(HS001_TITLE, HS001_BODY)}\n---\n"
            f"## সংজ্ঞা\nগালি হলো এমন শব্দ যার মূল ব্যবহার কোনো সুরক্ষিত বৈশিষ্ট্যের জন্য মানুষকে {BN_SEARCH_WORD}। "
            "এটি ১০০ শতাংশ নিয়মের আওতায়।\n"
        ),
        "guidelines/hate-speech/HS-002.md": _rule(
            "HS-002", "hate-speech", HS002_TITLE, "remove", HS002_BODY,
            "severity: medium\nstatus: deprecated\nreplaced_by: HS-001\nrelated: [HS-001]\n",
        ),
        # HS-002 has no Bengali translation: missing
        "guidelines/bullying/BU-001.md": _rule(
            "BU-001", "bullying", BU001_TITLE, "age-restrict", BU001_BODY, "severity: low\n",
        ),
        # stale: made from an older English text
        "guidelines/bullying/BU-001.bn.md": (
            "---\ntitle: কোনো ব্যক্তিকে নিয়ে উপহাস\nsource: \"aaaaaaaaaaaa\"\n---\n"
            "## সংজ্ঞা\nপুরনো অনুবাদ: কোনো ব্যক্তিকে অপমান করার জন্য উপহাস।\n"
        ),
        "examples/hate-speech/HS-001.yaml": (
            "rule: HS-001\nexamples:\n"
            f"  - id: HS-001-E01\n    modality: video\n    content: {E01_CONTENT!r}\n    label: remove\n"
            f"    rationale: {E01_RATIONALE!r}\n    difficulty: easy\n    sensitive: true\n"
            f"  - id: HS-001-E02\n    modality: comment\n    content: {_yq(E02_CONTENT)}\n    label: allow\n"
            f"    rationale: {_yq(E02_RATIONALE)}\n    difficulty: hard\n    distractors: [remove]\n"
        ),
        "examples/hate-speech/HS-001.bn.yaml": (
            "rule: HS-001\nexamples:\n"
            f"  HS-001-E01:\n    source: {fingerprint(E01_CONTENT, E01_RATIONALE)}\n"
            f"    content: {_yq(BN_E01_CONTENT)}\n"
            f"    rationale: {_yq(BN_E01_RATIONALE)}\n"
            '  HS-001-E02:\n    source: "bbbbbbbbbbbb"\n'
            f"    content: {_yq(BN_E02_CONTENT)}\n"
            "    rationale: পুরনো ব্যাখ্যা।\n"
        ),
        "examples/bullying/BU-001.yaml": (
            "rule: BU-001\nexamples:\n"
            f"  - id: BU-001-E01\n    modality: text\n    content: {_yq(E03_CONTENT)}\n    label: age-restrict\n"
            f"    rationale: {_yq(E03_RATIONALE)}\n"
        ),
    }
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def _yq(text: str) -> str:
    """A YAML double-quoted scalar (JSON is valid YAML), so any text survives as written."""
    import json

    return json.dumps(text, ensure_ascii=False)
