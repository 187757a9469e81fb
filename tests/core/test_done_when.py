"""Issue 2's "Done when": each single defect makes `labelbook check` exit 1 quickly, with no
traceback and an error line at that file and line.

The time of each run is recorded but not asserted (only the subprocess has a generous
timeout); to see it: `pytest tests/core/test_done_when.py -o junit_family=xunit1 --junitxml=t.xml`
and read the `seconds` property of each test case.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Callable

import pytest

from .helpers import no_crash
from .sample import RULES, check, insert_after, locate, replace_line

HS1_EX = "examples/hate-speech/HS-001.yaml"
BU1 = "guidelines/bullying/BU-001.md"
HS1 = "guidelines/hate-speech/HS-001.md"
HS2 = "guidelines/hate-speech/HS-002.md"


def unknown_label(repo: Path) -> tuple[str, int]:
    return HS1_EX, replace_line(repo / HS1_EX, "label: allow", "    label: delete")


def duplicate_key(repo: Path) -> tuple[str, int]:
    return HS1_EX, insert_after(repo / HS1_EX, "label: allow", "    label: remove")


def typo_key(repo: Path) -> tuple[str, int]:
    return HS1_EX, replace_line(repo / HS1_EX, "label: allow", "    lable: allow")


def duplicate_example_id(repo: Path) -> tuple[str, int]:
    return HS1_EX, replace_line(repo / HS1_EX, "id: HS-001-E02", "  - id: HS-001-E01")


def missing_required(repo: Path) -> tuple[str, int]:
    replace_line(repo / BU1, "decision: remove", None)
    return BU1, 2  # the front matter's mapping starts on line 2


def wrong_type(repo: Path) -> tuple[str, int]:
    return HS1_EX, replace_line(repo / HS1_EX, "quiz: true", "    quiz: [yes]")


def unknown_related(repo: Path) -> tuple[str, int]:
    return HS1, replace_line(repo / HS1, "related:", "related: [HS-002, HS-020]")


def unknown_replaced_by(repo: Path) -> tuple[str, int]:
    return HS2, replace_line(repo / HS2, "replaced_by:", "replaced_by: HS-099")


def id_file_mismatch(repo: Path) -> tuple[str, int]:
    return BU1, replace_line(repo / BU1, "id: BU-001", "id: BU-007")


def area_folder_mismatch(repo: Path) -> tuple[str, int]:
    moved = "guidelines/hate-speech/BU-001.md"
    (repo / BU1).rename(repo / moved)
    return moved, locate(repo / moved, "area:")[0]


def yaml_syntax(repo: Path) -> tuple[str, int]:
    return HS1_EX, replace_line(repo / HS1_EX, "label: allow", "    label: 'allow")


def invalid_utf8(repo: Path) -> tuple[str, int]:
    f = repo / BU1
    line = locate(f, "neighbour")[0]
    f.write_bytes(f.read_bytes().replace("neighbour".encode(), "neighbour".encode("utf-16-le")))
    return BU1, line


def alias_bomb(repo: Path) -> tuple[str, int]:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefghi", "bcdefghij"):
        lines.append(f"{name}: &{name} [{','.join([f'*{prev}'] * 10)}]")
    (repo / HS1_EX).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return HS1_EX, 1


def python_tag(repo: Path) -> tuple[str, int]:
    marker = repo.parent / "PWNED"
    line = replace_line(repo / HS1_EX, "content: A news anchor", f"    content: !!python/object/apply:os.system ['touch {marker}']")
    return HS1_EX, line


def unclosed_front_matter(repo: Path) -> tuple[str, int]:
    fm, body = RULES[BU1]
    (repo / BU1).write_text(f"---\n{fm}\n{body}", encoding="utf-8")
    return BU1, 1


def duplicate_decision(repo: Path) -> tuple[str, int]:
    f = repo / "guidelines/policy.yaml"
    return "guidelines/policy.yaml", insert_after(f, "title: Allow", "  - id: remove\n    title: Remove") 


def orphan_example_translation(repo: Path) -> tuple[str, int]:
    f = repo / "examples/bullying/BU-001.bn.yaml"
    return "examples/bullying/BU-001.bn.yaml", replace_line(f, "  BU-001-E02:", "  BU-001-E03:")


DEFECTS: dict[str, Callable[[Path], tuple[str, int]]] = {
    f.__name__: f
    for f in (
        unknown_label, duplicate_key, typo_key, duplicate_example_id, missing_required, wrong_type,
        unknown_related, unknown_replaced_by, id_file_mismatch, area_folder_mismatch, yaml_syntax,
        invalid_utf8, alias_bomb, python_tag, unclosed_front_matter, duplicate_decision,
        orphan_example_translation,
    )
}


@pytest.mark.parametrize("defect", DEFECTS)
def test_single_defect_fails_the_check(repo: Path, defect: str, record_property) -> None:
    path, line = DEFECTS[defect](repo)
    start = time.perf_counter()
    run = check(repo)
    record_property("seconds", round(time.perf_counter() - start, 3))
    no_crash(run)
    assert run.returncode == 1, run.stdout + run.stderr
    errors = [(f.path, f.line) for f in run.findings if f.severity == "error"]
    assert (path, line) in errors, run.stdout
    assert not (repo.parent / "PWNED").exists()


def test_typo_key_says_did_you_mean(repo: Path) -> None:
    line = replace_line(repo / HS1_EX, "label: allow", "    lable: allow")
    run = check(repo)
    msg = {(f.code, f.line): f.message for f in run.findings}
    assert msg[("schema-unknown-key", line)].startswith("unknown key 'lable' (did you mean 'label'?)")
    assert {f.code for f in run.findings} == {"schema-unknown-key", "schema-required"}


def test_fifty_megabyte_file(repo: Path, record_property) -> None:
    f = repo / HS1_EX
    with f.open("ab") as out:
        chunk = b"# " + b"x" * 1021 + b"\n"
        for _ in range(50 * 1024):
            out.write(chunk)
    assert f.stat().st_size > 50 * 1024 * 1024
    start = time.perf_counter()
    run = check(repo)
    record_property("seconds", round(time.perf_counter() - start, 3))
    no_crash(run)
    assert run.returncode == 1
    assert [(x.code, x.path, x.line) for x in run.findings] == [("file-too-large", HS1_EX, 1)]
    assert "50.0 MB" in run.findings[0].message


def test_fifty_megabyte_page(repo: Path) -> None:
    page = repo / "guidelines/wellbeing.md"
    with page.open("wb") as out:
        out.truncate(50 * 1024 * 1024)  # a sparse file of NULs: binary junk named .md
    run = check(repo)
    no_crash(run)
    assert [(x.code, x.path) for x in run.findings] == [("file-too-large", "guidelines/wellbeing.md")]
    assert run.returncode == 1
