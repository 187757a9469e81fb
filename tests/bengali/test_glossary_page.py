"""The terminology glossary on the decisions page of both languages (issue 15, Deliver 4).

`locales/bn/glossary.yaml` of the repository (stale_repo.py) becomes a table: the English
term, the Bengali term to use, the variants not to use and the note, each cell marked with
its language; whatever a note quotes is shown as text. A repository without a glossary has
no such section (the Bengali test repository of conftest.py has none).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import lxml.html
import pytest
from labelbook.core.i18n import Translator

from .stale_repo import GLOSSARY, SCRIPT_NOTE, built_site


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built_site(tmp_path_factory.mktemp("glossary"))


def decisions(site: Path, lang: str) -> tuple[str, Any]:
    html = (site / ("bn/" if lang == "bn" else "") / "decisions/index.html").read_text(encoding="utf-8")
    return html, lxml.html.fromstring(html)


def rows(doc: Any) -> list[list[tuple[str, str | None]]]:
    """Each row of the glossary table: (text, lang) of its cells."""
    return [[(td.text_content(), td.get("lang")) for td in tr.xpath("./td")] for tr in doc.xpath("//div[@id='lb-glossary-bn']//tbody/tr")]


@pytest.mark.parametrize("lang", ["en", "bn"])
def test_the_decisions_page_shows_the_glossary(site: Path, lang: str) -> None:
    t = Translator(lang)
    html, doc = decisions(site, lang)
    [heading] = doc.xpath("//article//h2[@id='glossary']")
    assert heading.text_content().strip() == t._("Glossary")
    # The table of contents links it, with the same anchor in both languages.
    assert doc.xpath("//nav[contains(@class, 'md-nav--secondary')]//a[@href='#glossary']")
    names = {"source": "ইংরেজি" if lang == "bn" else "English", "language": "বাংলা" if lang == "bn" else "Bengali"}
    head = [th.text_content() for th in doc.xpath("//div[@id='lb-glossary-bn']//thead//th")]
    assert head == [t._("{source} term").format(**names), t._("{language} term to use").format(**names), t._("Variants not to use"), t._("Usage note")]
    # Each cell in its own language: on the Bengali page the English term and the note
    # (written for translators in English) are marked English; on the English page the Bengali.
    en, bn = ("en", None) if lang == "bn" else (None, "bn")
    assert rows(doc) == [
        [(term["en"], en), (term["bn"], bn), (", ".join(term["avoid"]), bn), (term["note"], en)] for term in GLOSSARY["terms"]
    ]
    # What the note quotes is shown as text, never run.
    assert rows(doc)[0][3][0] == SCRIPT_NOTE
    assert "<script>alert" not in html and "&lt;script&gt;alert(&#x27;glossary&#x27;)&lt;/script&gt; &amp; শাসানি" in html
    assert doc.xpath("//div[@id='lb-glossary-bn']")[0].xpath("preceding-sibling::h2[1]")[0] is heading


def test_bengali_headers_are_bengali(site: Path) -> None:
    _, doc = decisions(site, "bn")
    head = [th.text_content() for th in doc.xpath("//div[@id='lb-glossary-bn']//thead//th")]
    assert head == ["ইংরেজি শব্দ", "যে বাংলা শব্দ ব্যবহার করবেন", "যেসব শব্দ ব্যবহার করবেন না", "ব্যবহারের টীকা"]


def test_without_a_glossary_there_is_no_section(bn_site: Path) -> None:
    for lang in ("", "bn/"):
        html = (bn_site / lang / "decisions/index.html").read_text(encoding="utf-8")
        assert 'id="glossary"' not in html and "lb-glossary" not in html
        assert 'id="decision-remove"' in html  # the page itself is there
