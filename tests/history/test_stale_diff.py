"""A stale translation shows what changed in the English since it was made: the English it
was made from is found in git history by its fingerprint (`translations status --diff`)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from labelbook.core.checks import check
from labelbook.core.sources import WorkingTree
from labelbook.history.stale import stale_diffs

from tests.versions.gitrepo import edit, labelbook, make_release_repo, run_git


def test_the_english_word_diff_since_the_translation_was_made(tmp_path: Path) -> None:
    root = make_release_repo(tmp_path / "repo")  # BH-001's body changed after v1.1.0: its Bengali is stale
    # Two more commits of the English after the one the translation was made from: the diff
    # is from that commit, not from the previous commit.
    run_git("commit", "-qam", "Body wording", cwd=root)
    edit(root / "guidelines/bullying-harassment/BH-001.md", "shame or silence them.", "shame, frighten or silence them.")
    repo = check(WorkingTree(root)).repo
    [diff] = stale_diffs(root, repo, "bn")
    assert (diff.kind, diff.id, diff.found) == ("rule", "BH-001", True)
    # v1.1.0 did not touch BH-001.md: the version the translation was made from is v1.0.0's
    assert diff.commit == run_git("rev-parse", "v1.0.0^{commit}", cwd=root).strip()
    body = next(f for f in diff.fields if f.name == "body")
    inserted = [op.text.strip() for op in body.ops if op.op == "insert"]
    deleted = [op.text.strip() for op in body.ops if op.op == "delete"]
    assert "frighten" in " ".join(inserted) and "silence" in " ".join(inserted)
    assert "them." not in " ".join(inserted + deleted)  # an unchanged word is no change
    assert not next(f for f in diff.fields if f.name == "title").changed

    run = labelbook("translations", "status", "--state", "stale", "--diff", cwd=root)
    assert run.returncode == 0, run.stderr
    assert "bn  stale    rule     BH-001" in run.stdout
    assert "body:" in run.stdout and re.search(r"\{\+[^+]*frighten[^+]*\+\}", run.stdout) and "[-" in run.stdout
    assert "What this rule does not cover" not in run.stdout  # far from any change: left out
    data = json.loads(labelbook("translations", "status", "--state", "stale", "--diff", "--format", "json", cwd=root).stdout)
    [unit] = data["units"]
    assert unit["english_changes"]["found_in"] == diff.commit
    assert "body" in unit["english_changes"]["fields"] and "title" not in unit["english_changes"]["fields"]


def test_without_the_history_it_says_so(tmp_path: Path) -> None:
    root = make_release_repo(tmp_path / "repo")
    edit(root / "guidelines/bullying-harassment/BH-001.bn.md", "source: ", "source: 000000000000\nx: ")
    text = (root / "guidelines/bullying-harassment/BH-001.bn.md").read_text(encoding="utf-8")
    (root / "guidelines/bullying-harassment/BH-001.bn.md").write_text(text.replace("\nx: ", "\n# was: "), encoding="utf-8")
    run = labelbook("translations", "status", "--state", "stale", "--diff", cwd=root)
    assert run.returncode == 0, run.stderr
    assert "(source 000000000000) is not in the git history" in run.stdout
