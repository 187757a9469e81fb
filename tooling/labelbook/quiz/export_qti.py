"""IMS QTI 2.1 content package: a zip of `imsmanifest.xml`, one `assessmentItem` per question
and an `assessmentTest` that keeps the quiz's order.

Identifiers are XML NCNames, which may not start with a digit: `item-HS-001-E01`,
`choice-remove`. Each item declares its correct response and scores itself; the chosen
choice's identifier goes into FEEDBACK, which shows that choice's `modalFeedback` (right
or wrong, the rationale, the link to the rule). The zip is byte-for-byte reproducible:
fixed timestamps, permissions and order.

Every text here comes from a pull request: `xmltext.clean_quiz` on the way in and
`xmltext.scrub` on the finished tree make the output well-formed whatever it holds, and
`qti_html` keeps only the XHTML that QTI 2.1 allows, so every file is valid against IMS's
XSDs (tests/lms validate them): a rationale's link whose URL the sanitiser dropped, or a
table cell's style, would otherwise make a player refuse the item.
"""

from __future__ import annotations

import html
import io
import re
import xml.etree.ElementTree as ET
import zipfile

from labelbook.quiz import i18n, text
from labelbook.quiz.xmltext import clean_quiz, scrub

QTI = "http://www.imsglobal.org/xsd/imsqti_v2p1"
QTI_XSD = "http://www.imsglobal.org/xsd/qti/qtiv2p1/imsqti_v2p1.xsd"
CP = "http://www.imsglobal.org/xsd/imscp_v1p1"
CP_XSD = "http://www.imsglobal.org/xsd/imscp_v1p1.xsd"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip can record


def ident(prefix: str, value: str) -> str:
    """A valid QTI identifier: letters, digits, '-', '_' and '.', starting with a letter."""
    return f"{prefix}-{re.sub(r'[^A-Za-z0-9_.-]', '_', value)}"


def _q(tag: str) -> str:
    # Tags stay unqualified and the root carries xmlns="...": ElementTree's default_namespace
    # option rejects unqualified attributes, and register_namespace would change global state.
    return tag


def _sub(parent: ET.Element, tag: str, attrs: dict[str, str] | None = None, body: str | None = None) -> ET.Element:
    el = ET.SubElement(parent, _q(tag), attrs or {})
    if body is not None:
        el.text = body
    return el


def _xhtml(parent: ET.Element, fragment: str) -> None:
    """Append an XHTML fragment's elements to `parent`, in the QTI namespace (QTI 2.1 embeds XHTML there)."""
    try:
        wrapper = ET.fromstring(f"<div>{fragment}</div>")
    except ET.ParseError:
        # Markdown that renders to something XML cannot hold: fall back to its text.
        wrapper = ET.fromstring(f"<div><p>{text.esc(_strip_tags(fragment))}</p></div>")
    qti_html(wrapper)
    _loose_text(wrapper)
    parent.extend(list(wrapper))


#: The XHTML of QTI 2.1 (imsqti_v2p1.xsd) that Markdown writes, and the attributes kept on each.
#: Anything else the sanitiser lets through (`del`, `ins`, `s`, `u`, `mark`, `details`,
#: `figure`, a `title` or `lang` attribute, a table cell's `style`) fails the schema, and some
#: players refuse the whole item: such an element is unwrapped, its text kept.
_QTI_TAGS: dict[str, frozenset[str]] = {
    **{t: frozenset() for t in (
        "abbr acronym address b big blockquote br caption cite code dd dfn div dl dt em h1 h2 h3 h4 h5 h6 "
        "hr i kbd li ol p pre q samp small span strong sub sup table tbody tfoot thead tr tt ul var"
    ).split()},
    "a": frozenset({"href"}),
    "img": frozenset({"src", "alt"}),
    "td": frozenset({"colspan", "rowspan", "align"}),
    "th": frozenset({"colspan", "rowspan", "align"}),
    "col": frozenset({"span"}),
    "colgroup": frozenset({"span"}),
}
_ALIGN = re.compile(r"text-align:\s*(left|center|right|justify)", re.IGNORECASE)
_COUNT = re.compile(r"^[1-9][0-9]{0,3}$")


