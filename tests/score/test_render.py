"""Each format renders; html is one self-contained page; every string is escaped; -o is atomic."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from .helpers import item, quiz, score, write_csv, write_quiz

NASTY = '<script>alert("x")</script> | *bold* [link](javascript:alert(1))'


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    items = [item("HS-001-E01", "remove"), item("HS-001-E02", "allow"), item("BU-001-E01", "demote", area="bullying")]
    items[0]["feedback"]["rule_title"] = NASTY
    items[2]["feedback"]["rule_url"] = "javascript:alert(1)"
    rows = []
    for n, name in enumerate(["ana", "bo", "cy", "dee", NASTY, "সুমাইয়া"]):
        rows += [(name, "HS-001-E01", "remove"), (name, "HS-001-E02", "allow" if n < 3 else "remove"), (name, "BU-001-E01", "allow")]
    return write_quiz(tmp_path / "quiz.json", quiz(items)), write_csv(tmp_path / "responses.csv", rows)


def test_html_is_one_self_contained_page_with_svg_charts(files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    r = score(capsys, *files, "--format", "html")
    assert r.code == 0, r.err
    page = r.out
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert page.count("<svg") == 2  # per-labeler and per-rule accuracy
    assert 'aria-label="Accuracy per labeler"' in page and 'aria-label="Accuracy per rule"' in page
    assert page.count("<rect") == 6 + 2  # one bar per labeler, one per rule
    # Nothing is fetched from anywhere: no URL scheme at all, no script, no external resource.
    assert not re.search(r"https?://", page)
    assert "<script" not in page and "src=" not in page and "@import" not in page and "url(" not in page
    # The labeler name and rule title are shown as text.
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "javascript:" not in page.replace("[link](javascript:alert(1))", "")  # only inside escaped text
    assert 'href="javascript' not in page
    assert "সুমাইয়া" in page and '<meta charset="utf-8">' in page
    assert '<a href="hate-speech/HS-001/">' in page


def test_markdown_escapes_names_and_links_rules(files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    md = score(capsys, *files, "--format", "md").out
    assert "<script>" not in md and "\\<script\\>" in md
    assert "\\| \\*bold\\* \\[link\\]" in md  # no broken table, no emphasis, no link
    for line in md.splitlines():
        if line.startswith("| ") and "script" in line:
            assert line.count(" | ") == line.replace("\\|", "").count(" | ")
    assert "[HS-001](hate-speech/HS-001/)" in md
    assert "## Clarify the rule: labelers split (1)" in md and "HS-001-E02" in md
    assert "## Check the key or train: labelers agree with each other, not with the key (1)" in md


def test_text_keeps_the_terminal_safe(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_quiz(tmp_path / "quiz.json", quiz([item("HS-001-E01", "remove")]))
    write_csv(tmp_path / "responses.csv", [("evil\x1b[2J", "HS-001-E01", "remove"), ("ok", "HS-001-E01", "remove")])
    out = score(capsys, tmp_path / "quiz.json", tmp_path / "responses.csv").out
    assert "\x1b" not in out and "evil\ufffd[2J" in out


def test_json_output_matches_its_schema(files: tuple[Path, Path], capsys: pytest.CaptureFixture[str], score_validator: Draft202012Validator) -> None:
    data = score(capsys, *files, "--format", "json").json()
    score_validator.validate(data)
    assert data["format"] == "labelbook-score" and data["format_version"] == 1
    assert [f["item"] for f in data["findings"]["split"]] == ["HS-001-E02"]
    assert [f["item"] for f in data["findings"]["agree_not_key"]] == ["BU-001-E01"]


def test_output_file_is_written_atomically_and_format_follows_the_suffix(files: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "report.html"
    target.write_text("old", encoding="utf-8")
    os.chmod(target, 0o640)
    r = score(capsys, *files, "-o", str(target))
    assert r.code == 0 and r.out == ""
    assert f"wrote {target} (html)" in r.err
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert target.stat().st_mode & 0o777 == 0o640  # the user's permissions survive the rename
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    fresh = tmp_path / "weekly.md"
    assert score(capsys, *files, "-o", str(fresh)).code == 0
    assert fresh.read_text(encoding="utf-8").startswith("# Calibration report")
    assert score(capsys, *files, "-o", str(tmp_path / "r.json"), "--format", "text").code == 0
    assert (tmp_path / "r.json").read_text(encoding="utf-8").startswith("Calibration report")


def test_the_installed_command(files: tuple[Path, Path], tmp_path: Path) -> None:
    """The console script itself, in a fresh process: exit codes and no traceback."""
    exe = Path(sys.executable).with_name("labelbook")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "labelbook"]
    ok = subprocess.run([*cmd, "score", "--quiz", str(files[0]), str(files[1]), "--format", "md"], capture_output=True, text=True, cwd=tmp_path)
    assert ok.returncode == 0 and ok.stdout.startswith("# Calibration report"), ok.stderr
    bad = tmp_path / "bad.csv"
    bad.write_text("labeler,item,answer\nana,HS-001-E07,remove\n", encoding="utf-8")
    fail = subprocess.run([*cmd, "score", "--quiz", str(files[0]), str(bad)], capture_output=True, text=True, cwd=tmp_path)
    assert fail.returncode == 1 and "bad.csv:2:5: error[responses-unknown-item]" in fail.stderr
    assert "Traceback" not in fail.stderr and fail.stdout == ""
    usage = subprocess.run([*cmd, "score", "--quiz", str(files[0]), "missing.csv"], capture_output=True, text=True, cwd=tmp_path)
    assert usage.returncode == 2 and "missing.csv: no such file" in usage.stderr
