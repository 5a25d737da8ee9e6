"""Segmentation throughput: sentences per second on one core.

Usage: python scripts/bench_segmentation.py [CORPUS.csv] [--text-col text]

Defaults to ../shared/corpora/bbc_news.csv (relative to the repository root). Prints the
best of three runs of the whole ground floor (normalisation, paragraphs, sentences,
quotations, sentence words and voices) and, for comparison, nltk's Punkt with the same abbreviations.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

from analysis import load_corpus
from analysis.resources import read_lines
from analysis.segment import find_paragraphs, segment_document
from analysis.text import normalise

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "bbc_news.csv"


def best_of_three(function) -> tuple[float, int]:
    times, count = [], 0
    for _ in range(3):
        start = time.perf_counter()
        count = function()
        times.append(time.perf_counter() - start)
    return min(times), count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", nargs="?", default=str(DEFAULT))
    parser.add_argument("--text-col", default="text")
    args = parser.parse_args()
    texts = [t for t in load_corpus(Path(args.corpus), text_col=args.text_col).text if isinstance(t, str)]

    seconds, sentences = best_of_three(lambda: sum(len(segment_document(t).sentences) for t in texts))
    print(f"documents: {len(texts)}  sentences: {sentences}")
    print(f"analysis.segment: {seconds:.2f} s, {sentences / seconds:,.0f} sentences/s (best of 3, one core)")

    parameters = PunktParameters()
    parameters.abbrev_types = {line.split("\t")[0].lower() for line in read_lines("abbreviations.txt")}
    punkt = PunktSentenceTokenizer(parameters)

    def run_punkt() -> int:
        total = 0
        for text in texts:
            view = normalise(text)
            for start, end in find_paragraphs(view):
                total += sum(1 for _ in punkt.span_tokenize(view[start:end]))
        return total

    seconds, sentences = best_of_three(run_punkt)
    print(f"nltk Punkt (same abbreviations): {seconds:.2f} s, {sentences / seconds:,.0f} sentences/s")


if __name__ == "__main__":
    main()
