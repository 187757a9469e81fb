"""`labelbook init`, `labelbook new`, the generated CI workflow and the pre-commit hook, run for real."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

REPO_ROOT = Path(__file__).resolve().parents[2]
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Policy Specialist",
    "GIT_AUTHOR_EMAIL": "policy@example.invalid",
    "GIT_COMMITTER_NAME": "Policy Specialist",
    "GIT_COMMITTER_EMAIL": "policy@example.invalid",
}


def labelbook(*args: str, cwd: Path, check: bool = False) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(
        [sys.executable, "-m", "labelbook.cli", *args], cwd=cwd, capture_output=True, text=True, timeout=300
    )
    assert "Traceback" not in proc.stderr, proc.stderr
    if check:
        assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc


def git(*args: str, cwd: Path) -> str:
    env = {**os.environ, **GIT_ENV}
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True, env=env).stdout


def test_init_then_strict_check_then_build(tmp_path: Path) -> None:
    target = tmp_path / "team-guidelines"
    labelbook("init", str(target), cwd=tmp_path, check=True)
    for rel in (
        "mkdocs.yml",
        "guidelines/policy.yaml",
        "guidelines/policy.bn.yaml",
        "guidelines/bullying-harassment/BH-001.md",
        "guidelines/bullying-harassment/BH-001.bn.md",
        "examples/bullying-harassment/BH-001.yaml",
        "examples/bullying-harassment/BH-001.bn.yaml",
        "README.md",
        ".github/workflows/guidelines.yml",
        ".pre-commit-config.yaml",
        ".vscode/settings.json",
        "schemas/examples.schema.json",
    ):
        assert (target / rel).is_file(), rel
    assert len(yaml.safe_load((target / "examples/bullying-harassment/BH-001.yaml").read_text())["examples"]) == 2
    strict = labelbook("check", "--strict", cwd=target)
    assert strict.returncode == 0, strict.stdout + strict.stderr
    assert strict.stdout == ""
    labelbook("build", "-d", str(tmp_path / "site"), cwd=target, check=True)
    assert (tmp_path / "site/index.html").is_file()
    assert (tmp_path / "site/bn/index.html").is_file()
    assert (tmp_path / "site/bullying-harassment/BH-001/index.html").is_file()


def test_init_refuses_a_non_empty_folder_unless_forced(tmp_path: Path) -> None:
    target = tmp_path / "busy"
    target.mkdir()
    (target / "notes.txt").write_text("keep me")
    refused = labelbook("init", str(target), cwd=tmp_path)
    assert refused.returncode == 2
    assert "not empty" in refused.stderr and "--force" in refused.stderr
    assert not (target / "mkdocs.yml").exists()
    labelbook("init", "--force", str(target), cwd=tmp_path, check=True)
    assert (target / "notes.txt").read_text() == "keep me"
    assert (target / "mkdocs.yml").is_file()


def test_editor_settings_point_at_real_schemas(tmp_path: Path) -> None:
    target = tmp_path / "g"
    labelbook("init", str(target), cwd=tmp_path, check=True)
    settings = json.loads((target / ".vscode/settings.json").read_text())
    for schema_path in settings["yaml.schemas"]:
        assert (target / schema_path).is_file(), schema_path
    # every YAML file names its schema for any YAML language server
    for path in list((target / "guidelines").glob("*.yaml")) + list((target / "examples").rglob("*.yaml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        m = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
        assert m, path
        assert (path.parent / m.group(1)).resolve().is_file(), (path, m.group(1))


def test_new_rule_and_example_take_the_next_free_ids_and_pass_check(tmp_path: Path) -> None:
    target = tmp_path / "g"
    labelbook("init", str(target), cwd=tmp_path, check=True)
    git("init", "-q", "-b", "main", cwd=target)
    git("add", "-A", cwd=target)
    git("commit", "-qm", "start", cwd=target)
    out = labelbook("new", "rule", "bullying-harassment", "--title", "Threats against a private person", cwd=target, check=True)
    assert out.stdout.split() == ["guidelines/bullying-harassment/BH-002.md", "guidelines/bullying-harassment/BH-002.bn.md"]
    # a removed rule's id is never reused: BH-002 is in history once committed and deleted
    git("add", "-A", cwd=target)
    git("commit", "-qm", "BH-002", cwd=target)
    for p in (target / "guidelines/bullying-harassment").glob("BH-002*"):
        p.unlink()
    git("commit", "-qam", "drop BH-002", cwd=target)
    again = labelbook("new", "rule", "bullying-harassment", "--title", "Doxxing", cwd=target, check=True)
    assert "BH-003.md" in again.stdout
    ex = labelbook("new", "example", "BH-001", "--label", "allow", cwd=target, check=True)
    assert "added BH-001-E03" in ex.stderr
    data = yaml.safe_load((target / "examples/bullying-harassment/BH-001.yaml").read_text())
    assert [e["id"] for e in data["examples"]] == ["BH-001-E01", "BH-001-E02", "BH-001-E03"]
    assert data["examples"][-1]["label"] == "allow"
    # the comment line of the file survived the append
    assert (target / "examples/bullying-harassment/BH-001.yaml").read_text().startswith("# yaml-language-server")
    checked = labelbook("check", cwd=target)
    assert checked.returncode == 0, checked.stdout
    # stubs are untranslated: stale on purpose until a translator stamps them
    assert "warning[translation-stale]" in checked.stdout and "BH-003" in checked.stdout
    bad = labelbook("new", "rule", "bulying", "--title", "x", cwd=target)
    assert bad.returncode == 2 and "did you mean 'bullying-harassment'" in bad.stderr


def _run_steps(job: dict, repo: Path, env: dict[str, str]):
    """Run the job's shell steps as the runner would, except installing labelbook (done here)."""
    for step in job["steps"]:
        cmd = step.get("run")
        if not cmd or cmd.startswith("pip install"):
            continue
        cmd = cmd.replace("${{ github.base_ref }}", "main")
        proc = subprocess.run(["bash", "-c", cmd], cwd=repo, capture_output=True, text=True, env=env, timeout=300)
        assert "Traceback" not in proc.stderr, proc.stderr
        yield cmd, proc


