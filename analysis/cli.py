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
    report.add_argument(
        "--id-col",
        default=None,
        help="column holding unique document ids (default: doc_id, else id when unique, else row numbers)",
    )
    report.add_argument("--no-dedupe", action="store_true", help="count repeated passages every time they occur")
    report.add_argument("--jobs", type=_positive, default=1, help="worker processes (default: 1)")
    report.add_argument(
        "--annotated",
        type=_non_negative,
        default=10,
        metavar="N",
        help="corpus reports: show the annotated text of N documents sampled across groups (default: 10)",
    )
    sheet = commands.add_parser(
        "sheet",
        help="draw a coding sheet for a human coder (docs/validation.md)",
        description="Analyse INPUT and draw a seeded sample of one measure's units, tool-negative units included, "
        "as a CSV sheet to code against docs/codebook.md; the tool's labels go to NAME.key.csv beside it.",
    )
    sheet.add_argument("input", help="a .txt/.md file, a folder of them, or a .csv/.jsonl/.json/.parquet table")
    sheet.add_argument("--measure", required=True, choices=["sentiment", "hedges", "sources", "repetition"])
    sheet.add_argument("-n", type=_positive, default=100, help="units to draw (default: 100)")
    sheet.add_argument("-o", "--output", required=True, help="the sheet to write (a new .csv file)")
    sheet.add_argument("--seed", type=int, default=0, help="seed of the draw (default: 0)")
    sheet.add_argument("--stratify", default=None, help="'tool_category', or a documents column to stratify by")
    sheet.add_argument("--no-negatives", action="store_true", help="draw only units where the tool found something")
    sheet.add_argument("--coders", type=_positive, default=1, help="coders coding the same rows (default: 1)")
    sheet.add_argument("--show-labels", action="store_true", help="put the tool's labels in the sheet itself")
    sheet.add_argument("--text-col", default="text", help="column holding the text in a table (default: text)")
    sheet.add_argument("--id-col", default=None, help="column holding unique document ids")
    sheet.add_argument("--no-dedupe", action="store_true", help="sample repeated sentences too")
    agree = commands.add_parser(
        "agree",
        help="agreement of a coded sheet with the tool (docs/validation.md)",
        description="Read a sheet drawn by 'sheet' and coded by hand; print precision, recall, F1 (with bootstrap "
        "intervals), kappa, Krippendorff's alpha, the confusion table and the disagreeing rows.",
    )
    agree.add_argument("sheet", help="the coded sheet (.csv); its key NAME.key.csv is read from beside it")
    agree.add_argument("--seed", type=int, default=0, help="seed of the bootstrap (default: 0)")
    agree.add_argument("--disagreements", default=None, metavar="CSV", help="also write the disagreeing rows there")
    return parser


def _summary(result: dict) -> str:
    docs = result["analysis"].documents
    errors = int(docs.error.notna().sum())
    csvs = [p for p in result["tables"] if p.suffix == ".csv"]
    id_col = result.get("id_col")
    ids = f"column {id_col!r} (unique)" if id_col else "row numbers" if "path" not in docs else "file names"
    lines = [
        f"{len(docs)} document(s), {int(docs.n_words.sum())} words, {int(docs.n_sentences.sum())} sentences"
        + (f", {errors} could not be analysed (see documents.csv, column error)" if errors else ""),
        f"ids:        {ids}",
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


def _sheet(args: argparse.Namespace) -> int:
    from analysis.coding import coding_sheet, key_path
    from analysis.corpus import load_corpus
    from analysis.pipeline import analyze

    output = Path(args.output)
    if output.exists() or (not args.show_labels and key_path(output).exists()):
        raise ValueError(f"expected a new file for the sheet, found an existing {output} or its key")
    res = analyze(load_corpus(Path(args.input), text_col=args.text_col, id_col=args.id_col), dedupe=not args.no_dedupe)
    sheet = coding_sheet(
        res,
        args.measure,
        n=args.n,
        seed=args.seed,
        stratify=args.stratify,
        include_negatives=not args.no_negatives,
        coders=args.coders,
        path=output,
        hide_labels=not args.show_labels,
    )
    found = int((sheet["tool_label"] != 0).sum())
    print(f"{len(sheet)} {args.measure} units ({found} where the tool found something, {len(sheet) - found} not)")
    print(f"sheet: {output}" + ("" if args.show_labels else f"\nkey:   {key_path(output)} (keep it from the coder)"))
    return 0


def _disagreeing_rows(disagreements) -> str:
    by_coder = disagreements.groupby("coder", sort=False)["row"]
    return "; ".join(f"{coder or 'code'}: {', '.join(map(str, rows))}" for coder, rows in by_coder)


def _agree(args: argparse.Namespace) -> int:
    import warnings

    from analysis.coding import agreement

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = agreement(Path(args.sheet), seed=args.seed)
    for warning in caught:
        print(f"media-analysis: warning: {warning.message}", file=sys.stderr)
    figures = result.figures
    print(figures.drop(columns="meaning").to_string(index=False, float_format="{:.3f}".format, na_rep="-"))
    print("(low, high: 95% bootstrap interval; n: coded units)")
    for statistic, meaning in dict(zip(figures["statistic"], figures["meaning"])).items():
        print(f"  {statistic}: {meaning}")
    print("\nunits by the tool's label and the coder's code (estimated: in the corpus, weighted for the sampling)")
    print(result.confusion.to_string(index=False, float_format="{:.1f}".format))
    listed = f" (coder: rows): {_disagreeing_rows(result.disagreements)}" if len(result.disagreements) else ""
    print(f"\n{len(result.disagreements)} disagreement(s){listed}")
    if args.disagreements:
        result.disagreements.to_csv(args.disagreements, index=False)
        print(f"disagreements: {args.disagreements}")
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
            return {"sheet": _sheet, "agree": _agree}.get(args.command, _report)(args)
    except (FileNotFoundError, ValueError) as err:
        print(f"media-analysis: error: {err}", file=sys.stderr)
        return 2
