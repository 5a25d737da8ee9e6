"""The pipeline behind :func:`analysis.analyze`: segment, measure, join, tabulate.

Data flows one way.  Each document is segmented (:mod:`analysis.segment`), then each
measure runs on the segmented document; the measures do not know of each other.  This
module joins them (which sentences are duplicates, who speaks a hedge, the sentiment of
a source's quotes) and builds the six tidy tables described in :mod:`analysis.schema`.

Documents are analysed one at a time and independently: a failure inside one document
is caught and recorded in ``documents.error``, and never changes another document's
rows.  With ``n_jobs > 1`` documents are split into contiguous chunks analysed in worker
processes; tables are concatenated in input order, so the result is the same for any
``n_jobs``.
"""

from __future__ import annotations

import gc
import heapq
import math
import numbers
import os
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import chain, compress, repeat
from operator import attrgetter

import numpy as np
import pandas as pd

from analysis import hedging, repetition, schema, sentiment, sources
from analysis.corpus import load_corpus
from analysis.segment import Segmented, segment_document
from analysis.text import count_words, inside, merge_spans

__all__ = ["Analysis", "analyze"]

CHUNKS_PER_WORKER = 16
"""Chunks per worker process when ``n_jobs > 1``: many small chunks keep every worker busy to the end."""

TABLE_NAMES = ("documents", "sentences", "hedges", "repeats", "quotes", "sources")
_PARAGRAPH, _START, _END = attrgetter("paragraph"), attrgetter("start"), attrgetter("end")


@dataclass
class Analysis:
    """The result of :func:`analysis.analyze`: six tidy tables and what produced them.

    Attributes
    ----------
    documents : pandas.DataFrame
        One row per input document, in input order: ``doc_id``, ``n_words`` (words of the
        text as given), ``n_sentences``, ``sentiment``, ``hedges_per_100w``,
        ``boosters_per_100w``, ``duplicate_share``, ``n_sources``, ``error`` (why a
        document could not be analysed, else <NA>); then the measures' extra columns:
        ``sentiment_narrative``, ``sentiment_quoted``, ``share_positive``,
        ``share_negative`` (docs/sentiment.md), ``<category>_per_100w`` for distancing,
        evidential, approximator and scare_quote, ``hedges_quote_per_100w`` and
        ``hedges_narrative_per_100w`` (docs/hedging.md); then ``n_words_counted`` and
        ``n_sentences_counted`` (what the measures counted: first occurrences only when
        ``dedupe=True``; densities are per 100 counted words); then the corpus's metadata
        columns.
    sentences : pandas.DataFrame
        One row per sentence: ``doc_id, paragraph, sentence, start, end, text, compound,
        neg, neu, pos, is_duplicate, voice``.
    hedges, repeats, quotes, sources : pandas.DataFrame
        Every table's columns, dtypes and meanings are declared in :mod:`analysis.schema`
        (listed in docs/tables.md).
    corpus : pandas.DataFrame
        The corpus as loaded (``doc_id``, ``text``, metadata).
    dedupe : bool
        Whether repeated passages were excluded from the counts.
    """

    documents: pd.DataFrame
    sentences: pd.DataFrame
    hedges: pd.DataFrame
    repeats: pd.DataFrame
    quotes: pd.DataFrame
    sources: pd.DataFrame
    corpus: pd.DataFrame = field(repr=False)
    dedupe: bool = True

    def tables(self) -> dict[str, pd.DataFrame]:
        """The six result tables by name, in the contract's order."""
        return {name: getattr(self, name) for name in TABLE_NAMES}

    def text(self, doc_id: str) -> str:
        """The text of document ``doc_id`` exactly as given."""
        match = self.corpus.loc[self.corpus["doc_id"] == doc_id, "text"]
        if match.empty:
            raise KeyError(f"no document with doc_id {doc_id!r}")
        return match.iloc[0]


