"""Text that XML 1.0 can carry: what the QTI and Moodle XML exporters put in every text,
tail, comment and attribute. A control character in a title (a YAML "\\x01" escape is
enough) would otherwise make the whole file unreadable for the LMS. Each such character
becomes U+FFFD: replaced, not removed, so that no new token (`--` in a comment, `]]>`)
can form from the characters around it. `clean_quiz` runs on the way in (the HTML
sanitiser beneath text.py cannot take a lone surrogate), `scrub` on every text, tail,
comment and attribute of the finished tree."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any


#: Not XML 1.0 Chars: C0 controls other than tab, LF and CR; lone surrogates; U+FFFE and U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """`text` with every character XML 1.0 forbids replaced by U+FFFD."""
    return _NOT_XML.sub("\ufffd", text)


def clean_quiz(value: Any) -> Any:
    """A quiz (or any part of one) with every string made XML-safe; the input is left as it was."""
    if isinstance(value, str):
        return xml_safe(value)
    if isinstance(value, dict):
        return {k: clean_quiz(v) for k, v in value.items()}
    if isinstance(value, list):
        return [clean_quiz(v) for v in value]
    return value


def scrub(root: ET.Element) -> ET.Element:
    """Make every text, tail, comment and attribute under `root` XML-safe (in place; returns `root`)."""
    for el in root.iter():
        if el.text:
            el.text = xml_safe(el.text)
        if el.tail:
            el.tail = xml_safe(el.tail)
        if el.attrib:
            el.attrib = {xml_safe(k): xml_safe(v) for k, v in el.attrib.items()}
    return root
