"""Figures for the measures (matplotlib, and seaborn for the corpus distributions).

Every plot function follows seaborn's axes-level convention: the table to draw comes first
as ``data``, then what to draw of it (a document, a measure), and ``ax=None`` as a keyword
(the matplotlib Axes to draw on; a new figure when omitted); it returns the Axes, with a
title and labelled axes, readable in grayscale.  :func:`as_html` shows a figure as HTML
with alt text.  Analysis code never imports this module.
"""

from __future__ import annotations

import base64
import html
import io
import warnings

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from analysis.highlight import HTMLFragment
from analysis.sentiment import sentiment_arc_data
from analysis.sources.summary import shown_kind

__all__: list[str] = []


# --------------------------------------------------------------------------- sentiment

__all__ += ["sentiment_arc"]


def sentiment_arc(data: pd.DataFrame, doc_id: str, *, window: int = 5, ax: Axes | None = None) -> Axes:
    """The sentiment arc of one document: each sentence's compound and a rolling mean.

    Data from :func:`analysis.sentiment.sentiment_arc_data` (later copies of repeated
    passages left out).  Quoted and narrative sentences have different markers; the
    rolling mean is a solid line, the zero line dotted.

    Parameters
    ----------
    data : pandas.DataFrame
        ``Analysis.sentences``.
    doc_id : str
        The document to draw.
    window : int, default 5
        Sentences in the centred rolling mean.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure when omitted.

    Examples
    --------
    >>> import analysis
    >>> res = analysis.analyze(["Good news. Bad news. 'Terrible news,' he said."])
    >>> ax = sentiment_arc(res.sentences, "0", window=3)
    >>> ax.get_xlabel()
    'position in the document (0 = first sentence, 1 = last)'
    >>> plt.close(ax.figure)
    """
    arc = sentiment_arc_data(data, doc_id, window=window)
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 3.5))
    # Plain matplotlib, as seaborn's scatterplot would draw it: importing seaborn (and the
    # scipy.stats behind it) is a second of a one-article report, for two marker styles.
    for voice, marker, colour in (("narrative", "o", "0.55"), ("quote", "s", "0.1")):
        points = arc[arc["voice"] == voice]
        ax.scatter(points["position"], points["compound"], marker=marker, color=colour, s=50, label=voice,
                   edgecolors="white", linewidths=0.75)
    ax.plot(arc["position"], arc["rolling"], color="black", linewidth=2, label=f"rolling mean ({window} sentences)")
    ax.axhline(0, color="0.4", linestyle=":", linewidth=1)
    ax.set_ylim(-1.05, 1.05)
    ax.set_xlabel("position in the document (0 = first sentence, 1 = last)")
    ax.set_ylabel("VADER compound")
    ax.set_title(f"Sentiment arc of {doc_id}")
    ax.legend(loc="lower left", fontsize="small", frameon=False)
    return ax


# --------------------------------------------------------------------------- hedging

_HEDGE_CATEGORIES = ("hedge", "booster", "distancing", "evidential", "approximator", "scare_quote")
_VOICE_STYLE = {"narrative": {"color": "0.35", "hatch": ""}, "quote": {"color": "0.85", "hatch": "///"}}


def hedge_categories(data: pd.DataFrame, doc_id: str | None = None, *, ax: Axes | None = None) -> Axes:
    """Hedging matches counted by category, with narrative and quoted voice side by side.

    Parameters
    ----------
    data : pandas.DataFrame
        The ``hedges`` table of :func:`analysis.analyze` (or :func:`analysis.detect_hedges`):
        columns ``doc_id``, ``category`` and ``voice`` are used.
    doc_id : str, optional
        Count only this document; the whole corpus when omitted.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure when omitted.

    Returns
    -------
    matplotlib.axes.Axes
        Horizontal bars, one pair per category in a fixed order (all six, zeros
        included); narrative voice dark and plain, quoted voice light and hatched.

    Examples
    --------
    >>> import analysis
    >>> hedges = analysis.detect_hedges(['"We may win," she said. Officials claimed victory.'])
    >>> ax = hedge_categories(hedges)
    >>> [t.get_text() for t in ax.get_yticklabels()][:3], ax.get_title()
    (['hedge', 'booster', 'distancing'], 'Hedging language by category and voice')
    """
    rows = data if doc_id is None else data[data["doc_id"] == doc_id]
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 3.8))
    positions = np.arange(len(_HEDGE_CATEGORIES))
    height = 0.38
    for offset, (voice, style) in zip((-height / 2, height / 2), _VOICE_STYLE.items()):
        counts = [int(((rows["category"] == c) & (rows["voice"] == voice)).sum()) for c in _HEDGE_CATEGORIES]
        bars = ax.barh(positions + offset, counts, height, label=voice, edgecolor="black", **style)
        ax.bar_label(bars, padding=2, fontsize=8)
    ax.set_yticks(positions, [c.replace("_", " ") for c in _HEDGE_CATEGORIES])
    ax.invert_yaxis()
    ax.set_xlabel("matches")
    ax.set_ylabel("hedging category")
    title = "Hedging language by category and voice"
    ax.set_title(title if doc_id is None else f"{title}: {doc_id}")
    ax.legend(title="voice", loc="lower right")
    ax.margins(x=0.12)
    return ax


