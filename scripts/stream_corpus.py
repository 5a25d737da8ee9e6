"""Stream a large corpus into partitioned Parquet tables (docs/scale.md).

    python scripts/stream_corpus.py PATH OUT_DIR [--chunksize N] [--jobs N]

Runs :func:`analysis.analyze_corpus`; run the same command again to resume after an
interruption.
"""

import argparse
import sys

from analysis.stream import analyze_corpus


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", help="a .csv or .jsonl corpus")
    parser.add_argument("out_dir", help="output folder; run again with the same arguments to resume")
    parser.add_argument("--chunksize", type=int, default=1000, help="documents per chunk (default: 1000)")
    parser.add_argument("--jobs", type=int, default=1, help="worker processes (default: 1)")
    parser.add_argument("--text-col", default="text", help="column holding the text (default: text)")
    parser.add_argument("--id-col", default=None, help="column holding unique document ids")
    parser.add_argument("--no-dedupe", action="store_true", help="count repeated passages every time they occur")
    args = parser.parse_args(argv)
    chunks = analyze_corpus(
        args.path,
        args.out_dir,
        chunksize=args.chunksize,
        n_jobs=args.jobs,
        dedupe=not args.no_dedupe,
        text_col=args.text_col,
        id_col=args.id_col,
    )
    done = chunks[~chunks.skipped]
    print(
        f"{len(chunks)} chunk(s), {int(chunks.n_documents.sum())} documents: "
        f"{len(done)} analysed now, {len(chunks) - len(done)} finished earlier; tables in {args.out_dir}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
