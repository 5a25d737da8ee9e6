"""Figures for the measures (seaborn on matplotlib).

Each function takes result tables and returns a matplotlib ``Axes`` or ``Figure`` with a
title and labelled axes, readable in grayscale.  Analysis code never imports this module.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns
from matplotlib.axes import Axes

from analysis.sentiment import sentiment_arc_data

__all__: list[str] = []


# --------------------------------------------------------------------------- sentiment

__all__ += ["sentiment_arc"]


def sentiment_arc(sentences: pd.DataFrame, doc_id: str, *, window: int = 5) -> Axes:
    """The sentiment arc of one document: each sentence's compound and a rolling mean.

    Data from :func:`analysis.sentiment.sentiment_arc_data` (later copies of repeated
    passages left out).  Quoted and narrative sentences have different markers; the
    rolling mean is a solid line, the zero line dotted.

    Parameters
    ----------
    sentences : pandas.DataFrame
        ``Analysis.sentences``.
    doc_id : str
        The document to draw.
    window : int, default 5
        Sentences in the centred rolling mean.

    Examples
    --------
    >>> import analysis
    >>> res = analysis.analyze(["Good news. Bad news. 'Terrible news,' he said."])
    >>> ax = sentiment_arc(res.sentences, "0", window=3)
    >>> ax.get_xlabel()
    'position in the document (0 = first sentence, 1 = last)'
    >>> plt.close(ax.figure)
    """
    arc = sentiment_arc_data(sentences, doc_id, window=window)
    _, ax = plt.subplots(figsize=(8, 3.5))
    sns.scatterplot(
        data=arc, x="position", y="compound", hue="voice", style="voice", hue_order=["narrative", "quote"],
        style_order=["narrative", "quote"], markers={"narrative": "o", "quote": "s"},
        palette={"narrative": "0.55", "quote": "0.1"}, s=40, ax=ax,
    )
    ax.plot(arc["position"], arc["rolling"], color="black", linewidth=2, label=f"rolling mean ({window} sentences)")
    ax.axhline(0, color="0.4", linestyle=":", linewidth=1)
    ax.set_ylim(-1.05, 1.05)
    ax.set_xlabel("position in the document (0 = first sentence, 1 = last)")
    ax.set_ylabel("VADER compound")
    ax.set_title(f"Sentiment arc of {doc_id}")
    ax.legend(loc="lower left", fontsize="small", frameon=False)
    return ax






# --------------------------------------------------------------------------- hedging






# --------------------------------------------------------------------------- repetition






# --------------------------------------------------------------------------- sources





