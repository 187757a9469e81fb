"""`Repo.examples_of` answers from an index (every rule page asks it of every rule): it must
give what a scan of the examples gives, also after the examples changed."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from labelbook.core.checks import checked


def test_examples_of_gives_each_rules_examples_in_file_order_and_sees_new_ones(repo: Path) -> None:
    model = checked(repo).repo
    by_scan = {rule: [e for e in model.examples.values() if e.rule == rule] for rule in model.rules}
    assert {rule: model.examples_of(rule) for rule in model.rules} == by_scan
    assert any(len(examples) > 1 for examples in by_scan.values())
    rule, first = next((r, ex[0]) for r, ex in by_scan.items() if ex)
    # a list of its own: a caller may sort or extend it
    model.examples_of(rule).clear()
    assert model.examples_of(rule) == by_scan[rule]
    added = dataclasses.replace(first, id=first.id + "-NEW")
    model.examples[added.id] = added
    assert model.examples_of(rule) == [*by_scan[rule], added]
    model.examples = {first.id: first}
    assert model.examples_of(rule) == [first]
    assert model.examples_of("NO-SUCH-RULE") == []