def qti_html(root: ET.Element) -> None:
    """Reduce the XHTML under `root` to what QTI 2.1 allows (in place)."""
    for child in list(root):
        qti_html(child)
        tag = child.tag
        if tag not in _QTI_TAGS or (tag == "a" and not child.get("href")) or (tag == "img" and not child.get("src")):
            _unwrap(root, child, child.get("alt", "") if tag == "img" else None)
            continue
        kept = {k: v for k, v in child.attrib.items() if k in _QTI_TAGS[tag]}
        if tag in ("td", "th") and (m := _ALIGN.search(child.get("style", ""))):
            kept["align"] = m.group(1).lower()
        for name in ("colspan", "rowspan", "span"):
            if name in kept and not _COUNT.match(kept[name]):
                del kept[name]
        if tag == "img":
            kept.setdefault("alt", "")
        child.attrib = kept


def _unwrap(parent: ET.Element, child: ET.Element, replacement: str | None = None) -> None:
    """Put `child`'s text and children where `child` was (or `replacement`, an image's alt text)."""
    at = list(parent).index(child)
    lead = replacement if replacement is not None else child.text or ""
    kids = [] if replacement is not None else list(child)
    before = parent[at - 1] if at else None
    if before is None:
        parent.text = (parent.text or "") + lead
    else:
        before.tail = (before.tail or "") + lead
    parent.remove(child)
    for n, kid in enumerate(kids):
        parent.insert(at + n, kid)
    last = kids[-1] if kids else before
    if last is None:
        parent.text = (parent.text or "") + (child.tail or "")
    else:
        last.tail = (last.tail or "") + (child.tail or "")


def _loose_text(wrapper: ET.Element) -> None:
    """Text between blocks (left by an unwrapped element) goes into a paragraph of its own."""
    if wrapper.text and wrapper.text.strip():
        p = ET.Element("p")
        p.text, wrapper.text = wrapper.text, None
        wrapper.insert(0, p)
    for child in list(wrapper):
        if child.tail and child.tail.strip():
            p = ET.Element("p")
            p.text, child.tail = child.tail, None
            wrapper.insert(list(wrapper).index(child) + 1, p)


