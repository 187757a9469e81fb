"""`labelbook build --versions` on a real git repository with real tags."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from .gitrepo import edit, labelbook, run_git


def _config(html: str) -> dict:
    m = re.search(r'<script id="__config" type="application/json">(.*?)</script>', html, re.S)
    assert m, "Material's __config is missing"
    return json.loads(m.group(1))


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_every_release_and_dev_from_its_own_tree(release_repo: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    proc = labelbook("build", "--versions", "-d", str(site), cwd=release_repo)
    assert proc.returncode == 0, proc.stderr
    for step in ("[1/3] 1.1.0 (v1.1.0): building from git", "[2/3] 1.0.0 (v1.0.0): building from git", "[3/3] dev"):
        assert step in proc.stderr
    assert json.loads((site / "versions.json").read_text()) == [
        {"version": "dev", "title": "dev", "aliases": []},
        {"version": "1.1.0", "title": "1.1.0", "aliases": ["latest"]},
        {"version": "1.0.0", "title": "1.0.0", "aliases": []},
    ]
    for version in ("1.0.0", "1.1.0", "dev", "latest"):
        for lang_root in ("", "bn/"):
            assert (site / version / lang_root / "index.html").is_file(), (version, lang_root)
    # each from its own tree: BH-002 arrived in 1.1.0; the body change is only in dev
    assert not (site / "1.0.0/bullying-harassment/BH-002").exists()
    assert (site / "1.1.0/bullying-harassment/BH-002/index.html").is_file()
    assert "shame or silence them" in (site / "dev/bullying-harassment/BH-001/index.html").read_text()
    assert "shame or silence them" not in (site / "1.1.0/bullying-harassment/BH-001/index.html").read_text()
    assert 'data-version="1.0.0"' in (site / "1.0.0/index.html").read_text()
    assert 'data-version="dev"' in (site / "dev/bn/index.html").read_text()
    # latest is the newest release; the root redirects there
    # (its 404 pages, which address everything from the site root, lead into latest/ itself)
    without_404 = lambda folder: {k: v for k, v in _tree(folder).items() if not k.endswith("404.html")}
    assert without_404(site / "latest") == without_404(site / "1.1.0")
    assert _config((site / "latest/bn/404.html").read_text())["base"] == "/latest/bn/"
    index = (site / "index.html").read_text()
    assert 'url=latest/' in index and 'location.replace("latest/"' in index
    # the working tree, the index and the stash were not touched
    assert run_git("status", "--porcelain", cwd=release_repo).strip() == "M guidelines/bullying-harassment/BH-001.md"
    assert run_git("stash", "list", cwd=release_repo) == ""


def test_version_selector_and_outdated_banner_in_both_languages(release_repo: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert labelbook("build", "--versions", "-d", str(site), cwd=release_repo).returncode == 0
    en = (site / "1.0.0/bullying-harassment/BH-001/index.html").read_text()
    bn = (site / "1.0.0/bn/bullying-harassment/BH-001/index.html").read_text()
    # Material's own selector on the source language; labelbook's one folder deeper
    assert _config(en)["version"]["provider"] == "mike"
    assert _config(bn)["version"] == {"provider": "labelbook", "default": "latest", "labelbook": {"lang_root": "bn/"}}
    for html, words in ((en, "older version of these guidelines"), (bn, "নির্দেশিকার একটি পুরোনো সংস্করণ পড়ছেন")):
        banner = re.search(r'data-md-component="outdated" hidden>(.*?)</aside>', html, re.S)
        assert banner, "the outdated banner is missing"
        assert words in banner.group(1)
        assert 'class="lb-latest-link"' in banner.group(1)
    assert re.search(r'src="(\.\./){4}assets/[0-9a-f]{16}/labelbook/versions\.js"', bn)  # the assets every version shares


def test_what_changed_pages_name_the_changes_with_links(release_repo: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert labelbook("build", "--versions", "-d", str(site), cwd=release_repo).returncode == 0
    changes = (site / "1.1.0/changes/index.html").read_text()
    assert "BH-001-E01" in changes and "Age-restrict" in changes and "BH-002" in changes
    assert 'href="../bullying-harassment/BH-002/"' in changes
    assert 'href="../bullying-harassment/BH-001/#BH-001-E01"' in changes
    bn = (site / "1.1.0/bn/changes/index.html").read_text()
    assert "BH-002" in bn and 'lang="bn"' in bn
    first = (site / "1.0.0/changes/index.html").read_text()
    assert "no earlier release" in first
    dev = (site / "dev/changes/index.html").read_text()
    assert "BH-001" in dev and "silence" in dev


def test_second_build_reuses_unchanged_releases(release_repo: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert labelbook("build", "--versions", "-d", str(site), cwd=release_repo).returncode == 0
    before = {v: (site / v / "index.html").stat().st_ino for v in ("1.0.0", "1.1.0", "dev")}
    edit(release_repo / "guidelines/bullying-harassment/BH-001.md", "silence them", "silence or scare them")
    proc = labelbook("build", "--versions", "-d", str(site), cwd=release_repo)
    assert proc.returncode == 0, proc.stderr
    assert "1.1.0 (v1.1.0): unchanged since the last build, reused" in proc.stderr
    assert "1.0.0 (v1.0.0): unchanged since the last build, reused" in proc.stderr
    assert "(2 reused from the last build, 1 built)" in proc.stderr
    after = {v: (site / v / "index.html").stat().st_ino for v in ("1.0.0", "1.1.0", "dev")}
    assert after["1.0.0"] == before["1.0.0"] and after["1.1.0"] == before["1.1.0"]  # the same files, linked
    assert after["dev"] != before["dev"]
    assert "silence or scare them" in (site / "dev/bullying-harassment/BH-001/index.html").read_text()
    # a new release is built; the others are still reused
    run_git("commit", "-qam", "Body", cwd=release_repo)
    run_git("tag", "v1.2.0", cwd=release_repo)
    proc = labelbook("build", "--versions", "-d", str(site), cwd=release_repo)
    assert "1.2.0 (v1.2.0): building from git" in proc.stderr
    assert json.loads((site / "versions.json").read_text())[1] == {"version": "1.2.0", "title": "1.2.0", "aliases": ["latest"]}


def test_failed_build_leaves_the_previous_site_intact(release_repo: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert labelbook("build", "--versions", "-d", str(site), cwd=release_repo).returncode == 0
    before = _tree(site)
    edit(release_repo / "examples/bullying-harassment/BH-001.yaml", "label: age-restrict", "label: delete")
    proc = labelbook("build", "--versions", "-d", str(site), cwd=release_repo)
    assert proc.returncode == 1
    assert "label-unknown" in proc.stdout
    assert _tree(site) == before
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".labelbook-tmp")]


def test_a_release_with_errors_is_named(release_repo: Path, tmp_path: Path) -> None:
    run_git("stash", "-q", cwd=release_repo)
    edit(release_repo / "guidelines/bullying-harassment/BH-001.md", "decision: remove", "decision: delete")
    run_git("commit", "-qam", "broken", cwd=release_repo)
    run_git("tag", "v1.2.0", cwd=release_repo)
    edit(release_repo / "guidelines/bullying-harassment/BH-001.md", "decision: delete", "decision: remove")
    proc = labelbook("build", "--versions", "-d", str(tmp_path / "site"), cwd=release_repo)
    assert proc.returncode == 1
    assert re.search(r"^v1\.2\.0:guidelines/bullying-harassment/BH-001\.md:\d+:\d+: error\[decision-unknown\]", proc.stdout, re.M)
    assert "1.2.0 (v1.2.0): left out of the site: its files have 1 error(s), listed above" in proc.stderr
    # the broken release is left out; the others and dev are written (tests/security has more)
    versions = json.loads((tmp_path / "site/versions.json").read_text())
    assert [v["version"] for v in versions] == ["dev", "1.1.0", "1.0.0"]
    assert not (tmp_path / "site/1.2.0").exists()


def test_not_a_git_repository_builds_dev_only(tmp_path: Path) -> None:
    root = tmp_path / "plain"
    assert labelbook("init", str(root), cwd=tmp_path).returncode == 0
    proc = labelbook("build", "--versions", "-d", str(tmp_path / "site"), cwd=root)
    assert proc.returncode == 0, proc.stderr
    assert "not a git repository: building only 'dev'" in proc.stderr
    assert json.loads((tmp_path / "site/versions.json").read_text()) == [{"version": "dev", "title": "dev", "aliases": []}]
    assert 'url=dev/' in (tmp_path / "site/index.html").read_text()
    assert (tmp_path / "site/dev/bn/index.html").is_file()


def test_shallow_clone_is_refused_with_the_fix(release_repo: Path, tmp_path: Path) -> None:
    run_git("commit", "-qam", "local", cwd=release_repo)
    clone = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{release_repo}", str(clone)], check=True, capture_output=True)
    proc = labelbook("build", "--versions", "-d", str(tmp_path / "site"), cwd=clone)
    assert proc.returncode == 2
    assert "shallow clone" in proc.stderr and "fetch-depth: 0" in proc.stderr


@pytest.mark.skipif(shutil.which("mike") is None, reason="mike is not installed (pip install mike)")
def test_a_site_deployed_with_mike_works(release_repo: Path) -> None:
    """mike builds one version at a time onto gh-pages: the plugin must not get in its way."""
    config = release_repo / "mkdocs.yml"
    config.write_text(config.read_text() + "extra:\n  version:\n    provider: mike\n")
    env_git = ["-c", "user.name=Policy Specialist", "-c", "user.email=policy@example.invalid"]
    proc = subprocess.run(["mike", "deploy", "1.1", "latest"], cwd=release_repo, capture_output=True, text=True,
                          env={**__import__("os").environ, "GIT_AUTHOR_NAME": "a", "GIT_AUTHOR_EMAIL": "a@example.invalid",
                               "GIT_COMMITTER_NAME": "a", "GIT_COMMITTER_EMAIL": "a@example.invalid"})
    assert proc.returncode == 0, proc.stderr
    del env_git
    files = run_git("ls-tree", "-r", "--name-only", "gh-pages", cwd=release_repo).split()
    assert {"1.1/index.html", "1.1/bn/index.html", "1.1/bullying-harassment/BH-001/index.html", "versions.json"} <= set(files)
    bn = run_git("show", "gh-pages:1.1/bn/bullying-harassment/BH-001/index.html", cwd=release_repo)
    assert _config(bn)["version"]["provider"] == "labelbook"
    versions = json.loads(run_git("show", "gh-pages:versions.json", cwd=release_repo))
    assert versions[0]["version"] == "1.1" and versions[0]["aliases"] == ["latest"]


def test_quiz_items_carry_the_release_the_working_tree_is(release_repo: Path, tmp_path: Path) -> None:
    """At a clean release checkout the items say 1.1.0; with a changed guideline file, dev."""
    quiz = tmp_path / "quiz.json"
    assert labelbook("quiz", "--count", "2", "-o", str(quiz), cwd=release_repo).returncode == 0
    assert json.loads(quiz.read_text())["guideline"]["version"] == "dev"
    run_git("stash", "-q", cwd=release_repo)
    assert labelbook("quiz", "--count", "2", "-o", str(quiz), cwd=release_repo).returncode == 0
    data = json.loads(quiz.read_text())
    assert data["guideline"]["version"] == "1.1.0"
    assert {item["version"] for item in data["items"]} == {"1.1.0"}
