"""A tiny XLSX audit file with one cell at the far corner of the sheet (BL1048576, within the 64 columns an audit may have) is a
located error, not a crashed process: calamine would lay out every cell up to it."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

SHEET = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    '<row r="1"><c r="A1" t="inlineStr"><is><t>date</t></is></c></row>'
    '<row r="1048576"><c r="BL1048576" t="inlineStr"><is><t>x</t></is></c></row>'
    "</sheetData></worksheet>"
)
PARTS = {
    "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    "_rels/.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    "xl/workbook.xml": '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="audits" sheetId="1" r:id="rId1"/></sheets></workbook>',
    "xl/_rels/workbook.xml.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    "xl/worksheets/sheet1.xml": SHEET,
}


def test_a_far_cell_is_a_located_error_in_a_process_that_survives(tmp_path: Path) -> None:
    book = tmp_path / "audits.xlsx"
    with zipfile.ZipFile(book, "w") as z:
        for name, text in PARTS.items():
            z.writestr(name, text)
    assert book.stat().st_size < 5_000
    proc = subprocess.run([sys.executable, "-m", "labelbook", "qa", str(book), "--format", "json"], capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert proc.returncode == 1, (proc.returncode, proc.stderr)
    assert "audits.xlsx:1: error[audit-too-large]: a worksheet spans 1,048,576 rows and 64 columns" in proc.stderr + proc.stdout
    assert "Traceback" not in proc.stderr
