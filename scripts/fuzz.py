"""Fuzz ``load_corpus`` and ``analyze`` with hypothesis for a fixed time budget.

Usage::

    PYTHONPATH=. python scripts/fuzz.py --minutes 10

Three targets, taken in turns until the budget is spent:

``files``
    random bytes shaped like CSV, JSON Lines, JSON and text files (BOMs, ``;``
    delimiters, quoted newlines, ragged rows, NUL bytes, invalid UTF-8, CRLF/CR) are
    written to a temporary file and loaded: ``load_corpus`` must return a corpus or raise
    ValueError (never any other exception); a returned corpus is analysed and checked.
``texts``
    random texts built from news pieces and arbitrary unicode are analysed as a corpus.
``tables``
    random DataFrames with missing, numeric and repeated cells and ids.

Every analysed corpus must keep all the invariants of ``tests/test_properties.py``
(``check_analysis``).  The script prints the number of inputs tried per target and exits 1
on the first failure (hypothesis shrinks it and prints the minimal example).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import warnings
from pathlib import Path

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from test_properties import PIECES, cell_strategy, check_analysis, text_strategy  # noqa: E402

from analysis import analyze, load_corpus, report, stream  # noqa: E402

COUNTS = {"files": 0, "texts": 0, "tables": 0}
OUTCOMES = {"loaded": 0, "rejected": 0}

# Metadata a hostile corpus holds: spreadsheet formulas, matplotlib math, prices.
HOSTILE = ["=1+1", "+cmd|' /C calc'!A0", "-5", "@SUM(A1)", "'=x", "$5-$10", "$\\frac$", "$", "\t=tab"]
_cell = st.lists(
    st.sampled_from(PIECES + HOSTILE + [",", ";", '""', "\n", "\r\n"]) | st.text(max_size=3), max_size=12
).map("".join)


def _csv_cell(text: str, quoted: bool, delimiter: str) -> str:
    return '"' + text.replace('"', '""') + '"' if quoted else text.replace(delimiter, " ")


@st.composite
def csv_bytes(draw) -> bytes:
    delimiter = draw(st.sampled_from(",;\t|"))
    header = draw(st.sampled_from([["id", "text"], ["text"], ["doc_id", "title", "text"], ["text", "text"], [],
                                   ["text", "error", "meta_error"], ["text", ""]]))
    lines = [delimiter.join(header)]
    for _ in range(draw(st.integers(0, 6))):
        width = len(header) + draw(st.sampled_from([0, 0, 0, 1, -1]))
        cells = [_csv_cell(draw(_cell), draw(st.booleans()), delimiter) for _ in range(max(width, 0))]
        lines.append(delimiter.join(cells))
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    text = newline.join(lines) + draw(st.sampled_from(["", newline]))
    return _encode(draw, text)


@st.composite
def jsonl_bytes(draw) -> bytes:
    import json

    lines = []
    for i in range(draw(st.integers(0, 6))):
        kind = draw(st.sampled_from(["ok", "ok", "ok", "broken", "array", "blank", "no_text", "surrogate"]))
        record = {"id": draw(st.sampled_from([i, str(i), "dup", None])), "text": draw(cell_strategy)}
        if draw(st.booleans()):  # metadata as JSON gives it: objects, lists, a number here and a string there
            record[draw(st.sampled_from(["meta", "error", "meta_error"]))] = draw(_json_value)
        if kind == "ok":
            lines.append(json.dumps(record, ensure_ascii=draw(st.booleans())))
        elif kind == "broken":
            lines.append(json.dumps(record)[: draw(st.integers(1, 10))])
        elif kind == "array":
            lines.append(json.dumps([record]))
        elif kind == "surrogate":  # a JSON escape that decodes to a lone surrogate
            lines.append(json.dumps({"id": f"s{i}", "text": "Fine."}).replace("Fine.", "\\ud800 Fine."))
        elif kind == "blank":
            lines.append("   ")
        else:
            lines.append(json.dumps({"id": i}))
    return _encode(draw, draw(st.sampled_from(["\n", "\r\n"])).join(lines))


_json_value = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 5) | st.floats(allow_nan=False) | st.sampled_from(HOSTILE)
    | st.text(max_size=4),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner, max_size=3),
    max_leaves=6,
)


def _encode(draw, text: str) -> bytes:
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1"]))
    data = text.encode(encoding, errors="replace")
    if draw(st.integers(0, 4)) == 0:  # damage: a stray byte that is invalid UTF-8, or a NUL
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.sampled_from([b"\xff", b"\x00", b"\xc3", b"\x81"])) + data[at:]
    return data


file_strategy = st.one_of(
    st.tuples(st.just(".csv"), csv_bytes()),
    st.tuples(st.just(".jsonl"), jsonl_bytes()),
    st.tuples(st.sampled_from([".json", ".txt", ".md", ".csv", ".jsonl"]), st.binary(max_size=300)),
    st.tuples(st.just(".txt"), text_strategy.map(lambda t: t.encode("utf-8", errors="surrogatepass"))),
)

BIG = settings(
    max_examples=200, deadline=None, database=None, suppress_health_check=list(HealthCheck), print_blob=True
)


@BIG
@given(file_strategy, st.sampled_from(["raise", "skip"]))
def fuzz_files(item, on_error):
    COUNTS["files"] += 1
    suffix, data = item
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(data)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                corpus = load_corpus(path, on_error=on_error)
            except ValueError:
                OUTCOMES["rejected"] += 1
                if suffix in (".csv", ".jsonl") and on_error == "raise":  # the streamed reader refuses it too
                    try:
                        stream.analyze_corpus(path, Path(folder) / "streamed", chunksize=2)
                    except ValueError:
                        return
                    raise AssertionError("analyze_corpus read a file that load_corpus refuses") from None
                return
        OUTCOMES["loaded"] += 1
        assert corpus.doc_id.is_unique
        res = analyze(corpus)
        check_analysis(res, corpus)
        check_written(res, Path(folder) / "tables")
        if suffix in (".csv", ".jsonl") and on_error == "raise" and len(corpus):
            check_streamed(path, Path(folder) / "streamed", res, draw_chunksize(len(corpus)))


def draw_chunksize(n: int) -> int:
    return 1 + (n * 7919) % max(n, 1)  # varies with the input, reproducibly


def check_written(res, folder: Path) -> None:
    """Every table is written, and reads back with all its rows and the metadata as written."""
    written = report.write_tables(res, folder)
    assert len(written) == 12, written
    tables = report.read_tables(folder)
    for name, table in res.tables().items():
        assert len(tables[name]) == len(table), name
    for parquet in folder.glob("*.parquet"):
        parquet.unlink()
    from_csv = report.read_tables(folder)
    assert from_csv["sentences"]["text"].fillna("").tolist() == res.sentences["text"].fillna("").tolist()


def check_streamed(path: Path, out_dir: Path, res, chunksize: int) -> None:
    """analyze_corpus reads the file as load_corpus does: the same documents and sentences,
    as the streamed tables store them."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        stream.analyze_corpus(path, out_dir, chunksize=chunksize)
    for name in ("documents", "sentences"):  # objects and lists are written as their JSON text
        streamed, wanted = stream.read_table(out_dir, name), stream.as_written(getattr(res, name))
        assert streamed.shape == wanted.shape, name
        pd.testing.assert_frame_equal(streamed.astype(str), wanted.astype(str), check_dtype=False, obj=name)