__all__ += ["hedge_categories"]


# --------------------------------------------------------------------------- repetition


def repetition_heatmap(data: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """Heatmap of a paragraph-by-paragraph similarity matrix of one document.

    Parameters
    ----------
    data : pandas.DataFrame
        Square similarities in [0, 1], as from :func:`analysis.paragraph_similarity`.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure when omitted.

    Returns
    -------
    matplotlib.axes.Axes
        Dark cells are similar paragraph pairs (grey scale): copied text shows as diagonal
        lines off the main diagonal, a text pasted three times as a three-by-three block pattern.

    Examples
    --------
    >>> from analysis import paragraph_similarity
    >>> repetition_heatmap(paragraph_similarity("A b c d e f.\\n\\nA b c d e f.")).get_title()
    'Paragraph similarity (word 5-gram Jaccard)'
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(6, 5))
    # seaborn's heatmap in plain matplotlib (see sentiment_arc): a cell per pair, row 0 at the top.
    mesh = ax.pcolormesh(data.to_numpy(dtype=float), vmin=0, vmax=1, cmap="Greys")
    ax.set_aspect("equal")
    ax.invert_yaxis()
    step = max(1, len(data) // 13)  # about a dozen labels on the x axis, where they run side by side
    ax.set_xticks(np.arange(0, len(data), step) + 0.5, [str(c) for c in data.columns[::step]])
    ax.set_yticks(np.arange(len(data)) + 0.5, [str(i) for i in data.index])
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.figure.colorbar(mesh, ax=ax, label="Jaccard similarity").outline.set_visible(False)
    ax.set_title("Paragraph similarity (word 5-gram Jaccard)")
    ax.set_xlabel("paragraph")
    ax.set_ylabel("paragraph")
    return ax


def cluster_sizes(data: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """Bar chart of how many near-duplicate clusters there are of each size.

    Parameters
    ----------
    data : pandas.DataFrame
        One row per document with ``cluster`` and ``cluster_size``, as from
        :func:`analysis.duplicate_clusters`.  Documents without a near duplicate (size 1) are
        counted in the title, not drawn.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure when omitted.

    Returns
    -------
    matplotlib.axes.Axes
        Bars (hatched, labelled with their counts) of the number of clusters per size.

    Examples
    --------
    >>> import pandas as pd
    >>> clusters = pd.DataFrame({"cluster": [0, 1, 1, 2], "cluster_size": [1, 2, 2, 1]})
    >>> cluster_sizes(clusters).get_xlabel()
    'documents in the cluster'
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(6, 4))
    per_cluster = data.drop_duplicates("cluster")["cluster_size"]
    counts = per_cluster[per_cluster > 1].value_counts().sort_index()
    bars = ax.bar([str(size) for size in counts.index], counts.to_numpy(), color="0.6", edgecolor="black", hatch="//")
    ax.bar_label(bars)
    singles = int((per_cluster == 1).sum())
    ax.set_title(f"Near-duplicate clusters by size ({singles} documents without a near duplicate)")
    ax.set_xlabel("documents in the cluster")
    ax.set_ylabel("clusters")
    return ax


__all__ += ["repetition_heatmap", "cluster_sizes"]


# --------------------------------------------------------------------------- sources

__all__ += ["source_prominence", "framing_comparison"]

_STANCES = ("neutral", "endorsing", "tentative", "opposing", "concessive", "distancing")


