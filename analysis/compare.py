"""Corpus comparisons: how groups of documents differ, with uncertainty, and how a corpus changes over time.

:func:`compare_groups` gives one row per group and measure: the group's estimate, a 95% bootstrap
confidence interval (documents resampled with :func:`scipy.stats.bootstrap`, seeded) and the
group's difference from a reference group or from the rest of the corpus, with its interval.
:func:`trend` is the same comparison by period of a date column.  :func:`sources_by_group`,
:func:`sourcing_by_group` and :func:`source_framing` break the sources tables down by group.

Every function works on the tables of an :class:`analysis.Analysis` (no re-analysis) and never
changes them.  The methods are described in docs/corpus.md.

How a group's estimate pools its documents
    A rate (``hedges_per_100w`` and every ``*_per_100w``) is pooled as a *ratio of sums*: all
    the group's matches over all its counted words (``n_words_counted``), times 100, so that a
    long article weighs as much as its words and a 40-word brief with one hedge does not count
    as much as a 1,000-word feature.  ``duplicate_share`` is likewise the group's repeated words
    over its words.  Scores and counts that belong to a document as a whole (``sentiment``,
    ``sentiment_narrative``, ``sentiment_quoted``, ``n_sources``) are averaged over documents.
    The ``pooling`` column says which, for every row.

Near-duplicate documents
    Agency copy run by several outlets, or a story published twice, would otherwise count as
    several independent observations.  By default the documents of one duplicate cluster
    (:func:`analysis.duplicate_clusters`) count once *within each group* (its first document in
    corpus order): an outlet that runs an agency story has published it, but twice in the same
    outlet is one story.  ``keep_duplicates=True`` counts every document.
"""

from __future__ import annotations

import zlib

import numpy as np
import pandas as pd

from analysis.framing import framing_by_source
from analysis.pipeline import Analysis
from analysis.repetition import duplicate_clusters
from analysis.sources.identity import corpus_keys, with_corpus_keys
from analysis.sources.summary import source_summary, top_sources

__all__ = [
    "DEFAULT_MEASURES",
    "COMPARE_COLUMNS",
    "compare_groups",
    "compare",
    "trend",
    "group_values",
    "sources_by_group",
    "sourcing_by_group",
    "source_framing",
]

DEFAULT_MEASURES = (
    "hedges_per_100w",
    "boosters_per_100w",
    "distancing_per_100w",
    "sentiment",
    "sentiment_narrative",
    "sentiment_quoted",
    "duplicate_share",
    "n_sources",
)
"""The measures :func:`compare_groups` reports when none are named (those the documents table has)."""

COMPARE_COLUMNS = [
    "by",
    "group",
    "measure",
    "pooling",
    "n_documents",
    "n_duplicates_left_out",
    "estimate",
    "ci_low",
    "ci_high",
    "compared_with",
    "difference",
    "difference_low",
    "difference_high",
]

_RATIO = "ratio of sums: all matches / all counted words x 100"
_SHARE = "ratio of sums: repeated words / all words"
_MEAN = "mean over documents"


def _pooling(measure: str) -> tuple[str, str | None]:
    """How ``measure`` is pooled: its label and the weight column (None: each document weighs 1).

    The estimate is sum(value x weight) / sum(weight): for a rate per 100 counted words that is
    100 x all matches / all counted words, for a mean the mean."""
    if measure.endswith("_per_100w"):
        return _RATIO, "n_words_counted"
    if measure == "duplicate_share":
        return _SHARE, "n_words"
    return _MEAN, None


def group_values(res: Analysis, by) -> pd.Series:
    """Each document's group, aligned with ``res.documents`` (missing where it has none).

    Parameters
    ----------
    res : analysis.Analysis
    by : str or (str, str)
        A column of ``res.documents`` (a metadata column of the corpus, also under its
        ``meta_`` name), or ``(date_column, freq)``: the period of a date column, ``freq``
        a pandas period alias ("M" month, "Q" quarter, "Y" year, "W" week, "D" day).

    Examples
    --------
    >>> import analysis
    >>> res = analysis.analyze(pd.DataFrame({"text": ["A.", "B."], "date": ["2025-01-31", "2025-02-01"]}))
    >>> group_values(res, ("date", "M")).tolist()
    ['2025-01', '2025-02']
    """
    column, freq = (by, None) if isinstance(by, str) else by
    documents = res.documents
    if column not in documents.columns and f"meta_{column}" in documents.columns:
        column = f"meta_{column}"
    if column not in documents.columns:
        raise ValueError(f"expected a column named {column!r} to group by; found {list(documents.columns)}")
    values = documents[column]
    if freq is None:
        return values.astype(object).where(values.notna()).rename(column)
    dates = pd.to_datetime(values, errors="coerce", format="mixed")
    periods = dates.dt.to_period(freq).astype(str)
    return periods.where(dates.notna()).astype(object).rename(column)


