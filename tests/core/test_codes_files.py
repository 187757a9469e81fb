"""One check code per test: YAML, encodings, files and the JSON Schemas.

Every test starts from the valid sample repository and introduces exactly one defect; the
expected line and column are found in the edited file itself, at the offending key or value.
"""

from __future__ import annotations

from pathlib import Path

from .helpers import no_crash, the_error
from .paths import HS1_EX, HS1, HS2, BU1, BU1_BN, POLICY, POLICY_BN
from .sample import RULES, check, insert_after, locate, replace_line


def test_the_sample_repository_is_clean(repo: Path) -> None:
    run = check(repo, "--strict")
    no_crash(run)
    assert run.returncode == 0
    assert run.stdout == ""
    assert "16 files checked, no problems" in run.stderr


# --- YAML and files -----------------------------------------------------------------------


def test_yaml_syntax_points_at_the_stray_colon(repo: Path) -> None:
    f = repo / HS1_EX
    line = replace_line(f, "label: allow", "    label: the caption reads: hello")
    run = check(repo)
    err = the_error(run, "yaml-syntax", HS1_EX, line, locate(f, ": hello")[1])
    assert "mapping values are not allowed" in err.message


def test_yaml_syntax_second_document(repo: Path) -> None:
    f = repo / HS1_EX
    line = insert_after(f, "distractors: [remove]", "---")
    run = check(repo)
    err = the_error(run, "yaml-syntax", HS1_EX, line, 1)
    assert "only one YAML document" in err.message


def test_yaml_duplicate_key_points_at_the_second_key(repo: Path) -> None:
    f = repo / HS1_EX
    first = locate(f, "label: allow")[0]
    line = insert_after(f, "label: allow", "    label: remove")
    run = check(repo)
    err = the_error(run, "yaml-duplicate-key", HS1_EX, line, 5)
    assert f"duplicate key 'label' (first defined on line {first})" in err.message


def test_yaml_duplicate_key_in_front_matter_counts_file_lines(repo: Path) -> None:
    f = repo / HS2
    line = insert_after(f, "severity: medium", "severity: high")
    run = check(repo)
    err = the_error(run, "yaml-duplicate-key", HS2, line, 1)
    assert f"first defined on line {line - 1}" in err.message


def test_yaml_tag_is_refused_and_never_executed(repo: Path, tmp_path: Path) -> None:
    marker = tmp_path / "EXECUTED"
    f = repo / HS1_EX
    line = replace_line(f, "label: allow", f'    label: !!python/object/apply:os.system ["touch {marker}"]')
    run = check(repo)
    err = the_error(run, "yaml-tag", HS1_EX, line, locate(f, "!!python")[1])
    assert "!!python/object/apply:os.system" in err.message
    assert not marker.exists()


def test_yaml_custom_tag_in_front_matter(repo: Path) -> None:
    f = repo / BU1
    line = replace_line(f, "title: Degrading", "title: !include title.txt")
    run = check(repo)
    the_error(run, "yaml-tag", BU1, line, 8)


BOMB = "".join(
    f"{name}: &{name} [{', '.join([f'*{prev}'] * 9) if prev else ', '.join(['lol'] * 9)}]\n"
    for prev, name in zip([None, *"abcdefgh"], "abcdefghi")
)


def test_yaml_alias_bomb(repo: Path) -> None:
    (repo / HS1_EX).write_text(f"rule: HS-001\n{BOMB}examples: []\n", encoding="utf-8")
    run = check(repo)
    err = the_error(run, "yaml-alias-bomb", HS1_EX, 1, 1)
    assert "250,000" in err.message


def test_file_encoding_points_at_the_bad_byte(repo: Path) -> None:
    f = repo / HS1_EX
    line, col = locate(f, "mosque")
    f.write_bytes(f.read_bytes().replace(b"mosque", b"mos\xe9que"))
    run = check(repo)
    err = the_error(run, "file-encoding", HS1_EX, line, col + 3)
    assert "0xe9" in err.message and "UTF-8" in err.message


def test_file_encoding_nul_byte(repo: Path) -> None:
    f = repo / BU1
    line, col = locate(f, "neighbour")
    f.write_bytes(f.read_bytes().replace(b"neighbour", b"neigh\0bour"))
    run = check(repo)
    err = the_error(run, "file-encoding", BU1, line, col + 5)
    assert "NUL" in err.message


def test_utf8_bom_and_crlf_are_fine(repo: Path) -> None:
    for rel in (HS1_EX, BU1, BU1_BN):
        f = repo / rel
        f.write_bytes(b"\xef\xbb\xbf" + f.read_bytes().replace(b"\n", b"\r\n"))
    run = check(repo, "--strict")
    no_crash(run)
    assert (run.returncode, run.stdout) == (0, "")


