"""Repositories and a running `labelbook serve` for the live preview's tests.

`sample_git_repo` is the site tests' sample repository (every state a page can show:
stale, missing and current translations, a deprecated rule, hostile example content)
committed and tagged v1.0.0 in a real git repository, then edited in the working tree, so
that "What changed" and the stale translations' history are real too.
"""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Callable

from tests.versions.gitrepo import GIT_ENV

SAMPLE_REPO = Path(__file__).resolve().parents[1] / "site" / "sample_repo.py"
#: A page request that takes longer than this is a failure, not a slow pass.
CLIENT_TIMEOUT = 5.0
#: What the server adds to every HTML page: its banner and its reload script.
BANNER = 'id="lb-live-problems"'
_LIVE_SCRIPT = re.compile(r'<script>\(function \(\) \{\n  var since = \d+.*?</script>', re.S)


def sample_module() -> ModuleType:
    # Loaded by path: tests/site is no package (`site` would shadow Python's own module).
    spec = importlib.util.spec_from_file_location("labelbook_tests_serve_sample_repo", SAMPLE_REPO)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, text=True, env={**os.environ, **GIT_ENV}).stdout


def sample_git_repo(tmp_path: Path) -> Path:
    root = sample_module().write_site_repo(tmp_path)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "First release")
    git(root, "tag", "-a", "v1.0.0", "-m", "Guidelines 1.0.0")
    edit(root / "examples/bullying/BU-001.yaml", "label: age-restrict", "label: remove")
    return root


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def without_live(html: str) -> str:
    """A served page as the site holds it: without what the server adds."""
    return _LIVE_SCRIPT.sub("", html)


@dataclass
class Served:
    """`labelbook serve` running as a child process; `url` ends with a slash."""

    proc: subprocess.Popen
    url: str
    log: Path

    def get(self, path: str) -> tuple[int, str]:
        """(status, body) of a page; a request slower than CLIENT_TIMEOUT fails the test."""
        try:
            with urllib.request.urlopen(self.url + path, timeout=CLIENT_TIMEOUT) as r:
                return r.status, r.read().decode("utf-8")
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode("utf-8")

    def wait_for(self, path: str, test: Callable[[int, str], bool], what: str, limit: float = 120) -> str:
        """The page once `test(status, html)` holds; fails with the server's log after `limit` seconds."""
        deadline = time.monotonic() + limit
        while True:
            status, html = self.get(path)
            if test(status, html):
                return html
            if time.monotonic() > deadline or self.proc.poll() is not None:
                raise AssertionError(f"{what}: not seen on /{path} (last status {status})\n{self.output()[-4000:]}")
            time.sleep(0.05)

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def stop(self) -> int:
        self.proc.terminate()
        code = self.proc.wait(timeout=60)
        assert "Traceback" not in self.output(), self.output()
        return code


def serve(root: Path, log: Path, *args: str) -> Served:
    """Start `labelbook serve` on a free port and return once it says where."""
    out = log.open("wb")
    cmd = [sys.executable, "-m", "labelbook", "serve", "-C", str(root), "-a", "127.0.0.1:0", *args]
    proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        found = re.search(r"Serving on (http://\S+/)", log.read_text(encoding="utf-8", errors="replace"))
        if found:
            return Served(proc, found.group(1), log)
        if proc.poll() is not None:
            break
        time.sleep(0.05)
    proc.kill()
    raise AssertionError(f"labelbook serve did not start:\n{log.read_text(encoding='utf-8', errors='replace')}")
