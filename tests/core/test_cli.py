"""The `labelbook` command line through its real entry points: formats, --strict, exit codes, --help."""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from labelbook.cli.app import build_parser

from .helpers import no_crash
from .sample import check, insert_after, labelbook, parse_line, replace_line

HS1_EX = "examples/hate-speech/HS-001.yaml"
BU1 = "guidelines/bullying/BU-001.md"


def break_three_ways(repo: Path) -> None:
    """Two errors and one warning."""
    replace_line(repo / HS1_EX, "label: allow", "    label: delete")
    insert_after(repo / BU1, "area: bullying", "severty: high")
    replace_line(repo / BU1, "title: Degrading a private person", "title: Degrading, shaming a private person")


def test_text_json_and_github_report_the_same_problems(repo: Path) -> None:
    break_three_ways(repo)
    text = check(repo)
    as_json = check(repo, "--format", "json")
    github = check(repo, "--format", "github")
    for run in (text, as_json, github):
        no_crash(run)
        assert run.returncode == 1

    expected = [(f.path, f.line, f.col, f.severity, f.code, f.message) for f in text.findings]
    assert sorted(f[4] for f in expected) == ["label-unknown", "schema-unknown-key", "translation-stale"]

    items = json.loads(as_json.stdout)
    assert [tuple(i[k] for k in ("path", "line", "col", "severity", "code", "message")) for i in items] == expected
    assert as_json.stderr == ""  # nothing but the JSON document on stdout, nothing on stderr

    lines = github.stdout.splitlines()
    assert len(lines) == len(expected)
    for line, (path, ln, col, sev, code, msg) in zip(lines, expected):
        assert line == f"::{sev} file={path},line={ln},col={col}::{code}: {msg}"
    assert any(line.startswith("::warning file=") for line in lines)
    assert any(line.startswith("::error file=") for line in lines)


def test_json_of_a_clean_repository_is_an_empty_list(repo: Path) -> None:
    run = check(repo, "--format", "json")
    assert (run.returncode, json.loads(run.stdout)) == (0, [])


def test_github_escapes_properties_and_newlines(repo: Path) -> None:
    odd = "guidelines/bullying/BU-001,x.bn.md"
    shutil.copy(repo / "guidelines/bullying/BU-001.bn.md", repo / odd)
    run = check(repo, "--format", "github")
    no_crash(run)
    assert run.stdout.startswith("::error file=guidelines/bullying/BU-001%2Cx.bn.md,line=1,col=1::")


def make_stale_and_missing(repo: Path) -> None:
    replace_line(repo / BU1, "title: Degrading", "title: Degrading or shaming a private person")
    replace_line(repo / HS1_EX, "content: A comment calls", "    content: A comment calls a religious group [slur].")
    (repo / "guidelines/hate-speech/HS-002.bn.md").unlink()
    f = repo / "examples/bullying/BU-001.bn.yaml"
    text = f.read_text(encoding="utf-8")
    f.write_text(text[: text.index("  BU-001-E02:")], encoding="utf-8")


def test_strict_fails_on_stale_and_missing_translations_only(repo: Path) -> None:
    assert check(repo, "--strict").returncode == 0
    make_stale_and_missing(repo)
    lenient, strict = check(repo), check(repo, "--strict")
    for run in (lenient, strict):
        no_crash(run)
        assert all(f.severity == "warning" for f in run.findings)
    assert lenient.returncode == 0
    assert strict.returncode == 1
    assert lenient.stdout == strict.stdout
    units = sorted((f.code, f.message.split(" translation of ")[1].split(" is ")[0]) for f in lenient.findings)
    assert units == [  # exactly once each
        ("translation-missing", "HS-002"),
        ("translation-missing", "example BU-001-E02"),
        ("translation-stale", "BU-001"),
        ("translation-stale", "example HS-001-E02"),
    ]
    assert "0 errors, 4 warnings" in lenient.stderr


def test_a_new_repository_without_any_translation_warns_once_per_unit(repo: Path) -> None:
    for f in list(repo.rglob("*.bn.*")):
        if f.name != "policy.bn.yaml":
            f.unlink()
    run = check(repo)
    assert run.returncode == 0
    missing = [f for f in run.findings if f.code == "translation-missing"]
    assert len(missing) == len({f.message for f in missing}) == 3 + 5  # rules + examples
    assert check(repo, "--strict").returncode == 1


@pytest.mark.parametrize(
    "args",
    [
        ["check", "--bogus"],
        ["check", "--format", "xml"],
        ["check", "-C", "{missing}"],
        ["check", "-C", "{empty}"],
        ["translations", "status", "-C", "{missing}"],
        ["translations", "stamp", "-C", "{repo}"],
        ["translations", "stamp", "-C", "{repo}", "XX-999"],
        ["translations", "status", "-C", "{repo}", "--lang", "fr"],
        ["no-such-command"],
        [],
    ],
)
def test_wrong_usage_exits_2(repo: Path, tmp_path: Path, args: list[str]) -> None:
    (tmp_path / "empty").mkdir()
    names = {"missing": tmp_path / "nope", "empty": tmp_path / "empty", "repo": repo}
    run = labelbook(*(a.format(**names) for a in args))
    no_crash(run)
    assert run.returncode == 2, run.stdout + run.stderr
    assert run.stderr.strip()


def _commands(parser: argparse.ArgumentParser, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    out = [prefix]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                out += _commands(sub, prefix + (name,))
    return out


def _all_commands() -> list[tuple[str, ...]]:
    return _commands(build_parser())


@pytest.mark.parametrize("command", _all_commands(), ids=lambda c: " ".join(c) or "labelbook")
def test_help_of_every_command(command: tuple[str, ...]) -> None:
    run = labelbook(*command, "--help")
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("usage: labelbook")
    assert run.stderr == ""


def test_the_core_commands_are_there() -> None:
    assert {("check",), ("translations", "status"), ("translations", "stamp")} <= set(_all_commands())


def test_console_script_entry_point(repo: Path) -> None:
    exe = shutil.which("labelbook") or str(Path(sys.executable).with_name("labelbook"))
    line = replace_line(repo / HS1_EX, "label: allow", "    label: delete")
    proc = subprocess.run([exe, "check", "-C", str(repo)], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1
    f = parse_line(proc.stdout.strip())
    assert (f.path, f.line, f.col, f.code) == (HS1_EX, line, 12, "label-unknown")


def test_check_runs_from_inside_the_repository(repo: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "labelbook.cli", "check", "--strict"], cwd=repo, capture_output=True, text=True, timeout=60
    )
    assert (proc.returncode, proc.stdout) == (0, "")


def test_paths_are_relative_to_the_repository_root(repo: Path, tmp_path: Path) -> None:
    line = replace_line(repo / HS1_EX, "label: allow", "    label: delete")
    proc = subprocess.run(
        [sys.executable, "-m", "labelbook.cli", "check", "-C", "repo"], cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    assert proc.stdout.startswith(f"{HS1_EX}:{line}:12: error[label-unknown]: ")
