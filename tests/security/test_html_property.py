"""Properties of the one path of repository text to HTML, `labelbook.core.html`, and of the site.

Hypothesis draws known XSS vectors mixed with random text and random Unicode. The
sanitiser and the JSON-in-script serialiser are tested on them directly; then, for every
text field of a repository (titles, bodies, rationales, example content, hand-written
pages, the policy and every Bengali translation), the real CLI builds the site and every
page is parsed: it must hold no script, event attribute, dangerous URL or element that
the same page of a clean build lacks (test_html.violations).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from xml.etree import ElementTree as ET

import markdown
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from labelbook.core.html import escape, render_markdown, safe_url, sanitize, script_json

sys.path.insert(0, str(Path(__file__).parent))

from test_html import (  # noqa: F401
    FIELDS,
    HOSTILE,
    SCRIPT,
    VECTORS,
    build,
    clean_site,
    facts,
    hostile_texts,
    violations,
    write_repo,
)

# Text a parser can trip on: markup and Markdown syntax, Bengali with its joiners, and any
# character YAML and HTML can carry (no surrogates, no control characters: a file with
# those is refused by `labelbook check`, which the core tests cover).
NOISE = st.text(
    alphabet=st.one_of(
        st.sampled_from(list("<>&\"'`=/\\:;#*_[](){}!|~-. \u200c\u200d\u2028\u2029\u00a0")),
        st.characters(min_codepoint=0x0980, max_codepoint=0x09FF),
        st.characters(blacklist_categories=("Cs", "Cc")),
    ),
    max_size=12,
)
PIECES = st.one_of(st.sampled_from(VECTORS), NOISE, st.sampled_from(["javascript:", "on", "<!--", "-->", "</", "&#", "\\"]))
#: One field's text: vectors cut into and around by noise (no newline: titles are one line).
TEXT = st.lists(PIECES, min_size=1, max_size=5).map("".join)



def inert(fragment: str) -> list[str]:
    """What in an HTML fragment could run or reach past the page; [] when nothing."""
    got = facts(f"<html><body>{fragment}</body></html>")
    return got.bad + sorted(got.scripts) + sorted(got.reserved_ids) + sorted(t for t, n in got.counts.items() if n)


@settings(max_examples=300, deadline=None, database=None)
@given(html=TEXT)
def test_sanitized_html_runs_nothing_and_is_stable(html: str) -> None:
    clean = sanitize(html)
    assert inert(clean) == [] and sanitize(clean) == clean


@settings(max_examples=300, deadline=None, database=None)
@given(value=st.recursive(TEXT, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXT, inner, max_size=3), max_leaves=8))
def test_script_json_is_the_same_data_and_cannot_leave_its_element(value: object) -> None:
    payload = script_json({"v": value})
    assert not re.search("[<>&\u2028\u2029]", payload) and json.loads(payload) == {"v": value}


@settings(max_examples=15, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(fields=st.fixed_dictionaries({name: TEXT for name in FIELDS}), block=st.lists(TEXT, min_size=1, max_size=4))
def test_no_text_in_any_field_makes_the_site_run_script(
    fields: dict[str, str], block: list[str], clean_site: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    texts = hostile_texts(block="\n\n".join(block))
    for name, value in fields.items():
        if not name.endswith(("_body", "page")) and name != "site_name":
            texts[name] = f"T {value}"
    tmp = tmp_path_factory.mktemp("property")
    write_repo(tmp, texts)
    site = build(tmp / "repo", tmp / "site")
    assert violations(site, clean_site) == []


# -- examples of the one path ------------------------------------------------------------


def test_escape_and_script_json_leave_no_markup() -> None:
    assert escape("</title><b a=\"1\" c='2'>Q&A") == "&lt;/title&gt;&lt;b a=&quot;1&quot; c=&#x27;2&#x27;&gt;Q&amp;A"
    data = {"t": f"</script><!--<script>{SCRIPT}</script> & \u2028\u2029 বাংলা"}
    payload = script_json(data)
    assert not re.search("[<>&\u2028\u2029]", payload) and json.loads(payload) == data


@pytest.mark.parametrize("vector", VECTORS[:-1])  # the last one is legitimate text
def test_sanitize_leaves_nothing_that_runs(vector: str) -> None:
    raw = markdown.markdown(vector, extensions=["attr_list"])  # as MkDocs renders a body
    assert inert(raw) != []  # each vector is one: the check sees it
    assert inert(sanitize(raw)) == []


def test_sanitize_keeps_plain_formatting() -> None:
    kept = (
        '<h2 id="definition">Q&amp;A</h2><p><strong>b</strong> <em>i</em> <a href="../HS-002/#x" title="t">l</a> '
        '<a href="https://example.org/">e</a> <a href="mailto:a@example.org">m</a> <code>&lt;b&gt;</code></p>'
        '<img src="img/d.png" alt="d"><img src="data:image/png;base64,AA" alt="p"><table><tbody><tr>'
        '<td style="text-align:right">1</td></tr></tbody></table><details><summary>s</summary><p>d</p></details><del>x</del>'
    )
    assert sanitize(kept) == kept
    assert sanitize('<h2 id="__config" class="lb-notice note">x</h2>') == '<h2 class="note">x</h2>'
    row = "<table><tbody><tr><td{}>1</td></tr></tbody></table>"
    assert sanitize(row.format(' style="text-align: left; position: fixed"')) == row.format(' style="text-align:left"')
    assert sanitize('<img src="//tracker.invalid/x.png" alt="a">') == '<img alt="a">'


@pytest.mark.parametrize(
    ("url", "image", "kept"),
    [("../a/#b", False, True), ("https://x.org", False, True), ("mailto:a@b.c", False, True), ("#top", False, True),
     (" JaVa\tScRiPt:alert(1)", False, False), ("vbscript:x", False, False), ("data:text/html,x", False, False),
     ("&#106;avascript:x", False, False), ("data:image/png;base64,AA", False, False), ("data:image/png;base64,AA", True, True),
     ("img/x.png", True, True), ("https://x.org/i.png", True, False), ("\\\\x.org\\i.png", True, False)],
)  # fmt: skip
def test_safe_url(url: str, image: bool, kept: bool) -> None:
    assert (safe_url(url, image=image) == url) is kept


def test_render_markdown_is_markdown_then_sanitize() -> None:
    html = render_markdown(f"**b** <i>i</i> [x](javascript:{SCRIPT}) ![y](javascript:{SCRIPT}) <script>{SCRIPT}</script>")
    assert "<strong>b</strong>" in html and "<i>i</i>" in html and "javascript" not in html and "<script" not in html
    assert "&lt;i&gt;" in render_markdown("<i>i</i>", allow_html=False)
    assert 'href="../HS-002/#x"' in render_markdown("[r](HS-002.md#x)", link=lambda p: "../HS-002/")


def test_xhtml_is_well_formed_whatever_the_markdown() -> None:
    source = f"a\u00a0b &nbsp; <br> x\x01y\n\n![i](i.png)\n\n---\n\n| a |\n|---|\n| b |\n\n{HOSTILE}"
    for allow_html in (True, False):
        xhtml = render_markdown(source, allow_html=allow_html, xhtml=True)
        root = ET.fromstring(f"<div>{xhtml}</div>")
        assert "script" not in {el.tag for el in root.iter()} and "&nbsp;" not in xhtml


def test_no_class_makes_material_fetch_a_script_from_another_host() -> None:
    # Material loads mermaid.js from a CDN for any element of class "mermaid".
    from labelbook.core.html import sanitize

    cleaned = sanitize('<div class="mermaid note">graph TD</div><pre class="MERMAID">a</pre>')
    assert "mermaid" not in cleaned.lower().replace("graph td", "")
    assert 'class="note"' in cleaned
