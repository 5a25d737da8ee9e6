"""``load_corpus`` on dirty input: each case is a clear error or a documented recovery.

The recoveries are listed in ``docs/reliability.md``; nothing is ever dropped silently.
"""

from __future__ import annotations

import json
import warnings

import pandas as pd
import pytest

from analysis import analyze, load_corpus


def _write(tmp_path, name: str, data: bytes | str):
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def _no_warnings(func, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return func(*args, **kwargs)


# ----------------------------------------------------------------------------- CSV


def test_ragged_csv_row_is_an_error_naming_the_line_and_both_field_counts(tmp_path):
    path = _write(tmp_path, "c.csv", "id,text\n1,Fine.\n2,Too,many\n3,Fine again.\n")
    with pytest.raises(ValueError, match=r"c\.csv, line 3: expected 2 fields .* found 3"):
        load_corpus(path)


def test_short_csv_row_is_an_error_not_a_silent_empty_cell(tmp_path):
    path = _write(tmp_path, "c.csv", "id,title,text\n1,T,Body.\n2,Only two\n")
    with pytest.raises(ValueError, match=r"line 3: expected 3 fields .* found 2"):
        load_corpus(path)


def test_ragged_rows_skipped_on_request_are_reported_with_their_lines(tmp_path):
    path = _write(tmp_path, "c.csv", "id,text\n1,Fine.\n2,Too,many\n\n3,Fine again.\n4\n")
    with pytest.warns(UserWarning, match=r"skipped 2 malformed record\(s\) at line\(s\) 3, 6"):
        corpus = load_corpus(path, id_col="id", on_error="skip")
    assert corpus.doc_id.tolist() == ["1", "3"]
    assert [(r["line"], r["reason"]) for r in corpus.attrs["skipped"]] == [
        (3, "expected 2 fields (the header's ','-separated columns), found 3"),
        (6, "expected 2 fields (the header's ','-separated columns), found 1"),
    ]


def test_quoted_newlines_and_line_endings_inside_cells_are_kept_exactly(tmp_path):
    body = 'First line.\r\nSecond line.\rThird.\n\nNew paragraph with "quotes".'
    csv_text = 'id,text\r\n1,"' + body.replace('"', '""') + '"\r\n2,Plain.\r\n'
    corpus = _no_warnings(load_corpus, _write(tmp_path, "c.csv", csv_text))
    assert corpus.text.tolist() == [body, "Plain."]


def test_a_ragged_row_after_a_multiline_cell_is_reported_at_its_own_first_line(tmp_path):
    path = _write(tmp_path, "c.csv", 'id,text\n1,"a\nb\nc"\n2,x,y\n')
    with pytest.raises(ValueError, match="line 5:"):
        load_corpus(path)


def test_unclosed_quote_is_an_error_not_a_cell_that_swallows_the_rest_of_the_file(tmp_path):
    path = _write(tmp_path, "c.csv", 'id,text\n1,"He said\n2,More text.\n3,And more.\n')
    with pytest.raises(ValueError, match=r"c\.csv, line \d+: malformed CSV"):
        load_corpus(path)


def test_excel_export_with_bom_and_semicolons_is_read(tmp_path):
    data = "\ufeffid;title;text\r\n1;Budget;The plan, they said, is good.\r\n2;Vote;\"Yes; no\"\r\n".encode()
    corpus = _no_warnings(load_corpus, _write(tmp_path, "excel.csv", data), id_col="id")
    assert corpus.columns.tolist() == ["doc_id", "text", "id", "title"]
    assert corpus.text.tolist() == ["The plan, they said, is good.", "Yes; no"]


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_each_supported_delimiter_is_detected_from_the_header(tmp_path, delimiter):
    other = ";" if delimiter == "," else ","
    rows = [["id", "text"], ["a", f"One{other} two."], ["b", f"Three{other} four."]]
    path = _write(tmp_path, "c.csv", "\n".join(delimiter.join(r) for r in rows) + "\n")
    assert load_corpus(path).text.tolist() == [f"One{other} two.", f"Three{other} four."]


def test_single_column_csv_with_semicolons_in_text_keeps_them(tmp_path):
    path = _write(tmp_path, "c.csv", "text\nOne; two.\nThree; four.\n")
    assert load_corpus(path).text.tolist() == ["One; two.", "Three; four."]


def test_cp1252_export_decodes_with_a_warning_naming_the_file(tmp_path):
    path = _write(tmp_path, "win.csv", "id;text\n1;Caf\u00e9 \u201cnews\u201d \u2013 fine.\n".encode("cp1252"))
    with pytest.warns(UnicodeWarning, match=r"win\.csv: not valid UTF-8"):
        corpus = load_corpus(path)
    assert corpus.text.tolist() == ["Caf\u00e9 \u201cnews\u201d \u2013 fine."]


def test_utf16_with_bom_is_decoded(tmp_path):
    path = _write(tmp_path, "u16.csv", "id,text\n1,Gr\u00fc\u00dfe aus Berlin.\n".encode("utf-16"))
    assert _no_warnings(load_corpus, path).text.tolist() == ["Gr\u00fc\u00dfe aus Berlin."]


def test_nul_bytes_are_kept_with_a_warning_and_read_as_spaces(tmp_path):
    path = _write(tmp_path, "nul.txt", b"Kim spoke.\x00He left.")
    with pytest.warns(UnicodeWarning, match=r"nul\.txt: 1 NUL character"):
        corpus = load_corpus(path)
    assert corpus.text.tolist() == ["Kim spoke.\x00He left."]
    res = analyze(corpus)
    assert res.sentences.text.tolist() == ["Kim spoke.", "He left."]


def test_utf16_without_bom_gets_a_hint(tmp_path):
    path = _write(tmp_path, "u16.txt", "Plain words here.".encode("utf-16-le"))
    with pytest.warns(UnicodeWarning, match="UTF-16 without a byte-order mark"):
        load_corpus(path)


def test_empty_csv_file_is_an_error(tmp_path):
    with pytest.raises(ValueError, match="expected a header line with column names, found an empty file"):
        load_corpus(_write(tmp_path, "empty.csv", ""))


def test_repeated_header_names_are_an_error(tmp_path):
    with pytest.raises(ValueError, match=r"expected unique column names in the header, found repeated \['text'\]"):
        load_corpus(_write(tmp_path, "c.csv", "text,text\na,b\n"))


def test_empty_header_cells_get_positional_names(tmp_path):
    corpus = load_corpus(_write(tmp_path, "c.csv", "id,text,\n1,Body.,\n"))
    assert corpus.columns.tolist() == ["doc_id", "text", "id", "unnamed_2"]


def test_numeric_and_nan_looking_cells_stay_strings(tmp_path):
    corpus = load_corpus(_write(tmp_path, "c.csv", "id,text\n007,NaN\n008,42\n009,\n"), id_col="id")
    assert corpus.doc_id.tolist() == ["007", "008", "009"]
    assert corpus.text.tolist() == ["NaN", "42", ""]
    res = analyze(corpus)
    assert res.documents.n_words.tolist() == [1, 1, 0]
    assert res.documents.error.notna().tolist() == [False, False, True]


def test_a_cell_larger_than_the_csv_modules_default_limit_is_read(tmp_path):
    big = "Word. " * 40_000  # 240 KB: over csv's 128 KB default field limit
    corpus = load_corpus(_write(tmp_path, "c.csv", f'id,text\n1,"{big}"\n'))
    assert corpus.text.iloc[0] == big


def test_very_wide_metadata_is_kept_column_for_column(tmp_path):
    names = [f"m{i}" for i in range(3000)]
    lines = [",".join(["id", "text", *names]), ",".join(["a", "Body text.", *map(str, range(3000))])]
    corpus = load_corpus(_write(tmp_path, "wide.csv", "\n".join(lines)), id_col="id")
    assert corpus.columns.tolist() == ["doc_id", "text", "id", *names]
    res = analyze(corpus)
    assert res.documents.columns.tolist()[-3000:] == names and res.documents.m2999.tolist() == ["2999"]


# ----------------------------------------------------------------------------- ids


def test_duplicate_ids_are_an_error_naming_the_ids_and_rows():
    table = pd.DataFrame({"id": ["a", "b", "a", "b", "c"], "text": ["x"] * 5})
    with pytest.raises(ValueError, match=r"repeated: \['a', 'b'\] \('a' in rows \[0, 2\]; 'b' in rows \[1, 3\]\)"):
        load_corpus(table, id_col="id")


def test_ids_that_repeat_only_as_text_are_still_repeats():
    with pytest.raises(ValueError, match="'1' in rows"):
        load_corpus(pd.DataFrame({"id": [1, "1"], "text": ["x", "y"]}), id_col="id")


@pytest.mark.parametrize("missing", [None, float("nan"), pd.NA, "", "  "])
def test_missing_ids_are_an_error_naming_the_rows(missing):
    table = pd.DataFrame({"id": pd.Series(["a", missing, "c"], dtype=object), "text": ["x", "y", "z"]})
    with pytest.raises(ValueError, match=r"expected an id in every row, found none in rows \[1\]"):
        load_corpus(table, id_col="id")


def test_a_doc_id_column_beside_another_id_col_is_an_error_not_dropped():
    table = pd.DataFrame({"doc_id": ["x", "y"], "key": ["a", "b"], "text": ["t", "u"]})
    with pytest.raises(ValueError, match="id_col='key', but the table also has a column named 'doc_id'"):
        load_corpus(table, id_col="key")


def test_repeated_dataframe_column_names_are_an_error():
    table = pd.DataFrame([["a", "b"]], columns=["text", "text"])
    with pytest.raises(ValueError, match=r"found repeated \['text'\]"):
        load_corpus(table)


# ----------------------------------------------------------------------------- JSON


def test_broken_jsonl_line_is_an_error_naming_the_line(tmp_path):
    lines = [json.dumps({"text": "One."}), '{"text": "Two.', json.dumps({"text": "Three."})]
    with pytest.raises(ValueError, match=r"b\.jsonl, line 2: expected one JSON object, found invalid JSON"):
        load_corpus(_write(tmp_path, "b.jsonl", "\n".join(lines)))


def test_broken_jsonl_lines_can_be_skipped_and_are_reported(tmp_path):
    good = [json.dumps({"id": "a", "text": "One."}), json.dumps({"id": "c", "text": "3"})]
    lines = [good[0], '{"id": "b", "te', "", "[1, 2]", good[1]]
    with pytest.warns(UserWarning, match=r"skipped 2 malformed record\(s\) at line\(s\) 2, 4"):
        corpus = load_corpus(_write(tmp_path, "b.jsonl", "\n".join(lines)), id_col="id", on_error="skip")
    assert corpus.doc_id.tolist() == ["a", "c"]
    assert [r["line"] for r in corpus.attrs["skipped"]] == [2, 4]
    assert "found a JSON list" in corpus.attrs["skipped"][1]["reason"]


def test_jsonl_keeps_line_separators_inside_strings(tmp_path):
    text = "First\u2028second\rthird\r\nfourth"
    data = "\r\n".join([json.dumps({"text": text}, ensure_ascii=False), json.dumps({"text": "Two."})])
    corpus = _no_warnings(load_corpus, _write(tmp_path, "s.jsonl", data))
    assert corpus.text.tolist() == [text, "Two."]


def test_jsonl_records_without_text_are_kept_and_reported_by_analyze(tmp_path):
    data = "\n".join([json.dumps({"text": "Fine."}), json.dumps({"title": "no text"}), json.dumps({"text": 12})])
    res = analyze(load_corpus(_write(tmp_path, "m.jsonl", data)))
    assert res.documents.error.isna().tolist() == [True, False, False]
    assert "found int" in res.documents.error.iloc[2]


def test_json_lines_saved_as_json_gets_a_hint(tmp_path):
    data = json.dumps({"text": "a"}) + "\n" + json.dumps({"text": "b"})
    with pytest.raises(ValueError, match=r"x\.json, line 2: .*name the file \.jsonl"):
        load_corpus(_write(tmp_path, "x.json", data))


def test_a_corrupt_parquet_file_is_an_error_naming_it(tmp_path):
    with pytest.raises(ValueError, match=r"bad\.parquet: expected a Parquet file"):
        load_corpus(_write(tmp_path, "bad.parquet", b"not parquet at all"))


def test_on_error_must_be_raise_or_skip():
    with pytest.raises(ValueError, match="on_error must be one of"):
        load_corpus(["x"], on_error="ignore")


# ----------------------------------------------------------------------------- text files and odd sources


def test_mixed_line_endings_in_a_text_file_are_kept_and_offsets_stay_true(tmp_path):
    raw = b"Headline\r\n\r\nFirst para. It goes on.\rStill first.\n\nSecond para.\r\n"
    corpus = load_corpus(_write(tmp_path, "mixed.txt", raw))
    text = corpus.text.iloc[0]
    assert text == raw.decode()
    res = analyze(corpus)
    for start, end, sentence in res.sentences[["start", "end", "text"]].itertuples(index=False):
        assert text[start:end] == sentence
    assert res.sentences.text.iloc[0] == "Headline"


def test_bom_is_not_part_of_a_text_file(tmp_path):
    corpus = _no_warnings(load_corpus, _write(tmp_path, "b.txt", b"\xef\xbb\xbfHello."))
    assert corpus.text.tolist() == ["Hello."]


@pytest.mark.parametrize("source", [b"bytes are not text", {"text": ["a"]}, 42])
def test_unsupported_sources_are_a_type_error_saying_what_was_found(source):
    with pytest.raises(TypeError, match=f"found {type(source).__name__}"):
        load_corpus(source)


def test_an_empty_list_is_an_empty_corpus_and_an_empty_analysis():
    res = analyze([])
    assert len(res.documents) == 0 and res.documents.columns[0] == "doc_id"
