"""Property-based tests: mutated and garbage files never crash `labelbook check`.

Whatever the input, the check exits 0 or 1, prints only well-formed problem lines, and
never lets an exception escape or reports an internal error. It runs in-process for speed.
"""

from __future__ import annotations

import contextlib
import io
import json
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from labelbook.cli import main

from .sample import files, parse_line, write_repo

SETTINGS = settings(max_examples=40, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
SAMPLE_FILES = sorted(p for p in files() if p != "mkdocs.yml")

# Text that trips parsers: Bengali (with combining signs and ZWJ), control characters,
# YAML and Markdown syntax, the odd surrogate-free astral character.
TRICKY = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0x0980, max_codepoint=0x09FF),
        st.sampled_from(list(":-[]{}#&*!|>'\"%@`,?\t\r\n\x00\x07\x1b\x85\u200c\u200d\ufeff\u2028 ---...")),
        st.characters(codec="utf-8"),
    ),
    max_size=80,
)


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_repo(tmp_path_factory.mktemp("base") / "repo")


def run_check(repo: Path, *args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["check", "-C", str(repo), *args])
    return code, out.getvalue(), err.getvalue()


def assert_survives(repo: Path) -> None:
    code, out, err = run_check(repo)
    assert code in (0, 1), err
    assert "internal error" not in err and "Traceback" not in err, err
    findings = [parse_line(line) for line in out.splitlines()]  # every line is `path:line:col: ...`
    for f in findings:
        assert f.line >= 1 and f.col >= 1
        assert not Path(f.path).is_absolute() and ".." not in Path(f.path).parts
    assert code == (1 if any(f.severity == "error" for f in findings) else 0)


@contextlib.contextmanager
def copy_of(base: Path):
    with tempfile.TemporaryDirectory() as tmp:
        repo = Path(tmp) / "repo"
        shutil.copytree(base, repo)
        yield repo


@st.composite
def line_mutation(draw: st.DrawFn) -> tuple[str, str]:
    path = draw(st.sampled_from(SAMPLE_FILES))
    lines = files()[path].split("\n")
    i = draw(st.integers(0, len(lines) - 1))
    op = draw(st.sampled_from(["delete", "duplicate", "replace", "insert", "swap", "indent", "dedent"]))
    if op == "delete":
        del lines[i]
    elif op == "duplicate":
        lines.insert(i, lines[i])
    elif op == "replace":
        lines[i] = draw(TRICKY)
    elif op == "insert":
        lines.insert(i, draw(TRICKY))
    elif op == "swap":
        j = draw(st.integers(0, len(lines) - 1))
        lines[i], lines[j] = lines[j], lines[i]
    elif op == "indent":
        lines[i] = "  " + lines[i]
    else:
        lines[i] = lines[i].lstrip()
    return path, "\n".join(lines)


@given(mutation=line_mutation())
@settings(SETTINGS, max_examples=60)
def test_line_mutations(base: Path, mutation: tuple[str, str]) -> None:
    path, text = mutation
    with copy_of(base) as repo:
        (repo / path).write_text(text, encoding="utf-8")
        assert_survives(repo)


@given(path=st.sampled_from(SAMPLE_FILES), data=st.data())
@settings(SETTINGS)
def test_byte_mutations(base: Path, path: str, data: st.DataObject) -> None:
    raw = files()[path].encode("utf-8")
    op = data.draw(st.sampled_from(["truncate", "insert", "overwrite"]))
    at = data.draw(st.integers(0, len(raw)))
    if op == "truncate":  # may cut a Bengali letter in half
        raw = raw[:at]
    else:
        junk = data.draw(st.binary(min_size=1, max_size=16))
        raw = raw[:at] + junk + raw[at + (len(junk) if op == "overwrite" else 0) :]
    with copy_of(base) as repo:
        (repo / path).write_bytes(raw)
        assert_survives(repo)


NAMES = st.from_regex(r"[A-Za-z0-9_-]{1,8}(\.[a-z]{2,3})?\.(md|yaml|yml|txt)", fullmatch=True)


@given(
    folder=st.sampled_from(["guidelines", "guidelines/hate-speech", "guidelines/new-area", "examples", "examples/bullying", "examples/x/y"]),
    name=NAMES,
    content=st.one_of(TRICKY, st.binary(max_size=200), st.recursive(
        st.none() | st.booleans() | st.integers() | TRICKY,
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TRICKY, inner, max_size=3),
        max_leaves=8,
    ).map(lambda v: "---\n" + json.dumps(v, ensure_ascii=False) + "\n---\n")),
)
@settings(SETTINGS)
def test_garbage_files(base: Path, folder: str, name: str, content: str | bytes) -> None:
    with copy_of(base) as repo:
        target = repo / folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
        assert_survives(repo)


@given(doc=st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | TRICKY,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(["id", "rule", "examples", "label", "title", "source", "content", "decisions", "areas", "languages", "related", "distractors"]) | TRICKY, inner, max_size=4),
    max_leaves=12,
), path=st.sampled_from([p for p in SAMPLE_FILES if p.endswith(".yaml")]))
@settings(SETTINGS)
def test_well_formed_yaml_of_the_wrong_shape(base: Path, doc: object, path: str) -> None:
    with copy_of(base) as repo:
        (repo / path).write_text(json.dumps(doc, ensure_ascii=False, allow_nan=True), encoding="utf-8")
        assert_survives(repo)
