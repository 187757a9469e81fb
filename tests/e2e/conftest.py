"""End-to-end fixtures: the sample site, built by the real CLI, served on 127.0.0.1, read in Chromium.

The browser is Debian's Chromium (`/usr/bin/chromium`, installed by `.ci/run`) driven by
Playwright for Python; Playwright never downloads a browser here. Without Chromium or
Playwright these tests skip with the reason, except under `CI=true`, where they fail:
CI must not go green because the browser was missing.

Every request a page (or its search worker) makes is recorded, and any request to a host
other than 127.0.0.1 is aborted after being recorded, so a test can prove that the site
works on a closed network without the test itself depending on one.
"""

from __future__ import annotations

import functools
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Iterator
from urllib.parse import urlsplit

import pytest
import yaml

from lb_browser import browser_unavailable, launch_chromium

LOCAL_HOST = "127.0.0.1"
TESTS = Path(__file__).resolve().parents[1]
SAMPLE_REPO_MODULE = TESTS / "site" / "sample_repo.py"
# Desktop width: Material shows the search box and the language selector in the header.
VIEWPORT = {"width": 1280, "height": 900}

# Paths of the screenshots taken in this session, printed in the terminal summary.
SCREENSHOTS: list[Path] = []


unavailable = browser_unavailable


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if SCREENSHOTS:
        terminalreporter.section("e2e screenshots")
        for path in SCREENSHOTS:
            terminalreporter.write_line(str(path))


# --- the sample repository and what the tests need to know about it -------------------------

LATIN_WORD = re.compile(r"[A-Za-z]+")
MARKUP = re.compile(r"[*_`\[\]<>|#\\]")


@dataclass(frozen=True)
class Rule:
    id: str
    area: str
    title: str
    body: str
    bn_title: str | None
    bn_body: str | None
    bn_state: str  # current | stale | missing, as `labelbook translations status` reports it

    @property
    def en_path(self) -> str:
        return f"/{self.area}/{self.id}/"

    @property
    def bn_path(self) -> str:
        return f"/bn/{self.area}/{self.id}/"


@dataclass(frozen=True)
class Example:
    id: str
    rule: Rule
    content: str
    bn_content: str | None
    sensitive: bool


@dataclass(frozen=True)
class Sample:
    """Facts about the sample repository, read from its files (and the constants its module exports)."""

    root: Path
    module: Any
    rules: dict[str, Rule]
    examples: dict[str, Example]

    def rule(self, constant: str, state: str | None = None) -> Rule:
        rule = self.rules[getattr(self.module, constant)]
        if state:
            assert rule.bn_state == state, f"{rule.id} ({constant}): Bengali translation is {rule.bn_state}, not {state}"
        return rule

    def example(self, constant: str) -> Example:
        return self.examples[getattr(self.module, constant)]

    def bn_search_word(self) -> tuple[str, Rule]:
        """The Bengali word the sample module names, and the one rule whose Bengali body holds it."""
        word = self.module.BN_SEARCH_WORD
        holders = [p for p, text in self._texts().items() if word in text]
        assert len(holders) == 1 and holders[0].name.endswith(".bn.md"), f"{word!r} must occur in one Bengali rule only: {holders}"
        rule = self.rules[holders[0].name.split(".")[0]]
        assert rule.bn_state == "current", f"{rule.id}: the search word's rule must have a current translation"
        return word, rule

    def en_search_word(self) -> tuple[str, Rule]:
        """The longest word of one English rule body that occurs in no other file of the repository."""
        texts = self._texts()
        best: tuple[str, Rule] | None = None
        for rule in sorted(self.rules.values(), key=lambda r: r.id):
            own = self.root / "guidelines" / rule.area / f"{rule.id}.md"
            others = "\n".join(text for path, text in texts.items() if path != own).lower()
            for word in LATIN_WORD.findall(rule.body):
                if len(word) >= 7 and word.lower() not in others and word.lower() not in rule.title.lower():
                    if best is None or len(word) > len(best[0]):
                        best = (word, rule)
        assert best, "no word of an English rule body occurs only in that rule; the sample repository needs one"
        return best

    def _texts(self) -> dict[Path, str]:
        return {
            p: p.read_text(encoding="utf-8", errors="replace")
            for p in sorted(self.root.rglob("*"))
            if p.is_file() and ".git" not in p.relative_to(self.root).parts
        }


