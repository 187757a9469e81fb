"""Fixtures of the QA report tests: the guideline repositories, the schema of the JSON report."""

from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from .repo import write_qa_repo


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A guideline repository without git: rules and links, no releases."""
    return write_qa_repo(tmp_path / "guidelines-repo")


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder that is no guideline repository, to run the command in."""
    folder = tmp_path / "work"
    folder.mkdir()
    return folder


@pytest.fixture(scope="session")
def qa_validator() -> Draft202012Validator:
    schema = json.loads((files("labelbook") / "schemas" / "qa-report.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)
