"""The quiz's own words (question prompt, content warning, feedback, practice UI) per language.

Kept here rather than in the site's gettext catalogue because quiz files are read by LMSs
and spreadsheets, far from the site; the practice page receives the same strings as JSON,
so one table serves both. A language without an entry falls back to English.
"""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "content_warning": "Content warning ({area}): this example describes material that may be distressing.",
        "modality": "Modality",
        "prompt": "Which decision is correct?",
        "correct": "Correct.",
        "incorrect": "Not quite. The correct decision is: {answer}.",
        "rule_link": "Rule {rule}: {title}",
        "english_notice": "The Bengali translation of this example is not up to date; the English text is shown.",
        # practice page
        "practice_title": "Practice quiz",
        "practice_intro": "Pick the decision you would take. You see at once whether it was right, and why.",
        "question_of": "Question {n} of {total}",
        "show_example": "Show the example",
        "your_answer": "Your answer: {answer}",
        "why": "Why",
        "next": "Next question",
        "finish": "See my score",
        "score": "You got {score} of {total} right.",
        "restart": "Start again",
        "empty": "There are no practice questions in this version yet.",
    },
    "bn": {
        "content_warning": "সতর্কতা ({area}): এই উদাহরণে এমন বিষয়ের বর্ণনা আছে যা মনে কষ্ট দিতে পারে।",
        "modality": "মাধ্যম",
        "prompt": "কোন সিদ্ধান্তটি সঠিক?",
        "correct": "সঠিক।",
        "incorrect": "হয়নি। সঠিক সিদ্ধান্ত হলো: {answer}।",
        "rule_link": "নিয়ম {rule}: {title}",
        "english_notice": "এই উদাহরণের বাংলা অনুবাদ হালনাগাদ নয়; তাই ইংরেজি লেখা দেখানো হলো।",
        "practice_title": "অনুশীলনী কুইজ",
        "practice_intro": "আপনি যে সিদ্ধান্ত নিতেন সেটি বেছে নিন। সঙ্গে সঙ্গে দেখবেন উত্তরটি সঠিক কি না, আর কেন।",
        "question_of": "প্রশ্ন {n} / {total}",
        "show_example": "উদাহরণটি দেখুন",
        "your_answer": "আপনার উত্তর: {answer}",
        "why": "কারণ",
        "next": "পরের প্রশ্ন",
        "finish": "আমার স্কোর দেখুন",
        "score": "{total}টির মধ্যে {score}টি সঠিক হয়েছে।",
        "restart": "আবার শুরু করুন",
        "empty": "এই সংস্করণে এখনও কোনো অনুশীলনী প্রশ্ন নেই।",
    },
}

MODALITIES: dict[str, dict[str, str]] = {
    "en": {
        "video": "Video", "livestream": "Livestream", "comment": "Comment", "caption": "Caption",
        "profile": "Profile", "audio": "Audio", "image": "Image", "text": "Text",
    },
    "bn": {
        "video": "ভিডিও", "livestream": "লাইভস্ট্রিম", "comment": "মন্তব্য", "caption": "ক্যাপশন",
        "profile": "প্রোফাইল", "audio": "অডিও", "image": "ছবি", "text": "লেখা",
    },
}


def t(lang: str, key: str, **values: object) -> str:
    table = STRINGS.get(lang, STRINGS["en"])
    text = table.get(key) or STRINGS["en"][key]
    return text.format(**values) if values else text


def modality(lang: str, name: str) -> str:
    return MODALITIES.get(lang, MODALITIES["en"]).get(name) or MODALITIES["en"].get(name, name)


def strings(lang: str) -> dict[str, str]:
    """Every string in `lang`, English where it has none: what the practice page embeds."""
    return {key: t(lang, key) for key in STRINGS["en"]}
