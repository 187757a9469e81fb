"""The output folder: the one place `labelbook build` writes (SPEC §3).

A site folder is replaced whole, so it must be one labelbook may replace: new, empty, or a
site labelbook wrote (it holds MARKER), and never the repository, a folder above it, the
home folder, git's folder or a content folder, whatever they hold. A site is built into a
temporary folder beside its target and swapped in only when complete, so a failed or
killed build leaves the previous site whole; what a killed build left beside the target
is cleared by the next build into it.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import stat
import tempfile
import uuid
from pathlib import Path
from typing import Iterator

from labelbook.core.problems import UsageError

try:  # locks a temporary folder while its build runs, so that no other build clears it
    import fcntl
    import pwd
except ImportError:  # pragma: no cover - not on Windows: stale folders are cleared regardless
    fcntl = pwd = None  # type: ignore[assignment]

#: At the top of every site labelbook writes: a folder holding it may be replaced whole.
MARKER = ".labelbook-site"
#: Its first line, which is what is checked (the rest may change between versions).
_MARKER_LINE = "This folder is a site written by labelbook.\n"
_MARKER_TEXT = _MARKER_LINE + "`labelbook build` deletes it and writes it again whole: keep nothing else in it.\n"
#: The folders of a guideline repository that hold its sources.
CONTENT_FOLDERS = ("guidelines", "examples", "schemas", "locales")
#: In a temporary folder: the paths (relative to the target) that a build moved into it from
#: the previous site (`site.reuse`), put back by `clear_stale` when that build was killed.
MOVED = ".labelbook-moved.json"


def site_folder(root: Path, site_dir: Path, docs_dir: Path | None = None) -> Path:
    """`site_dir`, links resolved, when labelbook may replace it; else a UsageError saying why."""
    root = Path(root).resolve()
    target = Path(os.path.abspath(site_dir)).resolve()
    why = _never(root, target)
    if why is None and docs_dir is not None:
        docs = Path(docs_dir).resolve()
        if docs.is_relative_to(target) or target.is_relative_to(docs):
            why = f"holds the pages' sources ({docs}) or is inside them"
    if why is not None:
        raise UsageError(f"{target}: {why}, and a build replaces its site folder whole; name a new folder for the site, such as {root / 'site'}")
    if not target.exists():
        return target
    if not target.is_dir():
        raise UsageError(f"{target}: exists and is not a folder; name a new or empty folder for the site")
    try:
        empty = not os.listdir(target)
    except OSError as exc:
        raise UsageError(f"{target}: cannot be read ({exc.strerror})") from None
    if not (empty or is_labelbook_site(target)):
        raise UsageError(
            f"{target}: holds files labelbook did not write (there is no {MARKER} in it), and a build replaces its site "
            "folder whole; name an empty or new folder, or delete this one yourself (a site written by an earlier "
            "labelbook has no marker either: delete it once)"
        )
    return target


def _never(root: Path, target: Path) -> str | None:
    """Why `target` may never be a site folder, whatever it holds."""
    if target == root:
        return "is the guideline repository itself"
    if root.is_relative_to(target):
        return "holds the guideline repository"
    for home in _homes():
        if target == home:
            return "is your home folder"
        if home.is_relative_to(target):
            return "holds your home folder"
    if any(part.casefold() == ".git" for part in target.parts) or any(target.is_relative_to(g) for g in _git_dirs(root)):
        return "is git's own folder (.git) or inside it"
    for name in CONTENT_FOLDERS:
        if any(target.is_relative_to(folder) for folder in {root / name, (root / name).resolve()}):
            return f"is the repository's {name}/ folder or inside it"
    return None


def _homes() -> set[Path]:
    """The home folder by $HOME and by the password database (a build may run with HOME changed)."""
    homes = {os.environ.get("HOME", "")}
    with contextlib.suppress(KeyError, OSError, AttributeError):
        homes.add(pwd.getpwuid(os.getuid()).pw_dir)
    return {Path(h).resolve() for h in homes if h and os.path.isabs(h)}


def _git_dirs(root: Path) -> list[Path]:
    """Git's folder of `root` where `.git` is a file naming it (a worktree or a submodule)."""
    with contextlib.suppress(OSError, UnicodeDecodeError):
        text = (root / ".git").read_text("utf-8") if (root / ".git").is_file() else ""
        if text.startswith("gitdir:"):
            return [(root / text[7:].strip()).resolve()]
    return []


