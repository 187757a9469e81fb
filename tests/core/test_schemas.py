"""The JSON Schemas in schemas/: valid Draft 2020-12, with `$id`s, closed to unknown keys,
and the very files the package validates with (no second copy that can drift)."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any, Iterator

import jsonschema
import pytest

import labelbook
from labelbook.core import schema

ROOT = Path(__file__).parents[2]
SCHEMAS = ROOT / "schemas"
CORE_KINDS = ("policy", "policy-translation", "rule", "rule-translation", "examples", "examples-translation")
ALL = sorted(p.name for p in SCHEMAS.glob("*.schema.json"))

# The smallest valid document of each core kind.
MINIMAL: dict[str, dict] = {
    "policy": {"id": "p", "title": "T", "languages": ["en"], "decisions": [{"id": "allow", "title": "Allow"}], "areas": [{"id": "a", "title": "A"}]},
    "policy-translation": {"title": "শিরোনাম", "decisions": {"allow": {"title": "অনুমতি দিন"}}, "areas": {"a": {"title": "ক"}}},
    "rule": {"id": "HS-001", "area": "hate-speech", "title": "T", "decision": "remove"},
    "rule-translation": {"title": "শিরোনাম", "source": "0123456789ab"},
    "examples": {"rule": "HS-001", "examples": [{"id": "HS-001-E01", "modality": "video", "content": "c", "label": "allow", "rationale": "r"}]},
    "examples-translation": {"rule": "HS-001", "examples": {"HS-001-E01": {"source": "0123456789ab", "content": "বিষয়বস্তু"}}},
}


def load(name: str) -> dict:
    return json.loads((SCHEMAS / name).read_text(encoding="utf-8"))


def objects(node: Any, where: str = "#") -> Iterator[tuple[str, dict]]:
    """Every sub-schema that describes an object with named properties, or composes one with allOf."""
    if isinstance(node, dict):
        if "properties" in node or "allOf" in node:
            yield where, node
        for k, v in node.items():
            yield from objects(v, f"{where}/{k}")
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from objects(v, f"{where}/{i}")


def mixins(doc: dict) -> set[str]:
    """$defs that are only ever used inside an allOf: the composing schema closes them."""
    refs_in_allof, other_refs = set(), set()

    def walk(node: Any, in_allof: bool = False) -> None:
        if isinstance(node, dict):
            if "$ref" in node:
                (refs_in_allof if in_allof else other_refs).add(node["$ref"])
            for k, v in node.items():
                walk(v, k == "allOf")
        elif isinstance(node, list):
            for v in node:
                walk(v, in_allof)

    walk(doc)
    return refs_in_allof - other_refs


def test_every_core_kind_has_a_schema() -> None:
    assert {f"{k}.schema.json" for k in CORE_KINDS} <= set(ALL)


@pytest.mark.parametrize("name", ALL)
def test_schema_is_valid_draft_2020_12_with_an_id(name: str) -> None:
    doc = load(name)
    assert doc["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(doc)
    assert doc["$id"].startswith("https://") and doc["$id"].endswith("/" + name)
    assert doc.get("title")


def test_ids_are_unique() -> None:
    ids = [load(n)["$id"] for n in ALL]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("name", ALL)
def test_every_object_rejects_unknown_keys(name: str) -> None:
    doc = load(name)
    for where, node in objects(doc):
        if where in mixins(doc):
            continue
        closed = node.get("additionalProperties") is False or node.get("unevaluatedProperties") is False
        assert closed, f"{name} {where} accepts any key"


@pytest.mark.parametrize("kind", CORE_KINDS)
def test_minimal_documents_pass_and_an_unknown_key_fails(kind: str) -> None:
    validator = jsonschema.Draft202012Validator(load(f"{kind}.schema.json"))
    doc = MINIMAL[kind]
    assert list(validator.iter_errors(doc)) == []
    assert [e.validator for e in validator.iter_errors({**doc, "lable": "x"})] == ["additionalProperties"]


def test_examples_items_reject_unknown_keys() -> None:
    validator = jsonschema.Draft202012Validator(load("examples.schema.json"))
    doc = json.loads(json.dumps(MINIMAL["examples"]))
    doc["examples"][0]["lable"] = "allow"
    assert [e.validator for e in validator.iter_errors(doc)] == ["additionalProperties"]


@pytest.mark.parametrize("name", ALL)
def test_the_package_reads_the_same_files(name: str) -> None:
    packaged = resources.files("labelbook") / "schemas" / name
    assert packaged.read_bytes() == (SCHEMAS / name).read_bytes()
    if Path(labelbook.__file__).resolve().is_relative_to(ROOT.resolve()):
        # installed from this tree (editable): one file, not a copy
        assert Path(str(packaged)).resolve() == (SCHEMAS / name).resolve()


def test_the_package_has_no_other_schemas() -> None:
    packaged = sorted(p.name for p in (resources.files("labelbook") / "schemas").iterdir() if p.name.endswith(".json"))
    assert packaged == ALL


@pytest.mark.parametrize("kind", CORE_KINDS)
def test_the_validator_uses_these_files(kind: str) -> None:
    assert schema.schema(kind) == load(f"{kind}.schema.json")
    assert kind in schema.KINDS
