"""Column contracts of the six result tables.

Each table is listed with its columns in order and their pandas dtypes.  Columns may be
added (after these), never renamed or dropped: notebooks, reports and users' scripts
rely on them.  Offsets are character offsets into the document's ``text`` exactly as
given, end exclusive; a missing span is ``<NA>`` in both of its offset columns.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from itertools import chain, repeat

import pandas as pd

__all__ = ["TABLES", "empty_table", "as_table", "columns_of", "typed_columns", "from_columns"]

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
        "attribution": _INT,
        "cue_type": _STR,
        "source_key": _STR,
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
        "affiliation": _STR,
        "named": _BOOL,
        "generic_type": _STR,
        "source_key": _STR,
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
    return from_columns(name, columns_of(rows))


def columns_of(rows: list[dict]) -> dict[str, list]:
    """The values of ``rows`` a column at a time, for :func:`typed_columns` and :func:`from_columns`.

    Every key any row has becomes a column, in order of first appearance; a row that
    lacks a key gets NaN there, as pandas gives when it builds a frame from such records.

    Examples
    --------
    >>> columns_of([{"unit": "line"}, {"unit": "sentence", "similarity": 1.0}])
    {'unit': ['line', 'sentence'], 'similarity': [nan, 1.0]}
    """
    keys = dict.fromkeys(chain.from_iterable(rows))
    return {key: list(map(dict.get, rows, repeat(key), repeat(math.nan))) for key in keys}


def typed_columns(name: str, columns: Mapping[str, Sequence]) -> dict[str, Sequence]:
    """``columns`` with each contract column of table ``name`` as a pandas array of its dtype
    (a contract column ``columns`` lacks is all missing); extra columns are left as given.

    Parts of a table typed apart (one per worker process) join into the same table as the
    whole typed at once: the extra columns' dtypes are inferred only when
    :func:`from_columns` builds the frame.

    Examples
    --------
    >>> typed_columns("repeats", {"unit": ["line"]})["start"]
    <IntegerArray>
    [<NA>]
    Length: 1, dtype: Int64
    """
    n_rows = len(next(iter(columns.values()))) if columns else 0
    contract = TABLES[name]
    typed: dict[str, Sequence] = {
        column: pd.array(columns[column] if column in columns else [None] * n_rows, dtype=dtype)
        for column, dtype in contract.items()
    }
    typed.update((column, values) for column, values in columns.items() if column not in contract)
    return typed


def from_columns(name: str, columns: Mapping[str, Sequence]) -> pd.DataFrame:
    """Build table ``name`` from its values a column at a time (see :func:`columns_of`):
    contract columns first, in order, with their dtypes; the extra columns follow, with the
    dtype pandas infers for their values.

    Examples
    --------
    >>> from_columns("repeats", {"unit": ["line"], "start": [4]}).dtypes["start"]
    Int64Dtype()
    """
    return pd.DataFrame(typed_columns(name, columns))
