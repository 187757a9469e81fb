"""`labelbook changelog` through its entry point, on real git repositories."""

from __future__ import annotations

import json
import re
import shutil
from importlib import resources
from dataclasses import fields
from pathlib import Path

import jsonschema
import pytest

from labelbook.history.changelog import render_markdown
from labelbook.history.changes import KINDS, Endpoint, WordOp
from labelbook.cli.changelog import load_gettext
from labelbook.history.diff import Changelog

from .conftest import git, make_repo, run_cli

ASCII_DIGIT = re.compile(r"[0-9]")


def changelog_schema() -> dict:
    return json.loads(resources.files("labelbook").joinpath("schemas", "changelog.schema.json").read_text("utf-8"))


def no_traceback(err: str) -> None:
    assert "Traceback" not in err and "internal error" not in err, err


def section(md: str, heading: str) -> str:
    """The text under a `### heading (n)` up to the next heading of the same level."""
    m = re.search(rf"^### {re.escape(heading)} \(.*?\)\n(.*?)(?=^### |\Z)", md, re.M | re.S)
    assert m, f"no section {heading!r} in:\n{md}"
    return m.group(1)


def test_between_two_releases(repo: Path) -> None:
    r = run_cli("changelog", "v1.0.0..v1.1.0", "-C", str(repo))
    assert r.code == 0, r.err
    must = section(r.out, "Changes to what labelers must do")
    assert "**New rule** **HS-003** Hateful symbols — decision: **Remove**, severity: high" in must
    assert "**Decision changed** **HS-002** Stereotypes in comedy: ~~Age-restrict~~ → **Remove**" in must
    assert "**Example relabelled** **HS-001-E01** (rule **HS-001**): ~~Allow~~ → **Age-restrict**" in must
    assert "**Rule deprecated** **BH-002** Mild teasing between friends: use **BH-001** instead" in must
    other = section(r.out, "Other changes")
    assert "Severity changed: medium → **high**" in other
    assert "**New example** **HS-003-E01**" in other and "**New example** **BH-001-E02**" in other
    assert r.out.index("### Changes to what labelers must do (4)") < r.out.index("### Other changes (3)")
    assert "From `v1.0.0` (released March 2, 2026) to `v1.1.0` (released June 15, 2026)." in r.out
    assert "changes to what labelers must do: 4; other changes: 3" in r.err


@pytest.mark.parametrize("args", [(), ("v1.1.0..",), ("v1.1.0..WORKTREE",), ("v1.1.0",)])
def test_newest_release_to_working_tree(repo: Path, args: tuple[str, ...]) -> None:
    r = run_cli("changelog", *args, "-C", str(repo))
    assert r.code == 0, r.err
    assert "From `v1.1.0` (released June 15, 2026) to working tree (unreleased)." in r.out
    must = section(r.out, "Changes to what labelers must do")
    assert "**New rule** **BH-003** Sharing private photos to shame" in must
    other = section(r.out, "Other changes")
    assert "**Example removed** **HS-001-E03** (rule **HS-001**), label: Remove" in other
    assert "Text changed: " in other and "~~slurs~~ **every slur**" in other
    assert "**HS-002-E01** (rule **HS-002**): Content changed: … jokes that one group is always ~~late.~~ **late and lazy.**" in other
    assert "#### Translations that became out of date\n\n- Bengali: **HS-001**, **HS-002-E01**" in other


def test_example_content_is_shown_as_text(repo: Path) -> None:
    r = run_cli("changelog", "-C", str(repo))
    assert "<script>" not in r.out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in r.out


def test_json_validates_against_the_schema(repo: Path, tmp_path: Path) -> None:
    schema = changelog_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$id"] == "https://labelbook.dev/schemas/changelog.schema.json"
    for rng in ("v1.0.0..v1.1.0", "v1.1.0.."):
        out = tmp_path / "changes.json"
        r = run_cli("changelog", rng, "--format", "json", "-C", str(repo), "-o", str(out))
        assert r.code == 0, r.err
        assert r.out == ""
        data = json.loads(out.read_text(encoding="utf-8"))
        jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(data)
        impacts = [c["impact"] for c in data["changes"]]
        assert impacts == sorted(impacts, key=lambda i: i != "labeler")
        assert data["summary"]["labeler"] == impacts.count("labeler")
        assert sum(data["summary"]["by_kind"].values()) == len(data["changes"])
    relabel = [c for c in data["changes"] if c["kind"] == "example-removed"]
    assert relabel == [{"kind": "example-removed", "impact": "other", "example": "HS-001-E03", "rule": "HS-001", "label": "remove",
                        "content": "A username made of a disguised slur <script>alert(1)</script>."}]  # fmt: skip
    body = next(c for c in data["changes"] if c["kind"] == "body-changed")
    assert {"op": "delete", "text": "slurs "} in body["diff"] and {"op": "insert", "text": "every slur "} in body["diff"]
    assert data["to"] == {"label": "working tree", "ref": None, "commit": None, "release": None, "date": None}
    assert data["from"]["release"] == "1.1.0" and data["from"]["date"] == "2026-06-15T09:30:00+06:00"


