"""Which examples a quiz asks about: filters, then a seeded pick spread over areas and difficulties.

The pick is a function of the repository, the settings and the seed only (no clock, no
hash randomisation), so the same inputs give the same quiz. Asking for more items than
the filters leave is an error that names the filter that ran dry: a short quiz passed
off as complete would skew a calibration.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Collection

from labelbook.core.model import DIFFICULTIES, Example, Repo
from labelbook.core.problems import UsageError
from labelbook.quiz.settings import QuizSettings


def eligible(repo: Repo, named_rules: Collection[str] = ()) -> list[Example]:
    """Examples that may be asked at all: `quiz: true`, of a rule in force.

    A deprecated rule's examples teach a decision that no longer applies, so they are
    left out unless the trainer names the rule with --rule.
    """
    out = []
    for ex in repo.examples.values():
        rule = repo.rules.get(ex.rule)
        if ex.quiz and rule is not None and (not rule.deprecated or rule.id in named_rules):
            out.append(ex)
    return sorted(out, key=lambda e: e.id)


def _filtered(repo: Repo, s: QuizSettings, changed: Collection[str] | None) -> tuple[list[Example], list[str]]:
    """The examples the filters leave, and a trail saying how many each filter left."""
    pool = eligible(repo, s.rules)
    trail = [f"{len(repo.examples)} examples in the repository, {len(pool)} of them may be quizzed (quiz: true, rule in force)"]
    steps: list[tuple[str, Callable[[Example], bool]]] = []
    if changed is not None:
        steps.append((f"--since {s.since}", lambda e: e.id in changed))
    if s.areas:
        steps.append((f"--area {','.join(s.areas)}", lambda e: repo.rules[e.rule].area in s.areas))
    if s.rules:
        steps.append((f"--rule {','.join(s.rules)}", lambda e: e.rule in s.rules))
    if s.difficulties:
        steps.append((f"--difficulty {','.join(s.difficulties)}", lambda e: e.difficulty in s.difficulties))
    for label, keep in steps:
        pool = [e for e in pool if keep(e)]
        trail.append(f"{label} leaves {len(pool)}")
    return pool, trail


def sensitive_cap(s: QuizSettings) -> int:
    if s.max_sensitive is None:
        return s.count
    # The epsilon keeps 0.3 * 10 at 3, not 2.9999.
    return math.floor(s.max_sensitive * s.count + 1e-9)


def select(repo: Repo, s: QuizSettings, changed: Collection[str] | None = None) -> list[Example]:
    """`s.count` examples in quiz order. `changed`: the example ids --since allows (None: all)."""
    pool, trail = _filtered(repo, s, changed)
    cap = sensitive_cap(s)
    plain = [e for e in pool if not e.sensitive]
    sensitive = [e for e in pool if e.sensitive]
    available = len(plain) + min(len(sensitive), cap)
    if s.count > available:
        raise UsageError(_too_many(s, len(pool), available, len(plain), len(sensitive), cap, trail))
    rng = random.Random(f"labelbook-quiz:{s.seed}")
    picked = _round_robin(repo, pool, s.count, cap, rng)
    # Round-robin order would repeat the area pattern; the quiz order is shuffled too.
    rng.shuffle(picked)
    return picked


def _too_many(s: QuizSettings, pooled: int, available: int, plain: int, sensitive: int, cap: int, trail: list[str]) -> str:
    why = "; ".join(trail)
    msg = f"--count {s.count}: only {available} example{'s' if available != 1 else ''} can be asked ({why})"
    if available < pooled:
        msg += (
            f"; --max-sensitive {s.max_sensitive:g} allows at most {cap} sensitive item{'s' if cap != 1 else ''}"
            f" in {s.count}, and {plain} of the {pooled} are not sensitive ({sensitive} are)"
        )
    return msg + ". Ask for fewer items or widen the filters."


def _round_robin(repo: Repo, pool: list[Example], count: int, cap: int, rng: random.Random) -> list[Example]:
    """Take one example per area in turn; within an area, one per difficulty in turn.

    Two levels, so that an area with examples of all three difficulties does not get
    three times the share of an area with one. Buckets and their order are shuffled
    with the seeded generator.
    """
    areas: dict[str, dict[str, list[Example]]] = {}
    for ex in pool:  # pool is sorted by id: bucket contents start in a fixed order
        areas.setdefault(repo.rules[ex.rule].area, {}).setdefault(ex.difficulty, []).append(ex)
    order = sorted(areas)
    rng.shuffle(order)
    cursors: dict[str, list[list[Example]]] = {}
    for area in order:
        buckets = [areas[area][d] for d in DIFFICULTIES if d in areas[area]]
        for bucket in buckets:
            rng.shuffle(bucket)
        rng.shuffle(buckets)
        cursors[area] = buckets
    picked: list[Example] = []
    n_sensitive = 0
    while len(picked) < count:
        progressed = False
        for area in order:
            ex = _take(cursors[area], allow_sensitive=n_sensitive < cap)
            if ex is None:
                continue
            picked.append(ex)
            n_sensitive += ex.sensitive
            progressed = True
            if len(picked) == count:
                break
        if not progressed:  # cannot happen after the availability check; never loop forever
            break
    return picked


def _take(buckets: list[list[Example]], allow_sensitive: bool) -> Example | None:
    """The next example of the first difficulty bucket that has one; that bucket goes last."""
    for i, bucket in enumerate(buckets):
        for j, ex in enumerate(bucket):
            if allow_sensitive or not ex.sensitive:
                del bucket[j]
                buckets.append(buckets.pop(i))
                return ex
    return None
