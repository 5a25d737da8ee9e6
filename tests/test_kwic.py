"""analysis.keyword_in_context: contexts of a pattern or of a table's spans, offsets into the text as given."""

from pathlib import Path

import pandas as pd
import pytest

import analysis

TEACHING = Path(__file__).resolve().parents[1] / "data" / "teaching_corpus_invented.csv"


@pytest.fixture(scope="module")
def res():
    return analysis.analyze(analysis.load_corpus(TEACHING))


def test_every_match_is_the_text_at_its_offsets(res):
    contexts = analysis.keyword_in_context(res, "claimed|insisted")
    assert len(contexts) > 0
    for row in contexts.itertuples():
        text = res.text(row.doc_id)
        assert text[row.start : row.end] == row.match
        assert row.match.lower() in ("claimed", "insisted")
        assert text[max(0, row.start - 60) : row.start].split() == row.left.split()


def test_whole_words_only_unless_asked(res):
    assert not analysis.keyword_in_context(res, "claim").shape[0]
    assert analysis.keyword_in_context(res, "claim", whole_words=False)["match"].str.lower().eq("claim").all()


def test_the_distancing_verbs_belong_to_the_outlets_written_to_use_them(res):
    groups = set(analysis.keyword_in_context(res, "claimed|insisted", by="outlet")["group"])
    assert groups == {"Harbour Gazette", "Northern Courier"}


def test_table_rows_keep_their_columns_and_offsets(res):
    boosters = res.hedges[res.hedges["category"] == "booster"]
    contexts = analysis.keyword_in_context(res, table=boosters, by="outlet")
    assert len(contexts) == len(boosters)
    assert set(contexts["group"]) == {"Northern Courier"}
    assert (contexts["match"] == contexts["text"]).all()  # the hedges table's own text column is kept
    quotes = analysis.keyword_in_context(res, table=res.quotes[res.quotes["source_key"] == "Tom Baker"])
    assert len(quotes) and quotes["source"].str.contains("Baker").all()


def test_samples_are_reproducible_and_drawn_per_group(res):
    first = analysis.keyword_in_context(res, "said", by="outlet", n=2, seed=3)
    assert first.equals(analysis.keyword_in_context(res, "said", by="outlet", n=2, seed=3))
    assert first.groupby("group").size().tolist() == [2, 2, 2]
    assert not first.equals(analysis.keyword_in_context(res, "said", by="outlet", n=2, seed=4))
    assert len(analysis.keyword_in_context(res, "said", n=5)) == 5


def test_line_breaks_show_as_spaces_in_the_context_only():
    res = analysis.analyze(pd.DataFrame({"text": ["First line.\n\nKim said so."]}))
    row = analysis.keyword_in_context(res, "said").iloc[0]
    assert row.left == "First line. Kim " and row.start == 17


def test_pattern_or_table_not_both(res):
    with pytest.raises(ValueError, match="pattern or a table"):
        analysis.keyword_in_context(res)
    with pytest.raises(ValueError, match="pattern or a table"):
        analysis.keyword_in_context(res, "said", table=res.hedges)
