"""The words of the report in each language, and its numbers as each language writes them.

Every text the renderers show goes through `Words`: the UI strings are msgids of
labelbook's gettext catalogue (locales/<lang>/LC_MESSAGES/labelbook.po), numbers and
percentages get the language's digits. JSON is language-neutral and does not use this.
"""

from __future__ import annotations

import datetime as dt
from typing import Mapping

from labelbook.core.i18n import N_, Translator
from labelbook.qa.model import Action

SECTIONS = {
    "headline": N_("Headline"),
    "trends": N_("Trends"),
    "abnormal": N_("Abnormal data"),
    "rca": N_("Root cause"),
    "verdicts": N_("Verdicts"),
    "productivity": N_("Productivity"),
    "actions": N_("Actions"),
}
TITLE = N_("Weekly QA report %(week)s")
PERIOD = N_("%(start)s to %(end)s")
DATA = N_("%(audits)s audits from %(files)s file(s), %(first)s to %(last)s")
SKIPPED = N_("%(rows)s bad rows left out (--skip-bad-rows)")
BASELINE_IS = N_("Baseline: %(weeks)s")
PSEUDONYMS = N_("Labeler ids are pseudonymous codes.")

COLUMNS = {
    "period": N_("Period"),
    "week": N_("Week"),
    "audits": N_("Audits"),
    "errors": N_("Errors"),
    "accuracy": N_("Accuracy"),
    "ci": N_("95% interval"),
    "under": N_("Under-enforcement"),
    "over": N_("Over-enforcement"),
    "dimension": N_("Segment"),
    "value": N_("Value"),
    "title": N_("Title"),
    "error_rate": N_("Error rate"),
    "baseline_rate": N_("Baseline error rate"),
    "q": N_("q-value"),
    "rule": N_("Rule"),
    "share0": N_("Share, previous week"),
    "share1": N_("Share, this week"),
    "accuracy0": N_("Accuracy, previous week"),
    "accuracy1": N_("Accuracy, this week"),
    "mix": N_("Mix"),
    "rate": N_("Rate"),
    "total": N_("Total"),
    "changed": N_("Changed in a release"),
    "note": N_("Note"),
    "median": N_("Median seconds"),
    "previous_median": N_("Previous week"),
    "baseline_median": N_("Baseline"),
    "mean": N_("Mean seconds"),
    "owner": N_("Who"),
    "what": N_("What"),
    "figure": N_("The figure"),
    "day": N_("Day"),
    "limit": N_("Lower limit"),
    "release": N_("Release"),
    "date": N_("Date"),
    "labeler_decision": N_("Labeler's decision"),
    "qa_decision": N_("QA's decision"),
}
ROWS = {"week": N_("This week"), "previous": N_("Previous week"), "baseline": N_("Baseline")}
DIMENSIONS = {"labeler": N_("labeler"), "rule": N_("rule"), "area": N_("area")}
OWNERS = {"policy": N_("policy"), "training": N_("training"), "vendor": N_("vendor")}
VERDICTS = {"clarify": N_("clarify"), "coach": N_("coach")}
NO_RULE = N_("(no rule)")
ALL = N_("All")

#: The semantic changelog's kinds of change to a rule, as the changelog names them.
CHANGES = {
    "decision-changed": N_("Decision changed"),
    "example-relabelled": N_("Example relabelled"),
    "body-changed": N_("Text changed"),
    "title-changed": N_("Title changed"),
    "severity-changed": N_("Severity changed"),
    "rule-added": N_("New rule"),
    "rule-removed": N_("Rule removed"),
    "rule-deprecated": N_("Rule deprecated"),
    "rule-reinstated": N_("Rule back in force"),
    "replacement-changed": N_("Replacement changed"),
    "area-changed": N_("Moved to another area"),
    "example-added": N_("New example"),
    "example-removed": N_("Example removed"),
    "example-content-changed": N_("Content changed"),
    "example-rationale-changed": N_("Rationale changed"),
}