@dataclass
class _DocumentResult:
    """A document's ``documents`` row, its ``sentences`` a column at a time, and its rows of
    the other tables as the measures give them (dicts), without ``doc_id``."""

    document: dict
    tables: dict[str, dict[str, list] | list[dict]]


def _missing_text_reason(text) -> str | None:
    if text is None or text is pd.NA or (isinstance(text, float) and math.isnan(text)):
        return "no text: the text cell is missing (None/NaN)"
    if not isinstance(text, str):
        return f"no text: expected a string, found {type(text).__name__} {text!r:.40}"
    if not text.strip():
        return "no text: the document is empty or whitespace only"
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as err:  # the result tables cannot hold it (nor can a CSV file)
        return f"not Unicode text: a lone surrogate {text[err.start]!r} at character {err.start}"
    return None


def _empty_result(doc_id: str, error: str) -> _DocumentResult:
    """A document that could not be analysed: zero counts, its other measures missing (NaN)."""
    document = {
        "doc_id": doc_id,
        "n_words": 0,
        "n_sentences": 0,
        "n_sources": 0,
        "error": error,
        "n_words_counted": 0,
        "n_sentences_counted": 0,
    }
    return _DocumentResult(document, {"sentences": {}, **{name: [] for name in TABLE_NAMES[2:]}})


def _speakers_at(positions: Sequence[int], quotes: list[dict]) -> list[str | None]:
    """The speaker of each position: the source of the first attributed quotation (in
    ``quotes`` order) whose content contains it, else None.

    One sweep over the positions in text order with a heap of the quotations open there,
    ordered by their place in ``quotes``: O((P + Q) log Q) for P positions and Q quotations
    (scanning every quotation for each position was P * Q: a 4 MB document took 30 s).

    Examples
    --------
    >>> quotes = [{"content_start": 0, "content_end": 10, "source": "Kim"},
    ...           {"content_start": 5, "content_end": 20, "source": "Lee"},
    ...           {"content_start": 20, "content_end": 30, "source": None}]
    >>> _speakers_at([7, 3, 12, 25], quotes)
    ['Kim', 'Kim', 'Lee', None]
    """
    attributed = sorted(
        (q["content_start"], rank, q["content_end"], q["source"])
        for rank, q in enumerate(quotes)
        if q.get("source") is not None
    )
    speakers: list[str | None] = [None] * len(positions)
    open_quotes: list[tuple[int, int, str]] = []  # (rank, content_end, source), first-listed on top
    next_quote = 0
    for k in sorted(range(len(positions)), key=positions.__getitem__):
        position = positions[k]
        while next_quote < len(attributed) and attributed[next_quote][0] <= position:
            _, rank, end, source = attributed[next_quote]
            heapq.heappush(open_quotes, (rank, end, source))
            next_quote += 1
        while open_quotes and open_quotes[0][1] <= position:  # ended before this position, so before every later one
            heapq.heappop(open_quotes)
        if open_quotes:
            speakers[k] = open_quotes[0][2]
    return speakers


def _content_spans_by_source(source_rows: list[dict], quotes: list[dict]) -> dict[str, list[tuple[int, int]]]:
    """The content spans of each source's quotes, in text order (a source without quotes has none)."""
    spans: dict[str, list[tuple[int, int]]] = {row["source"]: [] for row in source_rows}
    for q in quotes:
        if q.get("source") in spans:
            spans[q["source"]].append((q["content_start"], q["content_end"]))
    return spans


