"""Number formatting and wording shared by the renderers, so every format says the same thing."""

from __future__ import annotations

from labelbook.score.report import AGREE_SHARE, MIN_ANSWERS, SPLIT_SHARE, Report, Tally, Wrong

FIGURE_ORDER = ("raw_agreement", "fleiss_kappa", "krippendorff_alpha", "gwet_ac1")

AGREE_TITLE = "Check the key or train: labelers agree with each other, not with the key"
AGREE_WHY = (
    f"At least {AGREE_SHARE:.0%} of the answers are the same wrong answer (items with {MIN_ANSWERS}+ answers). "
    "Either the key is wrong, or a shared misreading needs training."
)
SPLIT_TITLE = "Clarify the rule: labelers split"
SPLIT_WHY = (
    f"No answer reaches {SPLIT_SHARE:.0%} of the answers (items with {MIN_ANSWERS}+ answers). "
    "Labelers read the rule differently: give it a clearer definition or a better example."
)
PREVALENCE_WHY = (
    "Kappa and alpha drop when one label dominates even if labelers agree; read them beside raw agreement, "
    "Gwet's AC1 and the label shares."
)


def pct(x: float | None) -> str:
    return "n/a" if x is None else f"{100 * x:.1f}%"


def coef(x: float | None) -> str:
    # + 0.0 turns a tiny negative (-0.0000001, a rounding residue) into a plain 0.000
    return "n/a" if x is None else f"{round(x, 3) + 0.0:.3f}"


def wrong(w: Wrong | None) -> str:
    return "" if w is None else f"{w.answer} ({w.count})"


def acc(t: Tally) -> str:
    return f"{pct(t.accuracy)} ({t.correct}/{t.answered})" if t.answered else "n/a (no answers)"


def figure_detail(key: str, parts: dict[str, float]) -> str:
    """The observed/expected parts, named as in the papers, so the figure can be checked by hand."""
    if key == "fleiss_kappa" and "observed" in parts:
        return f"P̄ = {parts['observed']:.3f}, P̄e = {parts['expected']:.3f}, {parts['items']:.0f} items × {parts['answers_per_item']:.0f} answers"
    if key == "gwet_ac1" and "observed" in parts:
        return f"pa = {parts['observed']:.3f}, pe = {parts['expected']:.3f}, {parts['categories']:.0f} categories"
    if key == "krippendorff_alpha" and "observed_disagreement" in parts:
        return f"Do = {parts['observed_disagreement']:.3f}, De = {parts['expected_disagreement']:.3f}, {parts['values']:.0f} pairable answers"
    if key == "raw_agreement" and "items" in parts:
        return f"share of agreeing labeler pairs, mean over {parts['items']:.0f} items"
    return ""


def count(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else plural or word + 's'}"


def headline(r: Report) -> str:
    q = r.quiz
    return f"Calibration report: {q.guideline_title} (version {q.version}, {q.lang})"


def summary(r: Report) -> str:
    answered = len([i for i in r.items if i.tally.answered])
    return (
        f"{count(len(r.labelers), 'labeler')}, {count(r.answers, 'answer')} ({r.skipped} skipped) "
        f"on {answered} of {count(len(r.items), 'item')}; quiz {r.quiz.path}, responses {r.responses_path}"
    )
