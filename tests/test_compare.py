"""analysis.compare on the invented teaching corpus, whose answers are known by construction
(data/README.md): the Harbour Gazette hedges its claims, the Northern Courier boosts them, the
Valley Post states them plainly; four agency stories run in all three outlets; the news turns
bad in April."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import analysis
from analysis.compare import COMPARE_COLUMNS, compare_groups, source_framing, sources_by_group, sourcing_by_group, trend

TEACHING = Path(__file__).resolve().parents[1] / "data" / "teaching_corpus_invented.csv"


@pytest.fixture(scope="module")
def res():
    return analysis.analyze(analysis.load_corpus(TEACHING))


def _row(table, group, measure):
    return table[(table["group"] == group) & (table["measure"] == measure)].iloc[0]


def test_the_corpus_is_labelled_invented_and_keyed_by_its_id_column():
    corpus = analysis.load_corpus(TEACHING)
    assert "invented" in TEACHING.name
    assert corpus.attrs["id_col"] == "id"
    assert corpus["doc_id"].str.match(r"^(hg|nc|vp)-\d\d$").all()
    assert set(corpus["outlet"]) == {"Harbour Gazette", "Northern Courier", "Valley Post"}


def test_the_outlet_written_to_hedge_hedges_more_and_the_interval_shows_it(res):
    table = compare_groups(res, "outlet", measures=["hedges_per_100w", "boosters_per_100w"], n_boot=500)
    assert table.columns.tolist() == COMPARE_COLUMNS
    gazette = _row(table, "Harbour Gazette", "hedges_per_100w")
    assert gazette["difference_low"] > 0  # more than the rest of the corpus, interval clear of 0
    assert gazette["ci_low"] > max(_row(table, g, "hedges_per_100w")["ci_high"] for g in ("Northern Courier",
                                                                                          "Valley Post"))
    courier = _row(table, "Northern Courier", "boosters_per_100w")
    assert courier["difference_low"] > 0
    assert _row(table, "Harbour Gazette", "boosters_per_100w")["estimate"] == 0


def test_rates_are_pooled_as_a_ratio_of_sums_over_counted_words(res):
    table = compare_groups(res, "outlet", measures=["hedges_per_100w", "sentiment"], n_boot=100, keep_duplicates=True)
    docs = res.documents[res.documents["outlet"] == "Valley Post"]
    matches = (docs["hedges_per_100w"] * docs["n_words_counted"] / 100).sum()
    expected = 100 * matches / docs["n_words_counted"].sum()
    row = _row(table, "Valley Post", "hedges_per_100w")
    assert row["estimate"] == pytest.approx(expected)
    assert row["estimate"] != pytest.approx(docs["hedges_per_100w"].mean())
    assert row["pooling"].startswith("ratio of sums")
    assert _row(table, "Valley Post", "sentiment")["pooling"] == "mean over documents"
    assert _row(table, "Valley Post", "sentiment")["estimate"] == pytest.approx(docs["sentiment"].mean())


def test_the_same_seed_gives_the_same_intervals_and_another_seed_other_ones(res):
    first = compare_groups(res, "outlet", measures=["hedges_per_100w"], n_boot=300, seed=1)
    again = compare_groups(res, "outlet", measures=["hedges_per_100w"], n_boot=300, seed=1)
    other = compare_groups(res, "outlet", measures=["hedges_per_100w"], n_boot=300, seed=2)
    pd.testing.assert_frame_equal(first, again)
    assert not np.allclose(first["ci_low"], other["ci_low"])
    # One interval does not depend on which other measures were asked for.
    wider = compare_groups(res, "outlet", measures=["sentiment", "hedges_per_100w"], n_boot=300, seed=1)
    pd.testing.assert_frame_equal(wider[wider["measure"] == "hedges_per_100w"].reset_index(drop=True), first)


def test_a_reference_group_is_compared_with_and_has_no_interval_of_its_own(res):
    table = compare_groups(res, "outlet", measures=["hedges_per_100w"], reference="Valley Post", n_boot=300)
    post = _row(table, "Valley Post", "hedges_per_100w")
    assert post["difference"] == 0 and np.isnan(post["difference_low"])
    gazette = _row(table, "Harbour Gazette", "hedges_per_100w")
    assert gazette["compared_with"] == "Valley Post"
    assert gazette["difference"] == pytest.approx(gazette["estimate"] - post["estimate"])
    assert gazette["difference_low"] > 0
    with pytest.raises(ValueError, match="reference group 'Daily Planet' not found"):
        compare_groups(res, "outlet", reference="Daily Planet")


def test_agency_copy_counts_once_per_group_unless_kept(res):
    by_month = compare_groups(res, ("date", "M"), measures=["sentiment"], n_boot=100)
    january = _row(by_month, "2025-01", "sentiment")
    # January: three outlets' versions of the ferry story and three copies of one wire story.
    assert (january["n_documents"], january["n_duplicates_left_out"]) == (4, 2)
    kept = compare_groups(res, ("date", "M"), measures=["sentiment"], n_boot=100, keep_duplicates=True)
    assert _row(kept, "2025-01", "sentiment")["n_documents"] == 6
    # Each outlet ran each wire story once: nothing is left out within an outlet.
    assert compare_groups(res, "outlet", measures=["sentiment"], n_boot=100)["n_duplicates_left_out"].eq(0).all()


def test_the_trend_falls_after_the_flood(res):
    table = trend(res, measures=["sentiment"], n_boot=500)
    assert table["period"].tolist() == ["2025-01", "2025-02", "2025-03", "2025-04", "2025-05", "2025-06"]
    before = table[table["period"] < "2025-04"]
    after = table[table["period"] >= "2025-04"]
    assert before["ci_low"].min() > after["ci_high"].max()
    assert (after["difference_high"] < 0).all()


def test_a_group_of_one_document_has_an_estimate_but_no_interval():
    res = analysis.analyze(pd.DataFrame({"text": ["It may rain.", "It rains.", "It rains a lot."],
                                         "outlet": ["A", "B", "B"]}))
    row = _row(compare_groups(res, "outlet", measures=["hedges_per_100w"], n_boot=100), "A", "hedges_per_100w")
    assert row["estimate"] == pytest.approx(100 / 3) and np.isnan(row["ci_low"]) and np.isnan(row["difference_low"])


def test_unknown_columns_are_clear_errors(res):
    with pytest.raises(ValueError, match="column named 'desk'"):
        compare_groups(res, "desk")
    with pytest.raises(ValueError, match="no \\['tone'\\]"):
        compare_groups(res, "outlet", measures=["tone"])


def test_documents_that_could_not_be_analysed_are_left_out():
    res = analysis.analyze(pd.DataFrame({"text": ["It may rain.", "", "It rains."], "outlet": ["A", "A", "B"]}))
    table = compare_groups(res, "outlet", measures=["hedges_per_100w"], n_boot=100)
    assert _row(table, "A", "hedges_per_100w")["n_documents"] == 1


def test_each_outlet_frames_the_mayor_and_the_councillor_as_written(res):
    table = source_framing(res, "outlet").set_index(["source", "group"])
    assert table.loc[("Elena Ward", "Northern Courier"), "share_distancing"] == 1
    assert table.loc[("Elena Ward", "Valley Post"), "share_distancing"] == 0
    assert table.loc[("Tom Baker", "Harbour Gazette"), "share_distancing"] == 1
    assert table.loc[("Tom Baker", "Northern Courier"), "share_distancing"] == 0
    assert table.loc[("Elena Ward", "Valley Post"), "spread"] == 1


def test_the_gazette_leans_on_unnamed_sources(res):
    table = sourcing_by_group(res, "outlet").set_index("group")
    assert table.loc["Harbour Gazette", "share_named"] < table.loc["Northern Courier", "share_named"]
    assert table.loc["Harbour Gazette", "share_anonymous_person"] > 0
    assert table.loc["Valley Post", "share_distancing"] == 0
    assert table.loc["Valley Post", "mean_asymmetry"] == 0


def test_top_sources_per_group_rank_named_sources_with_their_share(res):
    table = sources_by_group(res, "outlet")
    courier = table[table["group"] == "Northern Courier"]
    assert courier["source"].iloc[0] == "Elena Ward"
    assert courier["rank"].tolist() == list(range(1, len(courier) + 1))
    assert (table["share_of_attributions"].between(0, 1)).all()
    assert "a spokesman" not in set(table["source"].str.lower())
