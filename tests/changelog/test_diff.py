"""The semantic diff between real tagged versions and the working tree."""

from __future__ import annotations

from pathlib import Path

import pytest

from labelbook.history.diff import (
    BodyChanged, Changelog, DecisionChanged, ExampleAdded, ExampleContentChanged, ExampleRelabelled,
    ExampleRemoved, RuleAdded, RuleDeprecated, RuleRemoved, SeverityChanged, TranslationStale, diff, word_diff,
)  # fmt: skip
from labelbook.history.releases import load_tree


def changelog(root: Path, old: str | None, new: str | None) -> Changelog:
    a, ea = load_tree(root, old)
    b, eb = load_tree(root, new)
    return diff(a, b, ea, eb)


@pytest.fixture(scope="module")
def release_diff(repo: Path) -> Changelog:
    return changelog(repo, "v1.0.0", "v1.1.0")


@pytest.fixture(scope="module")
def worktree_diff(repo: Path) -> Changelog:
    return changelog(repo, "v1.1.0", None)


def test_between_releases(release_diff: Changelog) -> None:
    cl = release_diff
    assert [(c.rule, c.decision, c.title) for c in cl.of(RuleAdded)] == [("HS-003", "remove", "Hateful symbols")]
    assert [(c.rule, c.old, c.new) for c in cl.of(DecisionChanged)] == [("HS-002", "age-restrict", "remove")]
    assert [(c.example, c.old, c.new) for c in cl.of(ExampleRelabelled)] == [("HS-001-E01", "allow", "age-restrict")]
    assert [(c.rule, c.replaced_by) for c in cl.of(RuleDeprecated)] == [("BH-002", "BH-001")]
    assert [(c.rule, c.old, c.new) for c in cl.of(SeverityChanged)] == [("BH-001", "medium", "high")]
    assert sorted(c.example for c in cl.of(ExampleAdded)) == ["BH-001-E02", "HS-003-E01"]
    # Nothing else changed: no text edits, no removals, every translation stayed current.
    assert not cl.of(BodyChanged) and not cl.of(RuleRemoved) and not cl.of(ExampleRemoved) and not cl.of(TranslationStale)
    assert cl.old.label == "v1.0.0" and cl.new.release == "1.1.0"


def test_labeler_changes_come_first(release_diff: Changelog, worktree_diff: Changelog) -> None:
    for cl in (release_diff, worktree_diff):
        impacts = [c.impact for c in cl.changes]
        assert impacts == sorted(impacts, key=lambda i: i != "labeler")
    assert {c.kind for c in release_diff.labeler_changes} == {"rule-added", "rule-deprecated", "decision-changed", "example-relabelled"}
    assert {c.kind for c in release_diff.other_changes} == {"severity-changed", "example-added"}


def test_release_to_working_tree(worktree_diff: Changelog) -> None:
    cl = worktree_diff
    assert [c.rule for c in cl.of(RuleAdded)] == ["BH-003"]
    assert [(c.example, c.label) for c in cl.of(ExampleRemoved)] == [("HS-001-E03", "remove")]
    [body] = cl.of(BodyChanged)
    assert body.rule == "HS-001"
    assert [(o.op, o.text.strip()) for o in body.diff if o.op != "equal"] == [
        ("delete", "slurs"), ("insert", "every slur"), ("delete", "person"), ("insert", "person, even in a joke,"),
    ]  # fmt: skip
    [content] = cl.of(ExampleContentChanged)
    assert content.example == "HS-002-E01"
    assert [(o.op, o.text.strip()) for o in content.diff if o.op != "equal"] == [("delete", "late."), ("insert", "late and lazy.")]
    stale = {(c.lang, c.unit, c.id) for c in cl.of(TranslationStale)}
    # Current at v1.1.0 and stale now. BH-003 has no translation at all: missing, not stale.
    assert stale == {("bn", "rule", "HS-001"), ("bn", "example", "HS-002-E01")}
    assert not cl.of(DecisionChanged) and not cl.of(ExampleRelabelled)
    assert cl.new.ref is None and cl.new.label == "working tree"


def test_word_diff_rebuilds_both_texts() -> None:
    old = "Allow it when the slur is quoted\nto report it."
    new = "Allow it only when the slur is quoted once to report or condemn it."
    ops = word_diff(old, new)
    assert "".join(o.text for o in ops if o.op != "delete") == new
    assert " ".join("".join(o.text for o in ops if o.op != "insert").split()) == " ".join(old.split())
    assert [(o.op, o.text.strip()) for o in ops if o.op != "equal"] == [
        ("insert", "only"), ("insert", "once"), ("insert", "or condemn"),
    ]  # fmt: skip


def test_rewrapping_is_no_text_change(repo: Path) -> None:
    a, _ = load_tree(repo, "v1.1.0")
    b, _ = load_tree(repo, "v1.1.0")
    assert diff(a, b).changes == []
    rule = b.rules["HS-002"]
    rule.body = rule.body.replace(" a stereotype ", "\na   stereotype\n")
    # Same words: no body change for readers, but the fingerprint moved, so the
    # translation is stale (SPEC: fingerprints, not words, decide that).
    assert [c.kind for c in diff(a, b).changes] == ["translation-stale"]
