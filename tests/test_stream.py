"""Streaming: chunked runs give the same tables as analyze, and resume without duplicates."""

import json
import re
import subprocess
import sys
import time
import warnings
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


def test_chunks_without_hedges_or_quotes_write_files_of_the_same_parquet_schema(tmp_path):
    import pyarrow.parquet as pq

    path = tmp_path / "corpus.csv"
    texts = ["", 'Kim said the plan "may well fail". Critics reportedly disagreed.', "Rain fell on Tuesday."]
    pd.DataFrame({"text": texts}).to_csv(path, index=False)
    stream.analyze_corpus(path, tmp_path / "out", chunksize=1)
    for name in TABLE_NAMES:
        folder = tmp_path / "out" / name
        schemas = {str(pq.read_schema(part).remove_metadata()) for part in sorted(folder.glob("part-*.parquet"))}
        assert len(schemas) == 1, name  # the first chunk (an empty text) has no row in any table but documents
        # so a reader of the whole folder joins the files (it takes the first file's schema)
        assert len(pd.read_parquet(folder)) == len(stream.read_table(tmp_path / "out", name)), name
    assert len(stream.read_table(tmp_path / "out", "quotes")) and len(stream.read_table(tmp_path / "out", "hedges"))


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


@pytest.mark.parametrize("ids", [["7", "8", "9", "10"], ["7", "8", "9", "7"], ["7", "8", "", "10"]])
def test_an_id_column_is_chosen_over_the_whole_file_as_load_corpus_chooses_it(tmp_path, ids):
    path = tmp_path / "corpus.csv"
    pd.DataFrame({"id": ids, "text": ["One.", "Two.", "Three.", "Four."]}).to_csv(path, index=False)
    stream.analyze_corpus(path, tmp_path / "out", chunksize=2)  # each chunk's ids are unique on their own
    streamed = stream.read_table(tmp_path / "out", "documents").doc_id.tolist()
    assert streamed == load_corpus(path).doc_id.tolist()
    assert streamed == (ids if ids == ["7", "8", "9", "10"] else ["0", "1", "2", "3"])


def test_a_chunk_whose_records_lack_the_text_field_gets_error_rows_as_in_the_whole_file(tmp_path):
    path = tmp_path / "corpus.jsonl"
    path.write_text('{"id": 0}\n{"id": 1, "text": "Kim said it."}\n{"id": 2}\n', encoding="utf-8")
    stream.analyze_corpus(path, tmp_path / "out", chunksize=1)
    streamed = stream.read_table(tmp_path / "out", "documents")
    expected = analyze(load_corpus(path)).documents
    assert streamed.doc_id.tolist() == expected.doc_id.tolist() == ["0", "1", "2"]
    assert streamed.error.notna().tolist() == expected.error.notna().tolist() == [True, False, True]


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


# --------------------------------------------------------------------------- one CSV reader, safe resumes


CSV_CASES = {
    "short row": (b"id,text\n1,Kim spoke.\n2\n", "expected 2 fields"),
    "repeated header": (b"text,text\nKim spoke.,x\n", "repeated ['text']"),
    "unclosed quote": (b'id,text\n1,"Kim spoke.\n2,Lee\n', "malformed CSV"),
    "empty file": (b"  \n", "empty file"),
    "bad UTF-16": (b"\xff\xfe" + "id,text\n1,Kim\n".encode("utf-16-le") + b"\x00\xd8", "not valid utf-16-le"),
}


@pytest.mark.parametrize("case", list(CSV_CASES))
def test_bad_csvs_give_the_errors_of_load_corpus(tmp_path, case):
    data, message = CSV_CASES[case]
    path = tmp_path / "corpus.csv"
    path.write_bytes(data)
    with pytest.raises(ValueError, match=re.escape(message)) as loading:
        load_corpus(path)
    with pytest.raises(ValueError, match=re.escape(message)) as streaming:
        stream.analyze_corpus(path, tmp_path / "out", chunksize=1)
    assert str(streaming.value) == str(loading.value)


