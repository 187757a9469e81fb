"""labelbook's own files for the site: CSS, the Bengali web font, Material template overrides.

They ship inside the package (read through importlib.resources), so a built site needs
nothing from another host.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Iterator

_PACKAGE = Path(str(resources.files("labelbook")))

#: Folder of the files copied into every site, and where they go in it.
ASSETS = _PACKAGE / "assets"
SITE_PREFIX = "assets/labelbook"
#: Material template overrides (language selector, corrected Bengali UI strings).
TEMPLATES = str(_PACKAGE / "templates" / "material-overrides")
#: Stylesheets every page links to, relative to the site root.
EXTRA_CSS = [f"{SITE_PREFIX}/labelbook.css", f"{SITE_PREFIX}/practice.css"]
#: Scripts every page loads: Bengali digits in Material's search messages, the practice
#: quiz (inert on other pages), the version selector of translated sites.
EXTRA_JS = [f"{SITE_PREFIX}/labelbook.js", f"{SITE_PREFIX}/practice.js", f"{SITE_PREFIX}/versions.js"]


def files() -> Iterator[tuple[str, Path]]:
    """(path in the site, file on disk) of every asset; the font's licence goes with it."""
    for path in sorted(ASSETS.rglob("*")):
        if path.is_file() and not path.name.startswith("."):
            yield f"{SITE_PREFIX}/{path.relative_to(ASSETS).as_posix()}", path
