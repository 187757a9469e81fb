"""The practice page's data joins the page after the theme rendered it (`PageContext.later`).

It holds every example's text (14 MB at 2,000 rules), so it skips Markdown, the block
store and the template. The written page must still carry it whole, once, in its script
element, in both languages; the Markdown must not; and no stand-in may be left.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from sample_repo import E02_RATIONALE

from labelbook.core.checks import checked
from labelbook.quiz.practice import DATA_ID
from labelbook.site.context import PageContext
from labelbook.site.extra_pages import PRACTICE
from labelbook.site.pages import site_content

_DATA = re.compile(rf'<script type="application/json" id="{DATA_ID}">(.*?)</script>', re.DOTALL)


def test_written_practice_pages_carry_their_data(built_site: Path) -> None:
    for page in (built_site / "practice" / "index.html", built_site / "bn" / "practice" / "index.html"):
        html = page.read_text(encoding="utf-8")
        assert "lb-later-" not in html, page
        found = _DATA.findall(html)
        assert len(found) == 1, page
        data = json.loads(found[0])
        assert data["items"], page
        assert all(item["id"] and item["key"] for item in data["items"])
        assert data["options"] and data["decisions"]


def test_the_markdown_holds_a_stand_in_and_the_context_the_data(site_repo: Path) -> None:
    repo = checked(site_repo).repo
    ctx = PageContext(repo, "en")
    markdown = site_content(ctx).pages[PRACTICE]
    stand_in, text = ctx.late[PRACTICE]
    assert stand_in in markdown
    assert E02_RATIONALE[:40] not in markdown
    assert json.loads(text)["items"]
    # Another context (a save in the live preview) gives another stand-in for other data.
    repo.examples[next(iter(repo.examples))].rationale = "Changed in the preview."
    again = PageContext(repo, "en", late=ctx.late)
    assert site_content(again).pages[PRACTICE] != markdown
    assert ctx.late[PRACTICE][0] != stand_in
