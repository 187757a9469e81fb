"""Nothing outside the repository is read or published (SPEC §3, "Trust").

A symbolic link anywhere under guidelines/ or examples/ (to a file, a folder, nothing,
or those folders themselves being links) is a located `file-symlink` of `check`, in the
working tree and in a release tag, and `build` refuses to make a site of it. MkDocs copies
every non-Markdown file of guidelines/ into the site, following links, so without this
`guidelines/env.txt -> /proc/self/environ` would publish CI's secrets.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from labelbook.cli import main
from labelbook.core import sources
from labelbook.core.checks import check
from labelbook.core.problems import Pos
from labelbook.core.sources import GitTree, WorkingTree

from tests.core.helpers import no_crash, the_error
from tests.core.sample import Run, parse_line, write_repo
from tests.core.sample import check as check_cli
from tests.versions.gitrepo import run_git

SECRET = "CI-SECRET-TOKEN-9b2e71"
REFUSED = "is a symbolic link: links are refused because the site must publish only the repository's own files"


def labelbook_env(*args: str | Path, env: dict[str, str] | None = None) -> Run:
    """The real command line in a fresh interpreter, with `env` added to its environment."""
    proc = subprocess.run(
        [sys.executable, "-m", "labelbook", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, **(env or {})},
    )
    return Run(proc.returncode, proc.stdout, proc.stderr)


def symlink_errors(run: Run) -> list[tuple[str, int, int]]:
    no_crash(run)
    return sorted((f.path, f.line, f.col) for f in run.findings if f.code == "file-symlink")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return write_repo(tmp_path / "repo")


def test_a_link_to_the_environment_is_an_error_and_build_refuses_it(repo: Path, tmp_path: Path) -> None:
    os.symlink("/proc/self/environ", repo / "guidelines/env.txt")
    run = labelbook_env("check", "-C", repo, env={"LB_TEST_SECRET": SECRET})
    found = the_error(run, "file-symlink", "guidelines/env.txt", 1, 1)
    assert found.message == (
        f"guidelines/env.txt {REFUSED} (MkDocs would copy whatever it points at); replace it with the file itself"
    )

    site = tmp_path / "site"
    built = labelbook_env("build", "-C", repo, "-d", site, env={"LB_TEST_SECRET": SECRET})
    no_crash(built)
    assert built.returncode == 1, built.stderr
    assert f"guidelines/env.txt:1:1: error[file-symlink]: guidelines/env.txt {REFUSED}" in built.stdout
    assert "the site was not built" in built.stderr
    assert not site.exists()
    assert SECRET not in built.stdout + built.stderr
    assert not any(SECRET.encode() in p.read_bytes() for p in tmp_path.rglob("*") if p.is_file() and not p.is_symlink())


def test_links_to_folders_to_nothing_and_in_examples_are_all_reported(repo: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.md").write_text("# Secret\n")
    os.symlink(outside, repo / "guidelines/more")  # a folder: MkDocs would walk into it
    os.symlink(tmp_path / "no-such-file", repo / "guidelines/hate-speech/HS-009.md")
    os.symlink(repo / "examples/hate-speech/HS-001.yaml", repo / "examples/bullying/BU-001.yaml.bak")
    os.symlink("../HS-001.yaml", repo / "examples/hate-speech/.hidden.yaml")  # dot names too
    run = check_cli(repo)
    assert run.returncode == 1
    assert symlink_errors(run) == [
        ("examples/bullying/BU-001.yaml.bak", 1, 1),
        ("examples/hate-speech/.hidden.yaml", 1, 1),
        ("guidelines/hate-speech/HS-009.md", 1, 1),
        ("guidelines/more", 1, 1),
    ]
    # Not followed: the outside page is not loaded as a page, the dangling link is no rule.
    assert "secret.md" not in run.stdout and "HS-009" not in run.stdout.replace("guidelines/hate-speech/HS-009.md", "")


@pytest.mark.parametrize("folder", ["guidelines", "examples"])
def test_a_content_folder_that_is_a_link_is_refused(tmp_path: Path, folder: str) -> None:
    real = write_repo(tmp_path / "real")
    repo = write_repo(tmp_path / "repo")
    target = repo / folder
    for path in sorted(target.rglob("*"), reverse=True):
        path.rmdir() if path.is_dir() else path.unlink()
    target.rmdir()
    os.symlink(real / folder, target)
    run = check_cli(repo)
    assert run.returncode == 1
    assert symlink_errors(run) == [(folder, 1, 1)]


def test_the_target_of_a_link_is_never_opened(repo: Path, tmp_path: Path) -> None:
    # Opening a FIFO for reading blocks until someone writes: a check that followed
    # the link would hang here and fail on the timeout.
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    os.symlink(fifo, repo / "guidelines/pipe.md")
    os.symlink(fifo, repo / "examples/hate-speech/HS-002.bn.yaml.link")
    run = check_cli(repo)
    assert symlink_errors(run) == [("examples/hate-speech/HS-002.bn.yaml.link", 1, 1), ("guidelines/pipe.md", 1, 1)]


def test_a_fifo_in_the_content_is_reported_not_read(repo: Path) -> None:
    os.mkfifo(repo / "guidelines/stream.txt")
    run = check_cli(repo)
    found = the_error(run, "file-special", "guidelines/stream.txt", 1, 1)
    assert found.message == "guidelines/stream.txt is a FIFO, socket or device, not a file: MkDocs would block or fail reading it; remove it"


def test_a_file_swapped_for_a_link_after_the_listing_is_not_read(repo: Path, tmp_path: Path) -> None:
    (tmp_path / "secret.yaml").write_text(f"title: {SECRET}\n")
    source = WorkingTree(repo)
    assert "guidelines/policy.bn.yaml" in source.files()  # listed while it was a file
    policy_bn = repo / "guidelines/policy.bn.yaml"
    policy_bn.unlink()
    os.symlink(tmp_path / "secret.yaml", policy_bn)
    problems = [(p.pos, p.code, p.message) for p in check(source).problems if p.severity == "error"]
    assert problems == [(Pos("guidelines/policy.bn.yaml", 1, 1), "file-unreadable", "the file cannot be read (Too many levels of symbolic links)")]


def test_a_release_tag_with_a_link_blob_is_refused(repo: Path) -> None:
    run_git("init", "-q", "-b", "main", cwd=repo)
    os.symlink("/proc/self/environ", repo / "guidelines/env.txt")
    os.symlink("../../guidelines/policy.yaml", repo / "examples/bullying/policy.yaml")
    run_git("add", "-A", cwd=repo)
    run_git("commit", "-qm", "A release with links", cwd=repo)
    run_git("tag", "v1.0.0", cwd=repo)
    for link in ("guidelines/env.txt", "examples/bullying/policy.yaml"):
        (repo / link).unlink()
    assert check_cli(repo).returncode == 0  # today's files are fine

    tree = GitTree(repo, "v1.0.0")
    assert "guidelines/env.txt" in tree.entries() and "guidelines/env.txt" not in tree.files()
    assert [(p.pos.path, p.code) for p in check(tree).problems if p.severity == "error"] == [
        ("examples/bullying/policy.yaml", "file-symlink"),
        ("guidelines/env.txt", "file-symlink"),
    ]
    changelog = subprocess.run(
        [sys.executable, "-m", "labelbook", "changelog", "v1.0.0..", "-C", str(repo)], capture_output=True, text=True, timeout=120, check=False
    )
    assert changelog.returncode == 1, changelog.stderr
    assert "Traceback" not in changelog.stderr and "internal error" not in changelog.stderr
    assert f"v1.0.0:guidelines/env.txt:1:1: error[file-symlink]: guidelines/env.txt {REFUSED}" in changelog.stdout


def test_too_many_files_stops_before_reading(repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sources, "MAX_FILES", 20)  # the sample has 16 files; the real limit is 100,000
    for i in range(5):
        (repo / f"guidelines/extra-{i}.md").write_text("# Extra\n")
    assert main(["check", "-C", str(repo)]) == 1
    [found] = [parse_line(line) for line in capsys.readouterr().out.splitlines()]
    assert (found.path, found.line, found.col, found.code) == ("guidelines", 1, 1, "too-many-files")
    assert found.message == "guidelines/ and examples/ hold more than 20 files, the limit; nothing was read: remove what is not a guideline file"


def test_the_file_limit_is_documented() -> None:
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    assert f"| `too-many-files` | error | `guidelines/` and `examples/` hold more than {sources.MAX_FILES:,} files" in readme