def test_file_too_large(repo: Path) -> None:
    f = repo / HS1_EX
    f.write_bytes(f.read_bytes() + b"# padding\n" * (3 * 1024 * 1024 // 10))
    run = check(repo)
    err = the_error(run, "file-too-large", HS1_EX, 1, 1)
    assert "MB" in err.message


def test_frontmatter_missing(repo: Path) -> None:
    fm, body = RULES[BU1]
    (repo / BU1).write_text(fm + body, encoding="utf-8")
    run = check(repo)
    the_error(run, "frontmatter-missing", BU1, 1, 1)


def test_frontmatter_unclosed(repo: Path) -> None:
    fm, body = RULES[BU1]
    (repo / BU1).write_text("---\n" + fm + body, encoding="utf-8")
    run = check(repo)
    err = the_error(run, "frontmatter-unclosed", BU1, 1, 1)
    assert "never closed" in err.message


# --- schema -------------------------------------------------------------------------------


def test_schema_unknown_key_with_did_you_mean(repo: Path) -> None:
    f = repo / HS1
    line = replace_line(f, "severity: high", "severty: high")
    run = check(repo)
    err = the_error(run, "schema-unknown-key", HS1, line, 1)
    assert err.message.startswith("unknown key 'severty' (did you mean 'severity'?)")


def test_schema_unknown_key_without_close_match(repo: Path) -> None:
    f = repo / HS1_EX
    line = insert_after(f, "difficulty: easy", "    reviewer: Rahim")
    run = check(repo)
    err = the_error(run, "schema-unknown-key", HS1_EX, line, 5)
    assert "did you mean" not in err.message and "allowed here:" in err.message


def test_schema_required_in_an_example(repo: Path) -> None:
    f = repo / HS1_EX
    replace_line(f, "rationale: A slur aimed", None)
    line, col = locate(f, "id: HS-001-E02")
    run = check(repo)
    err = the_error(run, "schema-required", HS1_EX, line, col)
    assert "'rationale' is missing" in err.message and "examples[1]" in err.message


def test_schema_required_in_front_matter(repo: Path) -> None:
    replace_line(repo / BU1, "title: Degrading", None)
    run = check(repo)
    err = the_error(run, "schema-required", BU1, 2, 1)
    assert "required key 'title' is missing" in err.message


def test_schema_type(repo: Path) -> None:
    f = repo / HS1
    line = replace_line(f, "related: [HS-002, BU-001]", "related: HS-002, BU-001")
    run = check(repo)
    err = the_error(run, "schema-type", HS1, line, 10)
    assert err.message == "'related' must be a list, not text"


def test_schema_type_quoted_boolean(repo: Path) -> None:
    f = repo / HS1_EX
    line = replace_line(f, "sensitive: true", '    sensitive: "true"')
    run = check(repo)
    err = the_error(run, "schema-type", HS1_EX, line, 16)
    assert err.message == "'sensitive' must be true or false, not text"


def test_schema_enum_with_did_you_mean(repo: Path) -> None:
    f = repo / HS1_EX
    line = replace_line(f, "modality: comment", "    modality: coment")
    run = check(repo)
    err = the_error(run, "schema-enum", HS1_EX, line, 15)
    assert "modality 'coment' is not one of: video, livestream, comment" in err.message
    assert "(did you mean 'comment'?)" in err.message


def test_schema_pattern(repo: Path) -> None:
    f = repo / BU1_BN
    line = replace_line(f, "source:", "source: NOT-A-HASH")
    run = check(repo)
    err = the_error(run, "schema-pattern", BU1_BN, line, 9)
    assert "source 'NOT-A-HASH' is not valid: 12 lower-case hex digits" in err.message


def test_schema_pattern_of_a_translated_key(repo: Path) -> None:
    f = repo / POLICY_BN
    line = replace_line(f, "  allow:", "  Allow:")
    run = check(repo)
    no_crash(run)
    err = run.only("schema-pattern")
    assert (err.path, err.line, err.col) == (POLICY_BN, line, 3)
    assert err.message == "key 'Allow' is not valid: lower-case letters, digits and single dashes, e.g. hate-speech"
    # and, as a consequence, the real 'allow' has no Bengali title
    assert "Bengali title of decision 'allow' is missing" in run.stdout
    assert run.returncode == 1


def test_schema_duplicate(repo: Path) -> None:
    f = repo / HS1
    line = replace_line(f, "tags: [slur]", "tags: [slur, slur]")
    run = check(repo)
    err = the_error(run, "schema-duplicate", HS1, line, 7)
    assert "'tags' lists the same value twice" in err.message


def test_schema_empty(repo: Path) -> None:
    f = repo / POLICY
    line = replace_line(f, "description: Leave the video up.", '    description: ""')
    run = check(repo)
    err = the_error(run, "schema-empty", POLICY, line, 18)
    assert "'description' must not be empty" in err.message


def test_empty_file(repo: Path) -> None:
    (repo / HS1_EX).write_text("# nothing yet\n", encoding="utf-8")
    run = check(repo)
    the_error(run, "schema-type", HS1_EX, 1, 1)
