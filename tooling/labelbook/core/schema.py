"""JSON Schema validation of parsed files, with every error mapped back to its YAML line.

The schemas are the files in the repository's `schemas/` folder, shipped as package
data: one source of truth for labelbook, editors and anyone's CI.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from labelbook.core.problems import Problem, did_you_mean, error
from labelbook.core.schema_fast import Check, compile_schema
from labelbook.core.yamlio import Located

if TYPE_CHECKING:  # jsonschema is imported when first needed: a valid repository never needs it
    import jsonschema

KINDS = ("policy", "policy-translation", "rule", "rule-translation", "examples", "examples-translation", "glossary", "quiz")

_TYPE_NAMES = {
    "string": "text",
    "array": "a list",
    "object": "a mapping of keys to values",
    "boolean": "true or false",
    "integer": "a whole number",
    "number": "a number",
    "null": "empty",
}


def schema_text(kind: str) -> str:
    return resources.files("labelbook").joinpath("schemas", f"{kind}.schema.json").read_text("utf-8")


@cache
def schema(kind: str) -> dict:
    return json.loads(schema_text(kind))


@cache
def validator(kind: str) -> jsonschema.protocols.Validator:
    import jsonschema

    return jsonschema.Draft202012Validator(schema(kind))


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if value is None:
        return "empty"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    return "a mapping"


def _field(path: tuple) -> str:
    names = [str(p) for p in path if not isinstance(p, int)]
    return names[-1] if names else "the file"


@cache
def fast_check(kind: str) -> Check | None:
    """`kind`'s compiled validity test (see schema_fast), built once per process."""
    return compile_schema(schema(kind))


def validate(kind: str, located: Located) -> list[Problem]:
    """All schema errors of one file, each at the key or value it is about."""
    fast = fast_check(kind)
    if fast is not None and fast(located.data):
        return []  # valid: jsonschema would find nothing, and takes ~20x longer to say so
    problems: list[Problem] = []
    for err in validator(kind).iter_errors(located.data):
        problems.extend(_problems(err, located))
    return problems


def _problems(err: jsonschema.ValidationError, located: Located) -> list[Problem]:
    path = tuple(err.absolute_path)
    name = _field(path)
    v = err.validator
    if v == "additionalProperties" and isinstance(err.instance, dict):
        allowed = list(err.schema.get("properties", {}))
        extra = [k for k in err.instance if k not in allowed]
        if not allowed:  # free-form keys (translated ids) with a bad value: report the value
            return []
        return [
            error(
                located.pos(path + (k,), key=True),
                "schema-unknown-key",
                f"unknown key '{k}'{did_you_mean(k, allowed)}; allowed here: {', '.join(allowed)}",
            )
            for k in extra
        ]
    if v == "required":
        missing = [k for k in err.validator_value if k not in (err.instance or {})]
        where = "" if not path else f" in {_where(path)}"
        return [
            error(located.pos(path), "schema-required", f"required key '{k}' is missing{where}") for k in missing
        ]
    if v == "type":
        expected = err.validator_value if isinstance(err.validator_value, list) else [err.validator_value]
        want = " or ".join(_TYPE_NAMES.get(t, t) for t in expected)
        return [
            error(
                located.pos(path),
                "schema-type",
                f"'{name}' must be {want}, not {_describe(err.instance)}",
            )
        ]
    if v == "enum":
        options = [str(o) for o in err.validator_value]
        return [
            error(
                located.pos(path),
                "schema-enum",
                f"{name} '{err.instance}' is not one of: {', '.join(options)}"
                f"{did_you_mean(str(err.instance), options)}",
            )
        ]
    if "propertyNames" in err.schema_path:
        # A bad key (a translated id): jsonschema reports it at its mapping, with the key as the instance.
        hint = err.schema.get("x-hint", "not a valid id")
        return [
            error(
                located.pos(path + (err.instance,), key=True),
                "schema-pattern",
                f"key '{err.instance}' is not valid: {hint}",
            )
        ]
    if v == "pattern":
        hint = err.schema.get("x-hint", f"must match {err.validator_value}")
        return [error(located.pos(path), "schema-pattern", f"{name} '{err.instance}' is not valid: {hint}")]
    if v == "uniqueItems":
        return [error(located.pos(path), "schema-duplicate", f"'{name}' lists the same value twice")]
    if v in ("minLength", "minItems"):
        return [error(located.pos(path), "schema-empty", f"'{name}' must not be empty")]
    return [error(located.pos(path), "schema-invalid", f"{name}: {err.message}")]


def _where(path: tuple) -> str:
    parts = []
    for p in path:
        parts.append(f"[{p}]" if isinstance(p, int) else f".{p}")
    return "".join(parts).lstrip(".")
