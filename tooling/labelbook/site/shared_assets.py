"""One copy of the assets for every version of a versioned site (`build --versions`).

MkDocs gives every site it builds its own `assets/` tree: Material's bundles, its search
worker and lunr's languages (our Bengali one among them), the favicon, and labelbook's CSS,
scripts and Bengali font. A versioned site is one MkDocs site per version and language, so
it carried 5 MB of the same bytes per version and language: two hundred releases made a
site larger than GitHub Pages publishes. Here each of those trees is moved to
`SITE/assets/<hash>/` and the pages are pointed there:

- a tree moves whole, so the references inside it stay right (the CSS's fonts, the lunr
  files the search worker loads from beside itself, source maps);
- `<hash>` is of every file in the tree, its path and its bytes: any change gives a new
  name, so a browser or a host never serves an old file under it, and a version built by
  other tools (an older labelbook or Material) gets a tree of its own next to the others;
- every `href` and `src` of a page that leads into the tree, and Material's search worker in
  the page's `__config`, are rewritten relative to the page (absolute ones, as MkDocs writes
  them in 404 pages, to the site's root path).

A tree that holds a page (an area called `assets`) stays where it is: a page of a version
must stay in the version.
"""

from __future__ import annotations

import hashlib
import json
import os
import posixpath
import re
import shutil
from pathlib import Path

#: Folder of the site root that holds the shared trees, each named by its hash.
SHARED_DIR = "assets"
_HASH_LENGTH = 16

#: An href or src that may lead into an assets folder (the others are most of a page's links).
_ATTRIBUTE = re.compile(r'(\s(?:href|src)=")([^"]*assets/[^"]*)"')
_ANY_ATTRIBUTE = re.compile(r'(\s(?:href|src)=")([^"]*)"')
_CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.DOTALL)
_ABSOLUTE_BASE = re.compile(r'"base":\s*"/')
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def tree_files(folder: Path) -> list[tuple[str, Path]]:
    """(path relative to `folder`, file) of every file of a tree, in a stable order; links left out."""
    found: list[tuple[str, Path]] = []
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = [d for d in dirnames if not os.path.islink(os.path.join(dirpath, d))]
        for name in filenames:
            path = Path(dirpath, name)
            if not path.is_symlink():
                found.append((path.relative_to(folder).as_posix(), path))
    return sorted(found)


def tree_hash(files: list[tuple[str, Path]]) -> str:
    digest = hashlib.sha256()
    for rel, path in files:
        digest.update(rel.encode("utf-8", "surrogateescape") + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:_HASH_LENGTH]


def language_roots(version_dir: Path) -> list[str]:
    """The site roots in a version folder that still have their own assets: '' (the source
    language) and '<lang>/' for each translated site, by what MkDocs writes at a site's root."""
    candidates = [""] + sorted(e.name + "/" for e in os.scandir(version_dir) if e.is_dir(follow_symlinks=False))
    return [r for r in candidates if _is_site_root(version_dir / r)]


def _is_site_root(folder: Path) -> bool:
    return (folder / "assets").is_dir() and (folder / "404.html").is_file() and (folder / "sitemap.xml").is_file()


def share(site: Path, version: str) -> dict[str, str]:
    """Move the assets of each site root of `site/<version>` into `site/assets/<hash>/` (or
    drop them when that tree is there already) and point the pages there.

    Returns {site root: hash}. Pages are written anew (never in place), so a page hard
    linked from the previous site is left as it was there.
    """
    version_dir = site / version
    roots = language_roots(version_dir)
    hashes: dict[str, str] = {}
    for root in roots:
        tree = version_dir / root / "assets"
        files = tree_files(tree)
        if any(rel.endswith(".html") for rel, _ in files):
            continue
        digest = tree_hash(files)
        shared = site / SHARED_DIR / digest
        if shared.is_dir():
            shutil.rmtree(tree)
        else:
            shared.parent.mkdir(exist_ok=True)
            tree.rename(shared)
        hashes[root] = digest
    for root, digest in hashes.items():
        nested = [version_dir / r for r in roots if r and r != root] if root == "" else []
        old = f"{version}/{root}assets/"
        for page in _pages(version_dir / root, nested):
            # Latin-1 maps each byte to one character and back: what is rewritten is ASCII, the
            # rest keeps its bytes, and nothing spends time decoding UTF-8 (a third of the work).
            text = page.read_bytes().decode("latin-1")
            new = retarget(text, page.relative_to(site).as_posix(), old, f"{SHARED_DIR}/{digest}/", root)
            if new != text:
                _replace(page, new.encode("latin-1"))
    return hashes


def _pages(folder: Path, skip: list[Path]) -> list[Path]:
    found = []
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = [d for d in dirnames if Path(dirpath, d) not in skip and not os.path.islink(os.path.join(dirpath, d))]
        found += [Path(dirpath, n) for n in filenames if n.endswith(".html")]
    return found


def _replace(page: Path, data: bytes) -> None:
    tmp = page.with_name(f".{page.name}.labelbook-new")
    tmp.write_bytes(data)
    os.replace(tmp, page)


