"""`labelbook serve` as a reader meets it: a real child process, pages requested over HTTP.

No timing is asserted. A page request slower than the client's timeout fails (a request
must never wait for a build); every other wait polls until the page shows what it must.
"""

from __future__ import annotations

import html
import http.client
import re
import subprocess
import sys
from pathlib import Path

from .repos import BANNER, edit, sample_git_repo, serve, without_live

_BANNER_BLOCK = re.compile(r'<div id="lb-live-problems".*?</pre></div>', re.S)
_BANNER_LINES = re.compile(r'<pre class="lb-live-problem-lines"[^>]*>(.*?)</pre>', re.S)


def _check_errors(root: Path) -> list[str]:
    """The error lines `labelbook check` prints for the repository."""
    run = subprocess.run([sys.executable, "-m", "labelbook", "check", "-C", str(root)], capture_output=True, text=True, timeout=120, check=False)
    assert run.returncode == 1, run.stderr
    return [line for line in run.stdout.splitlines() if ": error[" in line]


def _raw(url: str, path: str) -> tuple[int, str | None]:
    """(status, Location) of a request sent as it is written, redirects not followed."""
    host, port = url.split("//")[1].rstrip("/").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=5)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        response.read()
        return response.status, response.getheader("Location")
    finally:
        conn.close()


def _banner_lines(page: str) -> list[str]:
    found = _BANNER_LINES.search(page)
    assert found, "no banner"
    return html.unescape(found.group(1)).splitlines()


def test_a_saved_rationale_reaches_its_pages_in_both_languages_and_nothing_else_changes(tmp_path: Path) -> None:
    root = sample_git_repo(tmp_path)
    served = serve(root, tmp_path / "serve.log")
    try:
        served.wait_for("bullying/BU-001/", lambda s, h: s == 200 and "BU-001" in h, "the first build")
        # Only the site's own files, and a redirect never to another host.
        assert _raw(served.url, "//bullying") == (302, "/bullying/")
        assert _raw(served.url, "/bullying/BU-001")[0] == 302
        for path in ("/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/.labelbook-serve", "/bullying/.lb-x.tmp"):
            assert _raw(served.url, path)[0] == 404, path
        unchanged = ["hate-speech/HS-001/", "bn/hate-speech/HS-001/", "decisions/", "bn/"]
        before = {path: without_live(served.get(path)[1]) for path in unchanged}

        edit(root / "examples/bullying/BU-001.yaml", 'rationale: "', 'rationale: "Saved while the preview runs. ')
        served.wait_for("bullying/BU-001/", lambda s, h: s == 200 and "Saved while the preview runs." in h, "the edit")
        # BU-001-E01 has no Bengali translation: its Bengali page shows the English, edited too.
        served.wait_for("bn/bullying/BU-001/", lambda s, h: s == 200 and "Saved while the preview runs." in h, "the edit in Bengali")
        assert {path: without_live(served.get(path)[1]) for path in unchanged} == before

        # A new rule: a new page, and a navigation of another shape (the whole site is rebuilt).
        rule = (root / "guidelines/bullying/BU-001.md").read_text(encoding="utf-8")
        (root / "guidelines/bullying/BU-002.md").write_text(rule.replace("id: BU-001", "id: BU-002"), encoding="utf-8")
        page = served.wait_for("bullying/BU-002/", lambda s, h: s == 200, "the new rule's page")
        assert "BU-002" in page and 'href="../BU-002/"' in served.get("bullying/BU-001/")[1]
    finally:
        assert served.stop() == 0


