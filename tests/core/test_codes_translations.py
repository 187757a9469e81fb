"""One check code per test: translations (orphans, languages, stale and missing units).

Every test starts from the valid sample repository and introduces exactly one defect; the
expected line and column are found in the edited file itself, at the offending key or value.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from labelbook.core.model import fingerprint

from .helpers import no_crash, the_error, the_warning
from .paths import HS1_EX, HS1_EX_BN, BU1_EX, BU1, BU1_BN, POLICY_BN
from .sample import RULES, check, example_fingerprints, insert_after, locate, replace_line, rule_fingerprint


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
