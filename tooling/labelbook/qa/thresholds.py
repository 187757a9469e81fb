"""The numbers of the verdict rule (see `labelbook.qa.verdicts`), apart from the code that applies them.

`labelbook qa --help` states them, and the help must not load NumPy and SciPy, which
`verdicts` needs for its tests: every `labelbook` command builds the help's parsers.
"""

from __future__ import annotations

COACH_SHARE = 0.5  # the outliers make at least this share of the rule's excess errors
COACH_GROUP = 0.2  # and are at most this share of the labelers audited on it
RATE_DROP = 0.01  # a rule's drop judged costs the team at least this much accuracy
RATE_DROPS = 3  # and at most this many such drops are judged
