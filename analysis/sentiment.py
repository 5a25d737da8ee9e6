"""Sentiment: VADER scores per sentence, aggregated by voice, paragraph and document.

(Placeholder interface: filled by the sentiment issue.)
"""

from __future__ import annotations

from analysis.segment import Segmented

__all__ = ["score_text", "score_document", "mean_compound"]


def score_text(view: str) -> tuple[float, float, float, float]:
    """VADER ``(compound, neg, neu, pos)`` of a normalised text."""
    return (float("nan"),) * 4


def score_document(seg: Segmented, counted: list[bool]) -> tuple[list[tuple[float, float, float, float]], dict]:
    """Scores of every sentence of ``seg`` and the document-level sentiment columns.

    ``counted[i]`` is False for a sentence left out of the aggregates (a duplicate).
    Returns ``(scores, document_columns)``: one ``(compound, neg, neu, pos)`` per sentence,
    and a dict of ``documents`` columns (at least ``sentiment``).
    """
    return [score_text(seg.view[s.start : s.end]) for s in seg.sentences], {"sentiment": float("nan")}


def mean_compound(texts: list[str]) -> float:
    """Mean VADER compound of several texts (a source's quotes); NaN when there are none."""
    return float("nan")