def test_json_between_releases(repo: Path) -> None:
    r = run_cli("changelog", "v1.0.0..v1.1.0", "--format", "json", "-C", str(repo))
    data = json.loads(r.out)
    decision = [c for c in data["changes"] if c["kind"] == "decision-changed"]
    assert [(c["rule"], c["old"], c["new"]) for c in decision] == [("HS-002", "age-restrict", "remove")]
    relabel = [c for c in data["changes"] if c["kind"] == "example-relabelled"]
    assert [(c["example"], c["old"], c["new"]) for c in relabel] == [("HS-001-E01", "allow", "age-restrict")]


def test_bengali(repo: Path) -> None:
    # The wording belongs to the translators' catalogue: take it from there, and check
    # that it is Bengali and that the numbers and dates are in Bengali digits.
    bn = load_gettext("bn")
    bengali = re.compile("[\u0980-\u09ff]")
    for msgid in ("Guideline changes", "Changes to what labelers must do", "Other changes", "New rule"):
        assert bengali.search(bn(msgid)), msgid
    r = run_cli("changelog", "v1.0.0..", "--lang", "bn", "-C", str(repo))
    assert r.code == 0, r.err
    assert r.out.startswith(f"## {bn('Guideline changes')}\n")
    assert f"### {bn('Changes to what labelers must do')} (৫)" in r.out
    assert f"### {bn('Other changes')} (৯)" in r.out
    assert bn("Changes to what labelers must do: %(count)s.") % {"count": "৫"} in r.out
    assert bn("released %(date)s") % {"date": "২ মার্চ, ২০২৬"} in r.out
    # Bengali titles where the translation is current; English where it is stale or missing.
    decision = bn("decision: %(decision)s") % {"decision": "**সরিয়ে দিন**"}
    severity = bn("severity: %(severity)s") % {"severity": bn("high")}
    assert f"**{bn('New rule')}** **HS-003** ঘৃণার প্রতীক — {decision}, {severity}" in r.out
    assert f'**{bn("New rule")}** **BH-003** <span lang="en">Sharing private photos to shame</span>' in r.out
    assert '**HS-001** <span lang="en">Slurs aimed at a protected group</span>' in r.out
    assert "~~বয়সসীমা দিন~~ → **সরিয়ে দিন**" in r.out
    # No ASCII digit in the headings and counts (ids, refs and English text diffs keep theirs).
    prose = [ln for ln in r.out.splitlines() if ln.startswith("#") or "৫" in ln]
    assert len(prose) > 3 and not any(ASCII_DIGIT.search(ln) for ln in prose)


def test_rule_links(repo: Path) -> None:
    from labelbook.history.diff import diff
    from labelbook.history.releases import load_tree

    (a, ea), (b, eb) = load_tree(repo, "v1.1.0"), load_tree(repo, None)
    md = render_markdown(diff(a, b, ea, eb), "en", link=lambda rule, example: f"../{rule}/" + (f"#{example}" if example else ""), level=1)
    assert md.startswith("# Guideline changes\n")
    assert "## Changes to what labelers must do (1)" in md
    assert "**New rule** [BH-003](../BH-003/) Sharing" in md
    assert "**New example** [BH-003-E01](../BH-003/#BH-003-E01) (rule [BH-003](../BH-003/))" in md
    # A removed example has no page to link to.
    assert "**Example removed** **HS-001-E03** (rule [HS-001](../HS-001/))" in md


def every_kind_changelog() -> Changelog:
    """One change of every kind, so a render touches every UI string."""
    values = {"rule": "HS-001", "example": "HS-001-E01", "area": "hate-speech", "title": "T", "decision": "remove",
              "severity": "high", "replaced_by": "HS-002", "old": "low", "new": "high", "content": "c", "label": "allow",
              "diff": (WordOp("equal", "a "), WordOp("delete", "b "), WordOp("insert", "c")), "lang": "bn", "unit": "rule",
              "id": "HS-001", "path": "p", "source": "0" * 12, "current": "1" * 12}  # fmt: skip
    changes = [k(**{f.name: values[f.name] for f in fields(k)}) for k in KINDS]
    end = Endpoint("v1.0.0", "v1.0.0", "0" * 40, "1.0.0", None)
    return Changelog(end, Endpoint("working tree", None, None, None, None), changes, ["en", "bn"])


