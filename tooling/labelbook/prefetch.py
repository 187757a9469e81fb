"""Reading a large tree: the parse cache asked once for all its files, and what it does
not hold read on two cores, half of it by a forked child.

Reading (decoding, parsing, validating) a file is independent of every other file, and
on a first run it is most of the time of `check`, `quiz` or `changelog`. Before the
loader walks a large tree, a forked child reads about half of the files the cache does
not hold while this process reads the rest. The child hands over what it read as the
cache stores it (the data of clean files, marshalled: no positions, nothing pickled),
takes this process's half in return, and writes both to the cache while this process
goes on (`labelbook` waits for it before it exits); the loader finds the child's files
among what was handed over. A file the child could not hand over (one with a problem of
its own) is simply read again by the loader, which reports it as always.

Only with the cache on, a second core, enough files to be worth a process, and a single
thread (forking a process with threads is unsafe: `mkdocs serve` runs its server in one).
"""

from __future__ import annotations

import contextlib
import marshal
import os
import sys
import threading
from collections.abc import Collection
from typing import BinaryIO, NoReturn

from . import filecache, parsecache
from .layout import read_as
from .sources import MAX_BYTES, Source

#: (kind, is Markdown, path, key in the parse cache)
_Job = tuple[str, bool, str, bytes]
#: Below this many files a tree reads in a fraction of a second; a process is not worth it.
MIN_FILES = 400


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))  # what this process may use, as in a CI container
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def can_fork() -> bool:
    """A second core, and no other thread that a fork could catch holding a lock."""
    return hasattr(os, "fork") and cores() > 1 and threading.active_count() == 1


def prefetch(source: Source, files: list[str], languages: Collection[str] | None = None) -> int:
    """Look up `files` in the parse cache at once, and read those it does not hold on two
    cores. Returns how many files the child process read (0 when it did not run)."""
    parsecache.reap()
    jobs = [job for path in files if (job := _job(path, languages)) is not None]
    if len(jobs) < MIN_FILES or not parsecache.enabled():
        return 0
    keyed: list[_Job] = []
    for kind, markdown, path in jobs:
        if _size(source, path) > MAX_BYTES:
            continue
        data = source.read(path)  # a git tree reads every blob at once, here: for both processes
        if filecache.known(kind, path, data, markdown=markdown):
            continue  # read by this process already (the release before, in a changelog)
        key = filecache.cache_key(kind, path, data, markdown=markdown)
        if key is not None:
            keyed.append((kind, markdown, path, key))
    stored = parsecache.look_up([job[3] for job in keyed])
    todo = [job for job in keyed if job[3] not in stored]
    if len(todo) < MIN_FILES or not can_fork():
        return 0
    theirs, ours = _halves(source, todo)
    parsecache.close()  # no database connection across a fork
    sys.stdout.flush()
    sys.stderr.flush()
    up_read, up_write = os.pipe()  # child -> parent
    down_read, down_write = os.pipe()  # parent -> child
    pid = os.fork()
    if pid == 0:  # the child
        os.close(up_read)
        os.close(down_write)
        _child(source, theirs, open(up_write, "wb", buffering=0), open(down_read, "rb", buffering=0))
    os.close(up_write)
    os.close(down_read)
    parsecache.adopt(pid)  # it writes the cache while this process goes on; reaped later
    # Whatever happens here, both pipes are closed on the way out: the child, finding
    # them closed, leaves instead of waiting for a reader.
    with open(up_read, "rb", buffering=0) as up, open(down_write, "wb", buffering=0) as down:
        _read(source, ours)
        try:
            parsecache.offer(marshal.loads(up.readall()))
        except (ValueError, EOFError, TypeError):  # the child failed: the loader reads its files
            return 0
        # Ours to the child too, which writes both halves to the cache after this process's
        # work (a tenth of a second less before the answer).
        try:
            _send(down, marshal.dumps(parsecache.pending()))
            down.close()
        except OSError:  # the child is gone: this process writes its own at the end of the load
            return len(theirs)
    parsecache.pending().clear()
    return len(theirs)


def _child(source: Source, jobs: list[_Job], up: BinaryIO, down: BinaryIO) -> NoReturn:
    """Read `jobs` and hand what they gave to the parent; then take the parent's half and
    store both in the cache while the parent goes on. Leave, whatever happens, without
    running the parent's cleanups or returning into its code."""
    code = 1
    try:
        with up, down:
            parsecache.forget()
            _read(source, jobs)
            _send(up, marshal.dumps(parsecache.pending()))
            up.close()
            handed = down.readall()
        with contextlib.suppress(ValueError, EOFError, TypeError):  # else the parent writes its own
            parsecache.pending().update(marshal.loads(handed))
        parsecache.flush()
        code = 0
    except BaseException:  # noqa: BLE001, S110 - the parent reads whatever it was not handed
        pass
    finally:
        os._exit(code)


def _send(pipe: BinaryIO, data: bytes) -> None:
    """Write all of `data` (an unbuffered write may take only part of it)."""
    view = memoryview(data)
    while view:
        view = view[pipe.write(view) or 0 :]


def _halves(source: Source, jobs: list[_Job]) -> tuple[list[_Job], list[_Job]]:
    """Two shares of about the same bytes (a Bengali file costs more than its English one)."""
    shares: tuple[list[_Job], list[_Job]] = ([], [])
    sizes = [0, 0]
    for job in jobs:
        lighter = 0 if sizes[0] <= sizes[1] else 1
        shares[lighter].append(job)
        sizes[lighter] += len(source.read(job[2]))
    return shares


def _job(path: str, languages: Collection[str] | None) -> tuple[str, bool, str] | None:
    """(kind, is Markdown, path) as the loader will read `path`, or None for a file that is
    not a guideline or example file (or a translation into a language not wanted)."""
    read = read_as(tuple(path.split("/")))
    if read is None:
        return None
    kind, markdown, lang = read
    if lang and languages is not None and lang not in languages:
        return None
    return kind, markdown, path


def _size(source: Source, path: str) -> int:
    return source.size(path) if hasattr(source, "size") else 0


def _read(source: Source, jobs: list[_Job]) -> None:
    for kind, markdown, path, _key in jobs:
        if markdown:
            filecache.read_markdown(kind, path, source.read(path))
        else:
            filecache.read_yaml(kind, path, source.read(path))