def is_labelbook_site(folder: Path) -> bool:
    """True when `folder` holds labelbook's marker, a plain file (not a link to one)."""
    marker = folder / MARKER
    try:
        if not stat.S_ISREG(os.lstat(marker).st_mode):
            return False
        with open(marker, "rb") as f:
            return f.read(len(_MARKER_LINE)) == _MARKER_LINE.encode()
    except OSError:
        return False


def write_marker(folder: Path) -> None:
    (folder / MARKER).write_text(_MARKER_TEXT, encoding="utf-8")


def _stale_names(name: str) -> re.Pattern[str]:
    """The names of the temporary folders of builds into a folder called `name` (see below)."""
    return re.compile(rf"\.{re.escape(name)}\.(?:old-)?[a-z0-9_]{{8}}\.labelbook-tmp")


@contextlib.contextmanager
def temporary_folder(target: Path) -> Iterator[Path]:
    """A new folder beside `target` to build into, locked while the build runs.

    First it clears what a killed build into `target` left beside it; the folder is
    removed on the way out unless it was swapped into `target`.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    clear_stale(target)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".labelbook-tmp", dir=target.parent))
    # mkdtemp makes the folder 0700; a site is to be read by a web server like any folder.
    os.chmod(tmp, 0o777 & ~_umask())
    lock = _lock(tmp)
    try:
        yield tmp
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
        if lock is not None:
            os.close(lock)


def clear_stale(target: Path) -> None:
    """Remove the temporary folders killed builds into `target` left beside it.

    Only folders named as labelbook names them, beside `target`, and not locked by a build
    still running. A build killed between the two renames of `swap` left the previous
    site aside and none at `target`: it is put back first.
    """
    pattern = _stale_names(target.name)
    try:
        stale = [target.parent / n for n in os.listdir(target.parent) if pattern.fullmatch(n)]
    except OSError:
        return
    stale = [p for p in stale if p.is_dir() and not p.is_symlink() and not _in_use(p)]
    aside = sorted((p for p in stale if ".old-" in p.name and is_labelbook_site(p)), key=lambda p: p.stat().st_mtime)
    if aside and not target.exists() and not target.is_symlink():
        aside[-1].rename(target)
        stale.remove(aside[-1])
    for folder in stale:
        put_back(folder, target)
        shutil.rmtree(folder, ignore_errors=True)


def put_back(folder: Path, target: Path) -> None:
    """Move what a build took from the site `target` into its temporary `folder` (listed in
    MOVED there) back where it was, when the build stopped before its folder became the site."""
    try:
        names = json.loads((folder / MOVED).read_text("utf-8"))
    except (OSError, ValueError):
        return
    if not (isinstance(names, list) and is_labelbook_site(target)):
        return
    for name in names:
        if not isinstance(name, str) or name.startswith(("/", ".")) or ".." in name.split("/"):
            continue
        src, dst = folder / name, target / name
        if src.exists() and not dst.exists():
            dst.parent.mkdir(parents=True, exist_ok=True)
            src.rename(dst)


def _lock(folder: Path) -> int | None:
    if fcntl is None:
        return None
    fd = os.open(folder, os.O_RDONLY)
    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    return fd


def _in_use(folder: Path) -> bool:
    if fcntl is None:
        return False
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return False
    except OSError:
        return True
    finally:
        os.close(fd)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def swap(new: Path, target: Path) -> None:
    """Put the folder `new` in the place of `target`, with labelbook's marker in it.

    Two renames on the same file system: at every moment either the previous or the new
    site is complete at `target` (bar the instant between the renames, which the next
    build repairs: see `clear_stale`), and the previous one is deleted only after the new
    one is in place.
    """
    write_marker(new)
    if not target.exists():
        new.rename(target)
        return
    old = target.with_name(f".{target.name}.old-{uuid.uuid4().hex[:8]}.labelbook-tmp")
    target.rename(old)
    try:
        new.rename(target)
    except OSError:
        old.rename(target)
        raise
    shutil.rmtree(old, ignore_errors=True)
