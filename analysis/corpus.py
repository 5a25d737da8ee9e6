"""Loading a corpus: files, folders, tables or strings into one tidy DataFrame.

The corpus model never loses or rewrites what the user gave: one row per document in
input order, the text exactly as given (no stripping, no newline changes: ``\\r\\n`` and
a lone ``\\r`` stay as they are), every metadata column kept.  Only the encoding layer is
interpreted: a byte-order mark is not part of the text (UTF-8, UTF-16 and UTF-32 marks
are honoured), and bytes that are not UTF-8 are read as Windows-1252 with a warning
naming the file.

Bad input is either an error that names the file, the line and what was expected and
found, or a documented recovery; nothing is dropped silently (see ``docs/reliability.md``).
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import json
import math
import sys
import warnings
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from itertools import chain
from pathlib import Path

import pandas as pd

__all__ = ["load_corpus", "file_sha256", "TEXT_SUFFIXES", "TABLE_SUFFIXES"]

TEXT_SUFFIXES = (".txt", ".md")
TABLE_SUFFIXES = (".csv", ".jsonl", ".json", ".parquet")
SUPPORTED_SUFFIXES = TEXT_SUFFIXES + TABLE_SUFFIXES
ON_ERROR = ("raise", "skip")

# Delimiters a CSV may use: comma, and what spreadsheet exports use in other locales.
CSV_DELIMITERS = ",;\t|"
_SNIFF_CHARS = 64 * 1024

# Longest first: the UTF-32 LE mark starts with the UTF-16 LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def _latin1_fallback(error: UnicodeDecodeError) -> tuple[str, int]:
    # cp1252 leaves five bytes undefined; decode them as their Latin-1 code points
    # (what Windows itself does) rather than losing them.
    byte = error.object[error.start : error.start + 1]
    return byte.decode("latin-1"), error.start + 1


codecs.register_error("media_analysis_latin1", _latin1_fallback)


def _decode(data: bytes, path: Path) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as err:
                raise ValueError(
                    f"{path}: starts with a {encoding} byte-order mark but is not valid {encoding} "
                    f"(byte {err.start + len(bom)}: {err.reason})"
                ) from None
            break
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as err:
            warnings.warn(
                f"{path}: not valid UTF-8 (byte {err.start}); decoded as Windows-1252 (cp1252)",
                UnicodeWarning,
                stacklevel=4,
            )
            text = data.decode("cp1252", errors="media_analysis_latin1")
    nuls = text.count("\x00")
    if nuls:
        hint = " Is it UTF-16 without a byte-order mark? Save it as UTF-8." if nuls * 4 > len(text) else ""
        warnings.warn(
            f"{path}: {nuls} NUL character(s) kept in the text (the measures read them as spaces).{hint}",
            UnicodeWarning,
            stacklevel=4,
        )
    return text


def _looks_like_path(source: str) -> bool:
    if "\n" in source or "\r" in source:
        return False
    if source.lower().endswith(SUPPORTED_SUFFIXES):
        return True
    try:
        return Path(source).exists()
    except (OSError, ValueError):  # a long or odd string that cannot be a path
        return False


class _Skipped:
    """Records dropped with ``on_error="skip"``: reported by a warning and in ``attrs``."""

    def __init__(self, on_error: str):
        self.on_error = on_error
        self.records: list[dict] = []

    def add(self, path: Path, line: int, message: str) -> None:
        if self.on_error == "raise":
            raise ValueError(f"{path}, line {line}: {message}")
        self.records.append({"source": str(path), "line": line, "reason": message})

    def report(self) -> None:
        if self.records:
            lines = ", ".join(str(r["line"]) for r in self.records[:20])
            more = " ..." if len(self.records) > 20 else ""
            warnings.warn(
                f"{self.records[0]['source']}: skipped {len(self.records)} malformed record(s) at line(s) "
                f"{lines}{more} (on_error='skip'; details in corpus.attrs['skipped'])",
                UserWarning,
                stacklevel=4,
            )


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


def _read_jsonl(path: Path, skipped: _Skipped) -> pd.DataFrame:
    return next(jsonl_batches(path, sys.maxsize, skipped))


def _read_json(path: Path, skipped: _Skipped) -> pd.DataFrame:
    try:
        data = json.loads(_decode(path.read_bytes(), path))
    except json.JSONDecodeError as err:
        hint = " (one object per line is JSON Lines: name the file .jsonl)" if err.msg == "Extra data" else ""
        raise ValueError(
            f"{path}, line {err.lineno}: expected one JSON document, found invalid JSON ({err.msg}){hint}"
        ) from None
    if isinstance(data, dict) and isinstance(data.get("records"), list):
        data = data["records"]
    if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
        raise ValueError(f"{path}: expected a JSON array of objects (or {{'records': [...]}})")
    return pd.DataFrame.from_records(data)


def _csv_delimiter(text: str) -> str:
    """The delimiter of a CSV: one of ``CSV_DELIMITERS`` found in its header line; when the
    header holds several, :class:`csv.Sniffer` decides on the first 64 KB; else a comma."""
    header = text.split("\n", 1)[0]
    candidates = "".join(d for d in CSV_DELIMITERS if d in header)
    if len(candidates) <= 1:
        return candidates or ","
    sample = text[:_SNIFF_CHARS]
    sample = sample[: sample.rfind("\n") + 1] or sample  # whole lines only
    try:
        return csv.Sniffer().sniff(sample, delimiters=candidates).delimiter
    except csv.Error:
        return max(candidates, key=header.count)


_BLOCK_BYTES = 1 << 20

# Decoders that say how many bytes they used, so that a file is decoded a block at a time.
_STREAM_DECODERS = {
    "utf-8": codecs.utf_8_decode,
    "utf-16-le": codecs.utf_16_le_decode,
    "utf-16-be": codecs.utf_16_be_decode,
    "utf-32-le": codecs.utf_32_le_decode,
    "utf-32-be": codecs.utf_32_be_decode,
}


def _byte_blocks(path: Path, skip: int = 0) -> Iterator[bytes]:
    with path.open("rb") as handle:
        handle.seek(skip)
        yield from iter(lambda: handle.read(_BLOCK_BYTES), b"")


def _utf_blocks(path: Path, encoding: str, skip: int) -> Iterator[tuple[int, str]]:
    """(byte offset, text) of each decoded block; UnicodeDecodeError with ``start`` counted
    from the start of the file."""
    decode, offset, pending = _STREAM_DECODERS[encoding], skip, b""
    for block in _byte_blocks(path, skip):
        data = pending + block
        try:
            text, used = decode(data, "strict", False)
        except UnicodeDecodeError as err:
            raise UnicodeDecodeError(encoding, err.object, offset + err.start, offset + err.end, err.reason) from None
        yield offset, text
        offset, pending = offset + used, data[used:]
    if pending:  # a character cut off by the end of the file
        try:
            decode(pending, "strict", True)
        except UnicodeDecodeError as err:
            raise UnicodeDecodeError(encoding, err.object, offset + err.start, offset + err.end, err.reason) from None


def _file_encoding(path: Path) -> tuple[str, int, bool]:
    """How :func:`_decode` would read the file, found in one pass over it a block at a time,
    with the same errors and warnings: (encoding, bytes of byte-order mark, whether the
    text is blank)."""
    with path.open("rb") as handle:
        head = handle.read(4)
    encoding, skip = next(((e, len(b)) for b, e in _BOMS if head.startswith(b)), ("utf-8", 0))
    blank, nuls, n_chars = True, 0, 0
    try:
        for _, text in _utf_blocks(path, encoding, skip):
            blank = blank and not text.strip()
            nuls, n_chars = nuls + text.count("\x00"), n_chars + len(text)
    except UnicodeDecodeError as err:
        if skip:
            raise ValueError(
                f"{path}: starts with a {encoding} byte-order mark but is not valid {encoding} "
                f"(byte {err.start}: {err.reason})"
            ) from None
        warnings.warn(
            f"{path}: not valid UTF-8 (byte {err.start}); decoded as Windows-1252 (cp1252)",
            UnicodeWarning,
            stacklevel=5,
        )
        encoding, blank, nuls, n_chars = "cp1252", True, 0, 0
        for block in _byte_blocks(path):
            text = block.decode("cp1252", errors="media_analysis_latin1")  # one byte, one character: no cut
            blank = blank and not text.strip()
            nuls, n_chars = nuls + text.count("\x00"), n_chars + len(text)
    if nuls:
        hint = " Is it UTF-16 without a byte-order mark? Save it as UTF-8." if nuls * 4 > n_chars else ""
        warnings.warn(
            f"{path}: {nuls} NUL character(s) kept in the text (the measures read them as spaces).{hint}",
            UnicodeWarning,
            stacklevel=5,
        )
    return encoding, skip, blank


def _text_blocks(path: Path, encoding: str, skip: int) -> Iterator[str]:
    if encoding == "cp1252":
        for block in _byte_blocks(path):
            yield block.decode("cp1252", errors="media_analysis_latin1")
    else:
        for _, text in _utf_blocks(path, encoding, skip):
            yield text


def _lines(blocks: Iterable[str]) -> Iterator[str]:
    """The lines of a text given in blocks, each with its line end as written ("\\n", "\\r\\n"
    or a lone "\\r", as ``open(newline="")`` gives them), however the blocks cut it."""
    pending = ""
    for block in blocks:
        text = pending + block
        # Up to the last line end that cannot be the first half of a "\\r\\n" cut in two.
        cut = max(text.rfind("\n"), text.rfind("\r", 0, len(text) - 1)) + 1
        yield from io.StringIO(text[:cut], newline="")
        pending = text[cut:]
    if pending:
        yield from io.StringIO(pending, newline="")


def csv_batches(path: Path, batch_size: int, skipped: _Skipped | None = None) -> Iterator[pd.DataFrame]:
    """The rows of a CSV file ``batch_size`` at a time (at least one batch, empty for a header
    without rows), every cell a string; a block of the file is read at a time, so memory
    does not grow with the file.  :func:`load_corpus` and :func:`analysis.stream.analyze_corpus`
    both read CSVs with it: the same encodings, delimiters, errors, warnings and skipped records."""
    skipped = skipped or _Skipped("raise")
    encoding, skip, blank = _file_encoding(path)
    if blank:
        raise ValueError(f"{path}: expected a header line with column names, found an empty file")
    lines = _lines(_text_blocks(path, encoding, skip))
    sample: list[str] = []
    for line in lines:  # whole lines of the first 64 KB (at least the header) decide the delimiter
        sample.append(line)
        if sum(map(len, sample)) >= _SNIFF_CHARS:
            break
    delimiter = _csv_delimiter("".join(sample))
    reader = csv.reader(chain(sample, lines), delimiter=delimiter, strict=True)
    limit = csv.field_size_limit()
    csv.field_size_limit(sys.maxsize)  # a news article can exceed the default 128 KB per cell
    try:
        header: list[str] | None = None
        rows: list[list[str]] = []
        end_of_last, batches = 0, 0
        for record in reader:
            first_line, end_of_last = end_of_last + 1, reader.line_num
            if not record:
                continue  # a blank line is not a record
            if header is None:
                header = [name or f"unnamed_{i}" for i, name in enumerate(record)]
                repeated = sorted(name for name, n in Counter(header).items() if n > 1)
                if repeated:
                    raise ValueError(f"{path}: expected unique column names in the header, found repeated {repeated}")
                continue
            if len(record) != len(header):
                skipped.add(
                    path,
                    first_line,
                    f"expected {len(header)} fields (the header's {delimiter!r}-separated columns), "
                    f"found {len(record)}",
                )
                continue
            rows.append(record)
            if len(rows) == batch_size:
                yield pd.DataFrame(rows, columns=header, dtype=str)
                rows, batches = [], batches + 1
    except csv.Error as err:
        raise ValueError(f"{path}, line {reader.line_num}: malformed CSV ({err})") from None
    finally:
        csv.field_size_limit(limit)
    if rows or not batches:  # a header without rows is one empty batch with the header's columns
        yield pd.DataFrame(rows, columns=header, dtype=str)


def _json_lines(blocks: Iterable[str]) -> Iterator[str]:
    # Lines end at "\n" only: a JSON string may hold a raw U+2028 or "\r", which
    # str.splitlines() would wrongly treat as line breaks.
    pending = ""
    for block in blocks:
        *lines, pending = (pending + block).split("\n")
        yield from lines
    yield pending


def jsonl_batches(path: Path, batch_size: int, skipped: _Skipped | None = None) -> Iterator[pd.DataFrame]:
    """The records of a JSON Lines file ``batch_size`` at a time (at least one batch, empty for
    a file without records), a block of the file read at a time.  :func:`load_corpus` and
    :func:`analysis.stream.analyze_corpus` both read JSON Lines with it."""
    skipped = skipped or _Skipped("raise")
    encoding, skip, _ = _file_encoding(path)
    records: list[dict] = []
    batches = 0
    for number, line in enumerate(_json_lines(_text_blocks(path, encoding, skip)), start=1):
        if not line.strip():
            continue  # a blank line is not a record
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            skipped.add(path, number, f"expected one JSON object, found invalid JSON ({err.msg} at column {err.colno})")
            continue
        if not isinstance(record, dict):
            skipped.add(path, number, f"expected a JSON object, found a JSON {type(record).__name__}")
            continue
        records.append(record)
        if len(records) == batch_size:
            yield pd.DataFrame.from_records(records)
            records, batches = [], batches + 1
    if records or not batches:
        yield pd.DataFrame.from_records(records)


def _read_csv(path: Path, skipped: _Skipped) -> pd.DataFrame:
    # Every cell stays a string and nothing is read as NA: ids like "007" and texts like "NA" stay as given.
    return next(csv_batches(path, sys.maxsize, skipped))


def _read_parquet(path: Path, skipped: _Skipped) -> pd.DataFrame:
    try:
        return pd.read_parquet(path)
    except Exception as err:  # pyarrow raises its own error types
        raise ValueError(f"{path}: expected a Parquet file, could not read it ({type(err).__name__}: {err})") from None


_READERS = {".csv": _read_csv, ".jsonl": _read_jsonl, ".json": _read_json, ".parquet": _read_parquet}


def _read_path(path: Path, skipped: _Skipped) -> tuple[pd.DataFrame, bool]:
    """The table at ``path`` and whether it came from text files (ids already set)."""
    if not path.exists():
        raise FileNotFoundError(f"no such file or folder: {path}")
    if path.is_dir():
        return _read_folder(path), True
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        return pd.DataFrame([_read_text_file(path, path.stem)]), True
    if suffix not in _READERS:
        raise ValueError(f"{path}: expected one of {', '.join(SUPPORTED_SUFFIXES)} or a folder, found '{suffix}'")
    return _READERS[suffix](path, skipped), False


def _is_missing(value) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


def _encodable(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate, e.g. from a JSON "\\ud800" escape
        return False
    return True


def _rows_text(rows: list[int]) -> str:
    return f"{rows[:20]}{' ...' if len(rows) > 20 else ''}"


def _document_ids(table: pd.DataFrame, id_col: str | None) -> list[str]:
    if id_col is None:
        return [str(i) for i in range(len(table))]
    if id_col not in table.columns:
        raise ValueError(f"expected an id column named {id_col!r}; found columns {list(map(str, table.columns))}")
    raw_ids = table[id_col].tolist()
    missing = [i for i, v in enumerate(raw_ids) if _is_missing(v)]
    if missing:
        raise ValueError(f"id column {id_col!r}: expected an id in every row, found none in rows {_rows_text(missing)}")
    ids = [str(v) for v in raw_ids]
    unencodable = [i for i, v in enumerate(ids) if not _encodable(v)]
    if unencodable:
        raise ValueError(
            f"id column {id_col!r}: expected Unicode text, found lone surrogates in rows {_rows_text(unencodable)}"
        )
    rows_of: dict[str, list[int]] = {}
    for i, v in enumerate(ids):
        rows_of.setdefault(v, []).append(i)
    repeated = {v: rows for v, rows in rows_of.items() if len(rows) > 1}
    if repeated:
        more = " ..." if len(repeated) > 20 else ""
        rows = "; ".join(f"{v!r} in rows {_rows_text(rows)}" for v, rows in list(repeated.items())[:20])
        raise ValueError(f"document ids must be unique; repeated: {list(repeated)[:20]}{more} ({rows}{more})")
    return ids


ID_COLUMNS = ("doc_id", "id")
"""Columns used as document ids when no ``id_col`` is given: ``doc_id`` always (its values must be
unique), ``id`` when every row has one and no two repeat."""


def automatic_id_column(table: pd.DataFrame) -> str | None:
    """The column :func:`load_corpus` takes as ids when no ``id_col`` is given (see
    :data:`ID_COLUMNS`), or None for row numbers.

    >>> automatic_id_column(pd.DataFrame({"id": ["a", "b"], "text": ["x", "y"]}))
    'id'
    >>> automatic_id_column(pd.DataFrame({"id": ["a", "a"], "text": ["x", "y"]})) is None
    True
    """
    if "doc_id" in table.columns:
        return "doc_id"
    if "id" in table.columns:
        ids = table["id"]
        if not any(map(_is_missing, ids)) and ids.astype(str).is_unique:
            return "id"
    return None


def _table_to_corpus(table: pd.DataFrame, text_col: str, id_col: str | None) -> pd.DataFrame:
    repeated = sorted({str(c) for c in table.columns[table.columns.duplicated()]})
    if repeated:
        raise ValueError(f"expected unique column names, found repeated {repeated}")
    if text_col not in table.columns:
        raise ValueError(
            f"expected a text column named {text_col!r}; found columns {list(map(str, table.columns))}. "
            "Name the column that holds the documents with text_col= (on the command line: --text-col)."
        )
    if text_col != "text" and "text" in table.columns:
        raise ValueError(
            f"text_col={text_col!r}, but the table also has a column named 'text'; "
            "rename that column so the documents' text can be stored as 'text'"
        )
    if id_col is None:
        id_col = automatic_id_column(table)
    if id_col not in (None, "doc_id") and "doc_id" in table.columns:
        raise ValueError(
            f"id_col={id_col!r}, but the table also has a column named 'doc_id'; "
            "rename that column so the ids can be stored as 'doc_id'"
        )
    ids = _document_ids(table, id_col)
    metadata = table.drop(columns=[c for c in (text_col, "doc_id") if c in table.columns])
    # object dtype, never inferred: a text pandas cannot store as a string column (a lone
    # surrogate) stays as given, and analyze() reports it.
    texts = pd.Series(table[text_col].to_numpy(dtype=object), dtype=object)
    documents = pd.DataFrame({"doc_id": pd.Series(ids, dtype=object), "text": texts})
    corpus = pd.concat([documents, metadata.reset_index(drop=True)], axis=1)
    corpus.attrs["id_col"] = id_col
    return corpus


def load_corpus(source, *, text_col: str = "text", id_col: str | None = None, on_error: str = "raise") -> pd.DataFrame:
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
        the table has one, else an ``id`` column whose values are all present and unique,
        else the row number (:data:`ID_COLUMNS`); ``attrs["id_col"]`` of the result names
        the column used (None for row numbers and file sources).
    on_error : {"raise", "skip"}, default "raise"
        What to do with a malformed record: a JSON Lines line that is not a JSON object,
        or a CSV row whose number of fields differs from the header's.  ``"raise"``
        stops with a ValueError naming the file and line; ``"skip"`` leaves the record
        out, warns, and lists every skipped record (``source``, ``line``, ``reason``) in
        ``result.attrs["skipped"]``.  Errors that leave the rest of a file unreadable
        (an unclosed quote in a CSV, invalid JSON in a ``.json`` file) always raise.

    Returns
    -------
    pandas.DataFrame
        One row per document in input order: ``doc_id`` (str, unique: the file stem for
        one file, the relative path for a folder, the ``id_col`` values, or the row
        number), ``text`` (exactly as given; a table cell that is not a string is kept
        as it is and :func:`analysis.analyze` reports it), then every metadata column
        (``path`` for file sources).  Tables read from CSV keep every cell as a string;
        their delimiter (``,``, ``;``, tab or ``|``) is detected from the header line.
        ``attrs["skipped"]`` lists the records skipped with ``on_error="skip"`` (empty
        otherwise).

    Raises
    ------
    FileNotFoundError
        The path does not exist.
    ValueError
        The text or id column is missing, ids are missing or repeat, column names
        repeat, or a file cannot be parsed (the message names the file and line).

    Examples
    --------
    >>> load_corpus(["First text.", "Second text."])[["doc_id", "text"]].values.tolist()
    [['0', 'First text.'], ['1', 'Second text.']]
    >>> load_corpus("Just one article, given as a string.").doc_id.tolist()
    ['0']
    """
    if on_error not in ON_ERROR:
        raise ValueError(f"on_error must be one of {ON_ERROR}, found {on_error!r}")
    skipped = _Skipped(on_error)
    from_files = False
    if isinstance(source, pd.DataFrame):
        table = source
    elif isinstance(source, Path):
        table, from_files = _read_path(source, skipped)
    elif isinstance(source, str):
        if _looks_like_path(source):
            table, from_files = _read_path(Path(source), skipped)
        else:
            table = pd.DataFrame({"text": pd.Series([source], dtype=object)})
    elif isinstance(source, bytes | bytearray | Mapping) or not isinstance(source, Iterable):
        raise TypeError(
            "expected a path, a DataFrame, a list of texts or a text; "
            f"found {type(source).__name__} (decode bytes first; wrap a dict in pandas.DataFrame)"
        )
    else:
        table = pd.DataFrame({"text": pd.Series(list(source), dtype=object)})
    if from_files:
        corpus = _table_to_corpus(table, "text", "doc_id")
        corpus.attrs["id_col"] = None  # the ids are file names, not a column of the input
    else:
        if table.empty and not len(table.columns):  # e.g. a JSON Lines file whose every line was skipped
            table = pd.DataFrame({text_col: pd.Series([], dtype=object)})
        corpus = _table_to_corpus(table, text_col, id_col)
    skipped.report()
    corpus.attrs["skipped"] = skipped.records
    return corpus


def file_sha256(path: Path) -> str:
    """SHA-256 (hex) of a file's bytes, read in blocks: the provenance checksum of inputs and tables.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = Path(folder) / "a.txt"
    ...     _ = path.write_bytes(b"Kim spoke.")
    ...     file_sha256(path) == hashlib.sha256(b"Kim spoke.").hexdigest()
    True
    """
    with Path(path).open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()
