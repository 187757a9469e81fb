"""The anchor the build and serve benchmarks compare with: labelbook's own pages in plain
MkDocs + Material projects.

`anchor_projects` writes one project per language of the repository, holding exactly the
Markdown pages labelbook hands MkDocs for it (`site.pages.site_content`, made from the
plugin's own page context: the same navigation, page metadata and assets), with Material
and the theme features labelbook turns on (navigation.prune), the same Markdown extensions
(attr_list, pymdownx.tilde, toc with labelbook's slugify) and Material's search plugin,
and no labelbook plugin. Building or serving them is what plain
MkDocs + Material costs for the same site.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import yaml


def anchor_projects(repo: str | Path, dest: str | Path, *, plain_theme: bool = False) -> list[Path]:
    """One plain MkDocs + Material project per language under `dest`; their folders.
    `plain_theme`: Material's default features instead of labelbook's (the whole navigation
    in every page), as a Material site gets without configuring it."""
    from mkdocs.config import load_config

    from labelbook.site import assets
    from labelbook.site.pages import site_content
    from labelbook.site.plugin import labelbook_plugin

    repo, dest = Path(repo), Path(dest)
    policy = yaml.safe_load((repo / "guidelines" / "policy.yaml").read_text(encoding="utf-8"))
    projects = []
    for lang in policy["languages"]:
        config = load_config(config_file=str(repo / "mkdocs.yml"))
        plugin = labelbook_plugin(config)
        if plugin is None:
            raise SystemExit(f"{repo / 'mkdocs.yml'}: the labelbook plugin is not configured")
        plugin.lang = lang
        plugin.on_config(config)
        content = site_content(plugin.page_context(config, lang))
        project = dest / lang
        docs = project / "docs"
        for src_uri, markdown in content.pages.items():
            path = docs / src_uri
            path.parent.mkdir(parents=True, exist_ok=True)
            meta = content.meta.get(src_uri)
            path.write_text((f"---\n{json.dumps(meta)}\n---\n" if meta else "") + markdown, encoding="utf-8")
        for src_uri, source in assets.files():
            (docs / src_uri).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, docs / src_uri)
        settings = {
            "site_name": str(config.site_name),
            # Material's features as labelbook sets them (navigation.prune): the same pages.
            "theme": {"name": "material", "language": lang, "font": False, "features": [] if plain_theme else list(config.theme.get("features") or [])},
            "plugins": ["search"],
            "markdown_extensions": ["attr_list", "pymdownx.tilde", {"toc": {"slugify": "SLUGIFY"}}],
            "extra_css": assets.EXTRA_CSS,
            "extra_javascript": assets.EXTRA_JS,
            "nav": content.nav,
        }
        # JSON is YAML; the slugify function is a Python name, which only a YAML tag gives.
        text = json.dumps(settings, ensure_ascii=False).replace('"SLUGIFY"', "!!python/name:labelbook.site.anchors.slugify ")
        (project / "mkdocs.yml").write_text(text + "\n", encoding="utf-8")
        projects.append(project)
    return projects
