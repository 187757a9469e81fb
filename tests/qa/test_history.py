"""The guidelines' history as the report sees it, on real git repositories with real tags:
a rule removed since a release is still a rule of older audits, a broken release does not
stop the report, links follow the version in force and the report's language."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

from . import scenarios
from .repo import SITE_URL, git, release_repo
from .run import qa
from .world import generate, write_csv


def run_json(tmp_path: Path, repo: Path, *extra: str) -> dict:
    run = qa("audits.csv", "-C", repo, "--format", "json", *extra, cwd=tmp_path)
    assert run.code == 0, run.stderr
    return json.loads(run.stdout)


def test_a_rule_removed_since_a_release_is_still_known_for_older_audits(tmp_path: Path) -> None:
    repo = release_repo(tmp_path / "repo", dt.date(2026, 9, 1), dt.date(2026, 10, 1))
    (repo / "guidelines/bullying/BU-002.md").unlink()
    (repo / "examples/bullying/BU-002.yaml").unlink()
    write_csv(tmp_path / "audits.csv", generate(scenarios.noise(), seed=3))
    r = run_json(tmp_path, repo)
    bu002 = next(s for s in r["segments"] if s["dimension"] == "rule" and s["value"] == "BU-002")
    assert bu002["url"] is None and bu002["title"] == ""
    bullying = next(a for a in r["areas"] if a["area"] == "bullying")
    rows = generate(scenarios.noise(), seed=3)
    assert bullying["weeks"][-1]["audits"] == sum(1 for x in rows if x["rule"] in ("BU-001", "BU-002") and x["date"] >= "2026-11-23")


def test_a_release_that_cannot_be_read_is_a_note_not_a_failure(tmp_path: Path) -> None:
    repo = release_repo(tmp_path / "repo", dt.date(2026, 9, 1), dt.date(2026, 10, 1))
    rule = repo / "guidelines/bullying/BU-001.md"
    good = rule.read_text(encoding="utf-8")
    rule.write_text(good.replace("decision: remove", "decision: delete"), encoding="utf-8")
    git(repo, "commit", "-qam", "a broken release", when=dt.date(2026, 11, 25))
    git(repo, "tag", "-a", "v1.2.0", "-m", "broken", when=dt.date(2026, 11, 25))
    rule.write_text(good, encoding="utf-8")  # the working tree is fine again
    write_csv(tmp_path / "audits.csv", generate(scenarios.noise(), seed=3))
    r = run_json(tmp_path, repo)
    notes = [n["text"] for n in r["notes"] if n["kind"] == "history"]
    assert len(notes) == 1 and notes[0].startswith("The release history could not be read: v1.2.0: release v1.2.0 has errors")
    assert [x["tag"] for x in r["headline"]["releases"]] == ["v1.2.0"] and r["headline"]["releases"][0]["changes"] == []


def test_links_follow_the_version_in_force_and_the_language(tmp_path: Path) -> None:
    repo = release_repo(tmp_path / "repo", dt.date(2026, 9, 1), dt.date(2026, 11, 30))  # v1.1.0 after the report week
    write_csv(tmp_path / "audits.csv", generate(scenarios.coach(), seed=3))
    r = run_json(tmp_path, repo)
    assert r["verdicts"][0]["url"] == f"{SITE_URL}/1.0.0/bullying/BU-001/"
    assert r["releases"] == [] and r["headline"]["releases"] == []
    bn = run_json(tmp_path, repo, "--lang", "bn")
    assert bn["verdicts"][0]["url"] == f"{SITE_URL}/1.0.0/bn/bullying/BU-001/"
    assert bn["verdicts"][0]["title"] == "কোনো সাধারণ ব্যক্তিকে হেয় করা"
    other = run_json(tmp_path, repo, "--site-url", "https://mirror.example.net/guides/")
    assert other["verdicts"][0]["url"] == "https://mirror.example.net/guides/1.0.0/bullying/BU-001/"


def test_a_repository_without_git_links_without_a_version(tmp_path: Path) -> None:
    repo = release_repo(tmp_path / "repo", dt.date(2026, 9, 1), dt.date(2026, 10, 1))
    shutil.rmtree(repo / ".git")
    write_csv(tmp_path / "audits.csv", generate(scenarios.coach(), seed=3))
    r = run_json(tmp_path, repo)
    assert r["verdicts"][0]["url"] == f"{SITE_URL}/bullying/BU-001/"
    assert r["verdicts"][0]["quiz_command"] == f"labelbook quiz -C {repo} --rule BU-001 --count 2 -o recalibrate-BU-001.json"


def test_data_without_a_complete_week_says_so(tmp_path: Path) -> None:
    rows = [x for x in generate(scenarios.noise(), seed=3) if x["date"] <= "2026-11-25"]
    repo = release_repo(tmp_path / "repo", dt.date(2026, 9, 1), dt.date(2026, 10, 1))
    write_csv(tmp_path / "audits.csv", rows)
    r = run_json(tmp_path, repo)
    assert r["week"] == "2026-W47"  # the last complete week: W48 has only three days
    only = [x for x in rows if x["date"] >= "2026-11-23"]
    write_csv(tmp_path / "audits.csv", only)
    r = run_json(tmp_path, repo)
    assert r["week"] == "2026-W48" and r["rca"] is None and r["pchart"] is None
    kinds = {n["kind"]: n["text"] for n in r["notes"]}
    assert kinds["incomplete-week"] == "The data holds no complete week: 2026-W48 runs to 2026-11-29, the data to 2026-11-25."
    assert "no-baseline" in kinds
