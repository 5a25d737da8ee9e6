"""Corpus-level summaries of the sources tables."""

from __future__ import annotations

import pandas as pd

from analysis.sources.prominence import STANCES


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
        (source rows), ``sources_per_doc``, ``quoted_sources_per_doc``, ``quotes_per_doc``,
        ``share_direct``, ``share_<stance>`` (of attributions with a cue),
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
    quotes = res.quotes.assign(group=res.quotes["doc_id"].map(group_of))
    sources = res.sources.assign(group=res.sources["doc_id"].map(group_of))
    rows = []
    for group, group_docs in docs.assign(group=group_of.values).groupby("group", sort=True):
        q = quotes[quotes["group"] == group]
        s = sources[sources["group"] == group]
        quoted = s[s["quotes"] > 0]
        cued = q[q["stance"].notna()]
        n_docs = len(group_docs)
        row = {
            by or "group": group,
            "documents": n_docs,
            "sources": len(s),
            "sources_per_doc": len(s) / n_docs,
            "quoted_sources_per_doc": len(quoted) / n_docs,
            "quotes_per_doc": len(q) / n_docs,
            "share_direct": (q["kind"] == "direct").mean() if len(q) else float("nan"),
        }
        for stance in STANCES:
            row[f"share_{stance}"] = (cued["stance"] == stance).mean() if len(cued) else float("nan")
        challenged = q["evidence_challenged"] if "evidence_challenged" in q else pd.Series(dtype=bool)
        row["share_evidence_challenged"] = challenged.astype(bool).mean() if len(q) else float("nan")
        row["share_anonymous"] = (quoted["kind"] == "anonymous").mean() if len(quoted) else float("nan")
        row["share_person"] = (quoted["kind"] == "person").mean() if len(quoted) else float("nan")
        rows.append(row)
    return pd.DataFrame(rows)
