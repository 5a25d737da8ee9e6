"""Validation figures for docs/sentiment.md.

1. Agreement: for every sentence of every article, the compound rebuilt from
   ``explain_sentiment``'s contributions, and the four scores of the re-trace that
   ``score_text`` computes, against VADER's own ``polarity_scores``; the same four scores
   for every part of the sentences that mix voices (the other texts ``score_text``
   scores) and for every whole article.
2. Saturation: the share of articles whose whole text scores |compound| > 0.9, against
   the same share and the spread of the per-article mean sentence compound.

Usage: python scripts/validate_sentiment.py PATH/TO/bbc_news.csv [--text-col text]
"""

from __future__ import annotations

import argparse

import pandas as pd

from analysis import load_corpus, segment_document
from analysis.segment import voice_parts
from analysis.sentiment import _analyzer, _traced_scores, explain_sentiment
from analysis.text import normalise


def vader_scores(view: str) -> tuple[float, float, float, float]:
    """VADER's own scores, from vaderSentiment."""
    s = _analyzer().polarity_scores(view)
    return s["compound"], s["neg"], s["neu"], s["pos"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("csv", help="a CSV of articles, e.g. bbc_news.csv")
    parser.add_argument("--text-col", default="text")
    args = parser.parse_args()
    corpus = load_corpus(args.csv, text_col=args.text_col)

    n_sentences = agree = traced_agree = longest = 0
    n_parts = parts_agree = whole_agree = 0
    disagreements = []
    whole, sentence_means = [], []
    for doc_id, text in zip(corpus["doc_id"], corpus["text"]):
        seg = segment_document(text, doc_id)
        compounds = []
        for s in seg.sentences:
            reference = vader_scores(seg.view[s.start : s.end])
            vader = reference[0]
            explained = explain_sentiment(seg.text[s.start : s.end]).attrs["compound"]
            compounds.append(vader)
            n_sentences += 1
            longest = max(longest, s.end - s.start)
            traced_agree += _traced_scores(seg.view[s.start : s.end]) == reference
            parts = voice_parts(seg.view, s.start, s.end, seg.quotations)
            if len({voice for _, _, voice in parts}) > 1:
                for start, end, _ in parts:
                    n_parts += 1
                    parts_agree += _traced_scores(seg.view[start:end]) == vader_scores(seg.view[start:end])
            if explained == vader:
                agree += 1
            elif len(disagreements) < 5:
                disagreements.append((doc_id, seg.text[s.start : s.end], vader, explained))
        whole_reference = vader_scores(normalise(text))
        whole_agree += _traced_scores(normalise(text)) == whole_reference
        whole.append(whole_reference[0])
        sentence_means.append(sum(compounds) / len(compounds) if compounds else float("nan"))

    print(f"articles: {len(corpus)}, sentences: {n_sentences}")
    print(f"explain_sentiment reproduces VADER's compound exactly: {agree}/{n_sentences} ({agree / n_sentences:.4%})")
    print(f"re-trace reproduces VADER's (compound, neg, neu, pos): {traced_agree}/{n_sentences}")
    print(f"re-trace reproduces VADER's four scores on the parts of mixed sentences: {parts_agree}/{n_parts}")
    print(f"re-trace reproduces VADER's four scores on whole articles: {whole_agree}/{len(corpus)}")
    print(f"longest sentence: {longest} characters")
    for d in disagreements:
        print("  disagreement:", d)
    scores = pd.DataFrame({"whole_text": whole, "sentence_mean": sentence_means})
    print(f"share with |compound| > 0.9, whole text scored at once: {(scores.whole_text.abs() > 0.9).mean():.1%}")
    print(f"share with |compound| > 0.9, mean of sentence scores:   {(scores.sentence_mean.abs() > 0.9).mean():.1%}")
    print("quantiles (5%, 25%, 50%, 75%, 95%):")
    print(scores.quantile([0.05, 0.25, 0.5, 0.75, 0.95]).round(3).to_string())
    spread = scores.std()
    print(f"standard deviation: whole text {spread.whole_text:.3f}, sentence mean {spread.sentence_mean:.3f}")


if __name__ == "__main__":
    main()
