"""Loading a corpus: files, folders, tables or strings into one tidy DataFrame.

The corpus model never loses or rewrites what the user gave: one row per document in
input order, the text exactly as given (no stripping, no newline changes), every
metadata column kept.  Only the encoding layer is interpreted: a UTF-8 byte-order mark
is not part of the text, and bytes that are not UTF-8 are read as Windows-1252 with a
warning naming the file.
"""

from __future__ import annotations

import codecs
import json
import warnings
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

__all__ = ["load_corpus", "TEXT_SUFFIXES", "TABLE_SUFFIXES"]

TEXT_SUFFIXES = (".txt", ".md")
TABLE_SUFFIXES = (".csv", ".jsonl", ".json", ".parquet")
SUPPORTED_SUFFIXES = TEXT_SUFFIXES + TABLE_SUFFIXES


def _latin1_fallback(error: UnicodeDecodeError) -> tuple[str, int]:
    # cp1252 leaves five bytes undefined; decode them as their Latin-1 code points
    # (what Windows itself does) rather than losing them.
    byte = error.object[error.start : error.start + 1]
    return byte.decode("latin-1"), error.start + 1


codecs.register_error("media_analysis_latin1", _latin1_fallback)


def _decode(data: bytes, path: Path) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        warnings.warn(
            f"{path}: not valid UTF-8 (byte {err.start}); decoded as Windows-1252 (cp1252)",
            UnicodeWarning,
            stacklevel=3,
        )
        return data.decode("cp1252", errors="media_analysis_latin1")


def _looks_like_path(source: str) -> bool:
    if "\n" in source or "\r" in source:
        return False
    if source.lower().endswith(SUPPORTED_SUFFIXES):
        return True
    try:
        return Path(source).exists()
    except (OSError, ValueError):  # a long or odd string that cannot be a path
        return False


def _read_text_file(path: Path, doc_id: str) -> dict:
    return {"doc_id": doc_id, "text": _decode(path.read_bytes(), path), "path": str(path)}


def _read_folder(folder: Path) -> pd.DataFrame:
    files = sorted(
        (p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES),
        key=lambda p: p.relative_to(folder).as_posix(),
    )
    if not files:
        raise ValueError(f"{folder}: expected a folder containing {' or '.join(TEXT_SUFFIXES)} files, found none")
    return pd.DataFrame([_read_text_file(p, p.relative_to(folder).as_posix()) for p in files])


