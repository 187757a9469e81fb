"""`labelbook translations status` and `labelbook translations stamp`, through the real command."""

from __future__ import annotations

import json
from pathlib import Path

from labelbook.core.model import fingerprint

from .helpers import no_crash
from .sample import RULES, check, example_fingerprints, labelbook, replace_line, rule_fingerprint

BU1 = "guidelines/bullying/BU-001.md"
BU1_BN = "guidelines/bullying/BU-001.bn.md"
HS1_EX = "examples/hate-speech/HS-001.yaml"
HS1_EX_BN = "examples/hate-speech/HS-001.bn.yaml"
NEW_TITLE = "Degrading or shaming a private person"
NEW_CONTENT = "A comment calls a religious group [slur]."
E02_RATIONALE = "A slur aimed at a protected group, with no news or counter-speech around it."


def make_stale_and_missing(repo: Path) -> None:
    """BU-001 and HS-001-E02 stale; HS-002 and BU-001-E02 missing; the other four current."""
    replace_line(repo / BU1, "title: Degrading", f"title: {NEW_TITLE}")
    replace_line(repo / HS1_EX, "content: A comment calls", f"    content: {NEW_CONTENT}")
    (repo / "guidelines/hate-speech/HS-002.bn.md").unlink()
    f = repo / "examples/bullying/BU-001.bn.yaml"
    text = f.read_text(encoding="utf-8")
    f.write_text(text[: text.index("  BU-001-E02:")], encoding="utf-8")


EXPECTED_STATES = {
    "HS-001": "current",
    "HS-001-E01": "current",
    "HS-001-E02": "stale",
    "HS-002": "missing",
    "HS-002-E01": "current",
    "BU-001": "stale",
    "BU-001-E01": "current",
    "BU-001-E02": "missing",
}


def status(repo: Path, *args: str):
    return labelbook("translations", "status", "-C", repo, *args)


def stamp(repo: Path, *args: str):
    return labelbook("translations", "stamp", "-C", repo, *args)


def test_status_text(repo: Path) -> None:
    make_stale_and_missing(repo)
    run = status(repo)
    no_crash(run)
    assert run.returncode == 0
    *units, total = run.stdout.splitlines()
    states = {}
    for line in units:
        lang, state, kind, id, path = line.split()
        assert lang == "bn" and kind == ("example" if "-E" in id else "rule")
        states[id] = state
        assert path.startswith("examples/" if kind == "example" else "guidelines/")
    assert states == EXPECTED_STATES
    assert total == "Bengali (bn): 4 current, 2 stale, 2 missing of 8 units (50% current)"


def test_status_json(repo: Path) -> None:
    make_stale_and_missing(repo)
    run = status(repo, "--format", "json")
    assert run.returncode == 0
    doc = json.loads(run.stdout)
    assert doc["totals"] == {"bn": {"current": 4, "stale": 2, "missing": 2, "total": 8}}
    units = {u["id"]: u for u in doc["units"]}
    assert {id: u["state"] for id, u in units.items()} == EXPECTED_STATES
    _, body = RULES[BU1]
    assert units["BU-001"] == {
        "lang": "bn",
        "kind": "rule",
        "id": "BU-001",
        "state": "stale",
        "path": BU1_BN,
        "source": rule_fingerprint(BU1),
        "current": fingerprint(NEW_TITLE, body),
    }
    assert units["HS-001-E02"]["source"] == example_fingerprints()["HS-001-E02"]
    assert units["HS-001-E02"]["current"] == fingerprint(NEW_CONTENT, E02_RATIONALE)
    assert units["HS-002"]["source"] is None and units["HS-002"]["path"] == "guidelines/hate-speech/HS-002.md"
    assert units["HS-001"]["source"] == units["HS-001"]["current"]


def test_status_of_one_state(repo: Path) -> None:
    make_stale_and_missing(repo)
    run = status(repo, "--format", "json", "--state", "stale", "--state", "missing")
    doc = json.loads(run.stdout)
    assert sorted(u["id"] for u in doc["units"]) == ["BU-001", "BU-001-E02", "HS-001-E02", "HS-002"]
    assert doc["totals"]["bn"]["total"] == 8


def _changed_lines(before: bytes, after: bytes) -> list[tuple[int, bytes, bytes]]:
    old, new = before.split(b"\n"), after.split(b"\n")
    assert len(old) == len(new)
    return [(i + 1, a, b) for i, (a, b) in enumerate(zip(old, new)) if a != b]


def test_stamp_a_rule(repo: Path) -> None:
    replace_line(repo / BU1, "title: Degrading", f"title: {NEW_TITLE}")
    before = (repo / BU1_BN).read_bytes()
    _, body = RULES[BU1]
    old, new = rule_fingerprint(BU1), fingerprint(NEW_TITLE, body)
    assert check(repo).codes() == ["translation-stale"]

    run = stamp(repo, "BU-001")
    no_crash(run)
    assert run.returncode == 0
    assert run.stdout == f"stamped BU-001 (bn) in {BU1_BN}: {old} -> {new}\n"
    assert _changed_lines(before, (repo / BU1_BN).read_bytes()) == [(3, f"source: {old}".encode(), f"source: {new}".encode())]
    after = check(repo, "--strict")
    assert (after.returncode, after.stdout) == (0, "")


