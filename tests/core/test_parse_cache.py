"""The parse cache and the two-process read: a run that uses them reports exactly what
a run that reads every file afresh reports, at the same lines, and a cache that cannot
be used is never an error."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from labelbook.bench.corpus import generate
from labelbook.yamlio import parse_yaml

from .sample import locate

CACHE_FILE = "parsed-v1.sqlite3"


@pytest.fixture
def big(tmp_path: Path) -> Path:
    """442 files: enough for the second process (prefetch.MIN_FILES is 400)."""
    root = tmp_path / "repo"
    generate(root, rules=110, examples_per_rule=2, releases=1, seed=11)
    return root


def run(repo: Path, *args: str, cache: Path | None, extra_env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LABELBOOK_")}
    if cache is None:
        env["LABELBOOK_NO_CACHE"] = "1"
    else:
        env["LABELBOOK_CACHE_DIR"] = str(cache)
    env.update(extra_env or {})
    return subprocess.run([sys.executable, "-m", "labelbook", *args, "-C", str(repo)], capture_output=True, text=True, env=env, timeout=120)


def findings(proc: subprocess.CompletedProcess[str]) -> list[tuple]:
    assert "Traceback" not in proc.stderr, proc.stderr
    return [(p["path"], p["line"], p["col"], p["severity"], p["code"]) for p in json.loads(proc.stdout)]


def rows(cache: Path) -> int:
    with sqlite3.connect(cache / CACHE_FILE) as db:
        return db.execute("SELECT COUNT(*) FROM parsed").fetchone()[0]


def replace_first(path: Path, start: str, new: str) -> int:
    """Replace the first line that starts with `start` (after its indent); returns its number."""
    lines = path.read_text(encoding="utf-8").split("\n")
    i = next(i for i, line in enumerate(lines) if line.lstrip().startswith(start))
    lines[i] = new
    path.write_text("\n".join(lines), encoding="utf-8")
    return i + 1


def plant_defects(repo: Path) -> list[tuple]:
    """One defect of each kind whose line the cache must not lose; returns what check must say."""
    examples = repo / "examples"
    en = sorted(examples.glob("*/*[0-9].yaml"))
    bn = sorted(examples.glob("*/*.bn.yaml"))
    # a cross-reference error in a file that reads cleanly (so its data is cached)
    label_line = replace_first(en[3], "label:", "    label: delete")
    # a duplicate key: the file's own YAML problem
    dup_line = replace_first(en[7], "modality:", "    modality: video\n    modality: image") + 1
    # a stale translation: a warning at the `source:` of a cached translation file
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


def test_a_cached_run_reports_exactly_what_a_fresh_run_does(big: Path, tmp_path: Path) -> None:
    expected = plant_defects(big)
    cache = tmp_path / "cache"
    fresh = run(big, "check", "--format", "json", cache=None)
    assert sorted(findings(fresh)) == sorted(expected)
    assert not cache.exists()
    cold = run(big, "check", "--format", "json", cache=cache)  # reads on two cores, fills the cache
    assert findings(cold) == findings(fresh) and cold.returncode == fresh.returncode == 1
    # every file that read cleanly is stored; the two with problems of their own are not
    assert rows(cache) == 442 - 2
    warm = run(big, "check", "--format", "json", cache=cache)  # every clean file from the cache
    assert findings(warm) == findings(fresh) and warm.stdout == fresh.stdout


def test_the_cache_follows_the_bytes_of_each_file(big: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    assert run(big, "check", "--format", "json", cache=cache).stdout  # warm it
    target = sorted((big / "examples").glob("*/*[0-9].yaml"))[20]
    replace_first(target, "label:", "    label: delte")  # a cached file, edited
    line, col = locate(target, "delte")
    after = run(big, "check", "--format", "json", cache=cache)
    assert (str(target.relative_to(big)), line, col, "error", "label-unknown") in findings(after)
    assert findings(after) == findings(run(big, "check", "--format", "json", cache=None))


def test_a_damaged_or_unusable_cache_is_read_around(big: Path, tmp_path: Path) -> None:
    expected = run(big, "check", "--format", "json", cache=None).stdout
    damaged = tmp_path / "damaged"
    damaged.mkdir()
    (damaged / CACHE_FILE).write_bytes(b"this is not a database" * 100)
    proc = run(big, "check", "--format", "json", cache=damaged)
    assert proc.stdout == expected and proc.stderr == ""
    assert rows(damaged) > 0  # replaced by a working store
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    proc = run(big, "check", "--format", "json", cache=blocked / "cache")  # cannot be created
    assert proc.stdout == expected and "Traceback" not in proc.stderr


def test_a_store_held_by_another_process_is_neither_waited_for_long_nor_damaged(big: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    run(big, "check", cache=cache)  # warm
    before = rows(cache)
    target = sorted((big / "examples").glob("*/*[0-9].yaml"))[0]
    replace_first(target, "label:", "    label: allow")  # something new to store
    other = sqlite3.connect(cache / CACHE_FILE, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")  # another labelbook in the middle of writing
    try:
        proc = run(big, "check", "--format", "json", cache=cache)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert "Traceback" not in proc.stderr and proc.stderr == ""
    assert proc.stdout == run(big, "check", "--format", "json", cache=None).stdout
    assert rows(cache) >= before  # the store is intact (the new entry waits for another run)


def test_no_cache_reads_and_writes_nothing(big: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    proc = subprocess.run(
        [sys.executable, "-m", "labelbook", "--no-cache", "check", "-C", str(big)],
        capture_output=True, text=True, env={**os.environ, "LABELBOOK_CACHE_DIR": str(cache)}, timeout=120,
    )  # fmt: skip
    assert "Traceback" not in proc.stderr and "files checked" in proc.stderr
    assert not cache.exists()
    run(big, "check", cache=cache, extra_env={"LABELBOOK_NO_CACHE": "1"})
    assert not cache.exists()


_PREFETCH = """
import sys
from pathlib import Path
from labelbook import parsecache, prefetch
from labelbook.sources import WorkingTree
source = WorkingTree(Path(sys.argv[1]))
files = source.files()
print(prefetch.prefetch(source, files), len(files))
parsecache.flush()
"""


def test_a_second_process_reads_half_of_a_large_tree_into_the_cache(big: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    env = {**os.environ, "LABELBOOK_CACHE_DIR": str(cache)}
    env.pop("LABELBOOK_NO_CACHE", None)
    first = subprocess.run([sys.executable, "-c", _PREFETCH, str(big)], capture_output=True, text=True, env=env, timeout=120)
    assert first.returncode == 0, first.stderr
    theirs, total = map(int, first.stdout.split())
    if len(os.sched_getaffinity(0)) == 1:  # a single core reads alone, when the loader reads
        assert theirs == 0
        return
    assert total * 0.4 < theirs < total * 0.6  # about half, by bytes
    assert rows(cache) == total  # the child's half and this process's half, written by the child
    again = subprocess.run([sys.executable, "-c", _PREFETCH, str(big)], capture_output=True, text=True, env=env, timeout=120)
    assert again.stdout.split()[0] == "0"  # all cached: nothing for a second process


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

    from labelbook.layout import split_front_matter
    from labelbook.yamlio import _Builder, _Loader

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


_INTERRUPTED = """
import os, sys
from pathlib import Path
from labelbook import parsecache, prefetch
from labelbook.sources import WorkingTree
parent = os.getpid()
read = prefetch._read
def interrupted(source, jobs):
    if os.getpid() == parent:
        raise KeyboardInterrupt  # Ctrl-C while this process reads its half
    read(source, jobs)
prefetch._read = interrupted
source = WorkingTree(Path(sys.argv[1]))
try:
    prefetch.prefetch(source, source.files())
except KeyboardInterrupt:
    print("interrupted")
parsecache.reap(wait=True)  # as `labelbook` does before it exits: the child must not hang
print("done")
"""


def test_an_interrupted_read_leaves_no_process_waiting(big: Path, tmp_path: Path) -> None:
    env = {**os.environ, "LABELBOOK_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("LABELBOOK_NO_CACHE", None)
    proc = subprocess.run([sys.executable, "-c", _INTERRUPTED, str(big)], capture_output=True, text=True, env=env, timeout=60)
    assert proc.returncode == 0, proc.stderr
    expected = "interrupted\ndone\n" if len(os.sched_getaffinity(0)) > 1 else "done\n"
    assert proc.stdout == expected


def test_git_blobs_kept_for_the_next_release_are_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two releases read one after the other with a blob store too small for one of them:
    it is emptied before the second release is read, never halfway through it."""
    from labelbook import sources
    from labelbook.checks import check
    from labelbook.sources import GitTree

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
