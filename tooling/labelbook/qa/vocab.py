"""What an audit cell may say: the decisions (in the policy's order), the rules, and the
review tool's own label names mapped to decisions with `--decisions MAP.yaml`.

A MAP.yaml is a plain mapping, one review-tool label per line:

    Take down: remove
    Age gate: age-restrict
    "No action": allow

Labels are matched without regard to case, spaces, '-' or '_'. Inside a guideline
repository a decision's id and its title in any language are accepted as they are.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

from labelbook.core.problems import ContentError, Pos, UsageError, did_you_mean, error
from labelbook.core.yamlio import parse_yaml

#: A MAP.yaml larger than this is not a label map (a review tool has tens of labels).
MAX_MAP_BYTES = 1 << 20


def fold(text: str) -> str:
    """'Age Restrict', 'age_restrict', 'AGE-RESTRICT' -> 'age-restrict'."""
    return re.sub(r"[\s_\-]+", "-", unicodedata.normalize("NFC", text).strip().casefold())


@dataclass(frozen=True)
class Vocabulary:
    """`decisions` strongest action first (None: any value is a decision, and under- and
    over-enforcement cannot be told); `rules` rule id -> area (None: any rule id is accepted)."""

    decisions: tuple[str, ...] | None = None
    spellings: Mapping[str, str] = field(default_factory=dict)
    rules: Mapping[str, str] | None = None

    def decision(self, value: str, mapped: Mapping[str, str]) -> str | None:
        """The decision id a cell names, or None when it names none."""
        key = fold(value)
        if key in mapped:
            return mapped[key]
        if self.decisions is None:
            return value
        return self.spellings.get(key)

    def unknown_decision(self, value: str) -> str:
        assert self.decisions is not None
        ids = list(self.decisions)
        return f"{value!r} is not a decision{did_you_mean(fold(value), ids)}; expected one of: {', '.join(ids)}"

    def rule(self, value: str) -> str | None:
        if self.rules is None:
            return value
        return value if value in self.rules else (value.upper() if value.upper() in self.rules else None)

    def unknown_rule(self, value: str) -> str:
        assert self.rules is not None
        return f"{value!r} is not a rule of the guidelines{did_you_mean(value.upper(), list(self.rules))}"


def with_order(vocab: Vocabulary, order: list[str]) -> Vocabulary:
    """`--order remove,age-restrict,allow`: the decisions, strongest first, outside a guideline repository."""
    ids = [o.strip() for o in order if o.strip()]
    if len(set(ids)) != len(ids) or len(ids) < 2:
        raise UsageError("--order: give two or more different decision ids, strongest action first, e.g. --order remove,age-restrict,allow")
    return Vocabulary(tuple(ids), {fold(i): i for i in ids}, vocab.rules)


def read_decision_map(path: Path, shown: str, vocab: Vocabulary) -> dict[str, str]:
    """{folded review-tool label: decision id}, or ContentError listing every bad entry."""
    try:
        if path.stat().st_size > MAX_MAP_BYTES:
            raise ContentError(f"{shown}: too large", [error(Pos(shown), "decision-map-invalid", f"larger than {MAX_MAP_BYTES:,} bytes: not a label map")])
        raw = path.read_bytes()
    except OSError as exc:
        raise UsageError(f"--decisions {shown}: cannot be read ({exc.strerror or exc})") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ContentError(f"{shown} is not UTF-8", [error(Pos(shown, raw[: exc.start].count(b"\n") + 1), "decision-map-invalid", "not UTF-8 text")]) from None
    located, problems = parse_yaml(text, shown)
    if located is not None and not problems and not isinstance(located.data, dict):
        problems = [error(Pos(shown), "decision-map-invalid", "expected a mapping of review-tool labels to decision ids, one 'label: decision' per line")]
    if located is None or problems:
        raise ContentError(f"{shown}: the decision map has errors", problems)
    out: dict[str, str] = {}
    where: dict[str, Pos] = {}
    for key, value in located.data.items():
        at = located.pos((key,))
        if not isinstance(key, str) or not isinstance(value, str):
            bad = key if not isinstance(key, str) else value
            problems.append(error(at if isinstance(key, str) else located.pos((key,), key=True), "decision-map-invalid",
                                  f"{bad!r} is not text; quote it (\"{bad}\") so that YAML keeps it as written"))
            continue
        target = vocab.spellings.get(fold(value)) if vocab.decisions is not None else value.strip()
        if target is None:
            problems.append(error(at, "decision-map-unknown", f"label '{key}': {vocab.unknown_decision(value)}"))
            continue
        if fold(key) in out and out[fold(key)] != target:
            problems.append(error(at, "decision-map-invalid", f"'{key}' is mapped twice, also on line {where[fold(key)].line}"))
            continue
        out[fold(key)], where[fold(key)] = target, at
    if problems:
        raise ContentError(f"{shown}: the decision map has errors", problems)
    return out
