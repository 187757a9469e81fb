"""The help of `labelbook qa` and `labelbook qa staffing`, next to the rules it describes.

Every `labelbook` command builds every parser, help included, so this reads only modules
that load no Polars, NumPy or SciPy (`staffing` imports Polars when it plans).
"""

from __future__ import annotations

from labelbook.qa import staffing, thresholds
from labelbook.qa.problems import CODES

DESCRIPTION = f"""\
The weekly quality report from QA audits: what is abnormal, why, and what to do.

AUDIT: CSV (UTF-8 with or without BOM, or UTF-16 as Excel saves "Unicode Text";
',' ';' or tab), XLSX (its first visible sheet) or Parquet; several files, globs or
folders. One row per audited item, with the columns

  date          required  the day of the labeler's decision: 2026-11-23, an ISO date
                          and time, or an Excel date
  labeler       required  the labeler's id (personal data: see --pseudonymize)
  item          required  the content item's id in the review tool
  decision      required  the labeler's decision: a decision id of policy.yaml
  qa_decision   required  QA's decision, the truth for this report
  rule                    the rule QA cites; needed for the per-rule figures
  auditor                 who audited; an item audited twice gives auditor agreement
  handle_seconds          the labeler's handling time of the item
  anything else           a segment (vendor, site, queue, shift...), reported like labeler

The report, for the report week (default: the last complete week of the data):
  1 headline        audits, accuracy (95% Wilson interval), under- and over-enforcement
                    (the labeler's decision weaker / stronger than QA's in policy.yaml's
                    order), against the previous week and the baseline; releases
  2 trends          weekly accuracy, overall and per area, releases marked
  3 abnormal data   segments (labeler, rule, area, other columns) whose error rate is
                    significantly above their own baseline: one-sided Fisher test,
                    Benjamini-Hochberg FDR 5% over all segments tested, at least
                    --min-audits audits in the week; days below a p-chart's 3-sigma limit
  4 root cause      the change of accuracy from the previous week split per rule into
                    mix (work moved toward harder rules) and rate (people got worse)
  5 verdicts        per rule flagged or with a large drop: coach when a few labelers
                    (at most {thresholds.COACH_GROUP:.0%} of those on it, each significantly worse than the
                    rest) make at least {thresholds.COACH_SHARE:.0%} of its errors above its baseline and the
                    others are not above it, with the `labelbook quiz` command that
                    recalibrates them; else clarify
  6 productivity    median handling times, when handle_seconds is there
  7 actions         the meeting's agenda: who (policy, training, vendor), what, why

Run inside a guideline repository (or with -C DIR), every rule links to its page on
the site of the version in force (site_url of mkdocs.yml, or --site-url) and the
releases (git tags) are marked; outside one it works without them (--order gives the
decisions' order then).

Exit codes: 0 the report was written; 1 bad audit rows or files (each one listed as
FILE:ROW: error[code]: message, all in one run, and nothing written), or a guideline
repository with errors; 2 the command was used wrongly (a missing file, a bad option,
a --week without audits). Codes of bad rows and files:
""" + "".join(f"  {code:<24}{meaning}\n" for code, meaning in CODES.items())

EPILOG = """\
examples:
  labelbook qa audits/ -o qa-week.html
  labelbook qa 'exports/*.xlsx' --week 2026-W48 --format md
  labelbook qa audits.csv --column qa_decision=final_label --decisions labels.yaml
  LABELBOOK_QA_SALT=... labelbook qa audits/ --pseudonymize --lang bn -o qa.html
  labelbook qa staffing audits/ --volume 12000
"""

STAFFING_DESCRIPTION = f"""\
Labelers needed for the next two months ({staffing.HORIZON_WEEKS} weeks), from the measured handling time.
{staffing.__doc__.split(chr(10), 1)[1] if staffing.__doc__ else ""}
Reads the same audit files as `labelbook qa` (the handle_seconds column is required).
Exit codes: 0 the plan was written; 1 bad audit rows or files; 2 wrong usage.
"""
