"""What scoring reads and when an item is a finding (see `inputs` and `report`), apart from the code.

`labelbook score --help` states these, and every `labelbook` command builds that help:
importing them from here spares each command the loading of the scoring modules.
"""

from __future__ import annotations

#: The kinds of response files `inputs.read_all` reads (`--from`).
FROM = ("csv", "moodle", "qti")

MIN_ANSWERS = 3
AGREE_SHARE = 0.7
SPLIT_SHARE = 0.6