def test_every_ui_string_has_a_bengali_translation() -> None:
    used: list[str] = []

    def recording(s: str) -> str:
        used.append(s)
        return s

    render_markdown(every_kind_changelog(), "bn", recording)
    render_markdown(Changelog(every_kind_changelog().old, every_kind_changelog().new, [], ["en", "bn"]), "bn", recording)
    bn = load_gettext("bn")
    placeholders = re.compile(r"%\(\w+\)s")
    for msgid in set(used):
        assert bn(msgid) != msgid, f"no Bengali for {msgid!r}"
        assert sorted(placeholders.findall(bn(msgid))) == sorted(placeholders.findall(msgid)), msgid
    assert {"Guideline changes", "Changes to what labelers must do", "No changes to rules, examples or translations."} <= set(used)


def test_no_changes(repo: Path) -> None:
    r = run_cli("changelog", "v1.1.0..v1.1.0", "-C", str(repo))
    assert r.code == 0
    assert "No changes to rules, examples or translations." in r.out


# --- errors: a clear message, the right exit code, never a traceback


def test_not_a_git_repository(repo: Path, tmp_path: Path) -> None:
    plain = tmp_path / "plain"
    shutil.copytree(repo, plain, ignore=shutil.ignore_patterns(".git"))
    r = run_cli("changelog", "-C", str(plain))
    assert r.code == 2
    assert "is not a git repository" in r.err and "git init" in r.err
    no_traceback(r.err)


def test_shallow_clone(repo: Path, tmp_path: Path) -> None:
    clone = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", str(clone))
    assert git(clone, "rev-parse", "--is-shallow-repository").strip() == "true"
    for args in ((), ("v1.0.0..v1.1.0",)):
        r = run_cli("changelog", *args, "-C", str(clone))
        assert r.code == 2, r.out
        assert "shallow clone" in r.err
        assert "git fetch --tags --unshallow" in r.err and "fetch-depth: 0" in r.err
        no_traceback(r.err)


def test_clone_without_tags(repo: Path, tmp_path: Path) -> None:
    clone = tmp_path / "notags"
    git(tmp_path, "clone", "-q", "--no-tags", f"file://{repo}", str(clone))
    r = run_cli("changelog", "-C", str(clone))
    assert r.code == 2
    assert "no git tags" in r.err and "git fetch --tags" in r.err and "fetch-depth: 0" in r.err
    r = run_cli("changelog", "v1.0.0..", "-C", str(clone))
    assert r.code == 2
    assert "'v1.0.0' is not a tag, branch or commit" in r.err and "git fetch --tags" in r.err
    no_traceback(r.err)


@pytest.mark.parametrize(
    ("rng", "message"),
    [
        ("v1.1..", "'v1.1' is not a tag, branch or commit of this repository (did you mean 'v1.1.0'?)"),
        ("v1.0.0..v2.0.0", "'v2.0.0' is not a tag, branch or commit"),
        ("v1.0.0...v1.1.0", "use two dots, FROM..TO"),
        ("--x..", "not a git ref"),
    ],
)
def test_bad_range(repo: Path, rng: str, message: str) -> None:
    r = run_cli("changelog", "--tags=v*", "-C", str(repo), "--", rng)
    assert r.code == 2
    assert message in r.err
    no_traceback(r.err)


def test_unknown_language(repo: Path) -> None:
    r = run_cli("changelog", "--lang", "fr", "-C", str(repo))
    assert r.code == 2 and "--lang fr: not a language of this repository" in r.err


def test_a_tag_with_a_broken_file(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "repo")
    path = root / "examples/bullying/BH-001.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("label: remove", "label: delete", 1), encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "typo")
    git(root, "tag", "-a", "v1.2.0", "-m", "broken release")
    r = run_cli("changelog", "v1.1.0..v1.2.0", "-C", str(root))
    assert r.code == 1
    assert re.search(r"^v1\.2\.0:examples/bullying/BH-001\.yaml:\d+:\d+: error\[label-unknown\]: label 'delete' is not a decision", r.out, re.M)
    assert "release v1.2.0 has errors, so it cannot be compared" in r.err
    no_traceback(r.err)
    # The default range now starts at the broken release.
    assert run_cli("changelog", "-C", str(root)).code == 1


def test_working_tree_with_errors(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "repo")
    rule = root / "guidelines/bullying/BH-003.md"
    rule.write_text(rule.read_text(encoding="utf-8").replace("decision: remove", "decision: delet"), encoding="utf-8")
    r = run_cli("changelog", "-C", str(root))
    assert r.code == 1
    assert re.search(r"^guidelines/bullying/BH-003\.md:\d+:\d+: error\[decision-unknown\]", r.out, re.M)
    assert "the working tree has errors" in r.err
    no_traceback(r.err)


def test_help_explains_the_range() -> None:
    r = run_cli("changelog", "--help")
    assert r.code == 0
    assert "FROM..TO" in r.out and "WORKTREE" in r.out and "v1.0.0..v1.1.0" in r.out
