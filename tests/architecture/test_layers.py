"""The layers of ARCHITECTURE.md hold: the import contracts of pyproject.toml are kept, no
module imports itself back through others, and a contract is broken by a wrong import."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "tooling" / "labelbook"


def lint_imports(package_parent: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(package_parent)}
    return subprocess.run(
        [sys.executable, "-c", "import sys; from importlinter.cli import lint_imports_command; sys.exit(lint_imports_command())",
         "--config", str(ROOT / "pyproject.toml"), "--no-cache"],
        capture_output=True, text=True, env=env, cwd=package_parent, timeout=120,
    )


def test_the_import_contracts_are_kept() -> None:
    run = lint_imports(PACKAGE.parent)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "2 kept, 0 broken" in run.stdout


def test_no_module_imports_itself_back_through_others() -> None:
    graph = grimp.build_graph("labelbook", cache_dir=None)
    circles = set()
    for module in graph.modules:
        for imported in graph.find_modules_directly_imported_by(module):
            if graph.find_shortest_chain(importer=imported, imported=module):
                circles.add(tuple(sorted((module, imported))))
    assert not circles, f"import circles: {sorted(circles)}"


def test_an_import_from_the_core_up_into_the_site_breaks_the_contract(tmp_path: Path) -> None:
    copy = tmp_path / "tooling" / "labelbook"
    shutil.copytree(PACKAGE, copy, symlinks=True, ignore=shutil.ignore_patterns("__pycache__", "assets", "templates"))
    model = copy / "core" / "model.py"
    model.write_text(model.read_text(encoding="utf-8") + "\nfrom labelbook.site import urls  # noqa: E402\n", encoding="utf-8")
    run = lint_imports(copy.parent)
    assert run.returncode == 1, run.stdout + run.stderr
    assert "labelbook.core.model -> labelbook.site.urls" in run.stdout
