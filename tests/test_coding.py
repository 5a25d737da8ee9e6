"""Coding sheets and agreement: draw, code with known answers, read back; figures against hand-computed values."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import analysis
from analysis import cli
from analysis.coding import KEY, VISIBLE, agreement, coding_sheet, key_path

ROOT = Path(__file__).resolve().parents[1]
CODED = ROOT / "data" / "coded"

# Four sentences with a hedge the lexicon knows (may, perhaps, might, reportedly) and twelve plain ones.
DOCS = [
    "Kim may resign. The bridge opened on Monday. Lee perhaps knows. The school closed in June. "
    "The team won the cup. The rain stopped at noon.",
    "The vote might fail. The shop sells bread. Officials reportedly met. The train left at six. "
    "The river rose overnight. The mayor signed the budget. The museum reopened. The price of milk rose. "
    "The park was quiet. The ferry docked late.",
]


@pytest.fixture(scope="module")
def res():
    return analysis.analyze(DOCS)


@pytest.fixture(scope="module")
def sample(sample_path):
    return analysis.analyze(analysis.load_corpus(sample_path))


def _known_answers(sheet: pd.DataFrame) -> list[str]:
    """The coder's answers: every tool-positive unit is a hedge except the first on the sheet (a false
    positive), and the first tool-negative unit is one (a miss)."""
    codes = sheet["tool_label"].astype(str).tolist()
    first_positive = sheet.index[sheet["tool_label"] == 1][0]
    first_negative = sheet.index[sheet["tool_label"] == 0][0]
    codes[first_positive], codes[first_negative] = "0", "1"
    return codes


def _coded(res, **kwargs) -> pd.DataFrame:
    sheet = coding_sheet(res, "hedges", n=8, seed=0, **kwargs)
    return sheet.assign(code=_known_answers(sheet))


def _figure(result, statistic, coder=""):
    figures = result.figures.set_index(["coder", "statistic"])
    return figures.loc[(coder, statistic)]


def test_sheet_draws_negatives_and_weights_them_by_their_sampling(res):
    sheet = coding_sheet(res, "hedges", n=8, seed=0)
    assert sheet.groupby("tool_label").size().to_dict() == {0: 4, 1: 4}
    assert sheet.groupby("tool_label")["weight"].first().to_dict() == {0: 3.0, 1: 1.0}  # 12 / 4 and 4 / 4
    assert sheet.groupby("tool_label")["population"].first().to_dict() == {0: 12, 1: 4}
    assert sheet["row"].tolist() == list(range(1, 9))
    texts = dict(enumerate(DOCS))
    for unit_id, context, start, end in zip(sheet["unit_id"], sheet["context"], sheet["start"], sheet["end"]):
        doc = int(unit_id.split(":")[0])
        assert f"[[{texts[doc][start:end]}]]" in context
        assert unit_id == f"{doc}:{start}-{end}"
    cues = {"may", "perhaps", "might", "reportedly"}
    hedged = {text for text in res.sentences["text"] if cues & set(text.rstrip(".").split())}
    marked = sheet["context"].str.extract(r"\[\[(.*)\]\]", expand=False)
    assert set(marked[sheet["tool_label"] == 1]) == hedged


def test_sheet_is_seeded_and_shuffled(res):
    first = coding_sheet(res, "hedges", n=8, seed=0)
    again = coding_sheet(res, "hedges", n=8, seed=0)
    other = coding_sheet(res, "hedges", n=8, seed=1)
    pd.testing.assert_frame_equal(first, again)
    assert first["unit_id"].tolist() != other["unit_id"].tolist()
    assert first["sheet"].iloc[0] != other["sheet"].iloc[0]
    # The strata are interleaved, not in blocks the coder could read the label from.
    assert first["tool_label"].tolist() not in (sorted(first["tool_label"]), sorted(first["tool_label"])[::-1])


def test_sheet_without_negatives_and_small_corpus(res):
    positives = coding_sheet(res, "hedges", n=100, include_negatives=False)
    assert len(positives) == 4 and set(positives["tool_label"]) == {1}
    everything = coding_sheet(res, "hedges", n=100)
    assert len(everything) == 16 and set(everything["weight"]) == {1.0}


def test_written_sheet_hides_the_labels_in_a_key_file(res, tmp_path):
    path = tmp_path / "hedges.csv"
    coding_sheet(res, "hedges", n=8, path=path)
    visible = pd.read_csv(path, dtype=str, keep_default_na=False)
    assert visible.columns.tolist() == VISIBLE + ["code", "note"]
    assert pd.read_csv(key_path(path)).columns.tolist() == KEY
    with pytest.raises(ValueError, match="existing"):
        coding_sheet(res, "hedges", n=8, path=path)
    shown = tmp_path / "shown.csv"
    coding_sheet(res, "hedges", n=8, path=shown, hide_labels=False)
    assert "tool_label" in pd.read_csv(shown).columns and not key_path(shown).exists()


def test_round_trip_figures_match_hand_computed_values(res, tmp_path):
    path = tmp_path / "hedges.csv"
    sheet = coding_sheet(res, "hedges", n=8, seed=0, path=path)
    visible = pd.read_csv(path, dtype=str, keep_default_na=False)
    visible["code"] = _known_answers(sheet)
    visible.to_csv(path, index=False)
    result = agreement(path)
    # Weighted counts: TP 3, FP 1 (positives weigh 1); FN 1 x 3, TN 3 x 3 (negatives weigh 12 / 4).
    expected = {"precision": 3 / 4, "recall": 3 / 6, "f1": 2 * 0.75 * 0.5 / 1.25, "accuracy": 12 / 16,
                # On the sheet: 3 + 3 agreements of 8; chance 4/8 * 4/8 twice.
                "kappa": (0.75 - 0.5) / 0.5,
                # Coincidences: o00 = o11 = 6, o01 = o10 = 2, n = 16; De = 2 * 8 * 8 / (16 * 15).
                "alpha": 1 - (4 / 16) / (128 / 240)}
    for statistic, value in expected.items():
        figure = _figure(result, statistic)
        assert figure["estimate"] == pytest.approx(value), statistic
        assert figure["n"] == 8
    for statistic in ("precision", "recall", "f1", "accuracy"):
        figure = _figure(result, statistic)
        assert 0 <= figure["low"] <= figure["estimate"] <= figure["high"] <= 1
        assert figure["low"] < figure["high"]  # four units per stratum do vary
    assert agreement(path).figures.equals(result.figures)  # the bootstrap is seeded
    confusion = result.confusion.set_index(["tool", "human"])
    assert confusion["units"].to_dict() == {(0, 0): 3, (0, 1): 1, (1, 0): 1, (1, 1): 3}
    assert confusion["estimated"].to_dict() == {(0, 0): 9.0, (0, 1): 3.0, (1, 0): 1.0, (1, 1): 3.0}
    assert len(result.disagreements) == 2
    assert set(result.disagreements["code"]) == {0, 1}


def test_in_memory_sheet_gives_the_same_figures(res, tmp_path):
    coded = _coded(res)
    path = tmp_path / "shown.csv"
    coded.to_csv(path, index=False)
    pd.testing.assert_frame_equal(agreement(coded).figures, agreement(path).figures)


def test_no_codes_is_an_error(res):
    with pytest.raises(ValueError, match="found none: the column.*empty in all 8 rows"):
        agreement(coding_sheet(res, "hedges", n=8))


def test_partly_coded_sheet_warns_and_reweights_the_coded_rows(res):
    coded = _coded(res)
    plain_negative = coded.index[(coded["tool_label"] == 0) & (coded["code"] == "0")][0]
    coded.loc[plain_negative, "code"] = ""
    with pytest.warns(UserWarning, match=rf"1 of 8 rows are not coded \(row {plain_negative + 1}\).*7 coded"):
        result = agreement(coded)
    # The three coded negatives now stand for all twelve: FN 1 x 4, TN 2 x 4.
    assert _figure(result, "recall")["estimate"] == pytest.approx(3 / 7)
    assert _figure(result, "accuracy")["estimate"] == pytest.approx((3 + 8) / 16)
    assert _figure(result, "precision")["n"] == 7


def test_a_stratum_left_uncoded_is_reported(res):
    coded = _coded(res)
    coded.loc[coded["tool_label"] == 0, "code"] = ""
    with pytest.warns(UserWarning) as caught:
        result = agreement(coded)
    messages = [str(w.message) for w in caught]
    assert messages[0].startswith("code: 4 of 8 rows are not coded") and "no coded row in stratum 0" in messages[1]
    # Precision still rests on its stratum; recall, without the negatives, sees no miss: hence the warning.
    assert _figure(result, "precision")["estimate"] == pytest.approx(0.75)
    assert _figure(result, "recall")["estimate"] == 1.0 and _figure(result, "recall")["n"] == 4


def test_code_outside_the_codebook_names_the_rows(res):
    coded = _coded(res)
    coded.loc[[2, 5], "code"] = ["yes", "2"]
    with pytest.raises(ValueError, match=r"rows 3, 6: code must be one of 0, 1 .*found 2, yes"):
        agreement(coded)
    coded.loc[[2, 5], "code"] = ["1.0", " 0 "]  # what a spreadsheet makes of 1 and 0
    agreement(coded)


def test_edited_context_names_the_rows(res):
    coded = _coded(res)
    coded.loc[3, "context"] = coded.loc[3, "context"].replace("[[", "[[ ")
    with pytest.raises(ValueError, match=r"row 4: the context.*differs from the drawn sheet"):
        agreement(coded)


def test_rows_from_another_draw_are_named(res):
    coded = _coded(res)
    other = coding_sheet(res, "hedges", n=8, seed=5).assign(code="1")
    mixed = pd.concat([coded, other.iloc[[0]].assign(row=9)], ignore_index=True)
    with pytest.raises(ValueError, match=r"row 9: from another sheet"):
        agreement(mixed)
    # Renamed to pass as this draw, the row's check gives it away.
    forged = pd.concat([coded, other.iloc[[0]].assign(row=9, sheet=coded["sheet"].iloc[0])], ignore_index=True)
    with pytest.raises(ValueError, match=r"row 9: the context"):
        agreement(forged)


def test_a_row_given_twice_is_named(res):
    coded = _coded(res)
    with pytest.raises(ValueError, match=r"row 3: given more than once"):
        agreement(pd.concat([coded, coded.iloc[[2]]], ignore_index=True))


def test_rows_missing_from_the_key_are_named(res, tmp_path):
    path = tmp_path / "hedges.csv"
    coding_sheet(res, "hedges", n=8, path=path)
    visible = pd.read_csv(path, dtype=str, keep_default_na=False)
    extra = visible.iloc[[0]].assign(row="12")
    pd.concat([visible, extra]).assign(code="1").to_csv(path, index=False)
    with pytest.raises(ValueError, match=r"row 12: not in the key"):
        agreement(path)
    key_path(path).unlink()
    with pytest.raises(FileNotFoundError, match="key"):
        agreement(path)


def test_two_coders_give_intercoder_agreement(res):
    sheet = coding_sheet(res, "hedges", n=8, seed=0, coders=2)
    assert [c for c in sheet.columns if c.startswith(("code", "note"))] == ["code_1", "note_1", "code_2", "note_2"]
    first = _known_answers(sheet)
    second = list(first)
    flip = sheet.index[(sheet["tool_label"] == 0) & (pd.Series(first) == "0")][0]
    second[flip] = "1"
    result = agreement(sheet.assign(code_1=first, code_2=second))
    # Coder 1 has four 1s, coder 2 five; 7 of 8 units agree.
    assert _figure(result, "kappa_coders", "coders")["estimate"] == pytest.approx((7 / 8 - 0.5) / 0.5)
    assert _figure(result, "alpha_coders", "coders")["estimate"] == pytest.approx(1 - (2 / 16) / (2 * 9 * 7 / 240))
    assert _figure(result, "precision", "1")["estimate"] == pytest.approx(0.75)
    assert _figure(result, "precision", "2")["estimate"] == pytest.approx(0.75)
    assert _figure(result, "recall", "2")["estimate"] == pytest.approx(3 / 9)  # FN 2 x 3


def test_sentiment_sign_agreement_and_correlation(res):
    sheet = coding_sheet(res, "sentiment", n=100)
    assert set(sheet["tool_label"]) == {-1, 0, 1} and set(sheet["weight"]) == {1.0}
    scores = sheet["tool_detail"].astype(float)
    ratings = np.sign(scores).astype(int) * 2
    ratings.iloc[sheet.index[sheet["tool_label"] == 0][0]] = -1  # one neutral sentence read as negative
    result = agreement(sheet.assign(code=ratings.astype(str)))
    assert _figure(result, "sign_agreement")["estimate"] == pytest.approx(15 / 16)
    # Ranks: the tool's scores and the ratings are in the same order except the one tie broken.
    from scipy.stats import spearmanr

    assert _figure(result, "spearman")["estimate"] == pytest.approx(spearmanr(scores, ratings).statistic)
    assert _figure(result, "spearman")["estimate"] > 0.8
    assert list(result.disagreements["code"]) == [-1]
    with pytest.raises(ValueError, match="one of -2, -1, 0, 1, 2"):
        agreement(sheet.assign(code="3"))


def test_two_sentiment_coders_agree_on_ratings_and_signs(res):
    sheet = coding_sheet(res, "sentiment", n=4, seed=0, coders=2)
    first = ["2", "1", "0", "-1"]
    second = ["1", "1", "0", "-2"]  # the same signs, two ratings one step apart
    result = agreement(sheet.assign(code_1=first, code_2=second))
    assert _figure(result, "kappa_coders", "coders")["estimate"] == pytest.approx(1.0)
    # Ordinal alpha, by hand: values 2 (x1), 1 (x3), 0 (x2), -1 (x1), -2 (x1); n = 8. The ordinal distance
    # of c and k is (sum of the n_g from c to k - (n_c + n_k) / 2) squared: d(2, 1) = (1 + 3 - 2) ** 2 = 4,
    # d(-1, -2) = (1 + 1 - 1) ** 2 = 1. Observed: (2 * 4 + 2 * 1) / 8 (each unit pairs its values twice).
    counts = {2: 1, 1: 3, 0: 2, -1: 1, -2: 1}

    def distance(c, k):
        low, high = min(c, k), max(c, k)
        return (sum(counts[g] for g in range(low, high + 1)) - (counts[c] + counts[k]) / 2) ** 2

    observed = (2 * distance(2, 1) + 2 * distance(-1, -2)) / 8
    expected = sum(counts[c] * counts[k] * distance(c, k) for c in counts for k in counts) / (8 * 7)
    assert _figure(result, "alpha_coders", "coders")["estimate"] == pytest.approx(1 - observed / expected)


def test_stratify_by_category_and_by_group(res):
    by_category = coding_sheet(res, "hedges", n=8, stratify="tool_category")
    assert set(by_category["stratum"]) == {"0|none", "1|hedge"}
    grouped = analysis.analyze(pd.DataFrame({"text": DOCS, "outlet": ["A", "B"]}))
    by_group = coding_sheet(grouped, "hedges", n=8, stratify="outlet")
    assert set(by_group["stratum"]) == {"0|A", "0|B", "1|A", "1|B"}
    assert by_group.groupby("stratum").size().to_dict() == {"0|A": 2, "0|B": 2, "1|A": 2, "1|B": 2}
    assert by_group.groupby("stratum")["weight"].first().to_dict() == {"0|A": 2.0, "0|B": 4.0, "1|A": 1.0, "1|B": 1.0}
    with pytest.raises(ValueError, match="'tool_category' or a column of the documents table, found 'desk'"):
        coding_sheet(grouped, "hedges", stratify="desk")


def test_a_corpus_without_attributions_or_repeats_gives_negatives_only():
    res = analysis.analyze(["The bridge opened. The river rose.", ""])
    for measure in ("sources", "repetition"):
        sheet = coding_sheet(res, measure)
        assert set(sheet["tool_label"]) == {0}
        result = agreement(sheet.assign(code="0"))
        figures = result.figures.set_index("statistic")["estimate"]
        assert figures["accuracy"] == 1.0 and np.isnan(figures["precision"]) and np.isnan(figures["recall"])
    with pytest.raises(ValueError, match="expected units of sources to sample, found none"):
        coding_sheet(res, "sources", include_negatives=False)


def test_bad_arguments(res):
    with pytest.raises(ValueError, match="measure among"):
        coding_sheet(res, "framing")
    with pytest.raises(ValueError, match="at least 1"):
        coding_sheet(res, "hedges", n=0)
    with pytest.raises(ValueError, match=r"at least the number of strata \(2.*found n=1"):
        coding_sheet(res, "hedges", n=1)


def test_sources_units_are_attributions_and_plain_sentences(sample):
    sheet = coding_sheet(sample, "sources", n=100)
    attributions = analysis.attribution_table(sample.quotes)
    assert (sheet["tool_label"] == 1).sum() == len(attributions)
    assert set(sheet.loc[sheet["tool_label"] == 1, "tool_detail"]) == set(attributions["source"])
    assert "source" in sheet.columns
    text = sample.corpus["text"].iloc[0]
    for context, start, end in zip(sheet["context"], sheet["start"], sheet["end"]):
        assert f"[[{text[start:end]}]]" in context


def test_repetition_units_are_paragraphs(sample):
    sheet = coding_sheet(sample, "repetition", n=100)
    assert len(sheet) == 26  # one per line of the sample
    text = sample.corpus["text"].iloc[0]
    assert set(text[s:e] for s, e in zip(sheet["start"], sheet["end"])) == set(text.splitlines())
    # The body is given three times, the credit line twice: 17 paragraphs repeat an earlier one.
    assert (sheet["tool_label"] == 1).sum() == 17


def test_shipped_coded_sheets_are_valid_and_current(sample):
    """The project's coding of the sample: every sheet reads back, and its key is what the tool says today."""
    for measure in ("hedges", "sentiment", "sources", "repetition"):
        path = CODED / f"{measure}.csv"
        result = agreement(path)
        assert result.figures["n"].iloc[0] == len(pd.read_csv(path))
        fresh = coding_sheet(sample, measure, n=100)
        key = pd.read_csv(key_path(path), dtype=str, keep_default_na=False)
        assert key["tool_label"].tolist() == fresh["tool_label"].astype(str).tolist(), measure
        assert key["tool_detail"].tolist() == fresh["tool_detail"].astype(str).tolist(), measure
        assert pd.read_csv(path)["check"].tolist() == fresh["check"].tolist(), measure


