"""analyze(): the contract of the six tables, bad documents, and n_jobs."""

import gc
import subprocess
import sys

import pandas as pd
import pytest

import analysis
from analysis.schema import TABLES


def test_every_table_has_the_contract_columns_in_order(sample_path):
    res = analysis.analyze(sample_path)
    for name, columns in TABLES.items():
        table = getattr(res, name)
        assert table.columns.tolist()[: len(columns)] == list(columns), name


def test_sample_article_documents_and_sentences(sample_path, sample_text):
    res = analysis.analyze(sample_path)
    doc = res.documents.iloc[0]
    assert doc.doc_id == "kcna_dprk_troops_russia"
    assert doc.n_sentences == 41 == len(res.sentences)
    assert doc.n_words == 837
    assert pd.isna(doc.error)
    for row in res.sentences.itertuples():
        assert sample_text[row.start : row.end] == row.text
    assert set(res.sentences.voice) == {"quote", "narrative"}


def test_bad_documents_get_a_row_with_an_error_and_the_rest_is_analysed():
    docs = pd.DataFrame({"text": ["Kim spoke. He left.", None, float("nan"), 42, "", "   \n ", "Fine text."]})
    res = analysis.analyze(docs)
    documents = res.documents
    assert documents.doc_id.tolist() == [str(i) for i in range(7)]
    assert documents.error.isna().tolist() == [True, False, False, False, False, False, True]
    assert documents.n_words.tolist() == [4, 0, 0, 0, 0, 0, 2]
    assert "int" in documents.error[3]
    assert res.sentences.doc_id.unique().tolist() == ["0", "6"]


def test_metadata_columns_follow_and_clashes_are_prefixed():
    docs = pd.DataFrame({"text": ["One.", "Two."], "outlet": ["A", "B"], "sentiment": ["x", "y"]})
    documents = analysis.analyze(docs).documents
    assert documents.outlet.tolist() == ["A", "B"]
    assert documents.meta_sentiment.tolist() == ["x", "y"]
    assert documents.sentiment.dtype == "float64"


def test_n_jobs_does_not_change_the_result():
    # Each worker gets one document here: documents with no hedge or quote at all sit beside
    # ones with them, so the measures' extra columns (hedges.rule, quotes.speech_verb) are
    # missing from some workers' parts and must still get the dtype of the whole corpus.
    texts = [f"Document {i}. The minister said it was {'good' if i % 2 else 'bad'}." for i in range(12)]
    texts[5] = 'The minister allegedly said the plan "may fail", which is perhaps true.'
    texts[9] = '"It will never work," Kim told reporters, according to the agency.'
    one = analysis.analyze(texts, n_jobs=1)
    two = analysis.analyze(texts, n_jobs=2)
    for name in TABLES:
        pd.testing.assert_frame_equal(getattr(one, name), getattr(two, name))
    with pytest.raises(ValueError, match="n_jobs"):
        analysis.analyze(texts, n_jobs=0)


def test_analysis_gives_back_the_text(sample_text, sample_path):
    res = analysis.analyze(sample_path)
    assert res.text("kcna_dprk_troops_russia") == sample_text
    with pytest.raises(KeyError):
        res.text("nope")


def test_empty_corpus_gives_empty_tables():
    res = analysis.analyze(pd.DataFrame({"text": pd.Series([], dtype=object)}))
    assert all(len(t) == 0 for t in res.tables().values())


def test_documents_columns_do_not_depend_on_which_documents_failed():
    good = analysis.analyze(["Kim said it may rain.", None]).documents.columns.tolist()
    failed_first = analysis.analyze([None, "Kim said it may rain."]).documents.columns.tolist()
    all_failed = analysis.analyze([None, 42]).documents.columns.tolist()
    assert good == failed_first == all_failed
    assert "sentiment_quoted" in all_failed and "scare_quote_per_100w" in all_failed


# Run in a fresh interpreter: other tests leave threads behind (Dask's cluster, its event loop)
# whose own garbage would be counted here.
_CYCLE_CHECK = """
import gc, sys
import analysis
from analysis import sources

def fail(*args):
    raise RuntimeError("a measure failed")

texts = [open(sys.argv[1], encoding="utf-8").read(), '"It will never work," Kim told reporters.', None, 42,
         "Officials claimed it may rain."]
gc.collect()
gc.disable()
analysis.analyze(texts)  # the first run loads the lexicons and compiles the patterns too
sources.extract_attributions = fail
failed = analysis.analyze(texts[:2])
assert failed.documents.error.str.startswith("RuntimeError").all()
print(gc.collect())
"""


def test_analysis_makes_no_reference_cycles(sample_path):
    # analyze pauses the cyclic collector while documents are analysed (pipeline._collector_paused):
    # that is safe only while reference counting alone frees everything a document leaves behind,
    # a failing document (its exception and traceback) included.
    done = subprocess.run(
        [sys.executable, "-c", _CYCLE_CHECK, str(sample_path)], capture_output=True, text=True, check=True
    )
    assert done.stdout.split() == ["0"]


@pytest.mark.parametrize("enabled", [True, False])
def test_analysis_leaves_the_collector_as_it_found_it(enabled):
    was_enabled = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        analysis.analyze(["Kim said it may rain.", "He left."])
        assert gc.isenabled() is enabled
        with pytest.raises(KeyboardInterrupt):
            analysis.analyze(["Kim said it may rain.", "He left."], progress=_interrupt)
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was_enabled else gc.disable)()


def _interrupt(n_done):
    raise KeyboardInterrupt


def test_a_row_without_a_count_or_flag_makes_only_its_document_an_error(monkeypatch):
    # int64 and bool columns cannot hold a missing value (schema.NO_MISSING): the document
    # whose measure left one out is an error, as for any value that does not fit its column.
    from analysis import sources

    prominence, extract = sources.prominence, sources.extract_attributions

    def without_a_count(quotes, mentions, seg):
        rows = prominence(quotes, mentions, seg)
        return [{k: v for k, v in row.items() if k != "n_direct" or "Lee" not in seg.text} for row in rows]

    def without_a_flag(seg):
        quotes, mentions = extract(seg)
        return [{**q, "evidence_challenged": None} if "Ann" in seg.text else q for q in quotes], mentions

    monkeypatch.setattr(sources, "prominence", without_a_count)
    monkeypatch.setattr(sources, "extract_attributions", without_a_flag)
    res = analysis.analyze(['"It works," said Kim.', '"It fails," said Lee.', '"It may," said Ann.'])
    assert res.documents.error.tolist()[1:] == [
        "TypeError: sources.n_direct: expected int64 in every row, found no such column",
        "TypeError: quotes.evidence_challenged: expected bool, found None",
    ]
    assert pd.isna(res.documents.error[0]) and res.sources.source.tolist() == ["Kim"]
    assert res.sources.n_direct.dtype == "int64" and res.quotes.evidence_challenged.dtype == "bool"