def probe(markdown: str) -> str:
    """The longest line of plain prose in a Markdown body: text that must appear verbatim on the page."""
    lines = [re.sub(r"^\s*(?:[-+]|\d+\.)\s+", "", line).strip() for line in markdown.splitlines()]
    prose = [line for line in lines if len(line) >= 20 and not MARKUP.search(line)]
    assert prose, f"no plain-prose line to look for in:\n{markdown}"
    return max(prose, key=len)


def _front_matter(path: Path) -> tuple[dict[str, Any], str]:
    text = path.read_text(encoding="utf-8")
    match = re.match(r"---\r?\n(.*?)\r?\n---[ \t]*\r?\n?(.*)", text, re.S)
    assert match, f"{path}: no front matter"
    return yaml.safe_load(match.group(1)) or {}, match.group(2)


def read_sample(root: Path, module: Any) -> Sample:
    states = _translation_states(root)
    rules: dict[str, Rule] = {}
    for path in sorted((root / "guidelines").glob("*/*.md")):
        if "." in path.stem:  # HS-001.bn.md is a translation
            continue
        meta, body = _front_matter(path)
        bn_path = path.with_name(f"{path.stem}.bn.md")
        bn_meta, bn_body = _front_matter(bn_path) if bn_path.exists() else ({}, None)
        rules[meta["id"]] = Rule(
            id=meta["id"], area=meta["area"], title=meta["title"], body=body,
            bn_title=bn_meta.get("title"), bn_body=bn_body,
            bn_state=states.get(("rule", meta["id"]), "missing"),
        )
    examples: dict[str, Example] = {}
    for path in sorted((root / "examples").glob("*/*.yaml")):
        if "." in path.stem:
            continue
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        bn_path = path.with_name(f"{path.stem}.bn.yaml")
        bn_data = yaml.safe_load(bn_path.read_text(encoding="utf-8")) if bn_path.exists() else None
        bn = (bn_data or {}).get("examples") or {}
        for ex in data.get("examples") or []:
            examples[ex["id"]] = Example(
                id=ex["id"], rule=rules[data["rule"]], content=ex["content"],
                bn_content=(bn.get(ex["id"]) or {}).get("content"), sensitive=bool(ex.get("sensitive")),
            )
    return Sample(root=root, module=module, rules=rules, examples=examples)


def _translation_states(root: Path) -> dict[tuple[str, str], str]:
    run = subprocess.run(
        _labelbook() + ["translations", "status", "-C", str(root), "--lang", "bn", "--format", "json"],
        capture_output=True, text=True, timeout=120,
    )
    assert run.returncode == 0, f"labelbook translations status failed:\n{run.stdout}\n{run.stderr}"
    return {(u["kind"], u["id"]): u["state"] for u in json.loads(run.stdout)["units"]}


def _labelbook() -> list[str]:
    """The installed console script: the tests go through the real CLI entry point."""
    script = Path(sys.executable).with_name("labelbook")
    found = str(script) if script.exists() else shutil.which("labelbook")
    assert found, "the `labelbook` command is not installed (pip install -e '.[test]')"
    return [found]


