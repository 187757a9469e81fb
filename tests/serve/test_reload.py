"""The plain-Python half of the live preview: reloading a repository, what changed, the watcher."""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Callable

import pytest
from labelbook.core.checks import check
from labelbook.core.model_changes import ModelChanges, compare
from labelbook.core.reload import Reloader
from labelbook.core.sources import WorkingTree
from labelbook.core.watch import Watcher

from benchmarks.corpus import generate

from .repos import edit


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    generate(root, rules=9, examples_per_rule=2, releases=0, seed=4)
    return root


def _lines(problems: list) -> list[str]:
    return [p.as_text() for p in problems]


def test_a_refresh_reads_the_saved_file_and_finds_what_check_finds(corpus: Path) -> None:
    reloader = Reloader(corpus)
    first = reloader.refresh()
    assert first.repo is not None and first.errors == []
    path = "examples/hate-speech/HS-001.yaml"
    edit(corpus / path, "    rationale: >-\n      ", "    rationale: >-\n      Seen again after the save. ")
    again = reloader.refresh([path])
    assert again.repo is not None
    assert again.repo.examples["HS-001-E01"].rationale.startswith("Seen again after the save.")
    # The Bengali translation of the example is stale now: a warning, as `check` says.
    assert _lines(again.loaded.problems) == _lines(check(WorkingTree(corpus)).problems)
    assert any(p.code == "translation-stale" for p in again.loaded.problems)

    edit(corpus / path, "label: ", "label: delete-it\n    lable: ")
    broken = reloader.refresh([path])
    expected = check(WorkingTree(corpus))
    assert _lines(broken.errors) == _lines(expected.errors)
    assert "label-unknown" in {p.code for p in broken.errors}


def test_a_file_changed_behind_the_watchers_back_is_read_again(corpus: Path) -> None:
    """Unreported paths are still compared by their stat: no save is missed or served stale."""
    reloader = Reloader(corpus)
    reloader.refresh()
    path = corpus / "guidelines/hate-speech/HS-001.md"
    edit(path, "## Definition\n", "## Definition\nA sentence nobody reported.\n")
    again = reloader.refresh([])  # the watcher named nothing
    assert again.repo is not None and "A sentence nobody reported." in again.repo.rules["HS-001"].body


def test_a_removed_file_leaves_the_model_and_the_store(corpus: Path) -> None:
    reloader = Reloader(corpus)
    reloader.refresh()
    (corpus / "examples/hate-speech/HS-001.bn.yaml").unlink()
    (corpus / "examples/hate-speech/HS-001.yaml").unlink()
    again = reloader.refresh(["examples/hate-speech/HS-001.yaml", "examples/hate-speech/HS-001.bn.yaml"])
    assert again.repo is not None and not again.repo.examples_of("HS-001")
    assert "examples/hate-speech/HS-001.yaml" not in again.files
    assert reloader.store.get("examples/hate-speech/HS-001.yaml", (0, 0, 0, 0)) is None


def _changes(root: Path, change: Callable[[], object]) -> ModelChanges:
    before = check(WorkingTree(root)).repo
    change()
    after = check(WorkingTree(root)).repo
    assert before is not None and after is not None
    return compare(before, after)


def test_model_changes_name_exactly_the_units_edited(corpus: Path) -> None:
    examples = corpus / "examples/hate-speech/HS-001.yaml"
    got = _changes(corpus, lambda: edit(examples, "    rationale: >-\n      ", "    rationale: >-\n      New. "))
    assert (got.examples, got.rules, got.policy, got.added_or_removed) == ({"HS-001-E01"}, set(), False, False)

    bn = corpus / "examples/hate-speech/HS-001.bn.yaml"
    got = _changes(corpus, lambda: edit(bn, "    content: >-\n      ", "    content: >-\n      নতুন। "))
    assert (got.examples, got.rules) == ({"HS-001-E01"}, set())

    rule = corpus / "guidelines/hate-speech/HS-002.md"
    got = _changes(corpus, lambda: edit(rule, "title: ", "title: Renamed "))
    assert (got.rules, got.examples, got.added_or_removed) == ({"HS-002"}, set(), False)

    policy = corpus / "guidelines/policy.yaml"
    got = _changes(corpus, lambda: edit(policy, "title: Synthetic", "title: Renamed synthetic"))
    assert got.policy and not got.rules

    new_rule = corpus / "guidelines/hate-speech/HS-099.md"
    got = _changes(corpus, lambda: new_rule.write_text(rule.read_text().replace("id: HS-002", "id: HS-099"), encoding="utf-8"))
    assert got.added_or_removed and got.rules == {"HS-099"}

    page = corpus / "guidelines/introduction.md"
    got = _changes(corpus, lambda: page.write_text("# Introduction\n\nRead this first.\n", encoding="utf-8"))
    assert got.pages == {"introduction"} and got.added_or_removed

    assert compare(check(WorkingTree(corpus)).repo, check(WorkingTree(corpus)).repo).none  # type: ignore[arg-type]


