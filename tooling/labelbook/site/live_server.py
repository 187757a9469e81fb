"""The live preview's web server: the last good site, the problems over every page, and reloads.

A request never waits for a build. Pages are files the builder replaces atomically
(`live_mkdocs.write_atomic`), and a full rebuild is made in a folder of its own that
replaces the served one in one assignment; until the first build is done a page says so.

Into every HTML page the server adds (the files themselves are not changed):
- while the repository has errors, a banner listing them, one located line each, as
  `labelbook check` prints them; the page under it is the last one that built;
- a script that waits for the page to change and reloads it: the builder tells this
  server which pages it wrote (`LiveState.publish`), so a page reloads when it changed,
  and every page does when the problems change or the whole site was rebuilt.

`/.labelbook-live/status` says, as JSON, whether the site is ready, whether the builder is
busy, and how many errors the banner shows (the benchmark waits on it between saves).
"""

from __future__ import annotations

import json
import mimetypes
import posixpath
import socket
import threading
from collections import Counter
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, unquote, urlsplit

from labelbook.core.i18n import Translator
from labelbook.site.markup import tag, text

#: URL prefix of the server's own requests: a dot name, which no page of a site has.
LIVE = "/.labelbook-live/"
#: How long a reload request is held open before the browser asks again.
POLL_SECONDS = 25.0
#: Lines of the banner before "and N more".
SHOWN_PROBLEMS = 40


@dataclass
class Snapshot:
    root: Path | None
    problems: list[str]
    generation: int
    languages: tuple[str, ...]


@dataclass
class LiveState:
    """What the server shows, as the builder changes it; every change bumps `generation`."""

    root: Path | None = None  # the site folder; None until the first build is done
    problems: list[str] = field(default_factory=list)
    #: translation languages, whose pages are under /<lang>/ (the banner speaks theirs)
    languages: tuple[str, ...] = ()
    generation: int = 0
    #: generation at which each page (path in the site) last changed
    changed: dict[str, int] = field(default_factory=dict)
    #: generation at which every page must be reloaded
    everything: int = 0
    #: pages open in a browser now (path in the site -> how many), made again first
    watching: Counter[str] = field(default_factory=Counter)
    #: whether the builder has work to do (a build, pages, background work)
    busy: bool = True
    cond: threading.Condition = field(default_factory=threading.Condition)

    def publish(self, *, root: Path | None = None, pages: list[str] | None = None, problems: list[str] | None = None) -> None:
        """The new site folder (a full rebuild), pages rewritten in place, or new problems."""
        with self.cond:
            self.generation += 1
            if root is not None:
                self.root = root
                self.changed.clear()
                self.everything = self.generation
            for page in pages or ():
                self.changed[page] = self.generation
            if problems is not None and problems != self.problems:
                self.problems = problems
                self.everything = self.generation
            self.cond.notify_all()

    def snapshot(self) -> Snapshot:
        with self.cond:
            return Snapshot(self.root, list(self.problems), self.generation, self.languages)

    def wait(self, page: str, since: int, timeout: float) -> bool:
        """Whether `page` (a path in the site) should be reloaded, waiting up to `timeout`."""

        def stale() -> bool:
            return self.everything > since or self.changed.get(page, 0) > since

        with self.cond:
            self.watching[page] += 1
            try:
                return self.cond.wait_for(stale, timeout=timeout)
            finally:
                self.watching[page] -= 1
                if self.watching[page] <= 0:
                    del self.watching[page]

    def status(self) -> dict[str, object]:
        """What `/.labelbook-live/status` says: for scripts and editors that wait for the preview."""
        with self.cond:
            return {"generation": self.generation, "ready": self.root is not None, "busy": self.busy, "errors": len(self.problems)}

    def viewed(self) -> set[str]:
        """The pages (paths in the site) a browser shows now."""
        with self.cond:
            return set(self.watching)


class _Server6(ThreadingHTTPServer):
    address_family = socket.AF_INET6


def make_server(address: tuple[str, int], state: LiveState) -> ThreadingHTTPServer:
    """A server of `state` bound to `address` (an OSError when it cannot be)."""
    server = (_Server6 if ":" in address[0] else ThreadingHTTPServer)(address, _Handler)
    server.daemon_threads = True
    server.state = state  # type: ignore[attr-defined]
    return server


def site_path(url_path: str) -> str | None:
    """The file of the site a URL path asks for (`hate-speech/HS-001/index.html`), or None
    for a path that could leave the site or names a hidden file."""
    path = unquote(url_path)
    if "\0" in path or "\\" in path:
        return None
    parts = [p for p in path.split("/") if p]
    if any(p.startswith(".") for p in parts):
        return None
    rel = posixpath.normpath("/".join(parts)) if parts else ""
    if rel.startswith(".."):
        return None
    if path.endswith("/") or not parts:
        rel = posixpath.join(rel, "index.html") if rel and rel != "." else "index.html"
    return rel


