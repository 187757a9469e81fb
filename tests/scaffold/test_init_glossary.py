"""`labelbook init` writes a starter Bengali glossary (issue 15): terms its sample rule uses,
enforced by `labelbook check` and shown on the decisions page of both languages."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import lxml.html
import yaml


def labelbook(*args: str, cwd: Path, check: bool = False) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run([sys.executable, "-m", "labelbook", *args], cwd=cwd, capture_output=True, text=True, timeout=300)
    assert "Traceback" not in proc.stderr, proc.stderr
    if check:
        assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc


def test_the_starter_glossary_holds_terms_of_the_starter_content(tmp_path: Path) -> None:
    target = tmp_path / "g"
    labelbook("init", str(target), cwd=tmp_path, check=True)
    terms = yaml.safe_load((target / "locales/bn/glossary.yaml").read_text(encoding="utf-8"))["terms"]
    assert 5 <= len(terms) <= 15
    english = " ".join(p.read_text(encoding="utf-8") for p in (target / "guidelines").rglob("*.*") if ".bn." not in p.name).lower()
    english += " ".join(p.read_text(encoding="utf-8") for p in (target / "examples").rglob("*.yaml") if ".bn." not in p.name).lower()
    bengali = " ".join(p.read_text(encoding="utf-8") for p in target.rglob("*.bn.*"))
    for term in terms:
        assert re.search(rf"\b{re.escape(term['en'])}", english), term["en"]  # the starter's English uses it
        assert term["bn"] in bengali, term["bn"]  # and its Bengali says it the glossary's way
        assert not any(variant in bengali for variant in term.get("avoid", [])), term
    assert {"private person", "public figure", "comment", "caption"} <= {t["en"] for t in terms}  # BH-001's own words


def test_check_enforces_it_and_the_site_shows_it(tmp_path: Path) -> None:
    target = tmp_path / "g"
    labelbook("init", str(target), cwd=tmp_path, check=True)
    rule = target / "guidelines/bullying-harassment/BH-001.bn.md"
    text = rule.read_text(encoding="utf-8")
    assert "মন্তব্য করার" in text
    rule.write_text(text.replace("মন্তব্য করার", "কমেন্ট করার"), encoding="utf-8")
    strict = labelbook("check", "--strict", cwd=target)
    assert strict.returncode == 1
    line = next(n for n, ln in enumerate(text.splitlines(), 1) if "মন্তব্য করার" in ln)
    assert re.search(
        rf"^guidelines/bullying-harassment/BH-001\.bn\.md:{line}:\d+: warning\[translation-term\]: rule BH-001: 'কমেন্ট' is a variant "
        r"the Bengali glossary says not to use for 'comment'; use 'মন্তব্য'$",
        strict.stdout,
        re.M,
    ), strict.stdout
    rule.write_text(text, encoding="utf-8")

    labelbook("build", "-d", str(tmp_path / "site"), cwd=target, check=True)
    for lang, heading in (("", "Glossary"), ("bn/", "পরিভাষা")):
        doc = lxml.html.fromstring((tmp_path / "site" / lang / "decisions/index.html").read_text(encoding="utf-8"))
        assert doc.xpath("//article//h2[@id='glossary']")[0].text_content().strip() == heading
        cells = [tr.xpath("./td")[:2] for tr in doc.xpath("//div[@id='lb-glossary-bn']//tbody/tr")]
        assert ["comment", "মন্তব্য"] in [[td.text_content() for td in row] for row in cells]