def _by_label(by) -> str:
    return by if isinstance(by, str) else f"{by[0]} ({by[1]})"


def _seed(seed: int, *parts: str) -> np.random.Generator:
    """A generator of its own for each interval, so that one interval never depends on which
    other groups or measures were asked for."""
    return np.random.default_rng([seed, *(zlib.crc32(p.encode()) for p in parts)])


def _ratio(numerators: np.ndarray, weights: np.ndarray):
    def statistic(rows, axis=-1):
        rows = rows.astype(np.int64)
        return numerators[rows].sum(axis=axis) / weights[rows].sum(axis=axis)

    return statistic


def _interval(statistic, samples: tuple[np.ndarray, ...], n_boot: int, rng, confidence: float) -> tuple[float, float]:
    """The percentile bootstrap interval of ``statistic`` over document ``samples`` (row numbers)."""
    from scipy import stats  # imported here: scipy.stats takes most of a second to load

    if any(len(s) < 2 for s in samples):
        return float("nan"), float("nan")
    with np.errstate(invalid="ignore", divide="ignore"):
        result = stats.bootstrap(
            samples,
            statistic,
            n_resamples=n_boot,
            confidence_level=confidence,
            method="percentile",
            vectorized=True,
            paired=False,
            rng=rng,
        )
    return float(result.confidence_interval.low), float(result.confidence_interval.high)


def _once_per_cluster(rows: pd.Index, cluster: pd.Series | None) -> pd.Index:
    if cluster is None:
        return rows
    return cluster.loc[rows].drop_duplicates().index


