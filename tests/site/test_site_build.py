"""`labelbook build` / `mkdocs build` on a real repository: exit codes, safety of SITE, strictness."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from labelbook.cli import main


def _break_a_label(root: Path) -> None:
    path = root / "examples/bullying/BU-001.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("label: age-restrict", "label: delete"), encoding="utf-8")


def _mkdocs(root: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", *args], cwd=root, capture_output=True, text=True, env=env, timeout=300
    )


def test_build_twice_replaces_the_site(site_repo: Path, tmp_path: Path) -> None:
    site = tmp_path / "out" / "site"
    assert main(["build", "-q", "-C", str(site_repo), "-d", str(site)]) == 0
    (site / "leftover.txt").write_text("from the first build")
    assert main(["build", "-q", "-C", str(site_repo), "-d", str(site)]) == 0
    assert (site / "index.html").is_file() and (site / "bn/index.html").is_file()
    assert not (site / "leftover.txt").exists()
    assert [p.name for p in site.parent.iterdir()] == ["site"]  # no temporary folder left


def test_failed_build_keeps_the_previous_site_and_exits_1(site_repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = tmp_path / "site"
    assert main(["build", "-q", "-C", str(site_repo), "-d", str(site)]) == 0
    before = (site / "hate-speech/HS-001/index.html").read_bytes()
    capsys.readouterr()
    _break_a_label(site_repo)
    assert main(["build", "-q", "-C", str(site_repo), "-d", str(site)]) == 1
    out, err = capsys.readouterr()
    assert "examples/bullying/BU-001.yaml:" in out and ": error[" in out and "'delete'" in out
    assert "Traceback" not in out + err
    assert (site / "hate-speech/HS-001/index.html").read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir() if "labelbook-tmp" in p.name) == []


def test_build_without_mkdocs_yml_uses_the_minimal_config(site_repo: Path, tmp_path: Path) -> None:
    (site_repo / "mkdocs.yml").unlink()
    site = tmp_path / "site"
    assert main(["build", "-q", "-C", str(site_repo), "-d", str(site)]) == 0
    assert '<html lang="bn"' in (site / "bn/hate-speech/HS-001/index.html").read_text(encoding="utf-8")
    assert not (site_repo / "mkdocs.yml").exists()  # nothing written into the repository


def test_build_default_site_dir_is_site_in_the_repository(site_repo: Path) -> None:
    assert main(["build", "-q", "-C", str(site_repo)]) == 0
    assert (site_repo / "site/bn/index.html").is_file()


def test_build_refuses_a_config_without_the_plugin(site_repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (site_repo / "mkdocs.yml").write_text("site_name: x\ndocs_dir: guidelines\ntheme: {name: material}\nplugins: [search]\n")
    assert main(["build", "-q", "-C", str(site_repo), "-d", str(tmp_path / "site")]) == 2
    assert "labelbook" in capsys.readouterr().err


def test_build_help_keeps_versions_out() -> None:
    with pytest.raises(SystemExit) as exc:
        main(["build", "--help"])
    assert exc.value.code == 0


def test_mkdocs_build_strict_with_the_plugin_has_no_warnings(site_repo: Path) -> None:
    proc = _mkdocs(site_repo, "build", "--strict", "-d", "built")
    assert proc.returncode == 0, proc.stderr
    assert "WARNING" not in proc.stderr, proc.stderr
    assert (site_repo / "built/bn/hate-speech/HS-001/index.html").is_file()


def test_mkdocs_build_gives_the_problem_lines_not_a_traceback(site_repo: Path) -> None:
    _break_a_label(site_repo)
    proc = _mkdocs(site_repo, "build", "-d", "built")
    assert proc.returncode == 1
    assert "examples/bullying/BU-001.yaml:" in proc.stderr and "error[" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_serve_watches_examples_outside_docs_dir(site_repo: Path) -> None:
    from mkdocs.config import load_config

    config = load_config(str(site_repo / "mkdocs.yml"))
    plugin = config.plugins["labelbook"]
    plugin.on_config(config)

    class Server:
        watched: list[str] = []

        def watch(self, path: str) -> None:
            self.watched.append(path)

    server = Server()
    plugin.on_serve(server, config=config, builder=None)
    assert server.watched == [str(site_repo / "examples")]


def test_a_release_build_shows_its_version_and_date_in_every_language(site_repo: Path, tmp_path: Path) -> None:
    import datetime as dt

    from labelbook.site.build import build_site

    site = build_site(site_repo, tmp_path / "site", version="v1.2.0", release_date=dt.date(2026, 1, 15))
    en = (site / "index.html").read_text(encoding="utf-8")
    bn = (site / "bn/index.html").read_text(encoding="utf-8")
    assert 'data-version="v1.2.0"' in en and "Release date: January 15, 2026" in en
    # CLDR spells the month জানুয়ারী or জানুয়ারি by Babel release; the Bengali digits are ours
    assert 'data-version="v1.2.0"' in bn and re.search("প্রকাশের তারিখ: ১৫ জানুয়ার[ীি], ২০২৬", bn)


def test_a_single_language_repository_has_no_language_selector(site_repo: Path, tmp_path: Path) -> None:
    import shutil

    policy = site_repo / "guidelines/policy.yaml"
    policy.write_text(policy.read_text(encoding="utf-8").replace("languages: [en, bn]", "languages: [en]"), encoding="utf-8")
    for translation in [*site_repo.rglob("*.bn.md"), *site_repo.rglob("*.bn.yaml")]:
        translation.unlink()
    shutil.rmtree(tmp_path / "site", ignore_errors=True)
    assert main(["build", "-q", "-C", str(site_repo), "-d", str(tmp_path / "site")]) == 0
    html = (tmp_path / "site/hate-speech/HS-001/index.html").read_text(encoding="utf-8")
    assert "md-select__link" not in html and not (tmp_path / "site/bn").exists()
