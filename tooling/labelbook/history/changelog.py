"""Render a `Changelog` as Markdown (pull-request comment, site page) or as JSON.

Markdown is for people: what a labeler must now do differently comes first, every
UI string goes through the injected `gettext`, numbers and dates follow the language.
JSON is for programs: one stable, language-neutral shape, described by
schemas/changelog.schema.json.
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from typing import Any, Callable

from labelbook.history.diff import (
    AreaChanged, BodyChanged, Change, Changelog, DecisionAdded, Endpoint, DecisionChanged, DecisionRemoved,
    ExampleAdded, ExampleContentChanged, ExampleRationaleChanged, ExampleRelabelled, ExampleRemoved,
    ReplacementChanged, RuleAdded, RuleDeprecated, RuleReinstated, RuleRemoved, SeverityChanged,
    TitleChanged, TranslationStale, WordOp,
)  # fmt: skip
from labelbook.core.html import escape
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

_CONTEXT_WORDS = 6
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

    def rule_title(self, rid: str) -> str:
        for repo in (self.new, self.old):
            rule = repo.rules.get(rid) if repo else None
            if rule is None:
                continue
            tr = rule.translations.get(self.lang)
            if tr and tr.title and repo is not None and repo.rule_state(rule, self.lang) == "current":
                return tr.title
            return rule.title
        return ""

    def decision(self, did: str | None) -> str:
        if not did:
            return ""
        for repo in (self.new, self.old):
            if repo and repo.policy.decision(did):
                return repo.policy.term_title("decisions", did, self.lang)
        return did

    def area(self, aid: str) -> str:
        for repo in (self.new, self.old):
            if repo and repo.policy.area(aid):
                return repo.policy.term_title("areas", aid, self.lang)
        return aid

    def content(self, eid: str, english: str) -> str:
        """The example's content in the reader's language where that translation is current."""
        for repo in (self.new, self.old):
            ex = repo.examples.get(eid) if repo else None
            if repo is None or ex is None:
                continue
            tr = ex.translations.get(self.lang)
            if tr and tr.content and repo.example_state(ex, self.lang) == "current":
                return _snippet(tr.content)
            break
        return _snippet(english)

    def rule_ref(self, rid: str | None) -> str:
        if not rid:
            return ""
        url = self.link(rid, None) if self.link and self.new and rid in self.new.rules else None
        return f"[{rid}]({url})" if url else f"**{rid}**"

    def example_ref(self, eid: str, rid: str) -> str:
        url = self.link(rid, eid) if self.link and self.new and eid in self.new.examples else None
        return f"[{eid}]({url})" if url else f"**{eid}**"

    def rule_line(self, rid: str) -> str:
        return f"{self.rule_ref(rid)} {_esc(self.rule_title(rid))}".rstrip()

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
        if isinstance(c, DecisionAdded):
            title = self.decision(c.decision)
            return f"**{_('New decision')}**: {_esc(c.title if title == c.decision else title)} (`{c.decision}`)"
        if isinstance(c, DecisionRemoved):
            return f"**{_('Decision removed')}**: {_esc(c.title)} (`{c.decision}`)"
        if isinstance(c, RuleAdded):
            details = _("decision: %(decision)s") % {"decision": f"**{_esc(self.decision(c.decision))}**"}
            details += ", " + _("severity: %(severity)s") % {"severity": _(c.severity)}
            return f"**{_('New rule')}** {self.rule_line(c.rule)} — {details}"
        if isinstance(c, RuleRemoved):
            name = f"**{c.rule}** {_esc(self.rule_title(c.rule) or c.title)}".rstrip()
            return f"**{_('Rule removed')}** {name} — " + _("its decision was %(decision)s") % {"decision": _esc(self.decision(c.decision))}
        if isinstance(c, RuleDeprecated):
            instead = _("use %(rule)s instead") % {"rule": self.rule_ref(c.replaced_by)} if c.replaced_by else _("no replacement is named")
            return f"**{_('Rule deprecated')}** {self.rule_line(c.rule)}: {instead}"
        if isinstance(c, ReplacementChanged):
            instead = _("use %(rule)s instead") % {"rule": self.rule_ref(c.new)} if c.new else _("no replacement is named")
            return f"**{_('Replacement changed')}** {self.rule_line(c.rule)}: {instead} (~~{c.old or '—'}~~)"
        if isinstance(c, RuleReinstated):
            return f"**{_('Rule back in force')}** {self.rule_line(c.rule)}"
        if isinstance(c, DecisionChanged):
            return f"**{_('Decision changed')}** {self.rule_line(c.rule)}: ~~{_esc(self.decision(c.old))}~~ → **{_esc(self.decision(c.new))}**"
        if isinstance(c, ExampleRelabelled):
            where = _("rule %(rule)s") % {"rule": self.rule_ref(c.rule)}
            return (
                f"**{_('Example relabelled')}** {self.example_ref(c.example, c.rule)} ({where}): "
                f"~~{_esc(self.decision(c.old))}~~ → **{_esc(self.decision(c.new))}** — “{_esc(self.content(c.example, c.content))}”"
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
            if self.lang != self._source_language() and any(isinstance(c, (TitleChanged, BodyChanged)) for cs in per_rule.values() for c in cs):
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
            return f"{_('Title changed')}: {_render_ops(c.diff)}"
        if isinstance(c, AreaChanged):
            return f"{_('Moved to another area')}: {_esc(self.area(c.old))} → **{_esc(self.area(c.new))}**"
        if isinstance(c, BodyChanged):
            return f"{_('Text changed')}: {_render_ops(c.diff)}"
        raise TypeError(c.kind)  # pragma: no cover

    def example_item(self, c: Change) -> str:
        _ = self._
        if isinstance(c, (ExampleAdded, ExampleRemoved)):
            what = _("New example") if isinstance(c, ExampleAdded) else _("Example removed")
            ref = self.example_ref(c.example, c.rule) if isinstance(c, ExampleAdded) else f"**{c.example}**"
            where = _("rule %(rule)s") % {"rule": self.rule_ref(c.rule)}
            label = _("label: %(label)s") % {"label": _esc(self.decision(c.label))}
            return f"**{what}** {ref} ({where}), {label}: “{_esc(self.content(c.example, c.content))}”"
        if isinstance(c, (ExampleContentChanged, ExampleRationaleChanged)):
            what = _("Content changed") if isinstance(c, ExampleContentChanged) else _("Rationale changed")
            where = _("rule %(rule)s") % {"rule": self.rule_ref(c.rule)}
            return f"{self.example_ref(c.example, c.rule)} ({where}): {what}: {_render_ops(c.diff)}"
        raise TypeError(c.kind)  # pragma: no cover


#: Markdown syntax in running text: emphasis, code, links, headings, tables, attribute lists.
_MD_SYNTAX = re.compile(r"([\\`*_\[\]{}#|])")


def _esc(text: str) -> str:
    """Show repository text as text: no HTML (example content may quote `<script>`), no Markdown, one line.

    Quotes stay as they are (the text is never an attribute value), so a pull-request
    comment stays readable; the site sanitises the rendered page all the same.
    """
    text = escape(" ".join(text.split()), quote=False)
    # `~` has no backslash escape in Python-Markdown, so it becomes a character reference like `<`.
    return _MD_SYNTAX.sub(r"\\\1", text).replace("~", "&#126;")


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


def _render_ops(ops: tuple[WordOp, ...]) -> str:
    """`… context ~~old words~~ **new words** context …`, long unchanged runs cut short."""
    parts: list[str] = []
    for i, op in enumerate(ops):
        words = op.text.split()
        if not words:
            continue
        if op.op == "delete":
            parts.append(f"~~{_esc(' '.join(words))}~~")
        elif op.op == "insert":
            parts.append(f"**{_esc(' '.join(words))}**")
        else:
            first, last = i == 0, i == len(ops) - 1
            keep_head = [] if first else words[:_CONTEXT_WORDS]
            keep_tail = [] if last else words[-_CONTEXT_WORDS:]
            if len(words) <= len(keep_head) + len(keep_tail) + 2 and not (first or last):
                parts.append(_esc(" ".join(words)))
                continue
            if keep_head:
                parts.append(_esc(" ".join(keep_head)))
            if len(words) > len(keep_head) + len(keep_tail):
                parts.append("…")
            if keep_tail:
                parts.append(_esc(" ".join(keep_tail)))
    return " ".join(parts)
