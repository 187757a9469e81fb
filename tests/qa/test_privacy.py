"""Labeler ids are personal data, and audit files are untrusted input.

--pseudonymize replaces the ids by keyed codes in every format, stable under one salt;
the report is never written where the guideline site is made from or published; and
whatever an audit cell holds is shown as text in every format, never run.
"""

from __future__ import annotations

import hashlib
import hmac
import io
import json
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
from lxml import html as lxml_html

from . import scenarios
from .repo import write_qa_repo
from .run import Run, qa
from .world import generate, write_csv

SALT = "a-long-random-salt-for-tests"
FORMATS = {"json": "json", "text": "txt", "md": "md", "html": "html", "xlsx": "xlsx"}


def email(labeler: str) -> str:
    return f"agent{labeler[1:]}@bpo.example"


@pytest.fixture
def audits(tmp_path: Path) -> Path:
    rows = generate(scenarios.coach(), seed=9)
    for r in rows:
        r["labeler"] = email(str(r["labeler"]))
    write_qa_repo(tmp_path / "repo")
    return write_csv(tmp_path / "audits.csv", rows)


def outputs(tmp_path: Path, *extra: str) -> dict[str, bytes]:
    out = {}
    for fmt, suffix in FORMATS.items():
        run = qa("audits.csv", "-C", "repo", "-o", f"r.{suffix}", *extra, cwd=tmp_path)
        assert run.code == 0, run.stderr
        out[fmt] = (tmp_path / f"r.{suffix}").read_bytes()
    return out


def all_text(data: bytes, fmt: str) -> str:
    if fmt == "xlsx":
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return "".join(z.read(n).decode("utf-8", "replace") for n in z.namelist())
    return data.decode("utf-8")


def code(labeler: str, salt: str = SALT) -> str:
    return "L-" + hmac.new(salt.encode(), labeler.encode(), hashlib.sha256).hexdigest()[:10].upper()


