"""Time the hedge-speaker lookup on one long document: scanning every quotation for each
hedge (the code before issue 19) against ``pipeline._speakers_at`` (one sweep).

Usage::

    PYTHONPATH=. python scripts/bench_hedge_speakers.py ../shared/corpora/bbc_news.csv

The corpus's texts are joined with blank lines and cut to 1, 2 and 4 MB; each document is
segmented and its hedges and quotations found once, then both lookups run on them (CPU
seconds) and must give the same speakers.
"""

from __future__ import annotations

import argparse
import time

import pandas as pd

from analysis import hedging, pipeline, sources
from analysis.segment import segment_document


def scan_every_quotation(position: int, quotes: list[dict]) -> str | None:
    for q in quotes:
        if q["content_start"] <= position < q["content_end"] and q.get("source") is not None:
            return q["source"]
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", help="a CSV with a text column")
    parser.add_argument("--text-col", default="text")
    args = parser.parse_args()
    joined = "\n\n".join(pd.read_csv(args.corpus)[args.text_col].astype(str))
    for megabytes in (1, 2, 4):
        seg = segment_document(joined[: megabytes * 1_000_000], "d")
        positions = [h["start"] for h in hedging.find_hedges(seg)]
        quotes, _ = sources.extract_attributions(seg)
        started = time.process_time()
        scanned = [scan_every_quotation(p, quotes) for p in positions]
        scanning = time.process_time() - started
        started = time.process_time()
        swept = pipeline._speakers_at(positions, quotes)
        sweeping = time.process_time() - started
        assert scanned == swept
        print(f"{megabytes} MB: {len(positions)} hedges, {len(quotes)} quotations: "
              f"scanning every quotation {scanning:.2f} s, the sweep {sweeping:.3f} s", flush=True)


if __name__ == "__main__":
    main()
