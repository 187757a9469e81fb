"""The weekly quality report from QA audits (SPEC section 8): what is abnormal, why, what to do.

Plain Python over Polars that knows nothing of the command line, git or MkDocs; what it
needs of the guidelines' history comes in as plain data (`context.Guidelines`):

    audits = read_audits(["audits/"], guidelines.vocabulary())
    period = choose_period(audits, Settings(week="2026-W48"))
    report = build_report(audits, period, guidelines, Settings(week="2026-W48"))
    html = render(report, "html")

Nothing it reads ever reaches the guideline site: it returns bytes for the caller to write.

Polars, NumPy, SciPy and XlsxWriter load when a name that needs them is first used (PEP 562
`__getattr__` below), not when this package is imported: the command line imports it for
`qa`'s options and help, and every other command would pay a second and 100 MB for it
(tests/architecture/test_light_imports.py keeps it so).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from labelbook.core import lazy
from labelbook.qa.context import Guidelines, ReleaseInfo, RuleChange, RuleInfo, from_repo
from labelbook.qa.problems import CODES, AuditError, AuditProblem

if TYPE_CHECKING:
    from labelbook.qa.audits import Audits, read_audits
    from labelbook.qa.build import Settings, build_report, choose_period
    from labelbook.qa.model import Report

#: The report's formats, and the module and function that render each.
_RENDERERS = {
    "text": ("labelbook.qa.render_text", "render_text"),
    "md": ("labelbook.qa.render_md", "render_md"),
    "html": ("labelbook.qa.render_html", "render_html"),
    "json": ("labelbook.qa.render_json", "render_json"),
    "xlsx": ("labelbook.qa.render_xlsx", "render_xlsx"),
}
FORMATS = tuple(_RENDERERS)
#: The formats of `labelbook qa staffing` (`render_staffing`).
STAFFING_FORMATS = ("text", "md", "json")

# The public names imported on first use: those that need the scientific stack, and the
# report's model, which only a run needs (defining its dataclasses took every command 10 ms).
_LAZY = {
    "Audits": "labelbook.qa.audits",
    "read_audits": "labelbook.qa.audits",
    "Settings": "labelbook.qa.build",
    "build_report": "labelbook.qa.build",
    "choose_period": "labelbook.qa.build",
    "Report": "labelbook.qa.model",
}


def render(report: Report, fmt: str) -> bytes:
    rendered: bytes = lazy.call(_RENDERERS[fmt], report)  # only this format's renderer is imported (XlsxWriter is one)
    return rendered


__getattr__ = lazy.loader(globals(), "labelbook.qa", _LAZY, _RENDERERS)


__all__ = [
    "CODES", "FORMATS", "STAFFING_FORMATS", "AuditError", "AuditProblem", "Audits", "Guidelines", "ReleaseInfo", "Report", "RuleChange",
    "RuleInfo", "Settings", "build_report", "choose_period", "from_repo", "read_audits", "render",
]
