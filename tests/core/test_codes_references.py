"""One check code per test: the policy and the cross-references of rules and examples.

Every test starts from the valid sample repository and introduces exactly one defect; the
expected line and column are found in the edited file itself, at the offending key or value.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from .helpers import no_crash, the_error
from .paths import HS1_EX, BU1_EX, HS1, HS2, BU1, POLICY, POLICY_BN
from .sample import EXAMPLES, check, insert_after, locate, replace_line


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
    assert err.message == "area 'bulying' is not defined in policy.yaml (did you mean 'bullying'?); expected one of: hate-speech, bullying"


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
