"""The official IMS XSDs (tests/lms/data/qti, see its README.txt), loaded by lxml from disk only.

The schemas import each other by relative paths; a resolver maps the absolute
imsglobal.org and w3.org locations that IMS's own copies use onto the same files, and
lxml's network access is off, so a validation never leaves the machine.
"""

from __future__ import annotations

import functools
from pathlib import Path

from lxml import etree

DATA = Path(__file__).parent / "data" / "qti"
#: Absolute schema locations -> the local copy (what IMS's downloads import, and instance hints).
LOCAL = {
    "http://www.imsglobal.org/xsd/w3/2001/xml.xsd": "w3/xml.xsd",
    "http://www.w3.org/2001/xml.xsd": "w3/xml.xsd",
    "http://www.imsglobal.org/xsd/w3/2001/XInclude.xsd": "w3/XInclude.xsd",
    "http://www.w3.org/Math/XMLSchema/mathml2/mathml2.xsd": "w3/mathml2/mathml2.xsd",
    "http://www.imsglobal.org/profile/apip/apipv1p0/apipv1p0_qtiextv2p1_v1p0.xsd": "apipv1p0/apipv1p0_qtiextv2p1_v1p0.xsd",
    "http://www.imsglobal.org/xsd/imsmd_v1p2p4.xsd": "imsmd_v1p2p4.xsd",
}


class _Local(etree.Resolver):
    def resolve(self, url: str, pubid: str | None, context: object) -> object:
        if url in LOCAL:
            return self.resolve_filename(str(DATA / LOCAL[url]), context)
        if url.startswith(("http:", "https:", "ftp:")):
            raise AssertionError(f"the XSDs asked for {url}, which is not stored in {DATA}")
        return None  # a relative path: lxml opens it beside the importing schema


def parser() -> etree.XMLParser:
    p = etree.XMLParser(no_network=True, resolve_entities=False, load_dtd=False)
    p.resolvers.add(_Local())
    return p


@functools.cache
def schema(name: str) -> etree.XMLSchema:
    """'qti' (imsqti_v2p1.xsd), 'result' (imsqti_result_v2p1.xsd) or 'cp' (imscp_v1p1.xsd)."""
    path = {"qti": "qtiv2p1/imsqti_v2p1.xsd", "result": "qtiv2p1/imsqti_result_v2p1.xsd", "cp": "imscp_v1p1.xsd"}[name]
    return etree.XMLSchema(etree.parse(str(DATA / path), parser()))


def errors(name: str, document: bytes) -> list[str]:
    """Every way `document` breaks the schema; empty when it is valid."""
    s = schema(name)
    tree = etree.fromstring(document, etree.XMLParser(no_network=True, resolve_entities=False)).getroottree()
    return [] if s.validate(tree) else [f"{e.line}:{e.column}: {e.message}" for e in s.error_log]
