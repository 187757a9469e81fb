"""Checks over a loaded model (cross-references, translations) and over the files as a whole
(links, names, paths the site generates, Markdown nesting) -> a list of Problems."""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath
from typing import Collection

from labelbook.core.filecache import decoded
from labelbook.core.layout import PUBLISHED_FILE_TYPES, generated_paths, markdown_too_deep, name_problems, reserved_area, reserved_problems, split_name, unpublishable
from labelbook.core.loader import Loaded, load
from labelbook.core.model import Repo
from labelbook.core.problems import ContentError, Pos, Problem, did_you_mean, error, warning
from labelbook.core.glossary import GLOSSARY_PATH, load_glossary, term_problems
from labelbook.core.sources import MAX_BYTES, Source, WorkingTree
from labelbook.core.yamlio import parse_yaml

_LANGUAGE_NAMES = {"en": "English", "bn": "Bengali"}


def language_name(code: str) -> str:
    """English name of a language for messages: 'Bengali' (CLDR now says 'Bangla'; our users say Bengali)."""
    if code in _LANGUAGE_NAMES:
        return _LANGUAGE_NAMES[code]
    try:
        from babel import Locale

        return Locale.parse(code).get_display_name("en") or code
    except Exception:  # noqa: BLE001 - an unknown code is shown as written
        return code


def check(source: Source, *, languages: Collection[str] | None = None) -> Loaded:
    """Load `source` and run every check. The problems are sorted by file and line.
    `languages`: the translation languages to read and check (default: all)."""
    refused = source.refused()
    if any(p.code == "too-many-files" for p in refused):
        return Loaded(None, refused)
    loaded = load(source, languages=languages)
    areas = [a.id for a in loaded.repo.policy.areas] if loaded.repo is not None else []
    loaded.problems += refused + name_problems(source.entries()) + _markdown_files(source, languages, areas) + _published_files(source)
    if loaded.repo is not None:
        loaded.problems += cross_check(loaded.repo, loaded.broken) + _site_paths(source, loaded.repo) + _rationales(loaded.repo)
        loaded.problems += _glossaries(source, loaded.repo)
        # A translation of a reserved page ('changes.bn.md') is not also an orphan.
        reserved = {p.pos.path for p in loaded.problems if p.code == "page-reserved"}
        # ... and a file that would replace a generated page is told that, once.
        loaded.problems = [p for p in loaded.problems if not (p.code in ("translation-orphan", "file-type-refused") and p.pos.path in reserved)]
    loaded.problems = sorted(set(loaded.problems), key=Problem.sort_key)
    return loaded


def checked(root: Path, *, strict: bool = False, doing: str = "", languages: Collection[str] | None = None) -> Loaded:
    """The working tree of `root`, loaded and checked; a ContentError listing the problems
    when it has errors (or, with `strict`, warnings), so nothing is made from broken content.
    `languages`: only these translation languages are read and checked (default: all)."""
    loaded = check(WorkingTree(root), languages=languages)
    failing = loaded.problems if strict else loaded.errors
    if loaded.repo is None or failing:
        raise ContentError(f"the repository has errors{doing}; fix them first (`labelbook check` lists them)", failing or loaded.problems)
    return loaded


def cross_check(repo: Repo, broken: set[str] | frozenset[str] = frozenset()) -> list[Problem]:
    """`broken`: `Loaded.broken`, whose own problems are reported: not "unknown" or "missing" again."""
    out: list[Problem] = []
    out += _policy(repo, broken)
    out += _rules(repo, broken)
    out += _examples(repo, broken)
    out += _translations(repo)
    return out


def _expected(kind: str, value: str, options: list[str]) -> str:
    return f"{kind} '{value}' is not defined in policy.yaml{did_you_mean(value, options)}; expected one of: {', '.join(options)}"


def _ids(terms: list) -> list[str]:
    """Decision or area ids in policy order, each once (a duplicate is its own error)."""
    return list(dict.fromkeys(t.id for t in terms))