def _strip_tags(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", fragment))


def _value(parent: ET.Element, tag: str, value: str) -> None:
    """<correctResponse> or <defaultValue> holding one <value>."""
    _sub(_sub(parent, tag), "value", body=value)


def _item(item: dict, lang: str) -> ET.Element:
    root = ET.Element(_q("assessmentItem"), {
        "xmlns": QTI,
        f"{{{XSI}}}schemaLocation": f"{QTI} {QTI_XSD}",
        "identifier": ident("item", item["id"]),
        "title": item["id"],
        "adaptive": "false",
        "timeDependent": "false",
        XML_LANG: lang,
    })
    response = _sub(root, "responseDeclaration", {"identifier": "RESPONSE", "cardinality": "single", "baseType": "identifier"})
    _value(response, "correctResponse", ident("choice", item["key"]))
    score = _sub(root, "outcomeDeclaration", {"identifier": "SCORE", "cardinality": "single", "baseType": "float"})
    _value(score, "defaultValue", "0")
    _sub(root, "outcomeDeclaration", {"identifier": "FEEDBACK", "cardinality": "single", "baseType": "identifier"})

    body = _sub(root, "itemBody")
    _xhtml(body, text.question_html(item, lang, prompt=False))
    interaction = _sub(body, "choiceInteraction", {"responseIdentifier": "RESPONSE", "shuffle": "false", "maxChoices": "1"})
    _sub(interaction, "prompt", body=i18n.t(lang, "prompt"))
    for opt in item["options"]:
        _sub(interaction, "simpleChoice", {"identifier": ident("choice", opt["id"])}, opt["text"])

    processing = _sub(root, "responseProcessing")
    condition = _sub(processing, "responseCondition")
    when = _sub(condition, "responseIf")
    match = _sub(when, "match")
    _sub(match, "variable", {"identifier": "RESPONSE"})
    _sub(match, "correct", {"identifier": "RESPONSE"})
    _sub(_sub(when, "setOutcomeValue", {"identifier": "SCORE"}), "baseValue", {"baseType": "float"}, "1")
    otherwise = _sub(condition, "responseElse")
    _sub(_sub(otherwise, "setOutcomeValue", {"identifier": "SCORE"}), "baseValue", {"baseType": "float"}, "0")
    _sub(_sub(processing, "setOutcomeValue", {"identifier": "FEEDBACK"}), "variable", {"identifier": "RESPONSE"})

    general = text.general_feedback_html(item, lang)
    for opt in item["options"]:
        feedback = _sub(root, "modalFeedback", {"outcomeIdentifier": "FEEDBACK", "identifier": ident("choice", opt["id"]), "showHide": "show"})
        _xhtml(feedback, text.verdict_html(item, lang, opt["id"]) + general)
    return root


def _test(quiz: dict, hrefs: list[tuple[str, str]]) -> ET.Element:
    g = quiz["guideline"]
    root = ET.Element(_q("assessmentTest"), {
        "xmlns": QTI,
        f"{{{XSI}}}schemaLocation": f"{QTI} {QTI_XSD}",
        "identifier": ident("test", f"{g['id']}-{g['version']}-{quiz['lang']}"),
        "title": g["title"],
    })
    part = _sub(root, "testPart", {"identifier": "part-1", "navigationMode": "linear", "submissionMode": "individual"})
    section = _sub(part, "assessmentSection", {"identifier": "section-1", "title": g["title"], "visible": "true"})
    for identifier, href in hrefs:
        _sub(section, "assessmentItemRef", {"identifier": identifier, "href": href})
    return root


def _manifest(quiz: dict, hrefs: list[tuple[str, str]]) -> ET.Element:
    g = quiz["guideline"]
    c = lambda tag: tag  # noqa: E731  (unqualified, as in _q)
    root = ET.Element(c("manifest"), {
        "xmlns": CP,
        "identifier": ident("manifest", f"{g['id']}-{g['version']}-{quiz['lang']}"),
        f"{{{XSI}}}schemaLocation": f"{CP} {CP_XSD} {QTI} {QTI_XSD}",
    })
    meta = ET.SubElement(root, c("metadata"))
    ET.SubElement(meta, c("schema")).text = "QTIv2.1 Package"
    ET.SubElement(meta, c("schemaversion")).text = "1.0.0"
    ET.SubElement(root, c("organizations"))
    resources = ET.SubElement(root, c("resources"))
    test = ET.SubElement(resources, c("resource"), {"identifier": "resource-test", "type": "imsqti_test_xmlv2p1", "href": "test.xml"})
    ET.SubElement(test, c("file"), {"href": "test.xml"})
    for identifier, href in hrefs:
        ET.SubElement(test, c("dependency"), {"identifierref": f"resource-{identifier}"})
    for identifier, href in hrefs:
        res = ET.SubElement(resources, c("resource"), {"identifier": f"resource-{identifier}", "type": "imsqti_item_xmlv2p1", "href": href})
        ET.SubElement(res, c("file"), {"href": href})
    return root


#: XHTML blocks whose inside is text: indenting them would add spaces to what learners read.
_TEXT_BLOCKS = {"p", "pre", "li", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "prompt", "simpleChoice", "blockquote"}


def _indent(el: ET.Element, level: int = 0) -> None:
    """ET.indent, except that it leaves the inside of text blocks alone."""
    if el.tag in _TEXT_BLOCKS or not len(el) or (el.text and el.text.strip()):
        return
    pad = "\n" + "  " * (level + 1)
    el.text = pad
    for child in el:
        _indent(child, level + 1)
        if not (child.tail and child.tail.strip()):
            child.tail = pad
    last = el[-1]
    if not (last.tail and last.tail.strip()):
        last.tail = "\n" + "  " * level


def _bytes(root: ET.Element) -> bytes:
    scrub(root)
    _indent(root)
    xml = ET.tostring(root, encoding="utf-8", xml_declaration=False)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + xml + b"\n"


def render(quiz: dict) -> bytes:
    quiz = clean_quiz(quiz)
    lang = quiz["lang"]
    files: list[tuple[str, bytes]] = []
    hrefs = []
    for item in quiz["items"]:
        identifier = ident("item", item["id"])
        href = f"items/{identifier}.xml"
        hrefs.append((identifier, href))
        files.append((href, _bytes(_item(item, lang))))
    files.insert(0, ("test.xml", _bytes(_test(quiz, hrefs))))
    files.insert(0, ("imsmanifest.xml", _bytes(_manifest(quiz, hrefs))))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in files:
            info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3  # Unix, whatever machine writes it
            zf.writestr(info, data)
    return buf.getvalue()
