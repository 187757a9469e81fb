"""A fast validity test for the JSON Schema subset our schemas use, compiled once per schema.

`jsonschema` spends most of `labelbook check` walking valid files: it builds an
evolved validator object per keyword and per value. Almost every file in a real
repository is valid, so we first ask a compiled predicate "is this file valid?";
only when it says no (or cannot tell) does `schema.validate` run jsonschema, which
then finds and explains every error exactly as before.

The predicate must never accept what jsonschema rejects, so it is deliberately
strict: any keyword it does not implement makes the schema uncompilable (always
fall back), and any value it is unsure of (a float where an integer is asked, an
enum of non-strings...) answers False, which only costs the slow path.
"""

from __future__ import annotations

import re
from typing import Any, Callable

Check = Callable[[Any], bool]

#: Keywords that never affect validity.
_ANNOTATIONS = {"$schema", "$id", "$comment", "title", "description", "default", "examples", "x-hint", "deprecated", "readOnly", "writeOnly"}
_TYPES: dict[str, Callable[[Any], bool]] = {
    "string": lambda v: isinstance(v, str),
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
    # bool is an int in Python but not in JSON Schema; an integral float is an integer in
    # JSON Schema but rare in YAML: refuse it here and let jsonschema decide.
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
}


class Unsupported(Exception):
    """The schema uses a keyword this compiler does not implement."""


def compile_schema(schema: Any) -> Check | None:
    """A predicate that is True only for instances valid against `schema`; None if unsupported."""
    try:
        return _compile(schema)
    except Unsupported:
        return None


def _compile(schema: Any) -> Check:
    if schema is True:
        return lambda v: True
    if schema is False:
        return lambda v: False
    if not isinstance(schema, dict):
        raise Unsupported(repr(schema))
    unknown = set(schema) - _ANNOTATIONS - {
        "type", "properties", "additionalProperties", "required", "propertyNames",
        "items", "enum", "const", "pattern", "minLength", "minItems", "uniqueItems", "minimum", "maximum",
    }
    if unknown:
        raise Unsupported(", ".join(sorted(unknown)))
    checks: list[Check] = []
    if "type" in schema:
        names = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        if any(n not in _TYPES for n in names):
            raise Unsupported(f"type {names}")
        tests = [_TYPES[n] for n in names]
        checks.append(tests[0] if len(tests) == 1 else lambda v: any(t(v) for t in tests))
    if "enum" in schema:
        options = schema["enum"]
        if not all(isinstance(o, str) for o in options):
            raise Unsupported("enum of non-strings")
        allowed = frozenset(options)
        checks.append(lambda v: isinstance(v, str) and v in allowed)
    if "const" in schema:
        const = schema["const"]
        if isinstance(const, str):
            checks.append(lambda v: isinstance(v, str) and v == const)
        elif isinstance(const, int) and not isinstance(const, bool):
            # 1.0 equals 1 in JSON Schema: refused here, left to jsonschema
            checks.append(lambda v: isinstance(v, int) and not isinstance(v, bool) and v == const)
        else:
            raise Unsupported("const")
    if "pattern" in schema:
        search = re.compile(schema["pattern"]).search  # jsonschema searches, it does not match
        checks.append(lambda v: not isinstance(v, str) or search(v) is not None)
    for bound, holds in (("minimum", lambda v, n: v >= n), ("maximum", lambda v, n: v <= n)):
        if bound in schema:
            n = schema[bound]
            if isinstance(n, bool) or not isinstance(n, (int, float)):
                raise Unsupported(bound)
            # a bound applies to numbers only, and a bool is no number in JSON Schema
            checks.append(lambda v, n=n, holds=holds: isinstance(v, bool) or not isinstance(v, (int, float)) or holds(v, n))
    if "minLength" in schema:
        n = schema["minLength"]
        checks.append(lambda v: not isinstance(v, str) or len(v) >= n)
    checks += _array_checks(schema)
    checks += _object_checks(schema)
    if len(checks) == 1:
        return checks[0]

    def every(v: Any) -> bool:  # a plain loop: all() over a generator costs a frame per value
        for c in checks:
            if not c(v):
                return False
        return True

    return every


def _array_checks(schema: dict) -> list[Check]:
    checks: list[Check] = []
    if "minItems" in schema:
        n = schema["minItems"]
        checks.append(lambda v: not isinstance(v, list) or len(v) >= n)
    if schema.get("uniqueItems") is True:
        # Only lists of text are judged here: 1 == True == 1.0 make other values subtle.
        checks.append(lambda v: not isinstance(v, list) or (all(isinstance(x, str) for x in v) and len(set(v)) == len(v)))
    elif schema.get("uniqueItems") not in (None, False):
        raise Unsupported("uniqueItems")
    if "items" in schema:
        item = _compile(schema["items"])

        def items(v: Any) -> bool:
            if isinstance(v, list):
                for x in v:
                    if not item(x):
                        return False
            return True

        checks.append(items)
    return checks


def _object_checks(schema: dict) -> list[Check]:
    checks: list[Check] = []
    props = {k: _compile(s) for k, s in schema.get("properties", {}).items()}
    extra = schema.get("additionalProperties", True)
    other = _compile(extra)
    required = list(schema.get("required", []))
    names = _compile(schema["propertyNames"]) if "propertyNames" in schema else None

    def obj(v: Any) -> bool:
        if not isinstance(v, dict):
            return True
        for k in required:
            if k not in v:
                return False
        for k, x in v.items():
            if names is not None and not names(k):
                return False
            test = props.get(k, other)
            if not test(x):
                return False
        return True

    if props or required or names is not None or extra is not True:
        checks.append(obj)
    return checks