def compare_groups(
    res: Analysis,
    by,
    *,
    measures=None,
    reference=None,
    n_boot: int = 2000,
    seed: int = 0,
    confidence: float = 0.95,
    keep_duplicates: bool = False,
    clusters: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Compare groups of documents on each measure, with bootstrap confidence intervals.

    Parameters
    ----------
    res : analysis.Analysis
        The result of :func:`analysis.analyze`.
    by : str or (str, str)
        What to group by: a metadata column (``"outlet"``) or a period of a date column
        (``("date", "M")``), see :func:`group_values`.  Documents without a group are left out.
    measures : list of str, optional
        Columns of ``res.documents``; default :data:`DEFAULT_MEASURES` (those present).
    reference : optional
        The group every other group is compared with; default: each group is compared with
        the rest of the corpus (all documents of the other groups).
    n_boot : int, default 2000
        Bootstrap resamples.
    seed : int, default 0
        Seed of the resampling: the same tables and seed give the same intervals.
    confidence : float, default 0.95
        Confidence level of the intervals.
    keep_duplicates : bool, default False
        Count every document of a near-duplicate cluster; by default a cluster counts once
        within each group (and within the rest of the corpus).
    clusters : pandas.DataFrame, optional
        The corpus's :func:`analysis.duplicate_clusters` table, when already computed.

    Returns
    -------
    pandas.DataFrame
        One row per group (in sorted order) and measure, columns :data:`COMPARE_COLUMNS`:
        ``by`` (what was grouped by), ``group``, ``measure``, ``pooling`` (how the group's
        documents are pooled: a ratio of sums over counted words, or a mean over documents),
        ``n_documents`` (documents counted: analysed, with a value of the measure, near
        duplicates counted once), ``n_duplicates_left_out``, ``estimate``, ``ci_low``,
        ``ci_high`` (percentile bootstrap interval, resampling documents; NaN for a group of
        fewer than two documents), ``compared_with`` (the reference group, or "rest of
        corpus"), ``difference`` (estimate minus the other's), ``difference_low``,
        ``difference_high`` (bootstrap interval of the difference, both sides resampled
        independently; an interval that excludes 0 is a difference the corpus is large enough
        to show).  The reference group's own difference is 0 and has no interval.

    Examples
    --------
    >>> import analysis
    >>> texts = ["It may rain. It could snow.", "It might rain. Perhaps snow.", "It rains. It snows.",
    ...          "It rains hard. It snows now."]
    >>> res = analysis.analyze(pd.DataFrame({"text": texts, "outlet": ["A", "A", "B", "B"]}))
    >>> table = compare_groups(res, "outlet", measures=["hedges_per_100w"], n_boot=200)
    >>> table[["group", "n_documents", "estimate", "difference"]].round(1).values.tolist()
    [['A', 2, 36.4, 36.4], ['B', 2, 0.0, -36.4]]

    (Group A: 4 hedges in 6 + 5 counted words, 36.4 per 100 words; the mean of its two
    documents' rates, 33.3 and 40.0, would be 36.7.)
    >>> table["pooling"].iloc[0]
    'ratio of sums: all matches / all counted words x 100'
    """
    documents = res.documents
    groups = group_values(res, by).set_axis(documents.index)
    present = groups.dropna()
    if reference is not None and reference not in set(present):
        raise ValueError(f"reference group {reference!r} not found; the groups are {sorted(set(present))}")
    names = [m for m in DEFAULT_MEASURES if m in documents.columns] if measures is None else list(measures)
    missing = [m for m in names if m not in documents.columns]
    if missing:
        raise ValueError(f"expected measure columns of the documents table, found no {missing}")
    cluster = None
    if not keep_duplicates:
        clusters = duplicate_clusters(res.corpus) if clusters is None else clusters
        cluster = documents["doc_id"].map(clusters.set_index("doc_id")["cluster"]).set_axis(documents.index)
    analysed = documents["error"].isna()
    positions = pd.Series(np.arange(len(documents)), index=documents.index)
    rows = []
    for measure in names:
        pooling, weight_column = _pooling(measure)
        values = documents[measure].astype(float)
        weights = documents[weight_column].astype(float).to_numpy() if weight_column else np.ones(len(documents))
        usable = analysed & values.notna() & groups.notna() & (weights > 0)
        statistic = _ratio(np.nan_to_num(values.to_numpy() * weights), weights)

        def difference(a, b, axis=-1):
            return statistic(a, axis=axis) - statistic(b, axis=axis)  # noqa: B023

        def sample_of(mask: pd.Series) -> np.ndarray:
            return positions[_once_per_cluster(mask[mask].index, cluster)].to_numpy()

        def estimate_of(sample: np.ndarray) -> float:
            return float(statistic(sample)) if len(sample) else float("nan")  # noqa: B023

        samples = {group: sample_of(usable & (groups == group)) for group in sorted(set(present))}
        for group, sample in samples.items():
            low, high = _interval(statistic, (sample,), n_boot, _seed(seed, str(group), measure), confidence)
            if reference is None:
                other, compared_with = sample_of(usable & (groups != group)), "rest of corpus"
            else:
                other, compared_with = samples[reference], str(reference)
            d_low, d_high = (float("nan"), float("nan"))
            if group != reference:
                d_low, d_high = _interval(
                    difference, (sample, other), n_boot, _seed(seed, "difference", str(group), measure), confidence
                )
            rows.append(
                {
                    "by": _by_label(by),
                    "group": group,
                    "measure": measure,
                    "pooling": pooling,
                    "n_documents": len(sample),
                    "n_duplicates_left_out": int((usable & (groups == group)).sum()) - len(sample),
                    "estimate": estimate_of(sample),
                    "ci_low": low,
                    "ci_high": high,
                    "compared_with": compared_with,
                    "difference": estimate_of(sample) - estimate_of(other),
                    "difference_low": d_low,
                    "difference_high": d_high,
                }
            )
    return pd.DataFrame(rows, columns=COMPARE_COLUMNS)


def trend(res: Analysis, date: str = "date", freq: str = "M", **options) -> pd.DataFrame:
    """:func:`compare_groups` by period of a date column: each period's estimate and interval, and its
    difference from the other periods, in time order.

    Parameters
    ----------
    res : analysis.Analysis
    date : str, default "date"
        The date column (anything :func:`pandas.to_datetime` reads; unreadable dates are left out).
    freq : str, default "M"
        The period: a pandas period alias ("M" month, "Q" quarter, "Y" year, "W" week).
    **options
        Passed to :func:`compare_groups` (``measures``, ``n_boot``, ``seed``, ``keep_duplicates``, ...).

    Returns
    -------
    pandas.DataFrame
        :data:`COMPARE_COLUMNS` with ``period`` (the group, e.g. "2025-03") first, sorted by
        measure then period.

    Examples
    --------
    >>> import analysis
    >>> res = analysis.analyze(pd.DataFrame({"text": ["Good news.", "Great news.", "Bad news.", "Awful news."],
    ...                                      "date": ["2025-01-02", "2025-01-20", "2025-02-03", "2025-02-09"]}))
    >>> trend(res, measures=["sentiment"], n_boot=200)[["period", "n_documents"]].values.tolist()
    [['2025-01', 2], ['2025-02', 2]]
    """
    table = compare_groups(res, (date, freq), **options)
    table.insert(0, "period", table["group"])
    return table.sort_values(["measure", "period"], kind="stable").reset_index(drop=True)


# --------------------------------------------------------------------------- sources by group


def _grouped(res: Analysis, by: str) -> pd.Series:
    return pd.Series(group_values(res, by).to_numpy(), index=res.documents["doc_id"])


def sources_by_group(res: Analysis, by: str, n: int = 5) -> pd.DataFrame:
    """The most quoted named sources of each group (one identity across documents, as
    :func:`analysis.top_sources`), with their share of the group's attributions.

    Returns
    -------
    pandas.DataFrame
        ``group``, ``rank`` (1 = the most widely quoted), ``source`` (its ``source_key``),
        ``kind``, ``quoted_in`` (the group's documents attributing something to it),
        ``quotes`` (attributions), ``quoted_words``, ``share_of_attributions`` (its
        attributions over all the group's attributions, named or not).

    Examples
    --------
    >>> import analysis
    >>> res = analysis.analyze(pd.DataFrame({"text": ["Ann Lee said it was fair. Bob Day said so.",
    ...                                               "Ann Lee said it was not."], "outlet": ["A", "B"]}))
    >>> sources_by_group(res, "outlet")[["group", "rank", "source", "share_of_attributions"]].values.tolist()
    [['A', 1, 'Ann Lee', 0.5], ['A', 2, 'Bob Day', 0.5], ['B', 1, 'Ann Lee', 1.0]]
    """
    groups = _grouped(res, by)
    keys = corpus_keys(res.sources)
    sources = res.sources.assign(group=res.sources["doc_id"].map(groups))
    attributions = res.quotes.drop_duplicates(["doc_id", "attribution"])["doc_id"].map(groups).value_counts()
    parts = []
    for group in sorted(groups.dropna().unique()):
        top = top_sources(with_corpus_keys(sources[sources["group"] == group], keys), n=n)
        top = top[top["quotes"] > 0]
        parts.append(
            pd.DataFrame(
                {
                    "group": group,
                    "rank": np.arange(1, len(top) + 1),
                    "source": top["source"].to_numpy(),
                    "kind": top["kind"].to_numpy(),
                    "quoted_in": top["quoted_in"].to_numpy(),
                    "quotes": top["quotes"].to_numpy(),
                    "quoted_words": top["quoted_words"].to_numpy(),
                    "share_of_attributions": top["quotes"].to_numpy() / attributions.get(group, np.nan),
                }
            )
        )
    columns = ["group", "rank", "source", "kind", "quoted_in", "quotes", "quoted_words", "share_of_attributions"]
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=columns)


SOURCING_COLUMNS = [
    "documents",
    "quotes_per_doc",
    "share_named",
    "share_anonymous_person",
    "share_generic_group",
    "share_unnamed_organisation",
    "share_document",
    "share_unattributed",
    "share_neutral",
    "share_distancing",
]


def sourcing_by_group(res: Analysis, by: str) -> pd.DataFrame:
    """How each group sources its stories: attributions per document, the shares of named and
    generic sources and of the stances, and the framing asymmetry within its documents.

    Returns
    -------
    pandas.DataFrame
        One row per group: ``group``, ``documents``, ``quotes_per_doc`` (attributions per
        document), ``share_named``, ``share_anonymous_person``, ``share_generic_group``,
        ``share_unnamed_organisation``, ``share_document`` (of attributions with a source;
        see :func:`analysis.source_summary`), ``share_unattributed`` (of all attributions),
        ``share_neutral``, ``share_distancing`` (of attributions with a cue),
        ``mean_asymmetry`` (mean over the group's documents with two or more cued sources
        of :func:`analysis.framing_by_source`'s ``doc_asymmetry``: 0 when a document attributes all its
        sources alike, 1 when it always distances one and never another) and
        ``documents_with_asymmetry`` (how many documents that mean is over).

    Examples
    --------
    >>> import analysis
    >>> res = analysis.analyze(pd.DataFrame({"text": ["Ann Lee said it was fair. Bob Day claimed it was not.",
    ...                                               "A spokesman said so."], "outlet": ["A", "B"]}))
    >>> sourcing_by_group(res, "outlet")[["group", "share_named", "share_distancing", "mean_asymmetry"]
    ...                                  ].values.tolist()
    [['A', 1.0, 0.5, 1.0], ['B', 0.0, 0.0, nan]]
    """
    groups = _grouped(res, by)
    labelled = Analysis(**{**res.tables(), "documents": res.documents.assign(_group=groups.to_numpy())},
                        corpus=res.corpus, dedupe=res.dedupe)
    summary = source_summary(labelled, by="_group").rename(columns={"_group": "group"})
    table = summary[["group", *[c for c in SOURCING_COLUMNS if c in summary]]].copy()
    frames = framing_by_source(res.quotes, res.hedges)
    cued = frames[frames["with_cue"] > 0]
    several = cued.groupby("doc_id").filter(lambda d: len(d) >= 2).drop_duplicates("doc_id")
    per_doc = several.assign(group=several["doc_id"].map(groups)).groupby("group")["doc_asymmetry"]
    table["mean_asymmetry"] = table["group"].map(per_doc.mean())
    table["documents_with_asymmetry"] = table["group"].map(per_doc.size()).fillna(0).astype(int)
    return table.reset_index(drop=True)


def source_framing(res: Analysis, by: str, n: int = 5) -> pd.DataFrame:
    """How each group attributes the corpus's ``n`` most widely quoted named sources: the
    same source said, claimed or insisted, outlet by outlet.

    Returns
    -------
    pandas.DataFrame
        One row per source (in the corpus's ranking, :func:`analysis.top_sources`) and group
        that quotes it: ``source``, ``group``, ``attributions``, ``with_cue``, ``n_neutral``,
        ``n_distancing`` (distancing or concessive cue), ``share_distancing``
        (``n_distancing / with_cue``) and ``spread`` (the source's largest minus smallest
        ``share_distancing`` across groups: 0 when every group frames it alike).

    Examples
    --------
    >>> import analysis
    >>> res = analysis.analyze(pd.DataFrame({"text": ["Ann Lee claimed it was fair.", "Ann Lee said it was."],
    ...                                      "outlet": ["A", "B"]}))
    >>> source_framing(res, "outlet")[["source", "group", "share_distancing", "spread"]].values.tolist()
    [['Ann Lee', 'A', 1.0, 1.0], ['Ann Lee', 'B', 0.0, 1.0]]
    """
    columns = ["source", "group", "attributions", "with_cue", "n_neutral", "n_distancing", "share_distancing",
               "spread"]
    groups = _grouped(res, by)
    top = top_sources(res.sources, n=n)
    quotes = with_corpus_keys(res.quotes, corpus_keys(res.sources))
    attributions = quotes.drop_duplicates(["doc_id", "attribution"])
    attributions = attributions[attributions["source_key"].isin(top["source"])]
    if attributions.empty:
        return pd.DataFrame(columns=columns)
    attributions = attributions.assign(
        group=attributions["doc_id"].map(groups),
        cued=attributions["stance"].notna(),
        neutral=attributions["stance"] == "neutral",
        distancing=attributions["stance"].isin(["distancing", "concessive"]),
    )
    table = attributions.groupby(["source_key", "group"]).agg(
        attributions=("doc_id", "size"), with_cue=("cued", "sum"), n_neutral=("neutral", "sum"),
        n_distancing=("distancing", "sum"),
    ).reset_index().rename(columns={"source_key": "source"})
    table["share_distancing"] = table["n_distancing"] / table["with_cue"].where(table["with_cue"] > 0)
    table["spread"] = table.groupby("source")["share_distancing"].transform(lambda s: s.max() - s.min())
    order = {source: i for i, source in enumerate(top["source"])}
    table = table.sort_values(["source", "group"], key=lambda c: c.map(order) if c.name == "source" else c)
    return table[columns].reset_index(drop=True)


compare = compare_groups
"""The former name of :func:`compare_groups`, kept for code that imports it from this module."""
