"""mkdocs.yml comes with pull requests too: `labelbook build` refuses one that would run code
from the repository, read files outside it, publish the environment or put a script on the
pages, with `mkdocs.yml:LINE:COL: error[mkdocs-unsafe]` at the key, before MkDocs reads it.

Each hostile file tries to leave a trace (a file named PWNED beside the repository); the
test checks that it did not, that nothing was built, and that the exit code is 1.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from labelbook.cli import main
from tests.core.sample import MKDOCS, locate, parse_line, write_repo

BASE = MKDOCS  # site_name, docs_dir: guidelines, theme material, plugins [search, labelbook]


def _run(repo: Path, *args: str) -> tuple[int, str, str]:
    proc = subprocess.run(
        [sys.executable, "-m", "labelbook", "build", "-q", "-C", str(repo), *args],
        check=False, capture_output=True, text=True, timeout=300, env={**os.environ, "SECRET_TOKEN": "s3cr3t-value"},
    )
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc.returncode, proc.stdout, proc.stderr


# (name, what mkdocs.yml adds to BASE, the text at which the problem is located, words of the message)
HOSTILE = [
    ("hooks", "hooks:\n  - hooks/evil.py\n", "hooks:", "'hooks' makes MkDocs run Python files from the repository"),
    ("python-tag", 'extra:\n  x: !!python/object/apply:builtins.open ["{pwned}", "w"]\n', "!!python", "makes MkDocs run Python code named in the repository"),
    ("python-name", "extra:\n  x: !!python/name:evil.run\n", "!!python", "the tag '!!python/name:evil.run'"),
    ("env", "copyright: !ENV SECRET_TOKEN\n", "!ENV", "'!ENV' copies an environment variable into the site"),
    ("docs-dir", "docs_dir: ../outside\n", "../outside", "docs_dir '../outside' is not a folder inside the repository"),
    ("site-dir", "site_dir: ../published\n", "../published", "site_dir '../published' is not a folder inside the repository; to build the site elsewhere, use `labelbook build -d DIR`"),
    ("snippets", "markdown_extensions:\n  - pymdownx.snippets:\n      base_path: [guidelines]\n", "pymdownx.snippets", "copies files from disk into the pages"),
    ("markdown-include", "markdown_extensions:\n  - markdown_include.include\n", "markdown_include", "copies files from disk"),
    ("unknown-extension", "markdown_extensions:\n  - evil\n", "evil", "Markdown extension 'evil' is not one labelbook allows"),
    ("extension-path", "markdown_extensions:\n  - pymdownx.emoji:\n      options:\n        custom_icons: [/etc]\n", "/etc", "'/etc' names a file or folder outside the repository"),
    ("plugin", "plugins: [search, labelbook, material/info]\n", "material/info", "plugin 'material/info' is not allowed"),
    ("plugin-repo", "plugins:\n  - search\n  - labelbook:\n      repo: ../outside\n", "../outside", "labelbook's 'repo' must be this repository"),
    ("custom-dir", "theme:\n  name: material\n  custom_dir: overrides\n", "custom_dir", "theme 'custom_dir' holds Jinja templates"),
    ("extra-javascript", "extra_javascript: [guidelines/evil.js]\n", "extra_javascript", "puts a script from the repository on every page"),
    ("extra-templates", "extra_templates: [evil.html]\n", "extra_templates", "are Jinja templates, which can run code"),
    ("inherit", "INHERIT: ../base.yml\n", "INHERIT", "'INHERIT' reads settings from another file"),
    ("markup", 'repo_name: "<img src=x onerror=alert(1)>"\n', '"<img', "the theme prints settings into the pages without escaping them"),
    ("script-link", "repo_url: \"java\\tscript:alert(1)\"\n", '"java', "is a javascript:, vbscript: or data: link"),
    ("analytics", "extra:\n  analytics: {provider: google, property: G-X}\n", "analytics", "'extra.analytics' loads a third-party script"),
    ("remote-css", "extra_css: [https://cdn.example.invalid/x.css]\n", "https:", "is on another host"),
    ("merge-key", "defaults: &d {hooks: [hooks/evil.py]}\n<<: *d\n", "<<", "merge keys ('<<') are not allowed"),
]


def _config(base: str, added: str) -> str:
    """BASE with `added`; a key `added` sets again replaces BASE's line (no duplicate keys)."""
    keys = {line.split(":")[0] for line in added.splitlines() if line and not line.startswith(" ")}
    return "".join(line + "\n" for line in base.splitlines() if line.split(":")[0] not in keys) + added


@pytest.mark.parametrize(("name", "added", "at", "words"), HOSTILE, ids=[h[0] for h in HOSTILE])
def test_a_hostile_mkdocs_yml_is_refused_at_its_key(tmp_path: Path, name: str, added: str, at: str, words: str) -> None:
    repo = write_repo(tmp_path / "repo")
    pwned = tmp_path / "PWNED"
    (repo / "hooks").mkdir()
    (repo / "hooks/evil.py").write_text(f"open({str(pwned)!r}, 'w').write('hook ran')\n")
    (repo / "evil.py").write_text(f"open({str(pwned)!r}, 'w').write('module imported')\ndef run(*a, **k): pass\n")
    (repo / "evil.js").write_text("alert(document.cookie)\n")  # (in guidelines/ it is refused by check itself)
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside/policy.yaml").write_text("secret: outside the repository\n")
    config = repo / "mkdocs.yml"
    config.write_text(_config(BASE, added.replace("{pwned}", str(pwned))), encoding="utf-8")
    code, out, err = _run(repo, "-d", str(tmp_path / "site"))
    assert code == 1, (out, err)
    found = [parse_line(line) for line in out.splitlines()]
    line, col = locate(config, at)
    assert [(f.path, f.line, f.col, f.code) for f in found] == [("mkdocs.yml", line, col, "mkdocs-unsafe")], out
    assert words in found[0].message
    assert err == "labelbook: error: mkdocs.yml asks for something labelbook does not allow (listed above), so the site was not built\n"
    assert not pwned.exists()
    assert not (tmp_path / "site").exists() and not (tmp_path / "published").exists()
    assert "s3cr3t-value" not in out + err