def source_prominence(data: pd.DataFrame, doc_id: str, *, ax: Axes | None = None) -> Axes:
    """Sources of one document by prominence, most prominent at the top.

    Parameters
    ----------
    data : pandas.DataFrame
        The ``sources`` table (``res.sources``).
    doc_id : str
        The document to draw.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure when omitted.

    Returns
    -------
    matplotlib.axes.Axes
        One horizontal bar per source, its length the prominence score (0..1, the same
        quantity the bars are sorted by): dark for a source given words (quoted or cited),
        white and hatched for one that is only mentioned.  Beside each bar: its attributions
        by the stance of their cue ("2 neutral", "1 distancing"), or "only mentioned".

    Examples
    --------
    >>> import analysis
    >>> res = analysis.analyze(["Ann Lee said it works. Officials claimed it did not."])
    >>> ax = source_prominence(res.sources, "0")
    >>> ax.get_title(), ax.get_xlabel()
    ('Sources of 0 by prominence', 'prominence (0 to 1; see the caption)')
    """
    table = data[data["doc_id"] == doc_id].sort_values("prominence", ascending=False, kind="stable")
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 0.4 * len(table) + 1.5))
    labels = [f"{s} ({k})" for s, k in zip(table["source"], shown_kind(table))]  # the kinds the report's table shows
    quoted = (table["quotes"].fillna(0) > 0).tolist()
    positions = range(len(table))
    styles = {True: ("0.3", "", "quoted or cited"), False: ("white", "//", "only mentioned")}
    for given_words in (True, False):
        colour, hatch, label = styles[given_words]
        rows = [i for i in positions if quoted[i] is given_words]
        if rows:
            values = table["prominence"].iloc[rows].fillna(0).tolist()
            ax.barh(rows, values, color=colour, hatch=hatch, edgecolor="black", label=label)
    for i, (_, row) in enumerate(table.iterrows()):
        stances = [f"{int(row[f'n_{s}'])} {s}" for s in _STANCES if f"n_{s}" in row and row[f"n_{s}"] > 0]
        if not stances:
            stances = ["quoted, no cue of its own"] if quoted[i] else ["only mentioned"]
        ax.text(float(row["prominence"] or 0) + 0.01, i, ", ".join(stances), va="center", fontsize=8)
    ax.set_yticks(list(positions), labels)
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.set_title(f"Sources of {doc_id} by prominence")
    ax.set_xlabel("prominence (0 to 1; see the caption)")
    ax.set_ylabel("source (kind), most prominent first")
    if len(table):
        ax.legend(loc="lower right", fontsize="small")
    return ax


_FRAMING_BARS = [  # column, label, colour (colour-blind safe, Okabe-Ito), hatch: told apart in grayscale too
    ("n_neutral", "neutral cue", "#f0f0f0", ""),
    ("n_distancing", "distancing cue", "#d55e00", "xx"),
    ("n_concessive", "concessive cue", "#0072b2", "//"),
    ("n_endorsing", "endorsing cue", "#009e73", "\\\\"),
    ("n_evidence_challenged", "evidence challenged", "#e69f00", ".."),
    ("n_scare_quotes", "scare quotes", "#222222", ""),
]


def framing_comparison(data: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """How each source is attributed: counts of neutral, distancing, concessive and endorsing
    cues, evidence challenges and scare quotes, side by side.

    Parameters
    ----------
    data : pandas.DataFrame
        From :func:`analysis.framing_by_source` (one or several documents).
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure when omitted.

    Returns
    -------
    matplotlib.axes.Axes
        Grouped horizontal bars per source (``doc_id: source`` when several documents),
        one bar per device that occurs at least once (a device that never occurs has no bar
        and no legend entry), told apart by colour and by hatch or shade.

    Examples
    --------
    >>> import analysis
    >>> res = analysis.analyze(["Ann Lee said it works. Bob Day claimed it failed but gave no evidence."])
    >>> ax = framing_comparison(analysis.framing_by_source(res.quotes, res.hedges))
    >>> ax.get_xlabel()
    'attributions (for scare quotes: scare quotes in them)'
    >>> [t.get_text() for t in ax.get_legend().get_texts()]
    ['neutral cue', 'distancing cue', 'evidence challenged']
    """
    several = data["doc_id"].nunique() > 1
    labels = [f"{d}: {s}" if several else str(s) for d, s in zip(data["doc_id"], data["source"])]
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 0.9 * len(data) + 1.5))
    occurring = [bar for bar in _FRAMING_BARS if data[bar[0]].fillna(0).gt(0).any()]
    height = 0.8 / max(len(occurring), 1)
    for k, (column, label, colour, hatch) in enumerate(occurring):
        positions = [i + (k - len(occurring) / 2) * height + height / 2 for i in range(len(data))]
        ax.barh(
            positions,
            data[column].fillna(0),
            height=height,
            color=colour,
            hatch=hatch,
            edgecolor="black",
            label=label,
        )
    ax.set_yticks(range(len(data)), labels)
    ax.invert_yaxis()
    title = "Framing of sources"
    if not several and len(data):
        asymmetry = data["doc_asymmetry"].iloc[0]
        title += f" in {data['doc_id'].iloc[0]}"
        if pd.notna(asymmetry):
            title += f"\nframing asymmetry {asymmetry:.2f} (0: all sources framed alike; 1: one always, one never)"
    ax.set_title(title)
    ax.set_xlabel("attributions (for scare quotes: scare quotes in them)")
    ax.set_ylabel("source")
    if occurring:
        ax.legend(loc="lower right", fontsize="small")
    return ax


