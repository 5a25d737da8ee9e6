"""load_corpus chooses the ids: doc_id, else a complete and unique id column, else row numbers."""

import pandas as pd

import analysis


def test_a_unique_id_column_gives_the_ids_and_says_so():
    corpus = analysis.load_corpus(pd.DataFrame({"id": ["x1", "x2"], "text": ["One.", "Two."]}))
    assert corpus["doc_id"].tolist() == ["x1", "x2"] and corpus.attrs["id_col"] == "id"


def test_a_repeated_or_incomplete_id_column_falls_back_to_row_numbers():
    for ids in (["x1", "x1"], ["x1", None]):
        corpus = analysis.load_corpus(pd.DataFrame({"id": ids, "text": ["One.", "Two."]}))
        assert corpus["doc_id"].tolist() == ["0", "1"] and corpus.attrs["id_col"] is None
        assert corpus["id"].iloc[0] == "x1"  # the column itself is kept as metadata


def test_doc_id_comes_first_and_id_col_overrides():
    table = pd.DataFrame({"doc_id": ["d1", "d2"], "id": ["x1", "x2"], "key": ["k1", "k2"], "text": ["A.", "B."]})
    assert analysis.load_corpus(table)["doc_id"].tolist() == ["d1", "d2"]
    chosen = analysis.load_corpus(table.drop(columns="doc_id"), id_col="key")
    assert chosen["doc_id"].tolist() == ["k1", "k2"] and chosen.attrs["id_col"] == "key"
