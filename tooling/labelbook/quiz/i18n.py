"""The quiz's own words (question prompt, content warning, feedback, practice UI) per language.

They live in labelbook's gettext catalogue with the site's strings (locales/<lang>/...):
one place for translators, the same words on the site and in an LMS. The practice page
receives them as JSON, already translated.
"""

from __future__ import annotations

from labelbook.core.i18n import MODALITY_LABELS, N_, Translator, display_name

#: key -> English msgid; `{name}` placeholders are filled after translation.
MESSAGES: dict[str, str] = {
    "content_warning": N_("Content warning ({area}): this example describes material that may be distressing."),
    "modality": N_("Modality"),
    "prompt": N_("Which decision is correct?"),
    "correct": N_("Correct."),
    "incorrect": N_("Not quite. The correct decision is: {answer}."),
    "rule_link": N_("Rule {rule}: {title}"),
    "source_notice": N_("The {language} translation of this example is not up to date; the {source} text is shown."),
    # the practice page
    "practice_title": N_("Practice quiz"),
    "practice_intro": N_("Pick the decision you would take. You see at once whether it was right, and why."),
    "question_of": N_("Question {n} of {total}"),
    "show_example": N_("Show the example"),
    "your_answer": N_("Your answer: {answer}"),
    "why": N_("Why"),
    "next": N_("Next question"),
    "finish": N_("See my score"),
    "score": N_("You got {score} of {total} right."),
    "restart": N_("Start again"),
    "empty": N_("There are no practice questions in this version yet."),
}


def t(lang: str, key: str, **values: object) -> str:
    text = Translator(lang)._(MESSAGES[key])
    return text.format(**values) if values else text


def source_notice(lang: str, source: str) -> str:
    """'The Bengali translation ... the English text is shown', in `lang`."""
    return t(lang, "source_notice", language=display_name(lang, lang), source=display_name(source, lang))


def modality(lang: str, name: str) -> str:
    label = MODALITY_LABELS.get(name)
    return Translator(lang)._(label) if label else name


def strings(lang: str) -> dict[str, str]:
    """Every string in `lang` (placeholders left for the page to fill): what the practice page embeds."""
    return {key: t(lang, key) for key in MESSAGES}
