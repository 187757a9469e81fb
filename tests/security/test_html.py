"""A hostile pull request cannot run script on the site (SPEC.md §3, "Trust").

The sample repository of the site tests gets payloads in every text a pull request can
change (titles, bodies, rationales, hand-written pages, translations, mkdocs.yml's
site_name); the real CLI builds it, and every page is parsed and compared with the build
of the clean sample: only the scripts a clean build has, no event attribute, no
`javascript:` URL, no element that a clean build lacks. The helpers here are shared with
test_html_property.py (which also tests `labelbook.core.html` on its own) and
test_hostile_site_browser.py.
"""

from __future__ import annotations

import collections
import importlib.util
import json
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import lxml.html
import pytest
import yaml
from labelbook.cli import main
from labelbook.core.html import sanitize
from labelbook.core.model import fingerprint

from tests.versions.gitrepo import run_git

SAMPLE_REPO = Path(__file__).resolve().parents[1] / "site" / "sample_repo.py"
#: What every payload runs: a marker the browser test looks for, and a dialog.
SCRIPT = "window.__pwned=1;alert(1)"
VECTORS = (
    f'<img src=x onerror="{SCRIPT}">',
    f"</title><script>{SCRIPT}</script>",
    f'"><svg onload="{SCRIPT}">',
    f"'><iframe src=\"javascript:{SCRIPT}\"></iframe>",
    f'<a href="javascript:{SCRIPT}">html-link</a> <a href="&#106;ava&#x09;script:{SCRIPT}">entity-link</a>',
    f"[md-link](javascript:{SCRIPT}) ![md-img](javascript:{SCRIPT}) <javascript:{SCRIPT}>",
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data-link</a> <img src="https://tracker.invalid/x.png">',
    f'<details open ontoggle="{SCRIPT}"><summary>s</summary></details>',
    '**attr-list**{: onclick="' + SCRIPT + '" #__config }',
    f"<style>body{{display:none}}</style><form action=\"javascript:{SCRIPT}\"><button>go</button></form>",
    f'<object data="data:text/html,x"></object><embed src=x><base href="javascript:/"><meta http-equiv="refresh" content="0;url=javascript:{SCRIPT}">',
    f'<math><mtext><table><mglyph><style><img src=x onerror="{SCRIPT}">',
    f'<noscript><p title="</noscript><img src=x onerror={SCRIPT}>">',
    "Q&A a < b `code` \u2028 \u2029 <!--",
)
HOSTILE = " ".join(VECTORS)
SITE_NAME = "Q&A 'labeling' guidelines &amp; more"
FIELDS = (
    "site_name", "policy_title", "decision_title", "decision_description", "area_title", "area_description",
    "bn_policy_title", "bn_decision_title", "bn_area_title", "bn_area_description",
    "rule_title", "rule_body", "bn_rule_title", "bn_rule_body", "stale_title", "stale_body",
    "content", "rationale", "bn_content", "bn_rationale", "stale_content", "stale_rationale",
    "page", "bn_page", "untranslated_page",
)  # fmt: skip


def hostile_texts(inline: str = HOSTILE, block: str = "\n\n".join(VECTORS) + "\n\n" + HOSTILE) -> dict[str, str]:
    """`inline` in every title and example field; `block` after legitimate Markdown in every body and page."""
    texts = {name: f"T {inline}" for name in FIELDS}
    # `labelbook check` refuses markup in mkdocs.yml (mkdocs-unsafe): what is left must show as written.
    texts["site_name"] = SITE_NAME
    for name in ("rule_body", "bn_rule_body", "stale_body", "page", "bn_page", "untranslated_page"):
        texts[name] = f"{legit_body('' if 'body' in name else 'hate-speech/')}\n{block}\n"
    # Front matter of a hand-written page is not the page's metadata: it must not reach <title> or <meta>.
    texts["page"] = f"---\ntitle: {json.dumps(inline)}\ndescription: {json.dumps(inline)}\n---\n# Introduction\n\n" + texts["page"]
    return texts


def legit_body(folder: str = "") -> str:
    """Markdown that must keep working (`folder`: from the page to hate-speech/)."""
    return (
        f"## Definition\n\nQ&A: a < b, **bold words**, <strong>kept-formatting</strong>, see [the caption rule]({folder}HS-002.md).\n\n"
        f"| term | meaning |\n|:--|--:|\n| tbl-cell | 1 |\n\n![diagram]({folder}img/diagram.png) ![dot](data:image/png;base64,iVBORw0KGgo=)\n"
    )


def sample_module():
    spec = importlib.util.spec_from_file_location("labelbook_tests_site_sample_repo", SAMPLE_REPO)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _yaml(data: object) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1_000_000)