def _policy(repo: Repo, broken: set[str] | frozenset[str]) -> list[Problem]:
    out = []
    policy = repo.policy
    for kind, terms in (("decision", policy.decisions), ("area", policy.areas)):
        seen: dict[str, Pos] = {}
        for t in terms:
            if t.id in seen:
                out.append(error(t.pos, f"{kind}-duplicate", f"{kind} id '{t.id}' is defined twice (first on line {seen[t.id].line})"))
            seen.setdefault(t.id, t.pos)
    for lang in repo.translation_languages:
        name = language_name(lang)
        tr = policy.translations.get(lang)
        if tr is None:
            out.append(error(Pos(policy.path, 1, 1), "policy-translation-missing", f"guidelines/policy.{lang}.yaml is missing: the {name} titles of the guideline set, its decisions and areas"))
            continue
        if tr.path in broken:
            continue
        tpos = Pos(tr.path, 1, 1)
        if not tr.title:
            out.append(error(tpos, "policy-translation-missing", f"{name} title of the guideline set is missing"))
        for kind, terms in (("decisions", policy.decisions), ("areas", policy.areas)):
            entries = getattr(tr, kind)
            for t in terms:
                entry = entries.get(t.id)
                if entry is None or not entry.title:
                    pos = entry.pos if entry else tpos
                    out.append(error(pos, "policy-translation-missing", f"{name} title of {kind[:-1]} '{t.id}' is missing"))
                elif t.description and not entry.description:
                    out.append(warning(entry.pos, "translation-missing", f"{name} description of {kind[:-1]} '{t.id}' is missing"))
            ids = [t.id for t in terms]
            for id, entry in entries.items():
                if id not in ids:
                    out.append(error(entry.pos, "translation-orphan", f"translation of {kind[:-1]} '{id}', which does not exist in policy.yaml{did_you_mean(id, ids)}"))
    return out


def _rules(repo: Repo, broken: set[str] | frozenset[str]) -> list[Problem]:
    out = []
    decisions = _ids(repo.policy.decisions)
    areas = _ids(repo.policy.areas)
    rule_ids = list(repo.rules)
    for rule in repo.rules.values():
        p = PurePosixPath(rule.path)
        if rule.id != p.name[: -len(".md")]:
            out.append(error(rule.pos("id"), "id-mismatch", f"rule id {rule.id} does not match the file name {p.name}; rename the file to {rule.id}.md or fix the id"))
        if rule.area not in areas:
            out.append(error(rule.pos("area"), "area-unknown", _expected("area", rule.area, areas)))
        elif rule.area != p.parent.name:
            out.append(error(rule.pos("area"), "area-mismatch", f"rule {rule.id} is in area '{rule.area}' but in the folder '{p.parent.name}'; move it to guidelines/{rule.area}/"))
        if rule.decision not in decisions:
            out.append(error(rule.pos("decision"), "decision-unknown", _expected("decision", rule.decision, decisions)))
        for i, rel in enumerate(rule.related):
            if rel == rule.id:
                out.append(error(rule.pos(f"related[{i}]"), "related-self", f"rule {rule.id} lists itself as related"))
            elif rel not in repo.rules and rel not in broken:
                out.append(error(rule.pos(f"related[{i}]"), "related-unknown", f"related rule {rel} does not exist{did_you_mean(rel, rule_ids)}"))
        if rule.replaced_by is not None:
            if rule.replaced_by in broken:
                pass
            elif rule.replaced_by not in repo.rules:
                out.append(error(rule.pos("replaced_by"), "replaced-by-unknown", f"replaced_by rule {rule.replaced_by} does not exist{did_you_mean(rule.replaced_by, rule_ids)}"))
            elif rule.replaced_by == rule.id:
                out.append(error(rule.pos("replaced_by"), "replaced-by-unknown", f"rule {rule.id} cannot replace itself"))
            if not rule.deprecated:
                out.append(error(rule.pos("replaced_by"), "replaced-by-not-deprecated", f"replaced_by goes with status: deprecated, but rule {rule.id} is {rule.status}"))
    return out


