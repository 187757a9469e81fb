"""No English UI on any Bengali page of a versioned site, and Bengali set for Bengali (SPEC §3, issue 15).

`labelbook build --versions` of a real git repository with real tags (bengali_repo.py):
every Bengali page of every version, the 404 pages included, is opened in Chromium, and
every text and every attribute a reader or a screen reader meets is read. Latin letters
or ASCII digits may be left only where the repository's own English is shown: inside an
element marked `lang="en"` (the fallback passages, the language selector's "English", the
product name in the footer), the ids of rules and examples, and the English titles and
headings of rules without a current translation where Material's navigation and table of
contents show them. The "What changed" page quotes the repository's English too.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from labelbook.core.i18n import Translator
from labelbook.site.configure import BANNERS

from .bengali_repo import RULES, english_titles, write_release_repo
from .browser import Tab, open_tab, served
from .conftest import labelbook

VERSIONS = ("dev", "1.1.0", "1.0.0", "latest")
IDENTIFIER = re.compile(r"\b[A-Z]{2,5}-\d{3}(?:-E\d{2,})?\b|\bv\d+\.\d+\.\d+\b")  # rule and example ids, release tags
ASCII = re.compile(r"[A-Za-z0-9]+")

COLLECT = """() => {
  const out = [];
  const skip = el => !el || el.closest('script, style, noscript, template') || el.matches(':lang(en)');
  const where = (el, kind) => el.tagName.toLowerCase() + (typeof el.className === 'string' && el.className.trim()
    ? '.' + el.className.trim().split(/\\s+/).join('.') : '') + kind;
  const walker = document.createTreeWalker(document.documentElement, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (n.data.trim() && !skip(n.parentElement)) out.push([where(n.parentElement, ''), n.data, !!n.parentElement.closest('article')]);
  }
  for (const el of document.querySelectorAll('*')) {
    if (skip(el)) continue;
    for (const name of ['title', 'aria-label', 'placeholder', 'alt']) {
      const value = el.getAttribute(name);
      if (value && value.trim()) out.push([where(el, '@' + name), value, !!el.closest('article')]);
    }
  }
  return out;
}"""

TYPOGRAPHY = """() => {
  const bad = [];
  for (const ol of document.querySelectorAll('article ol')) {
    const style = getComputedStyle(ol).listStyleType;
    if (!ol.matches(':lang(en)') && style !== 'bengali') bad.push('list numbered ' + style);
  }
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!n.data.trim() || !el || !el.getClientRects().length || el.closest('script, style')) continue;
    const css = getComputedStyle(el);
    if (css.visibility !== 'visible') continue;
    const size = parseFloat(css.fontSize);
    if (size < 13) bad.push(`${size}px: ${el.tagName.toLowerCase()}.${el.className} ${n.data.trim().slice(0, 30)}`);
  }
  for (const p of document.querySelectorAll('article p:lang(bn)')) {
    if (!p.getClientRects().length || !p.textContent.trim() || p.closest('.admonition, details, table, .lb-example')) continue;
    const css = getComputedStyle(p);
    const size = parseFloat(css.fontSize), height = parseFloat(css.lineHeight);
    if (size < 15 || height / size < 1.5) bad.push(`body text ${size}px / ${height}px: ${p.textContent.trim().slice(0, 30)}`);
  }
  return bad;
}"""


@pytest.fixture(scope="module")
def versions_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("bengali-versions")
    repo = write_release_repo(base / "repo")
    proc = labelbook("build", "--versions", "-d", str(base / "site"), cwd=repo)
    assert proc.returncode == 0, proc.stderr
    return base / "site"


@pytest.fixture(scope="module")
def versions_url(versions_site: Path) -> Iterator[str]:
    with served(versions_site) as url:
        yield url


@pytest.fixture
def vtab(chromium: Any, versions_url: str) -> Iterator[Tab]:
    with open_tab(chromium, versions_url) as tab:
        yield tab


def _repository_english(site: Path) -> tuple[list[str], set[str]]:
    """(phrases Material's navigation may show, longest first; every Latin word of the English files)."""
    repo = site.parent / "repo"
    # The rules without a current translation in some version: the releases' and the working tree's.
    status = labelbook("translations", "status", "-C", str(repo), "--lang", "bn", "--format", "json")
    untranslated = {u["id"] for u in json.loads(status.stdout)["units"] if u["kind"] == "rule" and u["state"] != "current"}
    untranslated |= {r.id for r in RULES if r.title in english_titles()}
    phrases: set[str] = set()
    for rule in (r for r in RULES if r.id in untranslated):
        phrases |= {rule.title, f"{rule.id} · {rule.title}"}
        phrases |= {line[3:].strip() for line in rule.body.splitlines() if line.startswith("## ")}
    words: set[str] = set()
    for path in list((repo / "guidelines").rglob("*.md")) + list((repo / "examples").rglob("*.yaml")):
        if ".bn." not in path.name:
            words |= set(ASCII.findall(path.read_text(encoding="utf-8")))
    return sorted(phrases, key=len, reverse=True), words


def _bengali_pages(site: Path) -> list[str]:
    pages = []
    for version in VERSIONS:
        for html in sorted((site / version / "bn").rglob("*.html")):
            rel = html.relative_to(site).as_posix()
            pages.append("/" + (rel.removesuffix("index.html")))
    return pages


def test_no_english_ui_on_any_bengali_page_of_any_version(vtab: Tab, versions_site: Path) -> None:
    phrases, english_words = _repository_english(versions_site)
    pages = _bengali_pages(versions_site)
    assert len(pages) >= 4 * 12 and all(f"/{v}/bn/404.html" in pages for v in VERSIONS)
    left: dict[tuple[str, str], list[str]] = {}
    for path in pages:
        vtab.goto(path)
        if not path.endswith("404.html"):
            vtab.page.wait_for_selector(".md-header__topic .md-version", state="attached")  # versions.js drew it
        assert vtab.page.evaluate("document.documentElement.lang") == "bn"
        for where, text, in_article in vtab.page.evaluate(COLLECT):
            rest = IDENTIFIER.sub(" ", text)
            for phrase in phrases:
                rest = rest.replace(phrase, " ")
            words = [w for w in ASCII.findall(rest) if w != "999"]  # the Bengali wellbeing page writes 999 so
            if in_article and path.rstrip("/").endswith("/changes"):
                words = [w for w in words if w not in english_words]  # the changelog quotes the English
            if words:
                left.setdefault((where, " ".join(text.split())[:80]), []).append(path)
    assert not left, "English UI on Bengali pages:\n" + "\n".join(f"{w}: {t!r} on {p[0]} (+{len(p) - 1})" for (w, t), p in sorted(left.items()))
    assert vtab.errors == [] and vtab.foreign == []


def test_bengali_is_set_for_bengali_on_every_page(vtab: Tab, versions_site: Path) -> None:
    problems = []
    for path in _bengali_pages(versions_site):
        if path.endswith("404.html"):
            continue  # styled from the server's root (MkDocs' 404 pages), not from this folder
        vtab.goto(path)
        vtab.page.evaluate("document.fonts.ready.then(() => true)")
        problems += [f"{path}: {p}" for p in vtab.page.evaluate(TYPOGRAPHY)]
    assert not problems, "\n".join(problems)
    vtab.goto("/dev/bn/people/PA-001/")
    assert vtab.page.eval_on_selector("article ol", "ol => getComputedStyle(ol).listStyleType") == "bengali"


@pytest.mark.parametrize(("version", "shown"), [("dev", "draft"), ("1.0.0", "older"), ("1.1.0", None), ("latest", None)])
def test_each_version_says_what_it_is(vtab: Tab, version: str, shown: str | None) -> None:
    vtab.goto(f"/{version}/bn/people/PA-001/")
    vtab.page.wait_for_selector(".md-header__topic .md-version", state="attached")
    banner = vtab.page.locator("[data-md-component=outdated]")
    if shown is None:
        assert banner.is_hidden()
        return
    banner.wait_for(state="visible")
    t = Translator("bn")
    text, link = (t._(s) for s in BANNERS[shown])
    assert " ".join(banner.inner_text().split()) == f"{text} {link}"


def test_the_version_picker_shows_bengali_names_and_keeps_the_urls(vtab: Tab) -> None:
    vtab.goto("/1.0.0/bn/people/PA-001/")
    current = vtab.page.locator(".md-version__current")
    current.wait_for()
    assert current.inner_text().strip() == "১.০.০"
    links = vtab.page.eval_on_selector_all(
        ".md-version__link",
        "els => els.map(a => [a.firstChild.textContent, (a.querySelector('.md-version__alias') || {}).textContent || '', new URL(a.href).pathname])",
    )
    assert links == [
        ["খসড়া", "", "/dev/bn/people/PA-001/"],
        ["১.১.০", "সর্বশেষ", "/1.1.0/bn/people/PA-001/"],
        ["১.০.০", "", "/1.0.0/bn/people/PA-001/"],
    ]


def test_search_messages_and_the_footer_are_bengali(vtab: Tab) -> None:
    vtab.goto("/latest/bn/")
    vtab.search("অবমাননাকর")
    assert vtab.page.locator(".md-search-result__meta").inner_text().strip() == "মিলে যাওয়া ১টি পাতা"
    footer = vtab.page.locator(".md-copyright")
    assert " ".join(footer.inner_text().split()) == "Material for MkDocs দিয়ে তৈরি"
    assert footer.locator("a").get_attribute("lang") == "en"


@pytest.mark.parametrize(("page", "state"), [("people/PA-003", "missing"), ("graphic/GC-002", "stale")])
def test_english_shown_on_a_bengali_page_is_marked_english(vtab: Tab, page: str, state: str) -> None:
    vtab.goto(f"/latest/bn/{page}/")
    rule = next(r for r in RULES if page.endswith(r.id))
    assert vtab.page.eval_on_selector("article h1", "h => h.lang") == "en"
    passage = vtab.page.locator("article .lb-lang[lang=en]")
    assert passage.count() == 1 and rule.body.splitlines()[1] in passage.inner_text()
    assert vtab.page.locator(f"article [data-notice=translation-{state}]").count() == 1
    if state == "stale":  # the outdated Bengali after it is Bengali
        assert vtab.page.eval_on_selector("article details.lb-stale-translation", "d => d.lang") == "bn"
    # Where other pages name the rule by its English title, the link is marked English too.
    vtab.goto("/latest/bn/decisions/")
    assert vtab.page.eval_on_selector(f"article a.lb-rule-link[data-rule='{rule.id}']", "a => a.lang") == "en"
    vtab.goto(f"/latest/bn/{rule.area}/")
    assert vtab.page.eval_on_selector(f"article tr[data-rule='{rule.id}'] td:nth-child(2) a", "a => a.lang") == "en"
    current = next(r for r in RULES if r.area == rule.area and r.bn_body and not r.stale)
    assert vtab.page.eval_on_selector(f"article tr[data-rule='{current.id}'] td:nth-child(2) a", "a => a.lang") == ""
