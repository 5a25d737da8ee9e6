"""Corpus-level summaries of the sources tables: attributions, the most quoted named sources
(by ``source_key``, one identity across documents) and generic sources by type (never pooled as
one source across documents)."""

from __future__ import annotations

import pandas as pd

from analysis.sources.identity import GENERIC_TYPES, corpus_keys, with_corpus_keys
from analysis.sources.prominence import STANCES

SOURCE_TYPES = ("named", *GENERIC_TYPES, "unattributed")
"""Source types as summaries list them: named, the generic types, and attributions without a source."""


_ATTRIBUTION_DTYPES = {
    "doc_id": "string",
    "attribution": "Int64",
    "source": "string",
    "speaker": "string",
    "cue": "string",
    "stance": "string",
    "direct": "bool",
    "evidence_challenged": "bool",
    "segments": "Int64",
    "content_start": "Int64",
}


def shown_kind(sources: pd.DataFrame) -> pd.Series:
    """The kind a reader is shown for each ``sources`` row: a generic source's type ("unnamed
    organisation" for "the world media"), else its ``kind`` ("person", "media").

    Examples
    --------
    >>> s = pd.DataFrame({"kind": ["media", "person"], "generic_type": ["unnamed organisation", None]})
    >>> shown_kind(s).tolist()
    ['unnamed organisation', 'person']
    """
    generic = sources["generic_type"] if "generic_type" in sources else sources["kind"]
    kinds = [g if isinstance(g, str) and g else k for k, g in zip(sources["kind"], generic)]
    return pd.Series(kinds, index=sources.index, dtype=object)


def attribution_table(quotes: pd.DataFrame) -> pd.DataFrame:
    """One row per attribution of a ``quotes`` table (its segments joined).

    Parameters
    ----------
    quotes : pandas.DataFrame
        ``res.quotes``: one row per content segment, ``attribution`` numbering the
        attributions within each document.

    Returns
    -------
    pandas.DataFrame
        ``doc_id``, ``attribution``, ``source``, ``speaker``, ``cue`` and ``stance`` (of
        the segment that carries the cue; <NA> for an attribution without one),
        ``direct`` (a segment is a direct quotation), ``evidence_challenged`` (any
        segment), ``segments`` and ``content_start`` (of the first segment), in table order;
        no rows, with these columns, for a table without quotations.

    Examples
    --------
    >>> import analysis
    >>> res = analysis.analyze(['"We won," Ann Lee said. "It was fair." Bob Day claimed it was not.'])
    >>> attribution_table(res.quotes)[["attribution", "source", "stance", "direct", "segments"]].values.tolist()
    [[1, 'Ann Lee', 'neutral', True, 2], [2, 'Bob Day', 'distancing', False, 1]]
    """
    if quotes.empty:
        # A corpus without quotations: no rows, the same columns (an empty quotes table may lack
        # the columns only its rows would set, so nothing is read from it).
        return pd.DataFrame({name: pd.Series(dtype=dtype) for name, dtype in _ATTRIBUTION_DTYPES.items()})
    grouped = quotes.assign(direct=quotes["kind"] == "direct").groupby(["doc_id", "attribution"], sort=False)
    table = grouped.agg(
        source=("source", "first"),
        speaker=("speaker", "first"),
        cue=("cue", "first"),
        stance=("stance", "first"),
        direct=("direct", "any"),
        evidence_challenged=("evidence_challenged", "any"),
        segments=("content_start", "size"),
        content_start=("content_start", "first"),
    )
    return table.reset_index()


def _group_of(res, by: str | None) -> pd.Series:
    """Each document's group: its value of ``by``, or ``"all"``."""
    if by:
        return res.documents.set_index("doc_id")[by]
    return pd.Series("all", index=res.documents["doc_id"])


def _typed_attributions(res, group_of: pd.Series) -> pd.DataFrame:
    """:func:`attribution_table` with each attribution's ``group`` and source type (``named``, a
    generic type, or ``unattributed`` when no source was identified)."""
    attributions = attribution_table(res.quotes)
    attributions["group"] = attributions["doc_id"].map(group_of)
    types = res.sources.drop_duplicates(["doc_id", "source"]).set_index(["doc_id", "source"])["generic_type"]
    keys = pd.MultiIndex.from_arrays([attributions["doc_id"], attributions["source"]])
    generic = types.reindex(keys).to_numpy()
    attributions["source_type"] = [
        "unattributed" if pd.isna(source) else ("named" if pd.isna(kind) else kind)
        for source, kind in zip(attributions["source"], generic)
    ]
    return attributions


