"""Framing asymmetry: how each source is attributed (cue stances, evidence challenges, scare quotes)."""

from __future__ import annotations

import pandas as pd

import analysis
from analysis.framing import FRAMING_COLUMNS, framing_by_source


def test_framing_uses_scare_quote_hedges_inside_a_sources_content():
    text = "Ann Lee said the plan works. Bob Day said the plan was a success."
    res = analysis.analyze([text])
    start = text.index("success")
    hedges = pd.DataFrame({"doc_id": ["0"], "start": [start], "end": [start + 7], "category": ["scare_quote"]})
    table = framing_by_source(res.quotes, hedges).set_index("source")
    assert table.loc["Bob Day", "n_scare_quotes"] == 1 and table.loc["Bob Day", "share_framed"] == 1.0
    assert table.loc["Ann Lee", "n_scare_quotes"] == 0 and table.loc["Ann Lee", "share_framed"] == 0.0
    assert table["doc_asymmetry"].eq(1.0).all()


def test_without_hedges_short_quoted_fragments_in_reported_speech_are_scare_quotes():
    text = "Ann Lee said the 'reform' was overdue. Bob Day said it 'would conform' to the rules."
    table = framing_by_source(analysis.analyze([text]).quotes).set_index("source")
    assert table.loc["Ann Lee", "n_scare_quotes"] == 1
    assert table.loc["Bob Day", "n_scare_quotes"] == 0  # a fragment opening with an auxiliary is his own predicate


def test_framing_of_the_sample_first_copy(sample_first_copy):
    res = analysis.analyze([sample_first_copy])
    table = framing_by_source(res.quotes, res.hedges).set_index("source")
    assert table.loc["John Kirby", "share_framed"] == 1.0
    assert table.loc["John Kirby", "n_evidence_challenged"] >= 1
    assert table.loc["Kim Jong Gyu", "share_framed"] == 0.0
    assert table.loc["Vladimir Putin", "n_distancing"] == 0


def test_no_attributed_source_gives_an_empty_table_with_the_columns():
    res = analysis.analyze(["The weather was fine on Monday."])
    table = framing_by_source(res.quotes, res.hedges)
    assert table.empty and list(table.columns) == FRAMING_COLUMNS
