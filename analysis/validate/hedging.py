"""Validate the hedging detector on the Szeged Uncertainty Corpus (Wikipedia part).

``python -m analysis.validate hedging PATH`` where ``PATH`` is the ``sentences.jsonl``
file: one JSON object a line with ``text``, ``uncertain`` (0/1) and ``cues`` (``text,
type, start, end``, character offsets into ``text``).  Each sentence is analysed as a
document of its own.  Printed:

* sentence level: precision, recall and F1 of the uncertain class, where a sentence is
  predicted uncertain when it has at least one ``hedge`` match (and, for comparison, at
  least one ``hedge`` or ``distancing`` match, since the corpus also marks reporting
  cues such as "alleged" as doxastic uncertainty);
* cue level: a predicted hedge is correct when it overlaps a gold cue, a gold cue is
  found when a predicted hedge overlaps it; recall by gold cue type;
* the most frequent false positives and misses (lower-cased cue texts).
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from pathlib import Path

from analysis.hedging import find_hedges
from analysis.segment import segment_document

__all__ = ["main", "prf"]


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Precision, recall and F1 from counts (0.0 where undefined).

    Examples
    --------
    >>> prf(8, 2, 8)
    (0.8, 0.5, 0.6153846153846154)
    """
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def _overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def main(argv: list[str]) -> int:
    """Score the detector on a Szeged-format ``sentences.jsonl`` and print the figures.

    Returns 0, or 2 when the file is missing.
    """
    parser = argparse.ArgumentParser(prog="python -m analysis.validate hedging", description=__doc__.split("\n")[0])
    parser.add_argument("path", help="Szeged Uncertainty Corpus sentences.jsonl")
    parser.add_argument("--top", type=int, default=15, help="how many false positives and misses to list")
    args = parser.parse_args(argv)
    path = Path(args.path)
    if not path.is_file():
        print(f"no such file: {path}")
        return 2

    began = time.perf_counter()
    sentence = {"hedge": Counter(), "hedge+distancing": Counter()}
    cue = Counter()
    gold_by_type, found_by_type = Counter(), Counter()
    false_positives, misses = Counter(), Counter()
    n = 0
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if not line.strip():
                continue
            record = json.loads(line)
            n += 1
            text = record["text"]
            gold = [(c["start"], c["end"], c["type"], c["text"]) for c in record["cues"]]
            matches = find_hedges(segment_document(text)) if text.strip() else []
            hedges = [m for m in matches if m["category"] == "hedge"]
            truth = bool(record["uncertain"])
            for name, predicted in (
                ("hedge", bool(hedges)),
                ("hedge+distancing", any(m["category"] in ("hedge", "distancing") for m in matches)),
            ):
                sentence[name][(predicted, truth)] += 1
            for m in hedges:
                if any(_overlaps(m["start"], m["end"], s, e) for s, e, _, _ in gold):
                    cue["tp_predicted"] += 1
                else:
                    cue["fp"] += 1
                    false_positives[m["text"].lower()] += 1
            for s, e, kind, cue_text in gold:
                gold_by_type[kind] += 1
                if any(_overlaps(m["start"], m["end"], s, e) for m in hedges):
                    found_by_type[kind] += 1
                else:
                    misses[cue_text.lower()] += 1

    print(
        f"Szeged Uncertainty Corpus, {path}: {n} sentences, {sum(sentence['hedge'][(p, True)] for p in (True, False))}"
        " uncertain"
    )
    for name, counts in sentence.items():
        p, r, f = prf(counts[(True, True)], counts[(True, False)], counts[(False, True)])
        print(f"sentence level, uncertain = at least one {name:<17} P={p:.3f} R={r:.3f} F1={f:.3f}")
    n_gold = sum(gold_by_type.values())
    n_found = sum(found_by_type.values())
    precision = cue["tp_predicted"] / (cue["tp_predicted"] + cue["fp"]) if cue["tp_predicted"] + cue["fp"] else 0.0
    recall = n_found / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    print(f"cue level (overlap), hedge matches vs gold cues        P={precision:.3f} R={recall:.3f} F1={f1:.3f}")
    for kind in sorted(gold_by_type):
        print(
            f"  recall of {kind:<20} {found_by_type[kind]:>5}/{gold_by_type[kind]:<5} = "
            f"{found_by_type[kind] / gold_by_type[kind]:.3f}"
        )
    print(f"most frequent false positives: {', '.join(f'{t} ({k})' for t, k in false_positives.most_common(args.top))}")
    print(f"most frequent misses: {', '.join(f'{t} ({k})' for t, k in misses.most_common(args.top))}")
    print(f"({time.perf_counter() - began:.1f} s)")
    return 0
