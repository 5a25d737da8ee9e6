"""Property tests across the whole pipeline (hypothesis).

The invariants hold for any measure that keeps the contract in ``analysis.schema``, so they
are written generically: every ``*_start``/``*_end`` column pair of every table is checked,
including columns the measures add later.  ``check_analysis`` is also what
``scripts/fuzz.py`` runs on every fuzzed input.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis import analyze, hedging, normalise, repetition, schema
from analysis.text import count_words

# ----------------------------------------------------------------------------- the invariants


def span_columns(table: pd.DataFrame) -> list[tuple[str, str, str | None]]:
    """``(start, end, text)`` column triples of a table: ``start``/``end`` go with ``text``,
    ``X_start``/``X_end`` with ``X``; the text column is None when the table has none
    (``repeats.first_start``/``first_end`` point at a span whose text is not repeated)."""
    triples = []
    for column in table.columns:
        if column == "start" or column.endswith("_start"):
            prefix = column[: -len("start")]
            end = f"{prefix}end"
            if end in table.columns:
                text = prefix[:-1] if prefix else "text"
                triples.append((column, end, text if text in table.columns else None))
    return triples


def _missing(value) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and value != value)


def check_spans(name: str, table: pd.DataFrame, texts: dict[str, str]) -> None:
    """Every span lies inside its own document and reads back as its span text."""
    doc_ids = table["doc_id"].tolist()
    for start_col, end_col, text_col in span_columns(table):
        starts, ends = table[start_col].tolist(), table[end_col].tolist()
        span_texts = table[text_col].tolist() if text_col is not None else [None] * len(table)
        for doc_id, start, end, span_text in zip(doc_ids, starts, ends, span_texts):
            where = f"{name}.{start_col}/{end_col} of document {doc_id!r}"
            assert _missing(start) == _missing(end), f"{where}: one offset missing, not both ({start}, {end})"
            if _missing(start):
                assert text_col is None or _missing(span_text), f"{where}: no offsets but {text_col}={span_text!r}"
                continue
            text = texts[doc_id]
            assert 0 <= start <= end <= len(text), f"{where}: ({start}, {end}) outside a text of {len(text)} chars"
            assert text_col is None or text[start:end] == span_text, f"{where}: text[start:end] != {text_col}"


def check_sentence_partition(sentences: pd.DataFrame, texts: dict[str, str]) -> None:
    """Sentences are ordered, disjoint, and cover every non-space character exactly once
    (space in the normalised view, which also reads NUL and zero-width spaces as space).
    ``texts`` holds the documents that were analysed (no ``error``)."""
    spans: dict[str, list[tuple[int, int, int]]] = {}
    columns = (sentences[c].tolist() for c in ("doc_id", "start", "end", "sentence"))
    for doc_id, start, end, index in zip(*columns):
        spans.setdefault(doc_id, []).append((start, end, index))
    for doc_id, text in texts.items():
        view = normalise(text)
        cursor = 0
        for number, (start, end, index) in enumerate(spans.get(doc_id, [])):
            assert index == number, f"{doc_id!r}: sentence numbers are not 0, 1, 2, ..."
            assert cursor <= start < end, f"{doc_id!r}: sentence ({start}, {end}) overlaps or is empty"
            assert cursor == start or view[cursor:start].isspace(), f"{doc_id!r}: text between sentences"
            cursor = end
        assert not view[cursor:].strip(), f"{doc_id!r}: text after the last sentence is not covered"


def check_analysis(res, corpus: pd.DataFrame) -> None:
    """All contract invariants of one ``analyze`` result on ``corpus`` (as loaded)."""
    texts = dict(zip(corpus.doc_id, corpus.text))
    assert res.documents.doc_id.tolist() == corpus.doc_id.tolist(), "documents: not one row per input, in order"
    for name, table in res.tables().items():
        assert list(table.columns[: len(schema.TABLES[name])]) == list(schema.TABLES[name]), f"{name}: columns"
        assert set(table.doc_id) <= set(texts), f"{name}: rows for a document that was not given"
        if name != "documents":
            check_spans(name, table, texts)
    failed = set(res.documents.doc_id[res.documents.error.notna()])
    for name, table in res.tables().items():
        if name != "documents":
            assert not failed & set(table.doc_id), f"{name}: rows for a document that could not be analysed"
    check_sentence_partition(res.sentences, {d: t for d, t in texts.items() if d not in failed})
    n_sentences = res.sentences.groupby("doc_id").size()
    for doc_id, n in zip(res.documents.doc_id, res.documents.n_sentences):
        assert n == n_sentences.get(doc_id, 0), f"{doc_id!r}: documents.n_sentences != its sentences"


# ----------------------------------------------------------------------------- strategies

# Pieces that exercise the splitter, the quotation finder and the measures' cues.
PIECES = [
    " ", "  ", "\n", "\n\n", "\r\n", "\r", "\t", "\u00a0", "\u2028", "\x00", "\u200b",
    ".", ". ", "!", "?", "...", "\u2026", ",", ";", ":", "-", "\u2014", "(", ")", "[", "]",
    '"', "'", "\u201c", "\u201d", "\u2018", "\u2019",
    "Mr.", "U.S.", "Dr.", "Jan.", "e.g.", "3.5", "1,000", "John F. Kennedy",
    "He", "She", "The minister", "Putin", "said", "told reporters", "according to", "claimed",
    "may", "might", "possibly", "clearly", "certainly", "about", "allegedly", "reportedly",
    "good", "bad", "terrible", "not", "isn't", "isn\u2019t", "the", "plan", "Committee.The",
    "\U0001f600", "\u0627\u0644\u062e\u0628\u0631", "\u65b0\u95fb", "<b>", "&amp;",
]
text_strategy = st.lists(st.sampled_from(PIECES) | st.text(max_size=4), max_size=60).map("".join)
cell_strategy = text_strategy | st.none() | st.just(float("nan")) | st.integers() | st.just("")

# analyze() costs ~0.2 s of pandas overhead per call: modest budgets keep the suite fast;
# scripts/fuzz.py runs the long budget.
FAST = settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _corpus(texts: list) -> pd.DataFrame:
    return pd.DataFrame({"doc_id": [f"d{i}" for i in range(len(texts))], "text": pd.Series(texts, dtype=object)})


# ----------------------------------------------------------------------------- properties


@FAST
@given(st.lists(cell_strategy, max_size=5))
def test_every_span_of_every_table_reads_back_from_its_own_document(texts):
    corpus = _corpus(texts)
    check_analysis(analyze(corpus), corpus)


@FAST
@given(st.lists(cell_strategy, max_size=5))
def test_documents_has_one_row_per_input_in_order_and_errors_only_for_unusable_text(texts):
    res = analyze(texts)
    assert res.documents.doc_id.tolist() == [str(i) for i in range(len(texts))]
    usable = [isinstance(t, str) and bool(t.strip()) for t in texts]
    assert res.documents.error.isna().tolist() == usable


@FAST
@given(st.lists(text_strategy, min_size=1, max_size=4), st.booleans())
def test_words_counted_are_the_words_of_the_counted_sentences(texts, dedupe):
    res = analyze(_corpus(texts), dedupe=dedupe)
    for doc, text in zip(res.documents.itertuples(), texts):
        view = normalise(text)
        kept = res.sentences[(res.sentences.doc_id == doc.doc_id) & ~(dedupe & res.sentences.is_duplicate)]
        assert doc.n_words_counted == sum(count_words(view, s, e) for s, e in zip(kept.start, kept.end))
        assert doc.n_words == count_words(view)


@FAST
@given(st.lists(text_strategy, min_size=1, max_size=4))
def test_dedupe_never_increases_a_count(texts):
    corpus = _corpus(texts)
    deduped, everything = analyze(corpus, dedupe=True), analyze(corpus, dedupe=False)
    for column, dtype in schema.TABLES["documents"].items():
        if dtype == "Int64":
            assert (deduped.documents[column] <= everything.documents[column]).all(), column
    for column in ("n_words_counted", "n_sentences_counted"):
        assert (deduped.documents[column] <= everything.documents[column]).all(), column
    for name in ("hedges", "quotes", "sources", "repeats", "sentences"):
        fewer = deduped.tables()[name].groupby("doc_id").size()
        more = everything.tables()[name].groupby("doc_id").size()
        assert all(n <= more.get(doc_id, 0) for doc_id, n in fewer.items()), f"{name}: more rows with dedupe"
    counts = [c for c, dtype in schema.TABLES["sources"].items() if dtype == "Int64"]
    joined = deduped.sources.merge(everything.sources, on=["doc_id", "source"], suffixes=("_d", "_all"))
    for column in counts:
        assert (joined[f"{column}_d"].fillna(0) <= joined[f"{column}_all"].fillna(0)).all(), f"sources.{column}"


def assert_same_rows(left: pd.DataFrame, right: pd.DataFrame, what: str) -> None:
    """The same rows and values.  A column that only one side has (a measure's extra column,
    present in a table only when some document of the corpus produced it) must be empty."""
    common = [c for c in left.columns if c in right.columns]
    for frame in (left, right):
        extra = [c for c in frame.columns if c not in common]
        assert frame[extra].isna().all().all(), f"{what}: values in columns {extra} that the other run lacks"
    pd.testing.assert_frame_equal(left[common], right[common], obj=what)


def _rows_of(res, doc_id: str) -> dict[str, pd.DataFrame]:
    return {name: t[t.doc_id == doc_id].reset_index(drop=True) for name, t in res.tables().items()}


@FAST
@given(st.lists(cell_strategy, min_size=1, max_size=4), cell_strategy, st.integers(min_value=0, max_value=4))
def test_adding_a_document_does_not_change_the_others(texts, extra, position):
    corpus = _corpus(texts)
    position = min(position, len(texts))
    extra_row = pd.DataFrame({"doc_id": ["extra"], "text": pd.Series([extra], dtype=object)})
    bigger = pd.concat([corpus.iloc[:position], extra_row, corpus.iloc[position:]], ignore_index=True)
    alone, together = analyze(corpus), analyze(bigger)
    for doc_id in corpus.doc_id:
        before, after = _rows_of(alone, doc_id), _rows_of(together, doc_id)
        for name in before:
            assert_same_rows(before[name], after[name], f"{name} of {doc_id}")


@FAST
@given(text_strategy, text_strategy)
def test_an_open_quote_or_paragraph_never_runs_into_the_next_document(first, second):
    texts = ['He said "' + first, second]
    together = analyze(_corpus(texts))
    alone = analyze(_corpus([texts[1]]).assign(doc_id=["d1"]))
    for name, table in _rows_of(together, "d1").items():
        assert_same_rows(table, _rows_of(alone, "d1")[name], name)


def test_the_sample_article_keeps_every_invariant(sample_text):
    corpus = _corpus([sample_text, sample_text.replace("\n", "\r\n")])
    check_analysis(analyze(corpus), corpus)
    check_analysis(analyze(corpus, dedupe=False), corpus)


# ----------------------------------------------------------------------------- the pipeline's own joins
# The measures are filled in by their own issues; these fakes give the pipeline real repeats
# and hedges now, so dedupe and isolation are tested whatever the measures find.


def _fake_repeats(seg):
    """Later copies of a sentence seen before in the document."""
    first: dict[str, tuple[int, int]] = {}
    found = []
    for s in seg.sentences:
        key = seg.view[s.start : s.end]
        if key in first:
            found.append({"unit": "sentence", "start": s.start, "end": s.end, "text": seg.text[s.start : s.end],
                          "first_start": first[key][0], "first_end": first[key][1], "similarity": 1.0})
        else:
            first[key] = (s.start, s.end)
    return found


def _fake_hedges(seg):
    if "BOOM" in seg.text:
        raise RuntimeError("the hedge finder broke on this document")
    if "MALFORMED" in seg.text:
        return [{"start": "here", "end": 3, "text": "x", "category": "hedge", "subcategory": "", "voice": "narrative"}]
    return [
        {"start": m.start(), "end": m.end(), "text": seg.text[m.start() : m.end()], "category": "hedge",
         "subcategory": "modal", "voice": "narrative"}
        for m in re.finditer(r"\b(?:may|might)\b", seg.view)
    ]


def _fake_measures(patch: pytest.MonkeyPatch) -> None:
    patch.setattr(repetition, "find_repeats", _fake_repeats)
    patch.setattr(hedging, "find_hedges", _fake_hedges)


@pytest.fixture
def fake_measures(monkeypatch):
    _fake_measures(monkeypatch)


def _n_hedges(sentence: str) -> int:
    return len(re.findall(r"\b(?:may|might)\b", sentence))


sentence_strategy = st.sampled_from(
    ["It may rain.", "Kim may go.", "He left.", "They might stay.", '"It may work," he said.', "Done."]
)
repeated_text = st.lists(sentence_strategy, min_size=1, max_size=8).map(" ".join)


@FAST
@given(st.lists(repeated_text, min_size=1, max_size=3))
def test_dedupe_counts_each_repeated_hedge_once_and_never_increases_a_count(texts):
    corpus = _corpus(texts)
    with pytest.MonkeyPatch.context() as patch:
        _fake_measures(patch)
        deduped, everything = analyze(corpus, dedupe=True), analyze(corpus, dedupe=False)
    check_analysis(deduped, corpus)
    for res in (deduped, everything):
        assert res.repeats.groupby("doc_id").size().to_dict() == everything.repeats.groupby("doc_id").size().to_dict()
    for doc_id, text in zip(corpus.doc_id, corpus.text):
        sentences = re.findall(r'"?[A-Z][^.]*\.(?:"[^.]*\.)?', text)
        distinct = list(dict.fromkeys(sentences))
        assert (deduped.hedges.doc_id == doc_id).sum() == sum(map(_n_hedges, distinct))
        assert (everything.hedges.doc_id == doc_id).sum() == sum(map(_n_hedges, sentences))
    for column in ("n_words_counted", "n_sentences_counted"):
        assert (deduped.documents[column] <= everything.documents[column]).all(), column


def test_a_failing_or_malformed_document_leaves_the_others_identical(fake_measures):
    good = ["It may rain. It may rain.", "Kim left.", None, "They might stay."]
    bad = ["It may BOOM.", "A MALFORMED row may follow."]
    corpus = _corpus(good)
    mixed = pd.concat([corpus.iloc[:2], _corpus(bad).assign(doc_id=["bad1", "bad2"]), corpus.iloc[2:]])
    alone, together = analyze(corpus), analyze(mixed)
    errors = together.documents.set_index("doc_id").error
    assert errors["bad1"] == "RuntimeError: the hedge finder broke on this document"
    assert errors["bad2"].startswith("TypeError: hedges.start: expected Int64, found 'here'")
    assert together.documents.doc_id.tolist() == ["d0", "d1", "bad1", "bad2", "d2", "d3"]
    for doc_id in corpus.doc_id:
        for name, table in _rows_of(alone, doc_id).items():
            assert_same_rows(table, _rows_of(together, doc_id)[name], f"{name} of {doc_id}")


# ----------------------------------------------------------------------------- determinism

# What the report command does to write its tables, without rendering the report notebook.
_REPORT = """
import sys
from pathlib import Path
from analysis import analyze, load_corpus
from analysis.report import write_tables
write_tables(analyze(load_corpus(sys.argv[1]), n_jobs=int(sys.argv[3])), Path(sys.argv[2]))
"""


def test_two_runs_write_byte_identical_tables_whatever_the_jobs_and_hash_seed(tmp_path, sample_path, sample_text):
    sample = sample_text
    texts = [sample, "Mr. Kim spoke. \u201cIt may work,\u201d he said.", "", sample[:500], "Done.\r\nAgain."] * 2
    source = tmp_path / "corpus.jsonl"
    pd.DataFrame({"doc_id": [f"doc{i}" for i in range(len(texts))], "text": texts}).to_json(
        source, orient="records", lines=True
    )
    root = str(sample_path.parents[2])
    outputs = []
    for seed, jobs in (("0", "1"), ("12345", "2"), ("999", "1")):
        out = tmp_path / f"out_{seed}_{jobs}"
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": root}
        subprocess.run([sys.executable, "-c", _REPORT, str(source), str(out), jobs], env=env, check=True,
                       capture_output=True)
        outputs.append({p.name: p.read_bytes() for p in sorted(out.glob("*.csv"))})
    assert len(outputs[0]) == 6
    assert outputs[0] == outputs[1] == outputs[2]