JSONL_CASES = {
    "broken line": (b'{"text": "Kim spoke."}\n{"text": \n', "line 2: expected one JSON object"),
    "an array": (b'[{"text": "Kim spoke."}]\n', "line 1: expected a JSON object, found a JSON list"),
}


@pytest.mark.parametrize("case", list(JSONL_CASES))
def test_bad_jsonl_gives_the_errors_of_load_corpus(tmp_path, case):
    data, message = JSONL_CASES[case]
    path = tmp_path / "corpus.jsonl"
    path.write_bytes(data)
    with pytest.raises(ValueError, match=re.escape(message)) as loading:
        load_corpus(path)
    with pytest.raises(ValueError) as streaming:
        stream.analyze_corpus(path, tmp_path / "out", chunksize=1)
    assert str(streaming.value) == str(loading.value)


def test_utf16_and_cp1252_jsonl_stream_as_load_corpus_reads_them(tmp_path):
    for encoding in ("utf-16", "cp1252"):
        path = tmp_path / f"{encoding}.jsonl"
        path.write_bytes('{"id": "a", "text": "Caf\u00e9 owners may \u2018agree\u2019."}\n'.encode(encoding))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            stream.analyze_corpus(path, tmp_path / encoding, chunksize=1)
            corpus = load_corpus(path)
        assert stream.read_table(tmp_path / encoding, "sentences")["text"].tolist() == corpus["text"].tolist()


ENCODED = {
    "semicolons, cp1252": ("id;text;\n1;Caf\xe9 owners said it may rain.;x\n2;Kim left.;y\n", "cp1252"),
    "UTF-16 with a mark": ("id,text\n1,Kim said it may rain.\n2,Lee left.\n", "utf-16"),
    "UTF-8 mark, CRLF, quoted newline": ('id,text\r\n1,"Kim spoke.\r\n\r\nHe left."\r\n2,Lee.\r\n', "utf-8-sig"),
}


@pytest.mark.parametrize("case", list(ENCODED))
def test_streamed_csvs_are_read_as_load_corpus_reads_them(tmp_path, case):
    text, encoding = ENCODED[case]
    path = tmp_path / "corpus.csv"
    path.write_bytes(text.encode(encoding))
    with warnings.catch_warnings(record=True) as loading:
        warnings.simplefilter("always")
        corpus = load_corpus(path)
    with warnings.catch_warnings(record=True) as streaming:
        warnings.simplefilter("always")
        stream.analyze_corpus(path, tmp_path / "out", chunksize=1)
    assert [str(w.message) for w in streaming] == [str(w.message) for w in loading]
    expected = analyze(corpus)
    for name in TABLE_NAMES:  # a chunk without hedges or quotes still writes every column, typed
        pd.testing.assert_frame_equal(stream.read_table(tmp_path / "out", name), getattr(expected, name))


def test_the_csv_reader_gives_the_same_rows_whatever_the_blocks(tmp_path, monkeypatch):
    from analysis import corpus as corpus_module

    text = 'id,text\r\n1,"Kim said:\r\n\r\n\u201cfine\u201d"\r\n2,Lee\r3,\u00e9t\u00e9\n'
    path = tmp_path / "corpus.csv"
    path.write_bytes(text.encode("utf-8"))
    whole = load_corpus(path)
    for block in (1, 2, 3, 5, 7):  # every cut: inside "\r\n", inside a two-byte character, inside a quoted cell
        monkeypatch.setattr(corpus_module, "_BLOCK_BYTES", block)
        pd.testing.assert_frame_equal(load_corpus(path), whole)
    assert whole.text.tolist() == ["Kim said:\r\n\r\n\u201cfine\u201d", "Lee", "\u00e9t\u00e9"]