HEADLINE_CHANGE = N_("Accuracy: %(previous)s points against the previous week, %(baseline)s against the baseline.")
RELEASES_IN_WINDOW = N_("Guideline releases in the window:")
NO_RELEASES = N_("No guideline release in the window.")
AGREEMENT = N_("Auditor agreement: %(share)s of %(pairs)s pairs of audits of the same item (%(items)s items audited twice or more).")
TREND_ALL = N_("Weekly accuracy, all audits")
TREND_AREAS = N_("Weekly accuracy per area")
RELEASE_MARK = N_("Releases are marked on the week they fall in.")
FLAGS_WHY = N_("Segments whose error rate this week is above their own baseline: one-sided Fisher test, Benjamini-Hochberg false discovery rate %(fdr)s over %(tested)s segments tested, at least %(min)s audits in the week.")
NO_FLAGS = N_("Nothing abnormal: no segment is significantly above its baseline.")
NOT_ENOUGH = N_("Not enough data (fewer than %(min)s audits this week, never flagged): %(count)s segments.")
NO_BASELINE = N_("No baseline (no audits in the baseline weeks, not tested): %(list)s.")
PCHART = N_("Daily team accuracy (p-chart)")
PCHART_WHY = N_("Centre: the baseline accuracy %(centre)s; lower limit: three standard errors of each day's audits below it.")
PCHART_ALARMS = N_("Days below the lower limit:")
PCHART_NONE = N_("No day of the week is below the lower limit.")
RCA_SUMMARY = N_("Accuracy %(a0)s in %(w0)s, %(a1)s in %(w1)s: %(total)s points, of which mix %(mix)s and rate %(rate)s.")
RCA_WHY = N_("Mix: the work moved toward harder or easier rules. Rate: people got better or worse at a rule.")
RCA_NONE = N_("No root cause: the previous week has no audits.")
RCA_TOP = N_("Largest contributors")
CONFUSION = N_("Confusion matrix of the week")
NO_VERDICTS = N_("No rule needs a verdict this week.")
CLARIFY_TEXT = N_("errors spread over %(with_errors)s of %(labelers)s labelers")
COACH_TEXT = N_("%(group)s made %(share)s of its errors (error rate %(group_rate)s against %(rest_rate)s for the others)")
CONFUSION_IS = N_("most common confusion: %(confusion)s")
EXPLAINED = N_("accounted for by %(rules)s")
BY_MIX = N_("accounted for by the day's mix of rules")
EXAMPLES_ARE = N_("its examples: %(examples)s")
QUIZ = N_("recalibrate with:")
NO_QUIZ = N_("it has no quiz examples yet: add edge-case examples first")
WHY_FLAGGED = N_("flagged")
WHY_DROP = N_("rate drop")
NO_PRODUCTIVITY = N_("No handling times (handle_seconds) in the audits.")
TIME_TREND = N_("Median handling time per week")
NO_ACTIONS = N_("No action: nothing abnormal this week.")
CHANGED_IN = N_("changed in %(release)s: %(changes)s")
MORE = N_("… and %(count)s more (all of them are in the json and xlsx formats)")

#: Action kind -> (what to do, the figure that calls for it).
ACTIONS = {
    "clarify": (N_("Clarify %(subject)s in the guidelines: its errors are spread over many labelers"),
                N_("error rate %(rate)s against %(baseline)s; most common confusion %(confusion)s")),
    "coach": (N_("Recalibrate %(subject)s"),
              N_("%(share)s of the rule's errors; error rate %(rate)s against %(baseline)s for the others")),
    "labeler": (N_("Review the work of labeler %(subject)s"), N_("error rate %(rate)s against %(baseline)s in the baseline, q = %(q)s")),
    "area": (N_("Review the rules of area %(subject)s"), N_("error rate %(rate)s against %(baseline)s in the baseline, q = %(q)s")),
    "segment": (N_("Look into %(subject)s"), N_("error rate %(rate)s against %(baseline)s in the baseline, q = %(q)s")),
    "day": (N_("Find out what happened on %(subject)s"), N_("team accuracy down to %(rate)s, below the p-chart limit %(baseline)s")),
    "mix": (N_("Plan for the shift of work toward %(subject)s"), N_("mix %(rate)s points of accuracy, with no one to retrain for it")),
}

