"""Grade a calibration round: accuracy per labeler, item, rule and area; agreement; findings.

Two findings drive the loop quiz -> score -> clarify the guideline:

* **agree, not with the key**: the labelers mostly give the same answer, and it is not
  the key. Either the key is wrong, or a shared misreading needs training.
* **split**: no answer gets a clear majority. The labelers read the rule differently:
  the rule needs a clearer definition or a better example.

Thresholds (set in `settings`, documented in `labelbook score --help` and the JSON):
  MIN_ANSWERS  an item needs this many answers before it can be a finding (fewer cannot
               tell a pattern from chance);
  AGREE_SHARE  "agree, not with the key" when one wrong answer has at least this share;
  SPLIT_SHARE  "split" when the most common answer has less than this share.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Iterable

from labelbook.score import agreement as ag
from labelbook.score.quizfile import Quiz, QuizItem
from labelbook.score.responses import Response
from labelbook.score.settings import AGREE_SHARE, MIN_ANSWERS, SPLIT_SHARE

AGREE_NOT_KEY = "agree-not-key"
SPLIT = "split"


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


@dataclass(frozen=True)
class Wrong:
    answer: str
    count: int


@dataclass(frozen=True)
class Tally:
    """Answers pooled over one labeler, item, rule or area."""

    answered: int
    correct: int
    wrong: Wrong | None

    @property
    def accuracy(self) -> float | None:
        return _share(self.correct, self.answered)


def _tally(pairs: Iterable[tuple[str, str]], order: dict[str, int]) -> Tally:
    """`pairs` are (answer, key); ties of wrong answers go to the earlier decision, so output is stable."""
    answered = correct = 0
    wrong: Counter[str] = Counter()
    for answer, key in pairs:
        answered += 1
        if answer == key:
            correct += 1
        else:
            wrong[answer] += 1
    top = min(wrong.items(), key=lambda kv: (-kv[1], order.get(kv[0], len(order)), kv[0])) if wrong else None
    return Tally(answered, correct, Wrong(*top) if top else None)


@dataclass(frozen=True)
class LabelerRow:
    labeler: str
    tally: Tally
    skipped: int


@dataclass(frozen=True)
class ItemRow:
    item: QuizItem
    tally: Tally
    counts: dict[str, int]
    skipped: int
    top_answer: str | None
    top_share: float | None
    agreement: float | None
    finding: str | None


@dataclass(frozen=True)
class GroupRow:
    """A rule or an area: its items pooled."""

    id: str
    title: str
    area: str
    url: str | None
    items: int
    tally: Tally
    split: int
    agree_not_key: int


@dataclass(frozen=True)
class Report:
    quiz: Quiz
    responses_path: str
    rows: int
    labelers: list[LabelerRow]
    items: list[ItemRow]
    rules: list[GroupRow]
    areas: list[GroupRow]
    figures: dict[str, ag.Figure]
    prevalence: list[ag.Prevalence]

    @property
    def answers(self) -> int:
        return sum(i.tally.answered for i in self.items)

    @property
    def skipped(self) -> int:
        return sum(i.skipped for i in self.items)

    @property
    def agree_not_key(self) -> list[ItemRow]:
        found = [i for i in self.items if i.finding == AGREE_NOT_KEY]
        return sorted(found, key=lambda i: (-(i.top_share or 0), i.item.id))

    @property
    def split(self) -> list[ItemRow]:
        found = [i for i in self.items if i.finding == SPLIT]
        return sorted(found, key=lambda i: (i.top_share or 0, i.item.id))

    @property
    def rules_to_clarify(self) -> list[GroupRow]:
        return sorted((r for r in self.rules if r.split), key=lambda r: (-r.split / r.items, r.id))


def _finding(item: QuizItem, counts: dict[str, int], top: str | None, share: float | None) -> str | None:
    answered = sum(counts.values())
    if top is None or share is None or answered < MIN_ANSWERS:
        return None
    if top != item.key and share >= AGREE_SHARE:
        return AGREE_NOT_KEY
    if share < SPLIT_SHARE:
        return SPLIT
    return None


def _item_row(item: QuizItem, answers: list[str], skipped: int, order: dict[str, int]) -> ItemRow:
    counts = Counter(answers)
    ordered = {c: counts[c] for c in sorted(counts, key=lambda c: order.get(c, len(order)))}
    top = None
    if counts:
        # On a tie the key wins: "agree, not with the key" must never rest on a coin toss.
        top = min(counts, key=lambda c: (-counts[c], c != item.key, order.get(c, len(order))))
    share = _share(counts[top], len(answers)) if top else None
    return ItemRow(
        item=item,
        tally=_tally(((a, item.key) for a in answers), order),
        counts=ordered,
        skipped=skipped,
        top_answer=top,
        top_share=share,
        agreement=ag.item_agreement(counts) if counts else None,
        finding=_finding(item, ordered, top, share),
    )


def _groups(rows: list[ItemRow], key: str, order: dict[str, int]) -> list[GroupRow]:
    grouped: dict[str, list[ItemRow]] = {}
    for r in rows:
        grouped.setdefault(getattr(r.item, key), []).append(r)
    out = []
    for gid, members in grouped.items():
        first = members[0].item
        pairs = [(a, m.item.key) for m in members for a, n in m.counts.items() for _ in range(n)]
        out.append(
            GroupRow(
                id=gid,
                title=first.rule_title if key == "rule" else gid,
                area=first.area,
                url=first.rule_url if key == "rule" else None,
                items=len(members),
                tally=_tally(pairs, order),
                split=sum(m.finding == SPLIT for m in members),
                agree_not_key=sum(m.finding == AGREE_NOT_KEY for m in members),
            )
        )
    return sorted(out, key=lambda g: g.id)


def build(quiz: Quiz, responses: list[Response], responses_path: str) -> Report:
    """Everything the renderers show, computed once."""
    categories = quiz.categories
    order = {c: n for n, c in enumerate(categories)}
    by_item: dict[str, list[str]] = {i.id: [] for i in quiz.items}
    skipped_item: Counter[str] = Counter()
    by_labeler: dict[str, list[tuple[str, str]]] = {}
    skipped_labeler: Counter[str] = Counter()
    keys = {i.id: i.key for i in quiz.items}
    for r in responses:
        by_labeler.setdefault(r.labeler, [])
        if r.answer is None:
            skipped_item[r.item] += 1
            skipped_labeler[r.labeler] += 1
            continue
        by_item[r.item].append(r.answer)
        by_labeler[r.labeler].append((r.answer, keys[r.item]))

    items = [_item_row(i, by_item[i.id], skipped_item[i.id], order) for i in quiz.items]
    labelers = [LabelerRow(name, _tally(pairs, order), skipped_labeler[name]) for name, pairs in by_labeler.items()]
    # Lowest accuracy first: the report is read to find who needs coaching.
    labelers.sort(key=lambda row: (row.tally.accuracy if row.tally.accuracy is not None else 2.0, row.labeler))

    units = [r.counts for r in items if r.counts]
    figures = {
        "raw_agreement": ag.raw_agreement(units),
        "fleiss_kappa": ag.fleiss_kappa(units, categories),
        "krippendorff_alpha": ag.krippendorff_alpha_nominal(units),
        "gwet_ac1": ag.gwet_ac1(units, categories),
    }
    if len(by_labeler) == 1:
        only = next(iter(by_labeler))
        for k, f in figures.items():
            figures[k] = ag.Figure(f.name, None, f"not given: only one labeler ({only}) answered; agreement needs two", f.parts)
    used_keys = [r.item.key for r in items if r.counts]
    return Report(
        quiz=quiz,
        responses_path=responses_path,
        rows=len(responses),
        labelers=labelers,
        items=items,
        rules=_groups(items, "rule", order),
        areas=_groups(items, "area", order),
        figures=figures,
        prevalence=ag.prevalence(units, categories, used_keys),
    )
