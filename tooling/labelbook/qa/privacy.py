"""--pseudonymize: labeler and auditor ids replaced by codes before anything is counted.

A code is HMAC-SHA256 of the id (NFC text) keyed with a salt: `L-3F2A9C1B7D` for a
labeler, `A-...` for an auditor. The same salt gives the same code for the same person
in every run, week, file and format, so a trend or a coaching list can be followed
from week to week; without the salt a code cannot be traced back to the id (unlike a
plain hash, which anyone can recompute for a list of known ids). The salt comes from
the environment (LABELBOOK_QA_SALT) or a file (--salt-file), never from the command
line, where it would land in the shell history. Without one, a random salt is drawn:
the codes then hold within one report only.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import unicodedata
from pathlib import Path

import polars as pl

from labelbook.core.problems import UsageError

SALT_ENV = "LABELBOOK_QA_SALT"
#: The file labelbook leaves in every site folder it builds.
SITE_MARKER = ".labelbook-site"
#: Folders of a guideline repository that the site is made from or written to.
SITE_FOLDERS = ("guidelines", "examples", "site")
#: Hex digits of a code: 40 bits, so that a few thousand labelers do not collide (a
#: collision is detected all the same, and the codes are then made longer).
DIGITS = 10


def refuse_publishing(output: str | None, repo: Path | None) -> None:
    """Nothing from the audits may reach the guideline site: -o must not be inside a built
    site (a folder with labelbook's marker, or one above it) nor, in a guideline repository,
    inside the folders the site is made from or written to."""
    if not output or output == "-":
        return
    target = Path(output).resolve()
    for folder in [target.parent, *target.parent.parents]:
        if (folder / SITE_MARKER).exists():
            raise UsageError(f"-o {output}: {folder} is a site labelbook built; the QA report holds personal data and is never published with it")
    for content in SITE_FOLDERS if repo is not None else ():
        if target.is_relative_to(Path(repo).resolve() / content):
            raise UsageError(f"-o {output}: inside {content}/, which the guideline site is made from or written to; "
                             "the QA report holds personal data: write it outside the site (e.g. -o qa-2026-W48.html)")


def salt_from(salt_file: str | None) -> tuple[bytes, bool]:
    """(salt, whether it is stable across runs)."""
    if salt_file:
        try:
            data = Path(salt_file).read_bytes().strip()
        except OSError as exc:
            raise UsageError(f"--salt-file {salt_file}: cannot be read ({exc.strerror or exc})") from None
        if len(data) < 8:
            raise UsageError(f"--salt-file {salt_file}: the salt is too short; use 8 characters or more (a random line is best)")
        return data, True
    env = os.environ.get(SALT_ENV, "").strip()
    if env:
        if len(env) < 8:
            raise UsageError(f"{SALT_ENV}: the salt is too short; use 8 characters or more")
        return env.encode("utf-8"), True
    return secrets.token_bytes(32), False


def code(salt: bytes, value: str, prefix: str, digits: int = DIGITS) -> str:
    mac = hmac.new(salt, unicodedata.normalize("NFC", value).encode("utf-8"), hashlib.sha256).hexdigest()
    return f"{prefix}-{mac[:digits].upper()}"


def codes(salt: bytes, values: list[str], prefix: str) -> dict[str, str]:
    for digits in (DIGITS, 16, 64):
        out = {v: code(salt, v, prefix, digits) for v in values}
        if len(set(out.values())) == len(out):
            return out
    raise AssertionError("SHA-256 collision")  # pragma: no cover


def pseudonymize(frame: pl.DataFrame, salt: bytes) -> pl.DataFrame:
    out = frame
    for column, prefix in (("labeler", "L"), ("auditor", "A")):
        values = [v for v in frame[column].unique().to_list() if v is not None]
        out = out.with_columns(pl.col(column).replace_strict(codes(salt, values, prefix), default=None, return_dtype=pl.String))
    return out