def _analyse_segmented(seg: Segmented, dedupe: bool) -> _DocumentResult:
    view, text, doc_id = seg.view, seg.text, seg.doc_id

    repeats = repetition.find_repeats(seg)
    duplicated = merge_spans((r["start"], r["end"]) for r in repeats)
    sentences = seg.sentences
    starts, ends = list(map(_START, sentences)), list(map(_END, sentences))
    # Most documents repeat nothing: then no sentence is a duplicate and every row is kept.
    duplicate = [inside(start, duplicated) for start in starts] if duplicated else [False] * len(sentences)
    excluded = duplicated if dedupe else []
    counted = [not d for d in duplicate] if excluded else [True] * len(sentences)

    def kept(rows: list[dict], position: str) -> list[dict]:
        return [row for row in rows if not inside(row[position], excluded)] if excluded else rows

    scores, sentiment_columns, voice_units = sentiment.score_document(seg, counted)
    hedges = kept(hedging.find_hedges(seg), "start")
    quotes, mentions = sources.extract_attributions(seg)
    quotes = kept(quotes, "content_start")
    mentions = kept(mentions, "start")
    for h, speaker in zip(hedges, _speakers_at([h["start"] for h in hedges], quotes), strict=True):
        h["speaker"] = speaker
    source_rows = sources.prominence(quotes, mentions, seg)
    source_sentiments = sentiment.span_sentiments(seg, voice_units, _content_spans_by_source(source_rows, quotes))
    hedges_by_speaker = Counter(h["speaker"] for h in hedges)
    for row in source_rows:
        row["sentiment"] = source_sentiments[row["source"]]
        row["n_hedges"] = hedges_by_speaker[row["source"]]

    if len(scores) != len(sentences):
        raise ValueError(f"sentiment gave {len(scores)} scores for {len(sentences)} sentences")
    compound, neg, neu, pos = (list(score) for score in zip(*scores)) if scores else ([], [], [], [])
    sentence_columns = {
        "paragraph": list(map(_PARAGRAPH, sentences)),
        "sentence": list(range(len(sentences))),
        "start": starts,
        "end": ends,
        "text": list(map(text.__getitem__, map(slice, starts, ends))),
        "compound": compound,
        "neg": neg,
        "neu": neu,
        "pos": pos,
        "is_duplicate": duplicate,
        "voice": list(seg.voices),
    } if sentences else {}
    words_per_sentence = list(map(len, seg.sentence_words))
    # Sentences are in text order, so only the last one can end the text.
    last_end = ends[-1] if ends else len(view)
    if all(map(str.isspace, map(view.__getitem__, ends[:-1]))) and (last_end == len(view) or view[last_end].isspace()):
        # Sentences cover every non-space character and words hold no space: split at
        # spaces, the sentences' words are the document's.
        n_words = sum(words_per_sentence)
    else:  # a sentence ends where no space follows ("Committee.The"): the text's words are found afresh
        n_words = count_words(view)
    n_words_counted = sum(compress(words_per_sentence, counted))
    duplicate_words = sum(count_words(view, start, end) for start, end in duplicated)
    document = {
        "doc_id": doc_id,
        "n_words": n_words,
        "n_sentences": len(seg.sentences),
        **sentiment_columns,
        **hedging.document_densities(hedges, n_words_counted),
        "duplicate_share": duplicate_words / n_words if n_words else float("nan"),
        "n_sources": len(source_rows),
        "n_words_counted": n_words_counted,
        "n_sentences_counted": sum(counted),
    }
    tables = {"sentences": sentence_columns, "hedges": hedges, "repeats": repeats, "quotes": quotes}
    return _DocumentResult(document, {**tables, "sources": source_rows})


