"""The six result tables, column by column: the one declaration of their columns.

Every column of ``documents``, ``sentences``, ``hedges``, ``repeats``, ``quotes`` and
``sources`` is declared here once, in table order, with its pandas dtype and a one-line
meaning; each table's part holds first the columns of the original contract, then those each
measure adds (grouped by measure).  :func:`conform` gives any table exactly these columns and
dtypes, so :func:`analysis.analyze`, the streamed chunks (:mod:`analysis.stream`) and the
Dask partitions (:mod:`analysis.dask`) agree, and an empty table (an empty corpus, a chunk
without hedges) has every column; no text is analysed to learn them.  ``docs/tables.md`` is
generated from these declarations (:func:`markdown`; ``tests/test_schema.py`` checks that it
is up to date).

Columns may be added, never renamed or dropped: notebooks, reports and users' scripts rely
on them.  Offsets are character offsets into the document's ``text`` exactly as given, end
exclusive; a missing span is ``<NA>`` in both of its offset columns.  The ``documents`` table
also carries the corpus's metadata columns after these (:func:`analysis.pipeline.metadata_names`).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from itertools import chain, repeat
from typing import NamedTuple

import numpy as np
import pandas as pd
import pyarrow as pa
from pandas.api.types import pandas_dtype

__all__ = [
    "Column",
    "COLUMNS",
    "TABLES",
    "NO_MISSING",
    "conform",
    "storable",
    "empty_table",
    "as_table",
    "columns_of",
    "typed_columns",
    "from_columns",
    "markdown",
]


class Column(NamedTuple):
    """One declared column: its name, pandas dtype and a one-line meaning; for an ``object``
    column, ``stored`` is the dtype of its values in a Parquet file (see :func:`storable`)."""

    name: str
    dtype: str
    meaning: str
    stored: str | None = None


# The contract's nullable dtypes: <NA> for a missing value.
_INT = "Int64"
_FLOAT = "float64"
_STR = "string"
_BOOL = "boolean"
# The dtypes pandas gives the measures' own columns, kept as they are so that no table
# changes: counts and flags a measure always sets, text, and a flag that may be None.
_COUNT = "int64"
_FLAG = "bool"
_TEXT = str(pd.Series(["text"]).dtype)  # pandas' default for text: "str" from pandas 3, "object" before
_ANY = "object"

NO_MISSING = frozenset({_COUNT, _FLAG})
"""Dtypes that cannot hold a missing value: every row must give one."""


def _declared(*columns: tuple) -> tuple[Column, ...]:
    return tuple(Column(*column) for column in columns)


_DOC_ID = ("doc_id", _STR, "the document's id (the id column, else the row number: load_corpus)")
_START = ("start", _INT, "character offset of the span's start")
_END = ("end", _INT, "character offset just after the span")
_SPAN_TEXT = ("text", _STR, "the span's text: text[start:end]")

COLUMNS: dict[str, tuple[Column, ...]] = {
    "documents": _declared(
        _DOC_ID,
        ("n_words", _INT, "words of the text as given, every copy of a repeated passage included"),
        ("n_sentences", _INT, "sentences of the document, every copy included"),
        ("sentiment", _FLOAT, "mean VADER compound of the counted sentences"),
        ("hedges_per_100w", _FLOAT, "hedge matches per 100 counted words, narrative and quoted voice together"),
        ("boosters_per_100w", _FLOAT, "booster matches per 100 counted words"),
        ("duplicate_share", _FLOAT, "share of the words that lie in later copies of repeated passages"),
        ("n_sources", _INT, "sources of the document (its rows in sources)"),
        ("error", _STR, "why the document could not be analysed, else <NA>"),
        # sentiment (docs/sentiment.md)
        ("sentiment_narrative", _FLOAT, "mean compound of the narrative voice units"),
        ("sentiment_quoted", _FLOAT, "mean compound of the quoted voice units"),
        ("share_positive", _FLOAT, "share of counted sentences with compound >= 0.05"),
        ("share_negative", _FLOAT, "share of counted sentences with compound <= -0.05"),
        # hedging (docs/hedging.md)
        ("distancing_per_100w", _FLOAT, "distancing matches per 100 counted words"),
        ("evidential_per_100w", _FLOAT, "evidential matches per 100 counted words"),
        ("approximator_per_100w", _FLOAT, "approximator matches per 100 counted words"),
        ("scare_quote_per_100w", _FLOAT, "scare quotes per 100 counted words"),
        ("hedges_quote_per_100w", _FLOAT, "hedge matches in the quoted voice per 100 counted words"),
        ("hedges_narrative_per_100w", _FLOAT, "hedge matches in the narrative voice per 100 counted words"),
        # the pipeline (what the densities are per)
        ("n_words_counted", _COUNT, "words the measures counted: first occurrences only when dedupe=True"),
        ("n_sentences_counted", _COUNT, "sentences the measures counted: first occurrences only when dedupe=True"),
    ),
    "sentences": _declared(
        _DOC_ID,
        ("paragraph", _INT, "number of the sentence's paragraph in the document, from 0"),
        ("sentence", _INT, "number of the sentence in the document, from 0"),
        _START,
        _END,
        _SPAN_TEXT,
        ("compound", _FLOAT, "VADER compound, -1..1"),
        ("neg", _FLOAT, "VADER's proportion of negative weight"),
        ("neu", _FLOAT, "VADER's proportion of neutral weight"),
        ("pos", _FLOAT, "VADER's proportion of positive weight"),
        ("is_duplicate", _BOOL, "inside a later copy of a repeated paragraph, line or sentence"),
        ("voice", _STR, "quote when more than half of its words are inside quotation marks, else narrative"),
    ),
    "hedges": _declared(
        _DOC_ID,
        _START,
        _END,
        _SPAN_TEXT,
        ("category", _STR, "hedge, booster, distancing, evidential, approximator or scare_quote"),
        ("subcategory", _STR, "the kind within the category (modal, adverb, reporting_verb, ...)"),
        ("voice", _STR, "quote inside an attributed quotation, else narrative"),
        ("speaker", _STR, "source of the attribution whose content holds the match, else <NA>"),
        # hedging (docs/hedging.md)
        ("rule", _TEXT, "the lexicon pattern and the conditions it passed, or the scare-quote heuristic"),
        ("source", _TEXT, "citation of the lexicon entry (own for this project's additions)"),
    ),
    "repeats": _declared(
        _DOC_ID,
        ("unit", _STR, "paragraph, line or sentence"),
        ("start", _INT, "character offset of the later copy's start"),
        ("end", _INT, "character offset just after the later copy"),
        ("text", _STR, "the later copy: text[start:end]"),
        ("first_start", _INT, "character offset of the first occurrence's start"),
        ("first_end", _INT, "character offset just after the first occurrence"),
        ("similarity", _FLOAT, "Jaccard similarity of the two units' word shingles (1.0 for an exact copy)"),
    ),
    "quotes": _declared(
        _DOC_ID,
        ("kind", _STR, "direct, indirect, partial or according_to"),
        ("content_start", _INT, "character offset of the content's start (what was said)"),
        ("content_end", _INT, "character offset just after the content"),
        ("content", _STR, "text[content_start:content_end]"),
        ("cue_start", _INT, "character offset of the cue's start (the reporting verb, or according to)"),
        ("cue_end", _INT, "character offset just after the cue"),
        ("cue", _STR, "text[cue_start:cue_end]"),
        ("stance", _STR, "the cue's stance: neutral, distancing, concessive, endorsing, opposing or tentative"),
        ("speaker", _STR, "the speaker as the text names it here (a pronoun, a surname, a phrase)"),
        ("speaker_start", _INT, "character offset of the speaker mention's start"),
        ("speaker_end", _INT, "character offset just after the speaker mention"),
        ("source", _STR, "the canonical source the speaker resolves to in the document"),
        ("attribution", _INT, "number of the attribution in the document, from 1, shared by its segments"),
        ("cue_type", _STR, "speech, belief, evidence, naming or act"),
        ("source_key", _STR, "the source's identity across documents; <NA> for a generic source"),
        # sources (docs/sources.md)
        (
            "evidence_challenged",
            _FLAG,
            "the text says the claim came without evidence (after the cue or next sentence)",
        ),
        (
            "rule",
            _TEXT,
            "how the speaker was found: before, after, inherited, context, last_speaker, unattributed, ...",
        ),
        (
            "speech_verb",
            _ANY,
            "True when the cue is a verb of saying or writing, False for another cue, None without one",
            _BOOL,
        ),
    ),
    "sources": _declared(
        _DOC_ID,
        ("source", _STR, "the canonical source in the document"),
        ("kind", _STR, "person, organisation, government/place, media, document, anonymous or other"),
        ("role", _STR, "the role the text gives it (minister, spokesman, ...), else <NA>"),
        ("mentions", _INT, "mentions and speaker mentions, resolved pronouns included"),
        ("quotes", _INT, "attributions of any kind (an attribution of several segments counts once)"),
        ("quoted_words", _INT, "words in the content of all segments of its attributions"),
        ("quote_share", _FLOAT, "its quoted_words / all attributed words of the document"),
        ("first_position", _FLOAT, "start of its first mention / document length, 0..1"),
        ("in_lede", _BOOL, "mentioned in the first paragraph or the first two sentences (the longer)"),
        ("n_neutral", _INT, "attributions with a neutral cue of their own"),
        ("n_distancing", _INT, "attributions with a distancing cue of their own"),
        ("sentiment", _FLOAT, "mean VADER compound of the voice units overlapping its quotation contents"),
        ("prominence", _FLOAT, "weighted score of quote share, mention share, earliness and lede, 0..1"),
        ("affiliation", _STR, "what a person or an unnamed source speaks for, else <NA>"),
        ("named", _BOOL, "identified by name (a person, or a capitalised organisation, place or medium)"),
        ("generic_type", _STR, "for a generic source: anonymous person, generic group, unnamed organisation, ..."),
        ("source_key", _STR, "the source's identity across documents; <NA> for a generic source"),
        # sources (docs/sources.md), then the pipeline
        ("n_concessive", _COUNT, "attributions with a concessive cue of their own"),
        ("n_endorsing", _COUNT, "attributions with an endorsing cue of their own"),
        ("n_opposing", _COUNT, "attributions with an opposing cue of their own"),
        ("n_tentative", _COUNT, "attributions with a tentative cue of their own"),
        ("n_direct", _COUNT, "attributions holding a direct quotation"),
        ("n_evidence_challenged", _COUNT, "attributions whose evidence is challenged"),
        ("n_hedges", _COUNT, "hedge matches it speaks (hedges whose speaker it is)"),
    ),
}
"""Each table's columns, in order, with dtype and meaning."""

