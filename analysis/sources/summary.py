"""Corpus-level summaries of the sources tables."""

from __future__ import annotations

import pandas as pd

from analysis.sources.prominence import STANCES


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
        segment), ``segments`` and ``content_start`` (of the first segment), in table order.

    Examples
    --------
    >>> import analysis
    >>> res = analysis.analyze(['"We won," Ann Lee said. "It was fair." Bob Day claimed it was not.'])
    >>> attribution_table(res.quotes)[["attribution", "source", "stance", "direct", "segments"]].values.tolist()
    [[1, 'Ann Lee', 'neutral', True, 2], [2, 'Bob Day', 'distancing', False, 1]]
    """
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
        ``share_evidence_challenged``, ``share_anonymous`` (of quoted sources) and
        ``share_person`` (of quoted sources).

    Examples
    --------
    >>> import analysis
    >>> res = analysis.analyze(["Ann Lee said it was fair.", "Officials claimed it was not. Bob Day said so."])
    >>> summary = source_summary(res)
    >>> summary[["documents", "quotes_per_doc", "share_distancing"]].to_dict("records")
    [{'documents': 2, 'quotes_per_doc': 1.5, 'share_distancing': 0.3333333333333333}]
    """
    docs = res.documents[["doc_id"] + ([by] if by else [])]
    group_of = docs.set_index("doc_id")[by] if by else pd.Series("all", index=docs["doc_id"])
    attributions = attribution_table(res.quotes)
    attributions["group"] = attributions["doc_id"].map(group_of)
    sources = res.sources.assign(group=res.sources["doc_id"].map(group_of))
    rows = []
    for group, group_docs in docs.assign(group=group_of.values).groupby("group", sort=True):
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
        rows.append(row)
    return pd.DataFrame(rows)
