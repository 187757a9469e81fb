"""The weekly quality report from QA audits (SPEC section 8): what is abnormal, why, what to do.

Plain Python over Polars that knows nothing of the command line, git or MkDocs; what it
needs of the guidelines' history comes in as plain data (`context.Guidelines`):

    audits = read_audits(["audits/"], guidelines.vocabulary())
    period = choose_period(audits, Settings(week="2026-W48"))
    report = build_report(audits, period, guidelines, Settings(week="2026-W48"))
    html = render(report, "html")

Nothing it reads ever reaches the guideline site: it returns bytes for the caller to write.
"""

from __future__ import annotations

from typing import Callable

from labelbook.qa.audits import Audits, read_audits
from labelbook.qa.build import Settings, build_report, choose_period
from labelbook.qa.context import Guidelines, ReleaseInfo, RuleChange, RuleInfo, from_repo
from labelbook.qa.model import Report
from labelbook.qa.problems import CODES, AuditError, AuditProblem
from labelbook.qa.render_html import render_html
from labelbook.qa.render_json import render_json
from labelbook.qa.render_md import render_md
from labelbook.qa.render_text import render_text
from labelbook.qa.render_xlsx import render_xlsx

RENDERERS: dict[str, Callable[[Report], bytes]] = {
    "text": render_text,
    "md": render_md,
    "html": render_html,
    "json": render_json,
    "xlsx": render_xlsx,
}
FORMATS = tuple(RENDERERS)


def render(report: Report, fmt: str) -> bytes:
    return RENDERERS[fmt](report)


__all__ = [
    "CODES", "FORMATS", "AuditError", "AuditProblem", "Audits", "Guidelines", "ReleaseInfo", "Report", "RuleChange",
    "RuleInfo", "Settings", "build_report", "choose_period", "from_repo", "read_audits", "render",
]
