"""What every command module shares: the repository option, and writing an output file."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import tempfile
from pathlib import Path

from labelbook.core.problems import LabelbookError, UsageError


def add_repo(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-C", "--repo", default=".", metavar="DIR", help="the guideline repository (default: the current folder)")


def repo_root(args: argparse.Namespace) -> Path:
    """The `--repo` folder, which must be a guideline repository."""
    root = Path(args.repo).resolve()
    if not root.is_dir():
        raise UsageError(f"{args.repo}: no such folder")
    if not (root / "guidelines").is_dir():
        raise UsageError(f"{root}: not a guideline repository (no guidelines/ folder); `labelbook init DIR` makes one")
    return root


def write_output(output: str, data: bytes) -> None:
    """`data` to standard output ('-') or to a file, through a temporary file and a rename.

    An LMS import or a reader of the report never sees half a file, and a failure at any
    point leaves the previous file as it was and no partial file behind.
    """
    if output == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    target = Path(output)
    if target.is_dir():
        raise UsageError(f"-o {output}: is a folder; give a file name")
    if not target.parent.is_dir():
        raise UsageError(f"-o {output}: folder {target.parent} does not exist")
    try:
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise UsageError(f"-o {output}: cannot write in {target.parent}: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        # mkstemp makes 0600; a quiz or a report is meant to be shared like any file the user creates.
        mode = target.stat().st_mode & 0o777 if target.exists() else 0o666 & ~_umask()
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise LabelbookError(f"-o {output}: writing failed ({exc.strerror}); the previous file, if any, is unchanged") from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