def _fits(value, dtype: str) -> bool:
    """Whether ``value`` can go into a column of ``dtype`` (``as_table`` would otherwise fail
    for the whole corpus, not just for the document that produced it)."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return dtype not in schema.NO_MISSING
    if dtype in ("Int64", "int64"):
        return isinstance(value, numbers.Integral) or (isinstance(value, float) and value.is_integer())
    if dtype == "float64":
        return isinstance(value, numbers.Real)
    return isinstance(value, bool | np.bool_)  # "boolean" or "bool"; a text or object column takes any value


# Types that fit a column as they are; anything else goes through _fits.
_PLAIN = {"Int64": {int}, "int64": {int}, "float64": {float, int}, "boolean": {bool}, "bool": {bool}}
_TYPED_COLUMNS = {
    name: [(column, dtype, _PLAIN[dtype]) for column, dtype in columns.items() if dtype in _PLAIN]
    for name, columns in schema.TABLES.items()
}


def _misfit(name: str, columns: dict[str, Sequence]) -> str | None:
    """Why a value of ``columns`` cannot go into its column of table ``name``, if one cannot."""
    n_rows = len(next(iter(columns.values()))) if columns else 0
    for column, dtype, plain in _TYPED_COLUMNS[name]:
        if column not in columns:
            if n_rows and dtype in schema.NO_MISSING:
                return f"{name}.{column}: expected {dtype} in every row, found no such column"
            continue
        values = columns[column]
        if set(map(type, values)) <= plain:  # the usual case, checked a column at a time
            continue
        for value in values:
            if type(value) not in plain and not _fits(value, dtype):
                return f"{name}.{column}: expected {dtype}, found {value!r:.60}"
    return None


def _analyse_document(doc_id: str, text, dedupe: bool) -> _DocumentResult:
    reason = _missing_text_reason(text)
    if reason is not None:
        return _empty_result(doc_id, reason)
    try:
        return _analyse_segmented(segment_document(text, doc_id), dedupe)
    except Exception as err:  # one bad document must never abort a corpus run
        return _empty_result(doc_id, f"{type(err).__name__}: {err}")


def _columns(results: list[_DocumentResult]) -> dict[str, dict[str, list]]:
    """The six tables' columns for ``results``, with ``doc_id``; a column that some
    document's rows lack is NaN there, as in :func:`schema.columns_of`."""
    tables = {"documents": schema.columns_of([result.document for result in results])}
    doc_ids: list[str] = []
    pieces: dict[str, list[list]] = {}
    for result in results:
        part = result.tables["sentences"]
        if not part:
            continue
        n_part = len(next(iter(part.values())))
        for column, values in part.items():
            if column not in pieces:
                pieces[column] = [[math.nan] * len(doc_ids)]
            pieces[column].append(values)
        if len(part) < len(pieces):
            for column, column_pieces in pieces.items():
                if column not in part:
                    column_pieces.append([math.nan] * n_part)
        doc_ids += [result.document["doc_id"]] * n_part
    joined = {column: list(chain.from_iterable(column_pieces)) for column, column_pieces in pieces.items()}
    tables["sentences"] = {"doc_id": doc_ids, **joined} if doc_ids else {}
    for name in TABLE_NAMES[2:]:  # the measures' rows: all documents' at once, one pass per column
        rows = list(chain.from_iterable(result.tables[name] for result in results))
        ids = chain.from_iterable(repeat(result.document["doc_id"], len(result.tables[name])) for result in results)
        tables[name] = {"doc_id": list(ids), **schema.columns_of(rows)} if rows else {}
    return tables


def _checked(result: _DocumentResult) -> _DocumentResult:
    """``result``, or an error result if one of its values does not fit its column."""
    for name, columns in _columns([result]).items():
        reason = _misfit(name, columns)
        if reason is not None:
            return _empty_result(result.document["doc_id"], f"TypeError: {reason}")
    return result


def _tabulated(results: list[_DocumentResult]) -> dict[str, dict[str, Sequence]]:
    """The six tables' columns for these documents, each declared column typed (:mod:`analysis.schema`)."""
    tables = _columns(results)
    if any(_misfit(name, columns) for name, columns in tables.items()):
        # Rare: a measure gave a value its column cannot hold.  Only the documents at fault
        # become errors (a value that does not fit would fail the whole table).
        tables = _columns([_checked(result) for result in results])
    return {name: schema.typed_columns(name, columns) for name, columns in tables.items()}


