"""`labelbook serve` in headless Chromium: a save appears in the open page by itself, and the
error banner is there, on top, while a file is broken, and gone once it is fixed.

The preview runs as a real child process on 127.0.0.1 (tests/serve/repos.py); the tests never
reload the page themselves: the page's own script does.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator

import pytest

try:
    from playwright.sync_api import expect
except ImportError:  # the `chromium` fixture skips these tests (or fails them under CI=true) with the reason
    expect = None

from tests.serve.repos import Served, edit, sample_git_repo, serve

from .conftest import SCREENSHOTS, VIEWPORT, is_local


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[tuple[Path, Served]]:
    root = sample_git_repo(tmp_path)
    served = serve(root, tmp_path / "serve.log")
    try:
        served.wait_for("bullying/BU-001/", lambda s, h: s == 200, "the first build")
        yield root, served
    finally:
        assert served.stop() == 0


def _page(chromium: Any, url: str, dialogs: list[str]) -> Any:
    context = chromium.new_context(viewport=VIEWPORT, service_workers="block")
    context.set_default_timeout(20_000)
    context.route("**/*", lambda route: route.continue_() if is_local(route.request.url) else route.abort("blockedbyclient"))
    page = context.new_page()
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(url)
    return page


def test_a_save_appears_without_a_reload_and_a_broken_file_shows_a_banner_until_fixed(
    chromium: Any, preview: tuple[Path, Served], tmp_path: Path
) -> None:
    root, served = preview
    dialogs: list[str] = []
    page = _page(chromium, served.url + "bullying/BU-001/", dialogs)
    bengali = _page(chromium, served.url + "bn/hate-speech/HS-001/", dialogs)
    try:
        rationale = page.locator("#BU-001-E01 .lb-rationale")
        expect(rationale).to_be_visible()
        page.evaluate("window.lbOpenedOnce = true")  # gone when the page reloads itself

        edit(root / "examples/bullying/BU-001.yaml", 'rationale: "', 'rationale: "Seen in the browser without a reload. ')
        expect(rationale).to_contain_text("Seen in the browser without a reload.")
        assert page.evaluate("window.lbOpenedOnce") is None

        path = root / "examples/bullying/BU-001.yaml"
        good = path.read_text(encoding="utf-8")
        edit(path, "label: remove", "label: <script>alert(1)</script>")
        banner = page.locator("#lb-live-problems")
        expect(banner).to_be_visible()
        expect(banner).to_contain_text("examples/bullying/BU-001.yaml:")
        expect(banner).to_contain_text("error[label-unknown]: label '<script>alert(1)</script>' is not a decision")
        # On top of the page: the element at the banner's centre is the banner's own.
        box = banner.bounding_box()
        assert box and box["y"] <= 1 and box["width"] >= VIEWPORT["width"] * 0.9
        on_top = page.evaluate(f"document.elementFromPoint({box['x'] + box['width'] / 2}, {box['y'] + 10}).closest('#lb-live-problems') !== null")
        assert on_top
        # The Bengali page says it in Bengali, and quotes the problem as `labelbook check` prints it.
        bn_banner = bengali.locator("#lb-live-problems")
        expect(bn_banner).to_be_visible()
        expect(bn_banner).to_contain_text("প্রিভিউ")
        expect(bn_banner).to_contain_text("error[label-unknown]")
        screenshot = tmp_path / "serve-banner.png"
        page.screenshot(path=str(screenshot))
        SCREENSHOTS.append(screenshot)

        path.write_text(good, encoding="utf-8")
        expect(banner).to_have_count(0)
        expect(bn_banner).to_have_count(0)
        expect(rationale).to_contain_text("Seen in the browser without a reload.")
        assert dialogs == []  # the quoted <script> never ran
    finally:
        page.context.close()
        bengali.context.close()
