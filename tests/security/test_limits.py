"""Limits are errors, not crashes (SPEC §3, "Trust"): each has a documented limit and a
located error, reached at once on a hostile file of one or two megabytes.

Before these limits, 200 KB of '[' killed `labelbook check` (libyaml's composer overflowed
the C stack), and a list nested 600 levels deep passed `check` and then crashed `build`
with a RecursionError that named no file.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from labelbook.core.layout import MAX_MARKDOWN_DEPTH, MAX_MARKDOWN_MARKS
from labelbook.core.sources import MAX_BYTES
from labelbook.core.yamlio import MAX_DEPTH

from tests.core.helpers import no_crash, the_error
from tests.core.sample import check, labelbook, locate, replace_line, write_repo

README = Path(__file__).parents[2] / "README.md"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return write_repo(tmp_path / "repo")


def test_the_limits_are_documented() -> None:
    readme = README.read_text(encoding="utf-8")
    assert f"| `yaml-too-deep` | error | lists and mappings nested more than {MAX_DEPTH} levels deep |" in readme
    assert (
        f"lists and blockquotes nested more than {MAX_MARKDOWN_DEPTH} levels deep, "
        f"or a paragraph with more than {MAX_MARKDOWN_MARKS:,} emphasis marks"
    ) in readme
    assert f"| `file-too-large` | error | the file is over {MAX_BYTES // 2**20} MB |" in readme


# -- YAML ---------------------------------------------------------------------------------


def test_two_megabytes_of_flow_nesting_is_a_located_error(repo: Path, tmp_path: Path) -> None:
    path = repo / "examples/hate-speech/HS-001.yaml"
    n = 999_000
    path.write_text("rule: HS-001\nexamples: " + "[" * n + "]" * n + "\n")
    assert MAX_BYTES > path.stat().st_size > 1_900_000
    # The document is a mapping: the list that passes the limit is its 50th bracket.
    col = len("examples: ") + MAX_DEPTH
    found = the_error(check(repo), "yaml-too-deep", "examples/hate-speech/HS-001.yaml", 2, col)
    assert found.message == f"lists and mappings are nested more than {MAX_DEPTH} levels deep here, the limit; write it flatter"

    built = labelbook("build", "-C", repo, "-d", tmp_path / "site", timeout=300)
    no_crash(built)
    assert built.returncode == 1, built.stderr
    assert f"examples/hate-speech/HS-001.yaml:2:{col}: error[yaml-too-deep]: {found.message}\n" in built.stdout


def test_block_nesting_is_a_located_error(repo: Path) -> None:
    path = repo / "examples/bullying/BU-001.yaml"
    line = replace_line(path, "    distractors: [allow]", "    distractors:\n" + "    - " * 300_000 + "allow")
    # The document (1) lists examples (2), mappings (3) whose distractors are a list (4) of
    # lists: the list that passes the limit starts at the 48th '-'.
    found = the_error(check(repo), "yaml-too-deep", "examples/bullying/BU-001.yaml", line + 1, 5 + 6 * (MAX_DEPTH - 3))
    assert found.message.startswith(f"lists and mappings are nested more than {MAX_DEPTH} levels deep here")


def test_deep_yaml_in_front_matter(repo: Path) -> None:
    path = repo / "guidelines/hate-speech/HS-001.md"
    line = replace_line(path, "tags: [slur]", "tags: " + "[" * 500_000 + "]" * 500_000)
    the_error(check(repo), "yaml-too-deep", "guidelines/hate-speech/HS-001.md", line, len("tags: ") + MAX_DEPTH)


def test_front_matter_of_a_page_that_mkdocs_would_read(repo: Path) -> None:
    # labelbook does not read a page's front matter, but MkDocs does, with libyaml.
    (repo / "guidelines/deep-meta.md").write_text("---\ntitle: " + "{a: " * 100_000 + "\n---\n# Page\n")
    the_error(check(repo), "yaml-too-deep", "guidelines/deep-meta.md", 2, len("title: ") + 4 * (MAX_DEPTH - 1) + 1)
    bomb = "---\na: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n" for p, c in zip("abcdefgh", "bcdefghi")
    )
    (repo / "guidelines/deep-meta.md").write_text(bomb + "---\n# Page\n")
    the_error(check(repo), "yaml-alias-bomb", "guidelines/deep-meta.md", 2, 1)


def test_deep_yaml_that_is_quoted_text_is_fine(repo: Path) -> None:
    path = repo / "examples/bullying/BU-001.yaml"
    replace_line(path, 'content: A student films', '    content: "A student films [[[[' + "[" * 5000 + ' a crying classmate."')
    run = check(repo)
    no_crash(run)
    assert run.codes() == ["translation-stale"]  # the English changed; nothing else


# -- Markdown -----------------------------------------------------------------------------

DEEP_LIST = "- " * 600 + "too deep\n"
TOO_DEEP = f"lists and blockquotes are nested more than {MAX_MARKDOWN_DEPTH} levels deep here, the limit; flatten them"


def test_a_deep_list_in_a_rule_body_fails_check_and_build_names_it(repo: Path, tmp_path: Path) -> None:
    path = repo / "guidelines/hate-speech/HS-001.md"
    line = replace_line(path, "Quoting a slur to condemn it", DEEP_LIST)
    col = 2 * MAX_MARKDOWN_DEPTH + 1  # the 21st '-'
    assert the_error(check(repo, "--format", "text"), "markdown-too-deep", "guidelines/hate-speech/HS-001.md", line, col).message == TOO_DEEP

    site = tmp_path / "site"
    built = labelbook("build", "-C", repo, "-d", site, timeout=300)
    no_crash(built)
    assert built.returncode == 1, built.stderr
    assert f"guidelines/hate-speech/HS-001.md:{line}:{col}: error[markdown-too-deep]: {TOO_DEEP}\n" in built.stdout
    assert not site.exists()


def test_a_list_nested_by_indentation_in_a_page(repo: Path) -> None:
    lines = "".join("    " * i + "- item\n" for i in range(600))
    (repo / "guidelines/deep.md").write_text("# Deep\n\n" + lines)
    the_error(check(repo), "markdown-too-deep", "guidelines/deep.md", 3 + MAX_MARKDOWN_DEPTH, 4 * MAX_MARKDOWN_DEPTH + 1)


def test_a_deep_blockquote_in_a_translation(repo: Path) -> None:
    path = repo / "guidelines/bullying/BU-001.bn.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "\n" + ">" * 600 + " উদ্ধৃতি\n", encoding="utf-8")
    line = text.count("\n") + 2
    the_error(check(repo), "markdown-too-deep", "guidelines/bullying/BU-001.bn.md", line, MAX_MARKDOWN_DEPTH + 1)


def test_lists_inside_blockquotes_count_together(repo: Path) -> None:
    (repo / "guidelines/mixed.md").write_text("# Mixed\n\n" + "> - " * 11 + "x\n")
    the_error(check(repo), "markdown-too-deep", "guidelines/mixed.md", 3, 4 * 10 + 1)  # the 11th '>' is the 21st level


def test_a_deep_list_in_a_rationale(repo: Path) -> None:
    path = repo / "examples/bullying/BU-001.yaml"
    rationale = "    rationale: It humiliates an identifiable private person, and a minor at that."
    replace_line(path, rationale, "    rationale: |\n      " + "- " * 30 + "nested")
    line, col = locate(path, "|")
    found = the_error(check(repo), "markdown-too-deep", "examples/bullying/BU-001.yaml", line, col)
    assert found.message == f"the rationale of BU-001-E01: {TOO_DEEP}"


def test_nested_emphasis_is_bounded(repo: Path) -> None:
    n = 600  # 1,200 marks: the build crashed at about 1,000 levels
    line = "*a " * n + "x" + " a*" * n
    (repo / "guidelines/emphasis.md").write_text(f"# Emphasis\n\n{line}\n")
    found = the_error(check(repo), "markdown-too-deep", "guidelines/emphasis.md", 3, [i for i, c in enumerate(line) if c == "*"][MAX_MARKDOWN_MARKS] + 1)
    assert "more than 1000 emphasis marks" in found.message


@pytest.mark.parametrize(
    ("body", "deep"),
    [
        ("- " * 1_000_000, True),  # 2 MB of list markers on one line
        ("> " * 1_000_000, True),
        ("*a " * 600_000, True),
        ("".join(" " * (i % 19 * 4) + "- x\n" for i in range(40_000)), False),  # 19 levels at most, over and over
    ],
    ids=["markers", "quotes", "emphasis", "lines"],
)
def test_megabytes_of_hostile_markdown_give_the_error_not_a_crash(repo: Path, body: str, deep: bool) -> None:
    path = repo / "guidelines/hostile.md"
    path.write_text("# Hostile\n\n" + body)
    assert MAX_BYTES > path.stat().st_size > 1_000_000
    run = check(repo)
    no_crash(run)
    assert [(f.path, f.code) for f in run.findings] == ([("guidelines/hostile.md", "markdown-too-deep")] if deep else [])
    assert run.returncode == (1 if deep else 0)


def test_ordinary_nesting_and_formatting_pass(repo: Path) -> None:
    body = (
        "# Guide\n\n"
        + "".join("    " * i + f"{i + 1}. level {i + 1} with **bold** and _em_\n" for i in range(6))
        + "\n> A quote\n>\n> - with a list\n>     - and a sub-list\n\n"
        + "| term | meaning |\n|---|---|\n"
        + "".join(f"| **t{i}** | ~~old~~ *new* |\n" for i in range(80))
        + "\n```yaml\nexamples:\n  - id: x\n    tags: [a]\n```\n"
    )
    (repo / "guidelines/guide.md").write_text(body)
    path = repo / "examples/bullying/BU-001.yaml"
    rationale = "    rationale: It humiliates an identifiable private person, and a minor at that."
    replace_line(path, rationale, "    rationale: |\n      It humiliates:\n\n      - a person\n          - a minor\n              - at school")
    run = check(repo)
    no_crash(run)
    assert [f.code for f in run.findings if f.severity == "error"] == []
