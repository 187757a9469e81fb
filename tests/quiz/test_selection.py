"""Which examples a quiz asks, in which order, with which options; and how it refuses."""

from __future__ import annotations

import json

import pytest

from labelbook.quiz.export_gift import escape

from .conftest import labelbook
from .sample import QUIZZABLE, SENSITIVE, area_of, example, write_repo

FORMATS = ["json", "csv", "gift", "moodle-xml", "qti"]


def ids(data: bytes) -> list[str]:
    return [i["id"] for i in json.loads(data)["items"]]


def test_quiz_false_and_deprecated_rules_never_appear(quiz):
    for seed in range(8):
        data, _ = quiz("--count", str(len(QUIZZABLE)), "--seed", str(seed))
        assert sorted(ids(data)) == QUIZZABLE
        assert "HS-001-E03" not in ids(data) and "SH-002-E01" not in ids(data)


def test_a_deprecated_rule_named_with_rule_is_quizzed(quiz):
    data, _ = quiz("--count", "1", "--rule", "SH-002")
    assert ids(data) == ["SH-002-E01"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_same_seed_same_bytes(quiz, fmt):
    a, _ = quiz("--count", "6", "--lang", "bn", "--format", fmt, "--seed", "42", name="a")
    b, _ = quiz("--count", "6", "--lang", "bn", "--format", fmt, "--seed", "42", name="b")
    assert a == b


def test_another_seed_another_quiz(quiz):
    orders = {tuple(ids(quiz("--count", "6", "--seed", str(s))[0])) for s in range(6)}
    assert len(orders) > 1
    a, _ = quiz("--count", "9", "--seed", "1", name="a")
    b, _ = quiz("--count", "9", "--seed", "2", name="b")
    assert sorted(ids(a)) == sorted(ids(b)) and ids(a) != ids(b)  # same items, another order


def test_items_are_spread_over_areas(quiz):
    for seed in range(10):
        data, _ = quiz("--count", "3", "--seed", str(seed))
        assert sorted(area_of(i) for i in ids(data)) == ["bullying", "hate-speech", "self-harm"]


def test_items_are_spread_over_difficulties_within_an_area(quiz):
    for seed in range(10):
        data, _ = quiz("--count", "3", "--area", "bullying", "--seed", str(seed))
        assert sorted(example(i)["difficulty"] for i in ids(data)) == ["easy", "hard", "medium"]


def test_filters_accept_repeats_and_comma_lists(quiz):
    data, _ = quiz("--count", "4", "--area", "hate-speech", "--difficulty", "easy,hard", "--difficulty", "medium")
    assert sorted(ids(data)) == ["HS-001-E01", "HS-001-E02", "HS-002-E01", "HS-002-E02"]
    data, _ = quiz("--count", "2", "--rule", "BU-001,SH-001", "--difficulty", "easy")
    assert sorted(ids(data)) == ["BU-001-E02", "SH-001-E02"]


@pytest.mark.parametrize("share,most", [("0", 0), ("0.2", 1), ("0.34", 2)])
def test_max_sensitive_caps_the_share(quiz, share, most):
    for seed in range(6):
        data, _ = quiz("--count", "6", "--max-sensitive", share, "--seed", str(seed))
        picked = ids(data)
        assert len(picked) == 6 and sum(i in SENSITIVE for i in picked) <= most


def test_sensitive_items_start_with_their_warning(quiz):
    data, _ = quiz("--count", str(len(QUIZZABLE)), "--lang", "bn")
    for item in json.loads(data)["items"]:
        assert item["sensitive"] == (item["id"] in SENSITIVE)
        assert item["question"].startswith("কনটেন্ট সতর্কতা (") == item["sensitive"]


def test_options_beyond_k_take_label_distractors_and_related_decisions(quiz):
    data, _ = quiz("--count", str(len(QUIZZABLE)), "--options", "3")
    items = {i["id"]: i for i in json.loads(data)["items"]}
    # label warning-screen, distractors remove + allow; in taxonomy order
    assert [o["id"] for o in items["HS-002-E01"]["options"]] == ["remove", "warning-screen", "allow"]
    # label remove, distractor age-restrict, related HS-002 -> warning-screen
    assert [o["id"] for o in items["HS-001-E02"]["options"]] == ["remove", "age-restrict", "warning-screen"]
    # label allow, distractor age-restrict, related SH-002 -> remove
    assert [o["id"] for o in items["SH-001-E02"]["options"]] == ["remove", "age-restrict", "allow"]
    for item in items.values():
        assert len(item["options"]) == 3 and item["key"] in [o["id"] for o in item["options"]]


def test_site_url_prefixes_the_rule_links(quiz):
    data, _ = quiz("--count", "9", "--lang", "bn", "--site-url", "https://guides.example.org/1.2.0/")
    for item in json.loads(data)["items"]:
        assert item["feedback"]["rule_url"] == f"https://guides.example.org/1.2.0/bn/{item['area']}/{item['rule']}/"


def test_too_many_items_is_a_clear_error_not_a_short_quiz(repo, tmp_path):
    out = tmp_path / "q.json"
    run = labelbook("quiz", "-C", repo, "--count", "10", "-o", out)
    assert run.returncode == 2 and not out.exists()
    assert "--count 10: only 9 examples can be asked" in run.stderr
    run = labelbook("quiz", "-C", repo, "--count", "3", "--area", "hate-speech", "--difficulty", "hard", "-o", out)
    assert run.returncode == 2
    assert "only 2 examples" in run.stderr and "--area hate-speech leaves 4; --difficulty hard leaves 2" in run.stderr
    run = labelbook("quiz", "-C", repo, "--count", "9", "--max-sensitive", "0.2", "-o", out)
    assert run.returncode == 2
    assert "--max-sensitive 0.2 allows at most 1 sensitive item in 9, and 6 of the 9 are not sensitive" in run.stderr
    assert "Traceback" not in run.stderr


@pytest.mark.parametrize("args,message", [
    (["--area", "hate-speach"], "--area hate-speach: no such area (did you mean 'hate-speech'?)"),
    (["--rule", "HS001"], "--rule HS001: no such rule (did you mean 'HS-001'?)"),
    (["--difficulty", "hardest"], "--difficulty hardest: no such difficulty (did you mean 'hard'?)"),
    (["--lang", "bnn"], "--lang bnn: not a language of this repository (did you mean 'bn'?)"),
    (["--max-sensitive", "1.5"], "--max-sensitive 1.5: a share between 0 and 1"),
    (["--options", "1"], "--options 1: an item needs at least 2 options"),
])
def test_wrong_usage_exits_2(repo, tmp_path, args, message):
    run = labelbook("quiz", "-C", repo, "--count", "2", *args, "-o", tmp_path / "q.json")
    assert run.returncode == 2 and message in run.stderr


def test_content_errors_are_listed_and_exit_1(tmp_path):
    root = write_repo(tmp_path / "repo")
    path = root / "examples/hate-speech/HS-001.yaml"
    path.write_text(path.read_text("utf-8").replace("label: allow", "label: delete", 1), "utf-8")
    run = labelbook("quiz", "-C", root, "--count", "2", "-o", tmp_path / "q.json")
    assert run.returncode == 1
    assert "examples/hate-speech/HS-001.yaml:" in run.stdout.decode() and "error[label-unknown]" in run.stdout.decode()
    assert not (tmp_path / "q.json").exists()


def test_an_english_quiz_does_not_wait_for_a_broken_bengali_file(tmp_path):
    """A quiz reads the translations of its own language only: a Bengali file being
    edited does not stop an English quiz, and does stop a Bengali one."""
    root = write_repo(tmp_path / "repo")
    bn = root / "examples/hate-speech/HS-001.bn.yaml"
    bn.write_text(bn.read_text("utf-8") + "  broken: [unclosed\n", "utf-8")
    english = labelbook("quiz", "-C", root, "--count", "2", "-o", tmp_path / "en.json")
    assert english.returncode == 0, english.stdout.decode() + english.stderr
    assert json.loads((tmp_path / "en.json").read_text("utf-8"))["lang"] == "en"
    bengali = labelbook("quiz", "-C", root, "--lang", "bn", "--count", "2", "-o", tmp_path / "bn.json")
    assert bengali.returncode == 1 and "examples/hate-speech/HS-001.bn.yaml:" in bengali.stdout.decode()
    assert "error[yaml-syntax]" in bengali.stdout.decode() and not (tmp_path / "bn.json").exists()
    assert labelbook("check", "-C", root).returncode == 1  # check reads everything


def test_output_is_replaced_atomically_and_stdout_works(repo, tmp_path):
    out = tmp_path / "q.json"
    out.write_text("old quiz")
    assert labelbook("quiz", "-C", repo, "--count", "2", "-o", out).returncode == 0
    assert json.loads(out.read_text("utf-8"))["format"] == "labelbook-quiz"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".q.json")] == []  # no temp file left
    run = labelbook("quiz", "-C", repo, "--count", "2", "-o", "-")
    assert run.returncode == 0 and json.loads(run.stdout)["settings"]["count"] == 2


def test_gift_escape_follows_moodles_repchar():
    assert escape("a\\b#c=d~e{f}g:h\ni\r") == "a\\\\b\\#c\\=d\\~e\\{f\\}g\\:h\\ni"


def test_same_bytes_across_processes_and_hash_seeds(repo, tmp_path):
    import os
    import subprocess
    import sys

    outputs = []
    for hash_seed in ("1", "2"):
        out = tmp_path / f"q{hash_seed}.zip"
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        proc = subprocess.run([sys.executable, "-m", "labelbook.cli", "quiz", "-C", str(repo), "--count", "7", "--lang", "bn",
                               "--format", "qti", "--seed", "x7", "-o", str(out)], env=env, capture_output=True)
        assert proc.returncode == 0, proc.stderr
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]
