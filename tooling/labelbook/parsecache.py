"""What reading a clean guideline file gave, kept on disk between runs.

Reading a large repository is mostly parsing YAML: 10,000 examples in two languages
are ~30 MB and ~450,000 values, which libyaml and the checks take over a second to read,
on every `check`, `quiz`, `changelog` and build. Between two runs nearly every file is
the same, byte for byte, so what its reading gave is kept here, keyed by a hash of:

- labelbook's own code and schemas (another version, or an edited checkout, never
  sees entries it did not write),
- what the file is read as (kind) and its path, and
- its exact bytes.

Only files that read cleanly (no problem of their own) are kept, and only their data
(and a Markdown body): a run that needs to point at a line reads that file again.
So a cached run reports exactly what an uncached one does.

The store is one SQLite file, `$LABELBOOK_CACHE_DIR` or `~/.cache/labelbook`
(`$XDG_CACHE_HOME/labelbook`), trimmed to `MAX_STORE_BYTES`, least recently used first. It
is a cache: when it cannot be opened, read or written (read-only home, a full disk,
another process holding it, a damaged file), labelbook reads the files as if it were
empty and says nothing. `LABELBOOK_NO_CACHE=1` or `labelbook --no-cache` turns it off.
"""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import marshal
import os
import sqlite3
import time
from importlib import resources
from pathlib import Path
from typing import Any

#: Past this size the least recently used entries go. A release of a 10,000-example
#: repository in two languages takes ~37 MB; a release adds only its changed files.
MAX_STORE_BYTES = 512 * 1024 * 1024
#: Entries unused for this many days go.
MAX_AGE_DAYS = 60

_FILE_NAME = "parsed-v1.sqlite3"
_enabled = os.environ.get("LABELBOOK_NO_CACHE", "") in ("", "0")


def enabled() -> bool:
    return _enabled and not _store.failed


def disable() -> None:
    """Read every file afresh for the rest of this process (`labelbook --no-cache`)."""
    global _enabled
    _enabled = False
    _store.close()


def cache_dir() -> Path:
    """Where the store is. OSError when there is no home to put it in (a container
    without HOME): never a folder called "~" in the guideline repository."""
    if os.environ.get("LABELBOOK_CACHE_DIR"):
        return Path(os.environ["LABELBOOK_CACHE_DIR"])
    if os.environ.get("XDG_CACHE_HOME"):
        return Path(os.environ["XDG_CACHE_HOME"]) / "labelbook"
    home = os.path.expanduser("~")
    if home.startswith("~"):
        raise OSError("no home folder for the parse cache")
    return Path(home) / ".cache" / "labelbook"


def _code_hash() -> bytes:
    """A hash of labelbook's own Python files and schemas: what decides how a file is read."""
    h = hashlib.blake2b(digest_size=16)
    package = Path(str(resources.files("labelbook")))
    for path in sorted(package.rglob("*.py")) + sorted((package / "schemas").glob("*.json")):
        h.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return h.digest()