def test_the_watcher_reports_saves_in_the_content_folders_and_nothing_else(corpus: Path) -> None:
    watcher = Watcher(corpus)
    watcher.start()
    try:
        (corpus / "README.md").write_text("not content\n", encoding="utf-8")
        (corpus / "examples/hate-speech/HS-001.yaml").read_bytes()  # reading is no change
        assert not watcher.wait(timeout=0.5)
        edit(corpus / "examples/hate-speech/HS-001.yaml", "quiz: true", "quiz: false")
        batch = watcher.wait(timeout=10)
        assert batch.paths == {"examples/hate-speech/HS-001.yaml"}
        edit(corpus / "mkdocs.yml", "Synthetic", "Renamed")
        (corpus / "guidelines/hate-speech/HS-001.md").rename(corpus / "guidelines/hate-speech/HS-100.md")
        time.sleep(0.2)
        batch = watcher.wait(timeout=10)
        assert batch.paths == {"mkdocs.yml", "guidelines/hate-speech/HS-001.md", "guidelines/hate-speech/HS-100.md"}
    finally:
        watcher.stop()


def test_a_spliced_model_is_the_model_a_full_load_gives(corpus: Path) -> None:
    reloader = Reloader(corpus)
    repo = reloader.refresh().repo
    assert repo is not None
    saves = {
        "examples/hate-speech/HS-001.yaml": ("    rationale: >-\n      ", "    rationale: >-\n      Spliced. "),
        "examples/hate-speech/HS-001.bn.yaml": ("    content: >-\n      ", "    content: >-\n      জোড়া। "),
        "guidelines/hate-speech/HS-002.md": ("title: ", "title: Spliced "),
        "guidelines/hate-speech/HS-002.bn.md": ("title: ", "title: জোড়া "),
    }
    for path, (old, new) in saves.items():
        edit(corpus / path, old, new)
        spliced = reloader.quick(repo, [path])
        full = reloader.refresh([path]).repo
        assert spliced is not None and full is not None, path
        assert compare(spliced, full).none, path
        assert not compare(repo, spliced).none, path
        repo = spliced


@pytest.mark.parametrize(
    "path, change",
    [
        ("examples/hate-speech/HS-001.yaml", lambda text: text.replace("label: ", "label: [", 1)),  # its own error
        ("examples/hate-speech/HS-001.yaml", lambda text: re.sub(r"label: \S+", "label: no-such-decision", text, count=1)),  # a cross-check
        ("examples/hate-speech/HS-001.yaml", lambda text: text.replace("HS-001-E02", "HS-002-E01", 1)),  # another file's id
        ("examples/hate-speech/HS-001.yaml", lambda text: text.replace("    rationale: >-\n", "    rationale: |-\n" + "      >" * 30 + " deep\n", 1)),
        ("guidelines/policy.yaml", lambda text: text.replace("title: Synthetic", "title: Other", 1)),  # no group
        ("examples/hate-speech/HS-077.yaml", None),  # a new file
    ],
)
def test_what_a_splice_cannot_know_is_left_to_the_full_load(corpus: Path, path: str, change: Callable[[str], str] | None) -> None:
    reloader = Reloader(corpus)
    repo = reloader.refresh().repo
    assert repo is not None
    target = corpus / path
    if change is None:
        target.write_text((corpus / "examples/hate-speech/HS-001.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    else:
        target.write_text(change(target.read_text(encoding="utf-8")), encoding="utf-8")
    assert reloader.quick(repo, [path]) is None