@BIG
@given(st.lists(text_strategy, max_size=6))
def fuzz_texts(texts):
    COUNTS["texts"] += 1
    corpus = load_corpus(pd.DataFrame({"doc_id": [f"d{i}" for i in range(len(texts))], "text": texts}))
    check_analysis(analyze(corpus), corpus)
    check_analysis(analyze(corpus, dedupe=False), corpus)


@BIG
@given(st.lists(st.tuples(st.one_of(st.integers(0, 3), st.text(max_size=2), st.none()), cell_strategy), max_size=6))
def fuzz_tables(rows):
    COUNTS["tables"] += 1
    table = pd.DataFrame({"id": pd.Series([r[0] for r in rows], dtype=object), "text": [r[1] for r in rows]})
    try:
        corpus = load_corpus(table, id_col="id")
    except ValueError as err:  # missing or repeated ids: the message must name the rows
        assert "rows" in str(err), err
        return
    check_analysis(analyze(corpus), corpus)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10.0)
    args = parser.parse_args()
    deadline = time.monotonic() + args.minutes * 60
    started = time.monotonic()
    rounds = 0
    while time.monotonic() < deadline:
        for target in (fuzz_files, fuzz_texts, fuzz_tables):
            target()
        rounds += 1
        print(f"round {rounds}: {COUNTS} {OUTCOMES} after {time.monotonic() - started:.0f}s", flush=True)
    total = sum(COUNTS.values())
    print(f"done: {total} inputs in {time.monotonic() - started:.0f}s: {COUNTS}; files {OUTCOMES}; no failure")
    return 0


if __name__ == "__main__":
    sys.exit(main())
