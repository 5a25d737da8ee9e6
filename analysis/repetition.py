"""Repetition: repeated paragraphs, sentences, lines and phrases, and near-duplicate documents.

(Placeholder interface: filled by the repetition issue.)
"""

from __future__ import annotations

from analysis.segment import Segmented

__all__ = ["find_repeats"]


def find_repeats(seg: Segmented) -> list[dict]:
    """Later copies of repeated units in one document: dicts with ``unit, start, end, text,
    first_start, first_end, similarity``.  The first occurrence is never a repeat."""
    return []
