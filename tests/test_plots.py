"""The figures: seaborn's axes-level convention (``data`` first, ``ax=None``, the Axes returned) and what each draws."""

from __future__ import annotations

import inspect

import matplotlib.pyplot as plt
import pandas as pd
import pytest

import analysis
from analysis import plots

PLOT_FUNCTIONS = [name for name in plots.__all__ if name != "as_html"]


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def sample(sample_path):
    return analysis.analyze(analysis.load_corpus(sample_path))


@pytest.fixture(scope="module")
def first_copy(sample_first_copy):
    return analysis.analyze([sample_first_copy])


def _calls(res) -> dict:
    """One call per plot function, on small real tables, with everything but ``data`` and ``ax``."""
    comparison = analysis.compare_groups(res, "outlet", measures=["sentiment"], n_boot=50)
    over_time = analysis.trend(res, "date", measures=["sentiment"], freq="M", n_boot=50)
    return {
        "sentiment_arc": (res.sentences, ["0"], {"window": 2}),
        "hedge_categories": (res.hedges, [], {}),
        "repetition_heatmap": (analysis.paragraph_similarity(res.text("0")), [], {}),
        "cluster_sizes": (analysis.duplicate_clusters(res.corpus), [], {}),
        "source_prominence": (res.sources, ["0"], {}),
        "framing_comparison": (analysis.framing_by_source(res.quotes, res.hedges), [], {}),
        "distribution": (res.documents, ["n_words"], {}),
        "distribution_by": (res.documents, ["n_words", "outlet"], {}),
        "top_sources_chart": (analysis.top_sources(res.sources), [], {}),
        "forest_plot": (comparison, ["sentiment"], {}),
        "trend_plot": (over_time, ["sentiment"], {}),
    }


@pytest.fixture(scope="module")
def small():
    texts = [
        'Ann Lee said the plan works. "It may rain," Bob Day said.\n\nOfficials claimed it failed.',
        "The council met on Monday. Ann Lee said the vote was fair.",
        "Markets rose sharply. Bob Day said it was good news for savers.",
    ]
    docs = pd.DataFrame(
        {
            "doc_id": ["0", "1", "2"],
            "text": texts,
            "outlet": ["a", "b", "a"],
            "date": ["2025-01-03", "2025-02-10", "2025-02-11"],
        }
    )
    return analysis.analyze(docs)


def test_every_plot_function_has_one_convention():
    for name in PLOT_FUNCTIONS:
        parameters = inspect.signature(getattr(plots, name)).parameters
        assert next(iter(parameters)) == "data", name
        assert parameters["ax"].kind is inspect.Parameter.KEYWORD_ONLY and parameters["ax"].default is None, name


@pytest.mark.parametrize("name", PLOT_FUNCTIONS)
def test_each_plot_draws_on_the_axes_given_and_returns_it(name, small):
    data, args, kwargs = _calls(small)[name]
    _, given = plt.subplots()
    assert getattr(plots, name)(data, *args, ax=given, **kwargs) is given
    assert given.get_title() and given.get_xlabel()
    made = getattr(plots, name)(data, *args, **kwargs)  # without ax: a figure of its own
    assert made is not given and made.get_title() == given.get_title()


def test_hedge_categories_count_each_category_by_voice():
    hedges = analysis.detect_hedges(
        ['"We may win," she said. Officials claimed, without evidence, that it may rain.', "Maybe."]
    )
    ax = plots.hedge_categories(hedges, doc_id="0")
    narrative, quote = ax.containers
    assert [b.get_width() for b in narrative][:4] == [1, 0, 1, 1]  # hedge, booster, distancing, evidential
    assert [b.get_width() for b in quote][:1] == [1]
    assert quote[0].get_hatch() == "///" and ax.get_title().endswith(": 0")


def test_arc_figure_is_titled_and_labelled():
    res = analysis.analyze(['Good news. "Awful news," he said. Terrible news.'])
    ax = plots.sentiment_arc(res.sentences, "0", window=2)
    assert ax.get_title() == "Sentiment arc of 0"
    assert ax.get_ylabel() == "VADER compound"
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "narrative" in labels and "quote" in labels and any("rolling" in label for label in labels)


def test_sample_heatmap_is_the_paragraph_similarity_matrix(sample_text):
    matrix = analysis.paragraph_similarity(sample_text)
    ax = plots.repetition_heatmap(matrix)
    assert ax.get_xlabel() == "paragraph" and ax.get_title()
    assert (ax.collections[0].get_array().reshape(matrix.shape) == matrix.to_numpy()).all()


def test_cluster_sizes_draw_clusters_of_two_or_more():
    clusters = pd.DataFrame({"cluster": [0, 1, 1, 2, 3, 3, 3], "cluster_size": [1, 2, 2, 1, 3, 3, 3]})
    ax = plots.cluster_sizes(clusters)
    assert [bar.get_height() for bar in ax.patches] == [1, 1]  # one cluster of two, one of three
    assert "2 documents without a near duplicate" in ax.get_title()


def test_prominence_chart_draws_the_quantity_it_is_sorted_by(sample):
    doc_id = sample.documents.doc_id[0]
    ax = plots.source_prominence(sample.sources, doc_id)
    bars = sorted(ax.patches, key=lambda bar: bar.get_y())  # top of the chart first (inverted axis)
    table = sample.sources.sort_values("prominence", ascending=False, kind="stable")
    assert [round(b.get_width(), 6) for b in bars] == [round(p, 6) for p in table["prominence"]]
    assert all(bar.get_width() > 0 for bar in bars)  # no empty bars
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["quoted or cited", "only mentioned"]


def test_framing_chart_lists_only_devices_that_occur_in_distinct_colours(sample):
    framing = analysis.framing_by_source(sample.quotes, sample.hedges)
    ax = plots.framing_comparison(framing)
    shown = [t.get_text() for t in ax.get_legend().get_texts()]
    occurring = {label for column, label, _, _ in plots._FRAMING_BARS if framing[column].gt(0).any()}
    assert set(shown) == occurring and "endorsing cue" in shown
    colours = {tuple(patch.get_facecolor()) for patch in ax.get_legend().get_patches()}
    assert len(colours) == len(shown)
    none_framed = framing.assign(n_distancing=0, n_concessive=0, n_evidence_challenged=0, n_scare_quotes=0)
    ax = plots.framing_comparison(none_framed)
    assert "distancing cue" not in [t.get_text() for t in ax.get_legend().get_texts()]


def test_source_figures_of_one_document_are_titled_and_labelled(first_copy):
    ax = plots.source_prominence(first_copy.sources, "0")
    assert ax.get_title() and ax.get_xlabel() and len(ax.get_yticklabels()) == len(first_copy.sources)
    ax = plots.framing_comparison(analysis.framing_by_source(first_copy.quotes, first_copy.hedges))
    assert "asymmetry" in ax.get_title() and ax.get_legend() is not None


def test_prominence_chart_labels_a_generic_source_with_its_type():
    res = analysis.analyze(["The world media reported the talks. Ann Lee said they went well."])
    ax = plots.source_prominence(res.sources, "0")
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert "world media (unnamed organisation)" in labels and "Ann Lee (person)" in labels
    plt.close(ax.figure)
