"""The page of one rule: badges, status, body, related rules, then its examples.

Translation states are never hidden. On a translation language's page:
- missing: the source text, with a notice;
- stale: the current source text as the one to apply, a notice, what changed in the
  source text since the translation was made (`site.stale`), and the outdated translation
  after it, collapsed (a stale threshold in a moderation rule is dangerous).
"""

from __future__ import annotations

from labelbook.core.model import Example, Rule
from labelbook.site import urls
from labelbook.core.i18n import DIFFICULTY_LABELS, MODALITY_LABELS
from labelbook.site.context import PageContext
from labelbook.site.stale import stale_changes_html
from labelbook.core.html import LinkFn
from labelbook.site.markup import (
    collapsible, heading, heading_lang, html_block, lang_end, lang_start, md_text, notice, plain_block, render_markdown, tag, text,
    unindexed,
)  # fmt: skip


def rule_markdown(ctx: PageContext, rule: Rule) -> str:
    """The Markdown source of the rule's page in `ctx.lang`."""
    t = ctx.t
    uri = urls.rule_page(rule.area, rule.id)
    state = ctx.rule_state(rule)
    tr = rule.translations.get(ctx.lang)
    body = tr.body if ctx.translating and state == "current" and tr is not None else rule.body
    blocks = [f"# {md_text(rule.id)} · {md_text(ctx.rule_title(rule))}"]
    title_lang = ctx.rule_title_lang(rule)
    if title_lang:
        blocks.append(heading_lang(title_lang))
    blocks.append(html_block(_meta(ctx, rule, uri)))
    # The source language's body stands in for a translation that is not current: marked as such.
    fallback = ctx.source_language if ctx.translating and state != "current" else None
    if rule.deprecated:
        blocks.append(html_block(_deprecated(ctx, rule, uri)))
    if state == "missing":
        msg = t._("This rule has not been translated into {language} yet. The {source} text is shown.")
        blocks.append(html_block(notice("info", t._("Not translated yet"), text(msg.format(**ctx.names())), code="translation-missing")))
    elif state == "stale":
        msg = t._(
            "The {source} text of this rule changed after it was translated. The {source} text below is "
            "the rule in force: apply it. The outdated {language} translation follows it, collapsed, for reference only."
        )
        blocks.append(html_block(notice("danger", t._("Translation out of date"), text(msg.format(**ctx.names())), code="translation-stale")))
        changes = stale_changes_html(ctx, rule.id)
        if changes:
            blocks.append(html_block(changes))
    # The body is the repository's Markdown: MkDocs renders it, then it is sanitised.
    if fallback:
        blocks += [lang_start(fallback), body.strip("\n"), lang_end()]
    else:
        blocks.append(body.strip("\n"))
    if state == "stale" and tr is not None:
        outdated = tag("p", text(tr.title), class_="lb-stale-title") + render_markdown(tr.body, allow_html=True, link=ctx.md_link(uri))
        summary = t._("Outdated {language} translation: for reference only, do not apply").format(language=ctx.language_name)
        blocks.append(html_block(collapsible("warning", summary, outdated, class_="lb-stale-translation", lang=ctx.lang)))
    related = [ctx.repo.rules[r] for r in rule.related if r in ctx.repo.rules]
    if related:
        blocks.append(heading(2, t._("Related rules"), "related-rules"))
        items = "".join(
            tag("li", ctx.rule_link(r, uri) + " " + ctx.decision_badge(r.decision, uri) + (" " + ctx.status_badge(r.status) if r.deprecated else ""))
            for r in related
        )
        blocks.append(html_block(tag("ul", items, class_="lb-related", id="lb-related")))
    blocks.append(heading(2, t._("Examples"), "examples"))
    examples = sorted(ctx.repo.examples_of(rule.id), key=lambda e: e.id)
    if examples:
        blocks.append(html_block(tag("div", "".join(example_html(ctx, e, uri) for e in examples), class_="lb-examples", id="lb-examples")))
    else:
        blocks.append(html_block(tag("p", text(t._("This rule has no examples yet.")), class_="lb-no-examples")))
    return "\n\n".join(b for b in blocks if b) + "\n"


def _meta(ctx: PageContext, rule: Rule, uri: str) -> str:
    t = ctx.t
    items = [
        (t._("Decision"), ctx.decision_badge(rule.decision, uri), "decision"),
        (t._("Severity"), ctx.severity_badge(rule.severity), "severity"),
        (t._("Status"), ctx.status_badge(rule.status), "status"),
    ]
    replaces = ctx.replaced_by(rule.id)
    if replaces:
        items.append((t._("Replaces"), ", ".join(ctx.rule_link(r, uri) for r in replaces), "replaces"))
    # Spaces between the items: a flex container ignores them, the search index needs them.
    inner = " ".join(
        f'<span class="lb-meta-item lb-meta-item--{key}"><span class="lb-meta-label">{text(label)}</span> {value}</span>'
        for label, value, key in items
    )
    return tag("div", inner, class_="lb-rule-meta", id="lb-rule-meta", data_rule=rule.id, data_state=ctx.rule_state(rule))


