"""Validate the hedging detector on the Szeged Uncertainty Corpus (Wikipedia and news parts).

``python -m analysis.validate hedging PATH [PATH ...]`` where each ``PATH`` is a
``sentences.jsonl`` file: one JSON object a line with ``text``, ``uncertain`` (0/1) and
``cues`` (``text, type, start, end``, character offsets into ``text``).  Each sentence is
analysed as a document of its own.  Printed for each file:

* sentence level: precision, recall and F1 of the uncertain class, where a sentence is
  predicted uncertain when it has at least one ``hedge`` match (and, for comparison, at
  least one ``hedge`` or ``distancing`` match, since the corpus also marks reporting
  cues such as "alleged" as doxastic uncertainty);
* cue level: a predicted hedge is correct when it overlaps a gold cue, a gold cue is
  found when a predicted hedge overlaps it; recall by gold cue type;
* the most frequent false positives (hedge matches overlapping no gold cue) and misses
  (gold cues no hedge overlaps), by lower-cased cue text, misses with their cue type.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis.hedging import Lexicon, find_hedges
from analysis.segment import segment_document
from analysis.validate.scores import precision_recall_f1

__all__ = ["HedgingScores", "main", "prf", "read_sentences", "score"]

SENTENCE_RULES = ("hedge", "hedge+distancing")
"""How a sentence is predicted uncertain: at least one ``hedge`` match, or one ``hedge`` or ``distancing`` match."""


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Precision, recall and F1 from true positive, false positive and false negative counts (0.0 where undefined).

    Examples
    --------
    >>> prf(8, 2, 8)
    (0.8, 0.5, 0.6153846153846154)
    """
    return precision_recall_f1(tp, tp + fp, tp, tp + fn)


def read_sentences(path: str | Path) -> pd.DataFrame:
    """The sentences of a Szeged-format ``sentences.jsonl`` file as a table.

    Returns
    -------
    pandas.DataFrame
        One row per non-empty line, in file order: ``doc_id``, ``sent_id``, ``text``,
        ``uncertain`` (bool) and ``cues`` (a list of dicts with ``text, type, start, end``).

    Raises
    ------
    FileNotFoundError
        When ``path`` is not a file.

    Examples
    --------
    >>> import tempfile, os
    >>> line = {"doc_id": "d", "sent_id": 1, "text": "It may rain.", "uncertain": 1,
    ...         "cues": [{"text": "may", "type": "modal_probable", "start": 3, "end": 6}]}
    >>> with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as f:
    ...     _ = f.write(json.dumps(line) + "\\n")
    >>> read_sentences(f.name)[["text", "uncertain"]].values.tolist()
    [['It may rain.', True]]
    >>> os.remove(f.name)
    """
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"no such file: {path} (expected a Szeged-format sentences.jsonl)")
    records = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                record = json.loads(line)
                records.append(
                    {
                        "doc_id": record.get("doc_id"),
                        "sent_id": record.get("sent_id"),
                        "text": record["text"],
                        "uncertain": bool(record["uncertain"]),
                        "cues": record["cues"],
                    }
                )
    return pd.DataFrame(records, columns=["doc_id", "sent_id", "text", "uncertain", "cues"])


@dataclass(frozen=True)
class HedgingScores:
    """The figures of one gold file (see :func:`score`).

    ``sentence``: one row per rule of :data:`SENTENCE_RULES` with ``precision, recall, f1``;
    ``cue``: ``precision, recall, f1`` of hedge matches against gold cues (overlap);
    ``cue_recall``: one row per gold cue type with ``gold, found, recall``;
    ``false_positives``: hedge texts overlapping no gold cue, counted; ``misses``: ``(cue
    text, cue type)`` of gold cues no hedge overlaps, counted.
    """

    name: str
    n_sentences: int
    n_uncertain: int
    sentence: pd.DataFrame
    cue: tuple[float, float, float]
    cue_recall: pd.DataFrame
    false_positives: Counter
    misses: Counter

    def report(self, top: int = 15) -> str:
        """The figures as the lines ``python -m analysis.validate hedging`` prints."""
        lines = [f"{self.name}: {self.n_sentences} sentences, {self.n_uncertain} uncertain"]
        for row in self.sentence.itertuples():
            lines.append(
                f"sentence level, uncertain = at least one {row.Index:<17} "
                f"P={row.precision:.3f} R={row.recall:.3f} F1={row.f1:.3f}"
            )
        p, r, f = self.cue
        lines.append(f"cue level (overlap), hedge matches vs gold cues        P={p:.3f} R={r:.3f} F1={f:.3f}")
        for row in self.cue_recall.itertuples():
            lines.append(f"  recall of {row.Index:<20} {row.found:>5}/{row.gold:<5} = {row.recall:.3f}")
        lines.append(
            "most frequent false positives: "
            + ", ".join(f"{t} ({k})" for t, k in self.false_positives.most_common(top))
        )
        lines.append(
            "most frequent misses: " + ", ".join(f"{t} ({kind}, {k})" for (t, kind), k in self.misses.most_common(top))
        )
        return "\n".join(lines)