def _joined(name: str, parts: list[dict[str, Sequence]]) -> dict[str, Sequence]:
    """The columns of table ``name`` from its typed columns for consecutive chunks (see
    :func:`_tabulated`): declared columns are joined as typed arrays; a column the schema
    does not declare as a list, NaN in a chunk that lacks it, so that pandas infers its dtype once."""
    lengths = [len(part["doc_id"]) for part in parts]
    joined: dict[str, Sequence] = {}
    for column in dict.fromkeys(column for part in parts for column in part):
        if column in schema.TABLES[name]:  # in every part, typed
            pieces = [part[column] for part in parts]
            joined[column] = type(pieces[0])._concat_same_type(pieces)  # pandas' documented ExtensionArray interface
        else:
            joined[column] = [value for part, n in zip(parts, lengths) for value in part.get(column, [math.nan] * n)]
    return joined


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for a run of documents and the building of
    their tables, then restore its state.

    A document's analysis allocates tens of thousands of short-lived tuples, lists and dicts,
    and each burst of allocations starts a collection, whose passes also walk every
    long-lived object of the process (the corpus, the lexicons, the tables built so far):
    4-5% of ``analyze`` on the BBC corpus.  The pause lasts until the tables are built: the
    documents' results (a million values in lists) are all young objects, and the first
    collection after the pause would walk every one of them (0.15 CPU-s on BBC) just before
    they are freed.  The measures make no reference cycles, nor does the table building
    (checked by ``tests/test_pipeline.py``), so reference counting frees each document's
    objects as soon as it is done and nothing waits for the collector.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _analyse_chunk(items: list[tuple[str, object]], dedupe: bool) -> dict[str, dict[str, Sequence]]:
    # The worker types the declared columns: typed arrays are quicker to send back, and the
    # main process, which every worker waits for at the end, only joins them.
    with _collector_paused():
        return _tabulated([_analyse_document(doc_id, text, dedupe) for doc_id, text in items])


def exit_with_parent(every: float = 0.5) -> None:
    """Worker-process initializer (``ProcessPoolExecutor(initializer=exit_with_parent)``): a
    daemon thread ends the worker once the process that started it is gone.

    A pool's workers wait on a pipe that every worker holds open too, so when the parent is
    killed nothing tells them: without this they wait forever (and keep their memory).  The
    thread checks every ``every`` seconds whether the worker was handed to another parent
    (a fork server, when the pool uses one, ends with the parent that started it).
    """
    parent = os.getppid()

    def watch() -> None:
        while True:
            time.sleep(every)
            if os.getppid() != parent:
                os._exit(1)  # nothing to clean up: the process that wanted the results is gone

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def _no_progress(n_done: int) -> None:
    pass


def _chunks(items: list, n: int) -> list[list]:
    size = max(1, math.ceil(len(items) / n))
    return [items[i : i + size] for i in range(0, len(items), size)]


def _run(
    items: list[tuple[str, object]], dedupe: bool, n_jobs: int, progress: Callable[[int], None]
) -> dict[str, dict[str, Sequence]]:
    """The columns of the six tables for ``items``, in their order."""
    if n_jobs == 1 or len(items) < 2:
        results = []
        for doc_id, text in items:
            results.append(_analyse_document(doc_id, text, dedupe))
            progress(1)
        return _tabulated(results)
    # Load the lexicons, compile the patterns and build VADER once here, so that forked
    # workers inherit them instead of each paying for them again.
    _analyse_document("warm-up", 'Kim said it "may rain" here.', dedupe)
    chunks = _chunks(items, n_jobs * CHUNKS_PER_WORKER)
    parts = []
    with ProcessPoolExecutor(max_workers=n_jobs, initializer=exit_with_parent) as pool:
        for chunk, part in zip(chunks, pool.map(_analyse_chunk, chunks, [dedupe] * len(chunks)), strict=True):
            parts.append(part)
            progress(len(chunk))
    return {name: _joined(name, [part[name] for part in parts]) for name in TABLE_NAMES}


