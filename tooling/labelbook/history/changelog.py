"""Render a `Changelog` as Markdown (pull-request comment, site page) or as JSON.

Markdown is for people: what a labeler must now do differently comes first, every
UI string goes through the injected `gettext`, numbers and dates follow the language.
Repository text quoted in the source language on another language's changelog (a title
whose translation is not current, a text diff) carries `lang`, so that screen readers and
fonts treat it as that language, on the site and in a pull-request comment alike.
JSON is for programs: one stable, language-neutral shape, described by
schemas/changelog.schema.json.
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from typing import Any, Callable, Literal

from labelbook.history.diff import (
    AreaChanged, BodyChanged, Change, Changelog, DecisionAdded, Endpoint, DecisionChanged, DecisionRemoved,
    ExampleAdded, ExampleContentChanged, ExampleRationaleChanged, ExampleRelabelled, ExampleRemoved,
    ReplacementChanged, RuleAdded, RuleDeprecated, RuleReinstated, RuleRemoved, SeverityChanged,
    TitleChanged, TranslationStale, WordOp,
)  # fmt: skip
from labelbook.core.html import escape
from labelbook.history.wordmarks import escape_md, word_diff_markdown
from labelbook.core.model import Repo
from labelbook.core.i18n import N_, Translator, display_name


# Babel cannot read the strings inside f-strings (and the severity and language names are
# looked up by value): these are they, marked for `pybabel extract -k N_`.
_IN_F_STRINGS = (
    N_("released %(date)s"),
    N_("Guideline changes"),
    N_("Changes to what labelers must do"),
    N_("Other changes"),
    N_("New decision"),
    N_("Decision removed"),
    N_("low"),
    N_("medium"),
    N_("high"),
    N_("critical"),
    N_("New rule"),
    N_("Rule removed"),
    N_("Rule deprecated"),
    N_("Replacement changed"),
    N_("Rule back in force"),
    N_("Decision changed"),
    N_("Example relabelled"),
    N_("Rules"),
    N_("Text changes are shown in English, the authoritative version of the guidelines."),
    N_("Translations that became out of date"),
    N_("Severity changed"),
    N_("Title changed"),
    N_("Moved to another area"),
    N_("Text changed"),
)

SCHEMA_ID = "https://labelbook.dev/schemas/changelog.schema.json"
FORMAT_VERSION = 1
#: `link(rule_id, example_id_or_None)` -> URL of the rule page (or of the example on it), or None.
Link = Callable[[str, str | None], str | None]
Gettext = Callable[[str], str]

_SNIPPET_CHARS = 140


def _identity(s: str) -> str:
    return s


# --- JSON


def to_json(changelog: Changelog) -> dict[str, Any]:
    """The documented JSON shape (schemas/changelog.schema.json); changes in display order."""
    return {
        "$schema": SCHEMA_ID,
        "format_version": FORMAT_VERSION,
        "from": changelog.old.as_dict(),
        "to": changelog.new.as_dict(),
        "languages": list(changelog.languages),
        "summary": {
            "labeler": len(changelog.labeler_changes),
            "other": len(changelog.other_changes),
            "by_kind": changelog.counts(),
        },
        "changes": [c.as_dict() for c in changelog.changes],
    }


def render_json(changelog: Changelog) -> str:
    return json.dumps(to_json(changelog), ensure_ascii=False, indent=2) + "\n"


# --- Markdown


def render_markdown(
    changelog: Changelog,
    lang: str = "en",
    gettext: Gettext = _identity,
    link: Link | None = None,
    *,
    level: int = 2,
) -> str:
    """Markdown for a pull-request comment or a site page; `level` is the top heading's level."""
    return _Markdown(changelog, lang, gettext, link).render(level)


