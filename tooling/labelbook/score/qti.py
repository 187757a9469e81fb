"""Read IMS QTI 2.1 result reports: `assessmentResult` files, one per candidate, or a zip of them.

What the results reporting spec (imsqti_result_v2p1.xsd) says a player writes:
`<context sourcedId="...">` names the candidate (else its first `<sessionIdentifier
identifier="...">`); each `<itemResult identifier="...">` is one item, named by the
identifier the test gave it (labelbook's: `item-HS-001-E01`), with a `<responseVariable
identifier="RESPONSE">` whose `<candidateResponse>` holds the chosen choice (`choice-remove`;
no value: not answered) and, optionally, `<correctResponse>`, checked against the quiz's
key. An item reported twice (a second try) counts with its highest `sequenceIndex`.
The QTI 2.1 results namespace, the main QTI 2.1 namespace (where drafts put results) and
none at all are accepted.

A result file comes from outside (a player's export, mailed around), so it is parsed with
expat alone: no DTD is accepted (and so no entity), nothing is fetched, and the size of a
file, of a zip and of what it unpacks to is bounded before anything is read.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator
from xml.parsers import expat

from labelbook.core.problems import ContentError, Pos, Problem, UsageError, error
from labelbook.score.match import Matcher
from labelbook.score.responses import Response, collected, unknown_answer
from labelbook.score.table import MAX_BYTES, MAX_UNPACKED, norm

NAMESPACES = {"http://www.imsglobal.org/xsd/imsqti_result_v2p1", "http://www.imsglobal.org/xsd/imsqti_v2p1", ""}
#: Elements one file may hold: a result of 500 items is ~10,000.
MAX_ELEMENTS = 1_000_000
MAX_MEMBERS = 100_000


@dataclass
class Node:
    tag: str
    ns: str
    attrs: dict[str, str]
    line: int
    col: int
    children: list[Node] = field(default_factory=list)
    text: str = ""

    def all(self, tag: str) -> list[Node]:
        return [c for c in self.children if c.tag == tag]

    def first(self, tag: str) -> Node | None:
        return next((c for c in self.children if c.tag == tag), None)


class _Refused(Exception):
    def __init__(self, message: str, line: int, col: int) -> None:
        super().__init__(message)
        self.line, self.col = line, col


def parse(data: bytes, name: str) -> Node:
    """The document's tree; a ContentError located where expat stopped."""
    parser = expat.ParserCreate(namespace_separator=" ")
    stack: list[Node] = []
    roots: list[Node] = []
    count = 0

    def here() -> tuple[int, int]:
        return parser.CurrentLineNumber, parser.CurrentColumnNumber + 1

    def start(qname: str, attrs: dict[str, str]) -> None:
        nonlocal count
        count += 1
        if count > MAX_ELEMENTS:
            raise _Refused(f"more than {MAX_ELEMENTS:,} elements; a result report of one candidate is far smaller", *here())
        ns, _, local = qname.rpartition(" ")
        node = Node(local, ns, {k.rpartition(" ")[2]: v for k, v in attrs.items()}, *here())
        (stack[-1].children if stack else roots).append(node)
        stack.append(node)

    def end(qname: str) -> None:
        stack.pop()

    def chars(data: str) -> None:
        if stack:
            stack[-1].text += data

    def doctype(*args: object) -> None:
        line = parser.CurrentLineNumber
        text = data.split(b"\n")[line - 1] if line <= data.count(b"\n") + 1 else b""
        col = len(text[: max(text.find(b"<!DOCTYPE"), 0)].decode("utf-8", "replace")) + 1
        raise _Refused("a DOCTYPE is not accepted in a result report (it could declare entities)", line, col)

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = chars
    parser.StartDoctypeDeclHandler = doctype
    try:
        parser.Parse(data, True)
    except _Refused as exc:
        raise collected(name, [error(Pos(name, exc.line, exc.col), "qti-unreadable", str(exc))]) from None
    except expat.ExpatError as exc:
        raise collected(name, [error(Pos(name, exc.lineno, exc.offset + 1), "qti-unreadable",
                                     f"not well-formed XML: {expat.ErrorString(exc.code)}")]) from None
    return roots[0]


def read_result(data: bytes, name: str, matcher: Matcher) -> list[Response]:
    """The responses in one `assessmentResult` file; ContentError lists every problem in it."""
    root = parse(data, name)

    def at(node: Node) -> Pos:
        return Pos(name, node.line, node.col)

    if root.tag != "assessmentResult" or root.ns not in NAMESPACES:
        raise collected(name, [error(at(root), "qti-not-result",
                                     f"<{root.tag}> is not a QTI 2.1 result report: expected <assessmentResult> "
                                     "(one file per candidate, as a QTI player exports results)")])
    context = root.first("context")
    session = context.first("sessionIdentifier") if context else None
    # NFC, as in the other readers: a Bengali name typed on two keyboards is one labeler.
    labeler = norm(context.attrs.get("sourcedId", "") if context else "") or norm(session.attrs.get("identifier", "") if session else "")
    if not labeler:
        raise collected(name, [error(at(context or root), "qti-no-candidate",
                                     "no candidate: expected <context sourcedId=\"...\"> or a <sessionIdentifier identifier=\"...\"> in it")])
    problems: list[Problem] = []
    latest: dict[str, tuple[int, Node]] = {}
    for node in root.all("itemResult"):
        item = matcher.item(node.attrs.get("identifier", ""))
        if item is None:
            problems.append(error(at(node), "responses-unknown-item",
                                  f"unknown item {node.attrs.get('identifier', '')!r}: not in quiz {matcher.quiz.path} "
                                  "(labelbook's QTI items are named item-<example id>)"))
            continue
        try:
            index = int(node.attrs.get("sequenceIndex", "1"))
        except ValueError:
            index = 1
        if item in latest and latest[item][0] == index:
            problems.append(error(at(node), "responses-duplicate",
                                  f"item {item!r} is reported twice for {labeler!r} (first at line {latest[item][1].line}); keep one"))
            continue
        if item not in latest or latest[item][0] < index:
            latest[item] = (index, node)
    out = []
    for item, (_, node) in latest.items():
        ok, answer = _answer(node, item, matcher, name, problems)
        if ok:
            out.append(Response(labeler, item, answer, node.line, name))
    if problems:
        raise collected(name, problems)
    return out


