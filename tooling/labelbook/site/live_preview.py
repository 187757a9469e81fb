"""The builder of the live preview: from a save to the pages that show it.

On a save (`core.watch`) the units of the saved files are put into the model at once
(`core.splice`) and the pages that show them made again, the pages open in a browser first
(`site.live_site`); then the whole repository is checked, as `labelbook check` does it
(`core.reload`), and what that check changes is shown too: its errors over every page
(nothing is built while there are any), or pages the splice could not know of. What cannot
be done page by page is rebuilt whole, into a new folder that replaces the served one when
it is complete: a file added, removed or renamed under guidelines/, policy.yaml,
mkdocs.yml, an image or other file the site copies, a rule that moves in the navigation.
"""

from __future__ import annotations

import gc
import logging
import shutil
import time
from pathlib import Path
from typing import Callable

from labelbook.core import report
from labelbook.core.collector import paused
from labelbook.core.model import Repo
from labelbook.core.problems import LabelbookError, Problem
from labelbook.core.reload import Refresh, Reloader
from labelbook.core.watch import Batch, Watcher
from labelbook.site.live_server import LiveState
from labelbook.site.live_site import LiveSite
from labelbook.site.safe_config import check_config

log = logging.getLogger("mkdocs.plugins.labelbook")

CONFIG_NAME = "mkdocs.yml"
#: Background work ("What changed", the practice page, the search index) starts once saves
#: pause this long: at 1,000 rules one of its steps takes seconds, and a save that comes
#: during a step waits for its end.
PAUSE = 1.0


