"""Generate a large CSV corpus for the streaming demonstration (docs/scale.md).

    python scripts/make_large_corpus.py SOURCE OUT.csv [--documents 200000] [--paragraphs]

Cycles through the documents of SOURCE (anything ``analysis.load_corpus`` reads, e.g.
``../shared/corpora/bbc_news.csv`` or ``data/raw/kcna_dprk_troops_russia.txt``) and writes
``--documents`` rows with columns ``doc_id, copy, text``.  With ``--paragraphs`` each
document is one paragraph of SOURCE (blank-line separated) rather than a whole text:
many short documents, for a run that stresses document count rather than text length.
Each copy gets a first line naming its copy number, so no two texts are identical.
Write OUT.csv outside the repository (e.g. under /tmp): it is derived from data that
must not be committed.
"""

import argparse
import csv
import re
from pathlib import Path

from analysis import load_corpus


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source")
    parser.add_argument("out", type=Path)
    parser.add_argument("--documents", type=int, default=200_000)
    parser.add_argument("--paragraphs", action="store_true", help="one paragraph of SOURCE per document")
    args = parser.parse_args()
    texts = [t for t in load_corpus(args.source)["text"] if isinstance(t, str) and t.strip()]
    if args.paragraphs:
        texts = [p for t in texts for p in re.split(r"\n\s*\n", t) if p.strip()]
    with args.out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["doc_id", "copy", "text"])
        for i in range(args.documents):
            copy = i // len(texts)
            writer.writerow([f"doc{i:07d}", copy, f"Edition {copy}\n\n{texts[i % len(texts)]}"])
    print(f"wrote {args.documents} documents to {args.out} ({args.out.stat().st_size / 1e6:.0f} MB)")


if __name__ == "__main__":
    main()