def _answer(node: Node, item: str, matcher: Matcher, name: str, problems: list[Problem]) -> tuple[bool, str | None]:
    """(False, None) after a problem, else (True, the option chosen in one itemResult or None when not answered)."""

    def at(n: Node | None) -> Pos:
        return Pos(name, n.line, n.col) if n else Pos(name, node.line, node.col)

    variables = node.all("responseVariable")
    variable = next((v for v in variables if v.attrs.get("identifier") == "RESPONSE"), variables[0] if variables else None)
    if variable is None:
        return True, None
    correct = [v.text.strip() for c in variable.all("correctResponse") for v in c.all("value")]
    if correct and [matcher.answer(item, c) for c in correct] != [matcher.items[item].key]:
        problems.append(error(at(variable.first("correctResponse")), "qti-key-mismatch",
                              f"the correct response of item {item!r} is {', '.join(correct)}, but its key in quiz {matcher.quiz.path} is "
                              f"{matcher.shown(item, matcher.items[item].key)}: these are results of another version of the quiz"))
        return False, None
    values = [v for c in variable.all("candidateResponse") for v in c.all("value")]
    if not values:
        return True, None
    if len(values) > 1:
        problems.append(error(at(values[1]), "qti-multiple-values", f"{len(values)} choices for item {item!r}; its interaction takes one"))
        return False, None
    chosen = values[0].text.strip()
    choice = matcher.answer(item, chosen)
    if choice is None:
        problems.append(error(at(values[0]), "responses-unknown-answer", unknown_answer(matcher, item, chosen)))
        return False, None
    return True, choice


def _too_large(member: str) -> ContentError:
    return collected(member, [error(Pos(member), "responses-too-large", f"more than {MAX_BYTES:,} bytes; a result report of one candidate is far smaller")])


def files(path: Path, raw: bytes | None, name: str) -> Iterator[tuple[str, bytes]]:
    """(name, bytes) of each result file: `path` itself, the .xml files of a folder, or of a zip.
    One at a time, so that a large zip is never held unpacked in memory."""
    if raw is None:  # a folder
        for p in sorted(p for p in path.iterdir() if p.suffix.lower() == ".xml" and p.is_file()):
            if p.stat().st_size > MAX_BYTES:
                raise _too_large(f"{name}/{p.name}")
            yield f"{name}/{p.name}", p.read_bytes()
        return
    if not raw.startswith(b"PK\x03\x04"):
        yield name, raw
        return
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as z:
            members = [i for i in z.infolist() if not i.is_dir() and i.filename.lower().endswith(".xml")
                       and not i.filename.startswith("__MACOSX/") and i.filename.rsplit("/", 1)[-1].lower() != "imsmanifest.xml"]
            if len(members) > MAX_MEMBERS or sum(i.file_size for i in members) > MAX_UNPACKED:
                raise collected(name, [error(Pos(name), "responses-too-large",
                                             f"the zip unpacks to more than {MAX_UNPACKED:,} bytes or {MAX_MEMBERS:,} files; split it")])
            for info in members:
                with z.open(info) as f:
                    data = f.read(MAX_BYTES + 1)  # never more than this, whatever the zip claims
                if len(data) > MAX_BYTES:
                    raise _too_large(f"{name}/{info.filename}")
                yield f"{name}/{info.filename}", data
    # zipfile raises NotImplementedError for a compression method or encryption it cannot
    # read (deflate64, AES): a zip the trainer must save again, like a damaged one.
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, ValueError, OSError, EOFError) as exc:
        raise collected(name, [error(Pos(name), "qti-unreadable", f"not a readable zip ({exc})")]) from None


def read_results(path: Path, raw: bytes | None, name: str, matcher: Matcher) -> list[Response]:
    """Every response in a result file, a folder of them or a zip of them."""
    out: list[Response] = []
    problems: list[Problem] = []
    count = 0
    for member, data in files(path, raw, name):
        count += 1
        try:
            out += read_result(data, member, matcher)
        except ContentError as exc:
            problems += exc.problems
    if count == 0 and raw is None:
        raise UsageError(f"{name}: is a folder with no .xml file in it; a folder is read as QTI 2.1 result files, one per candidate")
    if count == 0:
        raise ContentError(f"{name}: no result files", [error(Pos(name), "responses-empty",
                           "no .xml result file in it: expected QTI 2.1 assessmentResult files, one per candidate")])
    if problems:
        raise collected(name, problems)
    return out
