"""What changed in the source text of a stale translation, shown with its notice (issue 15).

A stale Bengali unit shows today's English as the text in force; a Bengali reader also needs
to see which English words changed since the translation was made, and a translator what to
translate. `history.stale` finds the English the translation was made from in git history
(by the fingerprint the translation records); this module looks it up once per build of a
language, for the stale units only, and renders the word diff for the pages.
"""

from __future__ import annotations

from pathlib import Path

from labelbook.core.i18n import N_
from labelbook.core.model import Repo
from labelbook.history.stale import StaleDiff, stale_diffs
from labelbook.history.wordmarks import word_diff_html
from labelbook.site.context import PageContext
from labelbook.site.markup import collapsible, tag, text, unindexed

#: The fields of a unit, as the page names them.
FIELD_LABELS = {"title": N_("Title"), "body": N_("Rule text"), "content": N_("Content"), "rationale": N_("Why")}


def stale_english(root: Path, repo: Repo, lang: str) -> dict[str, StaleDiff]:
    """For the site in `lang`: each stale unit's diff, keyed by rule or example id.

    Nothing for the source language, and no git call when no unit is stale. Without the
    history (no git, a shallow clone, the copy of a release) a diff says it was not found.
    """
    if lang == repo.policy.source_language:
        return {}
    return {diff.id: diff for diff in stale_diffs(root, repo, lang)}


def stale_changes_html(ctx: PageContext, unit_id: str, *, indexed: bool = True) -> str:
    """The changes of a stale unit's source text since its translation, for after its notice.

    A collapsible with the word diff of each changed field, or one sentence when the text the
    translation was made from is not in the history; "" when the build did not look (no
    `ctx.stale`). `indexed=False` inside a part of the page the search index already skips.
    """
    if ctx.stale is None:
        return ""
    t, names = ctx.t, ctx.names()
    diff = ctx.stale.get(unit_id)
    if diff is None or not diff.found:
        msg = t._("The {source} text this translation was made from was not found in the change history, so what changed since then cannot be shown.")
        return tag("p", text(msg.format(**names)), class_="lb-stale-diff lb-stale-diff--not-found", data_stale_diff="not-found")
    changed = [f for f in diff.fields if f.changed]
    if changed:
        intro = t._(
            "The {source} text is the one in force. Compared with the {source} text this translation was made from, "
            "struck-through words were removed and underlined words were added."
        )
        rows = "".join(
            tag("dt", text(t._(FIELD_LABELS.get(f.name, f.name))))
            + tag("dd", word_diff_html(f.ops), class_="lb-stale-diff-field", data_field=f.name, lang=ctx.source_language)
            for f in changed
        )
        inner = tag("p", text(intro.format(**names))) + tag("dl", rows, class_="lb-stale-diff-fields")
    else:
        inner = tag("p", text(t._("Only the spacing or line breaks of the {source} text changed since it was translated; no word did.").format(**names)))
    summary = t._("What changed in the {source} text since it was translated").format(**names)
    block = collapsible("info", summary, inner, class_="lb-stale-diff")
    # The removed words are not in force: a search result must not quote them as if they
    # were. The outer element is a block one, or Markdown would take the block for a paragraph.
    return tag("div", unindexed(block) if indexed else block, class_="lb-stale-diff-wrap", data_stale_diff="found", data_commit=diff.commit)
