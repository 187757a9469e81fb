"""Reading a built versioned site back: its files, its references into assets, its sizes."""

from __future__ import annotations

import json
import os
import posixpath
import re
from pathlib import Path

ATTRIBUTE = re.compile(r'\s(?:href|src)="([^"]*)"')
CONFIG = re.compile(r'<script id="__config" type="application/json">(.*?)</script>', re.DOTALL)
HASH_DIR = re.compile(r"[0-9a-f]{16}")


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def asset_references(site: Path, page: Path) -> list[str]:
    """Every reference of `page` into an assets folder (href, src, Material's search worker),
    as a path from the site root: where a browser would look for it."""
    html = page.read_text("utf-8")
    values = ATTRIBUTE.findall(html)
    config = CONFIG.search(html)
    if config:
        values.append(json.loads(config.group(1))["search"])
    here = posixpath.dirname(page.relative_to(site).as_posix())
    found = []
    for value in values:
        path = re.split(r"[?#]", value, maxsplit=1)[0]
        if "assets/" not in path or re.match(r"^[a-z]+:", path):
            continue
        # An absolute path is from the host's root, where the site is served in these tests.
        found.append(posixpath.normpath(path.lstrip("/") if path.startswith("/") else posixpath.join(here, path)))
    return found


def size_counting_duplicates(site: Path) -> int:
    """What a host counts: every path's bytes, hard links as often as they appear."""
    return sum(os.lstat(os.path.join(d, f)).st_size for d, _, files in os.walk(site) for f in files)


def shared_trees(site: Path) -> list[str]:
    folder = site / "assets"
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []
