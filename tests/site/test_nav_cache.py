"""`labelbook build` renders Material's navigation once for the pages that share it
(site.nav_cache); every page must still be exactly the page Material would render.

Whole sites are built with and without it and compared byte for byte, in both languages,
under the navigation features a mkdocs.yml may ask for (which change how Material marks
the current page, its section, an index page and the tabs) and with file URLs. The fast
path must also really be taken: most pages get a patched navigation.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from labelbook.site import nav_cache, plugin
from labelbook.site.build import build_site

EPOCH = "1772704800"

THEMES = {
    "labelbook's default (prune)": "theme: {name: material}\n",
    "indexes and sections": "theme: {name: material, features: [navigation.indexes, navigation.sections]}\n",
    "tabs": "theme: {name: material, features: [navigation.tabs, navigation.prune]}\n",
    "expand (no pruning)": "theme: {name: material, features: [navigation.expand]}\n",
    "file URLs": "theme: {name: material}\nuse_directory_urls: false\n",
}


def _files(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("theme", list(THEMES))
def test_pages_equal_materials_own_navigation(site_repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, theme: str) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    config = site_repo / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("theme: {name: material}\n", THEMES[theme]), encoding="utf-8")
    outcomes: list[bool] = []
    patched = nav_cache.NavCache._patched

    def counted(self: nav_cache.NavCache, *args: object) -> str | None:
        html = patched(self, *args)
        outcomes.append(html is not None)
        return html

    monkeypatch.setattr(nav_cache.NavCache, "_patched", counted)
    monkeypatch.setattr(plugin.parallel, "can_fork", lambda: False)  # both languages counted here
    quick = build_site(site_repo, tmp_path / "quick")
    monkeypatch.setattr(plugin.nav_cache, "install", lambda env: None)
    material = build_site(site_repo, tmp_path / "material")
    ours, theirs = _files(quick), _files(material)
    assert sorted(ours) == sorted(theirs)
    different = [name for name in ours if ours[name] != theirs[name]]
    assert different == [], different
    assert outcomes.count(True) >= 8, outcomes  # rule pages and the top-level pages beside them
