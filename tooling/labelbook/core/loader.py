"""Files -> model. Parse every file, validate it against its schema, build the `Repo`.

Loading never stops at the first problem: a broken file is reported and left out of
the model, and the rest of the repository is still loaded and checked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Callable, Collection

from labelbook.core import schema
from labelbook.core.collector import paused
from labelbook.core.filecache import decoded, read_markdown, read_yaml
from labelbook.core.layout import IGNORED_HINT, POLICY, looks_like_rule, read_as, split_name, yaml_kind
from labelbook.core.model import Example, Page, Policy, PolicyTranslation, Repo, Rule, Term, TermTranslation, Translation
from labelbook.core.problems import Pos, Problem, error, warning
from labelbook.core.sources import Source, too_large
from labelbook.core.yamlio import Located

_RULE_ID = re.compile(schema.schema("rule")["properties"]["id"]["pattern"])


@dataclass
class Loaded:
    """A repository as far as it could be loaded, and every problem met on the way."""

    repo: Repo | None
    problems: list[Problem] = field(default_factory=list)
    files: int = 0
    #: ids of rules whose English file is broken (unreadable, or the id is not the file name),
    #: and paths of unreadable policy translations: that problem is reported, so what depends
    #: on them is not reported again as unknown, orphaned or missing
    broken: set[str] = field(default_factory=set)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


class _Reader:
    def __init__(self, source: Source) -> None:
        self.source = source
        self.problems: list[Problem] = []
        self.broken: set[str] = set()  # see Loaded.broken
        self.broken_files: set[str] = set()  # English examples files not (completely) loaded

    def data(self, path: str) -> bytes | None:
        try:
            if not (big := too_large(path, self.source.size(path))):
                data = self.source.read(path)
                big = too_large(path, len(data))  # grown since it was listed
        except OSError as exc:  # gone, unreadable, or replaced by a link since the listing
            self.problems.append(error(Pos(path, 1, 1), "file-unreadable", f"the file cannot be read ({exc.strerror or exc})"))
            return None
        self.problems += big
        return None if big else data

    def text(self, path: str) -> str | None:
        data = self.data(path)
        if data is None:
            return None
        text, problems = decoded(data, path)
        self.problems += problems
        return text

    def yaml_file(self, kind: str, path: str) -> Located | None:
        data = self.data(path)
        if data is None:
            return None
        located, problems = read_yaml(kind, path, data)
        self.problems += problems
        return located

    def md_file(self, kind: str, path: str) -> tuple[Located | None, str]:
        data = self.data(path)
        if data is None:
            return None, ""
        located, body, problems = read_markdown(kind, path, data)
        self.problems += problems
        return located, body


def _where(loc: Located, jpath: tuple) -> Callable[[], Pos]:
    """Where `jpath` stands, found when a message asks (see Located)."""
    return lambda: loc.pos(jpath)


def _str(v: Any) -> str | None:
    return v if isinstance(v, str) else None


def _strlist(v: Any) -> list[str]:
    return [x for x in v if isinstance(x, str)] if isinstance(v, list) else []


def load(source: Source, *, languages: Collection[str] | None = None) -> Loaded:
    """Load a repository from `source`. `repo` is None only when policy.yaml is unusable.

    `languages`: the translation languages to read (default: all of policy.yaml's); the
    files of the others are not read at all, so an English quiz does not wait for Bengali.
    """
    with paused():  # a million small objects in trees: nothing for the collector to find
        return _load(source, languages)


def _load(source: Source, wanted: Collection[str] | None) -> Loaded:
    r = _Reader(source)
    files = source.files()
    if POLICY not in files:
        return Loaded(None, [error(Pos(POLICY, 1, 1), "policy-missing", "guidelines/policy.yaml is missing: every guideline repository needs one (`labelbook init` writes a starter)")], len(files))
    policy = _policy(r, POLICY)
    if policy is None:
        _validate_alone(r, files)
        return Loaded(None, r.problems, len(files))
    repo = Repo(policy, label=source.label)
    if wanted is not None:
        repo.translated = [lang for lang in policy.target_languages if lang in wanted]
    languages = set(policy.languages)

    def lang_ok(path: str, lang: str | None) -> bool:
        if lang is None:
            return True
        if lang in languages and lang != policy.source_language:
            return lang in repo.translation_languages
        r.problems.append(error(Pos(path, 1, 1), "translation-language-unknown", f"'{lang}' is not a translation language of this repository (policy.yaml languages: {', '.join(policy.languages)})"))
        return False

    rule_translations: list[tuple[str, str, str]] = []  # (path, rule id, lang)
    example_translations: list[tuple[str, str]] = []
    pages: dict[str, Page] = {}
    page_translations: list[tuple[str, str, str]] = []
    for path in files:
        parts = tuple(path.split("/"))  # sources give plain relative POSIX paths
        name = parts[-1]
        if name.endswith(".yml") or (name.endswith(".yaml") and yaml_kind(parts) is None):
            r.problems.append(warning(Pos(path, 1, 1), "file-ignored", IGNORED_HINT))
            continue
        if parts[0] == "guidelines" and name.endswith(".yaml"):
            stem, lang = split_name(name, ".yaml")
            if lang and lang_ok(path, lang):
                _policy_translation(r, path, lang, policy)
            continue
        if parts[0] == "guidelines" and name.endswith(".md"):
            stem, lang = split_name(name, ".md")
            if not lang_ok(path, lang):
                continue
            is_rule = len(parts) == 3 and (policy.area(parts[1]) is not None or looks_like_rule(source, path))
            if is_rule and lang is None:
                _rule(r, path, repo)
            elif is_rule:
                rule_translations.append((path, stem, lang))
            elif lang is None:
                text = r.text(path)
                if text is not None:
                    page_name = "/".join(parts[1:-1] + (stem,))
                    pages[page_name] = Page(page_name, path, text)
            else:
                page_translations.append((path, "/".join(parts[1:-1] + (stem,)), lang))
            continue
        if parts[0] == "examples" and name.endswith(".yaml") and len(parts) == 3:
            stem, lang = split_name(name, ".yaml")
            if not lang_ok(path, lang):
                continue
            if lang is None:
                _examples(r, path, repo)
            else:
                example_translations.append((path, lang))
    for path, rule_id, lang in rule_translations:
        _rule_translation(r, path, rule_id, lang, repo)
    for path, lang in example_translations:
        _examples_translation(r, path, lang, repo)
    for path, page_name, lang in page_translations:
        text = r.text(path)
        if text is None:
            continue
        if page_name in pages:
            pages[page_name].translations[lang] = text
        else:
            r.problems.append(error(Pos(path, 1, 1), "translation-orphan", f"translation of page '{page_name}', but guidelines/{page_name}.md does not exist"))
    repo.pages = sorted(pages.values(), key=lambda p: p.name)
    return Loaded(repo, r.problems, len(files), r.broken)


def _validate_alone(r: _Reader, files: list[str]) -> None:
    """Without a usable policy.yaml nothing can be cross-checked, but each file's own YAML
    and schema errors are still worth reporting in the same run."""
    for path in files:
        parts = tuple(path.split("/"))  # sources give plain relative POSIX paths
        if path == POLICY:
            continue
        read = read_as(parts)
        if read is None:
            continue
        kind, markdown, _ = read
        if not markdown:
            r.yaml_file(kind, path)
        elif looks_like_rule(r.source, path):
            r.md_file(kind, path)


def _policy(r: _Reader, path: str) -> Policy | None:
    loc = r.yaml_file("policy", path)
    if loc is None or not isinstance(loc.data, dict):
        return None
    d = loc.data
    langs = _strlist(d.get("languages")) or ["en"]

    def terms(key: str) -> list[Term]:
        out = []
        for i, item in enumerate(d.get(key) or []):
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                out.append(Term(item["id"], _str(item.get("title")) or item["id"], _str(item.get("description")) or "", loc.pos((key, i, "id"))))
        return out

    if not isinstance(d.get("decisions"), list) or not isinstance(d.get("areas"), list):
        return None
    return Policy(
        id=_str(d.get("id")) or "guidelines",
        title=_str(d.get("title")) or "Guidelines",
        languages=langs,
        decisions=terms("decisions"),
        areas=terms("areas"),
        path=path,
    )


def _policy_translation(r: _Reader, path: str, lang: str, policy: Policy) -> None:
    loc = r.yaml_file("policy-translation", path)
    tr = PolicyTranslation(lang, path)
    policy.translations[lang] = tr
    if loc is None or not isinstance(loc.data, dict):
        r.broken.add(path)
        return
    tr.title = _str(loc.data.get("title"))
    for kind in ("decisions", "areas"):
        entries = loc.data.get(kind)
        if not isinstance(entries, dict):
            continue
        for id, entry in entries.items():
            if isinstance(entry, dict):
                getattr(tr, kind)[id] = TermTranslation(_str(entry.get("title")), _str(entry.get("description")), loc.pos((kind, id), key=True))


def _rule(r: _Reader, path: str, repo: Repo) -> None:
    loc, body = r.md_file("rule", path)
    d = loc.data if loc is not None and isinstance(loc.data, dict) else {}
    if not all(isinstance(d.get(k), str) for k in ("id", "area", "title", "decision")):
        # The file's own problem is reported; its translation, examples and the rules
        # that refer to it are not wrong because of it.
        r.broken.add(split_name(path.rpartition("/")[2], ".md")[0])
        if isinstance(d.get("id"), str):
            r.broken.add(d["id"])
        return
    rule = Rule(
        id=d["id"],
        area=d["area"],
        title=d["title"],
        decision=d["decision"],
        body=body,
        path=path,
        severity=_str(d.get("severity")) or "medium",
        status=_str(d.get("status")) or "active",
        replaced_by=_str(d.get("replaced_by")),
        related=_strlist(d.get("related")),
        tags=_strlist(d.get("tags")),
        positions=loc.finder() if loc is not None else None,
    )
    stem = split_name(path.rpartition("/")[2], ".md")[0]
    if rule.id != stem:  # id-mismatch; what refers to the file name is not wrong because of it
        r.broken.add(stem)
    if rule.id in repo.rules:
        other = repo.rules[rule.id]
        r.problems.append(error(rule.pos("id"), "rule-duplicate", f"rule id {rule.id} is already used by {other.path}"))
        return
    repo.rules[rule.id] = rule


def _examples(r: _Reader, path: str, repo: Repo) -> None:
    loc = r.yaml_file("examples", path)
    if loc is None or not isinstance(loc.data, dict) or not isinstance(loc.data.get("examples") or [], list):
        r.broken_files.add(path)
        return
    rule_id = _str(loc.data.get("rule"))
    if rule_id is None or not _RULE_ID.match(rule_id):
        # missing or malformed (the schema said so): the file name tells which rule it is
        rule_id = split_name(path.rpartition("/")[2], ".yaml")[0]
    for i, item in enumerate(loc.data.get("examples") or []):
        if not isinstance(item, dict) or not all(isinstance(item.get(k), str) for k in ("id", "content", "label")):
            # reported by the schema; without its id, its translation cannot be told from an orphan
            r.broken_files.add(path)
            continue
        ex = Example(
            id=item["id"],
            rule=rule_id,
            modality=_str(item.get("modality")) or "video",
            content=item["content"],
            label=item["label"],
            rationale=_str(item.get("rationale")) or "",
            path=path,
            difficulty=_str(item.get("difficulty")) or "medium",
            sensitive=item.get("sensitive") is True,
            quiz=item.get("quiz") is not False,
            tags=_strlist(item.get("tags")),
            distractors=_strlist(item.get("distractors")),
            positions=loc.finder(("examples", i), rule=("rule",), item=("examples", i)),
        )
        if ex.id in repo.examples:
            other = repo.examples[ex.id]
            r.problems.append(error(ex.pos("id"), "example-duplicate", f"example id {ex.id} is already used in {other.path}:{other.pos('id').line}"))
            continue
        repo.examples[ex.id] = ex


def _rule_translation(r: _Reader, path: str, rule_id: str, lang: str, repo: Repo) -> None:
    loc, body = r.md_file("rule-translation", path)
    if loc is None or not isinstance(loc.data, dict):
        return
    rule = repo.rules.get(rule_id)
    if rule is None and rule_id in r.broken:
        return
    if rule is None:
        r.problems.append(error(Pos(path, 1, 1), "translation-orphan", f"translation of rule {rule_id}, which does not exist (renamed? move the translation with it)"))
        return
    rule.translations[lang] = Translation(lang, path, _str(loc.data.get("source")) or "", title=_str(loc.data.get("title")) or "", body=body, where=_where(loc, ("source",)))


def _examples_translation(r: _Reader, path: str, lang: str, repo: Repo) -> None:
    loc = r.yaml_file("examples-translation", path)
    if loc is None or not isinstance(loc.data, dict):
        return
    entries = loc.data.get("examples")
    if not isinstance(entries, dict):
        return
    english = path[: -len(f".{lang}.yaml")] + ".yaml"
    for ex_id, entry in entries.items():
        ex = repo.examples.get(ex_id)
        if ex is None and english in r.broken_files:
            continue
        if ex is None:
            r.problems.append(error(loc.pos(("examples", ex_id), key=True), "translation-orphan", f"translation of example {ex_id}, which does not exist (renamed or removed? move or delete the translation)"))
            continue
        if not isinstance(entry, dict):
            continue
        ex.translations[lang] = Translation(lang, path, _str(entry.get("source")) or "", content=_str(entry.get("content")) or "", rationale=_str(entry.get("rationale")), where=_where(loc, ("examples", ex_id, "source")))
