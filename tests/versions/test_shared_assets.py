"""The assets every version shares: one copy per content in SITE/assets/<hash>/, every page
pointing there; --copy-assets for self-contained version folders; switching between them."""

from __future__ import annotations

import json
from pathlib import Path

from .gitrepo import labelbook
from .sitecheck import HASH_DIR, asset_references, pages, shared_trees, size_counting_duplicates, tree

VERSION_ROOTS = ["1.0.0", "1.0.0/bn", "1.1.0", "1.1.0/bn", "dev", "dev/bn", "latest", "latest/bn"]


def build(repo: Path, site: Path, *options: str) -> str:
    proc = labelbook("build", "--versions", "-d", str(site), *options, cwd=repo)
    assert proc.returncode == 0, proc.stderr
    return proc.stderr


def test_every_version_and_language_points_at_one_shared_copy(release_repo: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    out = build(release_repo, site)
    assert "their assets: 1 shared copy in assets/" in out
    (digest,) = shared_trees(site)
    assert HASH_DIR.fullmatch(digest)
    shared = site / "assets" / digest
    # the whole tree, so that what is inside finds what is beside it
    for inside in ("javascripts/workers", "javascripts/lunr/min/lunr.bn.min.js", "javascripts/lunr/min/lunr.stemmer.support.min.js",
                   "labelbook/labelbook.css", "labelbook/fonts/noto-sans-bengali-bengali-400-normal.woff2", "labelbook/practice.js"):  # fmt: skip
        assert (shared / inside).exists(), inside
    assert 'url("fonts/noto-sans-bengali-bengali-400-normal.woff2")' in (shared / "labelbook/labelbook.css").read_text()
    for root in VERSION_ROOTS:
        assert (site / root / "index.html").is_file() and not (site / root / "assets").exists(), root
    # every reference of every page into assets leads to a file of the shared copy
    seen = 0
    for page in pages(site):
        for ref in asset_references(site, page):
            assert ref.startswith(f"assets/{digest}/") and (site / ref).is_file(), (page, ref)
            seen += 1
    assert seen > 10 * len(VERSION_ROOTS)
    manifest = json.loads((site / ".labelbook-versions.json").read_text())
    assert manifest["versions"]["1.0.0"]["assets"] == {"": digest, "bn/": digest}


def test_copy_assets_keeps_each_version_whole_and_is_larger(release_repo: Path, tmp_path: Path) -> None:
    shared, copies = tmp_path / "shared", tmp_path / "copies"
    build(release_repo, shared)
    out = build(release_repo, copies, "--copy-assets")
    assert "each version has its own assets (--copy-assets)" in out
    assert shared_trees(copies) == []
    for root in VERSION_ROOTS:
        assert (copies / root / "assets/javascripts").is_dir(), root
    for page in pages(copies / "1.0.0"):
        own = "1.0.0/bn/" if page.is_relative_to(copies / "1.0.0/bn") else "1.0.0/"
        refs = [r for r in asset_references(copies, page) if page.name != "404.html"]
        assert all(r.startswith(own + "assets/") and (copies / r).is_file() for r in refs), (page, refs)
    # the same pages otherwise, and the assets once instead of once per version and language
    assert tree(shared / "1.0.0/bn/bullying-harassment").keys() == tree(copies / "1.0.0/bn/bullying-harassment").keys()
    assets = size_counting_duplicates(shared / "assets")
    assert size_counting_duplicates(copies) > size_counting_duplicates(shared) + (len(VERSION_ROOTS) - 2) * assets


def test_switching_modes_and_an_older_labelbooks_assets(release_repo: Path, tmp_path: Path) -> None:
    """A version built with its own assets (by --copy-assets, or by an older labelbook whose
    files differ) is reused and its assets shared: different bytes, a copy of their own; and a
    copy nothing points at any more is gone."""
    site = tmp_path / "site"
    build(release_repo, site, "--copy-assets")
    css = site / "1.0.0/assets/labelbook/labelbook.css"
    css.write_text(css.read_text() + "/* an older labelbook */\n")
    out = build(release_repo, site)
    assert "1.0.0 (v1.0.0): unchanged since the last build, reused (its assets now shared)" in out
    assert "1.1.0 (v1.1.0): unchanged since the last build, reused (its assets now shared)" in out
    trees = shared_trees(site)
    assert len(trees) == 2
    manifest = json.loads((site / ".labelbook-versions.json").read_text())["versions"]
    old, new = manifest["1.0.0"]["assets"][""], manifest["1.1.0"]["assets"][""]
    assert old != new and sorted((old, new)) == trees
    assert manifest["1.0.0"]["assets"]["bn/"] == new  # its Bengali site's assets were not changed
    assert (site / "assets" / old / "labelbook/labelbook.css").read_text().endswith("/* an older labelbook */\n")
    assert "older labelbook" not in (site / "assets" / new / "labelbook/labelbook.css").read_text()
    for page in pages(site / "1.0.0"):
        assert all((site / ref).is_file() for ref in asset_references(site, page)), page
    # the pages are those a shared build writes from scratch
    fresh = tmp_path / "fresh"
    build(release_repo, fresh)
    assert tree(site / "1.1.0") == tree(fresh / "1.1.0")
    # pruned, the version with the older assets takes its copy with it
    out = build(release_repo, site, "--keep", "1")
    assert shared_trees(site) == [new]
    # back to self-contained folders: built again, each with its assets
    out = build(release_repo, site, "--copy-assets")
    assert "1.1.0 (v1.1.0): building from git" in out
    assert shared_trees(site) == [] and (site / "1.1.0/bn/assets/javascripts").is_dir()
