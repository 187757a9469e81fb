"""The weekly QA report as data: every renderer (text, Markdown, HTML, JSON, XLSX) reads
these objects and nothing else, so every format shows the same numbers.

Rates are fractions (0..1). Labeler ids are already pseudonymous here when the report
was asked for with --pseudonymize: no renderer sees the real ones.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from labelbook.qa.context import ReleaseInfo, RuleChange


def share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


@dataclass(frozen=True)
class Tally:
    audits: int
    correct: int
    under: int | None  # None: the decisions' order is unknown (outside a guideline repository, no --order)
    over: int | None
    low: float | None  # 95% Wilson interval of the accuracy
    high: float | None

    @property
    def errors(self) -> int:
        return self.audits - self.correct

    @property
    def accuracy(self) -> float | None:
        return share(self.correct, self.audits)

    @property
    def error_rate(self) -> float | None:
        return share(self.errors, self.audits)

    @property
    def under_rate(self) -> float | None:
        return None if self.under is None else share(self.under, self.audits)

    @property
    def over_rate(self) -> float | None:
        return None if self.over is None else share(self.over, self.audits)


@dataclass(frozen=True)
class WeekPoint:
    label: str
    start: dt.date
    tally: Tally


@dataclass(frozen=True)
class Headline:
    week: Tally
    previous: Tally
    baseline: Tally
    releases: tuple[ReleaseInfo, ...]  # inside the window (baseline start .. report week end)
    twice_audited: int = 0  # items audited by two auditors or more in the week
    auditor_pairs: int = 0
    auditor_agree: int = 0


@dataclass(frozen=True)
class Segment:
    """A labeler, rule, area or value of another column, in the report week against its baseline."""

    dimension: str
    value: str
    audits: int
    errors: int
    baseline_audits: int
    baseline_errors: int
    p_value: float | None = None
    q_value: float | None = None
    flagged: bool = False
    title: str = ""  # a rule's or area's title
    url: str | None = None
    changes: tuple[tuple[ReleaseInfo, tuple[RuleChange, ...]], ...] = ()
    #: the verdicts whose audits account for this flag ("HS-001" to clarify, "BU-001: L03, L11"
    #: coached): without those audits the segment is not above its baseline
    explained_by: tuple[str, ...] = ()

    @property
    def rate(self) -> float | None:
        return share(self.errors, self.audits)

    @property
    def baseline_rate(self) -> float | None:
        return share(self.baseline_errors, self.baseline_audits)


@dataclass(frozen=True)
class Abnormal:
    tested: tuple[Segment, ...]  # lowest q-value first
    not_enough: tuple[Segment, ...]  # fewer than --min-audits in the week: never flagged
    no_baseline: tuple[Segment, ...]  # enough audits, but none in the baseline weeks

    @property
    def flags(self) -> tuple[Segment, ...]:
        return tuple(s for s in self.tested if s.flagged)


@dataclass(frozen=True)
class Day:
    day: dt.date
    audits: int
    correct: int
    lcl: float
    ucl: float
    in_week: bool
    #: below the limit only through the verdicts' audits (as Segment.explained_by)
    explained_by: tuple[str, ...] = ()
    #: below the limit only through the day's mix of rules: at each rule's baseline accuracy,
    #: that mix would have scored as low
    by_mix: bool = False

    @property
    def accuracy(self) -> float:
        return self.correct / self.audits

    @property
    def below(self) -> bool:
        return self.in_week and self.accuracy < self.lcl


@dataclass(frozen=True)
class PChart:
    centre: float  # the baseline's pooled accuracy
    days: tuple[Day, ...]

    @property
    def alarms(self) -> tuple[Day, ...]:
        return tuple(d for d in self.days if d.below)


@dataclass(frozen=True)
class RcaRow:
    rule: str | None  # None: the audits without a rule, counted as one rule of their own
    title: str
    audits0: int
    audits1: int
    share0: float
    share1: float
    accuracy0: float | None
    accuracy1: float | None
    mix: float
    rate: float
    url: str | None = None
    changes: tuple[tuple[ReleaseInfo, tuple[RuleChange, ...]], ...] = ()

    @property
    def total(self) -> float:
        return self.mix + self.rate


@dataclass(frozen=True)
class Rca:
    accuracy0: float
    accuracy1: float
    mix: float
    rate: float
    rows: tuple[RcaRow, ...]  # every rule, largest |mix + rate| first
    top: tuple[RcaRow, ...]  # the largest contributors, named in the report

    @property
    def total(self) -> float:
        return self.accuracy1 - self.accuracy0


@dataclass(frozen=True)
class LabelerErrors:
    labeler: str
    audits: int
    errors: int


@dataclass(frozen=True)
class Verdict:
    rule: str
    title: str
    verdict: str  # "clarify" | "coach"
    reasons: tuple[str, ...]  # "flagged", "rate-drop"
    audits: int
    errors: int
    labelers: int  # labelers audited on the rule in the week
    labelers_with_errors: int
    group: tuple[LabelerErrors, ...]  # the fewest labelers who make COACH_SHARE of the errors
    group_rate: float | None
    rest_rate: float | None
    top_confusion: tuple[str, str, int] | None  # (decision, qa_decision, audits)
    examples: tuple[tuple[str, str], ...] = ()
    url: str | None = None
    quiz_command: str | None = None
    changes: tuple[tuple[ReleaseInfo, tuple[RuleChange, ...]], ...] = ()
    rate_change: float | None = None  # this rule's `rate` term of the root cause

    @property
    def group_share(self) -> float | None:
        return share(sum(g.errors for g in self.group), self.errors)


@dataclass(frozen=True)
class TimeRow:
    dimension: str
    value: str
    audits: int
    median: float
    previous: float | None
    baseline: float | None


@dataclass(frozen=True)
class Productivity:
    weekly: tuple[tuple[str, int, float, float], ...]  # (week, timed audits, median, mean)
    rows: tuple[TimeRow, ...]  # per labeler, rule, and value of each other column, in the week


@dataclass(frozen=True)
class Action:
    """One line of the meeting's agenda: who, what (`kind`, worded by strings.ACTIONS), about
    what (`subject`: a rule, labelers, a segment, a day), and the figure that calls for it."""

    owner: str  # "policy" | "training" | "vendor"
    kind: str
    subject: str
    rate: float | None = None  # the segment's error rate (a day's accuracy; the mix term)
    baseline: float | None = None  # what it is compared with
    q: float | None = None
    share: float | None = None  # coach: the group's share of the rule's errors
    confusion: tuple[str, str, int] | None = None
    command: str | None = None  # coach: the ready `labelbook quiz` command


@dataclass(frozen=True)
class Report:
    title: str
    lang: str
    week: str
    week_start: dt.date
    week_end: dt.date
    previous: str
    baseline: tuple[str, ...]
    first_day: dt.date
    last_day: dt.date
    files: tuple[str, ...]
    rows: int
    skipped_rows: int
    min_audits: int
    fdr: float
    decisions: tuple[str, ...]  # in the policy's order; or as found, outside a guideline repository
    decision_titles: dict[str, str]  # id -> title in the report's language (empty outside a repository)
    headline: Headline
    weeks: tuple[WeekPoint, ...]
    area_weeks: dict[str, tuple[WeekPoint, ...]]
    area_titles: dict[str, str]
    releases: tuple[ReleaseInfo, ...]  # every release dated inside the data
    abnormal: Abnormal
    pchart: PChart | None
    rca: Rca | None
    verdicts: tuple[Verdict, ...]
    confusion: dict[tuple[str, str], int]
    productivity: Productivity | None
    actions: tuple[Action, ...]
    pseudonymized: bool = False
    #: (kind, detail): what the report could not do and why; strings.NOTES words each kind
    notes: tuple[tuple[str, str], ...] = field(default_factory=tuple)
