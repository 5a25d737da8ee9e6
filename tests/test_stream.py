"""Streaming: chunked runs give the same tables as analyze, and resume without duplicates."""

import json
from pathlib import Path

import pandas as pd
import pytest

from analysis import analyze, load_corpus, stream
from analysis.pipeline import TABLE_NAMES

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "raw" / "kcna_dprk_troops_russia.txt"

TEXTS = [
    'The minister said the plan "may well fail". Critics disagreed.\n\nOfficials reportedly expect about 40 cuts.',
    "Rain fell on Tuesday. The U.S. team arrived at 9.30 a.m.",
    "",
    'Mr. Kim told reporters: "We will certainly win." He left.\n\nMr. Kim told reporters: "We will certainly win."',
    "   ",
    "A short line without a stop",
    "Markets rose. Analysts said it was perhaps a sign of recovery, according to the bank.",
]


def _corpus_frame() -> pd.DataFrame:
    texts = TEXTS + [SAMPLE.read_text(encoding="utf-8")]
    return pd.DataFrame({"text": texts, "section": [f"s{i % 3}" for i in range(len(texts))]})


@pytest.fixture
def csv_path(tmp_path) -> Path:
    path = tmp_path / "corpus.csv"
    _corpus_frame().to_csv(path, index=False)
    return path


def _assert_same_tables(out_dir: Path, expected) -> None:
    for name in TABLE_NAMES:
        streamed = stream.read_table(out_dir, name)
        wanted = getattr(expected, name)
        pd.testing.assert_frame_equal(streamed, wanted, check_index_type=False, obj=name)


def test_chunked_csv_gives_the_tables_of_analyze(csv_path, tmp_path):
    chunks = stream.analyze_corpus(csv_path, tmp_path / "out", chunksize=3)
    assert chunks.n_documents.tolist() == [3, 3, 2]
    assert chunks.first_row.tolist() == [0, 3, 6]
    expected = analyze(load_corpus(csv_path))
    assert len(expected.sentences) > 20  # the comparison covers real rows
    _assert_same_tables(tmp_path / "out", expected)
    files = sorted(p.name for p in (tmp_path / "out" / "sentences").iterdir())
    assert files == ["part-000000.parquet", "part-000001.parquet", "part-000002.parquet"]


def test_jsonl_ids_match_load_corpus(tmp_path):
    path = tmp_path / "corpus.jsonl"
    records = [{"doc_id": f"00{i}", "text": text, "rank": i} for i, text in enumerate(TEXTS)]
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    stream.analyze_corpus(path, tmp_path / "out", chunksize=2)
    documents = stream.read_table(tmp_path / "out", "documents")
    assert documents.doc_id.tolist() == load_corpus(path).doc_id.tolist() == [f"00{i}" for i in range(len(TEXTS))]
    _assert_same_tables(tmp_path / "out", analyze(load_corpus(path)))


def test_worker_processes_give_the_same_tables(csv_path, tmp_path):
    chunks = stream.analyze_corpus(csv_path, tmp_path / "out", chunksize=2, n_jobs=2)
    assert chunks.chunk.tolist() == [0, 1, 2, 3]
    _assert_same_tables(tmp_path / "out", analyze(load_corpus(csv_path)))


def test_resume_after_interruption_redoes_only_unfinished_chunks(csv_path, tmp_path, monkeypatch):
    out = tmp_path / "out"
    real = stream._analyse_chunk
    analysed = []

    def interrupted(chunk, corpus, out_dir, dedupe):
        if chunk == 2:
            # Cut off after one of the six files was written: a half-finished chunk.
            analyze(corpus).documents.to_parquet(stream._part_path(out_dir, "documents", chunk), index=False)
            raise KeyboardInterrupt
        analysed.append(chunk)
        return real(chunk, corpus, out_dir, dedupe)

    monkeypatch.setattr(stream, "_analyse_chunk", interrupted)
    with pytest.raises(KeyboardInterrupt):
        stream.analyze_corpus(csv_path, out, chunksize=2)
    assert analysed == [0, 1]
    # Before resuming, only finished chunks are visible.
    assert stream.read_table(out, "documents").doc_id.tolist() == ["0", "1", "2", "3"]

    def counting(chunk, corpus, out_dir, dedupe):
        analysed.append(chunk)
        return real(chunk, corpus, out_dir, dedupe)

    monkeypatch.setattr(stream, "_analyse_chunk", counting)
    chunks = stream.analyze_corpus(csv_path, out, chunksize=2)
    assert analysed == [0, 1, 2, 3]  # chunks 0 and 1 were not analysed again
    assert chunks.skipped.tolist() == [True, True, False, False]
    documents = stream.read_table(out, "documents")
    assert not documents.doc_id.duplicated().any()
    _assert_same_tables(out, analyze(load_corpus(csv_path)))


def test_ids_repeated_across_chunks_are_refused(tmp_path):
    path = tmp_path / "corpus.csv"
    table = pd.DataFrame({"doc_id": ["a", "b", "c", "a"], "text": ["One.", "Two.", "Three.", "Four."]})
    table.to_csv(path, index=False)
    with pytest.raises(ValueError, match=r"chunk 1 repeats ids of earlier chunks: \['a'\]"):
        stream.analyze_corpus(path, tmp_path / "out", chunksize=2)


def test_resuming_with_other_settings_is_refused(csv_path, tmp_path):
    stream.analyze_corpus(csv_path, tmp_path / "out", chunksize=4)
    with pytest.raises(ValueError, match="chunksize"):
        stream.analyze_corpus(csv_path, tmp_path / "out", chunksize=3)


def test_unsupported_and_missing_inputs(tmp_path):
    with pytest.raises(FileNotFoundError, match="nowhere.csv"):
        stream.analyze_corpus(tmp_path / "nowhere.csv", tmp_path / "out")
    parquet = tmp_path / "corpus.parquet"
    pd.DataFrame({"text": ["One."]}).to_parquet(parquet)
    with pytest.raises(ValueError, match=r"expected a \.csv or \.jsonl file"):
        stream.analyze_corpus(parquet, tmp_path / "out")
