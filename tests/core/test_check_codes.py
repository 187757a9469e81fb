"""One broken file per check code, through the real `labelbook check`: code, path, line, column.

Every test starts from the valid sample repository and introduces exactly one defect; the
expected line and column are found in the edited file itself, at the offending key or value.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from labelbook.model import fingerprint

from .helpers import no_crash, the_error, the_warning
from .sample import EXAMPLES, RULES, check, example_fingerprints, insert_after, locate, replace_line, rule_fingerprint

HS1_EX = "examples/hate-speech/HS-001.yaml"
HS1_EX_BN = "examples/hate-speech/HS-001.bn.yaml"
BU1_EX = "examples/bullying/BU-001.yaml"
HS1 = "guidelines/hate-speech/HS-001.md"
HS2 = "guidelines/hate-speech/HS-002.md"
BU1 = "guidelines/bullying/BU-001.md"
BU1_BN = "guidelines/bullying/BU-001.bn.md"
POLICY = "guidelines/policy.yaml"
POLICY_BN = "guidelines/policy.bn.yaml"


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


# --- policy -------------------------------------------------------------------------------


def test_policy_missing(repo: Path) -> None:
    (repo / POLICY).unlink()
    run = check(repo)
    err = the_error(run, "policy-missing", POLICY, 1, 1)
    assert "labelbook init" in err.message


def test_policy_translation_file_missing(repo: Path) -> None:
    (repo / POLICY_BN).unlink()
    run = check(repo)
    err = the_error(run, "policy-translation-missing", POLICY, 1, 1)
    assert "guidelines/policy.bn.yaml is missing" in err.message


def test_policy_translation_title_missing(repo: Path) -> None:
    f = repo / POLICY_BN
    for old in ("  bullying:", "    title: হয়রানি ও উৎপীড়ন", "অপমান, হুমকি"):
        replace_line(f, old, None)
    run = check(repo)
    err = the_error(run, "policy-translation-missing", POLICY_BN, 1, 1)
    assert err.message == "Bengali title of area 'bullying' is missing"


def test_decision_duplicate(repo: Path) -> None:
    f = repo / POLICY
    first = locate(f, "- id: allow")[0]
    line = insert_after(f, "description: Leave the video up.", "  - id: allow\n    title: Allow again")
    run = check(repo)
    err = the_error(run, "decision-duplicate", POLICY, line, 9)
    assert err.message == f"decision id 'allow' is defined twice (first on line {first})"


def test_area_duplicate(repo: Path) -> None:
    f = repo / POLICY
    first = locate(f, "- id: bullying")[0]
    line = insert_after(f, "description: Insults, threats", "  - id: bullying\n    title: Bullying")
    run = check(repo)
    err = the_error(run, "area-duplicate", POLICY, line, 9)
    assert f"first on line {first}" in err.message


# --- rules and examples -------------------------------------------------------------------


def test_id_mismatch_of_a_rule(repo: Path) -> None:
    f = repo / BU1
    line = replace_line(f, "id: BU-001", "id: BU-002")
    run = check(repo)
    no_crash(run)
    errors = [(x.code, x.path, x.line, x.col) for x in run.findings if x.severity == "error"]
    assert errors == [("id-mismatch", BU1, line, 5)]
    assert run.returncode == 1


def test_id_mismatch_of_an_examples_file(repo: Path) -> None:
    (repo / BU1_EX).rename(repo / "examples/bullying/BU-009.yaml")
    run = check(repo)
    err = the_error(run, "id-mismatch", "examples/bullying/BU-009.yaml", 1, 7)
    assert "must be called BU-001.yaml" in err.message


def test_area_mismatch_of_a_rule(repo: Path) -> None:
    moved = "guidelines/hate-speech/BU-001.md"
    (repo / BU1).rename(repo / moved)
    run = check(repo)
    err = the_error(run, "area-mismatch", moved, 3, 7)
    assert "move it to guidelines/bullying/" in err.message


def test_area_mismatch_of_an_examples_file(repo: Path) -> None:
    moved = "examples/hate-speech/BU-001.yaml"
    (repo / BU1_EX).rename(repo / moved)
    run = check(repo)
    err = the_error(run, "area-mismatch", moved, 1, 7)
    assert "move them to examples/bullying/" in err.message


def test_area_unknown(repo: Path) -> None:
    f = repo / BU1
    line = replace_line(f, "area: bullying", "area: bulying")
    run = check(repo)
    err = the_error(run, "area-unknown", BU1, line, 7)
    assert err.message == "area 'bulying' (did you mean 'bullying'?); expected one of: hate-speech, bullying"


def test_decision_unknown(repo: Path) -> None:
    f = repo / HS1
    line = replace_line(f, "decision: remove", "decision: delete")
    run = check(repo)
    err = the_error(run, "decision-unknown", HS1, line, 11)
    assert err.message.endswith("expected one of: remove, age-restrict, allow")


def test_label_unknown_message_is_the_spec_s(repo: Path) -> None:
    f = repo / HS1_EX
    line = replace_line(f, "label: allow", "    label: delete")
    run = check(repo)
    err = the_error(run, "label-unknown", HS1_EX, line, 12)
    assert err.message == "label 'delete' is not a decision; expected one of: remove, age-restrict, allow"


def test_label_unknown_with_did_you_mean(repo: Path) -> None:
    f = repo / HS1_EX
    line = replace_line(f, "label: allow", "    label: alow")
    run = check(repo)
    err = the_error(run, "label-unknown", HS1_EX, line, 12)
    assert err.message == "label 'alow' is not a decision (did you mean 'allow'?); expected one of: remove, age-restrict, allow"


def test_distractor_unknown(repo: Path) -> None:
    f = repo / BU1_EX
    line = replace_line(f, "distractors: [remove, age-restrict]", "    distractors: [remove, delete]")
    run = check(repo)
    err = the_error(run, "distractor-unknown", BU1_EX, line, locate(f, "delete")[1])
    assert err.message.startswith("distractor 'delete' is not a decision")


def test_distractor_is_label(repo: Path) -> None:
    f = repo / BU1_EX
    changed = "    distractors: [remove, allow]"
    line = replace_line(f, "distractors: [remove, age-restrict]", changed)
    run = check(repo)
    err = the_error(run, "distractor-is-label", BU1_EX, line, changed.index("allow") + 1)
    assert "BU-001-E02" in err.message


def test_related_unknown(repo: Path) -> None:
    f = repo / HS1
    line = replace_line(f, "related: [HS-002, BU-001]", "related: [HS-002, BU-011]")
    run = check(repo)
    err = the_error(run, "related-unknown", HS1, line, 19)
    assert err.message == "related rule BU-011 does not exist (did you mean 'BU-001'?)"


def test_related_self(repo: Path) -> None:
    f = repo / BU1
    line = replace_line(f, "related: [HS-001]", "related: [HS-001, BU-001]")
    run = check(repo)
    err = the_error(run, "related-self", BU1, line, 19)
    assert "lists itself" in err.message


def test_replaced_by_unknown(repo: Path) -> None:
    f = repo / HS2
    line = replace_line(f, "replaced_by: HS-001", "replaced_by: HS-010")
    run = check(repo)
    err = the_error(run, "replaced-by-unknown", HS2, line, 14)
    assert "HS-010 does not exist" in err.message


def test_replaced_by_itself(repo: Path) -> None:
    f = repo / HS2
    line = replace_line(f, "replaced_by: HS-001", "replaced_by: HS-002")
    run = check(repo)
    err = the_error(run, "replaced-by-unknown", HS2, line, 14)
    assert "cannot replace itself" in err.message


def test_replaced_by_not_deprecated(repo: Path) -> None:
    f = repo / HS2
    replace_line(f, "status: deprecated", "status: active")
    line, col = locate(f, "HS-001")
    run = check(repo)
    err = the_error(run, "replaced-by-not-deprecated", HS2, line, col)
    assert "status: deprecated" in err.message


def test_rule_duplicate(repo: Path) -> None:
    copy = "guidelines/hate-speech/BU-001.md"
    shutil.copy(repo / BU1, repo / copy)
    run = check(repo)
    err = the_error(run, "rule-duplicate", copy, 2, 5)
    assert err.message == f"rule id BU-001 is already used by {BU1}"


def test_example_duplicate(repo: Path) -> None:
    f = repo / HS1_EX
    first = locate(f, "id: HS-001-E02")[0]
    text = f.read_text(encoding="utf-8")
    block = text[text.index("  - id: HS-001-E02") :].replace("a religious group", "an ethnic group")
    f.write_text(text + block, encoding="utf-8")
    line, col = locate(f, "HS-001-E02", 2)
    run = check(repo)
    err = the_error(run, "example-duplicate", HS1_EX, line, col)
    assert err.message == f"example id HS-001-E02 is already used in {HS1_EX}:{first}"


def test_example_duplicate_across_files(repo: Path) -> None:
    f = repo / HS1_EX
    (repo / "examples/hate-speech/HS-009.yaml").write_text(
        EXAMPLES[HS1_EX].replace("rule: HS-001", "rule: HS-009"), encoding="utf-8"
    )
    run = check(repo)
    no_crash(run)
    dupes = [x for x in run.findings if x.code == "example-duplicate"]
    assert {(x.path, x.line, x.message) for x in dupes} == {
        ("examples/hate-speech/HS-009.yaml", locate(f, id)[0], f"example id {id} is already used in {HS1_EX}:{locate(f, id)[0]}")
        for id in ("HS-001-E01", "HS-001-E02")
    }
    assert run.returncode == 1


def test_example_id_mismatch(repo: Path) -> None:
    f = repo / BU1_EX
    f.write_text(
        f.read_text(encoding="utf-8")
        + "  - id: BU-010-E01\n    modality: text\n    content: A private message calls a coworker [insult].\n"
        "    label: remove\n    rationale: An insult aimed at a private person.\n",
        encoding="utf-8",
    )
    line, col = locate(f, "BU-010-E01")
    run = check(repo)
    err = the_error(run, "example-id-mismatch", BU1_EX, line, col)
    assert "must start with its rule id: BU-001-E01" in err.message


def test_rule_unknown(repo: Path) -> None:
    orphan = "examples/bullying/BU-009.yaml"
    (repo / orphan).write_text(
        EXAMPLES[BU1_EX].replace("BU-001", "BU-009"), encoding="utf-8"
    )
    run = check(repo)
    err = the_error(run, "rule-unknown", orphan, 1, 7)
    assert "rule BU-009 does not exist (did you mean 'BU-001'?)" in err.message


# --- translations -------------------------------------------------------------------------


def test_translation_orphan_rule(repo: Path) -> None:
    orphan = "guidelines/bullying/BU-009.bn.md"
    shutil.copy(repo / BU1_BN, repo / orphan)
    run = check(repo)
    err = the_error(run, "translation-orphan", orphan, 1, 1)
    assert "translation of rule BU-009, which does not exist" in err.message


def test_translation_orphan_example(repo: Path) -> None:
    f = repo / HS1_EX_BN
    with f.open("a", encoding="utf-8") as out:
        out.write("  HS-001-E09:\n    source: 0123456789ab\n    content: একটি উদাহরণ যা আর নেই।\n")
    line, col = locate(f, "HS-001-E09")
    run = check(repo)
    err = the_error(run, "translation-orphan", HS1_EX_BN, line, col)
    assert "translation of example HS-001-E09, which does not exist" in err.message


def test_translation_orphan_decision(repo: Path) -> None:
    f = repo / POLICY_BN
    line = insert_after(f, "ভিডিওটি যেমন আছে", "  alow:\n    title: অনুমতি দিন")
    run = check(repo)
    err = the_error(run, "translation-orphan", POLICY_BN, line, 3)
    assert err.message == "translation of decision 'alow', which does not exist in policy.yaml (did you mean 'allow'?)"


def test_translation_orphan_area(repo: Path) -> None:
    f = repo / POLICY_BN
    with f.open("a", encoding="utf-8") as out:
        out.write("  self-harm:\n    title: আত্মক্ষতি\n")
    line, col = locate(f, "self-harm:")
    run = check(repo)
    err = the_error(run, "translation-orphan", POLICY_BN, line, col)
    assert "translation of area 'self-harm'" in err.message


def test_translation_orphan_page(repo: Path) -> None:
    orphan = "guidelines/faq.bn.md"
    (repo / orphan).write_text("# প্রশ্নোত্তর\n", encoding="utf-8")
    run = check(repo)
    err = the_error(run, "translation-orphan", orphan, 1, 1)
    assert "guidelines/faq.md does not exist" in err.message


def test_translation_language_unknown(repo: Path) -> None:
    fr = "guidelines/bullying/BU-001.fr.md"
    shutil.copy(repo / BU1_BN, repo / fr)
    run = check(repo)
    err = the_error(run, "translation-language-unknown", fr, 1, 1)
    assert "'fr' is not a translation language" in err.message and "en, bn" in err.message


def test_translation_in_the_source_language(repo: Path) -> None:
    en = "examples/bullying/BU-001.en.yaml"
    shutil.copy(repo / "examples/bullying/BU-001.bn.yaml", repo / en)
    run = check(repo)
    the_error(run, "translation-language-unknown", en, 1, 1)


def test_translation_stale_rule(repo: Path) -> None:
    f = repo / BU1
    replace_line(f, "title: Degrading a private person", "title: Degrading or shaming a private person")
    fm, body = RULES[BU1]
    now = fingerprint("Degrading or shaming a private person", body)
    old = rule_fingerprint(BU1)
    run = check(repo)
    w = the_warning(run, "translation-stale", BU1_BN, 1, 1)
    assert w.message == f"Bengali translation of BU-001 is stale (source {old}, English is now {now})"


def test_translation_stale_rule_body_whitespace_is_not_a_change(repo: Path) -> None:
    f = repo / BU1
    f.write_text(f.read_text(encoding="utf-8") + "\n\n   \n", encoding="utf-8")
    run = check(repo, "--strict")
    no_crash(run)
    assert (run.returncode, run.stdout) == (0, "")


def test_translation_stale_example(repo: Path) -> None:
    f = repo / HS1_EX
    replace_line(f, "content: A comment calls", "    content: A comment calls a religious group [slur].")
    old = example_fingerprints()["HS-001-E02"]
    now = fingerprint(
        "A comment calls a religious group [slur].",
        "A slur aimed at a protected group, with no news or counter-speech around it.",
    )
    line, col = locate(repo / HS1_EX_BN, old)
    run = check(repo)
    w = the_warning(run, "translation-stale", HS1_EX_BN, line, col)
    assert w.message == f"Bengali translation of example HS-001-E02 is stale (source {old}, English is now {now})"


def test_translation_missing_rule(repo: Path) -> None:
    (repo / BU1_BN).unlink()
    run = check(repo)
    w = the_warning(run, "translation-missing", BU1, 2, 5)
    assert w.message == "Bengali translation of BU-001 is missing"


def test_translation_missing_example(repo: Path) -> None:
    f = repo / "examples/bullying/BU-001.bn.yaml"
    text = f.read_text(encoding="utf-8")
    f.write_text(text[: text.index("  BU-001-E02:")], encoding="utf-8")
    line, col = locate(repo / BU1_EX, "BU-001-E02")
    run = check(repo)
    w = the_warning(run, "translation-missing", BU1_EX, line, col)
    assert w.message == "Bengali translation of example BU-001-E02 is missing"


def test_translation_missing_policy_description(repo: Path) -> None:
    f = repo / POLICY_BN
    line, col = locate(f, "allow:")
    replace_line(f, "ভিডিওটি যেমন আছে", None)
    run = check(repo)
    w = the_warning(run, "translation-missing", POLICY_BN, line, col)
    assert w.message == "Bengali description of decision 'allow' is missing"


def test_file_ignored_for_yaml_labelbook_does_not_read(repo: Path) -> None:
    # A typo in the extension would otherwise drop every example of the rule in silence.
    (repo / "examples/bullying/BU-002.yml").write_text("rule: BU-002\nexamples: []\n", encoding="utf-8")
    w = the_warning(check(repo), "file-ignored", "examples/bullying/BU-002.yml", 1, 1)
    assert "examples/<area>/<RULE>" in w.message
    (repo / "examples/bullying/BU-002.yml").unlink()
    (repo / "examples/notes.yaml").write_text("rule: BU-001\n", encoding="utf-8")
    the_warning(check(repo), "file-ignored", "examples/notes.yaml", 1, 1)


# --- all problems in one run --------------------------------------------------------------


def test_several_defects_in_several_files_are_all_reported(repo: Path) -> None:
    replace_line(repo / HS1_EX, "label: allow", "    label: delete")
    replace_line(repo / HS1, "severity: high", "severty: high")
    insert_after(repo / HS2, "severity: medium", "severity: low")
    replace_line(repo / BU1, "area: bullying", "area: bulying")
    (repo / "guidelines/faq.bn.md").write_text("# প্রশ্নোত্তর\n", encoding="utf-8")
    (repo / "examples/bullying/BU-001.bn.yaml").write_bytes(b"rule: BU-001\nexamples: {\xff}\n")
    replace_line(repo / POLICY_BN, "title: সরিয়ে দিন", "    title: [সরিয়ে দিন")
    run = check(repo)
    no_crash(run)
    assert sorted((x.code, x.path) for x in run.findings if x.severity == "error") == [
        ("area-unknown", BU1),
        ("file-encoding", "examples/bullying/BU-001.bn.yaml"),
        ("label-unknown", HS1_EX),
        ("schema-unknown-key", HS1),
        ("translation-orphan", "guidelines/faq.bn.md"),
        ("yaml-duplicate-key", HS2),
        ("yaml-syntax", POLICY_BN),
    ]
    # the examples translation could not be read: its examples are missing, not an error
    missing = {x.message for x in run.findings if x.code == "translation-missing"}
    assert missing == {
        "Bengali translation of example BU-001-E01 is missing",
        "Bengali translation of example BU-001-E02 is missing",
    }
    assert run.returncode == 1
    assert f"{len([x for x in run.findings if x.severity == 'error'])} errors" in run.stderr


def test_a_broken_policy_is_reported_and_stops_the_cross_checks(repo: Path) -> None:
    line = replace_line(repo / POLICY, "title: Remove", "    title: [Remove")
    run = check(repo)
    no_crash(run)
    assert run.returncode == 1
    assert [(x.code, x.path) for x in run.findings] == [("yaml-syntax", POLICY)]
    assert run.findings[0].line in (line, line + 1)


def test_control_character_points_at_it(repo: Path) -> None:
    f = repo / "examples/hate-speech/HS-001.bn.yaml"
    line, col = locate(f, "হামলার")
    f.write_text(f.read_text(encoding="utf-8").replace("হামলার", "হামলার\x1b[0m", 1), encoding="utf-8")
    run = check(repo)
    err = the_error(run, "yaml-syntax", "examples/hate-speech/HS-001.bn.yaml", line, col + len("হামলার"))
    assert err.message == "character U+001B is not allowed in YAML (control characters are not allowed); remove it"


def test_unclosed_quote_points_where_it_opens(repo: Path) -> None:
    f = repo / HS1_EX
    line = replace_line(f, "rationale: Reporting", "    rationale: 'Reporting that condemns the slur is news.")
    run = check(repo)
    err = the_error(run, "yaml-syntax", HS1_EX, line, 16)
    assert "quoted scalar" in err.message


def test_fingerprints_are_over_nfc_text(repo: Path) -> None:
    import unicodedata

    title = "Slurs aimed at a protected group in a café"
    nfd = unicodedata.normalize("NFD", title)
    assert nfd != title
    replace_line(repo / HS1, "title: Slurs", f"title: {nfd}")
    _, body = RULES[HS1]
    old = rule_fingerprint(HS1)
    replace_line(repo / "guidelines/hate-speech/HS-001.bn.md", "source:", f"source: {fingerprint(title, body)}")
    assert old != fingerprint(title, body)
    run = check(repo, "--strict")
    no_crash(run)
    assert (run.returncode, run.stdout) == (0, "")


def test_keys_that_differ_only_in_normalisation_are_duplicates(repo: Path) -> None:
    import unicodedata

    f = repo / "examples/hate-speech/HS-001.bn.yaml"
    key = "ব\u09dfস"  # য় as one code point (U+09DF) ...
    other = "ব\u09af\u09bcস"  # ... and as য + nukta: the same letter
    assert key != other and unicodedata.normalize("NFC", key) == unicodedata.normalize("NFC", other)
    text = f.read_text(encoding="utf-8").replace("    content: ", f"    {key}: 1\n    {other}: 2\n    content: ", 1)
    f.write_text(text, encoding="utf-8")
    line = locate(f, other)[0]
    run = check(repo)
    no_crash(run)
    dup = run.only("yaml-duplicate-key")
    assert (dup.path, dup.line, dup.col) == ("examples/hate-speech/HS-001.bn.yaml", line, 5)
    assert run.returncode == 1


# --- one defect, one error: what depends on a broken file is not reported again -----------


def test_missing_rule_key_of_an_examples_file(repo: Path) -> None:
    replace_line(repo / HS1_EX, "rule: HS-001", None)
    run = check(repo)
    err = the_error(run, "schema-required", HS1_EX, 1, 1)
    assert err.message == "required key 'rule' is missing"


def test_malformed_rule_of_an_examples_file(repo: Path) -> None:
    line = replace_line(repo / HS1_EX, "rule: HS-001", "rule: hs-001")
    run = check(repo)
    the_error(run, "schema-pattern", HS1_EX, line, 7)


def test_an_example_without_id_does_not_orphan_its_translation(repo: Path) -> None:
    line = replace_line(repo / HS1_EX, "id: HS-001-E01", "  - idd: HS-001-E01")
    run = check(repo)
    no_crash(run)
    assert sorted((x.code, x.path, x.line) for x in run.findings) == [
        ("schema-required", HS1_EX, line),
        ("schema-unknown-key", HS1_EX, line),
    ]


def test_a_broken_rule_file_does_not_break_what_refers_to_it(repo: Path) -> None:
    (repo / BU1).write_bytes(b"---\nid: BU-001\narea: bullying\ntitle: \xff\n---\n")
    run = check(repo)
    # not: BU-001.bn.md orphaned, BU-001.yaml's rule unknown, HS-001's related BU-001 unknown
    the_error(run, "file-encoding", BU1, 4, 8)


def test_other_files_in_the_docs_folder_are_not_ours(repo: Path) -> None:
    img = repo / "guidelines/img/decision-tree.png"
    img.parent.mkdir()
    img.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * (3 * 4096))  # > 2 MB, not UTF-8
    (repo / "guidelines/.drafts").mkdir()
    (repo / "guidelines/.drafts/HS-009.md").write_text("---\nid: [\n", encoding="utf-8")
    run = check(repo, "--strict")
    no_crash(run)
    assert (run.returncode, run.stdout) == (0, "")
