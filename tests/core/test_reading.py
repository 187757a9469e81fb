"""Reading files: every defect is reported at its line on a large generated tree, the
quick read (positions found on demand) equals the full one, and the git blob store of
release reads stays bounded."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.corpus import generate
from labelbook.core.yamlio import parse_yaml


@pytest.fixture
def big(tmp_path: Path) -> Path:
    """442 files of a generated repository."""
    root = tmp_path / "repo"
    generate(root, rules=110, examples_per_rule=2, releases=1, seed=11)
    return root


def run(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "labelbook", *args, "-C", str(repo)], capture_output=True, text=True, timeout=120)


def findings(proc: subprocess.CompletedProcess[str]) -> list[tuple]:
    assert "Traceback" not in proc.stderr, proc.stderr
    return [(p["path"], p["line"], p["col"], p["severity"], p["code"]) for p in json.loads(proc.stdout)]


def replace_first(path: Path, start: str, new: str) -> int:
    """Replace the first line that starts with `start` (after its indent); returns its number."""
    lines = path.read_text(encoding="utf-8").split("\n")
    i = next(i for i, line in enumerate(lines) if line.lstrip().startswith(start))
    lines[i] = new
    path.write_text("\n".join(lines), encoding="utf-8")
    return i + 1


def plant_defects(repo: Path) -> list[tuple]:
    """One defect of each kind, in files that otherwise read cleanly; returns what check must say."""
    examples = repo / "examples"
    en = sorted(examples.glob("*/*[0-9].yaml"))
    bn = sorted(examples.glob("*/*.bn.yaml"))
    # a cross-reference error in a file that reads cleanly
    label_line = replace_first(en[3], "label:", "    label: delete")
    # a duplicate key: the file's own YAML problem
    dup_line = replace_first(en[7], "modality:", "    modality: video\n    modality: image") + 1
    # a stale translation: a warning at the `source:` of a translation file
    stale_line = replace_first(bn[5], "source:", '    source: "000000000000"')
    # a schema error (a number where a title must be text)
    rule = sorted((repo / "guidelines").glob("*/*[0-9].md"))[9]
    title_line = replace_first(rule, "title:", "title: 12")
    return [
        (str(en[3].relative_to(repo)), label_line, 12, "error", "label-unknown"),
        (str(en[7].relative_to(repo)), dup_line, 5, "error", "yaml-duplicate-key"),
        (str(bn[5].relative_to(repo)), stale_line, 13, "warning", "translation-stale"),
        (str(rule.relative_to(repo)), title_line, 8, "error", "schema-type"),
    ]


def test_every_defect_of_a_large_tree_is_reported_at_its_line_and_runs_repeat_exactly(big: Path) -> None:
    expected = plant_defects(big)
    first = run(big, "check", "--format", "json")
    assert first.returncode == 1
    assert sorted(findings(first)) == sorted(expected)
    again = run(big, "check", "--format", "json")
    assert (again.stdout, again.returncode) == (first.stdout, first.returncode)


@pytest.mark.parametrize("duplicate", [False, True], ids=["read quickly", "read with positions"])
def test_positions_are_found_on_demand_and_fingerprints_stay_text(duplicate: bool) -> None:
    text = "rule: HS-001\nexamples:\n  HS-001-E01:\n    source: 012345678901\n    content: কিছু লেখা\n"
    if duplicate:
        text += "rule: HS-002\n"  # a problem: the file is read with positions at once
    located, problems = parse_yaml(text, "examples/hate-speech/HS-001.bn.yaml")
    assert located is not None and [p.code for p in problems] == (["yaml-duplicate-key"] if duplicate else [])
    assert located.data["examples"]["HS-001-E01"]["source"] == "012345678901"  # not the number 12345678901
    assert located.pos(("examples", "HS-001-E01", "content")).line == 5
    assert located.pos(("examples", "HS-001-E01"), key=True).col == 3
    assert located.finder(("examples", "HS-001-E01"), top=("rule",))("top").line == 1


def test_the_quick_read_gives_the_same_data_and_positions_as_the_full_one(big: Path) -> None:
    """Every file of a generated repository, read without positions (found later, on
    demand) and read with them at once: the same data, the same lines and columns."""
    import yaml

    from labelbook.core.layout import split_front_matter
    from labelbook.core.yamlio import _Builder, _Loader

    files = sorted(p for p in big.rglob("*") if p.is_file() and ".git" not in p.parts and p.suffix in (".yaml", ".md"))
    assert len(files) > 400
    for path in files:
        text = path.read_text(encoding="utf-8")
        offset = 0
        if path.suffix == ".md":
            text, offset = split_front_matter(text, str(path))[0], 1
        quick, problems = parse_yaml(text, str(path), offset, nfc=True)
        assert quick is not None and problems == []
        full = _Builder(str(path), offset, True)
        assert full.build(yaml.compose(text, Loader=_Loader), ()) == quick.data
        assert (quick.values, quick.keys) == (full.values, full.keys), path


def test_git_blobs_kept_for_the_next_release_are_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two releases read one after the other with a blob store too small for one of them:
    it is emptied before the second release is read, never halfway through it."""
    from labelbook.core import sources
    from labelbook.core.checks import check
    from labelbook.core.sources import GitTree

    root = tmp_path / "repo"
    generate(root, rules=9, examples_per_rule=2, releases=2, seed=5)
    monkeypatch.setattr(sources, "_BLOBS", {})
    monkeypatch.setattr(sources, "_BLOBS_LIMIT", 10_000)
    for tag in ("v1.0.0", "v1.1.0", "v1.0.0"):
        tree = GitTree(root, tag)
        loaded = check(tree)
        assert loaded.repo is not None and loaded.problems == [] and len(loaded.repo.rules) >= 9
        # a release is larger than the bound: the store holds this release's blobs, no more
        assert set(sources._BLOBS) == {sha for sha, _ in tree._blobs.values()}
