"""Where a repository's files come from: the working tree, or a git commit read from git objects.

The loader only sees a `Source`, so a release tag is loaded straight from git
(no checkout, no stash) exactly like the working tree.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Protocol

from labelbook.core.nfc import nfc
from labelbook.core.problems import Pos, Problem, UsageError, error

#: Folders the loader reads; everything else in a repository is not ours.
CONTENT_DIRS = ("guidelines", "examples")
#: Larger guideline files are refused: one rule's examples are a few kilobytes.
MAX_BYTES = 2 * 1024 * 1024


class Source(Protocol):
    label: str

    def files(self) -> list[str]:
        """Relative POSIX paths of the files under guidelines/ and examples/, sorted."""

    def read(self, path: str) -> bytes: ...


class WorkingTree:
    """The files on disk. Each is read from disk once per `WorkingTree` (a load): prefetch,
    the loader and its checks all ask for the same bytes."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.label = "working tree"
        self._read: dict[str, bytes] = {}

    def files(self) -> list[str]:
        out = []
        for top in CONTENT_DIRS:
            # os.walk, not Path.rglob: a path object per file cost a tenth of a quiz.
            for folder, dirs, names in os.walk(self.root / top):
                dirs[:] = [d for d in dirs if not d.startswith(".")]  # .git, editors' folders
                rel = os.path.relpath(folder, self.root).replace(os.sep, "/")
                out += [f"{rel}/{name}" for name in names if not name.startswith(".") and os.path.isfile(os.path.join(folder, name))]
        return sorted(out)

    def read(self, path: str) -> bytes:
        try:
            return self._read[path]
        except KeyError:
            data = self._read[path] = (self.root / path).read_bytes()
            return data

    def size(self, path: str) -> int:
        return (self.root / path).stat().st_size


def git(root: Path, *args: str, input: bytes | None = None) -> bytes:
    """Run git in `root`; a failure becomes a UsageError with git's own message."""
    try:
        proc = subprocess.run(
            ["git", "-C", str(root), *args], input=input, capture_output=True, check=False
        )
    except FileNotFoundError as exc:
        raise UsageError("git is not installed or not on PATH") from exc
    if proc.returncode != 0:
        msg = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise UsageError(f"git {' '.join(args[:2])}: {msg[-1] if msg else 'failed'}")
    return proc.stdout


class GitTree:
    """The files of one commit, read with `git ls-tree` and one `git cat-file --batch`."""

    def __init__(self, root: Path, ref: str) -> None:
        self.root = Path(root)
        self.ref = ref
        self.label = ref
        self.commit = git(self.root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}").decode().strip()
        self._blobs: dict[str, tuple[str, int]] = {}
        listing = git(self.root, "ls-tree", "-r", "-z", "--long", self.commit, "--", *CONTENT_DIRS)
        for entry in listing.split(b"\0"):
            if not entry:
                continue
            meta, _, name = entry.partition(b"\t")
            _mode, kind, sha, size = meta.split()
            if kind == b"blob":
                self._blobs[name.decode("utf-8", "surrogateescape")] = (sha.decode(), int(size))
        self._cache: dict[str, bytes] | None = None

    def files(self) -> list[str]:
        return sorted(self._blobs)

    def size(self, path: str) -> int:
        return self._blobs[path][1]

    def read(self, path: str) -> bytes:
        if self._cache is None:
            self._cache = self._read_all()
        return self._cache[path]

    def _read_all(self) -> dict[str, bytes]:
        # One git process for every blob not read before; oversized blobs are not read.
        wanted = {p: sha for p, (sha, size) in self._blobs.items() if size <= MAX_BYTES}
        new = {sha: size for sha, size in self._blobs.values() if size <= MAX_BYTES and sha not in _BLOBS}
        if sum(map(len, _BLOBS.values())) + sum(new.values()) > _BLOBS_LIMIT:
            _BLOBS.clear()  # before finding what is missing: this tree's blobs all come back
        missing = sorted({sha for sha in wanted.values() if sha not in _BLOBS})
        if missing:
            out = git(self.root, "cat-file", "--batch", input="".join(f"{sha}\n" for sha in missing).encode())
            pos = 0
            for sha in missing:
                header_end = out.index(b"\n", pos)
                size = int(out[pos:header_end].split()[2])
                start = header_end + 1
                _BLOBS[sha] = out[start : start + size]
                pos = start + size + 1
        return {p: _BLOBS[sha] for p, sha in wanted.items()}


#: Blobs by id, for the whole process: two releases share most of their files, so a
#: changelog or `build --versions` reads each blob from git once (and the parse memo
#: then finds the very same bytes).
_BLOBS: dict[str, bytes] = {}
_BLOBS_LIMIT = 256 * 1024 * 1024


def decode(data: bytes, path: str) -> tuple[str | None, list[Problem]]:
    """Strict UTF-8 (a BOM is allowed), newlines unified, NFC-normalised."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        col = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        return None, [
            error(
                Pos(path, line, col),
                "file-encoding",
                f"the file is not valid UTF-8 (byte 0x{data[exc.start]:02x}); save it as UTF-8",
            )
        ]
    if "\0" in text:
        at = text.index("\0")
        line = text.count("\n", 0, at) + 1
        col = at - (text.rfind("\n", 0, at) + 1) + 1
        return None, [error(Pos(path, line, col), "file-encoding", "the file contains a NUL byte; is it a binary file?")]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return nfc(text), []


def too_large(path: str, size: int) -> list[Problem]:
    if size <= MAX_BYTES:
        return []
    return [
        error(
            Pos(path, 1, 1),
            "file-too-large",
            f"the file is {size / 1024 / 1024:.1f} MB; guideline files are limited to "
            f"{MAX_BYTES // 1024 // 1024} MB (split the examples over more rules?)",
        )
    ]
