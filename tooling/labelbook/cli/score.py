"""`labelbook score`: grade a calibration quiz and measure agreement across labelers.

Only argument handling and output live here; the scoring is `labelbook.score`, imported
when the command runs (every `labelbook` command builds this parser and its help).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from labelbook.cli.common import write_output
from labelbook.core.problems import ContentError, UsageError
from labelbook.score import FORMATS
from labelbook.score.settings import AGREE_SHARE, FROM, MIN_ANSWERS, SPLIT_SHARE

_BY_SUFFIX = {".txt": "text", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".json": "json"}

DESCRIPTION = f"""\
Grade a calibration round: accuracy per labeler, item, rule and area against the
quiz's key; agreement across labelers (Fleiss' kappa, Krippendorff's alpha, Gwet's
AC1, beside raw agreement and label shares); and the items to act on. Fleiss'
kappa needs the same number of answers on every item; alpha and AC1 allow missing
ones; a figure that cannot be given says why instead of showing a number.

RESPONSES is one or more files (RESPONSES.csv, a Moodle report, QTI results), each
read as what it is, or as --from says:
  csv     labelbook's CSV (or XLSX): a header naming the columns labeler, item, answer
          (any order, any case; other columns are ignored; UTF-8 with or without BOM;
          ',' ';' or tab). item is the quiz item id (= the example id, or its QTI
          identifier item-HS-001-E01); answer is an option id, its title, or its QTI
          identifier choice-remove; a blank answer counts as skipped.
  moodle  Moodle's quiz Responses report, CSV or Excel, downloaded with 'Question text'
          and 'Response' shown ('Right answer' too, to check the key): one row per
          attempt; each question is found by its text, each answer by its title. The
          labeler is the ID number, Username or Email address column (--labeler-column
          names another); unfinished attempts are left out with a warning.
  qti     QTI 2.1 result reports (assessmentResult): one XML file per candidate, a
          folder of them, or a zip; the candidate is context/@sourcedId.
One labeler answers each item once: a second answer is an error naming both rows.

Findings (items with {MIN_ANSWERS} or more answers):
  check the key or train   one wrong answer has >= {AGREE_SHARE:.0%} of the answers
  clarify the rule         the most common answer has < {SPLIT_SHARE:.0%} of the answers

Exit codes: 0 report written; 1 the quiz or the responses have errors (each one is
listed as FILE:ROW:COL: error[code]: message, and nothing is written); 2 the command
was used wrongly (a missing file, a bad option).
"""

EPILOG = """\
examples:
  labelbook score --quiz quiz.json responses.csv
  labelbook score --quiz quiz.json responses.csv --format md -o weekly.md
  labelbook score --quiz quiz.json responses.csv -o report.html   (format from the suffix)
  labelbook score --quiz quiz.json "Calibration-responses.xlsx"   (Moodle's download)
  labelbook score --quiz quiz.json results/ --from qti            (a folder of QTI result files)
"""


def _format(args: argparse.Namespace) -> str:
    if args.format:
        return args.format
    if args.output and args.output != "-":
        return _BY_SUFFIX.get(Path(args.output).suffix.lower(), "text")
    return "text"


def cmd_score(args: argparse.Namespace) -> int:
    from labelbook.score import build, load_quiz, read_all, render

    fmt = _format(args)
    if args.output and args.output != "-":
        target = Path(args.output).resolve()
        if target in (Path(p).resolve() for p in [args.quiz, *args.responses]):
            raise UsageError(f"-o {args.output}: that is an input file; the report would replace it")
    try:
        quiz = load_quiz(Path(args.quiz), args.quiz)
        read = read_all(args.responses, quiz, getattr(args, "from"), args.labeler_column)
    except ContentError as exc:
        # stderr, not stdout: stdout may be redirected into the report file.
        for p in exc.problems:
            print(p.as_text(), file=sys.stderr)
        print(f"labelbook: error: {exc}", file=sys.stderr)
        return exc.exit_code
    for w in read.warnings:
        print(w.as_text(), file=sys.stderr)
    report = build(quiz, read.responses, ", ".join(args.responses))
    text = render(report, fmt)
    if args.output and args.output != "-":
        write_output(args.output, text.encode("utf-8"))
        findings = len(report.agree_not_key) + len(report.split)
        print(f"wrote {args.output} ({fmt}): {len(report.labelers)} labelers, {len(report.items)} items, "
              f"{findings} item(s) to act on", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def add_commands(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "score",
        help="grade a calibration quiz: accuracy, agreement, and the rules that confuse people",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--quiz", required=True, metavar="QUIZ.json", help="the quiz as written by `labelbook quiz --format json` (its key grades the answers)")
    p.add_argument("responses", nargs="+", metavar="RESPONSES", help="the answers: labelbook's CSV (labeler, item, answer), Moodle's Responses report (CSV or XLSX), or QTI result files (a folder or zip of them)")
    p.add_argument("--from", choices=FROM, help="what the responses are (default: told from their content)")
    p.add_argument("--labeler-column", metavar="NAME", help="the column of a Moodle report that names the labeler (default: ID number, Username, Email address, else first and last name)")
    p.add_argument("--format", choices=FORMATS, help="text (default), md for a weekly report or pull request, html for one self-contained page with charts, json (schemas/score.schema.json); with -o, guessed from the file suffix")
    p.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE (atomically: on failure the previous FILE is left intact) instead of standard output")
    p.set_defaults(func=cmd_score)

