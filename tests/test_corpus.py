"""load_corpus: every supported source, ids, text kept exactly as given, clear errors."""

import hashlib
import json
import warnings
from pathlib import Path

import pandas as pd
import pytest

from analysis import load_corpus


def test_sample_article_is_the_seed_byte_for_byte(sample_path):
    digest = hashlib.sha256(sample_path.read_bytes()).hexdigest()
    assert digest == "eee95dc1fdae944e4bd2e85a605f6d7ecfef2058c761404e78f97354f2ee7b71"


def test_single_text_file(sample_path, sample_text):
    docs = load_corpus(sample_path)
    assert docs.doc_id.tolist() == ["kcna_dprk_troops_russia"]
    assert docs.text[0] == sample_text
    assert list(docs.columns[:2]) == ["doc_id", "text"]


def test_str_path_and_str_text(sample_path, tmp_path):
    assert load_corpus(str(sample_path)).doc_id.tolist() == ["kcna_dprk_troops_russia"]
    assert load_corpus("One article about the U.S. economy").text.tolist() == ["One article about the U.S. economy"]
    with pytest.raises(FileNotFoundError, match="missing.csv"):
        load_corpus(str(tmp_path / "missing.csv"))
    with pytest.raises(FileNotFoundError, match="gone.txt"):
        load_corpus(tmp_path / "gone.txt")


def test_text_is_kept_exactly_as_given(tmp_path):
    raw = "  Leading space,\r\nCRLF, curly \u201cquotes\u201d and a trailing newline\n"
    (tmp_path / "a.txt").write_bytes(raw.encode("utf-8"))
    assert load_corpus(tmp_path / "a.txt").text[0] == raw


def test_utf8_bom_is_an_encoding_mark_not_text(tmp_path):
    (tmp_path / "bom.txt").write_bytes("\ufeffHello.".encode())
    assert load_corpus(tmp_path / "bom.txt").text[0] == "Hello."


def test_cp1252_bytes_decode_with_a_warning_naming_the_file(tmp_path):
    path = tmp_path / "legacy.txt"
    path.write_bytes("It isn\u2019t \u00a3600m.".encode("cp1252"))
    with pytest.warns(UnicodeWarning, match="legacy.txt"):
        docs = load_corpus(path)
    assert docs.text[0] == "It isn\u2019t \u00a3600m."


def test_folder_recursive_sorted_with_relative_ids(tmp_path):
    (tmp_path / "b.txt").write_text("Bee.")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.md").write_text("Sub a.")
    (tmp_path / "a.txt").write_text("Ay.")
    (tmp_path / "ignored.csv").write_text("text\nnot a document of the folder\n")
    docs = load_corpus(tmp_path)
    assert docs.doc_id.tolist() == ["a.txt", "b.txt", "sub/a.md"]
    assert docs.text.tolist() == ["Ay.", "Bee.", "Sub a."]


def test_empty_folder_is_a_clear_error(tmp_path):
    with pytest.raises(ValueError, match="found none"):
        load_corpus(tmp_path)


def test_csv_with_metadata_ids_and_text_col(tmp_path):
    path = tmp_path / "c.csv"
    pd.DataFrame({"id": ["007", "008"], "outlet": ["BBC", "NA"], "body": ["One.", "Two."]}).to_csv(path, index=False)
    docs = load_corpus(path, text_col="body", id_col="id")
    assert docs.doc_id.tolist() == ["007", "008"]
    assert docs.text.tolist() == ["One.", "Two."]
    assert docs.outlet.tolist() == ["BBC", "NA"]  # "NA" is a value, not a missing cell
    assert docs.id.tolist() == ["007", "008"]  # the id column itself is kept as metadata


def test_missing_text_column_names_it_and_lists_the_columns(tmp_path):
    path = tmp_path / "c.csv"
    pd.DataFrame({"title": ["x"], "body": ["y"]}).to_csv(path, index=False)
    with pytest.raises(ValueError, match=r"'text'.*\['title', 'body'\]"):
        load_corpus(path)


def test_duplicate_ids_are_listed():
    frame = pd.DataFrame({"doc_id": ["a", "b", "a", "c", "c"], "text": list("vwxyz")})
    with pytest.raises(ValueError, match=r"\['a', 'c'\]"):
        load_corpus(frame)


def test_jsonl_json_parquet(tmp_path):
    rows = [{"text": "One.", "outlet": "X"}, {"text": "Two.", "outlet": "Y"}]
    (tmp_path / "a.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    (tmp_path / "a.json").write_text(json.dumps(rows))
    pd.DataFrame(rows).to_parquet(tmp_path / "a.parquet")
    for name in ("a.jsonl", "a.json", "a.parquet"):
        docs = load_corpus(tmp_path / name)
        assert docs.doc_id.tolist() == ["0", "1"], name
        assert docs.text.tolist() == ["One.", "Two."], name
        assert docs.outlet.tolist() == ["X", "Y"], name


def test_broken_jsonl_line_is_named(tmp_path):
    (tmp_path / "b.jsonl").write_text('{"text": "ok"}\n{"text": broken}\n')
    with pytest.raises(ValueError, match="line 2"):
        load_corpus(tmp_path / "b.jsonl")


def test_dataframe_list_and_non_string_cells_are_kept():
    frame = pd.DataFrame({"text": ["A.", None, 3]})
    docs = load_corpus(frame)
    assert docs.text.tolist()[0] == "A." and docs.text[1] is None and docs.text[2] == 3
    assert frame.columns.tolist() == ["text"]  # the input is not mutated
    assert load_corpus(["x", "y"]).doc_id.tolist() == ["0", "1"]


def test_unsupported_extension(tmp_path):
    path = tmp_path / "a.docx"
    path.write_bytes(b"PK")
    with pytest.raises(ValueError, match=".docx"):
        load_corpus(path)


def test_no_warning_for_plain_utf8(tmp_path: Path):
    (tmp_path / "u.txt").write_text("Caf\u00e9 \u2014 na\u00efve.", encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert load_corpus(tmp_path / "u.txt").text[0] == "Caf\u00e9 \u2014 na\u00efve."