def test_cli_sheet_and_agree(tmp_path, capsys, sample_path):
    path = tmp_path / "hedges.csv"
    assert cli.main(["sheet", str(sample_path), "--measure", "hedges", "-n", "6", "-o", str(path)]) == 0
    out = capsys.readouterr().out
    assert "6 hedges units (3 where the tool found something, 3 not)" in out and "key:" in out
    assert cli.main(["agree", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("media-analysis: error: expected codes, found none")
    visible = pd.read_csv(path, dtype=str, keep_default_na=False)
    visible["code"] = ["1", "0", "1", "0", "1", ""]
    visible.to_csv(path, index=False)
    disagreements = tmp_path / "disagreements.csv"
    assert cli.main(["agree", str(path), "--disagreements", str(disagreements)]) == 0
    captured = capsys.readouterr()
    assert "precision" in captured.out and "disagreement(s)" in captured.out
    assert captured.err.startswith("media-analysis: warning: code: 1 of 6 rows are not coded (row 6)")
    assert disagreements.exists()
    assert cli.main(["sheet", str(sample_path), "--measure", "hedges", "-o", str(path)]) == 2
    assert "existing" in capsys.readouterr().err
    visible.loc[0, "code"] = "maybe"
    visible.to_csv(path, index=False)
    assert cli.main(["agree", str(path)]) == 2
    assert "row 1: code must be one of 0, 1" in capsys.readouterr().err
    assert cli.main(["agree", str(tmp_path / "none.csv")]) == 2