def test_workflow_commands_run_against_a_pull_request_branch(tmp_path: Path) -> None:
    repo = tmp_path / "g"
    labelbook("init", str(repo), cwd=tmp_path, check=True)
    workflow = yaml.safe_load((repo / ".github/workflows/guidelines.yml").read_text())
    triggers = workflow[True] if True in workflow else workflow["on"]  # YAML 1.1 reads `on:` as true
    assert "pull_request" in triggers and triggers["push"]["tags"] == ["v*"]
    check_job = workflow["jobs"]["check"]
    checkout = check_job["steps"][0]
    assert checkout["uses"].startswith("actions/checkout@") and checkout["with"]["fetch-depth"] == 0
    publish = workflow["jobs"]["publish"]
    assert any(s.get("run") == "labelbook build --versions -d site" for s in publish["steps"])

    git("init", "-q", "-b", "main", cwd=repo)
    git("add", "-A", cwd=repo)
    git("commit", "-qm", "guidelines", cwd=repo)
    git("tag", "v1.0.0", cwd=repo)
    git("update-ref", "refs/remotes/origin/main", "main", cwd=repo)
    git("checkout", "-qb", "pr", cwd=repo)
    rule = repo / "examples/bullying-harassment/BH-001.yaml"
    rule.write_text(rule.read_text().replace("label: remove", "label: age-restrict"))
    git("commit", "-qam", "relabel", cwd=repo)

    summary = tmp_path / "summary.md"
    env = {**os.environ, "GITHUB_STEP_SUMMARY": str(summary), "PYTHONPATH": os.pathsep.join(sys.path)}
    shim = tmp_path / "bin"
    shim.mkdir()
    (shim / "labelbook").write_text(f"#!/bin/sh\nexec {sys.executable} -m labelbook.cli \"$@\"\n")
    (shim / "labelbook").chmod(0o755)
    env["PATH"] = f"{shim}{os.pathsep}{env['PATH']}"
    results = list(_run_steps(check_job, repo, env))
    assert [cmd.split()[1] for cmd, _ in results] == ["check", "changelog", "build"]
    for cmd, proc in results:
        assert proc.returncode == 0, (cmd, proc.stdout, proc.stderr)
    summary_text = summary.read_text()
    assert "BH-001-E01" in summary_text and "Remove" in summary_text and "Age-restrict" in summary_text

    # a broken guideline file fails the check step with a GitHub annotation
    rule.write_text(rule.read_text().replace("label: age-restrict", "label: delete"))
    check_step = next(s["run"] for s in check_job["steps"] if s.get("name") == "Check the guidelines")
    proc = subprocess.run(["bash", "-c", check_step], cwd=repo, capture_output=True, text=True, env=env)
    assert proc.returncode == 1
    assert re.search(r"^::error file=examples/bullying-harassment/BH-001.yaml,line=\d+,col=\d+::label-unknown: ", proc.stdout, re.M)


@pytest.mark.skipif(shutil.which("pre-commit") is None, reason="pre-commit is not installed (pip install pre-commit)")
def test_pre_commit_try_repo_runs_the_hook(tmp_path: Path) -> None:
    if not (REPO_ROOT / ".git").exists():
        pytest.skip("pre-commit try-repo needs this repository as a git checkout")
    repo = tmp_path / "g"
    labelbook("init", str(repo), cwd=tmp_path, check=True)
    git("init", "-q", "-b", "main", cwd=repo)
    example = repo / "examples/bullying-harassment/BH-001.yaml"
    example.write_text(example.read_text().replace("label: remove", "label: delete"))
    git("add", "-A", cwd=repo)
    expected = labelbook("check", cwd=repo)
    assert expected.returncode == 1
    error_line = next(line for line in expected.stdout.splitlines() if "label-unknown" in line)
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), **GIT_ENV}
    proc = subprocess.run(
        ["pre-commit", "try-repo", str(REPO_ROOT), "labelbook-check", "--all-files"],
        cwd=repo, capture_output=True, text=True, env=env, timeout=900,
    )
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert error_line in proc.stdout, proc.stdout


def test_every_schema_an_editor_is_pointed_at_exists_and_accepts_its_file(tmp_path: Path) -> None:
    """The `# yaml-language-server: $schema=` lines and .vscode/settings.json lead an editor
    to a schema that is there and that the starter file it names is valid against."""
    import json

    import jsonschema

    target = tmp_path / "team-guidelines"
    labelbook("init", str(target), cwd=tmp_path, check=True)
    pointed = 0
    for path in sorted(target.rglob("*.yaml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        if not first.startswith("# yaml-language-server: $schema="):
            continue
        schema = (path.parent / first.split("$schema=", 1)[1]).resolve()
        assert schema.is_file(), f"{path.relative_to(target)} points at a missing {schema}"
        jsonschema.validate(yaml.safe_load(path.read_text(encoding="utf-8")), json.loads(schema.read_text(encoding="utf-8")))
        pointed += 1
    assert (target / "locales/bn/glossary.yaml").is_file() and pointed >= 5
    settings = json.loads((target / ".vscode/settings.json").read_text(encoding="utf-8"))
    for schema, patterns in settings["yaml.schemas"].items():
        assert (target / schema).is_file(), schema
        assert any(target.glob(patterns[0])), f"{patterns[0]} names no starter file"