# --------------------------------------------------------------------------- report
# Generic figures for corpus reports, and figures as HTML with alt text.

__all__ += ["as_html", "distribution", "distribution_by", "top_sources_chart"]


def as_html(figure, alt: str, caption: str | None = None):
    """A figure (or Axes) as an HTML ``<figure>`` with an inline PNG and alt text; closes it.

    nbconvert's HTML export gives notebook images no alt text, so the report shows its
    figures through this.  The PNG carries no software-version metadata, so the same
    figure gives the same bytes.

    Parameters
    ----------
    figure : matplotlib.figure.Figure or matplotlib.axes.Axes
    alt : str
        What the figure shows, for screen readers and when images are off (escaped).
    caption : str, optional
        A visible caption (escaped).

    Returns
    -------
    analysis.highlight.HTMLFragment

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> markup = str(as_html(ax, alt='Words per "document"'))
    >>> markup.startswith("<figure") and 'alt="Words per &quot;document&quot;"' in markup
    True
    """
    fig = figure.get_figure() if hasattr(figure, "get_figure") and not hasattr(figure, "savefig") else figure
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=100, bbox_inches="tight", metadata={"Software": None})
    plt.close(fig)
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    figcaption = f"<figcaption>{html.escape(caption)}</figcaption>" if caption else ""
    return HTMLFragment(
        f'<figure style="margin:0 0 1em 0;break-inside:avoid"><img alt="{html.escape(alt, quote=True)}" '
        f'src="data:image/png;base64,{data}" style="max-width:100%">{figcaption}</figure>'
    )


def distribution(data: pd.DataFrame, column: str, label: str | None = None, *, ax: Axes | None = None) -> Axes:
    """Histogram of one column of the ``documents`` table across a corpus (documents without a value left out).

    ``label`` names the column in the title and on the axis (the column's name when omitted); ``ax``
    is where to draw (a new figure when omitted).  Returns the Axes.

    Examples
    --------
    >>> import pandas as pd
    >>> ax = distribution(pd.DataFrame({"n_words": [120, 300, 310, 800]}), "n_words", "words")
    >>> ax.get_xlabel(), ax.get_ylabel()
    ('words', 'documents')
    """
    values = data[column].dropna().astype(float)
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 3.2))
    import seaborn as sns  # here, not at the top: only corpus figures use it (see sentiment_arc)

    sns.histplot(x=values, ax=ax, color="0.55", edgecolor="black")
    ax.set_title(f"Distribution of {label or column} ({len(values)} documents)")
    ax.set_xlabel(label or column)
    ax.set_ylabel("documents")
    return ax


def distribution_by(
    data: pd.DataFrame, column: str, by: str, label: str | None = None, *, ax: Axes | None = None
) -> Axes:
    """Box plot of one column of the ``documents`` table per value of a metadata column (e.g. category).

    Groups are ordered by name; each box shows the quartiles, whiskers 1.5 IQR, points
    beyond them.  ``label`` and ``ax`` as for :func:`distribution`.  Returns the Axes.

    Examples
    --------
    >>> import pandas as pd
    >>> d = pd.DataFrame({"n_words": [100, 200, 300, 400], "category": ["a", "a", "b", "b"]})
    >>> ax = distribution_by(d, "n_words", "category", "words")
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['a', 'b']
    """
    values = data[[column, by]].dropna().astype({column: float, by: str})
    order = sorted(values[by].unique())
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 0.45 * len(order) + 1.4))
    import seaborn as sns  # only corpus figures use it (see sentiment_arc)

    with warnings.catch_warnings():
        # seaborn 0.13 passes matplotlib's deprecated `vert=` to boxplot; nothing for users to act on.
        warnings.filterwarnings("ignore", message="vert: bool", category=DeprecationWarning)
        sns.boxplot(data=values, x=column, y=by, order=order, ax=ax, color="0.8", linecolor="black", fliersize=3)
    name = label or column
    ax.set_title(f"{name[:1].upper()}{name[1:]} by {by}")
    ax.set_xlabel(label or column)
    ax.set_ylabel(by)
    return ax


