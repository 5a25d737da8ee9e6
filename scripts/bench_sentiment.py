"""Time sentiment scoring against plain VADER on a CSV of articles.

Plain VADER: ``polarity_scores`` on each article's whole text, and on each sentence.  Ours:
``analysis.sentiment.score_document`` on each segmented article (VADER once per sentence,
plus once per part of sentences mixing quoted and narrative text); segmentation is timed
apart.

Usage: python scripts/bench_sentiment.py PATH/TO/bbc_news.csv [--limit N] [--text-col text]
"""

from __future__ import annotations

import argparse
import time

from analysis import load_corpus, segment_document
from analysis.sentiment import _analyzer, score_document


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("csv")
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    parser.add_argument("--text-col", default="text")
    args = parser.parse_args()
    texts = load_corpus(args.csv, text_col=args.text_col)["text"].tolist()[: args.limit]
    analyzer = _analyzer()

    t0 = time.perf_counter()
    for text in texts:
        analyzer.polarity_scores(text)
    plain = time.perf_counter() - t0

    t0 = time.perf_counter()
    segmented = [segment_document(text) for text in texts]
    segmentation = time.perf_counter() - t0

    t0 = time.perf_counter()
    for seg in segmented:
        for s in seg.sentences:
            analyzer.polarity_scores(seg.view[s.start : s.end])
    per_sentence = time.perf_counter() - t0

    t0 = time.perf_counter()
    for seg in segmented:
        score_document(seg, [True] * len(seg.sentences))
    ours = time.perf_counter() - t0

    print(f"articles: {len(texts)}")
    print(f"plain VADER, whole texts:  {plain:.2f} s")
    print(f"plain VADER, per sentence: {per_sentence:.2f} s")
    print(f"score_document:            {ours:.2f} s")
    print(f"ratios: x{ours / plain:.2f} of whole texts, x{ours / per_sentence:.2f} of per sentence")
    print(f"segmentation (apart):      {segmentation:.2f} s")


if __name__ == "__main__":
    main()
