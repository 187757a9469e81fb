"""A site kept up to date page by page is the site a full build makes of the same files.

In one process, as `labelbook serve` does it: the sample repository (in git, with a release)
is built once, then edited in every way a page can show, each save brought in by
`LiveSite.update` and the pending work; the result is compared file by file with a fresh
build of the edited repository (the search index entry by entry: their order differs).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from labelbook.core.model import fingerprint
from labelbook.core.reload import Reloader
from labelbook.site.live_site import LiveSite

from .repos import edit, sample_git_repo

URL = "http://127.0.0.1:8000/"


def _build(root: Path, reloader: Reloader, folder: Path) -> LiveSite:
    refresh = reloader.refresh()
    assert refresh.repo is not None and refresh.errors == []
    folder.parent.mkdir(parents=True, exist_ok=True)
    scratch = folder.parent / f"{folder.name}-scratch"
    scratch.mkdir()
    site = LiveSite(root / "mkdocs.yml", refresh.repo, root, folder, scratch, URL)
    site.build()
    return site


def _save(site: LiveSite, reloader: Reloader, *paths: str) -> list[str]:
    """Bring the saves of `paths` in; the pages written before the background work."""
    refresh = reloader.refresh(paths)
    assert refresh.repo is not None and refresh.errors == [], refresh.errors
    assert refresh.changed == set(paths)
    assert site.update(refresh.repo, refresh.changed), f"{paths}: a full rebuild was asked for"
    written = list(site.work(lambda: False))
    background = list(site.work(lambda: False, background=True))
    assert not site.busy and not set(written) & set(background)
    return written


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _assert_same_site(kept: Path, fresh: Path) -> None:
    a, b = _files(kept), _files(fresh)
    assert sorted(a) == sorted(b)
    differ = []
    for name in a:
        if name.endswith("search_index.json"):
            x, y = json.loads(a[name]), json.loads(b[name])
            entries = lambda d: sorted(json.dumps(e, sort_keys=True, ensure_ascii=False) for e in d["docs"])  # noqa: E731
            if x["config"] != y["config"] or entries(x) != entries(y):
                differ.append(name)
        elif a[name] != b[name]:
            differ.append(name)
    assert differ == [], f"pages kept up to date differ from a full build: {differ}"


def test_every_kind_of_save_gives_the_pages_of_a_full_build(tmp_path: Path) -> None:
    root = sample_git_repo(tmp_path)
    reloader = Reloader(root)
    site = _build(root, reloader, tmp_path / "kept" / "site")
    try:
        # An example's rationale: its rule's page in both languages, "What changed".
        edit(root / "examples/bullying/BU-001.yaml", 'rationale: "', 'rationale: "Rationale saved in the preview. ')
        written = _save(site, reloader, "examples/bullying/BU-001.yaml")
        # "What changed" and the practice page follow in the background.
        assert sorted(written) == ["bn/bullying/BU-001/index.html", "bullying/BU-001/index.html"]
        assert "Rationale saved in the preview." in (site.folder / "bullying/BU-001/index.html").read_text("utf-8")
        # A rule's body: its current Bengali translation becomes stale, which changes its
        # Bengali title in the navigation of every Bengali page.
        edit(root / "guidelines/hate-speech/HS-001.md", "## ", "A sentence added in the preview.\n\n## ")
        _save(site, reloader, "guidelines/hate-speech/HS-001.md")
        # A title, a decision: the rules that show it (related, replaced), the area, home, decisions.
        edit(root / "guidelines/bullying/BU-001.md", "title: ", "title: Renamed ")
        edit(root / "guidelines/hate-speech/HS-001.md", "decision: remove", "decision: age-restrict")
        _save(site, reloader, "guidelines/bullying/BU-001.md", "guidelines/hate-speech/HS-001.md")
        # A translation brought up to date.
        bn = root / "examples/hate-speech/HS-001.bn.yaml"
        edit(bn, 'source: "bbbbbbbbbbbb"', f'source: "{_example_fingerprint(root, "HS-001-E02")}"')
        _save(site, reloader, "examples/hate-speech/HS-001.bn.yaml")
        # A hand-written page's heading: its title in the navigation of every page.
        edit(root / "guidelines/introduction.md", "# Introduction", "# How to read these guidelines")
        _save(site, reloader, "guidelines/introduction.md")
        # A glossary: shown on the decisions pages.
        glossary = root / "locales/bn/glossary.yaml"
        glossary.parent.mkdir(parents=True)
        glossary.write_text("terms:\n  - en: remove\n    bn: সরিয়ে\n    avoid: [মুছে ফেলুন]\n", encoding="utf-8")
        _save(site, reloader, "locales/bn/glossary.yaml")

        fresh = _build(root, Reloader(root), tmp_path / "fresh" / "site")
        fresh.close()
        _assert_same_site(site.folder, fresh.folder)
    finally:
        site.close()


def _example_fingerprint(root: Path, example_id: str) -> str:
    refresh = Reloader(root).refresh()
    assert refresh.repo is not None
    ex = refresh.repo.examples[example_id]
    return fingerprint(ex.content, ex.rationale)


@pytest.mark.parametrize(
    "path, old, new",
    [
        ("guidelines/policy.yaml", "title: Hate speech", "title: Hateful speech"),
        ("guidelines/hate-speech/HS-001.md", "area: hate-speech", "area: bullying"),
    ],
)
def test_what_changes_the_navigation_or_the_policy_asks_for_a_full_rebuild(tmp_path: Path, path: str, old: str, new: str) -> None:
    root = sample_git_repo(tmp_path)
    reloader = Reloader(root)
    site = _build(root, reloader, tmp_path / "kept" / "site")
    try:
        if path.endswith("HS-001.md"):  # moved with its area: the file too
            (root / "guidelines/bullying").mkdir(exist_ok=True)
            edit(root / path, old, new)
            (root / path).rename(root / "guidelines/bullying/HS-001.md")
            (root / "guidelines/hate-speech/HS-001.bn.md").rename(root / "guidelines/bullying/HS-001.bn.md")
            (root / "examples/hate-speech/HS-001.yaml").rename(root / "examples/bullying/HS-001.yaml")
            (root / "examples/hate-speech/HS-001.bn.yaml").rename(root / "examples/bullying/HS-001.bn.yaml")
        else:
            edit(root / path, old, new)
        refresh = reloader.refresh()
        assert refresh.repo is not None and refresh.errors == [], refresh.errors
        page = (site.folder / "index.html").read_bytes()
        assert site.update(refresh.repo, refresh.changed) is False
        assert not site.busy and (site.folder / "index.html").read_bytes() == page  # nothing was written
    finally:
        site.close()
