"""Assertions shared by the check tests."""

from __future__ import annotations

from .sample import Finding, Run


def no_crash(run: Run) -> None:
    assert "Traceback" not in run.stderr, run.stderr
    assert "internal error" not in run.stderr, run.stderr


def the_error(run: Run, code: str, path: str, line: int, col: int) -> Finding:
    """The run found exactly one error, `code` at path:line:col, and exited 1."""
    no_crash(run)
    errors = [f for f in run.findings if f.severity == "error"]
    assert [(f.code, f.path, f.line, f.col) for f in errors] == [(code, path, line, col)], run.stdout
    assert run.returncode == 1, run.stdout + run.stderr
    return errors[0]


def the_warning(run: Run, code: str, path: str, line: int, col: int) -> Finding:
    """The run found no error and exactly one warning, `code` at path:line:col, and exited 0."""
    no_crash(run)
    assert [(f.severity, f.code, f.path, f.line, f.col) for f in run.findings] == [
        ("warning", code, path, line, col)
    ], run.stdout
    assert run.returncode == 0, run.stdout + run.stderr
    return run.findings[0]