def _overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def score(sentences: pd.DataFrame, *, name: str = "", lexicon: Lexicon | None = None) -> HedgingScores:
    """Score the detector on gold sentences (a table from :func:`read_sentences`).

    Examples
    --------
    >>> gold = pd.DataFrame({"text": ["It may rain.", "It rained."], "uncertain": [True, False],
    ...                      "cues": [[{"text": "may", "type": "modal_probable", "start": 3, "end": 6}], []]})
    >>> s = score(gold, name="toy")
    >>> float(s.sentence.loc["hedge", "f1"]), int(s.cue_recall.loc["modal_probable", "found"])
    (1.0, 1)
    """
    sentence = {rule: Counter() for rule in SENTENCE_RULES}
    tp_predicted = fp = 0
    gold_by_type, found_by_type = Counter(), Counter()
    false_positives, misses = Counter(), Counter()
    for text, truth, cues in zip(sentences["text"], sentences["uncertain"], sentences["cues"]):
        gold = [(c["start"], c["end"], c["type"], c["text"]) for c in cues]
        matches = find_hedges(segment_document(text), lexicon) if text.strip() else []
        hedges = [m for m in matches if m["category"] == "hedge"]
        predicted = {
            "hedge": bool(hedges),
            "hedge+distancing": any(m["category"] in ("hedge", "distancing") for m in matches),
        }
        for rule in SENTENCE_RULES:
            sentence[rule][(predicted[rule], bool(truth))] += 1
        for m in hedges:
            if any(_overlaps(m["start"], m["end"], s, e) for s, e, _, _ in gold):
                tp_predicted += 1
            else:
                fp += 1
                false_positives[m["text"].lower()] += 1
        for s, e, kind, cue_text in gold:
            gold_by_type[kind] += 1
            if any(_overlaps(m["start"], m["end"], s, e) for m in hedges):
                found_by_type[kind] += 1
            else:
                misses[(cue_text.lower(), kind)] += 1
    sentence_table = pd.DataFrame(
        [prf(c[(True, True)], c[(True, False)], c[(False, True)]) for c in sentence.values()],
        index=pd.Index(SENTENCE_RULES, name="uncertain_if"),
        columns=["precision", "recall", "f1"],
    )
    n_gold, n_found = sum(gold_by_type.values()), sum(found_by_type.values())
    cue_precision, cue_recall, cue_f1 = precision_recall_f1(tp_predicted, tp_predicted + fp, n_found, n_gold)
    recall_table = pd.DataFrame(
        [
            (kind, gold_by_type[kind], found_by_type[kind], found_by_type[kind] / gold_by_type[kind])
            for kind in sorted(gold_by_type)
        ],
        columns=["cue_type", "gold", "found", "recall"],
    ).set_index("cue_type")
    return HedgingScores(
        name=name,
        n_sentences=len(sentences),
        n_uncertain=int(sentences["uncertain"].sum()),
        sentence=sentence_table,
        cue=(cue_precision, cue_recall, cue_f1),
        cue_recall=recall_table,
        false_positives=false_positives,
        misses=misses,
    )


def main(argv: list[str]) -> int:
    """Score the detector on one or more Szeged-format ``sentences.jsonl`` files and print the figures per file.

    Returns 0, or 2 when a file is missing (nothing is scored then).
    """
    parser = argparse.ArgumentParser(prog="python -m analysis.validate hedging", description=__doc__.split("\n")[0])
    parser.add_argument("paths", nargs="+", help="Szeged Uncertainty Corpus sentences.jsonl file(s)")
    parser.add_argument("--top", type=int, default=15, help="how many false positives and misses to list")
    args = parser.parse_args(argv)
    paths = [Path(p) for p in args.paths]
    missing = [p for p in paths if not p.is_file()]
    if missing:
        print(
            f"no such file: {', '.join(map(str, missing))} (expected Szeged-format sentences.jsonl files)",
            file=sys.stderr,
        )
        return 2
    for i, path in enumerate(paths):
        began = time.perf_counter()
        scores = score(read_sentences(path), name=f"Szeged Uncertainty Corpus, {path}")
        print(("\n" if i else "") + scores.report(args.top))
        print(f"({time.perf_counter() - began:.1f} s)")
    return 0
