"""The `json` rendering: the shape documented by `schemas/score.schema.json`.

Ratios are full-precision floats in 0..1 (null when undefined, never NaN); the
renderers for people round them. Field meanings are in the schema's descriptions.
Texts from the quiz file and the responses are escaped by `json.dumps`, so none can
change the document's structure; a lone surrogate (legal in JSON, not in UTF-8)
becomes U+FFFD.
"""

from __future__ import annotations

import json

from labelbook.score import agreement as ag
from labelbook.score.report import AGREE_SHARE, MIN_ANSWERS, SPLIT_SHARE, GroupRow, ItemRow, Report, Tally
from labelbook.score.textout import encodable

FORMAT = "labelbook-score"
FORMAT_VERSION = 1


def _tally(t: Tally) -> dict:
    return {
        "answered": t.answered,
        "correct": t.correct,
        "accuracy": t.accuracy,
        "most_common_wrong": {"answer": t.wrong.answer, "count": t.wrong.count} if t.wrong else None,
    }


def _item(i: ItemRow) -> dict:
    return {
        "id": i.item.id,
        "rule": i.item.rule,
        "area": i.item.area,
        "rule_url": i.item.rule_url,
        "key": i.item.key,
        **_tally(i.tally),
        "skipped": i.skipped,
        "answers": dict(i.counts),
        "top_answer": i.top_answer,
        "top_share": i.top_share,
        "agreement": i.agreement,
        "finding": i.finding,
    }


def _finding(i: ItemRow) -> dict:
    return {
        "item": i.item.id,
        "rule": i.item.rule,
        "rule_title": i.item.rule_title,
        "rule_url": i.item.rule_url,
        "key": i.item.key,
        "top_answer": i.top_answer,
        "top_share": i.top_share,
        "answered": i.tally.answered,
        "accuracy": i.tally.accuracy,
    }


def _group(g: GroupRow, rule: bool) -> dict:
    out = {"id": g.id, "items": g.items, **_tally(g.tally), "split_items": g.split, "agree_not_key_items": g.agree_not_key}
    if rule:
        out = {"id": g.id, "title": g.title, "area": g.area, "rule_url": g.url, **{k: v for k, v in out.items() if k != "id"}}
    return out


def _figure(f: ag.Figure) -> dict:
    return {"name": f.name, "value": f.value, "note": f.note, "parts": dict(f.parts)}


def to_dict(r: Report) -> dict:
    q = r.quiz
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "guideline": {"id": q.guideline_id, "title": q.guideline_title, "version": q.version},
        "lang": q.lang,
        "quiz": q.path,
        "responses": r.responses_path,
        "totals": {
            "items": len(r.items),
            "items_answered": sum(1 for i in r.items if i.tally.answered),
            "labelers": len(r.labelers),
            "rows": r.rows,
            "answers": r.answers,
            "skipped": r.skipped,
        },
        "thresholds": {"min_answers": MIN_ANSWERS, "agree_share": AGREE_SHARE, "split_share": SPLIT_SHARE},
        "agreement": {k: _figure(f) for k, f in r.figures.items()},
        "prevalence": [p.as_dict() for p in r.prevalence],
        "findings": {
            "agree_not_key": [_finding(i) for i in r.agree_not_key],
            "split": [_finding(i) for i in r.split],
            "rules_to_clarify": [
                {"rule": g.id, "title": g.title, "rule_url": g.url, "split_items": g.split, "items": g.items}
                for g in r.rules_to_clarify
            ],
        },
        "labelers": [{"labeler": l.labeler, **_tally(l.tally), "skipped": l.skipped} for l in r.labelers],
        "items": [_item(i) for i in r.items],
        "rules": [_group(g, True) for g in r.rules],
        "areas": [_group(g, False) for g in r.areas],
    }


def render_json(r: Report) -> str:
    # allow_nan=False: a NaN slipping through would be invalid JSON for most consumers; fail loudly instead.
    return encodable(json.dumps(to_dict(r), ensure_ascii=False, indent=2, allow_nan=False) + "\n")
