"""Time the analysis of one 1 MB document, news-like and pathological.

Usage::

    PYTHONPATH=. python scripts/bench_large_document.py [CORPUS.csv] [--size 1000000]

The news-like document is the repository's sample article repeated to the size, or, when
a CSV with a ``text`` column is given (e.g. ``../shared/corpora/bbc_news.csv``), its
articles joined with blank lines until the size is reached.  The pathological documents
are the shapes that once made a regular expression or a look-back quadratic.  Prints the
seconds for segmentation and for the whole ``analyze`` of each.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import pandas as pd

from analysis import analyze
from analysis.segment import segment_document

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "raw" / "kcna_dprk_troops_russia.txt"


def _news_like(corpus: str | None, size: int) -> tuple[str, str]:
    if corpus is None:
        text, source = SAMPLE.read_text(encoding="utf-8"), "the sample article"
        return (text * (size // len(text) + 1))[:size], f"{source}, repeated"
    articles = pd.read_csv(corpus, usecols=["text"], dtype=str, keep_default_na=False).text
    joined, length = [], 0
    for article in articles:
        joined.append(article)
        length += len(article) + 2
        if length >= size:
            break
    return "\n\n".join(joined)[:size], f"{len(joined)} articles of {corpus}, joined"


def _time(text: str) -> tuple[float, float, int]:
    start = time.perf_counter()
    seg = segment_document(text)
    segmented = time.perf_counter() - start
    start = time.perf_counter()
    res = analyze([text])
    analysed = time.perf_counter() - start
    assert res.documents.error.isna().all(), res.documents.error.iloc[0]
    return segmented, analysed, len(seg.sentences)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", help="a CSV with a text column (optional)")
    parser.add_argument("--size", type=int, default=1_000_000, help="characters (default 1,000,000)")
    args = parser.parse_args()
    size = args.size
    news, described = _news_like(args.corpus, size)
    documents = {
        f"news-like ({described})": news,
        "news-like as one paragraph (line breaks as spaces)": news.replace("\n", " "),
        "one line of words without punctuation": ("word " * (size // 5 + 1))[:size],
        "full stops only": "." * size,
        "double quote marks only": '"' * size,
        "quote, full stop, quote": ('"."' * (size // 3 + 1))[:size],
        "deeply nested brackets": "(" * (size // 2) + ")" * (size // 2),
    }
    print(f"{'document':58s} {'chars':>9s} {'sentences':>9s} {'segment s':>9s} {'analyze s':>9s}")
    for name, text in documents.items():
        segmented, analysed, n_sentences = _time(text)
        print(f"{name[:58]:58s} {len(text):9,d} {n_sentences:9,d} {segmented:9.2f} {analysed:9.2f}", flush=True)


if __name__ == "__main__":
    main()