class _Store:
    """The SQLite file, opened for one load and closed by `flush` (never kept open
    across a fork: the site build forks its Bengali half)."""

    def __init__(self) -> None:
        self._db: sqlite3.Connection | None = None
        self._salt: bytes | None = None
        self.failed = False
        self._new: dict[bytes, bytes] = {}
        self._touched: list[bytes] = []
        #: rows fetched by `look_up` (or handed over by `offer`) and not yet asked for; None: not stored
        self._looked_up: dict[bytes, tuple[bytes, int] | None] = {}
        #: child processes writing to the store (prefetch), not yet waited for
        self._writers: list[int] = []
        self._today = int(time.time() // 86400)

    def key(self, kind: str, path: str, data: bytes) -> bytes | None:
        if not _enabled or self.failed:
            return None
        if self._salt is None:
            try:
                self._salt = _code_hash()
            except OSError:
                self.failed = True
                return None
        h = hashlib.blake2b(self._salt, digest_size=20)
        h.update(f"{kind}\0{path}\0".encode("utf-8", "surrogateescape"))
        h.update(data)
        return h.digest()

    def _connect(self) -> sqlite3.Connection | None:
        if self._db is not None or self.failed:
            return self._db
        try:
            folder = cache_dir()
            folder.mkdir(parents=True, exist_ok=True)
            try:
                self._db = self._open(folder / _FILE_NAME)
            except sqlite3.DatabaseError as exc:
                if not _damaged(exc):  # locked by another run past the timeout...: not ours to touch
                    raise
                _remove(folder / _FILE_NAME)  # a damaged file: start afresh
                self._db = self._open(folder / _FILE_NAME)
        except (OSError, sqlite3.Error):
            self.failed = True
            self._db = None
        return self._db

    @staticmethod
    def _open(file: Path) -> sqlite3.Connection:
        db = sqlite3.connect(file, timeout=2.0, isolation_level=None, check_same_thread=False)
        try:
            db.execute("CREATE TABLE IF NOT EXISTS parsed (key BLOB PRIMARY KEY, value BLOB NOT NULL, used INTEGER NOT NULL) WITHOUT ROWID")
            # Readers and a writer side by side (WAL); if another process is switching it right
            # now, it stays as it is for this run.
            with contextlib.suppress(sqlite3.OperationalError):
                db.execute("PRAGMA journal_mode=WAL")
        except sqlite3.Error:
            db.close()
            raise
        return db

    def get(self, key: bytes) -> Any:
        """The stored value, or None."""
        if key in self._looked_up:
            row = self._looked_up.pop(key)
        else:
            db = self._connect()
            if db is None:
                return None
            try:
                row = db.execute("SELECT value, used FROM parsed WHERE key = ?", (key,)).fetchone()
            except sqlite3.Error as exc:
                self._fail(exc)
                return None
        if row is None:
            return None
        try:
            value = marshal.loads(row[0])
        except (ValueError, EOFError, TypeError):
            return None
        if row[1] != self._today:
            self._touched.append(key)
        return value

    def look_up(self, keys: list[bytes]) -> set[bytes]:
        """Fetch many keys at once (a query per 500, not per file) for the `get`s to come.
        Returns the keys that are stored."""
        db = self._connect()
        found: set[bytes] = set()
        if db is None:
            return found
        try:
            for i in range(0, len(keys), 500):
                chunk = keys[i : i + 500]
                self._looked_up.update(dict.fromkeys(chunk))
                rows = db.execute(f"SELECT key, value, used FROM parsed WHERE key IN ({','.join('?' * len(chunk))})", chunk)
                for key, value, used in rows:
                    self._looked_up[key] = (value, used)
                    found.add(key)
        except sqlite3.Error as exc:
            self._looked_up.clear()
            self._fail(exc)
            return set()
        return found

    def put(self, key: bytes, value: Any) -> None:
        if self._db is None and not self.failed:
            self._connect()
        if not self.failed:
            self._new[key] = marshal.dumps(value)

    def flush(self) -> None:
        """Write what this load read afresh, mark what it reused, trim; then close."""
        db, new, touched = self._db, self._new, self._touched
        self._new, self._touched = {}, []
        self._looked_up.clear()
        if db is None:
            return
        try:
            if new or touched:
                db.execute("BEGIN IMMEDIATE")
                db.executemany("INSERT OR REPLACE INTO parsed VALUES (?, ?, ?)", [(k, v, self._today) for k, v in new.items()])
                db.executemany("UPDATE parsed SET used = ? WHERE key = ?", [(self._today, k) for k in touched])
                if new:
                    self._trim(db)
                db.execute("COMMIT")
        except sqlite3.Error as exc:  # locked by another run past the timeout, disk full...: keep nothing
            with contextlib.suppress(sqlite3.Error):
                db.execute("ROLLBACK")
            if _damaged(exc):
                self._fail(exc)
        self.close()

    def _trim(self, db: sqlite3.Connection) -> None:
        db.execute("DELETE FROM parsed WHERE used < ?", (self._today - MAX_AGE_DAYS,))
        page_size = db.execute("PRAGMA page_size").fetchone()[0]
        live = db.execute("PRAGMA page_count").fetchone()[0] - db.execute("PRAGMA freelist_count").fetchone()[0]
        if live * page_size > MAX_STORE_BYTES:
            count = db.execute("SELECT COUNT(*) FROM parsed").fetchone()[0]
            db.execute("DELETE FROM parsed WHERE key IN (SELECT key FROM parsed ORDER BY used LIMIT ?)", (max(1, count // 4),))

    def pending(self) -> dict[bytes, bytes]:
        """What `flush` would write: key -> marshalled value."""
        return self._new

    def offer(self, entries: dict[bytes, bytes]) -> None:
        """Entries read by another process (prefetch), for the `get`s to come; that
        process stores them."""
        for key, value in entries.items():
            if isinstance(key, bytes) and isinstance(value, bytes):
                self._looked_up[key] = (value, self._today)

    def adopt(self, pid: int) -> None:
        """A child process that writes to the store; `reap` waits for it."""
        self._writers.append(pid)

    def reap(self, *, wait: bool = False) -> None:
        """Collect the writers that are done (with `wait`: all of them)."""
        still = []
        for pid in self._writers:
            try:
                done, _ = os.waitpid(pid, 0 if wait else os.WNOHANG)
            except ChildProcessError:  # collected by someone else
                continue
            if not done:
                still.append(pid)
        self._writers = still

    def forget(self) -> None:
        """In a forked child: drop what the parent opened and gathered, without closing it."""
        self._db = None
        self._new, self._touched = {}, []
        self._writers = []

    def _fail(self, exc: sqlite3.Error) -> None:
        """Stop using the store for this process; a damaged one is removed, so that the
        next run starts a new one."""
        self.close()
        self.failed = True
        if _damaged(exc):
            with contextlib.suppress(OSError):
                _remove(cache_dir() / _FILE_NAME)

    def close(self) -> None:
        if self._db is not None:
            try:
                self._db.close()
            except sqlite3.Error:
                pass
        self._db = None


def _damaged(exc: sqlite3.Error) -> bool:
    """The file is not a database, or a damaged one (not: locked, full, read-only...)."""
    code = getattr(exc, "sqlite_errorcode", None)  # Python 3.11+
    if code is not None:
        return code in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)
    return type(exc) is sqlite3.DatabaseError


def _remove(file: Path) -> None:
    for path in (file, file.with_name(file.name + "-wal"), file.with_name(file.name + "-shm")):
        path.unlink(missing_ok=True)


_store = _Store()
key = _store.key
get = _store.get
put = _store.put
flush = _store.flush
forget = _store.forget
close = _store.close
pending = _store.pending
offer = _store.offer
adopt = _store.adopt
reap = _store.reap
atexit.register(reap, wait=True)  # `labelbook` itself calls it before its quick exit
look_up = _store.look_up