def source_summary(res, by: str | None = None) -> pd.DataFrame:
    """Corpus-level summary of sources, overall or per value of a metadata column.

    Parameters
    ----------
    res : analysis.Analysis
        The result of :func:`analysis.analyze`.
    by : str, optional
        A column of ``res.documents`` (a metadata column such as ``outlet`` or
        ``category``) to group documents by.

    Returns
    -------
    pandas.DataFrame
        One row per group (``by`` column, or ``"all"``): ``documents``, ``sources``
        (source rows), ``sources_per_doc``, ``quoted_sources_per_doc``, ``quotes_per_doc``
        (attributions, see :func:`attribution_table`), ``share_direct`` (of attributions
        holding a direct quotation), ``share_<stance>`` (of attributions with a cue),
        ``share_evidence_challenged``, ``share_anonymous`` (of quoted sources),
        ``share_person`` (of quoted sources), then the share of attributions by the type of
        their source: ``share_named``, ``share_anonymous_person``, ``share_generic_group``,
        ``share_unnamed_organisation``, ``share_document``, ``share_other`` (of attributions
        with a source) and ``share_unattributed`` (of all attributions).

    Examples
    --------
    >>> import analysis
    >>> res = analysis.analyze(["Ann Lee said it was fair.", "Officials claimed it was not. Bob Day said so."])
    >>> summary = source_summary(res)
    >>> summary[["documents", "quotes_per_doc", "share_distancing", "share_named"]].round(2).to_dict("records")
    [{'documents': 2, 'quotes_per_doc': 1.5, 'share_distancing': 0.33, 'share_named': 0.67}]
    """
    group_of = _group_of(res, by)
    attributions = _typed_attributions(res, group_of)
    sources = res.sources.assign(group=res.sources["doc_id"].map(group_of))
    rows = []
    for group, group_docs in group_of.groupby(group_of, sort=True):
        a = attributions[attributions["group"] == group]
        s = sources[sources["group"] == group]
        quoted = s[s["quotes"] > 0]
        cued = a[a["stance"].notna()]
        n_docs = len(group_docs)
        row = {
            by or "group": group,
            "documents": n_docs,
            "sources": len(s),
            "sources_per_doc": len(s) / n_docs,
            "quoted_sources_per_doc": len(quoted) / n_docs,
            "quotes_per_doc": len(a) / n_docs,
            "share_direct": a["direct"].mean() if len(a) else float("nan"),
        }
        for stance in STANCES:
            row[f"share_{stance}"] = (cued["stance"] == stance).mean() if len(cued) else float("nan")
        row["share_evidence_challenged"] = a["evidence_challenged"].astype(bool).mean() if len(a) else float("nan")
        row["share_anonymous"] = (quoted["kind"] == "anonymous").mean() if len(quoted) else float("nan")
        row["share_person"] = (quoted["kind"] == "person").mean() if len(quoted) else float("nan")
        sourced = a[a["source_type"] != "unattributed"]
        for kind in ("named", *GENERIC_TYPES):
            share = (sourced["source_type"] == kind).mean() if len(sourced) else float("nan")
            row[f"share_{kind.replace(' ', '_')}"] = share
        row["share_unattributed"] = (a["source_type"] == "unattributed").mean() if len(a) else float("nan")
        rows.append(row)
    return pd.DataFrame(rows)