TABLES: dict[str, dict[str, str]] = {
    name: {column.name: column.dtype for column in columns} for name, columns in COLUMNS.items()
}
"""Each table's columns, in order, with their dtypes (:data:`COLUMNS` without the meanings)."""
# Dtypes are compared as objects, not names: a pandas "str" column's dtype equals the name "string".
_DTYPES = {name: {column: pandas_dtype(dtype) for column, dtype in columns.items()} for name, columns in TABLES.items()}
# The dtype of the array pd.array makes for each column: for a NumPy dtype it is a wrapper
# (NumpyEADtype) that does not compare equal to the NumPy dtype itself.
_ARRAY_DTYPES = {
    name: {column: pd.array([], dtype=dtype).dtype for column, dtype in columns.items()}
    for name, columns in TABLES.items()
}
# Text columns that pandas keeps in Arrow: their values go to Arrow in one call, which pd.array
# would also make, after a loop in pandas over every value (two to three times slower).
_ARROW_TEXT = {
    (name, column)
    for name, dtypes in _ARRAY_DTYPES.items()
    for column, dtype in dtypes.items()
    if isinstance(dtype, pd.StringDtype) and dtype.storage == "pyarrow"
}
_STORED = {name: {c.name: c.stored for c in columns if c.stored} for name, columns in COLUMNS.items()}


