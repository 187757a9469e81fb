"""A small SPEC-conformant bilingual guideline repository for the quiz tests.

Four decisions (so `--options 3` must choose), three areas, a deprecated rule, sensitive
examples, a `quiz: false` example, an example whose text is full of GIFT's special
characters and HTML, a stale Bengali translation and a missing one. The data is plain
Python, so the tests check the quiz against it, not against labelbook's own loader.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from labelbook.core.model import fingerprint

DECISIONS = [
    ("remove", "Remove", "Take the video down and record a strike.", "সরিয়ে দিন", "ভিডিওটি সরিয়ে দিন এবং একটি স্ট্রাইক নথিভুক্ত করুন।"),
    ("age-restrict", "Age-restrict", "Keep the video, but hide it from viewers under 18.", "বয়সসীমা দিন", "ভিডিওটি রাখুন, তবে ১৮ বছরের কম বয়সী দর্শকদের কাছ থেকে লুকিয়ে রাখুন।"),
    ("warning-screen", "Warning screen", "Keep the video behind a click-through warning.", "সতর্কবার্তা দিন", "ভিডিওটি রাখুন, তবে দেখার আগে একটি সতর্কবার্তা দেখান।"),
    ("allow", "Allow", "Leave the video up.", "অনুমতি দিন", "ভিডিওটি যেমন আছে তেমনই থাকতে দিন।"),
]
AREAS = [
    ("hate-speech", "Hate speech", "বিদ্বেষমূলক বক্তব্য"),
    ("bullying", "Bullying and harassment", "হয়রানি ও উৎপীড়ন"),
    ("self-harm", "Suicide and self-harm", "আত্মহত্যা ও আত্মক্ষতি"),
]

# rule id -> front matter (English), body, Bengali title, Bengali body
RULES: dict[str, dict] = {
    "HS-001": dict(
        fm=dict(id="HS-001", area="hate-speech", title="Slurs aimed at a protected group", decision="remove", severity="high", related=["HS-002", "BU-001"]),
        body="## Definition\n\nA slur used to attack people because of their religion, ethnicity or another protected characteristic.\n",
        bn_title="সুরক্ষিত গোষ্ঠীকে লক্ষ্য করে গালি",
        bn_body="## সংজ্ঞা\n\nধর্ম, জাতিসত্তা বা অন্য কোনো সুরক্ষিত বৈশিষ্ট্যের কারণে মানুষকে আক্রমণ করতে ব্যবহৃত গালি।\n",
    ),
    "HS-002": dict(
        fm=dict(id="HS-002", area="hate-speech", title="Hateful imagery shown to condemn it", decision="warning-screen", related=["HS-001"]),
        body="## Definition\n\nHateful symbols or footage shown in order to criticise or document them.\n",
        bn_title="নিন্দা করার উদ্দেশ্যে দেখানো বিদ্বেষমূলক ছবি",
        bn_body="## সংজ্ঞা\n\nসমালোচনা বা নথিভুক্ত করার উদ্দেশ্যে দেখানো বিদ্বেষমূলক প্রতীক বা ভিডিওচিত্র।\n",
    ),
    "BU-001": dict(
        fm=dict(id="BU-001", area="bullying", title="Degrading a private person", decision="remove", related=["HS-001"]),
        body="## Definition\n\nInsults aimed at a private, identifiable person such as a classmate or a neighbour.\n",
        bn_title="কোনো সাধারণ ব্যক্তিকে হেয় করা",
        bn_body="## সংজ্ঞা\n\nসহপাঠী বা প্রতিবেশীর মতো শনাক্তযোগ্য কোনো সাধারণ ব্যক্তিকে লক্ষ্য করে অপমান।\n",
    ),
    "SH-001": dict(
        fm=dict(id="SH-001", area="self-harm", title="Recovery stories that show self-harm scars", decision="age-restrict", related=["SH-002"]),
        body="## Definition\n\nA person talks about recovering from self-harm and their scars are visible.\n",
        bn_title="আত্মক্ষতির দাগসহ সেরে ওঠার গল্প",
        bn_body="## সংজ্ঞা\n\nকেউ আত্মক্ষতি থেকে সেরে ওঠার কথা বলছেন এবং তাঁর দাগ দেখা যাচ্ছে।\n",
    ),
    "SH-002": dict(
        fm=dict(id="SH-002", area="self-harm", title="Self-harm imagery (old rule)", decision="remove", status="deprecated", replaced_by="SH-001"),
        body="## Definition\n\nReplaced by SH-001.\n",
        bn_title="আত্মক্ষতির ছবি (পুরোনো নিয়ম)",
        bn_body="## সংজ্ঞা\n\nএর জায়গায় এখন SH-001 প্রযোজ্য।\n",
    ),
}

SPECIAL_CONTENT = 'Caption: "Score: 10/10 = {perfect} ~ #winning" \\o/\nSecond line quotes <script>alert(\'x\')</script> as text.'

# rule id -> examples; "bn": (content, rationale) or None (missing); "bn_stale": the translation is outdated
EXAMPLES: dict[str, list[dict]] = {
    "HS-001": [
        dict(id="HS-001-E01", modality="video", content="A news anchor quotes a slur while reporting on an attack on a mosque.", label="allow",
             rationale="Reporting that condemns the slur is news, not an attack.", difficulty="hard", sensitive=True, distractors=["remove"],
             bn=("একজন সংবাদ উপস্থাপক একটি মসজিদে হামলার খবর দেওয়ার সময় একটি গালি উদ্ধৃত করছেন।", "যে খবর গালিটির নিন্দা করে, তা সংবাদ, আক্রমণ নয়।")),
        dict(id="HS-001-E02", modality="comment", content="A comment calls a religious group [slur] and tells them to leave the country.", label="remove",
             rationale="A slur aimed at a protected group, with no news or counter-speech around it.", difficulty="easy", distractors=["age-restrict"],
             bn=("একটি মন্তব্যে একটি ধর্মীয় গোষ্ঠীকে [slur] বলা হয়েছে এবং তাদের দেশ ছেড়ে চলে যেতে বলা হয়েছে।", "খবর বা পাল্টা বক্তব্যের কোনো প্রেক্ষাপট ছাড়াই সুরক্ষিত গোষ্ঠীকে লক্ষ্য করে গালি।")),
        dict(id="HS-001-E03", modality="text", content="A username made of a slur.", label="remove",
             rationale="A slur in a username attacks the group wherever the name appears.", difficulty="medium", quiz=False,
             bn=("গালি দিয়ে তৈরি একটি ব্যবহারকারীর নাম।", "ব্যবহারকারীর নামে থাকা গালি যেখানেই নামটি দেখা যায় সেখানেই গোষ্ঠীটিকে আক্রমণ করে।")),
    ],
    "HS-002": [
        dict(id="HS-002-E01", modality="video", content="A history teacher shows a hate group's flag while explaining how the group recruited young people.",
             label="warning-screen", rationale="Hateful imagery shown to teach about it stays up behind a warning.", difficulty="medium", distractors=["remove", "allow"],
             bn=("একজন ইতিহাসের শিক্ষক একটি বিদ্বেষী গোষ্ঠী কীভাবে তরুণদের দলে টানত তা ব্যাখ্যা করতে গিয়ে গোষ্ঠীটির পতাকা দেখান।", "শেখানোর উদ্দেশ্যে দেখানো বিদ্বেষমূলক ছবি সতর্কবার্তাসহ থাকবে।")),
        dict(id="HS-002-E02", modality="caption", content=SPECIAL_CONTENT, label="allow",
             rationale="A joke caption with **no** hateful symbol: leave it up. <b>not bold</b> & [a link](javascript:alert(1))", difficulty="hard", distractors=["warning-screen"],
             bn=('ক্যাপশন: "স্কোর: ১০/১০ = {দারুণ} ~ #জয়"', "কোনো বিদ্বেষমূলক প্রতীক ছাড়া মজার ক্যাপশন।"), bn_stale=True),
    ],
    "BU-001": [
        dict(id="BU-001-E01", modality="video", content='A student films a crying classmate and adds the caption "[name] the loser".', label="remove",
             rationale="It humiliates an identifiable private person, and a minor at that.", difficulty="medium", sensitive=True, distractors=["allow"],
             bn=('একজন শিক্ষার্থী কাঁদতে থাকা এক সহপাঠীর ভিডিও করে তাতে "[name] একটা ব্যর্থ" ক্যাপশন জুড়ে দেয়।', "এটি শনাক্তযোগ্য একজন সাধারণ ব্যক্তিকে অপমান করে, যে আবার একজন নাবালক।")),
        dict(id="BU-001-E02", modality="livestream", content="A comedian mocks a famous politician's speech on live television.", label="allow",
             rationale="Satire of a public figure's public conduct is not bullying.", difficulty="easy", distractors=["remove"],
             bn=("একজন কৌতুকাভিনেতা সরাসরি সম্প্রচারে একজন বিখ্যাত রাজনীতিবিদের ভাষণ নিয়ে ব্যঙ্গ করেন।", "জনপরিচিত ব্যক্তির প্রকাশ্য আচরণ নিয়ে ব্যঙ্গ উৎপীড়ন নয়।")),
        dict(id="BU-001-E03", modality="profile", content="A profile set up to post a neighbour's photos with mocking captions every day.", label="remove",
             rationale="A whole account made to humiliate one private person is bullying.", difficulty="hard", bn=None),
    ],
    "SH-001": [
        dict(id="SH-001-E01", modality="video", content="A young woman shows her healed scars while talking about how she got help.", label="age-restrict",
             rationale="A recovery story helps others, but the visible scars can hurt young viewers.", difficulty="medium", sensitive=True, distractors=["remove", "allow"],
             bn=("একজন তরুণী কীভাবে সাহায্য পেয়েছিলেন সে কথা বলতে বলতে তাঁর শুকিয়ে যাওয়া দাগ দেখান।", "সেরে ওঠার গল্প অন্যদের সাহায্য করে, তবে দৃশ্যমান দাগ অল্পবয়সী দর্শকদের কষ্ট দিতে পারে।")),
        dict(id="SH-001-E02", modality="comment", content="A comment under a recovery video shares a helpline number.", label="allow",
             rationale="Pointing people to help is always allowed.", difficulty="easy", distractors=["age-restrict"],
             bn=("সেরে ওঠার একটি ভিডিওর নিচে একটি মন্তব্যে একটি হেল্পলাইন নম্বর দেওয়া হয়েছে।", "মানুষকে সাহায্যের পথ দেখানো সবসময় অনুমোদিত।")),
    ],
    "SH-002": [
        dict(id="SH-002-E01", modality="image", content="A close-up photo of fresh cuts with no caption.", label="remove",
             rationale="Under the old rule, graphic self-harm imagery was removed.", difficulty="medium", sensitive=True,
             bn=("ক্যাপশন ছাড়া তাজা কাটা দাগের একটি কাছ থেকে তোলা ছবি।", "পুরোনো নিয়মে, আত্মক্ষতির স্পষ্ট ছবি সরিয়ে দেওয়া হতো।")),
    ],
}

#: what a quiz may ask: quiz: true, rule not deprecated
QUIZZABLE = sorted(
    ex["id"] for rid, exs in EXAMPLES.items() for ex in exs
    if ex.get("quiz", True) and RULES[rid]["fm"].get("status") != "deprecated"
)
SENSITIVE = sorted(ex["id"] for exs in EXAMPLES.values() for ex in exs if ex.get("sensitive") and ex["id"] in QUIZZABLE)


def example(eid: str) -> dict:
    return next(ex for exs in EXAMPLES.values() for ex in exs if ex["id"] == eid)


def area_of(eid: str) -> str:
    return RULES[example(eid)["id"].rsplit("-", 1)[0]]["fm"]["area"]


def decision_title(did: str, lang: str) -> str:
    row = next(d for d in DECISIONS if d[0] == did)
    return row[1] if lang == "en" else row[3]


def expected_text(eid: str, lang: str) -> tuple[str, str]:
    """(content, rationale) a quiz in `lang` must show: the English when the translation is not current."""
    ex = example(eid)
    if lang == "en" or ex.get("bn") is None or ex.get("bn_stale"):
        return ex["content"], ex["rationale"]
    return ex["bn"]


def _dump(data: object) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)


def files(rules: dict[str, dict] | None = None, examples: dict[str, list[dict]] | None = None) -> dict[str, str]:
    rules = RULES if rules is None else rules
    examples = EXAMPLES if examples is None else examples
    out = {
        "mkdocs.yml": "site_name: Short-video labeling guidelines\ndocs_dir: guidelines\ntheme: {name: material}\nplugins: [search, labelbook]\n",
        "guidelines/policy.yaml": _dump({
            "id": "short-video", "title": "Short-video content labeling guidelines", "languages": ["en", "bn"],
            "decisions": [{"id": d, "title": t, "description": desc} for d, t, desc, _, _ in DECISIONS],
            "areas": [{"id": a, "title": t} for a, t, _ in AREAS],
        }),
        "guidelines/policy.bn.yaml": _dump({
            "title": "শর্ট-ভিডিও কনটেন্ট লেবেলিং নির্দেশিকা",
            "decisions": {d: {"title": bt, "description": bd} for d, _, _, bt, bd in DECISIONS},
            "areas": {a: {"title": bt} for a, _, bt in AREAS},
        }),
    }
    for rid, r in rules.items():
        area = r["fm"]["area"]
        out[f"guidelines/{area}/{rid}.md"] = f"---\n{_dump(r['fm'])}---\n{r['body']}"
        source = fingerprint(r["fm"]["title"], r["body"])
        out[f"guidelines/{area}/{rid}.bn.md"] = f"---\n{_dump({'title': r['bn_title'], 'source': source})}---\n{r['bn_body']}"
    for rid, exs in examples.items():
        area = rules[rid]["fm"]["area"]
        keys = ("id", "modality", "content", "label", "rationale", "difficulty", "sensitive", "quiz", "distractors")
        english = [{k: ex[k] for k in keys if k in ex} for ex in exs]
        out[f"examples/{area}/{rid}.yaml"] = _dump({"rule": rid, "examples": english})
        bn = {}
        for ex in exs:
            if ex.get("bn") is None:
                continue
            source = "0123456789ab" if ex.get("bn_stale") else fingerprint(ex["content"], ex["rationale"])
            bn[ex["id"]] = {"source": source, "content": ex["bn"][0], "rationale": ex["bn"][1]}
        out[f"examples/{area}/{rid}.bn.yaml"] = _dump({"rule": rid, "examples": bn})
    return out


def write_repo(root: Path, rules: dict[str, dict] | None = None, examples: dict[str, list[dict]] | None = None) -> Path:
    root = Path(root)
    for rel, text in files(rules, examples).items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root