class Preview:
    """The builder: takes the watcher's changes, checks, rebuilds, publishes to `state`."""

    def __init__(self, root: Path, session: Path, url: str, state: LiveState, allow_plugins: list[str], minimal_config: Callable[[Path, Repo], str]) -> None:
        self.root = root
        self.session = session
        self.url = url
        self.state = state
        self.allow_plugins = allow_plugins
        self.minimal_config = minimal_config
        self.reloader = Reloader(root)
        self.watcher = Watcher(root)
        self.site: LiveSite | None = None
        self.stopping = False
        #: files the site was last made from; since then, the paths the watcher reported and
        #: the files read with other bytes (None: not known, and the whole site is rebuilt)
        self.listing: list[str] = []
        self.unshown: set[str] | None = set()
        self.unread: set[str] | None = set()
        self.builds = 0

    def run(self) -> None:
        # Watching starts before the first load: a save during the first build is not lost.
        self.watcher.start()
        self._rebuild(self.reloader.refresh())
        while not self.stopping:
            urgent = self.site is not None and self.site.urgent
            busy = self.site is not None and self.site.busy
            with self.state.cond:
                self.state.busy = busy
            batch = self.watcher.wait(timeout=0 if urgent else PAUSE if busy else None)
            with self.state.cond:
                self.state.busy = True
            try:
                if batch:
                    self._changed(batch)
                elif busy:
                    self._work(background=not urgent)
            except Exception as exc:  # noqa: BLE001 - the preview outlives a failed update: a full rebuild is tried
                log.exception(f"labelbook: the preview could not be updated: {type(exc).__name__}: {exc}")
                self._rebuild(self.reloader.refresh())

    def stop(self) -> None:
        """Stop `run` after the step it is at; from a signal handler of its thread too."""
        self.stopping = True
        self.watcher.interrupt()

    def _interrupted(self) -> bool:
        """Whether the page being made is the last for now: a save came, or a stop."""
        return self.stopping or self.watcher.pending()

    def close(self) -> None:
        self.watcher.stop()
        if self.site is not None:
            self.site.close()

    def _changed(self, batch: Batch) -> None:
        with paused():  # no collection while a save is being shown: it can wait until after
            whole = self._update(batch, time.perf_counter())
        if whole is not None:
            self._rebuild(whole)

    def _update(self, batch: Batch, start: float) -> Refresh | None:
        """Show the save, then check the repository again and show what that changes; the
        refresh to build the whole site from, when only that can show it."""
        self._quick(batch)
        refresh = self.reloader.refresh(None if batch.everything else batch.paths)
        # What changed since the pages were last made: saves made while the repository had
        # errors were not shown yet. None: not known.
        self.unshown = None if batch.everything or self.unshown is None else self.unshown | batch.paths
        self.unread = None if refresh.changed is None or self.unread is None else self.unread | refresh.changed
        if self._show_errors(refresh):
            return None
        if self.site is None or refresh.repo is None or self.unshown is None or self.unread is None or self._whole(self.unshown, refresh.files):
            return refresh
        if not self.site.update(refresh.repo, self.unread):
            return refresh
        self.unshown, self.unread, self.listing = set(), set(), refresh.files
        written = self._work(background=False, clear_problems=bool(self.state.problems))
        if written:
            log.info(f"labelbook: {len(written)} page(s) shown {time.perf_counter() - start:.2f} s after the save")
        return None

    def _quick(self, batch: Batch) -> None:
        """Show a save of rule, example or page files before the whole repository is checked
        (`core.splice`): the check follows at once and corrects the pages if need be."""
        if self.site is None or batch.everything or self.unshown or self.state.problems:
            return
        if not set(batch.paths) <= set(self.listing) or self._whole(batch.paths, self.listing):
            return  # a file added or removed, or one the site copies: the full check decides
        start = time.perf_counter()
        spliced = self.reloader.quick(self.site.repo, batch.paths)
        if spliced is not None and self.site.update(spliced, batch.paths):
            written = self._work(background=False)
            if written:
                log.info(f"labelbook: {len(written)} page(s) shown {time.perf_counter() - start:.2f} s after the save (checking the whole repository now)")

    def _work(self, background: bool, clear_problems: bool = False) -> list[str]:
        """Make pending pages again, each published as soon as written (with `clear_problems`,
        all at once with the banner's removal: a page reloads once)."""
        assert self.site is not None
        written = []
        for path in self.site.work(stop=self._interrupted, viewed=self.state.viewed(), background=background):
            written.append(path)
            if not clear_problems:
                self.state.publish(pages=[path])
        if clear_problems:
            self.state.publish(pages=written, problems=[])
        if written:
            shown = ", ".join(written[:3]) + (f" and {len(written) - 3} more" if len(written) > 3 else "")
            log.info(f"labelbook: rebuilt {shown}" + (" (in the background)" if background else ""))
        return written

    def _whole(self, paths: set[str], files: list[str]) -> bool:
        """Whether a change needs the whole site rebuilt, whatever changed in the model:
        mkdocs.yml, or a file of guidelines/ that MkDocs copies or lists as it is."""
        def published(listing: list[str]) -> list[str]:
            return [f for f in listing if f.startswith("guidelines/")]

        return (
            CONFIG_NAME in paths
            or any(p.startswith("guidelines/") and not p.endswith((".md", ".yaml")) for p in paths)
            or published(files) != published(self.listing)
        )

    def _show_errors(self, refresh: Refresh) -> bool:
        """Put the repository's errors (and mkdocs.yml's) over every page; whether there were any."""
        errors = sorted(refresh.errors + check_config(self.root, self.allow_plugins), key=Problem.sort_key)
        if not errors:
            return False
        lines = report.render(errors, "text").splitlines()
        for line in lines:
            log.error(line)
        log.warning(f"labelbook: {len(errors)} error(s): the preview shows the last version that built, and them")
        self.state.publish(problems=lines)
        return True

    def _rebuild(self, refresh: Refresh) -> None:
        """Build the whole site into a new folder and serve it once it is complete."""
        if self._show_errors(refresh):
            return
        repo = refresh.repo
        assert repo is not None
        start = time.perf_counter()
        if self.site is not None:
            # Its pages keep being served from its folder until the new one is complete; what
            # it holds in memory to update them is not needed for that.
            self.site.close()
            self.site = None
        gc.unfreeze()  # the last site's objects may be garbage now (see below)
        self.builds += 1
        folder = self.session / f"site-{self.builds}"
        scratch = self.session / f"scratch-{self.builds}"
        scratch.mkdir()
        try:
            site = LiveSite(self._config(repo), repo, self.root, folder, scratch, self.url)
            site.build()
        except Exception as exc:  # noqa: BLE001 - whatever stops a build, the last good site stays up, and says why
            log.error(f"labelbook: the preview could not be built: {type(exc).__name__}: {exc}", exc_info=not isinstance(exc, LabelbookError))
            self.state.publish(problems=[f"labelbook: the preview could not be built: {exc}"])
            shutil.rmtree(folder, ignore_errors=True)
            shutil.rmtree(scratch, ignore_errors=True)
            return
        self.site = site
        # Hundreds of thousands of objects stay alive as long as this site: out of the garbage
        # collector's sight, a collection no longer walks them all (at 1,000 rules that took
        # a second, at any allocation, in the middle of an update).
        gc.collect()
        gc.freeze()
        self.unshown, self.unread, self.listing = set(), set(), refresh.files
        self.state.languages = tuple(repo.policy.target_languages)
        self.state.publish(root=folder, problems=[])
        log.info(f"labelbook: the whole site was built in {time.perf_counter() - start:.1f} s; serving it on {self.url}")
        for old in self.session.iterdir():  # the folders of earlier builds
            if old.is_dir() and old not in (folder, scratch):
                shutil.rmtree(old, ignore_errors=True)

    def _config(self, repo: Repo) -> Path:
        own = self.root / CONFIG_NAME
        if own.exists() or own.is_symlink():
            return own
        path = self.session / CONFIG_NAME  # outside the repository; docs_dir is absolute
        path.write_text(self.minimal_config(self.root, repo), encoding="utf-8")
        return path
