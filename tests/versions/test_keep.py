"""`build --versions --keep N`: the newest N releases (and the one in force), for hosts that must prune."""

from __future__ import annotations

import json
from pathlib import Path

from .gitrepo import labelbook, run_git
from .sitecheck import asset_references, pages


def test_keep_prunes_old_releases_but_not_the_version_in_force(release_repo: Path, tmp_path: Path) -> None:
    run_git("commit", "-qam", "Body", cwd=release_repo)
    run_git("tag", "v1.2.0", cwd=release_repo)
    run_git("tag", "v1.3.0rc1", cwd=release_repo)  # a pre-release: not in force
    site = tmp_path / "site"
    assert labelbook("build", "--versions", "-d", str(site), cwd=release_repo).returncode == 0
    assert {"1.0.0", "1.1.0", "1.2.0", "1.3.0rc1"} <= {p.name for p in site.iterdir()}

    proc = labelbook("build", "--versions", "--keep", "1", "-d", str(site), cwd=release_repo)
    assert proc.returncode == 0, proc.stderr
    assert "[1/3] 1.3.0rc1 (v1.3.0rc1): unchanged since the last build, reused" in proc.stderr
    assert "[2/3] 1.2.0 (v1.2.0): unchanged since the last build, reused" in proc.stderr
    assert "2 older release(s) not kept (--keep 1)" in proc.stderr
    versions = json.loads((site / "versions.json").read_text())
    assert versions == [
        {"version": "dev", "title": "dev", "aliases": []},
        {"version": "1.3.0rc1", "title": "1.3.0rc1", "aliases": []},
        {"version": "1.2.0", "title": "1.2.0", "aliases": ["latest"]},
    ]
    # versions.json lists what the folder holds, and nothing else is left
    listed = {v["version"] for v in versions} | {a for v in versions for a in v["aliases"]}
    assert {p.name for p in site.iterdir() if p.is_dir()} == listed | {"assets"}
    for page in pages(site):
        assert all((site / ref).is_file() for ref in asset_references(site, page)), page

    # keeping them all again builds the pruned ones and reuses the rest
    proc = labelbook("build", "--versions", "-d", str(site), cwd=release_repo)
    assert "1.0.0 (v1.0.0): building from git" in proc.stderr and "1.2.0 (v1.2.0): unchanged since the last build, reused" in proc.stderr
    assert [v["version"] for v in json.loads((site / "versions.json").read_text())] == ["dev", "1.3.0rc1", "1.2.0", "1.1.0", "1.0.0"]


def test_keep_and_copy_assets_need_versions_and_a_number(release_repo: Path, tmp_path: Path) -> None:
    site = str(tmp_path / "site")
    for args, words in (
        (["--keep", "3"], "--keep is an option of a versioned site: add --versions"),
        (["--copy-assets"], "--copy-assets is an option of a versioned site: add --versions"),
        (["--versions", "--keep", "0"], "'0' is not a number of releases: give a whole number of 1 or more"),
        (["--versions", "--keep", "all"], "'all' is not a number of releases"),
    ):
        proc = labelbook("build", "-d", site, *args, cwd=release_repo)
        assert proc.returncode == 2, (args, proc.stderr)
        assert words in proc.stderr, (args, proc.stderr)
    assert not (tmp_path / "site").exists()
    help_text = labelbook("build", "--help", cwd=release_repo).stdout
    assert "--keep N" in help_text and "--copy-assets" in help_text
