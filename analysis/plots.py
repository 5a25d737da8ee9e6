"""Figures for the measures (seaborn on matplotlib).

Each function takes result tables and returns a matplotlib ``Axes`` or ``Figure`` with a
title and labelled axes, readable in grayscale.  Analysis code never imports this module.
"""

from __future__ import annotations


__all__: list[str] = []


# --------------------------------------------------------------------------- sentiment






# --------------------------------------------------------------------------- hedging






# --------------------------------------------------------------------------- repetition






# --------------------------------------------------------------------------- sources

__all__ += ["source_prominence", "framing_comparison"]

_STANCE_STYLE = {  # stance: (grey level, hatch) so that the bars read in grayscale
    "neutral": ("0.85", ""),
    "endorsing": ("0.65", ".."),
    "tentative": ("0.75", "\\\\"),
    "opposing": ("0.45", "xx"),
    "concessive": ("0.35", "//"),
    "distancing": ("0.15", "--"),
}


def source_prominence(sources, doc_id, ax=None):
    """Sources of one document, most prominent first, with their attributions by cue stance.

    Parameters
    ----------
    sources : pandas.DataFrame
        The ``sources`` table (``res.sources``).
    doc_id : str
        The document to draw.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure otherwise.

    Returns
    -------
    matplotlib.axes.Axes
        Horizontal stacked bars: one bar per source (labelled with its kind and prominence
        score), split into attributions by stance (grey level and hatch per stance);
        sources that are only mentioned have an empty bar.

    Examples
    --------
    >>> import analysis
    >>> res = analysis.analyze(["Ann Lee said it works. Officials claimed it did not."])
    >>> source_prominence(res.sources, "0").get_title()
    'Sources of 0: attributions by cue stance'
    """
    import matplotlib.pyplot as plt  # matplotlib only where a figure is drawn

    table = sources[sources["doc_id"] == doc_id].sort_values("prominence", ascending=True)
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 0.45 * len(table) + 1.5))
    labels = [f"{s} ({k}) {p:.2f}" for s, k, p in zip(table["source"], table["kind"], table["prominence"])]
    left = [0] * len(table)
    for stance, (grey, hatch) in _STANCE_STYLE.items():
        column = f"n_{stance}"
        if column not in table:
            continue
        values = table[column].fillna(0).astype(int).tolist()
        if not any(values):
            continue
        ax.barh(labels, values, left=left, color=grey, hatch=hatch, edgecolor="black", label=stance)
        left = [a + b for a, b in zip(left, values)]
    ax.set_title(f"Sources of {doc_id}: attributions by cue stance")
    ax.set_xlabel("attributions with a cue (bar label: source (kind) prominence)")
    ax.set_ylabel("source, least to most prominent")
    if ax.get_legend_handles_labels()[0]:
        ax.legend(title="cue stance", loc="lower right")
    return ax


_FRAMING_BARS = [  # column, label, grey, hatch
    ("n_neutral", "neutral cue", "0.85", ""),
    ("n_distancing", "distancing cue", "0.15", "--"),
    ("n_concessive", "concessive cue", "0.35", "//"),
    ("n_evidence_challenged", "evidence challenged", "0.55", "xx"),
    ("n_scare_quotes", "scare quotes", "0.7", ".."),
]


def framing_comparison(framing, ax=None):
    """How each source is attributed: counts of neutral, distancing and concessive cues,
    evidence challenges and scare quotes, side by side.

    Parameters
    ----------
    framing : pandas.DataFrame
        From :func:`analysis.framing` (one or several documents).
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure otherwise.

    Returns
    -------
    matplotlib.axes.Axes
        Grouped horizontal bars per source (``doc_id: source`` when several documents),
        one bar per device, told apart by grey level and hatch.

    Examples
    --------
    >>> import analysis
    >>> res = analysis.analyze(["Ann Lee said it works. Bob Day claimed it failed but gave no evidence."])
    >>> framing_comparison(analysis.framing(res.quotes, res.hedges)).get_xlabel()
    'attributions (or scare quotes)'
    """
    import matplotlib.pyplot as plt  # matplotlib only where a figure is drawn

    several = framing["doc_id"].nunique() > 1
    labels = [f"{d}: {s}" if several else str(s) for d, s in zip(framing["doc_id"], framing["source"])]
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 0.9 * len(framing) + 1.5))
    height = 0.8 / len(_FRAMING_BARS)
    for k, (column, label, grey, hatch) in enumerate(_FRAMING_BARS):
        positions = [i + (k - len(_FRAMING_BARS) / 2) * height + height / 2 for i in range(len(framing))]
        ax.barh(
            positions, framing[column].fillna(0), height=height, color=grey, hatch=hatch, edgecolor="black", label=label
        )
    ax.set_yticks(range(len(framing)), labels)
    ax.invert_yaxis()
    title = "Framing of sources"
    if not several and len(framing):
        title += f" in {framing['doc_id'].iloc[0]} (asymmetry {framing['doc_asymmetry'].iloc[0]:.2f})"
    ax.set_title(title)
    ax.set_xlabel("attributions (or scare quotes)")
    ax.set_ylabel("source")
    ax.legend(loc="lower right", fontsize="small")
    return ax
