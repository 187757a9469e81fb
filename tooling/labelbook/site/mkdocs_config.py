"""Loading a `mkdocs.yml` with MkDocs, its refusal turned into labelbook's error: for
`labelbook build` (site.build) and the live preview (site.live_site) alike."""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, ConfigurationError

from labelbook.core.problems import LabelbookError


class _Errors(logging.Handler):
    """MkDocs logs what is wrong with a configuration and then aborts with no reason."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def load_mkdocs_config(path: Path, **overrides: object) -> MkDocsConfig:
    """`mkdocs.yml` loaded by MkDocs (`None` overrides left out); what MkDocs logged against
    it in the LabelbookError when it refuses it."""
    errors = _Errors()
    logger = logging.getLogger("mkdocs.config")
    logger.addHandler(errors)
    try:
        return load_config(config_file=str(path), **{k: v for k, v in overrides.items() if v is not None})
    except (ConfigurationError, Abort) as exc:
        raise LabelbookError(f"{path.name}: {'; '.join(errors.messages) or exc}") from exc
    finally:
        logger.removeHandler(errors)