def _missing(value) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


_NEVER_MISSING = {int, bool, np.int64, np.bool_}  # types whose values are never missing (a quick check first)


def _typed(name: str, column: str, dtype: str, values: Sequence | None, n_rows: int) -> Sequence:
    """``values`` (None: the column is absent) as a pandas array of ``dtype``."""
    if values is None:
        values = [None] * n_rows
    elif isinstance(values, pd.Series):
        values = values.array
    if hasattr(values, "dtype") and values.dtype in (_DTYPES[name][column], _ARRAY_DTYPES[name][column]):
        return values  # already typed (by typed_columns, in a worker process): kept as it is, not copied value by value
    if dtype in NO_MISSING and not set(map(type, values)) <= _NEVER_MISSING and any(map(_missing, values)):
        # int64 cannot hold a missing value, and bool would turn one into False
        raise ValueError(f"{name}.{column}: a column of dtype {dtype} needs a value in every row, found a missing one")
    if (name, column) in _ARROW_TEXT:
        try:  # text, and None or NaN for a missing value: Arrow takes them as they are
            values = pa.array(values, type=pa.large_string(), from_pandas=True)
        except (pa.ArrowTypeError, pa.ArrowInvalid):
            pass  # a value that is not text: pd.array writes it as text
    return pd.array(values, dtype=dtype)


