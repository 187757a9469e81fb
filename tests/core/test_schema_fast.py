"""The compiled validity test (schema_fast) never accepts what jsonschema rejects."""

from __future__ import annotations

import jsonschema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from labelbook.core import schema

_SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(-3, 3), st.floats(allow_nan=False, width=16),
    st.sampled_from(["", "HS-001", "HS-001-E01", "allow", "remove", "video", "high", "active", "3f2a9c1b7d20", "x"]),
)
_KEYS = st.sampled_from(
    ["id", "rule", "examples", "title", "decision", "area", "label", "content", "rationale", "source",
     "modality", "difficulty", "tags", "distractors", "related", "HS-001-E01", "lable", "sensitive", "quiz"]
)
_VALUES = st.recursive(_SCALARS, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_KEYS, inner, max_size=5), max_leaves=20)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(kind=st.sampled_from([k for k in schema.KINDS if k != "quiz"]), data=_VALUES)
def test_fast_check_agrees_with_jsonschema(kind: str, data: object) -> None:
    fast = schema.fast_check(kind)
    assert fast is not None
    valid = jsonschema.Draft202012Validator(schema.schema(kind)).is_valid(data)
    if fast(data):
        assert valid, data
    if isinstance(data, dict) and valid:
        assert fast(data), data  # exact for our schemas: the slow path is only for bad files


def test_every_file_kind_and_the_quiz_export_compile() -> None:
    assert all(schema.fast_check(k) is not None for k in schema.KINDS)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=_VALUES)
def test_the_quiz_check_never_accepts_what_jsonschema_rejects(data: object) -> None:
    fast = schema.fast_check("quiz")
    assert fast is not None
    if fast(data):
        assert jsonschema.Draft202012Validator(schema.schema("quiz")).is_valid(data), data


def test_a_real_quiz_passes_the_quick_check_and_its_defects_do_not(tmp_path) -> None:
    import copy

    from benchmarks.corpus import generate
    from labelbook.core.checks import checked
    from labelbook.quiz import QuizSettings, build_quiz

    root = tmp_path / "repo"
    generate(root, rules=8, examples_per_rule=3, releases=1, seed=4)
    quiz = build_quiz(checked(root).repo, QuizSettings(count=6, lang="en"), None).data
    fast = schema.fast_check("quiz")
    assert fast is not None and fast(quiz)
    validator = jsonschema.Draft202012Validator(schema.schema("quiz"))
    defects = [("format_version", 1.0), ("format_version", True), ("format_version", "1"), ("format", "quiz")]
    for key, value in defects:
        bad = copy.deepcopy(quiz)
        bad[key] = value
        assert not fast(bad) or validator.is_valid(bad), (key, value)
    for key in quiz:
        bad = copy.deepcopy(quiz)
        del bad[key]
        assert not fast(bad) and not validator.is_valid(bad), key
