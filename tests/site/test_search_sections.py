"""labelbook finds each page's search sections itself (site.search_sections), faster than
Material's HTMLParser: the index must be exactly the one Material's parser gives.

Three ways of checking it: whole sites built both ways give byte-identical search indexes
in both languages; generated HTML (headings with and without ids at every depth, the
tags Material keeps or skips, excluded blocks, permalinks, entities, every attribute
syntax, unbalanced tags) gives the same sections as Material's `Parser`; and HTML that
the fast path does not read (comments, scripts, a stray `<`) still does, through
Material's parser.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from material.plugins.search.plugin import Parser

from labelbook.site import plugin, search_sections
from labelbook.site.build import build_site

EPOCH = "1772704800"


def _material(html: str) -> list[tuple] | str:
    try:
        parser = Parser()
        parser.feed(html)
        parser.close()
    except ValueError as exc:  # Material's parser fails on some unbalanced HTML
        return f"fails: {exc}"
    return _shown(parser.data)


def _ours(html: str) -> list[tuple] | str:
    try:
        return _shown(search_sections.sections(html))
    except ValueError as exc:
        return f"fails: {exc}"


def _shown(sections: list) -> list[tuple]:
    return [(s.el.tag, s.id, s.depth, list(s.title), list(s.text), s.is_excluded()) for s in sections]


def test_built_sites_have_the_index_material_would_write(site_repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    quick = build_site(site_repo, tmp_path / "quick")
    monkeypatch.setattr(plugin.search_sections, "index_quickly", lambda plugins: None)
    material = build_site(site_repo, tmp_path / "material")
    for index in ("search/search_index.json", "bn/search/search_index.json"):
        ours, theirs = (quick / index).read_bytes(), (material / index).read_bytes()
        assert len(ours) > 1000
        assert ours == theirs, index


def test_a_rule_page_is_read_by_the_fast_path(built_site: Path) -> None:
    page = (built_site / "bn" / "bullying").glob("*/index.html")
    html = next(page).read_text(encoding="utf-8")
    article = html[html.index("<article") : html.index("</article>") + len("</article>")]
    sections = search_sections._Sections().read(article)  # raises if it would fall back
    assert len(sections) > 2
    assert _shown(sections) == _material(article)


_TAGS = ["div", "p", "span", "code", "pre", "ul", "ol", "li", "sub", "sup", "a", "em", "DIV", "table", "td", "details", "summary", "object"]
_WORDS = ["bullying", "  ", "\n", "\n\n  ", "কটূক্তি", "ভিডিও।", "a&amp;b", "&lt;tag&gt;", "&#2453;", "&nbsp;", "x &unknown; y", "'q'", '"dq"', "\t", "R&D"]


def _attrs(rng: random.Random) -> str:
    out = []
    for _ in range(rng.randint(0, 3)):
        out.append(
            rng.choice(
                [
                    ' class="x y"',
                    " class='headerlink'",
                    ' class="headerlink"',
                    " class=linenodiv",
                    ' CLASS="linenodiv"',
                    " data-search-exclude",
                    ' data-search-exclude=""',
                    ' title="a &amp; b > c"',
                    " hidden",
                    ' href = "#x"',
                    " data-n=3",
                    ' id="dup"',
                ]
            )
        )
    return "".join(out)


def _html(rng: random.Random, depth: int = 0) -> str:
    parts = []
    for _ in range(rng.randint(1, 6)):
        roll = rng.random()
        if roll < 0.3:
            parts.append(rng.choice(_WORDS))
        elif roll < 0.45 and depth < 4:
            level = rng.randint(1, 6)
            ident = rng.choice(['id="s1"', "id=s2", 'ID="S3"', "", 'id="a&amp;b"', 'id=""'])
            inner = rng.choice(_WORDS) + ('<a class="headerlink" href="#s">¶</a>' if rng.random() < 0.5 else "")
            parts.append(f"<h{level} {ident}{_attrs(rng)}>{inner}</h{level}>")
        elif roll < 0.55:
            parts.append(rng.choice(["<br>", "<br/>", "<br />", "<hr>", '<img src="x" alt="y">', "<wbr>", "<div/>", "<p/>"]))
        elif roll < 0.62:
            parts.append(rng.choice(["</div>", "</p>", "</li>", "</h2>", "</code>"]))  # unbalanced
        elif depth < 5:
            tag = rng.choice(_TAGS)
            parts.append(f"<{tag}{_attrs(rng)}>{_html(rng, depth + 1)}</{tag}>")
    return "".join(parts)


@pytest.mark.parametrize("seed", range(6))
def test_generated_html_gives_materials_sections(seed: int) -> None:
    rng = random.Random(seed)
    fast = 0
    for _ in range(400):
        html = _html(rng)
        try:
            search_sections._Sections().read(html)
            fast += 1
        except (search_sections._Unusual, ValueError):
            pass
        assert _ours(html) == _material(html), html
    assert fast > 280  # most generated HTML is read by the fast path (the rest: Material fails too)


@pytest.mark.parametrize(
    "html",
    [
        "<h1 id=a>Title</h1><!-- a comment --><p>text</p>",
        "<h2 id=b>T</h2><script>if (a < b) { document.write('<p>x</p>') }</script><p>after</p>",
        "<style>p > a { color: red }</style><p>styled</p>",
        "<p>a < b and c > d</p>",
        "<p>unfinished <b",
        "<!DOCTYPE html><p>x</p>",
        "<?xml version='1.0'?><p>x</p>",
        "<p a=b=c>odd attribute</p>",
        '<p class="a"b>glued attribute</p>',
        "<textarea><p>not a tag</p></textarea>",
    ],
)
def test_unusual_html_goes_to_materials_parser(html: str) -> None:
    with pytest.raises(search_sections._Unusual):
        search_sections._Sections().read(html)
    assert _ours(html) == _material(html)
