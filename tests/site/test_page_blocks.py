"""labelbook's own HTML blocks reach the page as built, without going through Markdown.

A page source holds labelbook's HTML (examples, badges, tables) as marked blocks; the
plugin gives MkDocs a one-line placeholder for each (`markup.split_blocks`) and puts the
block back after Markdown (`markup.sanitize_page`). What a repository body leaves open
must not swallow a block, a fake placeholder must bring nothing, and MkDocs must still
know the ids of the blocks (a link to an example's anchor stays valid).
"""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest
from labelbook.cli import main
from site_helpers import article, read

#: Ends of rule bodies that leave something open for whatever follows them.
OPEN_ENDS = {
    "div": "Text before.\n\n<div class=\"note\">\nStill in the div: **bold**\n",
    "pre": "Text before.\n\n<pre>\npreformatted, never closed\n",
    "comment": "Text before.\n\n<!-- a comment that never ends\n",
    "fence": "Text before.\n\n```\na fence that never closes\n",
    "fake-mark": "Text before.\n\n<!--lb-block 0123456789abcdef0123456789abcdef 0-->\n\n<!--lb-block 0123456789abcdef0123456789abcdef 3-->\n",
}


def _set_body(repo: Path, body: str) -> None:
    path = repo / "guidelines/hate-speech/HS-001.md"
    text = path.read_text(encoding="utf-8")
    front_end = text.index("---\n", 4) + 4
    path.write_text(text[:front_end] + body, encoding="utf-8")


@pytest.mark.parametrize("end", sorted(OPEN_ENDS))
def test_a_body_that_leaves_something_open_cannot_swallow_labelbooks_blocks(site_repo: Path, tmp_path: Path, end: str) -> None:
    _set_body(site_repo, OPEN_ENDS[end])
    site = tmp_path / "site"
    assert main(["build", "-q", "-C", str(site_repo), "-d", str(site)]) == 0
    for prefix in ("", "bn/"):
        html = article(read(site, f"{prefix}hate-speech/HS-001/"))
        tree = lxml.html.fromstring(html)
        # each block once, as an element of the article, not as text or inside the body's element
        assert len(tree.xpath('//*[@id="lb-rule-meta"]')) == 1
        assert len(tree.xpath('//*[@id="lb-examples"]')) == 1
        assert [s.get("id") for s in tree.xpath('//section[contains(@class, "lb-example")]')] == ["HS-001-E01", "HS-001-E02"]
        assert tree.xpath('//h2[@id="examples"]')
        for block_id in ("lb-rule-meta", "lb-examples"):
            assert not tree.xpath(f'//pre//*[@id="{block_id}"] | //div[@class="note"]//*[@id="{block_id}"]')
        assert "lb-block" not in html and "<!--" not in html
        if prefix == "":
            assert "Text before." in html


def _link_from_introduction(repo: Path, anchor: str) -> None:
    (repo / "guidelines/introduction.md").write_text(
        f"# Introduction\n\nSee [an example](hate-speech/HS-001.md#{anchor}).\n", encoding="utf-8"
    )
    config = repo / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "validation:\n  anchors: warn\n", encoding="utf-8")


def test_a_link_to_an_example_anchor_passes_mkdocs_anchor_validation(site_repo: Path, tmp_path: Path) -> None:
    _link_from_introduction(site_repo, "HS-001-E01")
    assert main(["build", "-q", "--strict", "-C", str(site_repo), "-d", str(tmp_path / "site")]) == 0
    assert 'href="../hate-speech/HS-001/#HS-001-E01"' in read(tmp_path / "site", "introduction/")


def test_a_link_to_an_anchor_no_page_has_fails_a_strict_build(site_repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _link_from_introduction(site_repo, "HS-001-E99")
    assert main(["build", "-q", "--strict", "-C", str(site_repo), "-d", str(tmp_path / "site")]) == 1
    assert "HS-001-E99" in capsys.readouterr().err
