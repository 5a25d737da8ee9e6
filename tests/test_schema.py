"""schema: building the result tables from rows or from columns."""

import math

import pandas as pd

from analysis import schema


def test_rows_that_lack_a_key_get_missing_values_and_the_contract_dtypes():
    rows = [
        {"doc_id": "a", "unit": "line", "start": 3, "end": 9, "note": "first"},
        {"doc_id": "a", "unit": "sentence", "start": 12, "end": 20, "similarity": 0.9},
    ]
    table = schema.as_table("repeats", rows)
    assert table.columns.tolist() == [*schema.TABLES["repeats"], "note"]
    assert table.dtypes.astype(str).tolist()[:8] == list(schema.TABLES["repeats"].values())
    assert math.isnan(table.similarity[0]) and table.similarity[1] == 0.9  # the first row has none
    assert table.first_start.isna().all()
    assert table.note.tolist()[0] == "first" and pd.isna(table.note.tolist()[1])

