"""The translated sites, built in forked processes while the source language builds.

A bilingual build is two MkDocs builds (see `translated.build_language`), each one Python
process's worth of CPU. On a machine with a second core the Bengali site is built at the
same time as the English one: the plugin starts it as soon as the repository and "What
changed" are loaded (`on_pre_build`), so that each process makes its own language's
pages; the child waits for the parent's go-ahead (`release`, once MkDocs has cleaned the
site folder) before it writes anything, and the parent waits for it in `on_post_build`.

`fork` (not spawn) because the child needs the parent's loaded repository, changelog and
configuration, and gets them for free, copy-on-write. Forking is only safe in a process
with a single thread: with any other thread running (`mkdocs serve`'s server, a test's
web server) the languages are built one after the other, in this process, as before.
"""

from __future__ import annotations

import gc
import os
import pickle
import sys
import threading
import traceback
from dataclasses import dataclass
from typing import Callable

from mkdocs.exceptions import PluginError


@dataclass
class Pending:
    """A translated site being built by a child process."""

    lang: str
    pid: int
    errors: int  # read end of the pipe the child reports a failure on
    go: int  # write end of the pipe that lets the child write into the site folder; -1 once used


def can_fork() -> bool:
    """A second core, and no other thread that a fork could catch holding a lock."""
    return hasattr(os, "fork") and len(os.sched_getaffinity(0)) > 1 and threading.active_count() == 1


def start(lang: str, build: Callable[[Callable[[], None]], None]) -> Pending:
    """Fork a process that runs `build(ready)`, the build of the `lang` site.

    `build` must call `ready()` before it writes into the site folder: it returns once the
    parent has called `release` (and fails if the parent stopped without it).
    """
    read, write = os.pipe()
    go_read, go_write = os.pipe()
    # The loaded repository stays alive in both processes: out of the collector's sight, a
    # collection in either does not write to every one of its objects, which would copy
    # each memory page of it into the child. Until the child ends (`finish`, `cancel`):
    # `build --versions` builds release after release in this process, and what one left
    # as garbage must not stay frozen.
    gc.freeze()
    sys.stdout.flush()
    sys.stderr.flush()  # or buffered output would be written twice, by both processes
    pid = os.fork()
    if pid == 0:  # the child: build, report, and leave without running the parent's cleanups
        os.close(read)
        os.close(go_write)
        code = 0
        try:
            build(lambda: _wait(go_read))
        except BaseException as exc:  # noqa: BLE001 - every failure goes back to the parent
            code = 1
            with os.fdopen(write, "wb") as pipe:
                pipe.write(_pickled(exc))
            write = -1
        finally:
            if write >= 0:
                os.close(write)
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)  # no atexit handlers: the temporary folders are the parent's
    os.close(write)
    os.close(go_read)
    return Pending(lang, pid, read, go_write)


def _wait(go: int) -> None:
    answer = os.read(go, 1)
    os.close(go)
    if answer != b"1":
        raise PluginError("labelbook: the build of the site stopped before this language's site could be written")


def release(pending: Pending) -> None:
    """Let the child write into the site folder (MkDocs has cleaned it)."""
    if pending.go >= 0:
        try:
            os.write(pending.go, b"1")
        except BrokenPipeError:
            pass  # the child has stopped already: `finish` reports why
        os.close(pending.go)
        pending.go = -1


def finish(pending: Pending) -> None:
    """Wait for the child; raise the exception it failed with (or a PluginError)."""
    release(pending)
    with os.fdopen(pending.errors, "rb") as pipe:
        report = pipe.read()
    _, status = os.waitpid(pending.pid, 0)
    gc.unfreeze()  # the child is gone: what `start` froze may be collected again
    if report:
        try:
            exc = pickle.loads(report)
        except Exception:  # noqa: BLE001 - an exception that does not unpickle: its text will do
            exc = PluginError(f"labelbook: the '{pending.lang}' site failed to build")
        raise exc
    if os.waitstatus_to_exitcode(status) != 0:
        raise PluginError(f"labelbook: the '{pending.lang}' site failed to build (exit status {os.waitstatus_to_exitcode(status)})")


def cancel(pending: Pending) -> None:
    """Stop a child whose parent build failed, so that it does not write into a removed folder."""
    import signal

    try:
        os.kill(pending.pid, signal.SIGTERM)
        os.waitpid(pending.pid, 0)
    except (ProcessLookupError, ChildProcessError):
        pass
    gc.unfreeze()
    os.close(pending.errors)
    if pending.go >= 0:
        os.close(pending.go)
        pending.go = -1


def _pickled(exc: BaseException) -> bytes:
    try:
        return pickle.dumps(exc)
    except Exception:  # noqa: BLE001 - not every exception pickles; keep its message and traceback
        text = "".join(traceback.format_exception_only(type(exc), exc)).strip()
        return pickle.dumps(PluginError(text))
