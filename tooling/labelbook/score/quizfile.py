"""Read a quiz JSON file (`labelbook quiz --format json`) as the answer key of a calibration round.

The file is checked against `schemas/quiz.schema.json` first, so every later step
can trust its shape; then for what the schema cannot say (unique item ids, a key
that is one of the item's options).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urljoin

from labelbook.core.problems import ContentError, Pos, Problem, UsageError, error

if TYPE_CHECKING:
    import jsonschema

#: Schema errors shown at most; a wrong file produces dozens, the first few say enough.
MAX_SCHEMA_ERRORS = 10


@dataclass(frozen=True)
class Option:
    id: str
    text: str


@dataclass(frozen=True)
class QuizItem:
    id: str
    rule: str
    area: str
    key: str
    options: tuple[Option, ...]
    rule_title: str
    rule_url: str
    difficulty: str
    #: the question as the quiz wrote it: an LMS report that shows question text is matched by it
    question: str = ""

    @property
    def option_ids(self) -> tuple[str, ...]:
        return tuple(o.id for o in self.options)


@dataclass(frozen=True)
class Quiz:
    path: str
    guideline_id: str
    guideline_title: str
    version: str
    lang: str
    decisions: tuple[Option, ...]
    items: tuple[QuizItem, ...]
    #: decision id -> its titles in the languages the quiz names (`titles` of its decisions)
    titles: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def by_id(self) -> dict[str, QuizItem]:
        return {i.id: i for i in self.items}

    @property
    def categories(self) -> list[str]:
        """Every answer a labeler could give: the decisions, then any other option id, in quiz order."""
        seen = {d.id: None for d in self.decisions}
        for item in self.items:
            for o in item.options:
                seen.setdefault(o.id, None)
        return list(seen)

    def title_of(self, decision: str) -> str:
        return next((d.text for d in self.decisions if d.id == decision), decision)


@lru_cache(maxsize=1)
def _validator() -> jsonschema.Draft202012Validator:
    import jsonschema  # here: every other command starts ~50 ms sooner without it

    text = (files("labelbook") / "schemas" / "quiz.schema.json").read_text(encoding="utf-8")
    return jsonschema.Draft202012Validator(json.loads(text))


def _json_path(parts: list) -> str:
    out = ""
    for p in parts:
        out += f"[{p}]" if isinstance(p, int) else (f".{p}" if out else str(p))
    return out or "(top level)"


def _fail(path: str, problems: list[Problem]) -> ContentError:
    return ContentError(f"{path} is not a usable labelbook quiz ({len(problems)} problem(s))", problems)


def read_input(path: Path, name: str, what: str, missing_hint: str = "") -> bytes:
    """The bytes of an input file; a missing or unreadable one is a usage error (exit 2)."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise UsageError(f"{name}: no such file{missing_hint}") from None
    except IsADirectoryError:
        raise UsageError(f"{name}: is a folder, not {what}") from None
    except OSError as exc:
        raise UsageError(f"{name}: cannot be read: {exc.strerror}") from None


def load_quiz(path: Path, shown: str | None = None) -> Quiz:
    """Load and check a quiz; `shown` is the path as the user wrote it, used in messages."""
    name = shown or str(path)
    raw = read_input(path, name, "a quiz file", " (--quiz takes the JSON file written by `labelbook quiz --format json`)")
    pos = Pos(name)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise _fail(name, [error(Pos(name, line), "quiz-encoding", "not UTF-8 text: a quiz is a JSON file")]) from None
    if not text.strip():
        raise _fail(name, [error(pos, "quiz-empty", "empty file; expected the JSON written by `labelbook quiz --format json`")])
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise _fail(name, [error(Pos(name, exc.lineno, exc.colno), "quiz-json", f"not JSON: {exc.msg}")]) from None
    except RecursionError:
        raise _fail(name, [error(pos, "quiz-json", "JSON nested too deeply")]) from None
    if not isinstance(data, dict) or data.get("format") != "labelbook-quiz":
        # One clear sentence beats the dozens of schema errors a CSV export or a Moodle file would produce.
        raise _fail(
            name,
            [error(pos, "quiz-format", 'not a labelbook quiz: expected a JSON object with "format": "labelbook-quiz" '
                   "(made by `labelbook quiz --format json`)")],
        )
    errors = sorted(_validator().iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path])
    if errors:
        problems = [
            error(pos, "quiz-schema", f"{_json_path(list(e.absolute_path))}: {e.message}")
            for e in errors[:MAX_SCHEMA_ERRORS]
        ]
        if len(errors) > MAX_SCHEMA_ERRORS:
            problems.append(error(pos, "quiz-schema", f"... and {len(errors) - MAX_SCHEMA_ERRORS} more schema errors"))
        raise _fail(name, problems)
    return _build(name, data)


def _build(name: str, data: dict) -> Quiz:
    site = data["guideline"].get("site_url")
    problems: list[Problem] = []
    items: list[QuizItem] = []
    seen: set[str] = set()
    for n, it in enumerate(data["items"]):
        where = f"items[{n}]"
        options = tuple(Option(o["id"], o["text"]) for o in it["options"])
        ids = [o.id for o in options]
        if it["id"] in seen:
            problems.append(error(Pos(name), "quiz-duplicate-item", f"{where}: item '{it['id']}' appears twice"))
        if it["key"] not in ids:
            problems.append(error(Pos(name), "quiz-key", f"{where}: key '{it['key']}' of item '{it['id']}' is not one of its options ({', '.join(ids)})"))
        if len(set(ids)) != len(ids):
            problems.append(error(Pos(name), "quiz-options", f"{where}: item '{it['id']}' lists an option twice"))
        seen.add(it["id"])
        fb = it["feedback"]
        url = urljoin(site if site.endswith("/") else site + "/", fb["rule_url"]) if site else fb["rule_url"]
        items.append(QuizItem(it["id"], it["rule"], it["area"], it["key"], options, fb["rule_title"], url, it["difficulty"], it["question"]))
    if problems:
        raise _fail(name, problems)
    g = data["guideline"]
    decisions = tuple(Option(d["id"], d["title"]) for d in data["decisions"])
    titles = {d["id"]: (d["title"], *d.get("titles", {}).values()) for d in data["decisions"]}
    return Quiz(name, g["id"], g["title"], g["version"], data["lang"], decisions, tuple(items), titles)
