"""Where a repository's files come from: the working tree, or a git commit read from git objects.

The loader only sees a `Source`, so a release tag is loaded straight from git
(no checkout, no stash) exactly like the working tree. Neither follows a symbolic link:
a link is reported where it stands (`refused`), and what it points at is never read.
"""

from __future__ import annotations

import os
import stat
import subprocess
from pathlib import Path
from typing import Protocol

from labelbook.core.nfc import nfc
from labelbook.core.problems import Pos, Problem, UsageError, error

#: Folders the loader reads; everything else in a repository is not ours.
CONTENT_DIRS = ("guidelines", "examples")
#: Larger guideline files are refused: one rule's examples are a few kilobytes.
MAX_BYTES = 2 * 1024 * 1024
#: Files (and links) the content folders may hold: a thousand-rule guideline set with a
#: full translation has about 4,000. Past this, nothing is read: a pull request of a
#: million files is refused at once instead of keeping CI busy.
MAX_FILES = 100_000

# A link is not followed, a FIFO put in place of a file does not block the open.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
_OPEN_FLAGS |= getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)


class Source(Protocol):
    label: str

    def files(self) -> list[str]:
        """Relative POSIX paths of the files the loader may read under guidelines/ and
        examples/, sorted: regular files only, no name with a part that starts with a dot."""

    def entries(self) -> list[str]:
        """Every file, link and other non-folder under the content folders, sorted, dot names
        included: their names are checked even where labelbook reads nothing."""

    def refused(self) -> list[Problem]:
        """Located problems of what is never read: symbolic links, special files, too many files."""

    def read(self, path: str) -> bytes: ...

    def size(self, path: str) -> int: ...


def shown(path: str) -> str:
    """`path` printable: bytes of a name that is not UTF-8 (kept as surrogates) as \\xNN."""
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _loadable(path: str) -> bool:
    # Dot names are editors' and tools' files; an undecodable name is reported, never used.
    return not any(part.startswith(".") for part in path.split("/")) and shown(path) == path


def symlink_problem(path: str) -> Problem:
    return error(
        Pos(shown(path), 1, 1),
        "file-symlink",
        f"{shown(path)} is a symbolic link: links are refused because the site must publish only "
        "the repository's own files (MkDocs would copy whatever it points at); replace it with the file itself",
    )


def too_many() -> Problem:
    return error(
        Pos(CONTENT_DIRS[0], 1, 1),
        "too-many-files",
        f"guidelines/ and examples/ hold more than {MAX_FILES:,} files, the limit; nothing was "
        "read: remove what is not a guideline file",
    )


class WorkingTree:
    """The files on disk. Each is read from disk once per `WorkingTree` (a load): prefetch,
    the loader and its checks all ask for the same bytes.

    Nothing is followed: the folders are listed without following links, and a link
    (whatever it points at) is reported, never listed as a file nor read; files are
    opened with O_NOFOLLOW, so a link put in place after the listing is not read either.
    """

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.label = "working tree"
        self._read: dict[str, bytes] = {}
        self._sizes: dict[str, int] = {}
        self._listing: tuple[list[str], list[str], list[Problem]] | None = None

    def files(self) -> list[str]:
        return self._scan()[0]

    def entries(self) -> list[str]:
        return self._scan()[1]

    def refused(self) -> list[Problem]:
        return self._scan()[2]

    def _scan(self) -> tuple[list[str], list[str], list[Problem]]:
        if self._listing is None:
            self._listing = self._walk()
        return self._listing

    def _walk(self) -> tuple[list[str], list[str], list[Problem]]:
        files: list[str] = []
        entries: list[str] = []
        refused: list[Problem] = []
        for top in CONTENT_DIRS:
            try:
                mode = os.lstat(self.root / top).st_mode
            except OSError:
                continue
            if stat.S_ISLNK(mode):
                entries.append(top)
                refused.append(symlink_problem(top))
            if not stat.S_ISDIR(mode):
                continue
            pending = [top]
            while pending:
                folder = pending.pop()
                try:
                    # os.scandir, not Path.rglob: a path object per file cost a tenth of a quiz.
                    with os.scandir(self.root / folder) as listing:
                        found = list(listing)
                except OSError as exc:
                    refused.append(error(Pos(shown(folder), 1, 1), "file-unreadable", f"the folder cannot be read ({exc.strerror or exc})"))
                    continue
                for entry in found:
                    path = f"{folder}/{entry.name}"
                    if entry.is_dir(follow_symlinks=False):
                        if entry.name != ".git":  # a nested repository's objects are no content
                            pending.append(path)
                        continue
                    entries.append(path)
                    if len(entries) > MAX_FILES:
                        return [], [], [too_many()]
                    if entry.is_symlink():
                        refused.append(symlink_problem(path))
                    elif not entry.is_file(follow_symlinks=False):
                        refused.append(error(Pos(shown(path), 1, 1), "file-special", f"{shown(path)} is a FIFO, socket or device, not a file: MkDocs would block or fail reading it; remove it"))
                    elif _loadable(path):
                        files.append(path)
        return sorted(files), sorted(entries), refused

    def read(self, path: str) -> bytes:
        try:
            return self._read[path]
        except KeyError:
            data = self._read[path] = self._open(path)
            return data

    def _open(self, path: str) -> bytes:
        fd = os.open(os.path.join(self.root, path), _OPEN_FLAGS)
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise OSError(f"{path} is not a regular file")
            chunks: list[bytes] = []
            left = MAX_BYTES + 1  # one byte more tells an oversized file, however its size was reported
            while left > 0 and (chunk := os.read(fd, min(left, 1 << 20))):
                chunks.append(chunk)
                left -= len(chunk)
            return b"".join(chunks)
        finally:
            os.close(fd)

    def size(self, path: str) -> int:
        try:
            return self._sizes[path]
        except KeyError:
            size = self._sizes[path] = os.lstat(self.root / path).st_size
            return size


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
    """The files of one commit, read with `git ls-tree` and one `git cat-file --batch`.

    A symbolic link is a blob of mode 120000: it is reported, and its target never read."""

    def __init__(self, root: Path, ref: str) -> None:
        self.root = Path(root)
        self.ref = ref
        self.label = ref
        self.commit = git(self.root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}").decode().strip()
        self._blobs: dict[str, tuple[str, int]] = {}
        self._entries: list[str] = []
        self._refused: list[Problem] = []
        listing = git(self.root, "ls-tree", "-r", "-z", "--long", self.commit, "--", *CONTENT_DIRS)
        for entry in listing.split(b"\0"):
            if not entry:
                continue
            meta, _, name = entry.partition(b"\t")
            mode, kind, sha, size = meta.split()
            path = name.decode("utf-8", "surrogateescape")
            self._entries.append(path)
            if mode == b"120000":
                self._refused.append(symlink_problem(path))
            elif kind == b"blob" and _loadable(path):
                self._blobs[path] = (sha.decode(), int(size))
        self._entries.sort()
        if len(self._entries) > MAX_FILES:
            self._blobs, self._entries, self._refused = {}, [], [too_many()]
        self._cache: dict[str, bytes] | None = None

    def files(self) -> list[str]:
        return sorted(self._blobs)

    def entries(self) -> list[str]:
        return self._entries

    def refused(self) -> list[Problem]:
        return self._refused

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


def forget_blobs() -> None:
    """Drop the blobs read so far (see `filecache.forget`)."""
    _BLOBS.clear()


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