class _Markdown:
    def __init__(self, cl: Changelog, lang: str, gettext: Gettext, link: Link | None) -> None:
        self.cl, self.lang, self._, self.link = cl, lang, gettext, link
        self.t = Translator(lang)  # numbers and dates in the reader's language and digits
        self.new: Repo | None = cl.new_repo
        self.old: Repo | None = cl.old_repo
        self.source = self._source_language()

    def quote(self, text: str) -> str:
        """Repository text of the source language as Markdown text, marked as such where
        the reader's language is another."""
        return self.mark(escape_md(text), self.source)

    def mark(self, markdown: str, lang: str) -> str:
        """`markdown`, already escaped, marked as written in `lang` when the page is in another."""
        if lang == self.lang or not markdown:
            return markdown
        return f'<span lang="{escape(lang)}">{markdown}</span>'

    # numbers, names and links in the reader's language

    def num(self, n: int) -> str:
        return self.t.number(n)

    def date(self, d: datetime) -> str:
        return self.t.date(d.date())

    def endpoint(self, end: Endpoint) -> str:
        name = self._("working tree (unreleased)") if end.ref is None else _code(end.label)
        # Only a release has a release date; a branch's commit date would mislead.
        if end.release and end.date:
            name += f" ({self._('released %(date)s') % {'date': self.date(end.date)}})"
        return name

    def rule_title(self, rid: str, fallback: str = "") -> str:
        """The rule's title as Markdown: translated where that translation is current, else
        the source's (or `fallback`, a title the change recorded), marked as such."""
        for repo in (self.new, self.old):
            rule = repo.rules.get(rid) if repo else None
            if rule is None:
                continue
            tr = rule.translations.get(self.lang)
            if tr and tr.title and repo is not None and repo.rule_state(rule, self.lang) == "current":
                return escape_md(tr.title)
            return self.quote(rule.title)
        return self.quote(fallback)

    def decision(self, did: str | None, fallback: str | None = None) -> str:
        return self.term("decisions", did, fallback) if did else ""

    def area(self, aid: str) -> str:
        return self.term("areas", aid)

    def term(self, kind: Literal["decisions", "areas"], id: str, fallback: str | None = None) -> str:
        """A decision's or area's title as Markdown, in the reader's language where policy's
        translation has it; else the source's title (or `fallback`), marked as such; else the id."""
        for repo in (self.new, self.old):
            policy = repo.policy if repo else None
            if policy is None or not (policy.decision(id) if kind == "decisions" else policy.area(id)):
                continue
            tr = policy.translations.get(self.lang)
            entry = getattr(tr, kind).get(id) if tr else None
            return escape_md(entry.title) if entry and entry.title else self.quote(policy.term_title(kind, id, self.lang))
        return self.quote(fallback) if fallback else escape_md(id)

    def content(self, eid: str, english: str) -> str:
        """The example's content as Markdown, in the reader's language where that translation is current."""
        for repo in (self.new, self.old):
            ex = repo.examples.get(eid) if repo else None
            if repo is None or ex is None:
                continue
            tr = ex.translations.get(self.lang)
            if tr and tr.content and repo.example_state(ex, self.lang) == "current":
                return escape_md(_snippet(tr.content))
            break
        return self.quote(_snippet(english))

    def diff(self, ops: tuple[WordOp, ...]) -> str:
        """A text diff: always of the source language's text."""
        return self.mark(word_diff_markdown(ops), self.source)

    def rule_ref(self, rid: str | None) -> str:
        if not rid:
            return ""
        url = self.link(rid, None) if self.link and self.new and rid in self.new.rules else None
        return f"[{rid}]({url})" if url else f"**{rid}**"

    def example_ref(self, eid: str, rid: str) -> str:
        url = self.link(rid, eid) if self.link and self.new and eid in self.new.examples else None
        return f"[{eid}]({url})" if url else f"**{eid}**"

    def rule_line(self, rid: str) -> str:
        return f"{self.rule_ref(rid)} {self.rule_title(rid)}".rstrip()

    # the page

    def render(self, level: int) -> str:
        _, h = self._, "#" * max(1, min(level, 4))
        cl = self.cl
        lines = [
            f"{h} {_('Guideline changes')}",
            "",
            _("From %(old)s to %(new)s.") % {"old": self.endpoint(cl.old), "new": self.endpoint(cl.new)},
            "",
        ]
        if not cl.changes:
            return "\n".join(lines + [_("No changes to rules, examples or translations."), ""])
        labeler, other = cl.labeler_changes, cl.other_changes
        lines += [
            _("Changes to what labelers must do: %(count)s.") % {"count": self.num(len(labeler))}
            + " "
            + _("Other changes: %(count)s.") % {"count": self.num(len(other))},
            "",
            f"{h}# {_('Changes to what labelers must do')} ({self.num(len(labeler))})",
            "",
        ]
        lines += [f"- {self.labeler_item(c)}" for c in labeler] or [_("None: labelers can keep working as before.")]
        lines.append("")
        if other:
            lines += [f"{h}# {_('Other changes')} ({self.num(len(other))})", ""]
            lines += self.other_sections(other, h + "##")
        return "\n".join(lines).rstrip("\n") + "\n"

    def labeler_item(self, c: Change) -> str:
        _ = self._
        if isinstance(c, (DecisionAdded, DecisionRemoved)):
            what = _("New decision") if isinstance(c, DecisionAdded) else _("Decision removed")
            return f"**{what}**: {self.decision(c.decision, fallback=c.title)} (`{c.decision}`)"
        if isinstance(c, RuleAdded):
            details = _("decision: %(decision)s") % {"decision": f"**{self.decision(c.decision)}**"}
            details += ", " + _("severity: %(severity)s") % {"severity": _(c.severity)}
            return f"**{_('New rule')}** {self.rule_line(c.rule)} — {details}"
        if isinstance(c, RuleRemoved):
            name = f"**{c.rule}** {self.rule_title(c.rule, fallback=c.title)}".rstrip()
            return f"**{_('Rule removed')}** {name} — " + _("its decision was %(decision)s") % {"decision": self.decision(c.decision)}
        if isinstance(c, RuleDeprecated):
            instead = _("use %(rule)s instead") % {"rule": self.rule_ref(c.replaced_by)} if c.replaced_by else _("no replacement is named")
            return f"**{_('Rule deprecated')}** {self.rule_line(c.rule)}: {instead}"
        if isinstance(c, ReplacementChanged):
            instead = _("use %(rule)s instead") % {"rule": self.rule_ref(c.new)} if c.new else _("no replacement is named")
            return f"**{_('Replacement changed')}** {self.rule_line(c.rule)}: {instead} (~~{c.old or '—'}~~)"
        if isinstance(c, RuleReinstated):
            return f"**{_('Rule back in force')}** {self.rule_line(c.rule)}"
        if isinstance(c, DecisionChanged):
            return f"**{_('Decision changed')}** {self.rule_line(c.rule)}: ~~{self.decision(c.old)}~~ → **{self.decision(c.new)}**"
        if isinstance(c, ExampleRelabelled):
            where = _("rule %(rule)s") % {"rule": self.rule_ref(c.rule)}
            return (
                f"**{_('Example relabelled')}** {self.example_ref(c.example, c.rule)} ({where}): "
                f"~~{self.decision(c.old)}~~ → **{self.decision(c.new)}** — “{self.content(c.example, c.content)}”"
            )
        raise TypeError(f"not a labeler change: {c.kind}")  # pragma: no cover

    def other_sections(self, other: list[Change], h: str) -> list[str]:
        _ = self._
        out: list[str] = []
        per_rule: dict[str, list[Change]] = {}
        for c in other:
            if isinstance(c, (SeverityChanged, TitleChanged, AreaChanged, BodyChanged)):
                per_rule.setdefault(c.rule, []).append(c)
        if per_rule:
            out += [f"{h} {_('Rules')}", ""]
            if self.lang != self.source and any(isinstance(c, (TitleChanged, BodyChanged)) for cs in per_rule.values() for c in cs):
                out += [f"*{_('Text changes are shown in English, the authoritative version of the guidelines.')}*", ""]
            for rid in sorted(per_rule):
                out.append(f"- {self.rule_line(rid)}")
                out += [f"    - {self.rule_item(c)}" for c in per_rule[rid]]
            out.append("")
        examples = [c for c in other if isinstance(c, (ExampleAdded, ExampleRemoved, ExampleContentChanged, ExampleRationaleChanged))]
        if examples:
            out += [f"{h} {_('Examples')}", ""]
            out += [f"- {self.example_item(c)}" for c in examples]
            out.append("")
        stale = [c for c in other if isinstance(c, TranslationStale)]
        if stale:
            out += [f"{h} {_('Translations that became out of date')}", ""]
            for lang in sorted({c.lang for c in stale}):
                units = ", ".join(self.rule_ref(c.id) if c.unit == "rule" else self.example_ref(c.id, c.rule) for c in stale if c.lang == lang)
                out.append(f"- {display_name(lang, self.lang)}: {units}")
            out.append("")
        return out

    def _source_language(self) -> str:
        return self.cl.languages[0] if self.cl.languages else "en"

    def rule_item(self, c: Change) -> str:
        _ = self._
        if isinstance(c, SeverityChanged):
            return f"{_('Severity changed')}: {_(c.old)} → **{_(c.new)}**"
        if isinstance(c, TitleChanged):
            return f"{_('Title changed')}: {self.diff(c.diff)}"
        if isinstance(c, AreaChanged):
            return f"{_('Moved to another area')}: {self.area(c.old)} → **{self.area(c.new)}**"
        if isinstance(c, BodyChanged):
            return f"{_('Text changed')}: {self.diff(c.diff)}"
        raise TypeError(c.kind)  # pragma: no cover

    def example_item(self, c: Change) -> str:
        _ = self._
        if isinstance(c, (ExampleAdded, ExampleRemoved)):
            what = _("New example") if isinstance(c, ExampleAdded) else _("Example removed")
            ref = self.example_ref(c.example, c.rule) if isinstance(c, ExampleAdded) else f"**{c.example}**"
            where = _("rule %(rule)s") % {"rule": self.rule_ref(c.rule)}
            label = _("label: %(label)s") % {"label": self.decision(c.label)}
            return f"**{what}** {ref} ({where}), {label}: “{self.content(c.example, c.content)}”"
        if isinstance(c, (ExampleContentChanged, ExampleRationaleChanged)):
            what = _("Content changed") if isinstance(c, ExampleContentChanged) else _("Rationale changed")
            where = _("rule %(rule)s") % {"rule": self.rule_ref(c.rule)}
            return f"{self.example_ref(c.example, c.rule)} ({where}): {what}: {self.diff(c.diff)}"
        raise TypeError(c.kind)  # pragma: no cover


def _code(text: str) -> str:
    """`text` as a Markdown code span, whatever backticks it holds."""
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    return f"{fence} {text} {fence}" if "`" in text else f"{fence}{text}{fence}"


def _snippet(text: str) -> str:
    text = " ".join(text.split())
    if len(text) <= _SNIPPET_CHARS:
        return text
    # Cut between words: a cut inside a Bengali word can split a letter from its vowel sign.
    cut = text.rfind(" ", 0, _SNIPPET_CHARS)
    return text[: cut if cut > 0 else _SNIPPET_CHARS].rstrip(" ,;:") + "…"