def test_a_broken_file_never_blocks_a_page_and_every_page_shows_its_errors_until_fixed(tmp_path: Path) -> None:
    root = sample_git_repo(tmp_path)
    served = serve(root, tmp_path / "serve.log")
    try:
        served.wait_for("", lambda s, h: s == 200, "the first build")
        pages = ["", "bn/", "hate-speech/HS-001/", "bn/bullying/BU-001/", "decisions/", "changes/", "practice/"]
        before = {path: without_live(served.get(path)[1]) for path in pages}
        examples, originals = root / "examples/hate-speech/HS-001.yaml", {}
        for path, old, new in [
            (examples, "label: allow", "label: <script>alert(1)</script>"),  # an error that quotes markup
            (root / "examples/bullying/BU-001.yaml", "rationale: ", "rationale: [<script>alert(2)</script>"),  # bad YAML
        ]:
            originals[path] = path.read_text(encoding="utf-8")
            edit(path, old, new)
        expected = _check_errors(root)
        assert any("HS-001.yaml" in line and "label-unknown" in line for line in expected)
        assert any("BU-001.yaml" in line for line in expected)

        # Both saves may come as one change or two: the banner lists every error in the end.
        served.wait_for("", lambda s, h: BANNER in h and _banner_lines(h) == expected, "the banner of both files")
        for path in pages + ["no-such-page/"]:
            status, page = served.get(path)  # each within the client's timeout
            assert status == (404 if path == "no-such-page/" else 200), path
            assert _banner_lines(page) == expected, path
            banner = _BANNER_BLOCK.search(page)
            assert banner and "<script>alert" not in banner.group(0) and "&lt;script&gt;alert(1)" in banner.group(0)
            if path in before:  # under the banner: the page as it last built
                assert _BANNER_BLOCK.sub("", without_live(page)) == before[path], path

        for path, text in originals.items():
            path.write_text(text, encoding="utf-8")
        served.wait_for("", lambda s, h: s == 200 and BANNER not in h, "the banner gone")
        assert BANNER not in served.get("bn/hate-speech/HS-001/")[1]

        # mkdocs.yml is checked as by `labelbook build`.
        config = root / "mkdocs.yml"
        safe = config.read_text(encoding="utf-8")
        config.write_text(safe + "hooks: [hooks.py]\n", encoding="utf-8")
        page = served.wait_for("decisions/", lambda s, h: BANNER in h, "the banner of mkdocs.yml")
        assert any(line.startswith("mkdocs.yml:") and "error[mkdocs-unsafe]" in line for line in _banner_lines(page))
        config.write_text(safe, encoding="utf-8")
        served.wait_for("decisions/", lambda s, h: s == 200 and BANNER not in h, "the banner of mkdocs.yml gone")
    finally:
        assert served.stop() == 0


def test_a_repository_broken_at_the_start_is_served_as_its_errors_until_it_is_fixed(tmp_path: Path) -> None:
    root = sample_git_repo(tmp_path)
    path = root / "examples/hate-speech/HS-001.yaml"
    edit(path, "label: allow", "label: delete")
    expected = _check_errors(root)
    served = serve(root, tmp_path / "serve.log")
    try:
        page = served.wait_for("hate-speech/HS-001/", lambda s, h: BANNER in h, "the errors")
        assert served.get("hate-speech/HS-001/")[0] == 503 and _banner_lines(page) == expected
        edit(path, "label: delete", "label: allow")
        served.wait_for("hate-speech/HS-001/", lambda s, h: s == 200 and "HS-001-E02" in h and BANNER not in h, "the fixed site")
    finally:
        assert served.stop() == 0
    assert "error[label-unknown]" in served.output()  # the terminal says it too


def test_stopping_removes_the_preview_folder(tmp_path: Path) -> None:
    import tempfile

    root = sample_git_repo(tmp_path)
    served = serve(root, tmp_path / "serve.log")
    served.wait_for("", lambda s, h: s == 200, "the first build")
    folders = list(Path(tempfile.gettempdir()).glob(f"labelbook-serve-{served.proc.pid}-*"))
    assert len(folders) == 1 and (folders[0] / "site-1" / "index.html").is_file()
    # Stopped while it works on saves, it still stops (after the step it is at).
    for n in range(5):
        edit(root / "examples/bullying/BU-001.yaml", 'rationale: "', f'rationale: "Save {n}. ')
        served.get("bullying/BU-001/")
    assert served.stop() == 0
    assert not folders[0].exists()


def test_misuse_is_exit_2_with_what_to_do(tmp_path: Path) -> None:
    import socket

    from labelbook.cli import main

    root = sample_git_repo(tmp_path)
    run = subprocess.run([sys.executable, "-m", "labelbook", "serve", "-C", str(root), "-a", "localhost"], capture_output=True, text=True, timeout=60, check=False)
    assert run.returncode == 2 and "expected IP:PORT" in run.stderr
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["serve", "-C", str(root), "-a", f"127.0.0.1:{port}"]) == 2
    assert main(["serve", "-C", str(tmp_path)]) == 2  # not a guideline repository


def test_a_repository_without_mkdocs_yml_is_served_with_the_minimal_one(tmp_path: Path) -> None:
    root = sample_git_repo(tmp_path)
    (root / "mkdocs.yml").unlink()
    served = serve(root, tmp_path / "serve.log")
    try:
        page = served.wait_for("bn/bullying/BU-001/", lambda s, h: s == 200, "the first build")
        assert "BU-001" in page
        edit(root / "examples/bullying/BU-001.yaml", 'rationale: "', 'rationale: "Shown without a mkdocs.yml. ')
        served.wait_for("bullying/BU-001/", lambda s, h: s == 200 and "Shown without a mkdocs.yml." in h, "the edit")
        # policy.yaml's title is the site's name: a new title rebuilds the whole site.
        edit(root / "guidelines/policy.yaml", "title: Sample short-video", "title: Renamed short-video")
        served.wait_for("decisions/", lambda s, h: s == 200 and "Renamed short-video labeling guidelines" in h, "the new site name")
        assert not (root / "mkdocs.yml").exists() and not (root / "site").exists()  # nothing written into the repository
    finally:
        assert served.stop() == 0
