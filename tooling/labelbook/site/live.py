"""`labelbook serve`: a live preview that shows a save within a second.

One process keeps everything warm: the checked repository (`core.reload`) and MkDocs' state
of every language's site (`site.live_site`). The web server (`site.live_server`) runs in a
thread of its own and never waits for a build; the builder (`site.live_preview`) runs in
the main thread, which Ctrl-C (and SIGTERM) stop between two steps. This module starts
them, and keeps the sites in a folder of the session outside the repository.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import signal
import tempfile
import threading
from pathlib import Path
from typing import Callable, Iterable, Iterator

import yaml

from labelbook.core.model import Repo
from labelbook.core.problems import UsageError
from labelbook.site.live_preview import CONFIG_NAME, Preview
from labelbook.site.live_server import LiveState, make_server
from labelbook.site.safe_config import check_config

log = logging.getLogger("mkdocs.plugins.labelbook")

DEFAULT_ADDRESS = "127.0.0.1:8000"
_SESSION_PREFIX = "labelbook-serve-"


def parse_address(text: str) -> tuple[str, int]:
    """'IP:PORT' ('[::1]:8000' for IPv6; port 0 takes a free one) -> (host, port)."""
    host, sep, port = text.rpartition(":")
    host = host[1:-1] if host.startswith("[") and host.endswith("]") else host
    if not sep or not host or not port.isdigit() or int(port) > 65535:
        raise UsageError(f"-a {text}: expected IP:PORT, such as 127.0.0.1:8000 (port 0 takes a free one)")
    return host, int(port)


def serve(root: Path, address: str | None, allow_plugins: Iterable[str], minimal_config: Callable[[Path, Repo], str]) -> None:
    """Serve the preview of `root` until interrupted. `minimal_config` writes the mkdocs.yml
    used when the repository has none (`site.build.minimal_config`)."""
    root = Path(root).resolve()
    host, port = parse_address(address or _configured_address(root, allow_plugins) or DEFAULT_ADDRESS)
    state = LiveState()
    try:
        server = make_server((host, port), state)
    except OSError as exc:
        raise UsageError(f"cannot serve on {host}:{port} ({exc.strerror or exc}); choose another address with -a IP:PORT") from None
    url = f"http://{'[' + host + ']' if ':' in host else host}:{server.server_address[1]}/"
    threading.Thread(target=server.serve_forever, name="labelbook-serve", daemon=True).start()
    log.info(f"Serving on {url}")
    with _session() as session:
        preview = Preview(root, session, url, state, list(allow_plugins), minimal_config)
        try:
            with _stopped_by_signals(preview.stop):
                preview.run()
        except KeyboardInterrupt:
            pass  # a second Ctrl-C: stopped where it was
        finally:
            log.info("Shutting down...")
            server.shutdown()
            server.server_close()
            preview.close()


def _configured_address(root: Path, allow_plugins: Iterable[str]) -> str | None:
    """mkdocs.yml's `dev_addr`, as `mkdocs serve` would use it (when mkdocs.yml is safe to read)."""
    path = root / CONFIG_NAME
    if not path.is_file() or check_config(root, allow_plugins):
        return None
    try:
        value = yaml.safe_load(path.read_bytes())
    except (yaml.YAMLError, OSError):
        return None
    address = value.get("dev_addr") if isinstance(value, dict) else None
    return address if isinstance(address, str) else None


@contextlib.contextmanager
def _session() -> Iterator[Path]:
    """A folder for the preview's sites, outside the repository; a killed session's folder
    is removed by the next one."""
    base = Path(tempfile.gettempdir())
    for old in base.glob(f"{_SESSION_PREFIX}*"):
        pid = old.name[len(_SESSION_PREFIX) :].split("-", 1)[0]
        if pid.isdigit() and (old / ".labelbook-serve").is_file() and not _alive(int(pid)):
            shutil.rmtree(old, ignore_errors=True)
    folder = Path(tempfile.mkdtemp(prefix=f"{_SESSION_PREFIX}{os.getpid()}-"))
    (folder / ".labelbook-serve").write_text("a labelbook serve session: removed when it ends\n", encoding="utf-8")
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@contextlib.contextmanager
def _stopped_by_signals(stop: Callable[[], None]) -> Iterator[None]:
    """Ctrl-C and SIGTERM stop the preview after the step it is at, its folder removed.

    Not by raising KeyboardInterrupt wherever the builder happens to be: an exception
    raised between taking a lock and the `try` that releases it leaves the lock taken, and
    the server then waited for it forever. A second signal does raise, to stop at once.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    asked: list[int] = []

    def handler(signum: int, frame: object) -> None:
        if asked:
            raise KeyboardInterrupt
        asked.append(signum)
        log.info("Stopping after the current step (Ctrl-C again stops at once)")
        stop()

    previous = {sig: signal.signal(sig, handler) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)