@pytest.fixture(scope="session")
def sample_module() -> Any:
    # Loaded by path: a package named `site` would collide with Python's own `site` module.
    assert SAMPLE_REPO_MODULE.exists(), f"{SAMPLE_REPO_MODULE} is missing"
    spec = importlib.util.spec_from_file_location("labelbook_tests_site_sample_repo", SAMPLE_REPO_MODULE)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def sample_root(sample_module: Any, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return Path(sample_module.write_site_repo(tmp_path_factory.mktemp("e2e-repo")))


@pytest.fixture(scope="session")
def sample(sample_root: Path, sample_module: Any) -> Sample:
    return read_sample(sample_root, sample_module)


@pytest.fixture(scope="session")
def site_dir(sample_root: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("e2e-site") / "site"
    run = subprocess.run(
        _labelbook() + ["build", "-d", str(site), "-C", str(sample_root)],
        capture_output=True, text=True, timeout=600,
    )
    assert run.returncode == 0, f"labelbook build failed ({run.returncode}):\n{run.stdout}\n{run.stderr}"
    assert (site / "index.html").is_file() and (site / "bn" / "index.html").is_file(), f"no English and Bengali home page in {site}"
    return site


# --- the local web server -------------------------------------------------------------------


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        pass


@pytest.fixture(scope="session")
def base_url(site_dir: Path) -> Iterator[str]:
    server = ThreadingHTTPServer((LOCAL_HOST, 0), functools.partial(_QuietHandler, directory=str(site_dir)))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="e2e-site-server", daemon=True)
    thread.start()
    try:
        yield f"http://{LOCAL_HOST}:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


# --- the browser ------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser(chromium: Any) -> Any:
    return chromium


def _launch(playwright: Any, env: dict[str, str] | None = None) -> Any:
    return launch_chromium(playwright, env)


LATIN_FONT_DIRS = ("dejavu", "liberation")
GENERIC_FAMILIES = {
    "sans-serif": ["Liberation Sans", "DejaVu Sans"],
    "serif": ["Liberation Serif", "DejaVu Serif"],
    "monospace": ["Liberation Mono", "DejaVu Sans Mono"],
}


@pytest.fixture(scope="session")
def bare_browser(pw: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """Chromium on a 'reader's machine' with no Bengali system font: fontconfig sees Latin fonts only.

    This machine (and CI's) may have Noto Sans Bengali installed; hiding it is what makes
    "Bengali renders" depend on the font the site carries, not on the test machine.
    """
    here = tmp_path_factory.mktemp("bare-fonts")
    dirs = sorted(str(d) for d in Path("/usr/share/fonts").glob("*/*") if d.is_dir() and d.name.lower() in LATIN_FONT_DIRS)
    if not dirs:
        unavailable("no DejaVu or Liberation fonts under /usr/share/fonts to build a Latin-only font configuration")
    conf = here / "fonts.conf"
    # The generic families get the usual Latin faces, so only Bengali is left without a font.
    aliases = "".join(
        f"  <alias><family>{generic}</family><prefer>{''.join(f'<family>{f}</family>' for f in faces)}</prefer></alias>\n"
        for generic, faces in GENERIC_FAMILIES.items()
    )
    conf.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
        + "".join(f"  <dir>{d}</dir>\n" for d in dirs)
        + aliases
        + f"  <cachedir>{here / 'cache'}</cachedir>\n</fontconfig>\n",
        encoding="utf-8",
    )
    browser = _launch(pw, env={**os.environ, "FONTCONFIG_FILE": str(conf)})
    yield browser
    browser.close()


@dataclass
class Tab:
    """One fresh browser context and page, with every request and dialog it produced."""

    page: Any
    base_url: str
    requests: list[Any] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def goto(self, path: str, wait_until: str = "load") -> Any:
        response = self.page.goto(self.base_url + path, wait_until=wait_until)
        assert response is not None and response.ok, f"GET {path}: {response.status if response else 'no response'}"
        return response

    def path(self) -> str:
        return urlsplit(self.page.url).path

    def foreign_requests(self) -> list[str]:
        return [r.url for r in self.requests if not is_local(r.url)]


def is_local(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about"):
        return True
    return parts.hostname == LOCAL_HOST


def _open_tab(browser: Any, base_url: str) -> Iterator[Tab]:
    # Service workers are blocked so every request shows up as the page's own.
    context = browser.new_context(viewport=VIEWPORT, service_workers="block")
    context.set_default_timeout(15_000)
    tab = Tab(page=None, base_url=base_url)
    context.on("request", lambda request: tab.requests.append(request))
    # Recorded above first; aborting keeps the test fast and independent of any network.
    context.route("**/*", lambda route: route.continue_() if is_local(route.request.url) else route.abort("blockedbyclient"))
    page = context.new_page()

    def on_dialog(dialog: Any) -> None:
        tab.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    tab.page = page
    try:
        yield tab
    finally:
        context.close()


@pytest.fixture
def tab(browser: Any, base_url: str) -> Iterator[Tab]:
    yield from _open_tab(browser, base_url)


@pytest.fixture
def bare_tab(bare_browser: Any, base_url: str) -> Iterator[Tab]:
    yield from _open_tab(bare_browser, base_url)


@pytest.fixture(scope="session")
def screenshot_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("e2e-screenshots")