def _deprecated(ctx: PageContext, rule: Rule, uri: str) -> str:
    t = ctx.t
    replacement = ctx.repo.rules.get(rule.replaced_by or "")
    if replacement is None:
        body = text(t._("This rule is no longer in force."))
    else:
        link = ctx.rule_link(replacement, uri, class_="lb-replaced-by")
        body = text(t._("This rule is no longer in force. Apply {rule} instead.")).replace(text("{rule}"), link)
    return notice("warning", t._("Deprecated"), body, code="deprecated")


def example_html(ctx: PageContext, ex: Example, uri: str) -> str:
    """One example as a single raw HTML block. Its content is untrusted plain text."""
    t = ctx.t
    state = ctx.repo.example_state(ex, ctx.lang) if ctx.translating else "current"
    tr = ex.translations.get(ctx.lang)
    use_tr = ctx.translating and state == "current" and tr is not None
    content = tr.content if use_tr else ex.content
    rationale = (tr.rationale if use_tr and tr.rationale else None) or ex.rationale
    content_lang = ctx.lang if use_tr else ctx.source_language
    rationale_lang = ctx.lang if use_tr and tr.rationale else ctx.source_language
    link = ctx.md_link(uri)

    modality = t._(MODALITY_LABELS.get(ex.modality, ex.modality))
    difficulty = t._(DIFFICULTY_LABELS.get(ex.difficulty, ex.difficulty))
    meta = (
        tag("dt", text(t._("Modality"))) + tag("dd", text(modality), class_="lb-modality", data_modality=ex.modality)
        + tag("dt", text(t._("Correct label"))) + tag("dd", ctx.decision_badge(ex.label, uri), class_="lb-label", data_label=ex.label)
        + tag("dt", text(t._("Difficulty"))) + tag("dd", text(difficulty), class_="lb-difficulty", data_difficulty=ex.difficulty)
    )
    parts = [tag("h3", text(t._("Example {id}").format(id=ex.id)), class_="lb-example-title"), tag("dl", meta, class_="lb-example-meta")]
    if state == "missing":
        msg = t._("This example has not been translated into {language} yet; it is shown in {source}.")
        parts.append(notice("info", t._("Not translated yet"), text(msg.format(**ctx.names())), code="translation-missing"))
    elif state == "stale":
        msg = t._(
            "The {source} text of this example changed after it was translated. The {source} text below is "
            "the one to apply; the outdated translation follows it, collapsed."
        )
        parts.append(notice("danger", t._("Translation out of date"), text(msg.format(**ctx.names())), code="translation-stale"))
    body = _fields(ctx, content, content_lang, rationale, rationale_lang, link)
    if state == "stale":
        # Inside the example's body: a sensitive example's changes stay behind its warning.
        body = stale_changes_html(ctx, ex.id, indexed=not ex.sensitive) + body
    if state == "stale" and tr is not None:
        outdated = _fields(ctx, tr.content, ctx.lang, tr.rationale, ctx.lang, link)
        summary = t._("Outdated {language} translation: for reference only, do not apply").format(language=ctx.language_name)
        body += collapsible("warning", summary, outdated, class_="lb-stale-translation", lang=ctx.lang)
    if ex.sensitive:
        summary = t._("Content warning: this example describes disturbing content. Open it when you are ready.")
        parts.append(collapsible("warning", summary, tag("div", body, class_="lb-cw-body"), class_="lb-cw"))
        # The search index gets its id and rule, nothing else: a search result would show
        # the rest uncollapsed.
        inner = parts[0] + unindexed("".join(parts[1:]))
    else:
        parts.append(body)
        inner = "".join(parts)
    return tag(
        "section",
        inner,
        class_="lb-example" + (" lb-example--sensitive" if ex.sensitive else ""),
        id=ex.id,
        data_example=ex.id,
        data_state=state,
        data_sensitive="true" if ex.sensitive else "false",
    )


def _fields(ctx: PageContext, content: str, content_lang: str, rationale: str | None, rationale_lang: str, link: LinkFn) -> str:
    """Content (plain text, escaped) and rationale (Markdown without raw HTML, sanitised)."""
    t = ctx.t
    out = tag("p", text(t._("Content")), class_="lb-field-label")
    out += tag("div", plain_block(content), class_="lb-content", lang=content_lang)
    if rationale:
        out += tag("p", text(t._("Why")), class_="lb-field-label")
        out += tag("div", render_markdown(rationale, allow_html=False, link=link), class_="lb-rationale", lang=rationale_lang)
    return tag("div", out, class_="lb-example-body")
