"""Hedging language: hedges, boosters, distancing, evidential challenges, approximators and scare quotes.

(Placeholder interface: filled by the hedging issue.)
"""

from __future__ import annotations

from analysis.segment import Segmented

__all__ = ["find_hedges", "document_densities"]


def find_hedges(seg: Segmented) -> list[dict]:
    """Matches in one document: dicts with ``start, end, text, category, subcategory, voice``
    (and any explanatory keys, such as the rule that matched)."""
    return []


def document_densities(matches: list[dict], n_words: int) -> dict:
    """``documents`` columns from the counted matches of one document and its counted words:
    at least ``hedges_per_100w`` and ``boosters_per_100w``."""
    if not n_words:
        return {"hedges_per_100w": float("nan"), "boosters_per_100w": float("nan")}
    per_100 = 100.0 / n_words
    return {
        "hedges_per_100w": sum(m["category"] == "hedge" for m in matches) * per_100,
        "boosters_per_100w": sum(m["category"] == "booster" for m in matches) * per_100,
    }