def _examples(repo: Repo, broken: set[str] | frozenset[str]) -> list[Problem]:
    out = []
    decisions = _ids(repo.policy.decisions)
    areas = _ids(repo.policy.areas)
    checked_files: set[str] = set()
    for ex in repo.examples.values():
        if ex.path not in checked_files:  # once per file, not per example
            checked_files.add(ex.path)
            p = PurePosixPath(ex.path)
            stem = p.name[: -len(".yaml")]
            rule = repo.rules.get(ex.rule)
            if ex.rule != stem:
                out.append(error(ex.pos("rule"), "id-mismatch", f"examples file {p.name} names rule {ex.rule}; the file must be called {ex.rule}.yaml"))
            if rule is None and ex.rule in broken:
                pass
            elif rule is None:
                out.append(error(ex.pos("rule"), "rule-unknown", f"rule {ex.rule} does not exist{did_you_mean(ex.rule, list(repo.rules))}; examples need a rule in guidelines/"))
            elif rule.area in areas and rule.area != p.parent.name:  # an unknown area is reported on the rule
                out.append(error(ex.pos("rule"), "area-mismatch", f"rule {ex.rule} is in area '{rule.area}', but its examples are in examples/{p.parent.name}/; move them to examples/{rule.area}/"))
        if not ex.id.startswith(ex.rule + "-E"):
            out.append(error(ex.pos("id"), "example-id-mismatch", f"example id {ex.id} must start with its rule id: {ex.rule}-E01, {ex.rule}-E02, ..."))
        if ex.label not in decisions:
            out.append(error(ex.pos("label"), "label-unknown", f"label '{ex.label}' is not a decision{did_you_mean(ex.label, decisions)}; expected one of: {', '.join(decisions)}"))
        for i, d in enumerate(ex.distractors):
            if d == ex.label:
                out.append(error(ex.pos(f"distractors[{i}]"), "distractor-is-label", f"distractor '{d}' is the correct label of {ex.id}; a distractor must be a wrong answer"))
            elif d not in decisions:
                out.append(error(ex.pos(f"distractors[{i}]"), "distractor-unknown", f"distractor '{d}' is not a decision{did_you_mean(d, decisions)}; expected one of: {', '.join(decisions)}"))
    return out


def _translations(repo: Repo) -> list[Problem]:
    out = []
    src = language_name(repo.policy.source_language)
    for lang in repo.translation_languages:
        name = language_name(lang)
        for rule in repo.rules.values():
            tr = rule.translations.get(lang)
            state = repo.rule_state(rule, lang)
            if state == "missing":
                out.append(warning(rule.pos("id"), "translation-missing", f"{name} translation of {rule.id} is missing"))
            elif state == "stale":
                out.append(warning(Pos(tr.path, 1, 1), "translation-stale", f"{name} translation of {rule.id} is stale (source {tr.source}, {src} is now {rule.fingerprint})"))
        for ex in repo.examples.values():
            tr = ex.translations.get(lang)
            state = repo.example_state(ex, lang)
            if state == "missing":
                out.append(warning(ex.pos("id"), "translation-missing", f"{name} translation of example {ex.id} is missing"))
            elif state == "stale":
                out.append(warning(tr.pos, "translation-stale", f"{name} translation of example {ex.id} is stale (source {tr.source}, {src} is now {ex.fingerprint})"))
    return out


# -- files as a whole: Markdown nesting, the site's paths ------------------------------------

