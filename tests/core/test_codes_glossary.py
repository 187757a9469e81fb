"""The terminology glossary (locales/<lang>/glossary.yaml): `check` warns translation-term,
located, where a Bengali unit uses a variant to avoid or a current one lacks the term."""

from __future__ import annotations

from pathlib import Path

import pytest

from .helpers import no_crash
from .sample import check, locate, replace_line, write_repo

GLOSSARY = """\
terms:
  - en: slur
    bn: গালি
    avoid: [স্লার]
    note: the word labelers know
  - en: public figure
    bn: পাবলিক ফিগার
    avoid: [জনপরিচিত]
  - en: comment
    bn: মন্তব্য
    avoid: [কমেন্ট]
"""
BN_EXAMPLES = "examples/hate-speech/HS-001.bn.yaml"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = write_repo(tmp_path / "repo")
    (root / "locales" / "bn").mkdir(parents=True)
    (root / "locales" / "bn" / "glossary.yaml").write_text(GLOSSARY, encoding="utf-8")
    return root


def terms(run) -> list[tuple[str, int, int, str]]:
    no_crash(run)
    return sorted((f.path, f.line, f.col, f.message) for f in run.findings if f.code == "translation-term")


def test_a_variant_to_avoid_is_a_warning_at_the_word(repo: Path) -> None:
    path = repo / BN_EXAMPLES
    path.write_text(path.read_text(encoding="utf-8").replace("একটি মন্তব্যে একটি", "একটি কমেন্টে একটি"), encoding="utf-8")
    line, col = locate(path, "কমেন্টে")
    found = terms(check(repo))
    assert (BN_EXAMPLES, line, col) in [f[:3] for f in found]
    message = next(f[3] for f in found if f[:3] == (BN_EXAMPLES, line, col))
    assert message == "example HS-001-E02: 'কমেন্ট' is a variant the Bengali glossary says not to use for 'comment'; use 'মন্তব্য'"
    assert check(repo).returncode == 0  # a warning: it fails only with --strict
    assert check(repo, "--strict").returncode == 1


def test_a_current_unit_without_the_term_is_a_warning_and_inflected_forms_count(repo: Path) -> None:
    # BU-001-E02's English says "public figure"; the sample's Bengali says জনপরিচিত: both warnings.
    found = [f for f in terms(check(repo)) if f[0] == "examples/bullying/BU-001.bn.yaml"]
    messages = [f[3] for f in found]
    assert any("'জনপরিচিত' is a variant" in m for m in messages)
    assert "example BU-001-E02: the English has 'public figure', and the Bengali glossary's term 'পাবলিক ফিগার' is missing from its translation" in messages
    path = repo / "examples/bullying/BU-001.bn.yaml"
    replace_line(path, "    rationale: \"জনপরিচিত", '    rationale: "পাবলিক ফিগারের প্রকাশ্য আচরণ নিয়ে ব্যঙ্গ উৎপীড়ন নয়।"')
    assert [f for f in terms(check(repo)) if f[0] == "examples/bullying/BU-001.bn.yaml"] == []  # ফিগারের: an inflected form


def test_a_stale_unit_is_not_asked_for_the_term_but_a_variant_still_counts(repo: Path) -> None:
    english = repo / "examples/bullying/BU-001.yaml"
    english.write_text(english.read_text(encoding="utf-8").replace("Satire of a public figure's", "Satire of a public figure's own"), encoding="utf-8")
    found = [f[3] for f in terms(check(repo)) if f[0] == "examples/bullying/BU-001.bn.yaml"]
    assert not any("is missing" in m for m in found)
    assert any("'জনপরিচিত' is a variant" in m for m in found)


def test_the_english_term_is_a_whole_word_in_any_case_and_plural(repo: Path) -> None:
    from labelbook.core.glossary import load_glossary

    glossary, problems = load_glossary(GLOSSARY.encode(), "locales/bn/glossary.yaml")
    assert problems == []
    slur, figure, comment = glossary
    assert slur.in_source("Two Slurs in a caption") and slur.in_source("a slur.")
    assert not slur.in_source("slurred speech") and not slur.in_source("preslur")
    assert figure.in_source("public\n  figure") and not comment.in_source("commentary")
    assert comment.in_translation("মন্তব্যটি") and not comment.in_translation("অমন্তব্য")
    assert not comment.in_translation("কিছু মন্ত")


def test_a_broken_glossary_is_a_located_error(repo: Path) -> None:
    path = repo / "locales/bn/glossary.yaml"
    path.write_text(GLOSSARY.replace("    avoid: [স্লার]", "    aviod: [স্লার]"), encoding="utf-8")
    run = check(repo)
    no_crash(run)
    line, col = locate(path, "aviod")
    assert ("locales/bn/glossary.yaml", line, col, "schema-unknown-key") in [(f.path, f.line, f.col, f.code) for f in run.findings]
    assert run.returncode == 1


def test_without_a_glossary_nothing_is_asked(tmp_path: Path) -> None:
    run = check(write_repo(tmp_path / "plain"))
    assert terms(run) == []
