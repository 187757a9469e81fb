"""What the report knows of the guidelines: rules, decisions, releases and what changed in them.

Plain data, made by the command line from the guideline repository (`from_repo`) and its
git history (which `labelbook.qa` does not read itself: history sits beside it, not below
it). Outside a guideline repository it is `Guidelines()`: no links, no release marks.
"""

from __future__ import annotations

import datetime as dt
import re
import shlex
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping
from urllib.parse import quote, urlsplit

from labelbook.core.model import Repo
from labelbook.core.yamlio import parse_yaml
from labelbook.qa.vocab import Vocabulary, fold


@dataclass(frozen=True)
class RuleChange:
    """One kind of change to a rule in a release, as the semantic changelog names it
    (decision-changed, example-relabelled, body-changed...); `count` for example changes."""

    kind: str
    old: str | None = None
    new: str | None = None
    count: int = 1


@dataclass(frozen=True)
class ReleaseInfo:
    tag: str
    version: str
    date: dt.date
    previous: str | None = None  # the tag of the release before it
    #: rule id -> its changes in this release (filled for the releases the report looks at)
    changes: Mapping[str, tuple[RuleChange, ...]] = field(default_factory=dict)
    #: rule id -> how many quiz examples `labelbook quiz --rule R --since PREVIOUS` would ask
    recalibration: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class RuleInfo:
    id: str
    area: str
    title: str
    decision: str
    examples: tuple[tuple[str, str], ...] = ()  # (example id, label)
    quiz_examples: int = 0
    deprecated: bool = False


@dataclass(frozen=True)
class Guidelines:
    title: str = ""
    lang: str = "en"
    source_language: str = "en"
    decisions: tuple[str, ...] = ()
    decision_titles: Mapping[str, str] = field(default_factory=dict)  # id -> title in `lang`
    #: a decision's title in any language of the policy, folded -> its id (review tools export titles)
    decision_spellings: Mapping[str, str] = field(default_factory=dict)
    areas: Mapping[str, str] = field(default_factory=dict)  # id -> title
    rules: Mapping[str, RuleInfo] = field(default_factory=dict)
    #: rule id -> area of rules no longer in the working tree but in a release
    former_rules: Mapping[str, str] = field(default_factory=dict)
    releases: tuple[ReleaseInfo, ...] = ()  # oldest first
    site_url: str | None = None
    repo_arg: str = "."  # how the repository was named on the command line, for the quiz commands
    #: (kind, detail) of what could not be read (a broken release): strings.NOTES words them
    notes: tuple[tuple[str, str], ...] = ()

    @property
    def in_repo(self) -> bool:
        return bool(self.decisions)

    def vocabulary(self) -> Vocabulary:
        if not self.in_repo:
            return Vocabulary()
        return Vocabulary(self.decisions, dict(self.spellings), {**self.former_rules, **{r.id: r.area for r in self.rules.values()}})

    @property
    def spellings(self) -> dict[str, str]:
        out = dict(self.decision_spellings)
        out.update({fold(t): d for d, t in self.decision_titles.items()})
        out.update({fold(d): d for d in self.decisions})
        return out

    def releases_between(self, first: dt.date, last: dt.date) -> list[ReleaseInfo]:
        return [r for r in self.releases if first <= r.date <= last]

    def in_force(self, day: dt.date) -> ReleaseInfo | None:
        return next((r for r in reversed(self.releases) if r.date <= day), None)

    def rule_url(self, rule: str, day: dt.date) -> str | None:
        """The rule's page on the site of the version in force on `day`:
        SITE_URL/<version>/[<lang>/]<area>/<RULE>/ (without a version when there is no release)."""
        info = self.rules.get(rule)
        if info is None or not self.site_url:
            return None
        release = self.in_force(day)
        parts = [self.site_url.rstrip("/")]
        if release is not None:
            parts.append(quote(release.version, safe=""))
        if self.lang != self.source_language:
            parts.append(quote(self.lang, safe=""))
        parts += [quote(info.area, safe=""), quote(info.id, safe="")]
        return "/".join(parts) + "/"

    def changes_of(self, rule: str, first: dt.date, last: dt.date) -> list[tuple[ReleaseInfo, tuple[RuleChange, ...]]]:
        return [(r, r.changes[rule]) for r in self.releases_between(first, last) if rule in r.changes]

    def quiz_command(self, rule: str, first: dt.date, last: dt.date) -> str | None:
        """`labelbook quiz` for recalibrating people on `rule`: what changed since the release
        before the rule's latest change in the window, else all of the rule's examples."""
        info = self.rules.get(rule)
        if info is None or info.quiz_examples == 0:
            return None
        since, count = None, min(10, info.quiz_examples)
        for release, _ in reversed(self.changes_of(rule, first, last)):
            asked = release.recalibration.get(rule, 0)
            if release.previous and asked:
                since, count = release.previous, min(10, asked)
                break
        words = ["labelbook", "quiz"]
        if self.repo_arg not in ("", "."):
            words += ["-C", self.repo_arg]
        words += ["--rule", rule]
        if since:
            words += ["--since", since]
        words += ["--count", str(count)]
        if self.lang != self.source_language:
            words += ["--lang", self.lang]
        words += ["-o", f"recalibrate-{rule}.json"]
        return shlex.join(words)


