"""Figures for the measures (seaborn on matplotlib).

Each function takes result tables and returns a matplotlib ``Axes`` or ``Figure`` with a
title and labelled axes, readable in grayscale.  Analysis code never imports this module.
"""

from __future__ import annotations

__all__: list[str] = []


# --------------------------------------------------------------------------- sentiment






# --------------------------------------------------------------------------- hedging

_HEDGE_CATEGORIES = ("hedge", "booster", "distancing", "evidential", "approximator", "scare_quote")
_VOICE_STYLE = {"narrative": {"color": "0.35", "hatch": ""}, "quote": {"color": "0.85", "hatch": "///"}}


def hedge_categories(hedges, doc_id=None, *, ax=None):
    """Hedging matches counted by category, with narrative and quoted voice side by side.

    Parameters
    ----------
    hedges : pandas.DataFrame
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
    import matplotlib.pyplot as plt  # imported here: figures are optional for the analysis code
    import numpy as np

    rows = hedges if doc_id is None else hedges[hedges["doc_id"] == doc_id]
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 3.8))
    positions = np.arange(len(_HEDGE_CATEGORIES))
    height = 0.38
    for offset, (voice, style) in zip((-height / 2, height / 2), _VOICE_STYLE.items()):
        counts = [int(((rows["category"] == c) & (rows["voice"] == voice)).sum()) for c in _HEDGE_CATEGORIES]
        bars = ax.barh(positions + offset, counts, height, label=voice, edgecolor="black", **style)
        ax.bar_label(bars, padding=2, fontsize=8)
    ax.set_yticks(positions, _HEDGE_CATEGORIES)
    ax.invert_yaxis()
    ax.set_xlabel("matches")
    ax.set_ylabel("category")
    title = "Hedging language by category and voice"
    ax.set_title(title if doc_id is None else f"{title}: {doc_id}")
    ax.legend(title="voice", loc="lower right")
    ax.margins(x=0.12)
    return ax


__all__ += ["hedge_categories"]


# --------------------------------------------------------------------------- repetition






# --------------------------------------------------------------------------- sources





