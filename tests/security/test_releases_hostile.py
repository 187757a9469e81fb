"""`labelbook build --versions` with release tags that cannot be built (SPEC §3): each is
named with the reason and left out, the other releases and dev are still written,
versions.json lists only what was built, the exit code is 1, and the next run does the
same (a tag never changes, so one broken tag must not stop every later build).
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from labelbook.cli import main
from tests.versions.gitrepo import edit, labelbook, make_release_repo, run_git

SECRET = "TOP-SECRET-TOKEN-4f1c"
#: tag -> (a located problem line it must give, or None; words of its reason on stderr)
BROKEN = {
    "v1.2.0": (None, "guidelines/leak.md"),
    "v1.3.0": (r"v1\.3\.0:mkdocs\.yml:5:1: error\[mkdocs-unsafe\]: 'hooks' makes MkDocs run Python files", "listed above"),
    "v1.4.0": (r"v1\.4\.0:mkdocs\.yml:\d+:\d+: error\[yaml-syntax\]: ", "listed above"),
    "v1.5.0": (None, "mkdocs.yml: Config value 'theme': Unrecognised theme name: 'no-such-theme'"),
    "v1.6.0": (r"v1\.6\.0:guidelines/bullying-harassment/BH-001\.md:\d+:\d+: error\[decision-unknown\]", "its files have 1 error(s), listed above"),
}


def _tag_and_drop(repo: Path, tag: str) -> None:
    """Commit the working tree as release `tag`, then go back: only the tag keeps it."""
    run_git("add", "-A", cwd=repo)
    run_git("commit", "-qm", f"broken release {tag}", cwd=repo)
    run_git("tag", tag, cwd=repo)
    run_git("reset", "-q", "--hard", "HEAD~1", cwd=repo)


@pytest.fixture
def hostile_repo(tmp_path: Path) -> Path:
    """v1.0.0 and v1.1.0 are fine; v1.2.0 .. v1.6.0 cannot be built; v1.7.0, the newest, is fine."""
    repo = make_release_repo(tmp_path / "guidelines-repo")
    run_git("stash", "-q", cwd=repo)
    (tmp_path / "secret.txt").write_text(SECRET + "\n")
    config = repo / "mkdocs.yml"
    base = config.read_text()
    assert len(base.splitlines()) == 4  # v1.3.0's hooks are on line 5

    os.symlink(tmp_path / "secret.txt", repo / "guidelines/leak.md")
    _tag_and_drop(repo, "v1.2.0")
    config.write_text(base + "hooks: [hooks.py]\n")
    (repo / "hooks.py").write_text(f"open({str(tmp_path / 'PWNED')!r}, 'w').write('the hook ran')\n")
    _tag_and_drop(repo, "v1.3.0")
    config.write_text(base + "extra: {unclosed: [\n")
    _tag_and_drop(repo, "v1.4.0")
    config.write_text(base.replace("theme: {name: material}", "theme: {name: no-such-theme}"))
    _tag_and_drop(repo, "v1.5.0")
    edit(repo / "guidelines/bullying-harassment/BH-001.md", "decision: remove", "decision: delete")
    _tag_and_drop(repo, "v1.6.0")

    edit(repo / "guidelines/bullying-harassment/BH-001.md", "in order to shame them.", "in order to shame or mock them.")
    run_git("commit", "-qam", "Body", cwd=repo)
    run_git("tag", "v1.7.0", cwd=repo)
    return repo


def _check_run(proc_stdout: str, proc_stderr: str, site: Path) -> None:
    assert "internal error" not in proc_stderr
    for tag, (line, words) in BROKEN.items():
        version = tag[1:]
        assert f"{version} ({tag}): left out of the site: " in proc_stderr, (tag, proc_stderr)
        reason = re.search(rf"{re.escape(version)} \({tag}\): left out of the site: (.*)", proc_stderr)[1]  # type: ignore[index]
        # a symbolic link may also be a located problem of the tag's files (labelbook check reports them)
        assert words in reason or (tag == "v1.2.0" and reason.endswith("listed above") and words in proc_stdout), (tag, reason)
        if line is not None:
            assert re.search("^" + line, proc_stdout, re.MULTILINE), (tag, proc_stdout)
    assert proc_stderr.rstrip().splitlines()[-1] == (
        "labelbook: error: 5 release(s) could not be built and were left out of the site "
        f"(v1.6.0, v1.5.0, v1.4.0, v1.3.0, v1.2.0); the other versions were written to {site}. "
        "A tag never changes: fix the problem in a new release"
    )


def test_releases_that_cannot_be_built_are_named_and_left_out(hostile_repo: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    proc = labelbook("build", "--versions", "-d", str(site), cwd=hostile_repo)
    assert proc.returncode == 1, proc.stderr
    _check_run(proc.stdout, proc.stderr, site)

    assert json.loads((site / "versions.json").read_text()) == [
        {"version": "dev", "title": "dev", "aliases": []},
        {"version": "1.7.0", "title": "1.7.0", "aliases": ["latest"]},
        {"version": "1.1.0", "title": "1.1.0", "aliases": []},
        {"version": "1.0.0", "title": "1.0.0", "aliases": []},
    ]
    # assets/: the one content-hashed copy of the assets every version's pages load
    assert sorted(p.name for p in site.iterdir()) == sorted(
        [".labelbook-site", ".labelbook-versions.json", "1.0.0", "1.1.0", "1.7.0", "assets", "dev", "latest", "index.html", "versions.json"]
    )
    for version in ("1.0.0", "1.1.0", "1.7.0", "dev", "latest"):
        assert (site / version / "bn/index.html").is_file() and (site / version / ".labelbook-site").is_file()
    # 1.7.0 comes after a broken release: it still builds, and says why "What changed" is empty
    assert "The earlier release could not be read" in (site / "1.7.0/changes/index.html").read_text()
    assert "shame or mock them" in (site / "1.7.0/bullying-harassment/BH-001/index.html").read_text()
    # nothing of the broken tags ran or was read
    assert not (tmp_path / "PWNED").exists()
    assert not any(SECRET.encode() in p.read_bytes() for p in site.rglob("*") if p.is_file())
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".labelbook-tmp")]

    again = labelbook("build", "--versions", "-d", str(site), cwd=hostile_repo)
    assert again.returncode == 1
    _check_run(again.stdout, again.stderr, site)
    assert again.stdout == proc.stdout
    assert "1.1.0 (v1.1.0): unchanged since the last build, reused" in again.stderr
    assert "1.7.0 (v1.7.0): unchanged since the last build, reused" in again.stderr
    assert [v["version"] for v in json.loads((site / "versions.json").read_text())] == ["dev", "1.7.0", "1.1.0", "1.0.0"]


def test_a_link_planted_in_the_previous_site_is_not_followed_when_a_release_is_reused(tmp_path: Path) -> None:
    repo = make_release_repo(tmp_path / "guidelines-repo")
    site = tmp_path / "site"
    assert labelbook("build", "--versions", "-d", str(site), cwd=repo).returncode == 0
    (tmp_path / "secret.txt").write_text(SECRET + "\n")
    os.symlink(tmp_path / "secret.txt", site / "1.0.0/leak.txt")
    proc = labelbook("build", "--versions", "-d", str(site), cwd=repo)
    assert proc.returncode == 0, proc.stderr
    assert "1.0.0 (v1.0.0): unchanged since the last build, reused" in proc.stderr
    assert not (site / "1.0.0/leak.txt").exists() and not (site / "1.0.0/leak.txt").is_symlink()
    assert (site / "1.0.0/index.html").is_file()


def test_help_documents_the_exit_code_of_a_release_left_out(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["build", "--help"])
    assert exc.value.code == 0
    text = " ".join(capsys.readouterr().out.split())
    assert "with --versions, also: a release tag could not be built, so it was left out" in text
    assert "A release that cannot be built is left out and named, and the exit code is 1" in text