#: A rule's file in a tree of the repository: guidelines/<area>/<RULE>.md (not a translation).
_RULE_FILE = re.compile(r"^guidelines/([^/]+)/([A-Z]{2,5}-[0-9]{3})\.md$")


def rules_in_tree(paths: Iterable[str]) -> dict[str, str]:
    """Rule id -> area of the rule files among the paths of a tree (a release's `git ls-tree`)."""
    return {m[2]: m[1] for m in map(_RULE_FILE.match, paths) if m}


def rule_changes(changes: Iterable[Any]) -> dict[str, tuple[RuleChange, ...]]:
    """Rule id -> its changes, from the changes of a semantic changelog (objects with `kind`,
    `rule` and, for some kinds, `old` and `new`); example changes are counted per kind."""
    found: dict[str, dict[tuple[str, str | None, str | None], int]] = {}
    for change in changes:
        rule = getattr(change, "rule", None)
        if rule is None or change.kind in ("translation-stale",):
            continue
        keeps_values = change.kind in ("decision-changed", "severity-changed", "area-changed")
        key = (change.kind, getattr(change, "old", None) if keeps_values else None, getattr(change, "new", None) if keeps_values else None)
        kinds = found.setdefault(rule, {})
        kinds[key] = kinds.get(key, 0) + 1
    return {rule: tuple(RuleChange(k, o, n, c) for (k, o, n), c in kinds.items()) for rule, kinds in found.items()}


def site_url_of(root: Path) -> str | None:
    """site_url of the repository's mkdocs.yml, read as data: the file comes with pull requests."""
    path = root / "mkdocs.yml"
    if path.is_symlink() or not path.is_file() or path.stat().st_size > 1 << 20:
        return None
    text = path.read_bytes().decode("utf-8", "replace")
    located, problems = parse_yaml(text, "mkdocs.yml")
    if located is not None and not problems and isinstance(located.data, dict):
        value = located.data.get("site_url")
        return value if isinstance(value, str) else None
    # A file with tags (!ENV...) that the safe reader refuses: the plain line, if there is one.
    m = re.search(r"^site_url:[ \t]*([\"']?)([^\s\"'#]+)\1[ \t]*(?:#.*)?$", text, flags=re.M)
    return m[2] if m else None


def safe_site_url(url: str | None) -> str | None:
    """An http(s) URL, or None: a `javascript:` site_url must not become a link."""
    if not url:
        return None
    parts = urlsplit(url.strip())
    return url.strip() if parts.scheme in ("http", "https") and parts.netloc else None


def from_repo(repo: Repo, lang: str, *, site_url: str | None = None, former_rules: Mapping[str, str] | None = None,
              releases: tuple[ReleaseInfo, ...] = (), repo_arg: str = ".") -> Guidelines:
    policy = repo.policy
    rules = {}
    for rule in repo.rules.values():
        tr = rule.translations.get(lang)
        examples = repo.examples_of(rule.id)
        rules[rule.id] = RuleInfo(
            rule.id, rule.area, (tr.title if tr and tr.title else rule.title), rule.decision,
            tuple(sorted((e.id, e.label) for e in examples)), sum(e.quiz for e in examples), rule.deprecated,
        )
    spellings = {fold(policy.term_title("decisions", d.id, other)): d.id for other in policy.languages for d in policy.decisions}
    title = (policy.translations[lang].title if lang in policy.translations and policy.translations[lang].title else policy.title)
    return Guidelines(
        title=title, lang=lang, source_language=policy.source_language, decisions=tuple(d.id for d in policy.decisions),
        decision_titles={d.id: policy.term_title("decisions", d.id, lang) for d in policy.decisions}, decision_spellings=spellings,
        areas={a.id: policy.term_title("areas", a.id, lang) for a in policy.areas}, rules=rules,
        former_rules=dict(former_rules or {}), releases=releases, site_url=safe_site_url(site_url), repo_arg=repo_arg,
    )
