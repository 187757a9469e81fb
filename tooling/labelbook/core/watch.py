"""Which files of a guideline repository changed, as the operating system reports it.

`labelbook serve` waits here between rebuilds. watchdog's native observer (inotify on
Linux) tells of a save within milliseconds without scanning anything, where MkDocs' own
server stats every watched file every half second (watchdog's PollingObserver), which
alone can add half a second to a save. Plain Python: nothing here knows MkDocs.
"""

from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from watchdog import events
from watchdog.observers import Observer

#: Folders whose files a check reads (locales/: only the glossaries).
FOLDERS = ("guidelines", "examples", "locales")
#: Files at the repository root that change the site.
ROOT_FILES = ("mkdocs.yml",)
#: A save is several events (truncate, write, close, rename); the batch is taken once
#: none has come for this long, or this long after the first at the latest.
QUIET = 0.05
LONGEST = 0.5

_CHANGES = {
    events.EVENT_TYPE_CREATED,
    events.EVENT_TYPE_DELETED,
    events.EVENT_TYPE_MODIFIED,
    events.EVENT_TYPE_MOVED,
    events.EVENT_TYPE_CLOSED,
    events.EVENT_TYPE_ATTRIB,
}


@dataclass
class Batch:
    """Repository-relative paths that changed; `everything` when the system lost count."""

    paths: set[str] = field(default_factory=set)
    everything: bool = False

    def __bool__(self) -> bool:
        return self.everything or bool(self.paths)


class Watcher:
    """Collects the changes under `root` until `wait` takes them."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root).resolve()
        self._cond = threading.Condition()
        self._batch = Batch()
        self._interrupted = False
        self._first = self._last = 0.0
        self._observer = Observer()
        self._watched: set[str] = set()
        self._handler = events.FileSystemEventHandler()
        self._handler.dispatch = self._event  # type: ignore[method-assign]
        self._observer.schedule(self._handler, str(self.root), recursive=False)
        self._watch_folders()

    def start(self) -> None:
        self._observer.start()

    def stop(self) -> None:
        self._observer.stop()
        self._observer.join(timeout=5)

    def _watch_folders(self) -> None:
        for folder in FOLDERS:
            if folder not in self._watched and (self.root / folder).is_dir():
                self._observer.schedule(self._handler, str(self.root / folder), recursive=True)
                self._watched.add(folder)

    def _event(self, event: events.FileSystemEvent) -> None:
        if event.event_type == events.EVENT_TYPE_EVENTS_LOST:
            self._note(None)
            return
        if event.event_type not in _CHANGES:
            return  # opened, closed without writing: our own reads among them
        if event.is_directory and event.event_type == events.EVENT_TYPE_MODIFIED:
            return  # an entry of the folder changed: that entry has its own event
        for raw in (event.src_path, getattr(event, "dest_path", "")):
            path = self._relative(os.fsdecode(raw)) if raw else None
            if path is not None:
                self._note(path)
        if event.is_directory and os.path.dirname(os.fsdecode(event.src_path)) == str(self.root):
            self._watch_folders()  # guidelines/ or examples/ made after the start

    def _relative(self, path: str) -> str | None:
        try:
            rel = Path(path).relative_to(self.root).as_posix()
        except ValueError:
            return None
        top = rel.split("/", 1)[0]
        if rel in ROOT_FILES or (top in FOLDERS and top != "locales"):
            return rel
        return rel if top == "locales" and rel.endswith("/glossary.yaml") else None

    def _note(self, path: str | None) -> None:
        with self._cond:
            now = time.monotonic()
            if not self._batch:
                self._first = now
            self._last = now
            if path is None:
                self._batch.everything = True
            else:
                self._batch.paths.add(path)
            self._cond.notify_all()

    def interrupt(self) -> None:
        """Make `wait` return now, and at once from then on (an empty batch). Callable from a
        signal handler of the waiting thread: the condition's lock is re-entrant."""
        with self._cond:
            self._interrupted = True
            self._cond.notify_all()

    def pending(self) -> bool:
        """Whether a change is waiting to be taken."""
        with self._cond:
            return bool(self._batch)

    def wait(self, timeout: float | None = None) -> Batch:
        """The next batch of changes, once the files have been quiet for QUIET seconds; an
        empty batch when `timeout` seconds pass without any change."""
        with self._cond:
            if not self._cond.wait_for(lambda: bool(self._batch) or self._interrupted, timeout=timeout) or self._interrupted:
                return Batch()
            while True:
                now = time.monotonic()
                left = min(self._last + QUIET, self._first + LONGEST) - now
                if left <= 0:
                    break
                self._cond.wait(timeout=left)
            batch, self._batch = self._batch, Batch()
            return batch
