"""What every generated page needs: the model, the language, links, and the badges.

Plain Python: nothing here knows MkDocs, so the pages can be generated (and tested)
for any site generator that takes Markdown.
"""

from __future__ import annotations

import datetime as dt
import os
import posixpath
import secrets
from dataclasses import dataclass, field
from typing import Any

from labelbook.core.glossary import Term
from labelbook.core.model import Repo, Rule
from labelbook.history.stale import StaleDiff
from labelbook.site import urls
from labelbook.site.assets import SITE_PREFIX
from labelbook.core.i18n import SEVERITY_LABELS, STATUS_LABELS, Translator, display_name, native_name
from labelbook.site.markup import LinkFn, attrs, text

_SECRET = secrets.token_hex(16)


def build_day() -> dt.date:
    """Today, or SOURCE_DATE_EPOCH's day: the same sources then build the same bytes."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
    return dt.date.today()


@dataclass
class PageContext:
    """The site of one language: pages are generated for `lang` from `repo`."""

    repo: Repo
    lang: str
    directory_urls: bool = True
    version: str = "dev"
    #: None for an unreleased version (the working tree): the home then shows the build date.
    release_date: dt.date | None = None
    build_date: dt.date = field(default_factory=lambda: build_day())
    #: this version against the previous release, for "What changed" (a diff.Changelog)
    changelog: Any = None
    #: why there is no changelog (no git history, first release...), in this language
    changes_note: str | None = None
    #: what changed in the source text of each stale unit since its translation was made,
    #: keyed by rule or example id (`site.stale.stale_english`); None when not looked up
    stale: dict[str, StaleDiff] | None = None
    #: translation language -> its terminology glossary (`site.glossary.site_glossaries`)
    glossaries: dict[str, list[Term]] = field(default_factory=dict)

    #: `replaced_by`'s index: rule id -> the deprecated rules that name it as their replacement
    _replacing: dict[str, list[Rule]] | None = field(default=None, init=False, repr=False, compare=False)

    #: text put into pages after the site generator rendered them (`later`): src URI ->
    #: (its stand-in, the text); contexts of one site share it
    late: dict[str, tuple[str, str]] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.t = Translator(self.lang)

    def later(self, uri: str, text: str) -> str:
        """A stand-in for `text` in the page of `uri`, replaced by it in the finished page.

        For the practice data, which holds every example's text (14 MB at 2,000 rules):
        through Markdown, the block store and the theme's template it was copied four
        times more, the largest moment of a large build. The stand-in cannot be written by
        a repository (it holds this process's secret) and changes with the text, so that
        pages compared by their Markdown (the live preview) still see a new text.
        """
        stand_in = f"lb-later-{_SECRET}-{hash(text) & 0xFFFFFFFFFFFFFFFF:016x}"
        self.late[uri] = (stand_in, text)
        return stand_in

    def replaced_by(self, rule_id: str) -> list[Rule]:
        """The rules that name `rule_id` as their replacement, by id. Indexed once: a scan of
        every rule for each rule page made the pages quadratic in the number of rules."""
        if self._replacing is None:
            index: dict[str, list[Rule]] = {}
            for r in sorted(self.repo.rules.values(), key=lambda r: r.id):
                if r.replaced_by:
                    index.setdefault(r.replaced_by, []).append(r)
            self._replacing = index
        return self._replacing.get(rule_id, [])

    @property
    def source_language(self) -> str:
        return self.repo.policy.source_language

    @property
    def translating(self) -> bool:
        """True on the pages of a translation language, where translation states matter."""
        return self.lang != self.source_language

    @property
    def language_name(self) -> str:
        """The name of this page's language, in it ('বাংলা')."""
        return native_name(self.lang)

    @property
    def source_name(self) -> str:
        """The name of the source language in this page's language ('ইংরেজি')."""
        return display_name(self.source_language, self.lang)

    def names(self) -> dict[str, str]:
        """Placeholders of the translation notices."""
        return {"language": self.language_name, "source": self.source_name}

    def href(self, from_uri: str, to_uri: str, anchor: str = "") -> str:
        return urls.relative_href(from_uri, to_uri, self.directory_urls, anchor)

    def asset_href(self, from_uri: str, name: str) -> str:
        """The href from the page of `from_uri` to labelbook's asset `name` ("practice.js")."""
        depth = urls.page_url(from_uri, self.directory_urls).count("/")  # folders below the root
        return "../" * depth + f"{SITE_PREFIX}/{name}"

    def md_link(self, from_uri: str) -> LinkFn:
        """A link rewriter for Markdown we render ourselves, relative to the page `from_uri`."""
        base = posixpath.dirname(from_uri)

        def link(path: str) -> str | None:
            target = posixpath.normpath(posixpath.join(base, path))
            return None if target.startswith("..") else self.href(from_uri, target)

        return link

    # -- titles in this language, falling back to the source language ----------------

    def policy_title(self) -> str:
        tr = self.repo.policy.translations.get(self.lang)
        return (tr.title if tr and tr.title else None) or self.repo.policy.title

    def decision_title(self, id: str) -> str:
        return self.repo.policy.term_title("decisions", id, self.lang)

    def area_title(self, id: str) -> str:
        return self.repo.policy.term_title("areas", id, self.lang)

    def rule_state(self, rule: Rule) -> str:
        return self.repo.rule_state(rule, self.lang) if self.translating else "current"

    def rule_title(self, rule: Rule) -> str:
        """The title to show: a stale or missing translation's title is not trusted."""
        if self.translating and self.rule_title_lang(rule) is None:
            return rule.translations[self.lang].title
        return rule.title

    def rule_title_lang(self, rule: Rule) -> str | None:
        """None when `rule_title` is in the page's language; else the source language it falls back to."""
        if not self.translating:
            return None
        tr = rule.translations.get(self.lang)
        return None if tr is not None and tr.title and self.rule_state(rule) == "current" else self.source_language

    # -- badges ----------------------------------------------------------------------

    def decision_badge(self, id: str, from_uri: str) -> str:
        href = self.href(from_uri, urls.DECISIONS, anchor=f"decision-{id}")
        return (
            f'<a class="lb-badge lb-decision lb-decision--{text(id)}" data-decision="{text(id)}" '
            f'href="{text(href)}">{text(self.decision_title(id))}</a>'
        )

    def severity_badge(self, severity: str) -> str:
        label = self.t._(SEVERITY_LABELS.get(severity, severity))
        return f'<span class="lb-badge lb-severity lb-severity--{text(severity)}" data-severity="{text(severity)}">{text(label)}</span>'

    def status_badge(self, status: str) -> str:
        label = self.t._(STATUS_LABELS.get(status, status))
        return f'<span class="lb-badge lb-status lb-status--{text(status)}" data-status="{text(status)}">{text(label)}</span>'

    def rule_link(self, rule: Rule, from_uri: str, class_: str = "lb-rule-link") -> str:
        href = self.href(from_uri, urls.rule_page(rule.area, rule.id))
        label = f"{rule.id} · {self.rule_title(rule)}"
        return f"<a{attrs(class_=class_, data_rule=rule.id, href=href, lang=self.rule_title_lang(rule))}>{text(label)}</a>"
