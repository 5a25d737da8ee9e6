"""Draw a seeded random sample of attributions from a corpus and print each in its context,
for a hand check of the sources measure (is the attribution real? is the speaker right?).

    python scripts/sample_attributions.py ../shared/corpora/bbc_news.csv --n 100 --seed 0

Each attribution is printed once, however many segments it has (the ``attribution``
column of ``res.quotes``), with the sentence before it (for pronouns) and its own sentences;
in the context the speaker is marked ``[[...]]``, the cue ``<<...>>`` and the content
``{...}``.  The sample is drawn with ``numpy.random.default_rng(seed)`` from all attributions
of the corpus, so the same corpus, seed and package version give the same sample.
"""

from __future__ import annotations

import argparse
from bisect import bisect_right

import numpy as np
import pandas as pd

import analysis
from analysis.segment import segment_document


def _marked(text: str, start: int, end: int, spans: list[tuple[int, int, str, str]]) -> str:
    """``text[start:end]`` with each span's opening and closing marks inserted."""
    inserts = []
    for a, b, opening, closing in spans:
        if start <= a < b <= end:
            inserts += [(a, 1, opening), (b, 0, closing)]
    out, cursor = [], start
    for position, _, mark in sorted(inserts):
        out += [text[cursor:position], mark]
        cursor = position
    out.append(text[cursor:end])
    return "".join(out).replace("\n", " / ")


def units(quotes: pd.DataFrame) -> pd.DataFrame:
    """One row per attribution: its segments' rows grouped (all of a row's columns from its first segment)."""
    key = ["doc_id", "attribution"] if "attribution" in quotes else None
    if key is None:
        return quotes.assign(segments=[[i] for i in quotes.index])
    grouped = quotes.reset_index().groupby(key, sort=False)
    first = grouped.first().reset_index()
    first["segments"] = grouped["index"].agg(list).values
    return first


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus")
    parser.add_argument("--n", type=int, default=100)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--text-col", default="text")
    parser.add_argument("--id-col", default=None)
    args = parser.parse_args(argv)
    corpus = analysis.load_corpus(args.corpus, text_col=args.text_col, id_col=args.id_col)
    res = analysis.analyze(corpus)
    table = units(res.quotes)
    rng = np.random.default_rng(args.seed)
    picked = sorted(rng.choice(len(table), size=min(args.n, len(table)), replace=False))
    texts = dict(zip(corpus["doc_id"], corpus["text"]))
    print(f"{len(table)} attributions in {len(res.quotes)} quote rows; {len(picked)} drawn with seed {args.seed}\n")
    for number, k in enumerate(picked, 1):
        unit = table.iloc[k]
        text = texts[unit["doc_id"]]
        seg = segment_document(text, unit["doc_id"])
        rows = res.quotes.loc[unit["segments"]]
        spans = []
        for _, row in rows.iterrows():
            for name, opening, closing in (("speaker", "[[", "]]"), ("cue", "<<", ">>"), ("content", "{", "}")):
                if pd.notna(row[f"{name}_start"]):
                    spans.append((int(row[f"{name}_start"]), int(row[f"{name}_end"]), opening, closing))
        starts = [s.start for s in seg.sentences]
        positions = [a for a, _, _, _ in spans] + [b - 1 for _, b, _, _ in spans]
        first = max(0, bisect_right(starts, min(positions)) - 2)
        last = bisect_right(starts, max(positions)) - 1
        context = _marked(text, seg.sentences[first].start, seg.sentences[last].end, spans)
        extra = f" | source_kind {unit['source_kind']}" if "source_kind" in unit else ""
        print(
            f"#{number} doc {unit['doc_id']} | {unit['kind']} / {unit['rule']} | {len(rows)} segment(s) | "
            f"speaker {unit['speaker']!r} -> source {unit['source']!r}{extra}"
        )
        print(f"   {context}\n")


if __name__ == "__main__":
    main()