def test_resume_refuses_a_source_edited_to_other_contents_of_the_same_size(csv_path, tmp_path, monkeypatch):
    out = tmp_path / "out"
    stream.analyze_corpus(csv_path, out, chunksize=3)
    data = csv_path.read_bytes()
    csv_path.write_bytes(data.replace(b"Critics disagreed", b"Critics agreed!!!"))
    assert len(csv_path.read_bytes()) == len(data)
    with pytest.raises(ValueError, match="the file changed since"):
        stream.analyze_corpus(csv_path, out, chunksize=3)


def test_a_second_run_into_the_same_folder_is_refused_in_one_line(tmp_path):
    corpus = tmp_path / "big.csv"
    pd.DataFrame({"text": ["Kim said it may rain. " * 2_000] * 400}).to_csv(corpus, index=False)
    out = tmp_path / "out"
    first = subprocess.Popen([sys.executable, "-c", "import sys, analysis.stream as s; "
                              "s.analyze_corpus(sys.argv[1], sys.argv[2], chunksize=2)", str(corpus), str(out)])
    try:
        for _ in range(600):  # until the first run is under way (a minute at most on a loaded machine)
            if (out / "documents" / "part-000000.parquet").exists():
                break
            time.sleep(0.1)
        assert first.poll() is None, "the first run ended too early to test"
        with pytest.raises(ValueError, match=rf"being written by another analyze_corpus run \(process {first.pid}\)"):
            stream.analyze_corpus(corpus, out, chunksize=2)
    finally:
        first.kill()
        first.wait()
    with stream._only_run(out):  # the lock ended with its holder
        pass


_ORPHANING = {
    "analyze": "analysis.analyze(['Kim said it may rain. ' * 20000] * 8, n_jobs=2)",
    "analyze_corpus": "analysis.stream.analyze_corpus(sys.argv[1], sys.argv[2], chunksize=2, n_jobs=2)",
}


def _children(pid: int) -> set[int]:
    children = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        children |= {int(c) for c in (task / "children").read_text().split()}
    return children


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


@pytest.mark.parametrize("entry", list(_ORPHANING))
def test_workers_end_when_their_parent_is_killed(entry, tmp_path):
    corpus = tmp_path / "big.csv"
    pd.DataFrame({"text": ["Kim said it may rain. " * 20_000] * 8}).to_csv(corpus, index=False)
    parent = subprocess.Popen([sys.executable, "-c", f"import sys, analysis, analysis.stream; {_ORPHANING[entry]}",
                               str(corpus), str(tmp_path / "out")])
    try:
        workers: set[int] = set()
        for _ in range(600):  # until both workers run (a minute at most on a loaded machine)
            workers = _children(parent.pid)
            if len(workers) >= 2:
                break
            time.sleep(0.1)
        assert len(workers) >= 2
    finally:
        parent.kill()
        parent.wait()
    for _ in range(300):  # they check for their parent every half second
        if not any(map(_running, workers)):
            break
        time.sleep(0.1)
    assert not any(map(_running, workers)), "workers outlived their parent"


def test_jsonl_metadata_objects_lists_and_mixed_types_stream_into_every_table(tmp_path):
    path = tmp_path / "corpus.jsonl"
    records = [{"text": "Kim said it may rain.", "meta": {}, "tags": ["a"], "n": 1},
               {"text": "Lee left.", "meta": {"k": 1}, "tags": [], "n": "two"}]
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    stream.analyze_corpus(path, tmp_path / "out", chunksize=2)
    documents = stream.read_table(tmp_path / "out", "documents")
    assert documents["meta"].tolist() == ["{}", '{"k": 1}'] and documents["tags"].tolist() == ['["a"]', "[]"]
    assert documents["n"].tolist() == ["1", "two"]


def test_probe_tables_still_gives_every_table_empty_with_its_columns():
    import analysis
    from analysis.stream import probe_tables

    with pytest.warns(DeprecationWarning, match="schema.empty_table"):
        probes = probe_tables()
    tables = analysis.analyze(['"It may rain," Ann Lee said.']).tables()
    assert {name: list(t.columns) for name, t in probes.items()} == {n: list(t.columns) for n, t in tables.items()}
    assert all(t.empty for t in probes.values())