def write_repo(tmp: Path, texts: dict[str, str]) -> Path:
    """The sample repository of the site tests with `texts` (keys: FIELDS) in its files."""
    sample = sample_module()
    root = sample.write_site_repo(tmp)
    t = texts

    def put(rel: str, text: str) -> None:
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")

    def rule(meta: dict, body: str) -> str:
        return f"---\n{_yaml(meta)}---\n{body}"

    put("mkdocs.yml", sample.MKDOCS_YML.replace("site_name: Sample labeling guidelines", f"site_name: {json.dumps(t['site_name'])}"))
    policy = yaml.safe_load(sample.POLICY)
    policy["title"] = t["policy_title"]
    policy["decisions"][0].update(title=t["decision_title"], description=t["decision_description"])
    policy["areas"][0].update(title=t["area_title"], description=t["area_description"])
    put("guidelines/policy.yaml", _yaml(policy))
    policy_bn = yaml.safe_load(sample.POLICY_BN)
    policy_bn["title"] = t["bn_policy_title"]
    policy_bn["decisions"]["remove"]["title"] = t["bn_decision_title"]
    policy_bn["areas"]["hate-speech"].update(title=t["bn_area_title"], description=t["bn_area_description"])
    put("guidelines/policy.bn.yaml", _yaml(policy_bn))
    meta = {"id": "HS-001", "area": "hate-speech", "title": t["rule_title"], "decision": "remove", "severity": "high", "related": ["HS-002", "BU-001"]}
    put("guidelines/hate-speech/HS-001.md", rule(meta, t["rule_body"]))
    put("guidelines/hate-speech/HS-001.bn.md", rule({"title": t["bn_rule_title"], "source": fingerprint(t["rule_title"], t["rule_body"])}, t["bn_rule_body"]))
    put("guidelines/bullying/BU-001.bn.md", rule({"title": t["stale_title"], "source": "aaaaaaaaaaaa"}, t["stale_body"]))
    (root / "guidelines/hate-speech/img").mkdir()
    (root / "guidelines/hate-speech/img/diagram.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    put("guidelines/introduction.md", t["page"])
    put("guidelines/introduction.bn.md", t["bn_page"])
    put("guidelines/wellbeing.md", t["untranslated_page"])
    examples = yaml.safe_load((root / "examples/hate-speech/HS-001.yaml").read_text(encoding="utf-8"))
    for ex in examples["examples"]:
        ex.update(content=t["content"], rationale=t["rationale"])
    put("examples/hate-speech/HS-001.yaml", _yaml(examples))
    bn = {"rule": "HS-001", "examples": {
        "HS-001-E01": {"source": fingerprint(t["content"], t["rationale"]), "content": t["bn_content"], "rationale": t["bn_rationale"]},
        "HS-001-E02": {"source": "bbbbbbbbbbbb", "content": t["stale_content"], "rationale": t["stale_rationale"]},
    }}  # fmt: skip
    put("examples/hate-speech/HS-001.bn.yaml", _yaml(bn))
    return root


def build(root: Path, site: Path) -> Path:
    code = main(["build", "-q", "-C", str(root), "-d", str(site)])
    assert code == 0, f"labelbook build exited with {code}"
    return site


# -- what a page may hold --------------------------------------------------------------

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster", "data", "background", "cite", "ping", "srcset", "lowsrc", "codebase"}
#: Elements a hostile page may not have more of than the clean page.
COUNTED = ("script", "style", "link", "meta", "base", "iframe", "frame", "object", "embed", "applet", "form", "input",
           "button", "textarea", "select", "svg", "math", "template", "noscript", "portal")  # fmt: skip


@dataclass
class Facts:
    scripts: set[str] = field(default_factory=set)  # executable: src, or the inline code
    data_scripts: set[str] = field(default_factory=set)  # ids of <script type="application/json">
    counts: collections.Counter = field(default_factory=collections.Counter)
    reserved_ids: set[str] = field(default_factory=set)  # ids that scripts look up: __config, lb-...
    bad: list[str] = field(default_factory=list)


def dangerous_url(tag: str, attr: str, value: str) -> bool:
    bare = re.sub(r"[\x00-\x20\x7f]+", "", value).lower()
    if tag == "img" and attr == "src" and bare.startswith("data:image/"):
        return False
    return bare.startswith(("javascript:", "vbscript:", "data:")) or (attr == "srcset")


def facts(html: str) -> Facts:
    out = Facts()
    for el in lxml.html.document_fromstring(html).iter():
        if not isinstance(el.tag, str):
            continue
        tag = el.tag.lower()
        out.counts[tag] += tag in COUNTED
        if tag == "script":
            if (el.get("type") or "").lower() == "application/json":
                json.loads(el.text or "null")  # must be data, whole
                out.data_scripts.add(el.get("id") or "")
            else:
                out.scripts.add(el.get("src") or (el.text or "").strip())
        if re.match(r"(?:_|lb-)", el.get("id") or ""):
            out.reserved_ids.add(el.get("id"))
        for name, value in el.attrib.items():
            if name.lower().startswith("on") or (name.lower() in URL_ATTRIBUTES and dangerous_url(tag, name.lower(), value)):
                out.bad.append(f"<{tag} {name}={value!r}>")
    return out


def violations(site: Path, clean: Path) -> list[str]:
    """Everything on the pages of `site` that the same page of the clean build does not allow."""
    problems = []
    pages = sorted(site.rglob("*.html"))
    assert pages and {p.relative_to(site) for p in pages} == {p.relative_to(clean) for p in clean.rglob("*.html")}
    for page in pages:
        rel = page.relative_to(site)
        got, ok = facts(page.read_text(encoding="utf-8")), facts((clean / rel).read_text(encoding="utf-8"))
        problems += [f"{rel}: {b}" for b in got.bad]
        problems += [f"{rel}: script not in a clean build: {s[:120]!r}" for s in got.scripts - ok.scripts]
        problems += [f"{rel}: data script not in a clean build: {s!r}" for s in got.data_scripts - ok.data_scripts]
        problems += [f"{rel}: id {i!r} not in a clean build" for i in got.reserved_ids - ok.reserved_ids]
        problems += [f"{rel}: {n} <{t}> (clean: {ok.counts[t]})" for t, n in got.counts.items() if n > ok.counts[t]]
    for index in site.rglob("search_index.json"):
        for doc in json.loads(index.read_text(encoding="utf-8"))["docs"]:
            for key in ("title", "text"):
                for el in lxml.html.fragment_fromstring(doc[key] or "", create_parent="div").iter():
                    if el.tag not in ("div", "p", "code", "pre", "li", "ol", "ul", "sub", "sup") or el.attrib:
                        problems.append(f"{index.relative_to(site)}: {doc['location']}: <{el.tag} {dict(el.attrib)}> in {key}")
    return problems


@pytest.fixture(scope="session")
def clean_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # Shared by the modules of this folder through the folder, not a fixture instance.
    site = tmp_path_factory.getbasetemp() / "security-clean" / "site"
    if not site.is_dir():
        build(sample_module().write_site_repo(site.parent), site)
    return site


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample released as v1.0.0, then a pull request with every payload: "What changed" quotes it."""
    tmp = tmp_path_factory.mktemp("hostile")
    root = sample_module().write_site_repo(tmp)
    run_git("init", "-q", "-b", "main", cwd=root)
    run_git("add", "-A", cwd=root)
    run_git("commit", "-qm", "release", cwd=root)
    run_git("tag", "-a", "v1.0.0", "-m", "1.0.0", cwd=root)
    write_repo(tmp, hostile_texts())
    return build(root, tmp / "site")


def doc(site: Path, path: str) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring((site / path / "index.html").read_text(encoding="utf-8"))


def texts_of(tree: lxml.html.HtmlElement, xpath: str) -> list[str]:
    return [" ".join(el.text_content().split()) for el in tree.xpath(xpath)]


# -- the site built from a hostile pull request ------------------------------------------


def test_the_checker_sees_a_script_that_was_not_there(clean_site: Path, tmp_path: Path) -> None:
    copy = tmp_path / "site"
    shutil.copytree(clean_site, copy)
    page = copy / "hate-speech/HS-001/index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("</article>", f'<img src=x onerror="{SCRIPT}"><script>{SCRIPT}</script></article>'), encoding="utf-8")
    found = violations(copy, clean_site)
    assert any("onerror" in v for v in found) and any("script not in a clean build" in v for v in found), found


def test_hostile_site_runs_only_labelbook_and_material_scripts(hostile_site: Path, clean_site: Path) -> None:
    assert violations(hostile_site, clean_site) == []


@pytest.mark.parametrize("prefix", ["", "bn/"])
def test_titles_are_text_once_in_headings_navigation_header_and_title(hostile_site: Path, prefix: str) -> None:
    payload = f"T {HOSTILE}"
    one_line = " ".join(payload.split())
    page = doc(hostile_site, prefix + "hate-speech/HS-001")
    # Rule, area and decision titles (and their Bengali translations) as written, not as markup
    # and not escaped twice: the parsed text equals the repository text.
    assert texts_of(page, "//title")[0].startswith(f"HS-001 · {one_line}")
    assert f"HS-001 · {one_line}" in texts_of(page, "//article//h1")
    nav = texts_of(page, '//nav[contains(@class, "md-nav--primary")]//a')
    assert f"HS-001 · {one_line}" in nav and one_line in texts_of(page, '//nav[contains(@class, "md-nav--primary")]//label')
    assert one_line in texts_of(page, '//a[@data-decision="remove"]')
    header = texts_of(page, '//*[contains(@class, "md-header__topic")]')
    home = doc(hostile_site, prefix)
    assert header[0] == (SITE_NAME if not prefix else one_line)  # site_name: the translated policy title on bn/
    assert texts_of(home, "//article//h1") == [one_line]  # the policy title
    assert one_line in texts_of(doc(hostile_site, prefix + "hate-speech"), "//article//h1")  # the area title
    assert f"HS-001 · {one_line}" in texts_of(doc(hostile_site, prefix + "hate-speech"), "//nav//a")


@pytest.mark.parametrize(("path", "where"), [
    ("hate-speech/HS-001", "//article"),  # rule body
    ("bn/hate-speech/HS-001", "//article"),  # current Bengali body
    ("bn/bullying/BU-001", '//details[contains(@class, "lb-stale-translation")]'),  # stale Bengali body
    ("introduction", "//article"),  # hand-written page
    ("bn/introduction", "//article"),  # its translation
    ("bn/wellbeing", "//article"),  # an untranslated page: English with a notice
])  # fmt: skip
def test_raw_html_in_bodies_and_pages_keeps_formatting_and_runs_nothing(hostile_site: Path, path: str, where: str) -> None:
    part = doc(hostile_site, path).xpath(where)[0]
    # Legitimate Markdown and plain formatting HTML still work: text, emphasis, tables.
    assert "Q&A: a < b, bold words, kept-formatting" in " ".join(part.text_content().split())
    assert part.xpath('.//strong[text()="bold words"]') and part.xpath('.//strong[text()="kept-formatting"]')
    assert part.xpath('.//td[text()="tbl-cell"]')
    assert not part.xpath(".//script | .//iframe | .//svg | .//math | .//style | .//form | .//object | .//embed | .//base | .//meta")
    assert not [a for el in part.iter() for a in el.attrib if a.startswith("on")]
    assert not part.xpath('.//*[@id="__config"]')  # an id only Material's configuration has


def test_javascript_links_are_dead_text_and_safe_links_live(hostile_site: Path) -> None:
    for path in ("hate-speech/HS-001", "bn/bullying/BU-001", "introduction"):
        page = doc(hostile_site, path)
        for label in ("md-link", "html-link", "entity-link", "data-link"):
            links = page.xpath(f'//article//a[text()="{label}"]')
            assert links and all(a.get("href") is None for a in links), (path, label)
        assert page.xpath('//article//a[text()="the caption rule"]/@href')[0].endswith("HS-002/")
    rule = doc(hostile_site, "hate-speech/HS-001")
    assert rule.xpath('//article//img[@alt="diagram"]/@src') == ["../img/diagram.png"]
    assert rule.xpath('//article//img[@alt="dot"]/@src')[0].startswith("data:image/png")
    assert not rule.xpath('//img[contains(@src, "tracker.invalid")]')  # no request to another host


def test_example_content_and_rationale_are_shown_as_text(hostile_site: Path) -> None:
    page = doc(hostile_site, "hate-speech/HS-001")
    contents = texts_of(page, '//div[contains(@class, "lb-content")]')
    assert contents and all(c == " ".join(f"T {HOSTILE}".split()) for c in contents)
    assert not page.xpath('//div[contains(@class, "lb-rationale")]//a[@href]')


def test_front_matter_of_a_hand_written_page_is_not_metadata(hostile_site: Path) -> None:
    page = doc(hostile_site, "introduction")
    assert texts_of(page, "//title") == [f"Introduction - {SITE_NAME}"]
    assert not page.xpath('//meta[@name="description" and contains(@content, "pwned")]')


def test_practice_data_and_search_index_are_inert(hostile_site: Path) -> None:
    for prefix in ("", "bn/"):
        page = doc(hostile_site, prefix + "practice")
        data = json.loads(page.xpath('//script[@id="lb-practice-data"]')[0].text)
        assert {i["content"] for i in data["items"] if i["id"].startswith("HS-001")} == {f"T {HOSTILE}"}
        for item in data["items"]:
            shown = facts(f"<html><body>{item['rationale_html']}</body></html>")
            assert shown.bad == [] and not shown.scripts and sanitize(item["rationale_html"]) == item["rationale_html"]
        index = json.loads((hostile_site / prefix / "search/search_index.json").read_text(encoding="utf-8"))
        assert any("&lt;img src=x onerror" in d["text"] for d in index["docs"])  # searchable, as text


def test_what_changed_quotes_the_pull_request_as_text(hostile_site: Path) -> None:
    page = doc(hostile_site, "changes")
    changed = " ".join(texts_of(page, "//article//li"))
    assert "Title changed" in changed and "<img src=x onerror=" in changed
    assert not page.xpath("//article//img | //article//script | //article//*[@onerror]")
