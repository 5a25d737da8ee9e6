"""schema: the one declaration of the tables' columns, what analyze gives, and the docs built from it."""

import math
import re
from pathlib import Path

import pandas as pd
import pytest

import analysis
from analysis import pipeline, schema


def test_rows_that_lack_a_key_get_missing_values_and_the_contract_dtypes():
    rows = [
        {"doc_id": "a", "unit": "line", "start": 3, "end": 9, "note": "first"},
        {"doc_id": "a", "unit": "sentence", "start": 12, "end": 20, "similarity": 0.9},
    ]
    table = schema.as_table("repeats", rows)
    assert table.columns.tolist() == [*schema.TABLES["repeats"], "note"]
    assert table.dtypes.astype(str).tolist()[:8] == list(schema.TABLES["repeats"].values())
    assert math.isnan(table.similarity[0]) and table.similarity[1] == 0.9  # the first row has none
    assert table.first_start.isna().all()
    assert table.note.tolist()[0] == "first" and pd.isna(table.note.tolist()[1])


ROOT = Path(__file__).resolve().parents[1]

# Texts of our own with what every table needs: a repeated paragraph, quotations, cues of
# several stances, hedges and boosters in both voices, an unattributed quote, a failure.
TEXTS = [
    'The minister said on Monday that the plan "may well fail". Critics claimed, without evidence, '
    "that it was about 40% too costly.\n\nOfficials reportedly expect it to pass, according to the BBC.\n\n"
    'The minister said on Monday that the plan "may well fail". Critics claimed, without evidence, '
    "that it was about 40% too costly.",
    '"We will certainly win," Mr. Kim told reporters. "We have the votes." He admitted the count was close.',
    '"Prices will rise," said John Smith of Acme Bank. A spokeswoman for the council said the road would close.',
    "",
    None,
]


def _inferred_without_missing(dtype: str) -> str | None:
    """The dtype pandas infers for values of a column of ``dtype`` when none is missing."""
    return {"Int64": "int64", "boolean": "bool", "string": str(pd.Series(["a"]).dtype)}.get(dtype, dtype)


def test_the_measures_give_exactly_the_declared_columns_with_values_of_their_dtype(sample_text):
    # The rows as the measures and the pipeline give them, before any typing: each column the
    # schema declares, and no other, with values pandas would type as declared.
    results = [pipeline._analyse_document(str(i), text, True) for i, text in enumerate([sample_text, *TEXTS])]
    assert results[4].document["error"] and results[5].document["error"]  # the empty and the missing text
    tables = pipeline._columns(results)
    for name, columns in tables.items():
        assert set(columns) == set(schema.TABLES[name]), name  # all of them: no stale declaration either
        for column, values in columns.items():
            dtype = schema.TABLES[name][column]
            present = [v for v in values if not (v is None or (isinstance(v, float) and math.isnan(v)))]
            assert present or column == "error", f"{name}.{column}: no value on these texts"
            if dtype != "object":
                assert str(pd.Series(present).dtype) == _inferred_without_missing(dtype), f"{name}.{column}"
            if dtype in schema.NO_MISSING:
                assert len(present) == len(values), f"{name}.{column} is missing in some row"


def test_analyze_gives_the_declared_columns_and_dtypes_on_real_text(sample_path):
    res = analysis.analyze([sample_path.read_text(encoding="utf-8"), *TEXTS])
    for name, table in res.tables().items():
        assert dict(table.dtypes.astype(str)) == schema.TABLES[name], name
    assert len(res.repeats) and len(res.quotes) and res.quotes.evidence_challenged.any()


def test_empty_tables_have_every_declared_column_and_dtype():
    for texts in ([], [None], ["   "]):
        res = analysis.analyze(texts)
        for name, table in res.tables().items():
            assert dict(table.dtypes.astype(str)) == schema.TABLES[name], (texts, name)
    assert dict(schema.empty_table("quotes").dtypes.astype(str)) == schema.TABLES["quotes"]


