"""What `build --versions` takes over from the previous site: the versions whose inputs did
not change, the shared asset trees they use, and the record of how each was built.

The release folders of two hundred releases hold some 46,000 files in as many folders:
hard-linking them into the new site took 5 s, as long as building a release (and the
previous site's links were then deleted one by one); renaming the 201 folders took 7 ms
(`benchmarks/versions_bench.py` measures both). So an unchanged version is moved (renamed)
from the previous site into the new one, just before the new one is swapped in. The paths
moved are written first into the new folder (`output.MOVED`): if the build is killed
between the moves and the swap, the next build puts them back (`output.put_back`) before
anything else, and the previous site is whole again. A build that fails with an error moves
them back itself.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from labelbook.site.output import MOVED

#: How each version of the site was built: its inputs' key, and where its assets are.
MANIFEST = ".labelbook-versions.json"
#: `assets` of a manifest entry for a version with its own assets in its folder.
COPY = "copy"


@dataclass
class Previous:
    """The previous site in the target folder, as its manifest describes it."""

    target: Path
    versions: dict[str, dict] = field(default_factory=dict)
    latest: str | None = None

    def entry(self, version: str, key: str) -> dict | None:
        """The manifest entry of `version` when it was built from the same inputs and its folder is there."""
        entry = self.versions.get(version)
        if not isinstance(entry, dict) or entry.get("key") != key or not (self.target / version / "index.html").is_file():
            return None
        return entry


def assets_of(entry: dict) -> dict[str, str] | str:
    """{site root: hash of its shared assets}, or COPY (manifests written before assets
    were shared have no `assets`: their versions carry their own)."""
    value = entry.get("assets", COPY)
    if isinstance(value, dict) and all(isinstance(k, str) and isinstance(v, str) and v.isalnum() for k, v in value.items()):
        return value
    return COPY


def read_previous(target: Path) -> Previous:
    try:
        data = json.loads((target / MANIFEST).read_text("utf-8"))
    except (OSError, ValueError):
        return Previous(target)
    if not isinstance(data, dict):
        return Previous(target)
    if isinstance(data.get("versions"), dict):
        latest = data.get("latest")
        return Previous(target, data["versions"], latest if isinstance(latest, str) else None)
    return Previous(target, data)  # the first format: {version: entry}


def write_manifest(folder: Path, versions: dict[str, dict], latest: str | None) -> None:
    text = json.dumps({"versions": versions, "latest": latest}, indent=2, sort_keys=True) + "\n"
    (folder / MANIFEST).write_text(text, encoding="utf-8")


def link_copy(old: Path, new: Path) -> None:
    """A copy of the folder `old` made of hard links where the file system allows (fast).

    Links are left out: labelbook writes none, and a link planted in the site folder
    would otherwise be followed and its target copied into the site.
    """

    def links(folder: str, names: list[str]) -> list[str]:
        return [n for n in names if os.path.islink(os.path.join(folder, n))]

    try:
        shutil.copytree(old, new, copy_function=os.link, ignore=links)
    except OSError:
        shutil.rmtree(new, ignore_errors=True)
        shutil.copytree(old, new, ignore=links)


def drop_links(folder: Path) -> None:
    """Delete the symbolic links under `folder`: labelbook writes none, and one planted in the
    site folder would be published, or followed by whatever uploads the site."""
    stack = [str(folder)]
    while stack:
        with os.scandir(stack.pop()) as entries:
            for entry in entries:
                if entry.is_symlink():
                    os.unlink(entry.path)
                elif entry.is_dir():
                    stack.append(entry.path)


class Takeover:
    """The paths (relative to the site folder) to move from the previous site into the new one."""

    def __init__(self, target: Path, staging: Path) -> None:
        self.target = target
        self.staging = staging
        self.wanted: list[str] = []
        self.moved: list[str] = []

    def want(self, name: str) -> None:
        if name not in self.wanted:
            self.wanted.append(name)

    def has(self, name: str) -> bool:
        return name in self.wanted

    def move(self) -> None:
        """Move every wanted path, the list of them written first (see the module's docstring)."""
        todo = [n for n in self.wanted if not (self.staging / n).exists()]
        (self.staging / MOVED).write_text(json.dumps(todo) + "\n", encoding="utf-8")
        try:
            for name in todo:
                (self.staging / name).parent.mkdir(parents=True, exist_ok=True)
                (self.target / name).rename(self.staging / name)
                self.moved.append(name)
                drop_links(self.staging / name)
        except BaseException:
            self.undo()
            raise

    def undo(self) -> None:
        """Put back what was moved: the build did not finish, so the previous site stays."""
        for name in reversed(self.moved):
            if not (self.target / name).exists():
                (self.target / name).parent.mkdir(parents=True, exist_ok=True)
                (self.staging / name).rename(self.target / name)
        self.moved = []

    def done(self) -> None:
        """The new site is in place: the list of moves is no longer needed."""
        self.moved = []
        (self.target / MOVED).unlink(missing_ok=True)
