from __future__ import annotations

import contextlib
import io
import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest

from labelbook.cli import main

from . import hostile

HERE = Path(__file__).parent
#: Debian's packages for Moodle's importers: the xml extension (xml_parser_create) and mbstring.
PHP_PACKAGES = "php-cli php-xml php-mbstring"


@dataclass
class Run:
    code: int
    out: str
    err: str


def cli(*argv: str | Path) -> Run:
    """`labelbook ARGV...` in-process, through the entry point."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([str(a) for a in argv])
    return Run(code, out.getvalue(), err.getvalue())


@pytest.fixture(scope="session")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return hostile.write(tmp_path_factory.mktemp("lms") / "repo")


QuizMaker = Callable[..., bytes]


@pytest.fixture(scope="session")
def make_quiz(repo: Path, tmp_path_factory: pytest.TempPathFactory) -> QuizMaker:
    """make_quiz(fmt, lang, *options) -> the bytes `labelbook quiz` wrote (every quizzable item)."""
    folder = tmp_path_factory.mktemp("quizzes")
    made: dict[tuple, bytes] = {}

    def make(fmt: str, lang: str, *options: str) -> bytes:
        key = (fmt, lang, options)
        if key not in made:
            out = folder / f"quiz-{len(made)}.{fmt}"
            run = cli("quiz", "-C", repo, "--count", str(len(hostile.QUIZZABLE)), "--lang", lang, "--format", fmt, *options, "-o", out)
            assert run.code == 0, run.err
            made[key] = out.read_bytes()
        return made[key]

    return make


def php_missing() -> str | None:
    """Why Moodle's importers cannot run here, or None when they can."""
    if shutil.which("php") is None:
        return f"php is not installed (apt-get install {PHP_PACKAGES})"
    modules = subprocess.run(["php", "-m"], capture_output=True, text=True).stdout.split()
    lacking = [m for m in ("xml", "mbstring") if m not in modules]
    return f"php lacks {', '.join(lacking)} (apt-get install {PHP_PACKAGES})" if lacking else None


@pytest.fixture(scope="session")
def moodle_import() -> Callable[[str, bytes, Path], list[dict]]:
    """moodle_import('xml'|'gift', data, folder) -> the questions Moodle's own importer reads from data."""
    why = php_missing()
    if why:
        pytest.skip(why)

    def run(kind: str, data: bytes, folder: Path) -> list[dict]:
        path = folder / f"import.{kind}"
        path.write_bytes(data)
        proc = subprocess.run(["php", str(HERE / "moodle_import.php"), kind, str(path)], capture_output=True, timeout=120)
        assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
        errors = proc.stderr.decode("utf-8", "replace").strip()
        assert errors == "", f"Moodle's importer complained: {errors}"
        return json.loads(proc.stdout)

    return run
