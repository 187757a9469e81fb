"""The site of a translation language, built by a nested MkDocs build into `<site_dir>/<lang>/`.

The source language's build starts it: in a forked process while it builds its own pages
(`site.parallel`), or after them where it cannot fork. Each language is a build of its
own because each needs its own Material UI language and its own search index.
"""

from __future__ import annotations

import os
from typing import Any, Callable

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

def build_language(parent: MkDocsConfig, lang: str, source: Any, before_writing: Callable[[], None] | None = None) -> None:
    """Build the `lang` site into `<parent site_dir>/<lang>/`, from the parent's config file.

    Loading the config file again (with the parent's command-line settings) gives every
    plugin a fresh instance, as in a separate `mkdocs build`; our plugin then sets
    Material's UI language, and the search plugin reads `lang`'s search settings.
    `source` is the parent build's labelbook plugin (`site.plugin`, which imports this
    module): the same repository, version and date, and the class to find in `config`.
    `before_writing`: called before the build writes anything (see `parallel.start`).
    """
    if not parent.config_file_path or not os.path.isfile(parent.config_file_path):
        raise PluginError("labelbook: the translated sites need the configuration in a file (mkdocs.yml)")
    site_url = parent.site_url.rstrip("/") + f"/{lang}/" if parent.site_url else None
    config = load_config(
        config_file=parent.config_file_path,
        site_dir=os.path.join(parent.site_dir, lang),
        strict=parent.strict,
        use_directory_urls=parent.use_directory_urls,
        **({"site_url": site_url} if site_url else {}),
    )
    ours = next((p for p in config.plugins.values() if isinstance(p, type(source))), None)
    if ours is None:
        raise PluginError(f"labelbook: {parent.config_file_path}: `plugins` must list labelbook")
    ours.lang = lang
    ours.repo = source.repo
    ours.config.version = source.config.version
    ours.config.release_date = source.config.release_date
    ours.config.tags = source.config.tags
    ours.versioned = source.versioned
    ours.changelog, ours.changes_note, ours.changes_given = source.changelog, source.changes_note, True
    ours.before_writing = before_writing
    ours.keep_sources = source.keep_sources
    mkdocs_build(config)