def test_every_problem_of_the_config_and_the_content_in_one_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repo = write_repo(tmp_path / "repo")
    (repo / "mkdocs.yml").write_text(BASE + "hooks: [x.py]\nextra_javascript: [x.js]\n")
    path = repo / "examples/bullying/BU-001.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("label: remove", "label: delete", 1), encoding="utf-8")
    assert main(["build", "-q", "-C", str(repo), "-d", str(tmp_path / "site")]) == 1
    found = [parse_line(line) for line in capsys.readouterr().out.splitlines()]
    assert [(f.path, f.code) for f in found] == [
        ("examples/bullying/BU-001.yaml", "label-unknown"),
        ("mkdocs.yml", "mkdocs-unsafe"),
        ("mkdocs.yml", "mkdocs-unsafe"),
    ]
    assert not (tmp_path / "site").exists()


def test_a_symlinked_or_broken_mkdocs_yml_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repo = write_repo(tmp_path / "repo")
    (tmp_path / "elsewhere.yml").write_text(BASE)
    (repo / "mkdocs.yml").unlink()
    (repo / "mkdocs.yml").symlink_to(tmp_path / "elsewhere.yml")
    assert main(["build", "-q", "-C", str(repo), "-d", str(tmp_path / "site")]) == 1
    assert capsys.readouterr().out.startswith("mkdocs.yml:1:1: error[mkdocs-unsafe]: mkdocs.yml must be a plain file, not a symbolic link")
    (repo / "mkdocs.yml").unlink()
    (repo / "mkdocs.yml").write_text(BASE + "extra: [unclosed\n")
    assert main(["build", "-q", "-C", str(repo), "-d", str(tmp_path / "site")]) == 1
    assert parse_line(capsys.readouterr().out.strip()).code == "yaml-syntax"
    assert not (tmp_path / "site").exists()


def test_the_allowed_shape_builds(tmp_path: Path) -> None:
    """What Material's documentation shows for emoji, admonitions and permalinks, and plain text settings."""
    repo = write_repo(tmp_path / "repo")
    (repo / "mkdocs.yml").write_text(
        BASE.replace("site_name: Short-video labeling guidelines", "site_name: Trust & Safety's guidelines")
        + "copyright: Copyright &copy; 2026 Example\n"
        "repo_url: https://example.invalid/guidelines\n"
        "extra:\n  version: {provider: mike}\n"
        "markdown_extensions:\n"
        "  - admonition\n"
        "  - toc:\n      permalink: true\n      slugify: !!python/object/apply:pymdownx.slugs.slugify {kwds: {case: lower}}\n"
        "  - pymdownx.emoji:\n"
        "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
        "      emoji_generator: !!python/name:material.extensions.emoji.to_svg\n"
    )
    code, out, err = _run(repo, "-d", str(tmp_path / "site"))
    assert code == 0, out + err
    assert 'href="https://example.invalid/guidelines"' in (tmp_path / "site/index.html").read_text(encoding="utf-8")
    assert (tmp_path / "site/bn/index.html").is_file()


def test_a_plugin_is_allowed_only_when_the_command_line_names_it(tmp_path: Path) -> None:
    repo = write_repo(tmp_path / "repo")
    (repo / "mkdocs.yml").write_text(BASE.replace("plugins: [search, labelbook]", "plugins: [search, labelbook, material/meta]"))
    code, out, _ = _run(repo, "-d", str(tmp_path / "site"))
    assert code == 1 and "plugin 'material/meta' is not allowed" in out
    code, out, err = _run(repo, "--allow-plugin", "material/meta", "-d", str(tmp_path / "site"))
    assert code == 0, out + err
    assert (tmp_path / "site/bn/index.html").is_file()


def test_a_package_in_the_repository_is_not_imported_in_place_of_the_real_one(tmp_path: Path) -> None:
    """`python -m labelbook` puts the current folder on sys.path; a build imports Markdown by name."""
    repo = write_repo(tmp_path / "repo")
    pwned = tmp_path / "PWNED"
    (repo / "markdown").mkdir()
    (repo / "markdown/__init__.py").write_text(f"open({str(pwned)!r}, 'w').write('imported from the repository')\n")
    proc = subprocess.run(
        [sys.executable, "-m", "labelbook", "build", "-q", "-d", str(tmp_path / "site")],
        cwd=repo, check=False, capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    assert not pwned.exists()
    assert (tmp_path / "site/index.html").is_file()


def test_the_versions_build_checks_the_working_tree_config_before_building_anything(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repo = write_repo(tmp_path / "repo")
    (repo / "mkdocs.yml").write_text(BASE + "hooks: [x.py]\n")
    assert main(["build", "--versions", "-C", str(repo), "-d", str(tmp_path / "site")]) == 1
    assert "mkdocs.yml:5:1: error[mkdocs-unsafe]: 'hooks'" in capsys.readouterr().out
    assert not (tmp_path / "site").exists()


def test_help_says_what_mkdocs_yml_may_hold(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["build", "--help"])
    assert exc.value.code == 0
    text = capsys.readouterr().out
    assert "what mkdocs.yml may say" in text and "error[mkdocs-unsafe]" in text and "--allow-plugin" in text
