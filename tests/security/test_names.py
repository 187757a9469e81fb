"""File names: the repository checks out on Windows and macOS, and no hand-written file
takes the place of a page or file that labelbook generates (SPEC §3, "Trust").

Each test writes the valid sample repository, adds hostile names, and runs the real
`labelbook check`; the build test shows that `build` refuses the same repository.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from labelbook.core.checks import check
from labelbook.core.layout import GENERATED_PAGES, MERGED_PAGES, RESERVED_FILES, RESERVED_FOLDERS
from labelbook.core.sources import GitTree

from tests.core.helpers import no_crash, the_error
from tests.core.sample import Run, labelbook, locate, replace_line, write_repo
from tests.core.sample import check as check_cli
from tests.versions.gitrepo import run_git

PAGE = "# A page\n\nSome text.\n"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return write_repo(tmp_path / "repo")


def errors(run: Run, code: str) -> list[tuple[str, int, int, str]]:
    no_crash(run)
    return sorted((f.path, f.line, f.col, f.message) for f in run.findings if f.code == code)


def json_errors(run: Run, code: str) -> list[tuple[str, str]]:
    """(path, message) of `code`, from `--format json`: a path may hold ':' itself."""
    no_crash(run)
    return sorted((p["path"], p["message"]) for p in json.loads(run.stdout) if p["code"] == code)


def test_windows_device_names_in_any_case_and_with_any_extension(repo: Path) -> None:
    for name in ("con.md", "NUL.md", "Con.bn.md", "aux.txt", "com1.yaml", "LPT9.md"):
        (repo / "guidelines" / name).write_text(PAGE)
    (repo / "examples/prn").mkdir()
    (repo / "examples/prn/notes.txt").write_text("x")
    (repo / "examples/prn/more.txt").write_text("x")
    (repo / "guidelines/console.md").write_text(PAGE)  # a longer stem is fine
    run = check_cli(repo)
    assert run.returncode == 1
    found = [(path, msg) for path, _, _, msg in errors(run, "name-not-portable")]
    device = "is a device name on Windows, whatever the case or extension; rename it"
    assert found == [
        ("examples/prn", f"the name 'prn' is not portable: PRN {device}"),  # the folder, once
        ("guidelines/Con.bn.md", f"the name 'Con.bn.md' is not portable: CON {device}"),
        ("guidelines/LPT9.md", f"the name 'LPT9.md' is not portable: LPT9 {device}"),
        ("guidelines/NUL.md", f"the name 'NUL.md' is not portable: NUL {device}"),
        ("guidelines/aux.txt", f"the name 'aux.txt' is not portable: AUX {device}"),
        ("guidelines/com1.yaml", f"the name 'com1.yaml' is not portable: COM1 {device}"),
        ("guidelines/con.md", f"the name 'con.md' is not portable: CON {device}"),
    ]


def test_characters_and_endings_windows_refuses(repo: Path) -> None:
    for name in ("a:b.md", 'say"hi".md', "what?.txt", "x|y.md", "back\\slash.md", "tab\there.md", "dot.", "space "):
        (repo / "guidelines" / name).write_text(PAGE)
    (repo / "examples/bullying/notes.txt.").write_text("ignored by labelbook, still checked out")
    run = labelbook("check", "-C", repo, "--format", "json")
    assert run.returncode == 1
    assert json_errors(run, "name-not-portable") == [
        ("examples/bullying/notes.txt.", "the name 'notes.txt.' is not portable: Windows drops a dot or space at the end of a name; rename it"),
        ("guidelines/a:b.md", "the name 'a:b.md' is not portable: Windows does not allow ':' in a name; rename it"),
        ("guidelines/back\\slash.md", "the name 'back\\slash.md' is not portable: Windows does not allow '\\\\' in a name; rename it"),
        ("guidelines/dot.", "the name 'dot.' is not portable: Windows drops a dot or space at the end of a name; rename it"),
        ('guidelines/say"hi".md', "the name 'say\"hi\".md' is not portable: Windows does not allow '\"' in a name; rename it"),
        ("guidelines/space ", "the name 'space ' is not portable: Windows drops a dot or space at the end of a name; rename it"),
        ("guidelines/tab\there.md", "the name 'tab\there.md' is not portable: Windows does not allow '\\t' in a name; rename it"),
        ("guidelines/what?.txt", "the name 'what?.txt' is not portable: Windows does not allow '?' in a name; rename it"),
        ("guidelines/x|y.md", "the name 'x|y.md' is not portable: Windows does not allow '|' in a name; rename it"),
    ]
    # The text format stays one line per problem: the tab is shown escaped.
    text = check_cli(repo)
    assert "guidelines/tab\\there.md:1:1: error[name-not-portable]" in text.stdout


def test_a_name_that_is_not_utf8_is_reported_printably(repo: Path) -> None:
    with open(os.path.join(os.fsencode(repo / "guidelines"), b"caf\xe9.md"), "w") as f:
        f.write(PAGE)
    run = check_cli(repo)
    assert the_error(run, "name-not-portable", "guidelines/caf\\xe9.md", 1, 1).message == (
        "the name 'caf\\xe9.md' is not portable: it is not valid UTF-8; rename it"
    )


def test_names_that_differ_only_in_case(repo: Path) -> None:
    rule = repo / "guidelines/hate-speech/HS-001.md"
    (repo / "guidelines/hate-speech/hs-001.md").write_text(rule.read_text())
    (repo / "guidelines/Bullying").mkdir()
    (repo / "guidelines/Bullying/notes.txt").write_text("x")
    (repo / "examples/Bullying").mkdir()
    (repo / "examples/Bullying/BU-001.yaml").write_text("x")  # the folder clash is reported, not each file
    run = check_cli(repo)
    assert run.returncode == 1
    clash = "differ only in case: Windows and macOS keep one file for both; rename or remove one"
    assert errors(run, "name-case-clash") == [
        ("examples/bullying", 1, 1, f"'bullying' and 'Bullying' in examples/ {clash}"),
        ("guidelines/bullying", 1, 1, f"'bullying' and 'Bullying' in guidelines/ {clash}"),
        ("guidelines/hate-speech/hs-001.md", 1, 1, f"'hs-001.md' and 'HS-001.md' in guidelines/hate-speech/ {clash}"),
    ]


def test_names_that_differ_only_in_unicode_normal_form(repo: Path) -> None:
    # macOS takes "é" as one character (NFC) and as "e" + a combining accent (NFD) for one name.
    (repo / "guidelines/caf\u00e9.md").write_text(PAGE)
    (repo / "guidelines/cafe\u0301.md").write_text(PAGE)
    run = check_cli(repo)
    [(path, _, _, message)] = errors(run, "name-case-clash")
    assert path in ("guidelines/caf\u00e9.md", "guidelines/cafe\u0301.md")
    assert message.endswith("differ only in case or in how their letters are encoded (NFC, NFD): Windows and macOS keep one file for both; rename or remove one")


def test_names_in_a_release_tag_are_checked_too(repo: Path) -> None:
    run_git("init", "-q", "-b", "main", cwd=repo)
    (repo / "guidelines/Introduction.md").write_text(PAGE)
    (repo / "guidelines/aux.md").write_text(PAGE)
    run_git("add", "-A", cwd=repo)
    run_git("commit", "-qm", "Release", cwd=repo)
    run_git("tag", "v1.0.0", cwd=repo)
    problems = [(p.pos.path, p.code) for p in check(GitTree(repo, "v1.0.0")).problems if p.severity == "error"]
    assert problems == [("guidelines/aux.md", "name-not-portable"), ("guidelines/introduction.md", "name-case-clash")]


@pytest.mark.parametrize(
    ("path", "what"),
    [
        ("guidelines/changes.md", "the 'What changed' page"),
        ("guidelines/changes.bn.md", "the 'What changed' page"),
        ("guidelines/practice.md", "the practice quiz page"),
        ("guidelines/practice/index.md", "the practice quiz page"),
        ("guidelines/bn/index.md", "the site in 'bn'"),
        ("guidelines/bn.md", "the site in 'bn'"),
        ("guidelines/bn/logo.png", "the site in 'bn'"),
        ("guidelines/hate-speech.md", "the page of area 'hate-speech'"),
        ("guidelines/bullying/index.html", "the page of area 'bullying'"),
        ("guidelines/hate-speech/HS-001/index.html", "the page of rule HS-001"),
        ("guidelines/Changes/README.md", "the 'What changed' page"),
        ("guidelines/decisions/index.md", "the decisions page"),
        ("guidelines/index.html", "the home page"),
        ("guidelines/assets/labelbook/labelbook.js", "labelbook's own styles, scripts and fonts (assets/labelbook/)"),
        ("guidelines/search/search_index.json", "MkDocs' search index (search/)"),
        ("guidelines/latest.md", "the 'latest' alias of a versioned site (latest/)"),
        ("guidelines/dev/index.html", "the 'dev' version of a versioned site (dev/)"),
        ("guidelines/404.html", "the 'page not found' page"),
        ("guidelines/sitemap.xml", "MkDocs' sitemap"),
        ("guidelines/versions.json", "the version list of a versioned site"),
    ],
)
def test_a_file_in_the_place_of_a_generated_one(repo: Path, path: str, what: str) -> None:
    target = repo / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(PAGE)
    run = check_cli(repo)
    found = the_error(run, "page-reserved", path, 1, 1)
    assert found.message == f"{path} would replace {what}, which labelbook generates; rename or move it"


def test_pages_merged_into_generated_ones_and_other_files_are_allowed(repo: Path) -> None:
    for path in ("index.md", "index.bn.md", "decisions.md", "decisions.bn.md", "assets/logo.png", "changes/chart.png", "search-tips.md"):
        (repo / "guidelines" / path).parent.mkdir(parents=True, exist_ok=True)
        (repo / "guidelines" / path).write_text(PAGE)
    (repo / "guidelines/hate-speech/diagram.png").write_bytes(b"\x89PNG\r\n")
    run = check_cli(repo)
    no_crash(run)
    assert run.returncode == 0, run.stdout
    assert set(MERGED_PAGES) == {"index", "decisions"}


def test_an_area_id_that_takes_a_generated_url(repo: Path) -> None:
    policy = repo / "guidelines/policy.yaml"
    line = replace_line(policy, "  - id: bullying", "  - id: changes")
    for path in ("guidelines/policy.bn.yaml",):
        replace_line(repo / path, "  bullying:", "  changes:")
    run = check_cli(repo)
    found = [f for f in run.findings if f.code == "page-reserved"]
    assert [(f.path, f.line, f.col) for f in found] == [("guidelines/policy.yaml", line, locate(policy, "changes")[1])]
    assert found[0].message == "area id 'changes' would put its page where labelbook generates the 'What changed' page; choose another id"


def test_build_refuses_a_page_that_overrides_a_generated_one(repo: Path, tmp_path: Path) -> None:
    (repo / "guidelines/changes.md").write_text("# What changed\n\nNothing, trust me.\n")
    (repo / "guidelines/con.md").write_text(PAGE)
    site = tmp_path / "site"
    run = labelbook("build", "-C", repo, "-d", site)
    no_crash(run)
    assert run.returncode == 1
    assert [(f.path, f.code) for f in run.findings] == [("guidelines/changes.md", "page-reserved"), ("guidelines/con.md", "name-not-portable")]
    assert not site.exists()


def test_the_reserved_names_are_the_sites_own() -> None:
    # The site layer builds these pages and folders; a rename there must be made here too.
    from labelbook.site import assets, extra_pages, urls

    assert assets.SITE_PREFIX in RESERVED_FOLDERS
    assert {extra_pages.CHANGES, extra_pages.PRACTICE} == {f"{name}.md" for name in GENERATED_PAGES}
    assert {urls.HOME, urls.DECISIONS} == {f"{name}.md" for name in MERGED_PAGES}
    assert "404.html" in RESERVED_FILES and "versions.json" in RESERVED_FILES
