"""Releases are read from real git tags, and reading them never touches the working tree."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from labelbook.core.problems import ContentError, UsageError
from labelbook.history.releases import is_git_repository, list_releases, load_tree, newest_release, parse_version, previous_release

from .conftest import V11_DATE, V1_DATE, git


def test_release_tags_newest_first_with_their_dates(repo: Path) -> None:
    releases = list_releases(repo)
    # `nightly` and `vNext` are tags but not versions.
    assert [r.tag for r in releases] == ["v1.1.0", "v1.0.0"]
    assert [r.version for r in releases] == ["1.1.0", "1.0.0"]
    # v1.0.0 is annotated: its tagger date; v1.1.0 is lightweight: its commit's date.
    assert releases[1].date == datetime.fromisoformat(V1_DATE)
    assert releases[0].date == datetime.fromisoformat(V11_DATE)
    assert releases[0].commit == git(repo, "rev-parse", "v1.1.0").strip()
    assert releases[1].commit == git(repo, "rev-parse", "v1.0.0^{commit}").strip()


def test_versions_are_ordered_as_versions_not_as_text(tmp_path: Path) -> None:
    root = tmp_path / "r"
    root.mkdir()
    git(root, "init", "-q")
    git(root, "commit", "-q", "--allow-empty", "-m", "x")
    for tag in ("v1.9.0", "v1.10.0", "v1.2.0rc1", "v2.0", "release-3.0"):
        git(root, "tag", tag)
    assert [r.tag for r in list_releases(root)] == ["v2.0", "v1.10.0", "v1.9.0", "v1.2.0rc1"]
    assert list_releases(root)[-1].prerelease
    # A configurable pattern: its literal prefix is not part of the version.
    assert [(r.tag, r.version) for r in list_releases(root, "release-*")] == [("release-3.0", "3.0")]


def test_parse_version_rejects_what_is_not_a_version() -> None:
    assert parse_version("vNext") is None
    assert parse_version("nightly") is None
    assert parse_version("v1.2.3")[1] == "1.2.3"


def test_previous_release(repo: Path) -> None:
    assert previous_release(repo, "v1.1.0").tag == "v1.0.0"
    assert previous_release(repo, "v1.0.0") is None
    assert previous_release(repo, None).tag == "v1.1.0"  # the working tree
    assert previous_release(repo, "WORKTREE").tag == "v1.1.0"
    # Any other commit: the newest release in its history.
    assert previous_release(repo, "v1.1.0~0").tag == "v1.0.0"
    assert newest_release(repo).tag == "v1.1.0"


def test_reading_tags_does_not_touch_the_working_tree(repo: Path) -> None:
    def snapshot() -> tuple[str, str, str, dict[str, float]]:
        files = {str(p): p.stat().st_mtime_ns for p in repo.rglob("*") if ".git" not in p.parts and p.is_file()}
        return git(repo, "status", "--porcelain"), git(repo, "stash", "list"), git(repo, "rev-parse", "HEAD"), files

    before = snapshot()
    old, end = load_tree(repo, "v1.0.0")
    new, _ = load_tree(repo, "v1.1.0")
    assert before == snapshot()
    assert before[0]  # the local changes are still there, uncommitted
    assert "HS-003" not in old.rules and "HS-003" in new.rules
    assert "BH-003" not in new.rules  # only in the working tree
    assert end.release == "1.0.0" and end.label == "v1.0.0"
    assert old.rules["HS-002"].decision == "age-restrict"


def test_not_a_git_repository(tmp_path: Path) -> None:
    assert not is_git_repository(tmp_path)
    with pytest.raises(UsageError, match="is not a git repository"):
        list_releases(tmp_path)


def test_unknown_ref_suggests_a_tag(repo: Path) -> None:
    with pytest.raises(UsageError) as info:
        load_tree(repo, "v1.1")
    msg = str(info.value)
    assert "'v1.1' is not a tag, branch or commit" in msg
    assert "did you mean 'v1.1.0'" in msg


def test_a_broken_release_names_the_tag(tmp_path: Path) -> None:
    from .conftest import make_repo

    root = make_repo(tmp_path / "repo")
    path = root / "examples/bullying/BH-001.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("label: remove", "label: delete", 1), encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "typo")
    git(root, "tag", "v1.2.0")
    with pytest.raises(ContentError) as info:
        load_tree(root, "v1.2.0")
    assert "release v1.2.0 has errors" in str(info.value)
    [problem] = info.value.problems
    assert problem.pos.path == "v1.2.0:examples/bullying/BH-001.yaml"
    assert problem.code == "label-unknown"


def test_what_changed_since_the_previous_release(repo: Path) -> None:
    from labelbook.history.releases import since_previous_release

    assert since_previous_release(repo, "v1.0.0") is None  # the first release
    cl = since_previous_release(repo, "v1.1.0")
    assert cl is not None and (cl.old.label, cl.new.label) == ("v1.0.0", "v1.1.0")
    dev = since_previous_release(repo, None)
    assert dev is not None and (dev.old.label, dev.new.ref) == ("v1.1.0", None)
    assert [c.rule for c in dev.changes if c.kind == "rule-added"] == ["BH-003"]
