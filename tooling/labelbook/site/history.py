"""What a single-version site compares itself with: the working tree against the newest release."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from labelbook.history import releases
from labelbook.core.model import Repo
from labelbook.core.problems import LabelbookError
from labelbook.core.i18n import N_

log = logging.getLogger("mkdocs.plugins.labelbook")

NOT_GIT = N_("These guidelines are not in a git repository, so there is no earlier release to compare them with.")
NO_RELEASE = N_("There is no earlier release to compare with.")
UNREADABLE = N_("The earlier release could not be read, so this page cannot show what changed.")


def changes_since_release(root: Path, pattern: str = releases.DEFAULT_PATTERN, worktree: Repo | None = None) -> tuple[Any, str | None]:
    """(Changelog of the working tree against the release before it, or None; why not, as a msgid).

    `worktree`: the working tree as the build already loaded and checked it (not loaded again).
    """
    if not releases.is_git_repository(root):
        return None, NOT_GIT
    try:
        changelog = releases.since_previous_release(root, None, pattern, worktree=worktree)
    except LabelbookError as exc:
        # The site itself is fine; say on the page why "What changed" is empty.
        log.info(f"labelbook: 'What changed' left empty: {exc}")
        return None, UNREADABLE
    return (changelog, None) if changelog is not None else (None, NO_RELEASE)
