"""`labelbook build` writes only its output folder (SPEC §3, "The output folder is the only
thing written"): it replaces a folder only when it is new, empty or a site labelbook wrote;
never the repository, a folder above it, the home folder, .git or a content folder; and a
killed build leaves the previous site whole and its temporary folder is gone at the next build.

Every refused folder is one the test made (a fake home through $HOME), and every refusal
is checked to leave the folder's files as they were, byte for byte.
"""

from __future__ import annotations

import fcntl
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from labelbook.cli import main
from tests.core.sample import write_repo

MARKER = ".labelbook-site"
MARKER_TEXT = "This folder is a site written by labelbook.\n"
TEMP = re.compile(r"\.site\.(old-)?[a-z0-9_]{8}\.labelbook-tmp")


def files(folder: Path) -> dict[str, bytes]:
    """Every file under `folder`, dot-files and git's included, with its bytes (a link: its target)."""
    out = {}
    for p in sorted(folder.rglob("*")):
        rel = p.relative_to(folder).as_posix()
        if p.is_symlink():
            out[rel] = os.readlink(p).encode()
        elif p.is_file():
            out[rel] = p.read_bytes()
    return out


def build(repo: Path, *args: str | Path) -> int:
    return main(["build", "-q", "-C", str(repo), *map(str, args)])


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = write_repo(tmp_path / "repo")
    subprocess.run(["git", "init", "-q", str(root)], check=True, capture_output=True)
    return root


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fake home folder with files in it, named by $HOME."""
    folder = tmp_path / "home"
    (folder / ".ssh").mkdir(parents=True)
    (folder / ".ssh/id_ed25519").write_text("not a real key\n")
    (folder / "notes.txt").write_text("my notes\n")
    monkeypatch.setenv("HOME", str(folder))
    return folder


@pytest.mark.parametrize(
    ("where", "why"),
    [
        ("examples", "is the repository's examples/ folder or inside it"),
        ("guidelines/hate-speech", "is the repository's guidelines/ folder or inside it"),
        ("examples/new-site", "is the repository's examples/ folder or inside it"),
        ("schemas", "is the repository's schemas/ folder or inside it"),
        (".git", "is git's own folder (.git) or inside it"),
        (".git/site", "is git's own folder (.git) or inside it"),
        (".", "is the guideline repository itself"),
        ("..", "holds the guideline repository"),
    ],
)
def test_a_folder_of_the_repository_or_above_it_is_refused(
    repo: Path, where: str, why: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (repo / "schemas").mkdir(exist_ok=True)
    (repo / "schemas/rule.schema.json").write_text("{}\n")
    (repo / "examples" / MARKER).write_text(MARKER_TEXT)  # even a marked content folder is refused
    before = files(repo.parent)
    monkeypatch.chdir(repo)
    capsys.readouterr()
    assert build(repo, "-d", where) == 2
    target = (repo / where).resolve()
    assert capsys.readouterr().err == (
        f"labelbook: error: {target}: {why}, and a build replaces its site folder whole; "
        f"name a new folder for the site, such as {repo}/site\n"
    )
    assert files(repo.parent) == before


def test_the_home_folder_a_link_to_it_and_a_folder_above_it_are_refused(repo: Path, home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "link-to-home").symlink_to(home)
    before = files(tmp_path)
    for target, why in ((home, "is your home folder"), (tmp_path / "link-to-home", "is your home folder"), (tmp_path, "holds the guideline repository")):
        assert build(repo, "-d", target) == 2
        assert f"labelbook: error: {target.resolve()}: {why}, and a build replaces its site folder whole" in capsys.readouterr().err
    assert files(tmp_path) == before


def test_a_folder_that_holds_the_home_folder_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    repo = write_repo(tmp_path / "work/repo")
    monkeypatch.setenv("HOME", str(tmp_path / "users/me"))
    (tmp_path / "users/me").mkdir(parents=True)
    (tmp_path / "users/me/notes.txt").write_text("my notes\n")
    assert build(repo, "-d", tmp_path / "users") == 2
    assert f"{tmp_path / 'users'}: holds your home folder" in capsys.readouterr().err
    assert (tmp_path / "users/me/notes.txt").read_text() == "my notes\n"


def test_a_folder_labelbook_did_not_write_is_refused_and_kept(repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "documents"
    (folder / "sub").mkdir(parents=True)
    (folder / "report.docx").write_bytes(b"\x00\x01binary")
    (folder / ".hidden").write_text("dot-files count too\n")
    (tmp_path / "elsewhere").write_text(MARKER_TEXT)
    (folder / MARKER).symlink_to(tmp_path / "elsewhere")  # a link to a marker is no marker
    before = files(folder)
    assert build(repo, "-d", folder) == 2
    assert capsys.readouterr().err == (
        f"labelbook: error: {folder}: holds files labelbook did not write (there is no {MARKER} in it), and a build "
        "replaces its site folder whole; name an empty or new folder, or delete this one yourself (a site written by "
        "an earlier labelbook has no marker either: delete it once)\n"
    )
    assert files(folder) == before
    # a file is no folder
    (tmp_path / "a-file").write_text("text\n")
    assert build(repo, "-d", tmp_path / "a-file") == 2
    assert "exists and is not a folder" in capsys.readouterr().err
    assert (tmp_path / "a-file").read_text() == "text\n"


def test_the_versions_build_and_mkdocs_site_dir_are_held_to_the_same_rules(repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = files(repo)
    assert main(["build", "--versions", "-C", str(repo), "-d", str(repo / "examples")]) == 2
    assert "is the repository's examples/ folder or inside it" in capsys.readouterr().err
    assert files(repo) == before
    config = repo / "mkdocs.yml"
    config.write_text(config.read_text() + "site_dir: examples\n")
    before = files(repo)
    assert build(repo) == 2  # no -d: mkdocs.yml's site_dir
    assert f"{repo / 'examples'}: is the repository's examples/ folder or inside it" in capsys.readouterr().err
    assert files(repo) == before


def test_new_empty_and_marked_folders_are_built_and_the_marker_stays(repo: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    for target in (tmp_path / "new/site", empty):
        assert build(repo, "-d", target) == 0
        assert (target / MARKER).read_text().startswith(MARKER_TEXT)
        assert (target / "index.html").is_file() and (target / "bn/index.html").is_file()
        assert oct(target.stat().st_mode & 0o777) == oct(0o777 & ~_umask())  # not mkdtemp's 0700
    (empty / "stale-page.html").write_text("from before\n")
    assert build(repo, "-d", empty) == 0  # marked: replaced whole
    assert not (empty / "stale-page.html").exists()
    assert (empty / MARKER).is_file()
    # the marker is no page: not in the sitemap nor the search index
    assert MARKER not in (empty / "sitemap.xml").read_text() + (empty / "search/search_index.json").read_text()


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def _temp_folders(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if TEMP.fullmatch(p.name))


def test_a_killed_build_leaves_the_previous_site_and_the_next_build_clears_its_folder(repo: Path, tmp_path: Path) -> None:
    site = tmp_path / "out/site"
    assert build(repo, "-d", site) == 0
    before = files(site)
    proc = subprocess.Popen(
        [sys.executable, "-m", "labelbook", "build", "-q", "-C", str(repo), "-d", str(site)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 300
        while not any((site.parent / name / "index.html").exists() for name in _temp_folders(site.parent)):
            assert proc.poll() is None, "the build ended before it could be killed"
            assert time.monotonic() < deadline, "no temporary folder appeared"
            time.sleep(0.005)
        os.killpg(proc.pid, signal.SIGKILL)  # the build and the process it forked for Bengali
    finally:
        proc.wait()
    assert files(site) == before
    left = _temp_folders(site.parent)
    assert left, "the killed build left no temporary folder: nothing was tested"
    # Beside it, folders that are not labelbook's own temporary folders of this site.
    keep = [".site.keep.labelbook-tmp", ".other.abcdefgh.labelbook-tmp", "site.abcdefgh.labelbook-tmp", ".site.abcdefgh.tmp"]
    for name in keep:
        (site.parent / name).mkdir()
        (site.parent / name / "file.txt").write_text(name)
    assert build(repo, "-d", site) == 0
    assert _temp_folders(site.parent) == []
    assert sorted(p.name for p in site.parent.iterdir()) == sorted(keep + ["site"])
    assert all((site.parent / name / "file.txt").read_text() == name for name in keep)
    assert (site / MARKER).is_file() and (site / "bn/index.html").is_file()


def test_a_temporary_folder_of_a_running_build_is_left_alone(repo: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    running = tmp_path / ".site.abcd1234.labelbook-tmp"
    running.mkdir()
    fd = os.open(running, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # as a build still running holds it
        assert build(repo, "-d", site) == 0
        assert running.is_dir()
    finally:
        os.close(fd)
    assert build(repo, "-d", site) == 0
    assert not running.exists()


def test_a_build_killed_between_its_renames_gets_the_previous_site_back(repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The instant between `site -> .site.old-*` and `new -> site`: the next build puts the
    previous site back before anything else, so even a failing one leaves it in place."""
    site = tmp_path / "site"
    assert build(repo, "-d", site) == 0
    before = files(site)
    site.rename(tmp_path / ".site.old-0123abcd.labelbook-tmp")
    (repo / "guidelines/introduction.md").write_text("# Introduction\n\nSee [the missing page](missing.md).\n")
    assert build(repo, "--strict", "-d", site) == 1  # MkDocs fails on the broken link
    assert "the previous site in" in capsys.readouterr().err
    assert files(site) == before
    assert _temp_folders(tmp_path) == []