def test_conform_orders_types_and_completes_a_table_and_keeps_other_columns():
    table = pd.DataFrame({"note": ["x"], "end": [9], "start": [3], "unit": ["line"], "doc_id": ["a"]}, index=[7])
    conformed = schema.conform("repeats", table)
    assert conformed.columns.tolist() == [*schema.TABLES["repeats"], "note"]
    assert dict(conformed.dtypes.astype(str))["start"] == "Int64" and conformed.similarity.isna().all()
    assert conformed.index.tolist() == [7] and conformed.loc[7, "end"] == 9
    assert schema.conform("repeats", conformed) is conformed  # a conforming table is not copied
    quotes = analysis.analyze([TEXTS[1]]).quotes
    streamed_back = quotes.astype({"speech_verb": bool})  # as Parquet gives back a flag column without None
    assert schema.conform("quotes", streamed_back).speech_verb.tolist() == quotes.speech_verb.tolist() == [True] * 3
    assert schema.conform("quotes", streamed_back).speech_verb.dtype == object


def test_a_missing_value_in_a_column_that_cannot_hold_one_is_refused():
    with pytest.raises(ValueError, match=r"sources\.n_\w+: a column of dtype int64 needs a value in every row"):
        schema.as_table("sources", [{"doc_id": "a", "source": "Kim", "n_direct": 1}, {"doc_id": "a", "source": "Lee"}])
    with pytest.raises(ValueError, match=r"quotes\.evidence_challenged"):
        schema.as_table("quotes", [{"doc_id": "a", "kind": "direct"}])  # bool would make it False


def test_docs_tables_page_is_generated_from_the_schema():
    page = (ROOT / "docs" / "tables.md").read_text(encoding="utf-8")
    assert page == schema.markdown(), "regenerate docs/tables.md (the command is on the page)"
    for name, columns in schema.COLUMNS.items():
        section = page.split(f"## {name}\n")[1].split("\n## ")[0]
        assert [row.split("`")[1] for row in section.splitlines() if row.startswith("| `")] == [c.name for c in columns]


def _column_tables(page: str) -> list[tuple[str, list[list[str]]]]:
    """The markdown tables of ``page`` whose header names a column: (header's first cell, rows of cells)."""
    tables, rows, header = [], None, None
    for line in [*page.splitlines(), ""]:
        cells = [c.strip() for c in line.strip().strip("|").split(" | ")] if line.startswith("|") else None
        if cells is None:
            if rows is not None and "column" in " ".join(header):
                tables.append((header, rows))
            rows = header = None
        elif header is None:
            header, rows = cells, []
        elif not set(line) <= set("|- "):
            rows.append(cells)
    return tables


def test_every_column_the_methods_pages_tabulate_is_declared():
    """The methods pages' column tables (``| column | meaning |``, ``| where | column | ... |``)
    name only declared columns, of the table they say when they say it."""
    declared = {column for columns in schema.TABLES.values() for column in columns}
    checked = 0
    for path in sorted((ROOT / "docs").glob("*.md")):
        if path.name == "tables.md":
            continue
        for header, rows in _column_tables(path.read_text(encoding="utf-8")):
            at = next(i for i, cell in enumerate(header) if "column" in cell)
            for cells in rows:
                names = re.findall(r"`([a-z_]+)`", cells[at])
                table = cells[0].strip("`") if header[0] == "where" else None
                for name in names:
                    assert name in (schema.TABLES[table] if table else declared), f"{path.name}: {name}"
                checked += len(names)
    assert checked >= 40  # the hedging, sentiment and sources pages' tables were read


def test_columns_typed_already_are_kept_as_they_are_whatever_their_backing():
    # A worker process types its chunk's columns; the main process must join them, not rebuild
    # them value by value (NumPy-backed pandas arrays, float64 and int64 here, have a wrapped dtype).
    for name, columns in (
        ("sentences", {"sentence": [0, 1], "compound": [0.5, -0.25], "is_duplicate": [True, False]}),
        ("documents", {"n_words": [3, 0], "n_words_counted": [3, 0], "n_sentences_counted": [1, 0]}),
    ):
        typed = schema.typed_columns(name, columns)
        again = schema.typed_columns(name, typed)
        assert all(again[column] is typed[column] for column in typed)