def _read_jsonl(path: Path) -> pd.DataFrame:
    records = []
    for number, line in enumerate(_decode(path.read_bytes(), path).splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            raise ValueError(
                f"{path}, line {number}: expected one JSON object, found invalid JSON ({err.msg})"
            ) from None
        if not isinstance(record, dict):
            raise ValueError(f"{path}, line {number}: expected a JSON object, found {type(record).__name__}")
        records.append(record)
    return pd.DataFrame.from_records(records)


def _read_json(path: Path) -> pd.DataFrame:
    data = json.loads(_decode(path.read_bytes(), path))
    if isinstance(data, dict) and isinstance(data.get("records"), list):
        data = data["records"]
    if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
        raise ValueError(f"{path}: expected a JSON array of objects (or {{'records': [...]}})")
    return pd.DataFrame.from_records(data)


def _read_csv(path: Path) -> pd.DataFrame:
    from io import StringIO

    # Every cell as a string and no NA guessing: ids like "007" and texts like "NA" stay as given.
    return pd.read_csv(StringIO(_decode(path.read_bytes(), path)), dtype=str, keep_default_na=False)


def _read_path(path: Path) -> tuple[pd.DataFrame, bool]:
    """The table at ``path`` and whether it came from text files (ids already set)."""
    if not path.exists():
        raise FileNotFoundError(f"no such file or folder: {path}")
    if path.is_dir():
        return _read_folder(path), True
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        return pd.DataFrame([_read_text_file(path, path.stem)]), True
    readers = {".csv": _read_csv, ".jsonl": _read_jsonl, ".json": _read_json, ".parquet": pd.read_parquet}
    if suffix not in readers:
        raise ValueError(f"{path}: expected one of {', '.join(SUPPORTED_SUFFIXES)} or a folder, found '{suffix}'")
    return readers[suffix](path), False


def _table_to_corpus(table: pd.DataFrame, text_col: str, id_col: str | None) -> pd.DataFrame:
    if text_col not in table.columns:
        raise ValueError(
            f"expected a text column named {text_col!r}; found columns {list(map(str, table.columns))}. "
            "Pass text_col= to name the column that holds the documents."
        )
    if text_col != "text" and "text" in table.columns:
        raise ValueError(
            f"text_col={text_col!r}, but the table also has a column named 'text'; "
            "rename that column so the documents' text can be stored as 'text'"
        )
    if id_col is None and "doc_id" in table.columns:
        id_col = "doc_id"
    if id_col is not None:
        if id_col not in table.columns:
            raise ValueError(f"expected an id column named {id_col!r}; found columns {list(map(str, table.columns))}")
        raw_ids = table[id_col]
        missing = [i for i, v in enumerate(raw_ids) if v is None or (isinstance(v, float) and v != v) or v == ""]
        if missing:
            raise ValueError(
                f"id column {id_col!r} is empty in rows {missing[:20]}{' ...' if len(missing) > 20 else ''}"
            )
        ids = [str(v) for v in raw_ids]
    else:
        ids = [str(i) for i in range(len(table))]
    duplicated = pd.Series(ids)[pd.Series(ids).duplicated()].unique().tolist()
    if duplicated:
        raise ValueError(
            f"document ids must be unique; repeated: {duplicated[:20]}{' ...' if len(duplicated) > 20 else ''}"
        )
    metadata = table.drop(columns=[c for c in (text_col, "doc_id") if c in table.columns])
    corpus = pd.concat(
        [
            pd.DataFrame({"doc_id": pd.Series(ids, dtype=object), "text": table[text_col].astype(object).to_numpy()}),
            metadata.reset_index(drop=True),
        ],
        axis=1,
    )
    return corpus


def load_corpus(source, *, text_col: str = "text", id_col: str | None = None) -> pd.DataFrame:
    """Load documents from files, a folder, a table or strings.

    Parameters
    ----------
    source : str, pathlib.Path, pandas.DataFrame or list of str
        A path to a ``.txt``/``.md`` file, a folder of them (read recursively, sorted by
        relative path), a ``.csv``, ``.jsonl``, ``.json`` or ``.parquet`` table; a
        DataFrame; a list of texts; or one text.  A :class:`~pathlib.Path` is always a
        path.  A ``str`` is a path when it has no line break and names an existing file
        or folder or ends in a supported extension (a missing one then raises
        FileNotFoundError); otherwise it is the text of one document.
    text_col : str, default "text"
        The column holding the documents in a table source.  It is renamed ``text``.
    id_col : str, optional
        A column of unique document ids.  When omitted, a ``doc_id`` column is used if
        the table has one, else the row number.

    Returns
    -------
    pandas.DataFrame
        One row per document in input order: ``doc_id`` (str, unique: the file stem for
        one file, the relative path for a folder, the ``id_col`` values, or the row
        number), ``text`` (exactly as given; a table cell that is not a string is kept
        as it is and :func:`analysis.analyze` reports it), then every metadata column
        (``path`` for file sources).  Tables read from CSV keep every cell as a string.

    Raises
    ------
    FileNotFoundError
        The path does not exist.
    ValueError
        The text or id column is missing, ids repeat, or a file cannot be parsed.

    Examples
    --------
    >>> load_corpus(["First text.", "Second text."])[["doc_id", "text"]].values.tolist()
    [['0', 'First text.'], ['1', 'Second text.']]
    >>> load_corpus("Just one article, given as a string.").doc_id.tolist()
    ['0']
    """
    from_files = False
    if isinstance(source, pd.DataFrame):
        table = source
    elif isinstance(source, Path):
        table, from_files = _read_path(source)
    elif isinstance(source, str):
        if _looks_like_path(source):
            table, from_files = _read_path(Path(source))
        else:
            table = pd.DataFrame({"text": pd.Series([source], dtype=object)})
    elif isinstance(source, Iterable):
        texts = list(source)
        table = pd.DataFrame({"text": pd.Series(texts, dtype=object)})
    else:
        raise TypeError(f"expected a path, a DataFrame, a list of texts or a text; found {type(source).__name__}")
    if from_files:
        return _table_to_corpus(table, "text", "doc_id")
    return _table_to_corpus(table, text_col, id_col)
