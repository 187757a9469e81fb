"""The built sample site in headless Chromium: what a labeler sees and does (SPEC.md section 3).

Each test opens a fresh browser context on the site served from 127.0.0.1 (see conftest.py).
Selectors are Material's own (`.md-select`, `.md-search__input`, `.md-search-result__*`), the
hooks labelbook's pages carry for this (`data-notice`, `data-example`, `.lb-content`, see
tooling/labelbook/site/), or the text the sample repository wrote.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

import pytest

try:
    from playwright.sync_api import expect
except ImportError:  # the fixtures in conftest.py skip these tests (or fail them under CI=true) with the reason
    expect = None

from .conftest import SCREENSHOTS, Sample, Tab, is_local, probe

BENGALI = "বাংলা"
NO_SUCH_FONT = "labelbook-e2e-no-such-font"


# --- helpers ----------------------------------------------------------------------------------


def visible_text(tab: Tab) -> str:
    """What a reader can see: innerText leaves out collapsed <details> and hidden elements."""
    return tab.page.evaluate("document.body.innerText")


def switch_language(tab: Tab, name: str) -> None:
    """Open Material's language selector in the header and pick a language by its name."""
    select = tab.page.locator(".md-header .md-select").filter(has=tab.page.locator(".md-select__link[hreflang]"))
    expect(select).to_have_count(1)
    select.locator("button").click()  # focus opens the list (:focus-within)
    link = select.get_by_role("link", name=name, exact=True)
    expect(link).to_be_visible()
    link.click()


def search(tab: Tab, query: str) -> None:
    box = tab.page.locator(".md-search__input")
    box.click()
    box.fill(query)
    box.press("End")  # Material reads the query on keyup; fill() alone sends no key events


def result_paths(tab: Tab) -> list[str]:
    links = tab.page.locator(".md-search-result__list .md-search-result__link")
    expect(links.first).to_be_visible()
    return [urlsplit(href).path for href in links.evaluate_all("els => els.map(e => e.href)")]


def first_with_text(tab: Tab, text: str) -> Any:
    found = tab.page.get_by_text(text, exact=False)
    expect(found.first).to_be_attached()
    return found.first


def precedes(a: Any, b: Any) -> bool:
    return a.evaluate("(a, b) => Boolean(a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING)", b.element_handle())


# --- language -------------------------------------------------------------------------------


@pytest.mark.parametrize("constant", ["RULE_CURRENT", "RULE_STALE", "RULE_MISSING"])
def test_language_selector_keeps_the_reader_on_the_same_rule(tab: Tab, sample: Sample, constant: str) -> None:
    rule = sample.rule(constant)
    tab.goto(rule.en_path)
    expect(tab.page.locator("html")).to_have_attribute("lang", re.compile(r"^en\b"))

    switch_language(tab, BENGALI)
    expect(tab.page).to_have_url(tab.base_url + rule.bn_path)
    expect(tab.page.locator("html")).to_have_attribute("lang", re.compile(r"^bn\b"))
    expect(tab.page.locator("article")).to_contain_text(rule.bn_title or rule.title)

    switch_language(tab, "English")
    expect(tab.page).to_have_url(tab.base_url + rule.en_path)
    expect(tab.page.locator("html")).to_have_attribute("lang", re.compile(r"^en\b"))
    expect(tab.page.locator("article")).to_contain_text(rule.title)


# --- search ---------------------------------------------------------------------------------


def test_bengali_word_finds_its_rule_in_the_bengali_site(tab: Tab, sample: Sample) -> None:
    word, rule = sample.bn_search_word()
    tab.goto("/bn/")
    search(tab, word)
    paths = result_paths(tab)
    assert rule.bn_path in paths, f"searching {word!r} on /bn/ found {paths}, not {rule.bn_path}"
    assert all(p.startswith("/bn/") for p in paths), f"the Bengali site's search returned pages of another language: {paths}"


def test_english_site_searches_english_pages_only(tab: Tab, sample: Sample) -> None:
    en_word, en_rule = sample.en_search_word()
    bn_word, _ = sample.bn_search_word()
    tab.goto("/")
    search(tab, en_word)
    paths = result_paths(tab)
    assert en_rule.en_path in paths, f"searching {en_word!r} on / found {paths}, not {en_rule.en_path}"
    assert not [p for p in paths if p.startswith("/bn/")], f"the English site's search returned Bengali pages: {paths}"

    # The index is loaded now (the query above answered), so "nothing" below is an answer, not a delay.
    search(tab, bn_word)
    expect(tab.page.locator(".md-search-result__meta")).to_have_text(re.compile("no matching", re.I))
    expect(tab.page.locator(".md-search-result__list .md-search-result__link")).to_have_count(0)


