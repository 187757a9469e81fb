"""Several problems in one run, positions of tricky defects, and one error per defect.

Every test starts from the valid sample repository and introduces exactly one defect; the
expected line and column are found in the edited file itself, at the offending key or value.
"""

from __future__ import annotations

from pathlib import Path

from labelbook.core.model import fingerprint

from .helpers import no_crash, the_error
from .paths import HS1_EX, HS1, HS2, BU1, POLICY, POLICY_BN
from .sample import RULES, check, insert_after, locate, replace_line, rule_fingerprint


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