def retarget(html: str, page: str, old: str, new: str, lang_root: str = "") -> str:
    """`html` of the page at site path `page`, with every reference into the folder `old`
    (a site path ending in 'assets/') leading to the same file in `new` instead.

    A page with an absolute base (a 404 page: a host serves it at any address) addresses
    everything from its site's root, as if that were the root of the host: it is given the
    root of its own version and language instead, so that its links, its search and its
    assets are found when the versioned site is served at that root.
    """
    page_dir = posixpath.dirname(page)
    absolute = _absolute_base(html, lang_root)
    own_root = old[: -len("assets/")]

    def moved(value: str) -> str:
        if not value or value.startswith(("#", "//")) or _SCHEME.match(value):
            return value
        cut = min((i for i in (value.find("?"), value.find("#")) if i >= 0), default=len(value))
        path, tail = value[:cut], value[cut:]
        if path.startswith("/"):
            if absolute is None or not path.startswith(absolute[0]):
                return value
            base, site_root = absolute
            rest = path[len(base) :]
            return site_root + (new + rest[len("assets/") :] if rest.startswith("assets/") else own_root + rest) + tail
        resolved = posixpath.normpath(posixpath.join(page_dir, path))
        if not (resolved + "/").startswith(old):
            return value
        target = new + resolved[len(old) :]
        out = posixpath.relpath(target, page_dir or ".")
        return out + ("/" if path.endswith("/") and not out.endswith("/") else "") + tail

    attributes = _ANY_ATTRIBUTE if absolute else _ATTRIBUTE
    html = attributes.sub(lambda m: f'{m.group(1)}{moved(m.group(2))}"', html)

    def config(m: re.Match[str]) -> str:
        try:
            data = json.loads(m.group(2))
        except ValueError:
            return m.group(0)
        if not isinstance(data, dict):
            return m.group(0)
        changed = {k: moved(data[k]) for k in ("base", "search") if isinstance(data.get(k), str) and (k == "search" or absolute)}
        changed = {k: v for k, v in changed.items() if v != data[k]}
        body = m.group(2)
        for key, value in changed.items():
            # Only these values change: the rest of the JSON keeps its bytes.
            body, n = re.subn(rf'("{key}":\s*)"[^"\\]*"', rf"\g<1>{_escaped(json.dumps(value))}", body, count=1)
            if n == 0:
                return m.group(1) + _script_json({**data, **changed}) + m.group(3)
        return m.group(1) + body + m.group(3)

    return _CONFIG.sub(config, html, count=1)


def name_alias(site: Path, version: str, alias: str) -> None:
    """The 404 pages of `site/<alias>/`, a copy of `site/<version>/` (latest/), made to lead
    into the alias: a link from one version into another is the version selector's to take
    (Material sends the reader to that version's home page)."""
    for page in [site / alias / "404.html", *sorted((site / alias).glob("*/404.html"))]:
        if not page.is_file():
            continue
        text = page.read_bytes().decode("latin-1")
        m = _CONFIG.search(text)
        base = _absolute_base(text, "")
        if m is None or base is None or f"/{version}/" not in base[0]:
            continue
        old = base[0][: base[0].index(f"/{version}/") + 1] + version + "/"
        _replace(page, _rebased(text, old, old[: -len(version) - 1] + alias + "/").encode("latin-1"))


def _rebased(html: str, old: str, new: str) -> str:
    """`html` with every href, src and base that starts with `old` starting with `new` instead."""
    html = _ANY_ATTRIBUTE.sub(lambda a: a.group(1) + (new + a.group(2)[len(old) :] if a.group(2).startswith(old) else a.group(2)) + '"', html)
    base = re.compile(r'("base":\s*")' + re.escape(old))
    return _CONFIG.sub(lambda c: c.group(1) + base.sub(lambda b: b.group(1) + new, c.group(2), count=1) + c.group(3), html, count=1)


def _escaped(replacement: str) -> str:
    """`replacement` for re.sub, as it is (a path may hold a backslash escape of JSON)."""
    return replacement.replace("\\", "\\\\")


def _script_json(data: dict) -> str:
    """JSON that cannot end its <script> element, as Jinja's `tojson` writes it; other
    characters as they are, so that text read as Latin-1 is written back as it was."""
    return json.dumps(data, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026").replace("'", "\\u0027")


def _absolute_base(html: str, lang_root: str) -> tuple[str, str] | None:
    """(the page's base, the site's root path) when the page has an absolute base, as MkDocs'
    404 pages do (`"base": "/"`, or site_url's path); a translated site's base ends with its
    language folder, which the shared trees are not under."""
    m = _CONFIG.search(html)
    if m is None or not _ABSOLUTE_BASE.search(m.group(2)):
        return None
    try:
        base = json.loads(m.group(2)).get("base")
    except (ValueError, AttributeError):
        return None
    if not isinstance(base, str) or not base.startswith("/"):
        return None
    base = base.rstrip("/") + "/"
    if lang_root and base.endswith("/" + lang_root):
        return base, base[: -len(lang_root)]
    return base, base