def test_pseudonymize_removes_every_labeler_id_from_every_format(tmp_path: Path, audits: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    plain = outputs(tmp_path)
    assert all("@bpo.example" in all_text(data, fmt) for fmt, data in plain.items())  # they are there without it
    monkeypatch.setenv("LABELBOOK_QA_SALT", SALT)
    hidden = outputs(tmp_path, "--pseudonymize")
    for fmt, data in hidden.items():
        assert "@bpo.example" not in all_text(data, fmt), fmt
        assert "agent0" not in all_text(data, fmt), fmt
    report = json.loads(hidden["json"])
    assert report["pseudonymized"] is True
    coached = sorted(report["verdicts"][0]["labelers"])
    assert coached == sorted(code(email(x)) for x in scenarios.COACHED)
    for fmt in ("text", "md", "html"):
        assert all(c in all_text(hidden[fmt], fmt) for c in coached), fmt
    # The same numbers, only the names differ.
    flat = json.loads(plain["json"])
    assert [f["rate"] for f in report["flags"]] == [f["rate"] for f in flat["flags"]]


def test_codes_are_stable_under_one_salt_and_differ_under_another(tmp_path: Path, audits: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def labelers(*extra: str) -> list[str]:
        run = qa("audits.csv", "-C", "repo", "--format", "json", "--pseudonymize", *extra, cwd=tmp_path)
        assert run.code == 0, run.stderr
        return sorted(r["value"] for r in json.loads(run.stdout)["segments"] if r["dimension"] == "labeler")

    monkeypatch.setenv("LABELBOOK_QA_SALT", SALT)
    first, second = labelers(), labelers()
    assert first == second == sorted(code(email(f"L{i:02d}")) for i in range(20))
    (tmp_path / "salt.txt").write_text("another-secret-salt\n", encoding="utf-8")
    other = labelers("--salt-file", "salt.txt")
    assert other == sorted(code(email(f"L{i:02d}"), "another-secret-salt") for i in range(20)) != first
    monkeypatch.delenv("LABELBOOK_QA_SALT")
    run = qa("audits.csv", "-C", "repo", "--format", "json", "--pseudonymize", cwd=tmp_path)
    assert "no salt given (LABELBOOK_QA_SALT or --salt-file): the pseudonymous codes hold within this report only" in run.stderr
    assert labelers() != labelers()  # a random salt each run
    (tmp_path / "short.txt").write_text("abc", encoding="utf-8")
    short = qa("audits.csv", "-C", "repo", "--pseudonymize", "--salt-file", "short.txt", cwd=tmp_path)
    assert short.code == 2 and "the salt is too short" in short.stderr


@pytest.mark.parametrize("where", ["repo/guidelines/qa.html", "repo/examples/bullying/qa.md", "repo/site/qa.html", "published/qa.html"])
def test_the_report_is_never_written_where_the_site_is_made_or_published(tmp_path: Path, audits: Path, where: str) -> None:
    (tmp_path / "published").mkdir()
    (tmp_path / "published" / ".labelbook-site").write_text("", encoding="utf-8")
    (tmp_path / "repo" / "site").mkdir()
    target = tmp_path / where
    target.parent.mkdir(parents=True, exist_ok=True)
    run = qa("audits.csv", "-C", "repo", "-o", where, cwd=tmp_path)
    assert run.code == 2 and not target.exists()
    assert "personal data" in run.stderr


def test_the_report_run_changes_nothing_in_the_guideline_repository(tmp_path: Path, audits: Path) -> None:
    def snapshot() -> dict[str, bytes]:
        return {str(p.relative_to(tmp_path / "repo")): p.read_bytes() for p in sorted((tmp_path / "repo").rglob("*")) if p.is_file()}

    before = snapshot()
    outputs(tmp_path)
    assert snapshot() == before


HOSTILE = {
    "script": "<script>alert(1)</script>",
    "formula": '=HYPERLINK("http://evil.example","x")',
    "link": "[click](javascript:alert(1))",
    "ansi": "\x1b[2J\x1b[31mred",
    "img": "<img src=x onerror=alert(1)>",
}


def test_hostile_cells_are_text_in_every_format(tmp_path: Path) -> None:
    rows = generate(scenarios.collapse(), seed=2)
    names = list(HOSTILE.values())
    for r in rows:
        i = int(str(r["labeler"])[1:])
        if r["labeler"] == scenarios.COLLAPSED:  # flagged, so in every format, the text one too
            r["labeler"] = HOSTILE["ansi"]
        elif i < len(names):
            r["labeler"] = names[i]
        r["vendor"] = names[i % len(names)]
    write_qa_repo(tmp_path / "repo")
    write_csv(tmp_path / "audits.csv", rows)
    out = outputs(tmp_path)
    doc = lxml_html.fromstring(out["html"])
    assert not doc.xpath("//script") and not doc.xpath("//img")
    assert not [a for el in doc.iter() for a in el.attrib if a.lower().startswith("on")]
    assert not [h for h in doc.xpath("//a/@href") if not h.startswith(("#", "https://"))]
    assert HOSTILE["script"] in doc.text_content() and HOSTILE["img"] in doc.text_content()
    md = out["md"].decode()
    assert "<script>" not in md and "\\<script\\>" in md
    assert not re.search(r"(?<!\\)\]\(javascript:", md) and "\\[click\\](javascript:" in md
    text = out["text"].decode()
    assert "\x1b" not in text and "\\x1b[2J" in text
    book = openpyxl.load_workbook(io.BytesIO(out["xlsx"]))
    cells = [c for ws in book for row in ws.iter_rows() for c in row if c.value == HOSTILE["formula"]]
    assert cells and all(c.data_type == "s" for c in cells)
    assert HOSTILE["formula"] in {v["value"] for v in json.loads(out["json"])["segments"]}


def test_a_site_url_that_is_not_http_is_never_a_link(tmp_path: Path, audits: Path) -> None:
    mkdocs = tmp_path / "repo" / "mkdocs.yml"
    mkdocs.write_text(mkdocs.read_text(encoding="utf-8").replace("site_url: https://guides.example.org/short-video", "site_url: javascript:alert(1)//"),
                      encoding="utf-8")
    run: Run = qa("audits.csv", "-C", "repo", "--format", "json", cwd=tmp_path)
    report = json.loads(run.stdout)
    assert report["verdicts"] and all(v["url"] is None for v in report["verdicts"])
    assert "no-site-url" in {n["kind"] for n in report["notes"]}
