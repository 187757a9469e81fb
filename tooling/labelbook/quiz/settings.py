"""What a quiz is made from: the options of `labelbook quiz`, as one value."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class QuizSettings:
    count: int
    lang: str
    seed: int | str = 0
    #: how many decisions an item offers at most (all of them when the taxonomy is that small)
    options: int = 5
    areas: tuple[str, ...] = ()
    rules: tuple[str, ...] = ()
    difficulties: tuple[str, ...] = ()
    #: the release the quiz recalibrates from (only what changed since then)
    since: str | None = None
    #: the largest share of sensitive items, 0..1; None: no cap
    max_sensitive: float | None = None
    site_url: str | None = None
    #: the guideline version the items come from: 'dev' for the working tree
    version: str = "dev"

    def as_json(self) -> dict:
        """The `settings` object of the canonical JSON (schemas/quiz.schema.json)."""
        return {
            "seed": self.seed,
            "count": self.count,
            "options": self.options,
            "areas": list(self.areas),
            "rules": list(self.rules),
            "difficulties": list(self.difficulties),
            "since": self.since,
            "max_sensitive": self.max_sensitive,
        }
