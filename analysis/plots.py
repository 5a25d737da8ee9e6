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





