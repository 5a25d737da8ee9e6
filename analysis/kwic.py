"""Keyword in context: the words behind a corpus figure, each with the text around it.

:func:`keyword_in_context` lists the contexts of a word or regular expression in every document, or of the
rows of any result table that carry a span (the hedges of a category, a source's quotations,
the repeated passages), sampled reproducibly, with the group each document belongs to.  It is
how a reader checks what a number is made of: the corpus report shows a few contexts beside
its figures.  Offsets are character offsets into the text as given, so
``res.text(doc_id)[start:end] == match`` for every row.
"""

from __future__ import annotations

import re

import pandas as pd

from analysis.compare import group_values
from analysis.pipeline import Analysis

__all__ = ["keyword_in_context", "kwic", "KWIC_COLUMNS"]

KWIC_COLUMNS = ["doc_id", "start", "end", "left", "match", "right"]

# Table columns that hold a span, in the order they are looked for.
_SPANS = (("start", "end"), ("content_start", "content_end"), ("cue_start", "cue_end"))
_WHITESPACE = re.compile(r"\s+")


def _shown(text: str) -> str:
    """Context as one line: line breaks and runs of spaces shown as one space."""
    return _WHITESPACE.sub(" ", text)


def _span_columns(table: pd.DataFrame) -> tuple[str, str]:
    for start, end in _SPANS:
        if start in table.columns and end in table.columns:
            return start, end
    raise ValueError(f"expected span columns (start/end or content_start/content_end); found {list(table.columns)}")


def keyword_in_context(
    res: Analysis,
    pattern: str | None = None,
    *,
    table: pd.DataFrame | None = None,
    by=None,
    n: int | None = None,
    seed: int = 0,
    width: int = 60,
    whole_words: bool = True,
    case_sensitive: bool = False,
) -> pd.DataFrame:
    """Contexts of a pattern, or of a table's spans, across the corpus.

    Parameters
    ----------
    res : analysis.Analysis
        The result of :func:`analysis.analyze` (its corpus holds the texts).
    pattern : str, optional
        A regular expression searched in every document's text as given
        (``"said|told"``, ``r"\\bmay\\b"``).
    table : pandas.DataFrame, optional
        Instead of a pattern: rows of a result table with ``doc_id`` and a span
        (``start``/``end``, else ``content_start``/``content_end``, else
        ``cue_start``/``cue_end``), e.g. ``res.hedges[res.hedges.category == "booster"]``
        or ``res.quotes[res.quotes.source_key == "Elena Ward"]``.  Its other columns are kept.
    by : str or (str, str), optional
        Add a ``group`` column: a metadata column or a period of a date column, as in
        :func:`analysis.compare_groups`.  With ``n``, ``n`` contexts are drawn from each group.
    n : int, optional
        Draw ``n`` contexts at random (of each group when ``by`` is given); all when omitted.
    seed : int, default 0
        Seed of the draw: the same tables, pattern and seed give the same sample.
    width : int, default 60
        Characters of context on each side.
    whole_words : bool, default True
        Match ``pattern`` only as whole words (it is wrapped in ``\\b(?:...)\\b``).
    case_sensitive : bool, default False

    Returns
    -------
    pandas.DataFrame
        One row per match, in corpus order: ``doc_id``, ``start``, ``end`` (offsets into the
        text as given), ``left``, ``match``, ``right`` (up to ``width`` characters either side;
        line breaks in ``left`` and ``right`` shown as spaces, ``match`` exactly as in the
        text), then ``group`` (with ``by``) and the table's other columns (with ``table``).

    Examples
    --------
    >>> import analysis
    >>> res = analysis.analyze(["Kim said it may rain.\\n\\nLee said it will not.", "Nobody spoke."])
    >>> keyword_in_context(res, "said", width=10)[["doc_id", "start", "left", "match", "right"]].values.tolist()
    [['0', 4, 'Kim ', 'said', ' it may ra'], ['0', 27, 'ain. Lee ', 'said', ' it will n']]
    >>> keyword_in_context(res, table=res.hedges, width=8)[["match", "right", "category"]].values.tolist()
    [['may', ' rain. ', 'hedge']]
    """
    if (pattern is None) == (table is None):
        raise ValueError("expected a pattern or a table=, not both and not neither")
    if n is not None and n < 0:
        raise ValueError(f"n must be 0 or more, found {n}")
    texts = res.corpus.set_index("doc_id")["text"]
    order = {doc_id: i for i, doc_id in enumerate(res.corpus["doc_id"])}
    if pattern is not None:
        expression = rf"\b(?:{pattern})\b" if whole_words else pattern
        compiled = re.compile(expression, 0 if case_sensitive else re.IGNORECASE)
        found = [
            (doc_id, m.start(), m.end())
            for doc_id, text in texts.items()
            if isinstance(text, str)
            for m in compiled.finditer(text)
            if m.end() > m.start()
        ]
        spans = pd.DataFrame(found, columns=["doc_id", "start", "end"])
        extra = pd.DataFrame(index=spans.index)
    else:
        start, end = _span_columns(table)
        located = table[table[start].notna() & table[end].notna()]
        spans = pd.DataFrame(
            {
                "doc_id": located["doc_id"].astype(str).to_numpy(),
                "start": located[start].astype(int).to_numpy(),
                "end": located[end].astype(int).to_numpy(),
            }
        )
        extra = located.drop(columns=[c for c in ("doc_id", start, end) if c in located]).reset_index(drop=True)
    if by is not None:
        groups = pd.Series(group_values(res, by).to_numpy(), index=res.documents["doc_id"])
        extra.insert(0, "group", spans["doc_id"].map(groups).to_numpy())
    frame = pd.concat([spans, extra], axis=1)
    if n is not None:
        if by is None:
            frame = frame.sample(n=min(n, len(frame)), random_state=seed)
        else:
            frame = frame.groupby("group", group_keys=False, sort=True).sample(frac=1, random_state=seed)
            frame = frame.groupby("group", sort=True).head(n)
    frame = frame.assign(_order=frame["doc_id"].map(order)).sort_values(["_order", "start"], kind="stable")
    frame = frame.drop(columns="_order").reset_index(drop=True)
    contexts = [
        (_shown(texts[d][max(0, s - width) : s]), texts[d][s:e], _shown(texts[d][e : e + width]))
        for d, s, e in zip(frame["doc_id"], frame["start"], frame["end"])
    ]
    frame.insert(3, "left", [c[0] for c in contexts])
    frame.insert(4, "match", [c[1] for c in contexts])
    frame.insert(5, "right", [c[2] for c in contexts])
    return frame


kwic = keyword_in_context
"""The former name of :func:`keyword_in_context`, kept for code that imports it from this module."""
