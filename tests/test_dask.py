"""Dask: the tables and near-duplicate pairs on a 2-worker LocalCluster equal the in-memory results."""

import re
from itertools import combinations
from pathlib import Path

import dask
import pandas as pd
import pytest
from distributed import Client, LocalCluster

from analysis import analyze, load_corpus, schema
from analysis import dask as adask
from analysis.pipeline import TABLE_NAMES

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "raw" / "kcna_dprk_troops_russia.txt"

STORY = (
    "The city council voted on Tuesday to close the old library on Market Street after a long debate "
    "about repair costs. Councillors said the building needed a new roof and new wiring, and that the "
    "money would be better spent on a modern library near the station. Residents who opposed the plan "
    'said the council had "never listened" to them. The new library is expected to open in two years, '
    "officials said."
)


def _corpus() -> pd.DataFrame:
    sample = SAMPLE.read_text(encoding="utf-8")
    first_copy = sample[: len(sample) // 3]
    texts = [
        STORY,
        "Sport: the match ended in a goalless draw.",
        STORY.replace("Tuesday", "Wednesday"),  # one word changed: Jaccard about 0.9
        STORY[: len(STORY) // 2],  # half of the story: Jaccard about 0.5, not a near duplicate
        None,
        "",
        "Too short.",
        sample,
        first_copy,
        'Mr. Kim told reporters: "We will certainly win." He left.\n\nMr. Kim told reporters: "We will certainly win."',
        STORY,  # an exact copy
        "Markets rose. Analysts said it was perhaps a sign of recovery, according to the bank.",
    ]
    frame = pd.DataFrame({"text": pd.Series(texts, dtype=object)})
    frame["section"] = [f"s{i % 3}" for i in range(len(frame))]
    return load_corpus(frame)


@pytest.fixture(scope="module")
def client():
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        with Client(cluster) as connected:
            yield connected


def test_tables_on_the_cluster_equal_analyze(client):
    corpus = _corpus()
    assert len(client.scheduler_info()["workers"]) == 2
    tables = adask.analyze(adask.from_corpus(corpus, npartitions=4))
    computed = dict(zip(tables, dask.compute(*tables.values())))
    expected = analyze(corpus)
    assert len(expected.sentences) > 40  # the comparison covers real rows
    for name in TABLE_NAMES:
        wanted = getattr(expected, name)
        # The same columns and dtypes in Dask's meta as in every computed partition and in analyze.
        pd.testing.assert_series_equal(tables[name].dtypes, wanted.dtypes, obj=name)
        pd.testing.assert_frame_equal(computed[name].reset_index(drop=True), wanted, obj=name)


def _words(text) -> list[str]:
    return re.findall(r"\w+", text.lower()) if isinstance(text, str) else []


def _shingles(text) -> set[tuple[str, ...]]:
    words = _words(text)
    return {tuple(words[i : i + 5]) for i in range(len(words) - 4)}


def _exact_pairs(texts, threshold: float) -> list[tuple[str, str, float, float]]:
    pairs = []
    for (i, a), (j, b) in combinations(enumerate(texts), 2):
        sa, sb = _shingles(a), _shingles(b)
        if sa and sb and len(sa & sb) / len(sa | sb) >= threshold:
            pairs.append((str(i), str(j), len(sa & sb) / len(sa | sb), len(sa & sb) / min(len(sa), len(sb))))
    return pairs


@pytest.mark.parametrize("threshold", [0.8, 0.4])
def test_near_duplicates_on_the_cluster_equal_exact_jaccard(client, threshold):
    corpus = _corpus()
    expected = _exact_pairs(corpus["text"], threshold)
    # The corpus holds an exact copy, a one-word edit and the sample's repeated text; at 0.4
    # also the half story.
    near = [("0", "2"), ("0", "10"), ("2", "10"), ("7", "8")]
    half = [("0", "3"), ("3", "10")]
    wanted = near if threshold == 0.8 else sorted(near + half, key=lambda p: (int(p[0]), int(p[1])))
    assert [(a, b) for a, b, _, _ in expected] == wanted
    found = adask.near_duplicates(adask.from_corpus(corpus, npartitions=3), threshold=threshold).compute()
    found = found.sort_values(["doc_a", "doc_b"], key=lambda s: s.astype(int)).reset_index(drop=True)
    assert list(zip(found.doc_a, found.doc_b)) == [(a, b) for a, b, _, _ in expected]
    assert found.similarity.tolist() == pytest.approx([s for _, _, s, _ in expected])
    assert found.containment.tolist() == pytest.approx([c for _, _, _, c in expected])


def test_documents_read_with_dask_string_columns(client):
    # Dask's own readers give pyarrow strings and <NA> for a missing text.
    corpus = _corpus()
    ddf = dask.dataframe.from_pandas(corpus, npartitions=2)
    documents = adask.analyze(ddf)["documents"].compute().reset_index(drop=True)
    expected = analyze(corpus).documents
    measured = list(schema.TABLES["documents"])
    pd.testing.assert_frame_equal(documents[measured], expected[measured])


def test_missing_columns_are_named():
    ddf = dask.dataframe.from_pandas(pd.DataFrame({"body": ["One."]}), npartitions=1)
    with pytest.raises(ValueError, match=r"missing \['doc_id', 'text'\]"):
        adask.analyze(ddf)
    with pytest.raises(ValueError, match=r"threshold must be in \(0, 1\]"):
        adask.near_duplicates(adask.from_corpus(["One."]), threshold=0)
