"""--since on a real git repository with two tagged releases."""

from __future__ import annotations

import copy
import json
import subprocess
from pathlib import Path

import pytest

from .conftest import labelbook
from .sample import EXAMPLES, RULES, write_repo

GIT = ["git", "-c", "user.name=Quiz Test", "-c", "user.email=quiz@example.org", "-c", "commit.gpgsign=false", "-c", "tag.gpgsign=false"]


def git(root: Path, *args: str) -> None:
    subprocess.run([*GIT, "-C", str(root), *args], check=True, capture_output=True)


def release(root: Path, tag: str) -> None:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", f"release {tag}")
    git(root, "tag", tag)


def example(examples: dict, eid: str) -> dict:
    return next(ex for exs in examples.values() for ex in exs if ex["id"] == eid)


#: what v1.1.0 changes for labelers, and what it changes that is not
NEW = {"BU-001-E04"}
RELABELLED = {"HS-002-E01"}
DECISION_CHANGED = {"SH-001-E01", "SH-001-E02"}  # SH-001: age-restrict -> warning-screen
TEXT_CHANGED = {"HS-001-E01", "HS-001-E02"}  # HS-001's body (HS-001-E03 is quiz: false)
EXPECTED = NEW | RELABELLED | DECISION_CHANGED | TEXT_CHANGED


@pytest.fixture
def history(tmp_path: Path) -> Path:
    root = write_repo(tmp_path / "repo")
    git(root, "init", "-q")
    release(root, "v1.0.0")
    rules, examples = copy.deepcopy(RULES), copy.deepcopy(EXAMPLES)
    examples["BU-001"].append(dict(
        id="BU-001-E04", modality="comment", content="A friend teases another about a football result, both laughing.",
        label="allow", rationale="Friendly banter between equals is not bullying.", difficulty="easy",
        bn=("খেলার ফল নিয়ে এক বন্ধু আরেক বন্ধুকে খোঁচা দেয়, দুজনেই হাসছে।", "সমানে সমানে বন্ধুত্বপূর্ণ ঠাট্টা উৎপীড়ন নয়।"),
    ))
    relabelled = example(examples, "HS-002-E01")
    relabelled.update(label="remove", distractors=["warning-screen"])
    rules["SH-001"]["fm"]["decision"] = "warning-screen"
    rules["HS-001"]["body"] += "\nSpelling a slur with symbols or numbers does not change what it is.\n"
    # Changes that do not move what a labeler must do: no recalibration for them.
    example(examples, "BU-001-E02")["content"] = "A comedian mocks a famous politician's speech on a live TV show."
    rules["BU-001"]["fm"]["severity"] = "high"
    write_repo(root, rules, examples)
    release(root, "v1.1.0")
    return root


def quiz_ids(root: Path, tmp_path: Path, *args: str) -> list[str]:
    out = tmp_path / "since.json"
    run = labelbook("quiz", "-C", root, *args, "-o", out)
    assert run.returncode == 0, run.stderr
    data = json.loads(out.read_text("utf-8"))
    return [i["id"] for i in data["items"]]


def test_since_takes_exactly_new_relabelled_and_changed_rule_examples(history, tmp_path):
    got = quiz_ids(history, tmp_path, "--since", "v1.0.0", "--count", str(len(EXPECTED)), "--lang", "bn")
    assert sorted(got) == sorted(EXPECTED)
    data = json.loads((tmp_path / "since.json").read_text("utf-8"))
    assert data["settings"]["since"] == "v1.0.0"
    items = {i["id"]: i for i in data["items"]}
    assert items["HS-002-E01"]["key"] == "remove" and items["SH-001-E01"]["key"] == "age-restrict"


def test_since_does_not_pad_with_unchanged_examples(history, tmp_path):
    run = labelbook("quiz", "-C", history, "--since", "v1.0.0", "--count", str(len(EXPECTED) + 1), "-o", tmp_path / "q.json")
    assert run.returncode == 2
    assert f"--since v1.0.0 leaves {len(EXPECTED)}" in run.stderr


def test_since_the_latest_release_sees_the_working_tree(history, tmp_path):
    run = labelbook("quiz", "-C", history, "--since", "v1.1.0", "--count", "1", "-o", tmp_path / "q.json")
    assert run.returncode == 2 and "--since v1.1.0 leaves 0" in run.stderr
    path = history / "examples/bullying/BU-001.yaml"
    path.write_text(path.read_text("utf-8").replace("label: allow", "label: remove", 1).replace("distractors:\n  - remove", "distractors:\n  - allow", 1), "utf-8")
    assert quiz_ids(history, tmp_path, "--since", "v1.1.0", "--count", "1") == ["BU-001-E02"]


def test_since_an_unknown_release_is_a_usage_error(history, tmp_path):
    run = labelbook("quiz", "-C", history, "--since", "v1.0", "--count", "1", "-o", tmp_path / "q.json")
    assert run.returncode == 2
    assert "--since v1.0: 'v1.0' is not a tag, branch or commit" in run.stderr and "v1.0.0" in run.stderr
