"""Framing asymmetry: how differently a story attributes what each of its sources says.

A reporter frames a source through the attribution itself: "Kim said" presents a claim
neutrally, "Kirby claimed" keeps it at arm's length (distancing verb; Bergler 1992),
"Kirby admitted" presents it as a concession, and "... but didn't provide any evidence"
challenges it.  Scare quotes around single words of the source's claim (``'intelligence'``)
distance it further.  This module counts these devices per source and document from the
``quotes`` and ``hedges`` tables of an :class:`analysis.Analysis`, and measures the gap
between the most and the least distanced source of each document.

It works on the tables only (no text, no other measure's code).
"""

from __future__ import annotations

import re
from bisect import bisect_left

import pandas as pd

__all__ = ["framing_by_source", "framing", "FRAMING_COLUMNS"]

FRAMING_COLUMNS = [
    "doc_id",
    "source",
    "attributions",
    "with_cue",
    "n_neutral",
    "n_distancing",
    "n_concessive",
    "n_endorsing",
    "n_evidence_challenged",
    "n_scare_quotes",
    "n_framed",
    "share_framed",
    "doc_asymmetry",
]

_STANCE_COUNTS = ("neutral", "distancing", "concessive", "endorsing")
# A short quoted fragment (one to three words) inside reported speech: a scare quote or a
# quoted single word the outlet keeps at a distance ("the US had 'intelligence'").
# A fragment opening with an auxiliary ("'would conform'") quotes the source's own predicate
# (a partial quote), not a word the outlet holds at a distance.
_VERBAL = frozenset(
    "would will could can should may might must is are was were be been has have had do does did".split()
)
_FRAGMENT_RE = re.compile(r"(?:^|(?<=[\s(]))['\"](\w[\w'-]*(?: [\w'-]+){0,2})['\"](?=[\s.,;:)]|$)")


def _scare_quote_hits(quotes: pd.DataFrame, hedges: pd.DataFrame) -> pd.Series:
    """Scare quotes per attribution row: hedges of category ``scare_quote`` inside its content,
    or, where the hedges table has none for the document, short quoted fragments (one to
    three words, not opening with an auxiliary) inside indirect or partial content."""
    scare = hedges[hedges["category"] == "scare_quote"] if len(hedges) else hedges
    # Each document's scare-quote starts, sorted, so that a quotation's count is two bisections
    # (a corpus has tens of thousands of quotation rows: no per-row table filtering).
    starts: dict[str, list[int]] = {}
    for doc_id, start in zip(scare["doc_id"], scare["start"]) if len(scare) else ():
        starts.setdefault(doc_id, []).append(int(start))
    for values in starts.values():
        values.sort()
    hits = []
    for doc_id, start, end, kind, content in zip(
        quotes["doc_id"], quotes["content_start"], quotes["content_end"], quotes["kind"], quotes["content"]
    ):
        if pd.isna(start):
            hits.append(0)
        elif doc_id in starts:
            hits.append(bisect_left(starts[doc_id], end) - bisect_left(starts[doc_id], start))
        elif kind in ("indirect", "partial") and isinstance(content, str):
            hits.append(sum(f.split()[0].lower() not in _VERBAL for f in _FRAGMENT_RE.findall(content)))
        else:
            hits.append(0)
    return pd.Series(hits, index=quotes.index, dtype="int64")


def framing_by_source(quotes: pd.DataFrame, hedges: pd.DataFrame | None = None) -> pd.DataFrame:
    """How each source is attributed, per document, and the document's framing asymmetry.

    Parameters
    ----------
    quotes : pandas.DataFrame
        The ``quotes`` table of an :class:`analysis.Analysis` (``res.quotes``).
    hedges : pandas.DataFrame, optional
        The ``hedges`` table (``res.hedges``); its ``scare_quote`` rows inside a source's
        attributions count as scare quotes.  Without it (or when a document has no
        ``scare_quote`` rows), short quoted fragments inside reported speech are counted.

    Returns
    -------
    pandas.DataFrame
        One row per document and attributed source, counting attributions (the segments
        of one attribution, ``quotes.attribution``, count once): ``doc_id``, ``source``,
        ``attributions``, ``with_cue`` (attributions with a cue), ``n_neutral``,
        ``n_distancing``, ``n_concessive``, ``n_endorsing`` (cue stances),
        ``n_evidence_challenged``, ``n_scare_quotes``, ``n_framed`` (attributions with a
        distancing or concessive cue, an evidence challenge or a scare quote),
        ``share_framed`` (``n_framed / with_cue``, NaN without cues) and ``doc_asymmetry``
        (the largest minus the smallest ``share_framed`` among the document's sources:
        0 when all are attributed alike, 1 when one is always framed and another never).

    Examples
    --------
    >>> import analysis
    >>> res = analysis.analyze(["Ann Lee said the vote was fair. Bob Day claimed it was rigged, "
    ...                         "but offered no evidence."])
    >>> framing_by_source(res.quotes, res.hedges)[["source", "n_distancing", "n_evidence_challenged", "share_framed",
    ...                                  "doc_asymmetry"]].values.tolist()
    [['Ann Lee', 0, 0, 0.0, 1.0], ['Bob Day', 1, 1, 1.0, 1.0]]
    """
    quotes = quotes[quotes["source"].notna()].copy()
    if quotes.empty:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in FRAMING_COLUMNS})
    hedges = hedges if hedges is not None else pd.DataFrame(columns=["doc_id", "start", "category"])
    quotes["scare"] = _scare_quote_hits(quotes, hedges)
    quotes["challenged"] = quotes["evidence_challenged"].fillna(False).astype(bool)
    quotes["cued"] = quotes["cue"].notna()
    quotes["distanced"] = quotes["stance"].isin(["distancing", "concessive"])
    # One row per attribution: its cue (and so its stance) is on one segment, its scare quotes on any.
    attributions = quotes.groupby(["doc_id", "source", "attribution"], sort=False).agg(
        cued=("cued", "any"),
        stance=("stance", "first"),
        distanced=("distanced", "any"),
        challenged=("challenged", "any"),
        scare=("scare", "sum"),
    )
    attributions["framed"] = attributions["cued"] & (
        attributions["distanced"] | attributions["challenged"] | (attributions["scare"] > 0)
    )
    counts = attributions.assign(**{f"n_{s}": attributions["stance"] == s for s in _STANCE_COUNTS})
    table = counts.groupby(level=["doc_id", "source"], sort=False).agg(
        attributions=("cued", "size"),
        with_cue=("cued", "sum"),
        **{f"n_{s}": (f"n_{s}", "sum") for s in _STANCE_COUNTS},
        n_evidence_challenged=("challenged", "sum"),
        n_scare_quotes=("scare", "sum"),
        n_framed=("framed", "sum"),
    )
    table = table.astype("int64").reset_index()
    table[["doc_id", "source"]] = table[["doc_id", "source"]].astype(str)  # plain text columns, as ever
    table["share_framed"] = table["n_framed"] / table["with_cue"].where(table["with_cue"] > 0)
    by_document = table.groupby("doc_id", sort=False)["share_framed"]
    spread = by_document.max() - by_document.min()
    table["doc_asymmetry"] = table["doc_id"].map(spread)
    return table[FRAMING_COLUMNS].reset_index(drop=True)


framing = framing_by_source
"""The former name of :func:`framing_by_source`, kept for code that imports it from this module."""