def metadata_names(metadata: Sequence, results: Sequence) -> dict:
    """The name in ``documents`` of each metadata column: its own, or ``meta_`` prefixed when
    it clashes with a result column (prefixed again while that name is taken too, so that
    metadata named ``error`` and ``meta_error`` become ``meta_meta_error`` and ``meta_error``).

    >>> metadata_names(["error", "meta_error", "outlet"], ["doc_id", "error"])
    {'error': 'meta_meta_error', 'meta_error': 'meta_error', 'outlet': 'outlet'}
    """
    results = set(results)
    taken = results | set(metadata)
    names = {}
    for column in metadata:
        name = column
        if column in results:
            name = f"meta_{column}"
            while name in taken:
                name = f"meta_{name}"
            taken.add(name)
        names[column] = name
    return names


def _documents_table(columns: dict[str, Sequence], corpus: pd.DataFrame) -> pd.DataFrame:
    documents = schema.from_columns("documents", columns)
    metadata = corpus.drop(columns=["doc_id", "text"]).reset_index(drop=True)
    metadata.columns = list(metadata_names(list(metadata.columns), list(documents.columns)).values())
    return pd.concat([documents, metadata], axis=1)


def _tables(columns: dict[str, dict[str, Sequence]], corpus: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The six tables from their columns (:func:`_run`) and the corpus's metadata."""
    tables = {name: schema.from_columns(name, columns[name]) for name in TABLE_NAMES[1:]}
    # One identity across documents: "Blair" alone in a story is the corpus's one "Tony Blair".
    keys = sources.corpus_keys(tables["sources"])
    tables["quotes"] = sources.with_corpus_keys(tables["quotes"], keys)
    tables["sources"] = sources.with_corpus_keys(tables["sources"], keys)
    tables["documents"] = _documents_table(columns["documents"], corpus)
    # Each table as analysis.schema declares it, whatever a step after the typing did to it.
    return {name: schema.conform(name, table) for name, table in tables.items()}


def analyze(
    docs, *, dedupe: bool = True, n_jobs: int = 1, progress: Callable[[int], None] | None = None
) -> Analysis:
    """Analyse a corpus: segmentation and the four measures, as six tidy tables.

    Parameters
    ----------
    docs : pandas.DataFrame, str, pathlib.Path or list of str
        A corpus from :func:`analysis.load_corpus`, or anything it accepts.
    dedupe : bool, default True
        Count repeated passages once: sentences inside a later copy of a repeated
        paragraph, sentence or line are flagged ``is_duplicate`` and left out of every
        count, density and aggregate (their rows stay in ``sentences``).  With False,
        every copy is counted, so a text pasted three times counts its hedges, quotes
        and sources three times.
    n_jobs : int, default 1
        Worker processes.  The result does not depend on it.
    progress : callable, optional
        Called with the number of documents just finished (e.g. ``tqdm.update``), for a
        progress bar on long runs.

    Returns
    -------
    Analysis
        ``documents``, ``sentences``, ``hedges``, ``repeats``, ``quotes``, ``sources``.
        ``documents`` has one row per input document in input order; a document that
        could not be analysed (missing, non-string or empty text, or an internal error)
        has zero counts and an ``error`` message.  Metadata columns whose names clash
        with a result column are prefixed ``meta_`` (again while the name is taken:
        :func:`metadata_names`).

    Notes
    -----
    Python's cyclic garbage collector is paused while the documents are analysed and their
    tables built, for the whole process (it is one switch), and restored after, even on an
    error: it saves 6-7% of the run, and the measures make no reference cycles for it to
    collect (docs/scale.md).

    Examples
    --------
    >>> res = analyze(["Mr. Kim spoke. He left.", None])
    >>> res.documents[["doc_id", "n_words", "n_sentences"]].values.tolist()
    [['0', 5, 2], ['1', 0, 0]]
    >>> res.documents.error.notna().tolist()
    [False, True]
    """
    if n_jobs < 1:
        raise ValueError(f"n_jobs must be at least 1, found {n_jobs}")
    corpus = load_corpus(docs)
    items = list(zip(corpus["doc_id"].tolist(), corpus["text"].tolist()))
    with _collector_paused():
        tables = _tables(_run(items, dedupe, n_jobs, progress or _no_progress), corpus)
    return Analysis(corpus=corpus, dedupe=dedupe, **tables)
