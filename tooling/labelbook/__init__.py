"""labelbook: guideline repositories for content-labeling teams, as checked, bilingual, versioned sites."""

from __future__ import annotations

__version__ = "0.1.0"