# --- sensitive examples ---------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "bn"])
def test_sensitive_example_stays_closed_until_the_reader_opens_it(tab: Tab, sample: Sample, lang: str) -> None:
    example = sample.example("EXAMPLE_SENSITIVE")
    assert example.sensitive
    content = example.content if lang == "en" else (example.bn_content or example.content)
    tab.goto(example.rule.en_path if lang == "en" else example.rule.bn_path)

    section = example_section(tab, example.id)
    shown = section.get_by_text(content, exact=False).first
    expect(shown).to_be_attached()
    expect(shown).to_be_hidden()
    assert content not in visible_text(tab)

    # What the reader sees instead is the content warning, the <summary> of the <details> holding it.
    warning = shown.locator("xpath=ancestor::details[1]/summary")
    expect(warning).to_be_visible()
    warning.click()

    expect(shown).to_be_visible()
    assert content in visible_text(tab)


# --- stale and missing translations ---------------------------------------------------------


def test_stale_bengali_rule_shows_the_current_english_first(tab: Tab, sample: Sample) -> None:
    rule = sample.rule("RULE_STALE", state="stale")
    assert rule.bn_body
    tab.goto(rule.bn_path)

    english = first_with_text(tab, probe(rule.body))
    outdated = first_with_text(tab, probe(rule.bn_body))
    warning = rule_notice(tab, "translation-stale")
    expect(warning).to_be_visible()
    expect(english).to_be_visible()
    expect(outdated).to_be_hidden()  # kept for reference, but collapsed: never shown as if it were current
    assert precedes(english, outdated), "the outdated Bengali comes before the authoritative English"
    assert precedes(warning, outdated), "the notice comes after the outdated Bengali"

    # The reader can still open the outdated Bengali on purpose.
    outdated.locator("xpath=ancestor::details[1]/summary").click()
    expect(outdated).to_be_visible()


def test_missing_bengali_rule_shows_the_english_with_a_notice(tab: Tab, sample: Sample) -> None:
    rule = sample.rule("RULE_MISSING", state="missing")
    tab.goto(rule.bn_path)
    expect(rule_notice(tab, "translation-missing")).to_be_visible()
    expect(first_with_text(tab, probe(rule.body))).to_be_visible()


def test_current_bengali_rule_has_no_translation_notice(tab: Tab, sample: Sample) -> None:
    """The notices above mean something only if a current translation shows none."""
    rule = sample.rule("RULE_CURRENT", state="current")
    assert rule.bn_body
    tab.goto(rule.bn_path)
    expect(first_with_text(tab, probe(rule.bn_body))).to_be_visible()
    expect(tab.page.locator(RULE_NOTICE)).to_have_count(0)


# The site's documented hooks (tooling/labelbook/site/markup.py): a notice is an admonition with
# data-notice="translation-stale|translation-missing"; the rule's own is outside any example.
RULE_NOTICE = 'article [data-notice^="translation-"]:not(.lb-example *)'


def rule_notice(tab: Tab, code: str) -> Any:
    found = tab.page.locator(f'article [data-notice="{code}"]:not(.lb-example *)')
    expect(found).to_have_count(1)
    return found


def example_section(tab: Tab, example_id: str) -> Any:
    found = tab.page.locator(f'article [data-example="{example_id}"]')
    expect(found).to_have_count(1)
    return found


# --- safety of the page ---------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "bn"])
def test_hostile_example_content_is_text_and_never_runs(tab: Tab, sample: Sample, lang: str) -> None:
    hostile = sample.module.HOSTILE_CONTENT
    assert "<script>alert(1)</script>" in hostile
    example = sample.example("EXAMPLE_HOSTILE")
    assert example.content == hostile and not example.sensitive
    tab.goto(example.rule.en_path if lang == "en" else example.rule.bn_path, wait_until="networkidle")

    assert hostile in visible_text(tab), "the quoted markup is not shown literally"
    # Every content block of the example (on /bn/ also the outdated translation's, which quotes
    # markup too) is text: no element inside but line breaks.
    blocks = example_section(tab, example.id).locator(".lb-content")
    expect(blocks.first).to_be_attached()
    texts = blocks.evaluate_all("els => els.map(e => e.textContent)")
    assert hostile in texts
    if lang == "bn" and example.bn_content:
        assert example.bn_content in texts, f"the outdated Bengali content is missing or interpreted: {texts}"
    elements = blocks.evaluate_all("els => els.flatMap(e => Array.from(e.querySelectorAll('*:not(br)'), c => c.outerHTML))")
    assert elements == [], f"example content became markup: {elements}"
    scripts = tab.page.locator("script").evaluate_all("els => els.map(e => e.textContent)")
    assert not [s for s in scripts if "alert(1)" in s], "the example's <script> became a script element"
    tab.page.wait_for_timeout(300)  # give anything injected a chance to run
    assert tab.dialogs == []


def test_no_request_leaves_127_0_0_1(tab: Tab, sample: Sample) -> None:
    rule = sample.rule("RULE_CURRENT")
    en_word, _ = sample.en_search_word()
    bn_word, _ = sample.bn_search_word()
    for path in ["/", f"/{rule.area}/", rule.en_path, "/bn/", f"/bn/{rule.area}/", rule.bn_path]:
        tab.goto(path, wait_until="networkidle")
        referenced = tab.page.evaluate(
            """() => Array.from(document.querySelectorAll(
                   'link[href], script[src], img[src], iframe[src], source[src], video[src], audio[src], object[data]'))
                 .map(e => e.href || e.src || e.data).filter(Boolean)"""
        )
        foreign = [u for u in referenced if not is_local(u)]
        assert foreign == [], f"{path} links resources from other hosts: {foreign}"
        search(tab, bn_word if path.startswith("/bn/") else en_word)  # loads the search worker and index
        result_paths(tab)
        tab.page.wait_for_load_state("networkidle")

    urls = [r.url for r in tab.requests]
    assert any("search_index.json" in u for u in urls), f"the search index request was not recorded: {urls}"
    assert any(r.resource_type == "font" for r in tab.requests), "no web font was requested"
    assert tab.foreign_requests() == [], "requests left 127.0.0.1"