class _Handler(BaseHTTPRequestHandler):
    server_version = "labelbook-serve"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        pass  # one line per request would drown the build's own messages

    def do_HEAD(self) -> None:  # noqa: N802 - the base class's name
        self._serve(body=False)

    def do_GET(self) -> None:  # noqa: N802 - the base class's name
        self._serve(body=True)

    def _serve(self, body: bool) -> None:
        state: LiveState = self.server.state  # type: ignore[attr-defined]
        url = urlsplit(self.path)
        if url.path.startswith(LIVE):
            self._live(state, url.path[len(LIVE) :], parse_qs(url.query))
            return
        now = state.snapshot()
        rel = site_path(url.path)
        if rel is None:
            self._send(HTTPStatus.NOT_FOUND, b"not found", "text/plain; charset=utf-8", body)
            return
        lang = _language(rel, now.languages)
        if now.root is None:
            page = _waiting_page(now, lang)
            self._send(HTTPStatus.SERVICE_UNAVAILABLE, page, "text/html; charset=utf-8", body)
            return
        file = now.root / rel
        if not file.is_file() and (now.root / rel / "index.html").is_file():
            self.send_response(HTTPStatus.FOUND)
            self.send_header("Location", quote(f"/{rel}/"))  # from the path as it was read: no other host
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        status = HTTPStatus.OK
        if not file.is_file():
            status, file = HTTPStatus.NOT_FOUND, now.root / (f"{lang}/404.html" if lang else "404.html")
        try:
            data = file.read_bytes()
        except OSError:  # no 404.html, or a page removed by a rebuild just now
            self._send(HTTPStatus.NOT_FOUND, b"not found", "text/plain; charset=utf-8", body)
            return
        kind = _content_type(file.name)
        if kind.startswith("text/html"):
            data = inject(data, now, lang)
        self._send(status, data, kind, body)

    def _live(self, state: LiveState, what: str, query: dict[str, list[str]]) -> None:
        if what == "wait":
            since = _int(query.get("since", ["0"])[0])
            page = site_path(query.get("page", ["/"])[0]) or ""
            reload = state.wait(page, since, POLL_SECONDS)
            self._send(HTTPStatus.OK, b"reload" if reload else b"wait", "text/plain; charset=utf-8", True)
        elif what == "status":
            self._send(HTTPStatus.OK, json.dumps(state.status()).encode("utf-8"), "application/json", True)
        else:
            self._send(HTTPStatus.NOT_FOUND, b"not found", "text/plain; charset=utf-8", True)

    def _send(self, status: HTTPStatus, data: bytes, kind: str, body: bool) -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            # A preview changes under the reader: never from the browser's cache.
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            if body:
                self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the browser went away (a reload, a closed tab)


def _int(value: str) -> int:
    return int(value) if value.isdigit() else 0


def _language(rel: str, languages: tuple[str, ...]) -> str | None:
    first = rel.split("/", 1)[0]
    return first if first in languages else None


def _content_type(name: str) -> str:
    if name.endswith((".js", ".mjs")):
        return "application/javascript"
    kind = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return f"{kind}; charset=utf-8" if kind.startswith("text/") or kind in ("application/json", "image/svg+xml") else kind


# -- what the server adds to a page --------------------------------------------------------

_RELOAD = """<script>(function () {
  var since = %d, page = location.pathname;
  function poll() {
    fetch("%swait?since=" + since + "&page=" + encodeURIComponent(page), {cache: "no-store"})
      .then(function (r) { return r.text(); })
      .then(function (t) { if (t === "reload") { location.reload(); } else { poll(); } })
      .catch(function () { setTimeout(poll, 1000); });
  }
  poll();
})();</script>"""

_BANNER_STYLE = (
    "position:fixed;top:0;left:0;right:0;z-index:100000;max-height:60vh;overflow:auto;margin:0;"
    "padding:.8em 1.2em;background:#b71c1c;color:#fff;font:14px/1.5 sans-serif;box-shadow:0 2px 8px rgba(0,0,0,.4)"
)
_LINES_STYLE = "white-space:pre-wrap;margin:.5em 0 0;font:13px/1.5 monospace;background:transparent;color:#fff"


def banner(problems: list[str], lang: str | None) -> str:
    """The problems as a banner, every line escaped, in the page's language."""
    t = Translator(lang or "en")
    title = t._("The preview is not up to date: the repository has errors")
    hint = t._("This is the last version of the page that built. Fix the files below and save: the page reloads by itself.")
    shown = problems[:SHOWN_PROBLEMS]
    lines = "\n".join(text(line) for line in shown)
    if len(problems) > len(shown):
        more = t._("and {count} more (labelbook check lists them all)").format(count=t.number(len(problems) - len(shown)))
        lines += "\n" + text(more)
    inner = tag("p", tag("strong", text(title)) + " " + text(hint), style="margin:0")
    inner += tag("pre", lines, class_="lb-live-problem-lines", style=_LINES_STYLE, lang="en")
    return tag("div", inner, id="lb-live-problems", role="alert", lang=lang or "en", style=_BANNER_STYLE)


def inject(html: bytes, now: Snapshot, lang: str | None) -> bytes:
    """The page with the problem banner (if any) and the reload script before `</body>`."""
    added = (banner(now.problems, lang) if now.problems else "") + _RELOAD % (now.generation, LIVE)
    end = html.rfind(b"</body>")
    at = end if end >= 0 else len(html)
    return html[:at] + added.encode("utf-8") + html[at:]


def _waiting_page(now: Snapshot, lang: str | None) -> bytes:
    """What a page is before the first build is done: why, and a reload when it is."""
    t = Translator(lang or "en")
    if now.problems:
        heading = t._("The repository has errors, so the preview could not be built yet")
    else:
        heading = t._("The preview is being built; this page opens by itself when it is ready.")
    head = '<!doctype html><html><head><meta charset="utf-8"><title>labelbook serve</title></head><body>'
    return inject((head + tag("h1", text(heading)) + "</body></html>").encode("utf-8"), now, lang)
