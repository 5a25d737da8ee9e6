"""Command line: ``python -m analysis report INPUT [-o OUTDIR] ...`` (also ``media-analysis``).

Analyses INPUT (anything :func:`analysis.load_corpus` accepts as a path), writes every
result table as CSV (and Parquet) to OUTDIR, renders the HTML report there (see
:mod:`analysis.report`) and prints a short summary with the output paths.  Bad input (a
missing file, an empty folder, a table without the text column) prints one line on
stderr and exits with code 2, without a traceback.
"""

from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path

from analysis.report import write_report

__all__ = ["main"]


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, found {value}")
    return number


def _non_negative(value: str) -> int:
    number = int(value)
    if number < 0:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 0, found {value}")
    return number


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="media-analysis", description="Measure how news is written.")
    commands = parser.add_subparsers(dest="command", required=True)
    report = commands.add_parser(
        "report",
        help="analyse an article or a corpus; write its tables and an HTML report",
        description="Analyse an article or a corpus; write its tables (CSV, Parquet), provenance.json, "
        "the executed report notebook and report.html to OUTDIR.",
    )
    report.add_argument("input", help="a .txt/.md file, a folder of them, or a .csv/.jsonl/.json/.parquet table")
    report.add_argument("-o", "--outdir", default="reports", help="output folder (default: reports)")
    report.add_argument("--title", default=None, help="report title (default: 'media-analysis report: INPUT-NAME')")
    report.add_argument("--text-col", default="text", help="column holding the text in a table (default: text)")
    report.add_argument("--id-col", default=None, help="column holding unique document ids")
    report.add_argument("--no-dedupe", action="store_true", help="count repeated passages every time they occur")
    report.add_argument("--jobs", type=_positive, default=1, help="worker processes (default: 1)")
    report.add_argument(
        "--annotated",
        type=_non_negative,
        default=10,
        metavar="N",
        help="corpus reports: show the annotated text of the first N documents (default: 10)",
    )
    return parser


def _summary(result: dict) -> str:
    docs = result["analysis"].documents
    errors = int(docs.error.notna().sum())
    csvs = [p for p in result["tables"] if p.suffix == ".csv"]
    lines = [
        f"{len(docs)} document(s), {int(docs.n_words.sum())} words, {int(docs.n_sentences.sum())} sentences"
        + (f", {errors} could not be analysed (see documents.csv, column error)" if errors else ""),
        f"report:     {result['html']}",
        f"tables:     {', '.join(p.name for p in csvs)}"
        + (" (and .parquet)" if any(p.suffix == ".parquet" for p in result["tables"]) else "")
        + f" in {csvs[0].parent}",
        f"provenance: {result['provenance']}",
    ]
    return "\n".join(lines)


def _report(args: argparse.Namespace) -> int:
    result = write_report(
        Path(args.input),
        Path(args.outdir),
        title=args.title,
        text_col=args.text_col,
        id_col=args.id_col,
        dedupe=not args.no_dedupe,
        n_jobs=args.jobs,
        max_annotated=args.annotated,
    )
    print(_summary(result))
    return 0


def _show_warning(message, category, filename, lineno, file=None, line=None) -> None:
    """A warning as one line for a command-line user: no source file, line number or code."""
    print(f"media-analysis: warning: {message}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``python -m analysis`` and the ``media-analysis`` script; returns the exit code.

    Examples
    --------
    >>> main(["report", "no/such/file.txt", "-o", "unused"])
    2
    """
    args = _parser().parse_args(argv)
    try:
        with warnings.catch_warnings():
            warnings.showwarning = _show_warning
            return _report(args)
    except (FileNotFoundError, ValueError) as err:
        print(f"media-analysis: error: {err}", file=sys.stderr)
        return 2
