"""Command line: ``python -m analysis report INPUT [-o OUTDIR]`` (also ``media-analysis``).

Analyses INPUT (anything :func:`analysis.load_corpus` accepts as a path), writes every
result table as CSV to OUTDIR and prints a short summary.  Errors in the input (a
missing file, a table without the text column) print one line on stderr and exit 2.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from analysis.corpus import load_corpus
from analysis.pipeline import analyze

__all__ = ["main"]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="media-analysis", description="Measure how news is written.")
    commands = parser.add_subparsers(dest="command", required=True)
    report = commands.add_parser("report", help="analyse an article or a corpus and write its tables")
    report.add_argument("input", help="a .txt/.md file, a folder of them, or a .csv/.jsonl/.json/.parquet table")
    report.add_argument("-o", "--outdir", default="reports", help="output folder (default: reports)")
    report.add_argument("--text-col", default="text", help="column holding the text in a table (default: text)")
    report.add_argument("--id-col", default=None, help="column holding unique document ids")
    report.add_argument("--no-dedupe", action="store_true", help="count repeated passages every time they occur")
    report.add_argument("--jobs", type=int, default=1, help="worker processes (default: 1)")
    return parser


def write_tables(res, outdir: Path) -> list[Path]:
    """Write each result table as ``<name>.csv`` in ``outdir``; return the paths written."""
    outdir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, table in res.tables().items():
        path = outdir / f"{name}.csv"
        table.to_csv(path, index=False, lineterminator="\n")
        written.append(path)
    return written


def _summary(res, written: list[Path]) -> str:
    docs = res.documents
    lines = [
        f"{len(docs)} document(s), {int(docs.n_words.sum())} words, {int(docs.n_sentences.sum())} sentences"
        f"{f', {int(docs.error.notna().sum())} with errors' if docs.error.notna().any() else ''}",
        *(f"  {path}" for path in written),
    ]
    return "\n".join(lines)


def _report(args: argparse.Namespace) -> int:
    source = Path(args.input)
    docs = load_corpus(source, text_col=args.text_col, id_col=args.id_col)
    res = analyze(docs, dedupe=not args.no_dedupe, n_jobs=args.jobs)
    written = write_tables(res, Path(args.outdir))
    print(_summary(res, written))
    return 0


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``python -m analysis`` and the ``media-analysis`` script."""
    args = _parser().parse_args(argv)
    try:
        return _report(args)
    except (FileNotFoundError, ValueError) as err:
        print(f"media-analysis: error: {err}", file=sys.stderr)
        return 2