def _typed_columns(name: str, columns: Mapping[str, Sequence], n_rows: int) -> dict[str, Sequence]:
    declared = TABLES[name]
    typed = {column: _typed(name, column, dtype, columns.get(column), n_rows) for column, dtype in declared.items()}
    typed.update((column, values) for column, values in columns.items() if column not in declared)
    return typed


def typed_columns(name: str, columns: Mapping[str, Sequence]) -> dict[str, Sequence]:
    """``columns`` with each declared column of table ``name`` as a pandas array of its dtype,
    in declared order (a declared column ``columns`` lacks is all missing); any other column
    follows as given.

    Parts of a table typed apart (one per worker process) join into the same table as the
    whole typed at once.  ValueError when an ``int64`` or ``bool`` column
    (:data:`NO_MISSING`) would hold a missing value.

    Examples
    --------
    >>> typed_columns("repeats", {"unit": ["line"]})["start"]
    <IntegerArray>
    [<NA>]
    Length: 1, dtype: Int64
    """
    return _typed_columns(name, columns, len(next(iter(columns.values()))) if columns else 0)


def from_columns(name: str, columns: Mapping[str, Sequence]) -> pd.DataFrame:
    """Build table ``name`` from its values a column at a time (see :func:`columns_of`):
    the declared columns first, in order, with their dtypes; any other column follows, with
    the dtype pandas infers for its values.

    Examples
    --------
    >>> from_columns("repeats", {"unit": ["line"], "start": [4]}).dtypes["start"]
    Int64Dtype()
    """
    return pd.DataFrame(typed_columns(name, columns))


