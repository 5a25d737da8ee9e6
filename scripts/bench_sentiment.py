"""Time sentiment scoring against plain VADER on a CSV of articles.

Plain VADER: ``polarity_scores`` on each article's whole text, and on each sentence.  Ours:
``analysis.sentiment.score_document`` on each segmented article (VADER's scores from the
package's re-trace of its rules, once per sentence, plus once per part of sentences mixing
quoted and narrative text); segmentation is timed apart.  Last, one text without sentence
punctuation (the first 60 articles joined, ``.!?`` removed), scored by VADER and by
``score_text``.  Times are CPU seconds.

Usage: python scripts/bench_sentiment.py PATH/TO/bbc_news.csv [--limit N] [--text-col text]
"""

from __future__ import annotations

import argparse
import time

from analysis import load_corpus, normalise, segment_document
from analysis.sentiment import _analyzer, score_document, score_text

LONG_TEXT_ARTICLES = 60


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("csv")
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    parser.add_argument("--text-col", default="text")
    args = parser.parse_args()
    texts = load_corpus(args.csv, text_col=args.text_col)["text"].tolist()[: args.limit]
    analyzer = _analyzer()

    t0 = time.process_time()
    for text in texts:
        analyzer.polarity_scores(text)
    plain = time.process_time() - t0

    t0 = time.process_time()
    segmented = [segment_document(text) for text in texts]
    segmentation = time.process_time() - t0

    t0 = time.process_time()
    for seg in segmented:
        for s in seg.sentences:
            analyzer.polarity_scores(seg.view[s.start : s.end])
    per_sentence = time.process_time() - t0

    t0 = time.process_time()
    for seg in segmented:
        score_document(seg, [True] * len(seg.sentences))
    ours = time.process_time() - t0

    print(f"articles: {len(texts)}")
    print(f"plain VADER, whole texts:  {plain:.2f} s")
    print(f"plain VADER, per sentence: {per_sentence:.2f} s")
    print(f"score_document:            {ours:.2f} s")
    print(f"ratios: x{ours / plain:.2f} of whole texts, x{ours / per_sentence:.2f} of per sentence")
    print(f"segmentation (apart):      {segmentation:.2f} s")

    long_text = normalise(" ".join(texts[:LONG_TEXT_ARTICLES]).translate(str.maketrans("", "", ".!?")))
    t0 = time.process_time()
    vader = analyzer.polarity_scores(long_text)
    vader_time = time.process_time() - t0
    t0 = time.process_time()
    traced = score_text(long_text)
    traced_time = time.process_time() - t0
    same = traced == (vader["compound"], vader["neg"], vader["neu"], vader["pos"])
    print(f"one text of {len(long_text.split())} words without .!?: VADER {vader_time:.2f} s, "
          f"score_text {traced_time:.2f} s, same scores: {same}")


if __name__ == "__main__":
    main()
