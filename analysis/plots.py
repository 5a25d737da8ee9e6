"""Figures for the measures (seaborn on matplotlib).

Each function takes result tables and returns a matplotlib ``Axes`` or ``Figure`` with a
title and labelled axes, readable in grayscale.  Analysis code never imports this module.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import seaborn as sns

__all__: list[str] = ["repetition_heatmap", "cluster_sizes"]


# --------------------------------------------------------------------------- sentiment






# --------------------------------------------------------------------------- hedging






# --------------------------------------------------------------------------- repetition


def repetition_heatmap(matrix, *, ax=None):
    """Heatmap of a paragraph-by-paragraph similarity matrix of one document.

    Parameters
    ----------
    matrix : pandas.DataFrame
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
    sns.heatmap(matrix, vmin=0, vmax=1, cmap="Greys", square=True, ax=ax, cbar_kws={"label": "Jaccard similarity"})
    ax.set_title("Paragraph similarity (word 5-gram Jaccard)")
    ax.set_xlabel("paragraph")
    ax.set_ylabel("paragraph")
    return ax


def cluster_sizes(clusters, *, ax=None):
    """Bar chart of how many near-duplicate clusters there are of each size.

    Parameters
    ----------
    clusters : pandas.DataFrame
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
    per_cluster = clusters.drop_duplicates("cluster")["cluster_size"]
    counts = per_cluster[per_cluster > 1].value_counts().sort_index()
    bars = ax.bar([str(size) for size in counts.index], counts.to_numpy(), color="0.6", edgecolor="black", hatch="//")
    ax.bar_label(bars)
    singles = int((per_cluster == 1).sum())
    ax.set_title(f"Near-duplicate clusters by size ({singles} documents without a near duplicate)")
    ax.set_xlabel("documents in the cluster")
    ax.set_ylabel("clusters")
    return ax


# --------------------------------------------------------------------------- sources





