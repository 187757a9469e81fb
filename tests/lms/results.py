"""Results as the LMSs write them, made from a quiz and who answered what: the way back to `score`.

- Moodle's quiz Responses report (mod/quiz/report/responses, attempts_report): one row per
  attempt; "Last name", "First name", identity fields, "State", times, "Grade/10.00"; per
  slot "Question N" (Moodle's question summary: the question as plain text by html2text,
  ': ', the options joined by '; '), "Response N" (the chosen option as plain text, '-'
  when not answered), "Right answer N". CSV as Moodle's OpenSpout writer downloads it (a
  BOM, ',' and LF, quotes only where needed) or XLSX (written with openpyxl). Each attempt
  gets its questions in its own order, as with random questions, so matching by position
  would fail.
- QTI 2.1 result reports (imsqti_result_v2p1.xsd): one `assessmentResult` per candidate,
  `context/@sourcedId` the candidate, an `itemResult` per item named as the test names it
  (`item-HS-001-E01`), the chosen choice in `candidateResponse` (none: not answered).
"""

from __future__ import annotations

import csv
import io
import random
import zipfile
from html.parser import HTMLParser
from pathlib import Path

from lxml import etree

#: labeler -> item id -> option id, or None for an item left unanswered
Answers = dict[str, dict[str, "str | None"]]
RESULT_NS = "http://www.imsglobal.org/xsd/imsqti_result_v2p1"
RESULT_XSD = "http://www.imsglobal.org/xsd/qti/qtiv2p1/imsqti_result_v2p1.xsd"
XSI = "http://www.w3.org/2001/XMLSchema-instance"


class _Html2Text(HTMLParser):
    """What Moodle's html2text (lib/html2text, width 0, no links) makes of labelbook's small HTML:
    bold upper-cased, a blank line after a paragraph, a line break for <br>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.bold = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.bold += tag in ("strong", "b")
        if tag == "br":
            self.out.append("\n")

    def handle_endtag(self, tag: str) -> None:
        self.bold -= tag in ("strong", "b")
        if tag == "p":
            self.out.append("\n\n")

    def handle_data(self, data: str) -> None:
        self.out.append(data.upper() if self.bold else data)


def plain(html: str) -> str:
    p = _Html2Text()
    p.feed(html)
    p.close()
    return "".join(p.out).strip()


def moodle_questions(moodle_xml: bytes) -> dict[str, tuple[str, list[str]]]:
    """item id -> (question summary, answer texts) of a Moodle XML file, as Moodle would show them."""
    out = {}
    for q in etree.fromstring(moodle_xml).iter("question"):
        answers = [plain(a.findtext("text") or "") for a in q.findall("answer")]
        out[q.findtext("idnumber")] = (plain(q.findtext("questiontext/text") or "") + ": " + "; ".join(answers), answers)
    return out


def moodle_report(quiz: dict, answers: Answers, questions: dict[str, tuple[str, list[str]]], *,
                  show_question: bool = True, show_right: bool = True, seed: int = 7,
                  states: dict[str, str] | None = None) -> tuple[list[str], list[list[object]]]:
    """(header, rows) of the Responses report of `answers` to `quiz`."""
    items = {i["id"]: i for i in quiz["items"]}
    n = len(quiz["items"])
    header: list[str] = ["Last name", "First name", "ID number", "Email address", "State", "Started on", "Completed", "Time taken", "Grade/10.00"]
    for slot in range(1, n + 1):
        header += [f"Question {slot}"] * show_question + [f"Response {slot}"] + [f"Right answer {slot}"] * show_right
    rows: list[list[object]] = []
    rng = random.Random(seed)
    for number, (labeler, given) in enumerate(answers.items()):
        order = list(items)
        rng.shuffle(order)  # random questions: each attempt has its own question in each slot
        right = sum(1 for i, a in given.items() if a == items[i]["key"])
        row: list[object] = [f"Surname{number}", f"Name{number}", labeler, f"{labeler}@example.org",
                             (states or {}).get(labeler, "Finished"), "20 November 2026  10:00 AM", "20 November 2026  10:09 AM",
                             "9 mins", round(10 * right / n, 2)]
        for item_id in order:
            summary, texts = questions[item_id]
            options = [o["id"] for o in items[item_id]["options"]]
            chosen = given.get(item_id)
            response = texts[options.index(chosen)] if chosen else "-"
            key = texts[options.index(items[item_id]["key"])]
            row += [summary] * show_question + [response] + [key] * show_right
        rows.append(row)
    return header, rows


def write_csv(path: Path, header: list[str], rows: list[list[object]]) -> Path:
    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    path.write_bytes(b"\xef\xbb\xbf" + buf.getvalue().encode("utf-8"))
    return path


def write_xlsx(path: Path, header: list[str], rows: list[list[object]]) -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Responses"
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def qti_result(quiz: dict, labeler: str, given: dict[str, str | None], *, correct: bool = True) -> bytes:
    """One candidate's assessmentResult, as the QTI 2.1 results reporting spec lays it out."""
    stamp = "2026-11-20T10:09:00"
    items = []
    for item in quiz["items"]:
        if item["id"] not in given:
            continue
        chosen = given[item["id"]]
        variable = E("responseVariable", {"identifier": "RESPONSE", "cardinality": "single", "baseType": "identifier"},
                     *([E("correctResponse", None, E("value", None, f"choice-{item['key']}"))] if correct else []),
                     E("candidateResponse", None, *([E("value", None, f"choice-{chosen}")] if chosen else [])))
        score = E("outcomeVariable", {"identifier": "SCORE", "cardinality": "single", "baseType": "float"},
                  E("value", None, "1" if chosen == item["key"] else "0"))
        items.append(E("itemResult", {"identifier": f"item-{item['id']}", "sequenceIndex": "1", "datestamp": stamp, "sessionStatus": "final"},
                       variable, score))
    root = E("assessmentResult", {f"{{{XSI}}}schemaLocation": f"{RESULT_NS} {RESULT_XSD}"},
             E("context", {"sourcedId": labeler}, E("sessionIdentifier", {"sourceID": "https://lms.example.org", "identifier": f"session-{labeler}"})),
             E("testResult", {"identifier": "test-short-video", "datestamp": stamp}),
             *items)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def E(tag: str, attrs: dict[str, str] | None = None, *kids: etree._Element | str) -> etree._Element:
    """An element of the results namespace with its attributes, children and text."""
    el = etree.Element(f"{{{RESULT_NS}}}{tag}", attrs or {}, nsmap={None: RESULT_NS, "xsi": XSI})
    for kid in kids:
        if isinstance(kid, str):
            el.text = kid
        else:
            el.append(kid)
    return el


def qti_files(folder: Path, quiz: dict, answers: Answers) -> list[Path]:
    """One result file per candidate, named so that they sort in the labelers' order."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n, (labeler, given) in enumerate(answers.items()):
        path = folder / f"{n:03d}-result.xml"
        path.write_bytes(qti_result(quiz, labeler, given))
        paths.append(path)
    return paths


def qti_zip(path: Path, files: list[Path]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for f in files:
            z.write(f, f"results/{f.name}")
    return path


def native_csv(path: Path, answers: Answers) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["labeler", "item", "answer"])
        for labeler, given in answers.items():
            for item_id, chosen in given.items():
                w.writerow([labeler, item_id, chosen or ""])
    return path

