"""A repository loaded again and again while someone edits it (`labelbook serve`).

Each refresh is a complete `check` of the working tree, so its model and problems are
exactly what `labelbook check` gives: no problem can be missed or left over by a
partial update. What makes it cheap is that nothing unchanged is read or parsed again:
- the bytes of a file are kept for as long as its `lstat` (size, times, inode) is the
  same, and a path the file watcher reports is read again whatever its stat says;
- parsing and schema validation are memoised by path and content (`core.filecache`).
What remains is building the model and running the checks: 0.6 s at 1,000 rules against
2.5 s for a cold `check` (benchmarks/serve_bench.py, on a shared 2-core machine). A save is
shown before that, from `quick` (`core.splice`); this check follows and has the last word.

Plain Python: nothing here knows MkDocs.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from labelbook.core.checks import check
from labelbook.core.loader import Loaded
from labelbook.core.model import Repo
from labelbook.core.problems import Problem
from labelbook.core.sources import WorkingTree
from labelbook.core.splice import splice

#: What identifies a version of a file on disk without reading it.
Stamp = tuple[int, int, int, int]


def stamp(st: os.stat_result) -> Stamp:
    return (st.st_mtime_ns, st.st_ctime_ns, st.st_size, st.st_ino)


class FileStore:
    """Bytes of the repository's files, each kept with the stamp it was read under."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._files: dict[str, tuple[Stamp, bytes]] = {}

    def get(self, path: str, current: Stamp) -> bytes | None:
        with self._lock:
            kept = self._files.get(path)
        return kept[1] if kept is not None and kept[0] == current else None

    def put(self, path: str, current: Stamp, data: bytes) -> None:
        with self._lock:
            self._files[path] = (current, data)

    def forget(self, paths: Iterable[str] | None = None) -> None:
        """Read `paths` (None: every file) from disk at their next use."""
        with self._lock:
            if paths is None:
                self._files.clear()
            for path in paths or ():
                self._files.pop(path, None)

    def keep_only(self, paths: Iterable[str]) -> None:
        """Drop the files that are gone, so that a long session does not grow."""
        wanted = set(paths)
        with self._lock:
            self._files = {p: v for p, v in self._files.items() if p in wanted}


class LiveTree(WorkingTree):
    """The working tree, with the bytes of unchanged files taken from a `FileStore`.

    Listing, links and special files are handled by `WorkingTree` exactly as for `check`;
    only where the bytes come from differs.
    """

    def __init__(self, root: Path, store: FileStore) -> None:
        super().__init__(root)
        self.store = store
        self.stamps: dict[str, Stamp] = {}
        #: what this load read, by path
        self.data: dict[str, bytes] = {}

    def size(self, path: str) -> int:
        st = os.lstat(os.path.join(self.root, path))
        self.stamps[path] = stamp(st)
        return st.st_size

    def read(self, path: str) -> bytes:
        current = self.stamps.get(path)
        if current is None:
            current = self.stamps[path] = stamp(os.lstat(os.path.join(self.root, path)))
        data = self.store.get(path, current)
        if data is None:
            data = super().read(path)
            self.store.put(path, current, data)
        self.data[path] = data
        return data


@dataclass
class Refresh:
    """One load of the working tree."""

    loaded: Loaded
    #: the files under the content folders the load saw (`Source.files`)
    files: list[str] = field(default_factory=list)
    #: files read with other bytes than by the load before, or read by only one of the
    #: two (added, removed); None for the first load
    changed: set[str] | None = None

    @property
    def repo(self) -> Repo | None:
        return self.loaded.repo

    @property
    def errors(self) -> list[Problem]:
        return self.loaded.errors


class Reloader:
    """Loads and checks the working tree of `root` again on request, reading only what changed."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.store = FileStore()
        self._read: dict[str, bytes] | None = None

    def refresh(self, changed: Iterable[str] | None = None) -> Refresh:
        """Load and check the working tree. `changed`: repository-relative paths known to have
        changed (a file watcher's report), read again whatever their stat says; None when
        unknown, and then every file is read again."""
        self.store.forget(None if changed is None else set(changed))
        tree = LiveTree(self.root, self.store)
        loaded = check(tree)
        files = tree.files()
        self.store.keep_only(set(files) | set(tree.stamps))
        before, self._read = self._read, tree.data
        differ = None
        if before is not None:
            # An unchanged file comes back from the store as the very same bytes object.
            differ = {p for p in before.keys() | tree.data.keys() if before.get(p) is not tree.data.get(p) and before.get(p) != tree.data.get(p)}
        return Refresh(loaded, files, differ)

    def quick(self, repo: Repo, changed: Iterable[str]) -> Repo | None:
        """`repo` with the units of the `changed` files read again (`core.splice`), or None when
        only `refresh` can tell; `refresh` must follow either way, for the problems."""
        paths = set(changed)
        self.store.forget(paths)
        return splice(repo, LiveTree(self.root, self.store), paths)
