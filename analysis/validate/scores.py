"""Precision, recall and F1: the one formula both validations report.

>>> precision_recall_f1(8, 10, 8, 16)
(0.8, 0.5, 0.6153846153846154)
"""

from __future__ import annotations

__all__ = ["precision_recall_f1"]


def precision_recall_f1(
    predicted_hits: float, predicted: float, gold_hits: float, gold: float
) -> tuple[float, float, float]:
    """Precision (``predicted_hits / predicted``), recall (``gold_hits / gold``) and their harmonic mean.

    The hits are counted on each side, since a prediction and a gold item need not pair one to one
    (a predicted hedge overlapping two gold cues finds both); each figure is 0.0 where undefined.

    Examples
    --------
    >>> precision_recall_f1(3, 4, 2, 5)
    (0.75, 0.4, 0.5217391304347827)
    >>> precision_recall_f1(0, 0, 0, 3)
    (0.0, 0.0, 0.0)
    """
    precision = predicted_hits / predicted if predicted else 0.0
    recall = gold_hits / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1
