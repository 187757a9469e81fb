"""labelbook.qa sits beside quiz, score, history and scaffold: it imports labelbook.core only.

The import contracts of pyproject.toml list `labelbook.qa` among the packages above the
core; they hold, and a wrong import from qa into history breaks them.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "tooling" / "labelbook"


def config_with_qa(tmp_path: Path) -> Path:
    """pyproject.toml's contracts, which must name qa in the layer beside quiz and score."""
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert re.search(r'"labelbook\.quiz \| [^"]*labelbook\.qa', text), "pyproject.toml's layers contract does not list labelbook.qa"
    path = tmp_path / "pyproject.toml"
    path.write_text(text, encoding="utf-8")
    return path


def lint_imports(config: Path, package_parent: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(package_parent)}
    return subprocess.run(
        [sys.executable, "-c", "import sys; from importlinter.cli import lint_imports_command; sys.exit(lint_imports_command())",
         "--config", str(config), "--no-cache"],
        capture_output=True, text=True, env=env, cwd=package_parent, timeout=180,
    )


def test_qa_imports_only_the_core(tmp_path: Path) -> None:
    run = lint_imports(config_with_qa(tmp_path), PACKAGE.parent)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "2 kept, 0 broken" in run.stdout


def test_an_import_of_history_from_qa_breaks_the_contract(tmp_path: Path) -> None:
    copy = tmp_path / "tooling" / "labelbook"
    shutil.copytree(PACKAGE, copy, symlinks=True, ignore=shutil.ignore_patterns("__pycache__", "assets", "templates"))
    module = copy / "qa" / "context.py"
    module.write_text(module.read_text(encoding="utf-8") + "\nfrom labelbook.history import releases  # noqa: E402\n", encoding="utf-8")
    run = lint_imports(config_with_qa(tmp_path), copy.parent)
    assert run.returncode == 1, run.stdout + run.stderr
    assert "labelbook.qa.context -> labelbook.history.releases" in run.stdout
