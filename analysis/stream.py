"""Streaming a corpus larger than memory: chunked reading, partitioned Parquet, resumable runs.

:func:`analyze_corpus` reads a CSV or JSONL file ``chunksize`` documents at a time,
runs :func:`analysis.analyze` on each chunk and writes each of the six tables as one
Parquet file per chunk::

    OUT_DIR/_manifest.sqlite
    OUT_DIR/documents/part-000000.parquet, part-000001.parquet, ...
    OUT_DIR/sentences/part-000000.parquet, ...
    ... (hedges, repeats, quotes, sources)

Only a few chunks are in memory at once (one, or ``n_jobs + 1`` with worker processes),
so memory does not grow with the corpus.  Documents are analysed independently, so the
tables are the same as ``analyze`` gives on the whole file; ids are the same as
:func:`analysis.load_corpus` gives (the ``doc_id``/``id_col`` values, else the row
number counted over the whole file).

Resume semantics
    Each Parquet file is written to a hidden temporary name and renamed into place (an
    atomic step), and a chunk counts as finished only once all six of its files are in
    place and its row is committed to the manifest (an SQLite file).  Run the same call
    again after an interruption: finished chunks are read past without being analysed,
    files of a chunk that was cut off half-way are deleted and that chunk is redone, so
    no row is ever written twice.  The manifest also records the settings (source,
    its size and the SHA-256 of its contents, ``chunksize``, ``dedupe``, ``text_col``,
    ``id_col``); resuming with other settings, or after the source file changed (even
    to other contents of the same size), raises ValueError rather than mixing two runs.
One run at a time
    A run holds an exclusive lock on ``OUT_DIR/_lock`` (released by the system when the
    process ends, however it ends); a second run into the same folder meanwhile raises
    ValueError saying so.  Worker processes (``n_jobs > 1``) end when their parent does.
Unique ids
    With an id column, ids must be unique over the whole file, not only within a chunk;
    they are checked against the ids of earlier chunks kept in the manifest (on disk, so
    memory stays bounded).  Without ``id_col``, an ``id`` column is taken as the ids only
    when its values are present and unique over the whole file, as load_corpus decides,
    and a JSON Lines chunk whose records all lack the text field gets missing texts (error
    rows), as in the whole file: both take one extra read of the file before the run.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import re
import sqlite3
import warnings
from collections.abc import Iterator
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from pathlib import Path

import pandas as pd

from analysis import schema
from analysis.corpus import automatic_id_column, csv_batches, file_sha256, jsonl_batches, load_corpus
from analysis.pipeline import TABLE_NAMES, analyze, exit_with_parent

__all__ = ["analyze_corpus", "read_table", "as_written", "for_parquet", "probe_tables"]

MANIFEST = "_manifest.sqlite"
LOCK = "_lock"
_PART = re.compile(r"part-(\d+)\.parquet")


def is_text(column: pd.Series) -> bool:
    """Whether a column holds text (or any objects): the columns a writer converts."""
    return column.dtype == object or isinstance(column.dtype, pd.StringDtype)


def json_text(value):
    """An object or list (a JSON Lines field) as its JSON text; any other value as it is.

    >>> json_text({"k": [1, "é"]}), json_text(5)
    ('{"k": [1, "é"]}', 5)
    """
    if isinstance(value, dict | list | tuple):
        return json.dumps(value, ensure_ascii=False, default=str)
    return value


def as_written(table: pd.DataFrame) -> pd.DataFrame:
    """``table`` with the objects and lists of its text columns as JSON text."""
    columns = {c: table[c].map(json_text) for c in table.columns if table[c].dtype == object}
    return table.assign(**columns) if columns else table


def _missing(value) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def for_parquet(table: pd.DataFrame) -> pd.DataFrame:
    """``table`` as Parquet can hold it: a column pyarrow cannot store as one type (a number
    in one record and a string in another) becomes text, each value ``str(value)``, missing
    values missing; every other column is stored exactly.  The report's tables and the
    streamed chunks are written through it.

    >>> for_parquet(pd.DataFrame({"n": [1, "two", None]}))["n"].tolist()
    ['1', 'two', None]
    """
    import pyarrow as pa

    converted = {}
    for column in table.columns:
        if table[column].dtype != object:
            continue
        try:
            pa.array(table[column], from_pandas=True)
        except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError):
            values = [v if _missing(v) else str(v) for v in table[column]]
            converted[column] = pd.Series(values, index=table.index, dtype=object)
    return table.assign(**converted) if converted else table


def _read_chunks(path: Path, chunksize: int) -> Iterator[pd.DataFrame]:
    suffix = path.suffix.lower()
    # load_corpus's own readers, a batch at a time: the same cells, errors and warnings.
    if suffix == ".csv":
        yield from csv_batches(path, chunksize)
    elif suffix == ".jsonl":
        yield from jsonl_batches(path, chunksize)
    else:
        raise ValueError(f"{path}: expected a .csv or .jsonl file to stream, found '{suffix}'")


def _read_whole_file(path: Path, chunksize: int, id_col: str | None) -> tuple[str | None, set[str]]:
    """What load_corpus decides from the whole file, which one chunk cannot tell: the id
    column it would choose (an ``id`` column counts only when its values are present and
    unique over every record) and the columns of any record (a JSON Lines record may lack
    one).  One extra read of the file, unless the file is a CSV (its header holds every
    column) and ``id_col`` is given; the ids are checked in a temporary on-disk SQLite
    table, so memory stays bounded."""
    if id_col is not None and path.suffix.lower() == ".csv":
        return id_col, set(map(str, next(_read_chunks(path, 1)).columns))
    columns: set[str] = set()
    unique_ids = True
    with warnings.catch_warnings(), contextlib.closing(sqlite3.connect("")) as seen:
        warnings.simplefilter("ignore")  # the run itself reads the file again and warns once
        seen.execute("CREATE TABLE ids (id TEXT PRIMARY KEY)")
        for table in _read_chunks(path, chunksize):
            columns.update(map(str, table.columns))
            if not unique_ids or table.empty:
                continue
            if automatic_id_column(table.drop(columns="doc_id", errors="ignore")) != "id":
                unique_ids = False
                continue
            try:
                seen.executemany("INSERT INTO ids VALUES (?)", ((i,) for i in table["id"].astype(str)))
            except sqlite3.IntegrityError:
                unique_ids = False
    if "doc_id" in columns:
        return "doc_id", columns
    return ("id" if unique_ids and "id" in columns else None), columns


@contextlib.contextmanager
def _only_run(out_dir: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``OUT_DIR/_lock`` (holding this process's id) for the run;
    ValueError when another run holds it.  The system drops the lock when its holder ends,
    even when it is killed."""
    import fcntl

    with (out_dir / LOCK).open("a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "unknown"
            raise ValueError(
                f"{out_dir} is being written by another analyze_corpus run (process {holder}); "
                "wait for it to finish or write to another folder"
            ) from None
        handle.truncate(0)
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        yield


def _connect(out_dir: Path, settings: dict) -> sqlite3.Connection:
    connection = sqlite3.connect(out_dir / MANIFEST)
    with connection:
        connection.execute("CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT)")
        connection.execute(
            "CREATE TABLE IF NOT EXISTS chunks (chunk INTEGER PRIMARY KEY, first_row INTEGER, n_documents INTEGER)"
        )
        connection.execute("CREATE TABLE IF NOT EXISTS doc_ids (doc_id TEXT PRIMARY KEY, chunk INTEGER)")
        stored = dict(connection.execute("SELECT key, value FROM settings"))
        wanted = {key: json.dumps(value) for key, value in settings.items()}
        if stored and stored != wanted:
            changed = sorted(k for k in wanted if stored.get(k) != wanted[k])
            if set(changed) <= {"source_bytes", "source_sha256"}:
                raise ValueError(
                    f"{out_dir} holds a run on another version of the source (the file changed since: its "
                    f"{'size and ' if 'source_bytes' in changed else ''}SHA-256 differ); "
                    "write to a new folder, or delete this one to start again"
                )
            raise ValueError(
                f"{out_dir} holds a run with other settings ({', '.join(changed)} differ); "
                "resume with the same arguments or write to a new folder"
            )
        connection.executemany("INSERT OR IGNORE INTO settings VALUES (?, ?)", wanted.items())
        # Ids of chunks that never finished are forgotten: those chunks are redone.
        connection.execute("DELETE FROM doc_ids WHERE chunk NOT IN (SELECT chunk FROM chunks)")
    return connection


def _finished(connection: sqlite3.Connection) -> set[int]:
    return {chunk for (chunk,) in connection.execute("SELECT chunk FROM chunks")}


def _remove_unfinished_files(out_dir: Path, finished: set[int]) -> None:
    for name in TABLE_NAMES:
        folder = out_dir / name
        if not folder.is_dir():
            continue
        for path in folder.iterdir():
            match = _PART.fullmatch(path.name)
            if path.name.startswith(".") or (match and int(match.group(1)) not in finished):
                path.unlink()


def _claim_ids(connection: sqlite3.Connection, chunk: int, ids: list[str]) -> None:
    try:
        with connection:
            connection.executemany("INSERT INTO doc_ids VALUES (?, ?)", ((i, chunk) for i in ids))
    except sqlite3.IntegrityError:
        seen = []
        for start in range(0, len(ids), 500):
            batch = ids[start : start + 500]
            query = f"SELECT doc_id FROM doc_ids WHERE doc_id IN ({','.join('?' * len(batch))})"
            seen += [row[0] for row in connection.execute(query, batch)]
        raise ValueError(
            f"document ids must be unique; chunk {chunk} repeats ids of earlier chunks: "
            f"{seen[:20]}{' ...' if len(seen) > 20 else ''}"
        ) from None


def _part_path(out_dir: Path, name: str, chunk: int) -> Path:
    return out_dir / name / f"part-{chunk:06d}.parquet"


def _analyse_chunk(chunk: int, corpus: pd.DataFrame, out_dir: Path, dedupe: bool) -> tuple[int, int]:
    """Analyse one chunk and write its six files, each atomically; return (chunk, n_documents)."""
    res = analyze(corpus, dedupe=dedupe)
    for name, table in res.tables().items():
        # Every column declared and typed (an empty table's too): every chunk's file has one schema.
        table = schema.storable(name, for_parquet(as_written(table)))
        final = _part_path(out_dir, name, chunk)
        temporary = final.with_name(f".{final.name}.tmp")
        table.to_parquet(temporary, index=False)
        os.replace(temporary, final)
    return chunk, len(corpus)


def analyze_corpus(
    path,
    out_dir,
    *,
    chunksize: int = 1000,
    n_jobs: int = 1,
    dedupe: bool = True,
    text_col: str = "text",
    id_col: str | None = None,
) -> pd.DataFrame:
    """Analyse a large CSV or JSONL corpus chunk by chunk into partitioned Parquet tables.

    Parameters
    ----------
    path : str or pathlib.Path
        A ``.csv`` or ``.jsonl`` file, read by :func:`analysis.load_corpus`'s own readers
        a batch at a time (:func:`analysis.corpus.csv_batches`, :func:`analysis.corpus.jsonl_batches`:
        the same encodings, delimiters, errors and warnings).
    out_dir : str or pathlib.Path
        Output folder: ``<table>/part-NNNNNN.parquet`` per table and chunk, and the
        manifest ``_manifest.sqlite``.  Run the same call again to resume.
    chunksize : int, default 1000
        Documents per chunk: memory grows with it, not with the corpus.
    n_jobs : int, default 1
        Worker processes; each analyses whole chunks.
    dedupe, text_col, id_col
        As in :func:`analysis.analyze` and :func:`analysis.load_corpus`.

    Returns
    -------
    pandas.DataFrame
        One row per chunk: ``chunk``, ``first_row`` (row number of its first document),
        ``n_documents``, and ``skipped`` (True when an earlier run had finished it).
        Read the tables with :func:`read_table`.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> pd.DataFrame({"text": ["One. Two.", "Three.", "Four."]}).to_csv(folder / "c.csv", index=False)
    >>> chunks = analyze_corpus(folder / "c.csv", folder / "out", chunksize=2)
    >>> chunks[["chunk", "n_documents", "skipped"]].values.tolist()
    [[0, 2, False], [1, 1, False]]
    >>> read_table(folder / "out", "documents")[["doc_id", "n_sentences"]].values.tolist()
    [['0', 2], ['1', 1], ['2', 1]]
    >>> analyze_corpus(folder / "c.csv", folder / "out", chunksize=2).skipped.tolist()
    [True, True]
    """
    if chunksize < 1 or n_jobs < 1:
        raise ValueError(f"chunksize and n_jobs must be at least 1, found {chunksize} and {n_jobs}")
    path, out_dir = Path(path), Path(out_dir)
    if not path.is_file():
        raise FileNotFoundError(f"no such file: {path}")
    for name in TABLE_NAMES:
        (out_dir / name).mkdir(parents=True, exist_ok=True)
    with _only_run(out_dir):
        settings = {
            "source": str(path.resolve()),
            "source_bytes": path.stat().st_size,
            "source_sha256": file_sha256(path),
            "chunksize": chunksize,
            "dedupe": dedupe,
            "text_col": text_col,
            "id_col": id_col,
        }
        connection = _connect(out_dir, settings)
        try:
            finished = _finished(connection)
            _remove_unfinished_files(out_dir, finished)
            chosen_id, columns = _read_whole_file(path, chunksize, id_col)
            rows = _run_chunks(
                path, out_dir, connection, finished, chunksize, n_jobs, dedupe,
                text_col, chosen_id, columns,
            )
        finally:
            connection.close()
    return pd.DataFrame(rows, columns=["chunk", "first_row", "n_documents", "skipped"])


def _run_chunks(
    path, out_dir, connection, finished, chunksize, n_jobs, dedupe, text_col, id_col, file_columns
) -> list[tuple]:
    rows: list[tuple] = []
    pending: dict = {}
    first_rows: dict[int, int] = {}

    def record(chunk: int, n_documents: int) -> None:
        with connection:
            connection.execute("INSERT INTO chunks VALUES (?, ?, ?)", (chunk, first_rows[chunk], n_documents))
        rows.append((chunk, first_rows[chunk], n_documents, False))

    def collect(futures) -> None:
        for future in futures:
            del pending[future]
            record(*future.result())

    pool = ProcessPoolExecutor(max_workers=n_jobs, initializer=exit_with_parent) if n_jobs > 1 else None
    try:
        first_row = 0
        for chunk, table in enumerate(_read_chunks(path, chunksize)):
            if table.empty:  # no records: no chunk, but a CSV header gets load_corpus's column errors
                if len(table.columns):
                    load_corpus(table, text_col=text_col, id_col=id_col)
                continue
            first_rows[chunk] = first_row
            first_row += len(table)
            if chunk in finished:
                rows.append((chunk, first_rows[chunk], len(table), True))
                continue
            if text_col not in table.columns and text_col in file_columns:  # as in the whole file: no text
                table = table.assign(**{text_col: math.nan})
            row_number_ids = id_col is None
            if row_number_ids:  # the row number over the whole file, as load_corpus numbers rows
                table = table.assign(doc_id=[str(first_rows[chunk] + i) for i in range(len(table))])
            corpus = load_corpus(table, text_col=text_col, id_col=id_col)
            if not row_number_ids:
                _claim_ids(connection, chunk, corpus["doc_id"].tolist())
            if pool is None:
                record(*_analyse_chunk(chunk, corpus, out_dir, dedupe))
                continue
            pending[pool.submit(_analyse_chunk, chunk, corpus, out_dir, dedupe)] = chunk
            if len(pending) > n_jobs:  # at most n_jobs + 1 chunks in memory
                collect(wait(pending, return_when=FIRST_COMPLETED).done)
        collect(wait(pending).done)
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    return sorted(rows)


def read_table(out_dir, name: str) -> pd.DataFrame:
    """Table ``name`` of a streamed run: its finished chunks' files, in corpus order.

    Parameters
    ----------
    out_dir : str or pathlib.Path
        The folder given to :func:`analyze_corpus`.
    name : str
        ``documents``, ``sentences``, ``hedges``, ``repeats``, ``quotes`` or ``sources``.

    Returns
    -------
    pandas.DataFrame
        The table's columns as :func:`analysis.analyze` gives them; rows of chunks not
        finished yet are left out.

    Examples
    --------
    >>> import tempfile
    >>> read_table(tempfile.mkdtemp(), "hedges").columns.tolist()[:3]
    ['doc_id', 'start', 'end']
    """
    if name not in TABLE_NAMES:
        raise ValueError(f"expected one of {', '.join(TABLE_NAMES)}, found {name!r}")
    out_dir = Path(out_dir)
    if not (out_dir / MANIFEST).exists():
        return schema.empty_table(name)
    connection = sqlite3.connect(out_dir / MANIFEST)
    try:
        finished = sorted(_finished(connection))
    finally:
        connection.close()
    parts = [pd.read_parquet(_part_path(out_dir, name, chunk)) for chunk in finished]
    if not parts:
        return schema.empty_table(name)
    # Parquet gives an object column back typed by its values (a flag column without None as
    # bool): the declared dtypes again, as analyze gives them.
    return schema.conform(name, pd.concat(parts, ignore_index=True))


def probe_tables() -> dict[str, pd.DataFrame]:
    """Empty tables with every column of :func:`analysis.analyze`'s tables and their dtypes.

    Deprecated: every column is declared in :mod:`analysis.schema` now, so this is
    ``schema.empty_table`` for each table (no text is analysed to learn them); kept because
    users have the name.

    Examples
    --------
    >>> import warnings
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore", DeprecationWarning)
    ...     probe_tables()["sentences"].columns.tolist()[:4]
    ['doc_id', 'paragraph', 'sentence', 'start']
    """
    warnings.warn(
        "analysis.stream.probe_tables is deprecated: use analysis.schema.empty_table(name)",
        DeprecationWarning,
        stacklevel=2,
    )
    return {name: schema.empty_table(name) for name in TABLE_NAMES}
