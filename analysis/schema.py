"""Column contracts of the six result tables.

Each table is listed with its columns in order and their pandas dtypes.  Columns may be
added (after these), never renamed or dropped: notebooks, reports and users' scripts
rely on them.  Offsets are character offsets into the document's ``text`` exactly as
given, end exclusive; a missing span is ``<NA>`` in both of its offset columns.
"""

from __future__ import annotations

import pandas as pd

__all__ = ["TABLES", "empty_table", "as_table"]

_INT = "Int64"
_FLOAT = "float64"
_STR = "string"
_BOOL = "boolean"

TABLES: dict[str, dict[str, str]] = {
    "documents": {
        "doc_id": _STR,
        "n_words": _INT,
        "n_sentences": _INT,
        "sentiment": _FLOAT,
        "hedges_per_100w": _FLOAT,
        "boosters_per_100w": _FLOAT,
        "duplicate_share": _FLOAT,
        "n_sources": _INT,
        "error": _STR,
    },
    "sentences": {
        "doc_id": _STR,
        "paragraph": _INT,
        "sentence": _INT,
        "start": _INT,
        "end": _INT,
        "text": _STR,
        "compound": _FLOAT,
        "neg": _FLOAT,
        "neu": _FLOAT,
        "pos": _FLOAT,
        "is_duplicate": _BOOL,
        "voice": _STR,
    },
    "hedges": {
        "doc_id": _STR,
        "start": _INT,
        "end": _INT,
        "text": _STR,
        "category": _STR,
        "subcategory": _STR,
        "voice": _STR,
        "speaker": _STR,
    },
    "repeats": {
        "doc_id": _STR,
        "unit": _STR,
        "start": _INT,
        "end": _INT,
        "text": _STR,
        "first_start": _INT,
        "first_end": _INT,
        "similarity": _FLOAT,
    },
    "quotes": {
        "doc_id": _STR,
        "kind": _STR,
        "content_start": _INT,
        "content_end": _INT,
        "content": _STR,
        "cue_start": _INT,
        "cue_end": _INT,
        "cue": _STR,
        "stance": _STR,
        "speaker": _STR,
        "speaker_start": _INT,
        "speaker_end": _INT,
        "source": _STR,
    },
    "sources": {
        "doc_id": _STR,
        "source": _STR,
        "kind": _STR,
        "role": _STR,
        "mentions": _INT,
        "quotes": _INT,
        "quoted_words": _INT,
        "quote_share": _FLOAT,
        "first_position": _FLOAT,
        "in_lede": _BOOL,
        "n_neutral": _INT,
        "n_distancing": _INT,
        "sentiment": _FLOAT,
        "prominence": _FLOAT,
    },
}


def empty_table(name: str) -> pd.DataFrame:
    """An empty DataFrame with the contract columns and dtypes of table ``name``."""
    return as_table(name, [])


def as_table(name: str, rows: list[dict]) -> pd.DataFrame:
    """Build table ``name`` from row dicts: contract columns first, in order, with their
    dtypes; any extra keys the rows carry follow as additional columns.

    Examples
    --------
    >>> as_table("repeats", []).columns.tolist()[:3]
    ['doc_id', 'unit', 'start']
    """
    contract = TABLES[name]
    frame = pd.DataFrame.from_records(rows) if rows else pd.DataFrame()
    for column in contract:
        if column not in frame.columns:
            frame[column] = pd.Series([None] * len(frame), dtype=object)
    extra = [c for c in frame.columns if c not in contract]
    frame = frame[list(contract) + extra]
    return frame.astype(contract)
