"""The check codes are stable and listed in the README; each one has a test with a broken file.

Every test starts from the valid sample repository and introduces exactly one defect; the
expected line and column are found in the edited file itself, at the offending key or value.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).parents[2]
CORE = ROOT / "tooling" / "labelbook" / "core"

CODES = {
    "file-encoding", "file-too-large", "yaml-syntax", "yaml-duplicate-key", "yaml-tag", "yaml-alias-bomb",
    "frontmatter-missing", "frontmatter-unclosed", "schema-unknown-key", "schema-required", "schema-type",
    "schema-enum", "schema-pattern", "schema-duplicate", "schema-empty", "schema-invalid", "policy-missing",
    "policy-translation-missing", "decision-duplicate", "area-duplicate", "rule-duplicate", "example-duplicate",
    "id-mismatch", "example-id-mismatch", "area-unknown", "area-mismatch", "decision-unknown", "label-unknown",
    "distractor-unknown", "distractor-is-label", "related-unknown", "related-self", "replaced-by-unknown",
    "replaced-by-not-deprecated", "rule-unknown", "translation-orphan", "translation-language-unknown",
    "translation-stale", "translation-missing", "file-ignored", "file-symlink", "file-special", "file-unreadable",
    "too-many-files", "name-not-portable", "name-case-clash", "page-reserved", "file-type-refused", "translation-term", "yaml-too-deep", "markdown-too-deep",
}
# A fallback for schema keywords the core schemas do not use: no file can trigger it today.
UNREACHABLE = {"schema-invalid"}


def emitted() -> set[str]:
    """The codes that the core modules pass to error() and warning()."""
    found: set[str] = set()
    for module in ("yamlio", "sources", "loader", "layout", "schema", "checks", "translations", "problems", "glossary"):
        tree = ast.parse((CORE / f"{module}.py").read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) in ("error", "warning") and len(node.args) >= 2:
                code = node.args[1]
                if isinstance(code, ast.Constant):
                    found.add(code.value)
                elif isinstance(code, ast.JoinedStr):  # f"{kind}-duplicate" for decision and area
                    suffix = "".join(v.value for v in code.values if isinstance(v, ast.Constant))
                    found |= {kind + suffix for kind in ("decision", "area")}
    return found


def test_the_core_emits_exactly_the_documented_codes() -> None:
    assert emitted() == CODES


def test_readme_lists_every_code_with_its_severity() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\| `([a-z-]+)` \| (error|warning) \|", readme, flags=re.M))
    assert set(rows) == CODES
    assert {c for c, sev in rows.items() if sev == "warning"} == {"translation-stale", "translation-missing", "file-ignored", "translation-term"}


def test_every_reachable_code_has_a_test() -> None:
    # The codes of hostile files (links, names, limits) are tested in tests/security.
    here = [p for p in Path(__file__).parent.glob("test_codes_*.py") if p.name != Path(__file__).name]
    security = [ROOT / "tests" / "security" / f"test_{name}.py" for name in ("files", "names", "limits", "published_files")]
    tests = "".join(p.read_text(encoding="utf-8") for p in here + security)
    untested = {c for c in CODES - UNREACHABLE if f'"{c}"' not in tests}
    assert untested == set()