def top_sources_chart(data: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """Horizontal bars: in how many documents each named source is quoted or cited
    (``quoted_in`` of :func:`analysis.top_sources`), and how many more only name it.
    ``ax``: where to draw (a new figure when omitted).  Returns the Axes.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"source": ["Kim", "Putin"], "documents": [3, 1], "quoted_in": [2, 1]})
    >>> top_sources_chart(t).get_xlabel()
    'documents'
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 0.35 * len(data) + 1.4))
    labels = data["source"].astype(str)
    ax.barh(labels, data["quoted_in"], color="0.35", edgecolor="black", label="quoting or citing it")
    ax.barh(
        labels,
        data["documents"] - data["quoted_in"],
        left=data["quoted_in"],
        color="white",
        edgecolor="black",
        hatch="//",
        label="only naming it",
    )
    ax.invert_yaxis()
    ax.set_title("Most quoted named sources")
    ax.set_xlabel("documents")
    ax.set_ylabel("source")
    ax.legend(loc="lower right")
    return ax


# --------------------------------------------------------------------------- corpus comparisons

__all__ += ["forest_plot", "trend_plot"]


def forest_plot(data: pd.DataFrame, measure: str, *, label: str | None = None, ax: Axes | None = None) -> Axes:
    """Each group's estimate of one measure with its confidence interval (a forest plot), from
    :func:`analysis.compare_groups`; the dotted line is the corpus-wide estimate (the mean of the
    groups' estimates weighted by their documents).  Groups whose difference from the rest (or
    the reference) has an interval excluding 0 are drawn filled, the others hollow.  ``label``
    names the measure (its column name when omitted); ``ax`` is where to draw (a new figure when
    omitted).  Returns the Axes.

    Examples
    --------
    >>> import pandas as pd
    >>> c = pd.DataFrame({"group": ["a", "b"], "measure": "m", "n_documents": [10, 10], "estimate": [1.0, 2.0],
    ...                   "ci_low": [0.5, 1.5], "ci_high": [1.5, 2.5], "difference_low": [-1.5, 0.5],
    ...                   "difference_high": [-0.5, 1.5]})
    >>> ax = forest_plot(c, "m")
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['a (10)', 'b (10)']
    """
    rows = data[data["measure"] == measure].reset_index(drop=True)
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 0.42 * len(rows) + 1.3))
    positions = list(range(len(rows)))
    clear = (rows["difference_low"] > 0) | (rows["difference_high"] < 0)
    ax.hlines(positions, rows["ci_low"], rows["ci_high"], color="black", linewidth=1.6)
    ax.scatter(
        rows["estimate"], positions, s=45, zorder=3, edgecolors="black", c=["black" if c else "white" for c in clear]
    )
    weights = rows["n_documents"].where(rows["estimate"].notna(), 0)
    if weights.sum():
        ax.axvline((rows["estimate"].fillna(0) * weights).sum() / weights.sum(), color="0.4", linestyle=":")
    ax.set_yticks(positions, [f"{g} ({n})" for g, n in zip(rows["group"], rows["n_documents"])])
    ax.invert_yaxis()
    name = label or measure
    ax.set_title(f"{name[:1].upper()}{name[1:]}: estimate and 95% interval per group")
    ax.set_xlabel(name)
    ax.set_ylabel("group (documents)")
    return ax


def trend_plot(data: pd.DataFrame, measure: str, *, label: str | None = None, ax: Axes | None = None) -> Axes:
    """One measure over time, from :func:`analysis.trend`: each period's estimate (line and
    points) and its confidence interval (band); periods without an interval show the point only.
    ``label`` and ``ax`` as for :func:`forest_plot`.  Returns the Axes.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"period": ["2025-01", "2025-02"], "measure": "m", "estimate": [0.2, -0.1],
    ...                   "ci_low": [0.1, -0.3], "ci_high": [0.3, 0.1]})
    >>> [t.get_text() for t in trend_plot(t, "m").get_xticklabels()]
    ['2025-01', '2025-02']
    """
    rows = data[data["measure"] == measure].sort_values("period").reset_index(drop=True)
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 3.2))
    positions = list(range(len(rows)))
    ax.fill_between(
        positions, rows["ci_low"].astype(float), rows["ci_high"].astype(float), color="0.85", label="95% interval"
    )
    ax.plot(positions, rows["estimate"], color="black", marker="o", label="estimate")
    ax.set_xticks(positions, rows["period"].astype(str), rotation=45 if len(rows) > 8 else 0)
    name = label or measure
    ax.set_title(f"{name[:1].upper()}{name[1:]} over time")
    ax.set_xlabel("period")
    ax.set_ylabel(name)
    ax.legend(loc="best")
    return ax
