from __future__ import annotations

import json
from importlib.resources import files

import pytest
from jsonschema import Draft202012Validator


@pytest.fixture(scope="session")
def score_validator() -> Draft202012Validator:
    """The published shape of `labelbook score --format json`, read the way users' tools read it."""
    schema = json.loads((files("labelbook") / "schemas" / "score.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    assert schema["$id"] == "https://labelbook.dev/schemas/score.schema.json"
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    return Draft202012Validator(schema)
