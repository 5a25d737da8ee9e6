"""Time attribution extraction and source prominence against plain VADER on a corpus.

    python scripts/bench_sources.py ../shared/corpora/bbc_news.csv

Segments every document first (not timed), then times (1) ``extract_attributions`` plus
``prominence`` per document and (2) VADER's ``polarity_scores`` on every sentence, and
prints both and their ratio.  Run it on a quiet machine: both figures scale with the load.
"""

import sys
import time

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from analysis import load_corpus
from analysis.segment import segment_document
from analysis.sources import extract_attributions, prominence


def main(path: str) -> None:
    corpus = load_corpus(path)
    segs = [segment_document(t, d) for d, t in zip(corpus["doc_id"], corpus["text"]) if isinstance(t, str)]
    start = time.perf_counter()
    n_quotes = 0
    for seg in segs:
        quotes, mentions = extract_attributions(seg)
        prominence(quotes, mentions, seg)
        n_quotes += len(quotes)
    sources_seconds = time.perf_counter() - start
    analyzer = SentimentIntensityAnalyzer()
    start = time.perf_counter()
    for seg in segs:
        for s in seg.sentences:
            analyzer.polarity_scores(seg.view[s.start : s.end])
    vader_seconds = time.perf_counter() - start
    print(f"{len(segs)} documents, {n_quotes} attributions")
    print(f"sources: {sources_seconds:.2f} s   VADER (every sentence): {vader_seconds:.2f} s")
    print(f"ratio sources / VADER: {sources_seconds / vader_seconds:.2f}")


if __name__ == "__main__":
    main(sys.argv[1])