def source_types(res, by: str | None = None) -> pd.DataFrame:
    """Attributions by the type of their source, overall or per group: how much of a corpus's
    sourcing is named, and how much goes to anonymous persons, generic groups, unnamed
    organisations and documents (which are never pooled as one source across documents).

    Parameters
    ----------
    res : analysis.Analysis
        The result of :func:`analysis.analyze`.
    by : str, optional
        A column of ``res.documents`` to group documents by.

    Returns
    -------
    pandas.DataFrame
        One row per group (``by`` column, or ``"all"``) and source type (``named``, the
        generic types of :data:`analysis.sources.GENERIC_TYPES`, ``unattributed``), in that
        order: ``source_type``, ``attributions``, ``share`` (of the group's attributions),
        ``documents`` (documents with at least one such attribution).

    Examples
    --------
    >>> import analysis
    >>> res = analysis.analyze(["Ann Lee said it was fair. A spokesman said it was not.", "Officials said so."])
    >>> source_types(res)[["source_type", "attributions", "documents"]].values.tolist()[:4]
    [['named', 1, 1], ['anonymous person', 1, 1], ['generic group', 1, 1], ['unnamed organisation', 0, 0]]
    """
    group_of = _group_of(res, by)
    attributions = _typed_attributions(res, group_of)
    rows = []
    for group in sorted(group_of.unique()):
        a = attributions[attributions["group"] == group]
        for kind in SOURCE_TYPES:
            of_kind = a[a["source_type"] == kind]
            rows.append(
                {
                    by or "group": group,
                    "source_type": kind,
                    "attributions": len(of_kind),
                    "share": len(of_kind) / len(a) if len(a) else float("nan"),
                    "documents": of_kind["doc_id"].nunique(),
                }
            )
    return pd.DataFrame(rows)


def top_sources(sources: pd.DataFrame, n: int = 15) -> pd.DataFrame:
    """The named sources of a corpus, most widely quoted first, one row per ``source_key``
    (generic sources, "a spokesman" or "analysts", are no one source across documents: see
    :func:`source_types`).

    Parameters
    ----------
    sources : pandas.DataFrame
        ``res.sources``; surnames used alone are first given the corpus's full name for them
        (:func:`analysis.sources.corpus_keys`).
    n : int
        How many rows.

    Returns
    -------
    pandas.DataFrame
        ``source`` (the key), ``kind``, ``documents`` (documents naming it), ``quoted_in``
        (documents attributing something to it), ``quotes`` (attributions), ``mentions``,
        ``quoted_words`` (sums) and ``prominence`` (mean over the documents naming it);
        ranked by ``quoted_in``, then ``quotes``, then ``documents``.

    Examples
    --------
    >>> s = pd.DataFrame({"doc_id": ["a", "b", "b", "b"], "source": ["Ann Lee", "Lee", "Putin", "spokesman"],
    ...                   "kind": ["person", "person", "person", "anonymous"], "named": [True, True, True, False],
    ...                   "source_key": ["Ann Lee", "Lee", "Putin", None], "mentions": [2, 1, 1, 1],
    ...                   "quotes": [1, 0, 1, 3], "quoted_words": [10, 0, 5, 9], "prominence": [0.9, 0.4, 0.5, 0.6]})
    >>> top_sources(s)[["source", "documents", "quoted_in", "quotes"]].values.tolist()
    [['Ann Lee', 2, 1, 1], ['Putin', 1, 1, 1]]
    """
    named = with_corpus_keys(sources, corpus_keys(sources))
    named = named[named["named"].fillna(False).astype(bool)]
    # The document counts only where something is attributed, so nunique counts quoting documents.
    named = named.assign(quoting_doc=named["doc_id"].where(named["quotes"] > 0))
    grouped = named.groupby("source_key", sort=True)
    # Each key's most frequent kind, the first in alphabetical order among ties (Series.mode's
    # choice), counted for all keys at once: a mode per key costs seconds on a corpus.
    kind_counts = named.groupby(["source_key", "kind"]).size().reset_index(name="n")
    kind_counts = kind_counts.sort_values(["source_key", "n", "kind"], ascending=[True, False, True], kind="stable")
    most_frequent_kind = kind_counts.drop_duplicates("source_key").set_index("source_key")["kind"]
    table = pd.DataFrame(
        {
            "kind": most_frequent_kind,
            "documents": grouped["doc_id"].nunique(),
            "quoted_in": grouped["quoting_doc"].nunique(),
            "quotes": grouped["quotes"].sum(),
            "mentions": grouped["mentions"].sum(),
            "quoted_words": grouped["quoted_words"].sum(),
            "prominence": grouped["prominence"].mean(),
        }
    ).reset_index(names="source")
    table = table.sort_values(["quoted_in", "quotes", "documents"], ascending=False, kind="stable").head(n)
    return table.reset_index(drop=True)
