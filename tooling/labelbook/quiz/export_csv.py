"""The quiz as a spreadsheet: one row per item, one pair of columns per option.

Written as UTF-8 with a byte-order mark, because that is how Excel recognises UTF-8
(without it, Bengali opens as mojibake); LibreOffice and Google Sheets accept it too.
"""

from __future__ import annotations

import csv
import io

_HEAD = ["id", "rule", "area", "version", "fingerprint", "lang", "modality", "difficulty", "sensitive", "question"]
_TAIL = ["key", "key_text", "rationale", "rule_title", "rule_url"]


def render(quiz: dict) -> bytes:
    width = max(len(item["options"]) for item in quiz["items"])
    header = _HEAD + [f"option_{i}{part}" for i in range(1, width + 1) for part in ("_id", "_text")] + _TAIL
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(header)
    for item in quiz["items"]:
        options = []
        for i in range(width):
            opt = item["options"][i] if i < len(item["options"]) else {"id": "", "text": ""}
            options += [opt["id"], opt["text"]]
        key_text = next(o["text"] for o in item["options"] if o["id"] == item["key"])
        fb = item["feedback"]
        writer.writerow(
            [item["id"], item["rule"], item["area"], item["version"], item["fingerprint"], quiz["lang"],
             item["modality"], item["difficulty"], "yes" if item["sensitive"] else "no", item["question"]]
            + options
            + [item["key"], key_text, fb["rationale"], fb["rule_title"], fb["rule_url"]]
        )
    return buf.getvalue().encode("utf-8-sig")
