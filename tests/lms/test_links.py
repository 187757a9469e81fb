"""Feedback links: absolute from --site-url, else from site_url of mkdocs.yml (in the version's
folder when the repository publishes versions), and each points at its rule's page of the
built site; without a site URL, every LMS export says so in a warning."""

from __future__ import annotations

import io
import json
import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from tests.quiz import gift_parser

from . import hostile
from .conftest import cli

LMS_FORMATS = ["gift", "moodle-xml", "qti", "csv"]
#: Links written in the hostile rationale itself: not rule links.
RATIONALE_LINK = "https://example.org/"
WARNING = ("labelbook: warning: the rule links are relative to the site (e.g. hate-speech/HS-001/) and will not open "
           "from an LMS or a spreadsheet; pass --site-url, or set site_url in mkdocs.yml")


def quiz(repo: Path, out: Path, fmt: str, *options: str) -> tuple[int, str]:
    run = cli("quiz", "-C", repo, "--count", str(len(hostile.QUIZZABLE)), "--format", fmt, *options, "-o", out)
    return run.code, run.err + run.out


def links(fmt: str, data: bytes) -> list[str]:
    """Every rule link of an export, read by the reader of its format."""
    if fmt == "json":
        return [i["feedback"]["rule_url"] for i in json.loads(data)["items"]]
    if fmt == "csv":
        import csv

        return [row["rule_url"] for row in csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline=""))]
    if fmt == "gift":
        html = "".join(q.general_feedback for q in gift_parser.parse(data.decode("utf-8")))
    elif fmt == "moodle-xml":
        html = "".join(t.text or "" for t in etree.fromstring(data).iter("text"))
    else:
        package = zipfile.ZipFile(io.BytesIO(data))
        return [a.get("href") for name in package.namelist() if name.startswith("items/")
                for a in etree.fromstring(package.read(name)).iter("{*}a") if not a.get("href").startswith(RATIONALE_LINK)]
    return [h for h in re.findall(r'<a href="([^"]+)"', html) if not h.startswith(RATIONALE_LINK)]


@pytest.mark.parametrize("fmt", [*LMS_FORMATS, "json"])
def test_without_a_site_url_every_export_warns(repo: Path, tmp_path: Path, fmt: str) -> None:
    code, err = quiz(repo, tmp_path / "q", fmt)
    assert code == 0 and WARNING in err
    assert all(not url.startswith("http") for url in links(fmt, (tmp_path / "q").read_bytes()))


def test_site_url_of_mkdocs_yml_links_every_item_to_its_rule_page(tmp_path: Path) -> None:
    repo = hostile.write(tmp_path / "repo", "site_url: https://guides.example.org/sv/\n")
    site = tmp_path / "site"
    built = cli("build", "-C", repo, "-d", site)
    assert built.code == 0, built.err
    for lang in ("en", "bn"):
        for fmt in [*LMS_FORMATS, "json"]:
            out = tmp_path / f"q-{lang}.{fmt}"
            code, err = quiz(repo, out, fmt, "--lang", lang)
            assert code == 0, err
            assert "warning: the rule links" not in err
            assert "labelbook: rule links start at https://guides.example.org/sv/ (site_url of mkdocs.yml; --site-url changes it)" in err
            found = links(fmt, out.read_bytes())
            assert len(found) >= len(hostile.QUIZZABLE), fmt
            for url in found:
                assert url.startswith("https://guides.example.org/sv/"), (fmt, url)
                page = site / url.removeprefix("https://guides.example.org/sv/") / "index.html"
                assert page.is_file(), (fmt, url)  # the rule's page of the site that build made
                title = etree.HTML(page.read_bytes()).findtext(".//title") or ""
                assert re.search(r"\b[A-Z]{2}-\d{3}\b", url) and url.rstrip("/").rsplit("/", 1)[1] in title


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True,
                   env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
                        "GIT_COMMITTER_EMAIL": "t@example.org", "HOME": str(repo), "PATH": "/usr/bin:/bin"})


def test_a_repository_with_releases_links_into_the_versions_folder(tmp_path: Path) -> None:
    repo = hostile.write(tmp_path / "repo", "site_url: https://guides.example.org\n")
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "first")
    git(repo, "tag", "v1.0.0")
    code, err = quiz(repo, tmp_path / "q.json", "json")
    assert code == 0, err
    urls = links("json", (tmp_path / "q.json").read_bytes())
    assert all(u.startswith("https://guides.example.org/1.0.0/") for u in urls), urls
    assert "in the folder of version 1.0.0" in err
    (repo / "examples/bullying/BU-001.yaml").write_text((repo / "examples/bullying/BU-001.yaml").read_text("utf-8") + "\n", encoding="utf-8")
    code, err = quiz(repo, tmp_path / "q.json", "json")
    assert code == 0 and all(u.startswith("https://guides.example.org/dev/") for u in links("json", (tmp_path / "q.json").read_bytes()))
    assert json.loads((tmp_path / "q.json").read_bytes())["guideline"]["site_url"] == "https://guides.example.org/dev/"
    code, err = quiz(repo, tmp_path / "q.json", "json", "--site-url", "https://elsewhere.example.org/x")
    assert code == 0 and all(u.startswith("https://elsewhere.example.org/x/") for u in links("json", (tmp_path / "q.json").read_bytes()))


@pytest.mark.parametrize(("value", "problem"), [
    ("javascript:alert(1)", "site_url 'javascript:alert(1)' is not an http(s) URL"),
    ('"https://guides.example.org/a b"', "site_url 'https://guides.example.org/a b' is not an http(s) URL"),
    ("guides.example.org", "site_url 'guides.example.org' is not an http(s) URL"),
])
def test_a_site_url_that_is_not_http_is_a_located_error(tmp_path: Path, value: str, problem: str) -> None:
    repo = hostile.write(tmp_path / "repo", f"site_url: {value}\n")
    out = tmp_path / "q.gift"
    code, text = quiz(repo, out, "gift")
    assert code == 1 and not out.exists()
    assert f"mkdocs.yml:5:11: error[quiz-site-url]: {problem}: every rule link of the quiz would carry it into the LMS" in text


def test_a_tagged_site_url_is_never_acted_on(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SECRET_SITE", "https://secret.example.org/")
    repo = hostile.write(tmp_path / "repo", "site_url: !ENV SECRET_SITE\n")
    code, err = quiz(repo, tmp_path / "q.gift", "gift")
    assert code == 0 and WARNING in err and b"secret" not in (tmp_path / "q.gift").read_bytes()
