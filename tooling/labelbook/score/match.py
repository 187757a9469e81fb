"""What an LMS calls an item or an answer -> the quiz's item id and option id.

Every reader of responses goes through here, so an item is known by the same names
everywhere: its id (the example id, in any case), or the QTI identifier `labelbook quiz
--format qti` gave it (`item-HS-001-E01`); an answer by its option id, its title in the
quiz's language or the source language (`titles` of the quiz's decisions), or its QTI
identifier (`choice-remove`). A Moodle report names a question by its text: `by_question`
finds the item whose question that text holds.
"""

from __future__ import annotations

import html
import re
import unicodedata

from labelbook.score.quizfile import Quiz, QuizItem


def qti_ident(prefix: str, value: str) -> str:
    """The QTI identifier labelbook's QTI export gives `value` (quiz/export_qti.py `ident`)."""
    return f"{prefix}-{re.sub(r'[^A-Za-z0-9_.-]', '_', value)}"


def fold(s: str) -> str:
    """Only the letters, marks and digits of `s`, NFC and case-folded.

    An LMS turns the question's HTML into plain text its own way (Moodle's html2text
    upper-cases bold text, puts blank lines between paragraphs, appends the options after
    ': ', and leaves some character references such as `&#x27;` undecoded); what stays is
    the words, in order.
    """
    s = unicodedata.normalize("NFC", html.unescape(s)).casefold()
    return "".join(c for c in s if unicodedata.category(c)[0] in "LMN")


def loose(s: str) -> str:
    """A title as typed: NFC, white space collapsed, case-folded."""
    return " ".join(unicodedata.normalize("NFC", s).split()).casefold()


class Matcher:
    """Resolves the names an LMS gives items and answers, for one quiz."""

    def __init__(self, quiz: Quiz) -> None:
        self.quiz = quiz
        self.items = quiz.by_id
        self._item_names: dict[str, str] = {}
        for item_id in self.items:
            for name in (item_id, qti_ident("item", item_id)):
                self._item_names.setdefault(name.upper(), item_id)
        self._exact = {i: {o.id: o.id for o in item.options} for i, item in self.items.items()}
        self._loose = {i: self._spellings(item) for i, item in self.items.items()}
        self._questions = [(fold(i.question) or loose(i.question), i.id) for i in quiz.items]
        self._seen: dict[str, list[str]] = {}

    def _spellings(self, item: QuizItem) -> dict[str, str]:
        out: dict[str, str] = {}
        # Ids first, so that an option titled like another option's id cannot take its place.
        for o in item.options:
            out.setdefault(loose(o.id), o.id)
        for o in item.options:
            for name in (o.text, qti_ident("choice", o.id), *self.quiz.titles.get(o.id, ())):
                out.setdefault(loose(name), o.id)
        return out

    def item(self, name: str) -> str | None:
        """The item id `name` stands for, or None."""
        return self._item_names.get(name.strip().upper())

    def answer(self, item_id: str, name: str) -> str | None:
        """The option id of `item_id` that `name` stands for, or None."""
        # Moodle's html2text may leave a character reference (`Don&#x27;t`) in what it shows.
        spellings = self._loose[item_id]
        return self._exact[item_id].get(name) or spellings.get(loose(name)) or spellings.get(loose(html.unescape(name)))

    def shown(self, item_id: str, option_id: str) -> str:
        """How a message names an option: its title and id."""
        option = next(o for o in self.items[item_id].options if o.id == option_id)
        return f"{option.text} ({option.id})" if option.text != option.id else option.id

    def by_question(self, shown: str) -> list[str]:
        """The items whose question text `shown` holds, the longest question first.

        Several when two items' questions are equally long and both held: the caller says
        the match is ambiguous rather than guess.
        """
        if shown not in self._seen:
            text = fold(shown) or loose(shown)
            held = [(len(sig), item_id) for sig, item_id in self._questions if sig and sig in text]
            best = max((n for n, _ in held), default=0)
            self._seen[shown] = [item_id for n, item_id in held if n == best]
        return self._seen[shown]