def conform(name: str, table: pd.DataFrame) -> pd.DataFrame:
    """``table`` as table ``name`` is declared: the declared columns first, in order, with
    their dtypes (a column it lacks is added, all missing), then its other columns (the
    ``documents`` table's metadata) as they are.

    :func:`analysis.analyze` gives every table through it (the Dask partitions are its
    tables), and :func:`analysis.stream.read_table` the streamed chunks joined, so an empty
    table, or that of a chunk without hedges, has the same columns and dtypes as any other.
    A table that already conforms is given back as it is, not copied.

    Examples
    --------
    >>> conform("repeats", pd.DataFrame({"unit": ["line"], "start": [4]})).dtypes.astype(str).tolist()[:4]
    ['string', 'string', 'Int64', 'Int64']
    >>> conform("hedges", pd.DataFrame()).columns.tolist() == list(TABLES["hedges"])
    True
    """
    declared = _DTYPES[name]
    head = table.iloc[:0, : len(declared)]
    if list(head.columns) == list(declared) and list(head.dtypes) == list(declared.values()):
        return table
    columns = _typed_columns(name, dict(table.items()), len(table))
    arrays = {column: getattr(values, "array", values) for column, values in columns.items()}  # by position
    return pd.DataFrame(arrays, index=table.index)


def storable(name: str, table: pd.DataFrame) -> pd.DataFrame:
    """``table`` (of table ``name``) ready for a Parquet file whose schema does not depend on
    its rows: when it is empty, an ``object`` column takes its declared ``stored`` dtype.

    Parquet types an object column by its values, and an empty one as null, which readers of a
    folder of files (``pandas.read_parquet(folder)``, Dask, DuckDB) cannot join with the same
    column holding values.

    Examples
    --------
    >>> storable("quotes", empty_table("quotes")).dtypes["speech_verb"]
    BooleanDtype
    """
    if len(table):
        return table
    return table.astype({column: dtype for column, dtype in _STORED[name].items() if column in table.columns})


def empty_table(name: str) -> pd.DataFrame:
    """An empty DataFrame with the declared columns and dtypes of table ``name``."""
    return from_columns(name, {})


def as_table(name: str, rows: list[dict]) -> pd.DataFrame:
    """Build table ``name`` from row dicts: the declared columns first, in order, with their
    dtypes; any other keys the rows carry follow as additional columns.

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
    if rows:
        keys = tuple(rows[0])
        if all(map(keys.__eq__, map(tuple, rows))):
            # Every row has the same keys in the same order (the measures' rows do): the rows'
            # values, zipped, are the columns, one pass in C instead of a lookup per value.
            return dict(zip(keys, map(list, zip(*map(dict.values, rows)))))
    keys = dict.fromkeys(chain.from_iterable(rows))
    return {key: list(map(dict.get, rows, repeat(key), repeat(math.nan))) for key in keys}


def markdown() -> str:
    """``docs/tables.md``: every table's columns with dtype and meaning, from :data:`COLUMNS`.

    Examples
    --------
    >>> print(markdown().splitlines()[0])
    # The six tables, column by column
    """
    lines = [
        "# The six tables, column by column",
        "",
        "Generated from `analysis/schema.py`, where every column is declared once; `tests/test_schema.py`",
        "checks that this page is up to date and that `analyze` gives exactly these columns and dtypes.",
        "Regenerate it with",
        "`python -c \"from analysis import schema; print(schema.markdown(), end='')\" > docs/tables.md`.",
        "The methods pages explain each measure's columns; `documents` also carries the corpus's",
        "metadata columns after these (renamed `meta_...` when a name clashes).",
        "",
        "Dtypes: `Int64`, `string` and `boolean` hold `<NA>` for a missing value, `float64` NaN; an",
        "`int64` or `bool` column has a value in every row; `str` is pandas' text dtype (NaN when",
        "missing; `object` before pandas 3); `object` holds Python values (`speech_verb`: True, False or None).",
    ]
    for name, columns in COLUMNS.items():
        lines += ["", f"## {name}", "", "| column | dtype | meaning |", "| --- | --- | --- |"]
        lines += [f"| `{c.name}` | `{c.dtype}` | {c.meaning.replace('<NA>', '`<NA>`')} |" for c in columns]
    return "\n".join(lines) + "\n"
