"""Pointing a page at the shared assets: which references move, and how they are written."""

from __future__ import annotations

import json
from pathlib import Path

from labelbook.site.shared_assets import retarget, share

OLD, NEW = "1.0.0/bn/assets/", "assets/0123456789abcdef/"
PAGE = "1.0.0/bn/area/RULE-001/index.html"


def config(**values: object) -> str:
    return f'<script id="__config" type="application/json">{json.dumps(values)}</script>'


def test_references_into_the_old_tree_follow_it_relative_to_the_page() -> None:
    html = (
        '<link href="../../assets/stylesheets/main.css?v=2#top">'
        '<script src="../../assets/javascripts/bundle.js"></script>'
        '<a href="../../../bn/assets/images/">dir</a>'
    )
    assert retarget(html, PAGE, OLD, NEW, "bn/") == (
        '<link href="../../../../assets/0123456789abcdef/stylesheets/main.css?v=2#top">'
        '<script src="../../../../assets/0123456789abcdef/javascripts/bundle.js"></script>'
        '<a href="../../../../assets/0123456789abcdef/images/">dir</a>'
    )
    # at the version's root, too
    assert retarget('<img src="assets/images/favicon.png">', "1.0.0/index.html", "1.0.0/assets/", NEW) == '<img src="../assets/0123456789abcdef/images/favicon.png">'


def test_everything_else_is_left_as_it_is() -> None:
    html = (
        '<a href="https://example.org/assets/x.css">x</a><a href="//cdn.example.org/assets/y.js">y</a>'
        '<a href="#assets/">z</a><img src="data:image/png;base64,AAAA"><a href="mailto:a@example.org">m</a>'
        '<a href="../../">home</a><a href="../../../1.1.0/bn/assets/x.css">another version</a><a href="">empty</a>'
        "<code>&lt;a href=&quot;../../assets/x.css&quot;&gt;</code><p>assets/javascripts/bundle.js</p>"
        '<a href="/assets/x.css">no absolute base: a link like any other</a>'
    )
    assert retarget(html, PAGE, OLD, NEW, "bn/") == html


def test_material_config_points_its_search_worker_at_the_shared_tree() -> None:
    html = config(base="../..", search="../../assets/javascripts/workers/search.js", translations={"a": "<b> & 'c'"})
    out = retarget(html, PAGE, OLD, NEW, "bn/")
    assert out == html.replace("../../assets/javascripts", "../../../../assets/0123456789abcdef/javascripts")


def test_a_404_page_addresses_its_own_version_from_the_site_root() -> None:
    """MkDocs writes a 404 page with addresses from its site's root ("base": "/", or
    site_url's path, which a translated site's ends with its folder)."""
    for base, root in (("/", "/"), ("/guidelines/bn/", "/guidelines/")):
        html = config(base=base, search=f"{base}assets/javascripts/workers/search.js", translations={"a": "b"}) + (
            f'<link href="{base}assets/stylesheets/main.css"><a href="{base}area/RULE-001/">a page</a>'
            f'<a href="{base}../">English</a><a href="{base}">home</a><a href="/elsewhere/">not under the base</a>'
        )
        out = retarget(html, "1.0.0/bn/404.html", OLD, NEW, "bn/")
        assert f'href="{root}assets/0123456789abcdef/stylesheets/main.css"' in out
        assert f'<a href="{root}1.0.0/bn/area/RULE-001/">a page</a>' in out
        assert f'<a href="{root}1.0.0/bn/../">English</a><a href="{root}1.0.0/bn/">home</a>' in out
        assert ('<a href="/elsewhere/">' in out) == (base != "/")
        assert out.startswith(config(base=f"{root}1.0.0/bn/", search=f"{root}assets/0123456789abcdef/javascripts/workers/search.js", translations={"a": "b"}))


def test_a_tree_holding_a_page_stays_in_its_version(tmp_path: Path) -> None:
    """An area called `assets` puts pages into the assets folder: they must stay in the version."""
    version = tmp_path / "1.0.0"
    (version / "assets/AS-001").mkdir(parents=True)
    (version / "assets/AS-001/index.html").write_text('<a href="../../assets/AS-001/">x</a>')
    (version / "404.html").write_text("")
    (version / "sitemap.xml").write_text("")
    before = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*"))
    assert share(tmp_path, "1.0.0") == {}
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")) == before