#: The front matter MkDocs takes from a page (`mkdocs.utils.meta.YAML_RE`).
_MKDOCS_META = re.compile(r"-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.S)


def _markdown_files(source: Source, languages: Collection[str] | None, areas: Collection[str]) -> list[Problem]:
    """`markdown-too-deep` in the Markdown files of guidelines/ (rules, pages, translations),
    and the nesting limits of YAML in a page's front matter, which MkDocs reads with libyaml."""
    out = []
    for path in source.files():
        parts = path.split("/")
        if parts[0] != "guidelines" or not path.endswith(".md"):
            continue
        lang = split_name(parts[-1], ".md")[1]
        if lang is not None and languages is not None and lang not in languages:
            continue  # not read by this load (an English quiz reads no translations)
        try:
            if source.size(path) > MAX_BYTES:
                continue  # file-too-large
            text = decoded(source.read(path), path)[0]
        except OSError:
            continue  # file-unreadable, reported by the loader
        if text is None:
            continue
        if deep := markdown_too_deep(text):
            out.append(error(Pos(path, deep[0], deep[1]), "markdown-too-deep", deep[2]))
        rule = len(parts) == 3 and parts[1] in areas  # its front matter is read by the loader
        if not rule and (meta := _MKDOCS_META.match(text)):
            out += [p for p in parse_yaml(meta.group(1), path, 1, nfc=True)[1] if p.code in ("yaml-too-deep", "yaml-alias-bomb")]
    return out


def _rationales(repo: Repo) -> list[Problem]:
    """`markdown-too-deep` in the examples' rationales, which the site renders as Markdown too."""
    out = []
    for ex in repo.examples.values():
        for tr in [None, *ex.translations.values()]:
            # Positions are found only for a problem: finding them reads the file again.
            if deep := markdown_too_deep(ex.rationale if tr is None else tr.rationale or ""):
                out.append(error(ex.pos("rationale") if tr is None else tr.pos, "markdown-too-deep", f"the rationale of {ex.id}: {deep[2]}"))
    return out


def _glossaries(source: Source, repo: Repo) -> list[Problem]:
    """The problems of each translation language's glossary file, and `translation-term`
    where a unit breaks it. Only the working tree has one: a release is not re-checked."""
    if not isinstance(source, WorkingTree):
        return []
    out: list[Problem] = []

    def read(path: str) -> str | None:
        try:
            return source.read(path).decode("utf-8")
        except (OSError, UnicodeDecodeError):
            return None

    for lang in repo.translation_languages:
        path = GLOSSARY_PATH.format(lang=lang)
        try:
            data = source.read(path)
        except FileNotFoundError:
            continue
        except OSError as exc:
            out.append(error(Pos(path, 1, 1), "file-unreadable", f"{path} cannot be read ({exc.strerror}); a glossary must be a plain file"))
            continue
        terms, problems = load_glossary(data, path)
        out += problems + term_problems(repo, lang, language_name(lang), terms, read)
    return out


def _published_files(source: Source) -> list[Problem]:
    """`file-type-refused`: a file of guidelines/ that MkDocs would publish as it is and that
    could run script on the site (anything but the images and PDFs of PUBLISHED_FILE_TYPES)."""
    kinds = ", ".join(sorted(t.lstrip(".") for t in PUBLISHED_FILE_TYPES))
    return [
        error(Pos(path, 1, 1), "file-type-refused", f"{path} would be published as it is, and only images and PDF files may be ({kinds}): an HTML, script or SVG file could run script on the site; move it out of guidelines/")
        for path in source.files()
        if unpublishable(path)
    ]


def _site_paths(source: Source, repo: Repo) -> list[Problem]:
    """`page-reserved`: files of guidelines/ and area ids that would replace what labelbook generates."""
    policy = repo.policy
    areas = [a.id for a in policy.areas]
    out = []
    for area in policy.areas:
        if what := reserved_area(area.id, policy.languages):
            out.append(error(area.pos, "page-reserved", f"area id '{area.id}' would put its page where labelbook generates {what}; choose another id"))
    generated = generated_paths(policy.languages, areas, {r.id: r.area for r in repo.rules.values() if r.area in areas})
    return out + reserved_problems(source.files(), generated, areas)
