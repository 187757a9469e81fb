"""One page's Markdown at a time is the very Markdown `site_content` makes of the whole site."""

from __future__ import annotations

from pathlib import Path

from labelbook.core.checks import checked
from labelbook.core.model_changes import compare
from labelbook.site.context import PageContext
from labelbook.site.history import changes_since_release
from labelbook.site.live_pages import nav_titles, page_markdown, touched_pages
from labelbook.site.pages import site_content
from labelbook.site.stale import stale_english

from .repos import edit, sample_git_repo


def test_every_page_of_every_language_is_made_alone_exactly_as_in_the_whole_site(tmp_path: Path) -> None:
    root = sample_git_repo(tmp_path)
    repo = checked(root).repo
    changelog, note = changes_since_release(root, "v*", repo)
    assert changelog is not None  # the sample's working tree differs from its release
    for lang in repo.policy.languages:
        ctx = PageContext(repo, lang, changelog=changelog, changes_note=note, stale=stale_english(root, repo, lang))
        whole = site_content(ctx)
        assert len(whole.pages) >= 9
        for uri, markdown in whole.pages.items():
            made = page_markdown(ctx, uri)
            assert made is not None, uri
            assert made == (markdown, whole.meta.get(uri, {})), uri
        assert page_markdown(ctx, "hate-speech/HS-404.md") is None
        assert page_markdown(ctx, "no-such-area/index.md") is None


def test_the_pages_a_change_touches(tmp_path: Path) -> None:
    root = sample_git_repo(tmp_path)
    before = checked(root).repo
    edit(root / "examples/bullying/BU-001.yaml", "rationale: \"", "rationale: \"Changed. ")
    after = checked(root).repo
    touched = touched_pages(before, after, compare(before, after))
    assert touched == {"bullying/BU-001.md", "changes.md", "practice.md"}

    edit(root / "guidelines/hate-speech/HS-001.md", "decision: remove", "decision: allow")
    again = checked(root).repo
    touched = touched_pages(after, again, compare(after, again))
    # Its own page and area; HS-002, which HS-001 replaces and which lists it as related;
    # the home (rules per area), the decisions page, "What changed", the practice page.
    assert touched == {
        "hate-speech/HS-001.md", "hate-speech/index.md", "hate-speech/HS-002.md",
        "index.md", "decisions.md", "changes.md", "practice.md",
    }  # fmt: skip


def test_nav_titles_tell_a_new_title_from_a_new_shape() -> None:
    nav = [{"Home": "index.md"}, "introduction.md", {"Hate speech": [{"Overview": "hs/index.md"}, {"HS-001 · Slurs": "hs/HS-001.md"}]}]
    shape, titles = nav_titles(nav)
    assert shape == [(0, "index.md"), (0, "introduction.md"), (0, None), (1, "hs/index.md"), (1, "hs/HS-001.md")]
    assert titles["hs/HS-001.md"] == "HS-001 · Slurs" and titles["introduction.md"] is None and titles["section:3"] == "Hate speech"
    renamed = [nav[0], nav[1], {"Hate speech": [{"Overview": "hs/index.md"}, {"HS-001 · Insults": "hs/HS-001.md"}]}]
    assert nav_titles(renamed)[0] == shape and nav_titles(renamed)[1]["hs/HS-001.md"] == "HS-001 · Insults"
    moved = [nav[0], nav[1], {"Hate speech": [{"Overview": "hs/index.md"}]}, {"HS-001 · Slurs": "hs/HS-001.md"}]
    assert nav_titles(moved)[0] != shape