def test_stamp_an_example(repo: Path) -> None:
    replace_line(repo / HS1_EX, "content: A comment calls", f"    content: {NEW_CONTENT}")
    before = (repo / HS1_EX_BN).read_bytes()
    old, new = example_fingerprints()["HS-001-E02"], fingerprint(NEW_CONTENT, E02_RATIONALE)
    run = stamp(repo, "HS-001-E02")
    assert run.returncode == 0, run.stderr
    changed = _changed_lines(before, (repo / HS1_EX_BN).read_bytes())
    assert changed == [(8, f"    source: {old}".encode(), f"    source: {new}".encode())]
    assert check(repo, "--strict").returncode == 0


def test_stamp_a_rule_stamps_its_stale_examples(repo: Path) -> None:
    replace_line(repo / HS1_EX, "content: A comment calls", f"    content: {NEW_CONTENT}")
    run = stamp(repo, "HS-001")
    assert run.returncode == 0
    assert run.stdout.startswith("stamped HS-001-E02 (bn) in examples/hate-speech/HS-001.bn.yaml: ")
    assert len(run.stdout.splitlines()) == 1  # HS-001 itself and HS-001-E01 were current
    assert check(repo, "--strict").returncode == 0


def test_stamp_all_and_dry_run(repo: Path) -> None:
    make_stale_and_missing(repo)
    files = {p: p.read_bytes() for p in repo.rglob("*") if p.is_file()}

    dry = stamp(repo, "--all", "--dry-run")
    assert dry.returncode == 0
    assert sorted(line.split()[2] for line in dry.stdout.splitlines()) == ["BU-001", "HS-001-E02"]
    assert all(line.startswith("would stamp ") for line in dry.stdout.splitlines())
    assert {p: p.read_bytes() for p in files} == files  # nothing written

    run = stamp(repo, "--all")
    assert run.returncode == 0
    assert run.stdout == dry.stdout.replace("would stamp ", "stamped ")
    changed = {p.relative_to(repo).as_posix() for p in files if p.read_bytes() != files[p]}
    assert changed == {BU1_BN, HS1_EX_BN}
    for p in changed:
        assert len(_changed_lines(files[repo / p], (repo / p).read_bytes())) == 1
    after = check(repo)
    assert sorted(after.codes()) == ["translation-missing", "translation-missing"]  # stamping writes no translation


def test_stamp_keeps_crlf_bom_and_comments(repo: Path) -> None:
    replace_line(repo / HS1_EX, "content: A comment calls", f"    content: {NEW_CONTENT}")
    f = repo / HS1_EX_BN
    old = example_fingerprints()["HS-001-E02"]
    text = f.read_text(encoding="utf-8").replace(f"source: {old}", f"source: {old}  # Karim, 2026-11-02")
    f.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    before = f.read_bytes()
    run = stamp(repo, "HS-001-E02")
    assert run.returncode == 0, run.stderr
    new = fingerprint(NEW_CONTENT, E02_RATIONALE)
    assert _changed_lines(before, f.read_bytes()) == [
        (8, f"    source: {old}  # Karim, 2026-11-02\r".encode(), f"    source: {new}  # Karim, 2026-11-02\r".encode())
    ]
    assert f.read_bytes().startswith(b"\xef\xbb\xbf")
    assert check(repo, "--strict").returncode == 0


def test_stamp_of_a_current_translation_changes_nothing(repo: Path) -> None:
    before = (repo / BU1_BN).read_bytes()
    run = stamp(repo, "BU-001")
    assert run.returncode == 0
    assert run.stdout == "" and "nothing to stamp" in run.stderr
    assert (repo / BU1_BN).read_bytes() == before


def test_stamp_of_a_missing_translation_is_a_usage_error(repo: Path) -> None:
    (repo / BU1_BN).unlink()
    run = stamp(repo, "BU-001")
    no_crash(run)
    assert run.returncode == 2
    assert "BU-001 has no bn translation" in run.stderr


def test_stamp_refuses_a_repository_with_errors(repo: Path) -> None:
    replace_line(repo / BU1, "title: Degrading", f"title: {NEW_TITLE}")
    line = replace_line(repo / HS1_EX, "label: allow", "    label: delete")
    before = (repo / BU1_BN).read_bytes()
    run = stamp(repo, "--all")
    no_crash(run)
    assert run.returncode == 1
    assert f"{HS1_EX}:{line}:12: error[label-unknown]" in run.stdout
    assert (repo / BU1_BN).read_bytes() == before


def test_stamp_quotes_an_all_digit_fingerprint(repo: Path) -> None:
    _, body = RULES[BU1]
    title = next(t for n in range(100_000) if fingerprint(t := f"Degrading a private person ({n})", body).isdigit())
    replace_line(repo / BU1, "title: Degrading", f"title: {title}")
    run = stamp(repo, "BU-001")
    assert run.returncode == 0, run.stderr
    assert f'source: "{fingerprint(title, body)}"' in (repo / BU1_BN).read_text(encoding="utf-8")
    after = check(repo, "--strict")
    assert (after.returncode, after.stdout) == (0, "")


def test_stamp_two_examples_of_one_file(repo: Path) -> None:
    f = repo / "examples/bullying/BU-001.yaml"
    replace_line(f, "rationale: It humiliates", "    rationale: It humiliates an identifiable minor.")
    replace_line(f, "rationale: Satire", "    rationale: Satire of a public figure is not bullying.")
    bn = repo / "examples/bullying/BU-001.bn.yaml"
    before = bn.read_bytes()
    run = stamp(repo, "BU-001-E01", "BU-001-E02")
    assert run.returncode == 0, run.stderr
    assert [n for n, _, _ in _changed_lines(before, bn.read_bytes())] == [4, 8]
    assert check(repo, "--strict").returncode == 0
