"""`labelbook build` renders its generated pages as it writes them (site.deferred).

The site must be exactly the one MkDocs' own order gives (every page rendered first, then
every page written): the same HTML, search index and sitemap, byte for byte, in both
languages. And the build must really stream: a page's Markdown is made only once the page
before it has been written and let go, so that a large guideline set never holds every
page's source and HTML at once.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from labelbook.site import deferred, pages, plugin
from labelbook.site.build import build_site

EPOCH = "1772704800"  # a fixed build date: the two builds compared must not differ by it


def _files(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_deferred_pages_equal_mkdocs_order(site_repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    streamed = build_site(site_repo, tmp_path / "streamed")
    monkeypatch.setattr(plugin, "can_defer", lambda plugins: False)
    classic = build_site(site_repo, tmp_path / "classic")
    ours, theirs = _files(streamed), _files(classic)
    assert sorted(ours) == sorted(theirs)
    assert any(name.startswith("bn/") for name in ours)
    different = [name for name in ours if ours[name] != theirs[name]]
    assert different == [], different
    # Hand-written pages keep the title of their first heading (they are not deferred).
    assert b"<title>Introduction" in ours["introduction/index.html"]


def test_each_page_is_made_after_the_one_before_was_written(site_repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    events: list[tuple[str, str]] = []
    real_rule, real_release = pages.rule_markdown, deferred.Deferred.release

    def rule_markdown(ctx, rule):  # type: ignore[no-untyped-def]
        events.append(("made", rule.id))
        return real_rule(ctx, rule)

    def release(page):  # type: ignore[no-untyped-def]
        events.append(("written", page.file.src_uri))
        real_release(page)

    monkeypatch.setattr(pages, "rule_markdown", rule_markdown)
    monkeypatch.setattr(deferred.Deferred, "release", staticmethod(release))
    build_site(site_repo, tmp_path / "site")
    made = [i for i, (kind, _) in enumerate(events) if kind == "made"]
    assert len(made) >= 3, events
    for before, after in zip(made, made[1:]):
        # between two rule pages being made, the first one was written and let go
        assert any(kind == "written" for kind, _ in events[before + 1 : after]), events


def test_plugins_that_see_pages_turn_deferral_off() -> None:
    assert deferred.can_defer(["search", "labelbook"])
    assert deferred.can_defer(["material/search", "labelbook"])
    assert not deferred.can_defer(["search", "labelbook", "tags"])
    assert not deferred.can_defer(["search", "labelbook", "offline"])


def test_titled_pages_are_those_the_navigation_names() -> None:
    nav = [{"Home": "index.md"}, "introduction.md", {"Hate speech": [{"Overview": "hate-speech/index.md"}, {"HS-001 · Slurs": "hate-speech/HS-001.md"}]}]
    assert deferred.titled_pages(nav) == {"index.md", "hate-speech/index.md", "hate-speech/HS-001.md"}
