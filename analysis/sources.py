"""Sources and quotes: attribution extraction, speaker resolution and source prominence.

(Placeholder interface: filled by the sources issue.)
"""

from __future__ import annotations

from analysis.segment import Segmented

__all__ = ["extract_attributions", "prominence"]


def extract_attributions(seg: Segmented) -> tuple[list[dict], list[dict]]:
    """Attributions and source mentions of one document.

    Returns ``(quotes, mentions)``: quote dicts with the ``quotes`` table columns except
    ``doc_id`` (``kind, content_start, content_end, content, cue_start, cue_end, cue, stance,
    speaker, speaker_start, speaker_end, source``), and mention dicts with ``source, kind,
    role, start, end, text``.
    """
    return [], []


def prominence(quotes: list[dict], mentions: list[dict], seg: Segmented) -> list[dict]:
    """One dict per source with the ``sources`` table columns except ``doc_id``,
    ``sentiment`` and hedge counts (joined in by the pipeline)."""
    return []