NOTES = {
    "no-repo": N_("Not run in a guideline repository: rules are not linked and releases are not marked."),
    "no-order": N_("The decisions' order is unknown (no policy.yaml, no --order): under- and over-enforcement are not counted."),
    "no-site-url": N_("No site_url in mkdocs.yml and no --site-url: rules are not linked."),
    "incomplete-week": N_("The data holds no complete week: %(week)s runs to %(end)s, the data to %(last)s."),
    "no-baseline": N_("The baseline weeks hold no audits: nothing could be tested against a baseline."),
    "history": N_("The release history could not be read: %(detail)s."),
}


class Words:
    """The report's UI strings, numbers and dates in one language; `names` gives the
    decisions' titles in it (a Bengali reader reads শুধু প্রাপ্তবয়স্কদের জন্য রাখুন, not age-restrict)."""

    def __init__(self, lang: str, names: Mapping[str, str] | None = None) -> None:
        self.tr = Translator(lang)
        self.lang = lang
        self.names = dict(names or {})

    def decision(self, d: str | None) -> str:
        return "" if d is None else self.names.get(d, d)

    def __call__(self, msgid: str, **values: object) -> str:
        text = self.tr._(msgid)
        return text % values if values else text

    def n(self, value: int | float) -> str:
        return self.tr.number(value)

    def pct(self, x: float | None, digits: int = 1) -> str:
        return "–" if x is None else self.tr.digits(f"{100 * x:.{digits}f}%")

    def points(self, x: float | None, digits: int = 1) -> str:
        """A change of a rate in percentage points, with its sign: +1.2, −0.4."""
        if x is None:
            return "–"
        text = f"{100 * x:+.{digits}f}".replace("-", "−")
        return self.tr.digits("±" + text[1:] if text.strip("+−0.") == "" else text)

    def q(self, x: float | None) -> str:
        if x is None:
            return "–"
        return self.tr.digits("<0.001" if x < 0.001 else f"{x:.3f}")

    def seconds(self, x: float | None) -> str:
        return "–" if x is None else self.tr.digits(f"{x:.1f}")

    def day(self, d: dt.date) -> str:
        return self.tr.digits(d.isoformat())

    def day_text(self, iso: str) -> str:
        return self.tr.digits(iso)

    def text(self, s: str) -> str:
        """Digits in a code such as a week label (2026-W48), in the language's own digits."""
        return self.tr.digits(s)

    def dimension(self, dim: str) -> str:
        return self(DIMENSIONS[dim]) if dim in DIMENSIONS else dim

    def change(self, kind: str) -> str:
        return self(CHANGES[kind]) if kind in CHANGES else kind

    def note(self, kind: str, detail: str) -> str:
        if kind == "incomplete-week":
            week, end, last = detail.split()
            return self(NOTES[kind], week=self.text(week), end=self.text(end), last=self.text(last))
        return self(NOTES[kind], detail=detail)

    def confusion(self, c: tuple[str, str, int] | None) -> str:
        return "–" if c is None else f"{self.decision(c[0])} → {self.decision(c[1])} ({self.n(c[2])})"

    def action(self, a: Action) -> tuple[str, str]:
        """(what to do, the figure that calls for it) of an action, in this language."""
        what, why = ACTIONS[a.kind]
        rate = self.points(a.rate) if a.kind == "mix" else self.pct(a.rate)
        values = {"rate": rate, "baseline": self.pct(a.baseline), "q": self.q(a.q), "share": self.pct(a.share, 0),
                  "confusion": self.confusion(a.confusion)}
        return self(what, subject=a.subject), self(why, **values)
