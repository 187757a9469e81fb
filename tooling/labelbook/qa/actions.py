"""The agenda of the weekly meeting: one action per finding, each with its owner and its figure.

A flag or a day that a verdict accounts for (everyone got a rule to clarify wrong, so
every labeler, vendor and day looks worse; or the coached labelers pulled their vendor
down) asks for no action of its own: the verdict's action is it. Nor does a day that
scored low only because it held more of the hard rules: the mix action covers it.

policy    clarifies a rule whose errors are spread over many labelers (a "clarify"
          verdict), or reviews an abnormal area that no verdict explains;
training  recalibrates the few labelers who make most of a rule's errors ("coach");
vendor    reviews a flagged labeler that no coaching covers, looks into a flagged
          segment (a queue, a site, a shift) or a day below the p-chart's limit, and
          plans for a shift of work toward harder rules (a drop in the mix term, which
          no training can fix).
"""

from __future__ import annotations

from typing import Mapping

from labelbook.qa.model import Action, PChart, Rca, Segment, Verdict

#: A mix term this large (in accuracy, 1 point) with a drop is a shift of work worth an action.
MIX_SHIFT = 0.01


def agenda(verdicts: tuple[Verdict, ...], flags: tuple[Segment, ...], pchart: PChart | None, rca: Rca | None,
           rule_areas: Mapping[str, str]) -> tuple[Action, ...]:
    out: list[Action] = []
    for v in verdicts:
        label = f"{v.rule} {v.title}".strip()
        if v.verdict == "clarify":
            flag = next((f for f in flags if f.dimension == "rule" and f.value == v.rule), None)
            out.append(Action("policy", "clarify", label, rate=v.errors / v.audits if v.audits else None,
                              baseline=flag.baseline_rate if flag else None, confusion=v.top_confusion))
        else:
            who = ", ".join(g.labeler for g in v.group)
            out.append(Action("training", "coach", f"{who} ({v.rule})", rate=v.group_rate, baseline=v.rest_rate,
                              share=v.group_share, command=v.quiz_command))
    coached = {g.labeler for v in verdicts if v.verdict == "coach" for g in v.group}
    judged_areas = {rule_areas.get(v.rule) for v in verdicts}
    for f in flags:
        if f.explained_by:
            continue
        if f.dimension == "labeler" and f.value not in coached:
            out.append(Action("vendor", "labeler", f.value, rate=f.rate, baseline=f.baseline_rate, q=f.q_value))
        elif f.dimension == "area" and f.value not in judged_areas:
            out.append(Action("policy", "area", f"{f.value} {f.title}".strip(), rate=f.rate, baseline=f.baseline_rate, q=f.q_value))
        elif f.dimension not in ("labeler", "rule", "area"):
            out.append(Action("vendor", "segment", f"{f.dimension} = {f.value}", rate=f.rate, baseline=f.baseline_rate, q=f.q_value))
    days = [d for d in (pchart.alarms if pchart else ()) if not d.explained_by and not d.by_mix]
    if days:  # one action for the week's alarms: the worst day's figure
        worst = min(days, key=lambda d: d.accuracy - d.lcl)
        out.append(Action("vendor", "day", ", ".join(d.day.isoformat() for d in days), rate=worst.accuracy, baseline=worst.lcl))
    if rca is not None and rca.total < 0 and rca.mix <= -MIX_SHIFT and abs(rca.mix) > abs(rca.rate):
        toward = [r.rule for r in rca.rows if r.rule and r.mix < 0 and r.share1 > r.share0][:3]
        out.append(Action("vendor", "mix", ", ".join(toward), rate=rca.mix))
    return tuple(out)