def test_request_recorder_sees_other_hosts(tab: Tab) -> None:
    """The check above can fail: a request to another host is recorded (and aborted)."""
    tab.page.set_content('<img src="http://192.0.2.1/x.png"><link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">')
    tab.page.wait_for_load_state("load")
    assert "http://192.0.2.1/x.png" in tab.foreign_requests()
    assert any("fonts.googleapis.com" in u for u in tab.foreign_requests())


# --- Bengali glyphs ---------------------------------------------------------------------------

COVERS_BENGALI = """(face) => {
  const k = 0x0995;  // ক
  return face.unicodeRange.split(',').some(part => {
    const [lo, hi] = part.trim().replace(/^U\\+/i, '').split('-');
    if (lo.includes('?')) {
      return parseInt(lo.replace(/\\?/g, '0'), 16) <= k && k <= parseInt(lo.replace(/\\?/g, 'F'), 16);
    }
    return parseInt(lo, 16) <= k && k <= parseInt(hi || lo, 16);
  });
}"""


def test_bengali_renders_with_the_sites_own_font(bare_tab: Tab, sample: Sample, screenshot_dir: Any) -> None:
    """On a machine with no Bengali system font, Bengali still renders: the glyphs come from the site's font."""
    rule = sample.rule("RULE_CURRENT")
    word, _ = sample.bn_search_word()
    for lang, path in (("en", rule.en_path), ("bn", rule.bn_path)):
        bare_tab.goto(path, wait_until="networkidle")
        bare_tab.page.evaluate("document.fonts.ready.then(() => true)")
        shot = screenshot_dir / f"{rule.id}-{lang}.png"
        bare_tab.page.screenshot(path=str(shot), full_page=True)
        SCREENSHOTS.append(shot)
        print(f"screenshot ({lang}): {shot}")
    assert_bengali_drawn_by_web_font(bare_tab, word)


def assert_bengali_drawn_by_web_font(tab: Tab, word: str) -> None:
    # The font files came from this site.
    fonts = [r for r in tab.requests if r.resource_type == "font"]
    assert fonts, "the Bengali page requested no web font"
    assert all(is_local(r.url) for r in fonts), [r.url for r in fonts]
    loaded = [r.url for r in fonts if (resp := r.response()) is not None and resp.ok]
    assert loaded, f"no font file was served: {[r.url for r in fonts]}"

    # A loaded @font-face covers Bengali, and the browser reports it usable for Bengali text.
    faces = tab.page.evaluate(
        f"""() => Array.from(document.fonts)
              .filter(f => f.status === 'loaded' && ({COVERS_BENGALI})(f))
              .map(f => f.family.replace(/^["']|["']$/g, ''))"""
    )
    assert faces, "no loaded web font covers Bengali"
    assert tab.page.evaluate(f"document.fonts.check('16px \"{faces[0]}\"', '{BENGALI}')")

    # A Bengali word set in the page's own font, against the same word in a font that does not
    # exist: on this font-less machine the latter is drawn as .notdef boxes ("tofu").
    widths = tab.page.evaluate(
        """([word, missing]) => {
             const host = document.querySelector('article p') || document.querySelector('article');
             const make = (family) => {
               const s = document.createElement('span');
               s.textContent = word;
               if (family) s.style.fontFamily = family;
               s.setAttribute('data-e2e-probe', family ? 'tofu' : 'page');
               host.appendChild(s);
               return s.getBoundingClientRect().width;
             };
             return [make(null), make(missing)];
           }""",
        [word, NO_SUCH_FONT],
    )
    assert widths[0] > 0 and abs(widths[0] - widths[1]) > 1, f"Bengali in the page's font is as wide as tofu: {widths}"

    # Chromium says which fonts drew the glyphs: only web fonts for the page's Bengali; and the
    # machine itself has no Bengali font (else this check would prove nothing).
    cdp = tab.page.context.new_cdp_session(tab.page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]

    def platform_fonts(selector: str) -> list[dict[str, Any]]:
        node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
        return [f for f in cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"] if f["glyphCount"]]

    page_fonts = platform_fonts('[data-e2e-probe="page"]')
    assert page_fonts and all(f["isCustomFont"] for f in page_fonts), f"Bengali drawn with system fonts: {page_fonts}"
    tofu_fonts = platform_fonts('[data-e2e-probe="tofu"]')
    assert not any(f["isCustomFont"] or "bengali" in f["familyName"].lower() for f in tofu_fonts), (
        f"the bare-machine browser still has a Bengali font: {tofu_fonts}"
    )
