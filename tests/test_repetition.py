"""Repetition: repeated units within a document, phrases, lexical repetition, near-duplicate documents."""

from __future__ import annotations

import random
import re

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import analysis
from analysis.repetition import (
    _document_words,
    _lowered,
    duplicate_clusters,
    find_repeats,
    lexical_repetition,
    near_duplicates,
    ngrams,
    paragraph_similarity,
    repeated_phrases,
    repeated_words,
    shared_phrases,
)
from analysis.segment import segment_document

LONG_PARAGRAPH = (
    "The city council voted on Tuesday to close the old library on Elm Street after a long debate "
    "about costs, staff and the future of public reading rooms in the district, while campaigners "
    "outside the hall promised to challenge the decision in court before the building is sold to "
    "a developer later this year, and the mayor said the savings would pay for new school buses."
)
OTHER_PARAGRAPH = (
    "Rain is expected across the north of the country for most of the weekend, forecasters said, "
    "with flood warnings in place for three rivers and drivers told to avoid rural roads at night."
)
LONG_SENTENCE = (
    "The minister told reporters that the new border rules would come into force in March and "
    "that airlines had been warned about the extra checks."
)


def repeats(text: str) -> list[dict]:
    return find_repeats(segment_document(text))


def jaccard_5(a: str, b: str) -> float:
    def shingles(text):
        words = re.findall(r"\w+", text.lower())
        return {tuple(words[i : i + 5]) for i in range(len(words) - 4)}

    sa, sb = shingles(a), shingles(b)
    return len(sa & sb) / len(sa | sb)


# --------------------------------------------------------------------------- the sample article


@pytest.fixture(scope="module")
def sample(sample_text) -> str:
    return sample_text


def test_sample_has_sixteen_repeated_paragraphs_and_one_repeated_credit_line(sample):
    rows = repeats(sample)
    units = [r["unit"] for r in rows]
    assert units.count("paragraph") == 16
    assert [r["text"] for r in rows if r["unit"] == "line"] == ["Mandatory credit : KCNA"]
    assert units.count("sentence") == 0  # sentences of the copies are covered by their paragraphs
    for r in rows:
        assert sample[r["start"] : r["end"]] == r["text"]
        assert sample[r["first_start"] : r["first_end"]] == r["text"]  # exact copies of the first occurrence
        assert r["first_start"] < r["start"] and r["similarity"] == 1.0


def test_sample_duplicate_share_is_about_two_thirds(sample):
    documents = analysis.analyze(sample).documents
    assert documents.loc[0, "duplicate_share"] == pytest.approx(2 / 3, abs=0.01)
    assert len(analysis.analyze(sample).repeats) == 17


def test_dedupe_counts_first_occurrences_only(sample):
    counted = analysis.analyze(sample, dedupe=True)
    everything = analysis.analyze(sample, dedupe=False)
    with_dedupe, without = counted.documents.iloc[0], everything.documents.iloc[0]
    assert without["n_words_counted"] == without["n_words"]
    assert without["n_sentences_counted"] == without["n_sentences"]
    # The sample is its body three times and the credit line twice: deduplicated, one of each.
    credit_words = 3
    body_words = (without["n_words"] - 2 * credit_words) / 3
    assert with_dedupe["n_words_counted"] == body_words + credit_words
    body_sentences = (without["n_sentences"] - 2) / 3
    assert with_dedupe["n_sentences_counted"] == body_sentences + 1
    assert counted.sentences["is_duplicate"].sum() == without["n_sentences"] - with_dedupe["n_sentences_counted"]
    assert not everything.sentences["is_duplicate"].all()
    # Hedges: the body's matches once with dedupe, three times without; kept ones lie in first occurrences.
    assert len(counted.hedges) > 0
    assert len(everything.hedges) == 3 * len(counted.hedges)
    first_copy_end = counted.repeats["start"].min()
    assert (counted.hedges["start"] < first_copy_end).all()


def test_sample_heatmap_has_a_three_by_three_block_pattern(sample):
    matrix = paragraph_similarity(sample)
    assert matrix.shape == (26, 26)
    body = range(1, 9)  # paragraph 0 is the credit line, 1-8 the body; copies at 9-16 and 18-25
    for i in body:
        assert matrix.loc[i, i + 8] == 1.0 and matrix.loc[i, i + 17] == 1.0 and matrix.loc[i + 8, i + 17] == 1.0
    assert matrix.loc[0, 17] == 1.0
    assert matrix.loc[1, 2] < 0.1
    assert (matrix.to_numpy() == matrix.to_numpy().T).all()


# --------------------------------------------------------------------------- within a document


def test_exact_repeat_ignores_case_spacing_and_quote_style():
    text = f"Intro words here for the story.\n\n{LONG_SENTENCE}\n\n{LONG_SENTENCE.upper().replace(' ', '  ')}"
    rows = repeats(text.replace("told", "\u201ctold\u201d", 1))
    assert [(r["unit"], r["similarity"]) for r in rows] == [("paragraph", 1.0)]
    assert rows[0]["first_start"] == text.index(LONG_SENTENCE)


def test_near_duplicate_paragraph_points_at_first_with_its_similarity():
    edited = LONG_PARAGRAPH.replace("Tuesday", "Wednesday")
    text = f"{LONG_PARAGRAPH}\n\n{OTHER_PARAGRAPH}\n\n{edited}"
    rows = repeats(text)
    assert len(rows) == 1
    row = rows[0]
    assert (row["unit"], row["text"], row["first_start"]) == ("paragraph", edited, 0)
    assert row["similarity"] == pytest.approx(jaccard_5(LONG_PARAGRAPH, edited))
    assert 0.8 <= row["similarity"] < 1


def test_paragraphs_below_the_threshold_are_not_near_copies():
    words = LONG_PARAGRAPH.split()
    rewritten = " ".join(w.upper() if i % 4 == 0 else w for i, w in enumerate(words))  # case only: same words
    half = " ".join(words[: len(words) // 2]) + " " + OTHER_PARAGRAPH
    assert jaccard_5(LONG_PARAGRAPH, half) < 0.8
    assert [r["unit"] for r in repeats(f"{LONG_PARAGRAPH}\n\n{half}")] == []
    assert [r["similarity"] for r in repeats(f"{LONG_PARAGRAPH}\n\n{rewritten}")] == [1.0]


def test_near_duplicate_sentence_in_a_new_paragraph():
    edited = LONG_SENTENCE.replace("March", "April")
    text = f"{LONG_SENTENCE} Officials declined to comment.\n\nCritics were angry. {edited}"
    rows = repeats(text)
    assert [(r["unit"], r["text"], r["first_start"]) for r in rows] == [("sentence", edited, 0)]
    assert 0.8 <= rows[0]["similarity"] < 1


def test_sentence_inside_a_repeated_paragraph_is_reported_once():
    paragraph = f"{LONG_SENTENCE} Officials declined to comment on the plan."
    text = f"{paragraph}\n\n{OTHER_PARAGRAPH}\n\n{paragraph}\n\nCritics were angry. {LONG_SENTENCE}"
    rows = repeats(text)
    # The copied paragraph is one row (not three); the sentence reused in a new paragraph is another.
    assert [r["unit"] for r in rows] == ["paragraph", "sentence"]
    assert rows[0]["start"] == text.index(paragraph, 1) and rows[0]["first_start"] == 0
    assert rows[1]["first_start"] == 0 and rows[1]["text"] == LONG_SENTENCE
    assert rows[1]["start"] == text.rindex(LONG_SENTENCE)


def test_repeated_lines_are_exact_only():
    text = f"By John Smith\n\n{LONG_PARAGRAPH}\n\nBy Jane Smith\n\n{OTHER_PARAGRAPH}\n\nBy John Smith"
    rows = repeats(text)
    assert [(r["unit"], r["start"], r["first_start"]) for r in rows] == [("line", text.rindex("By John"), 0)]


def test_short_stock_sentences_are_not_repeats():
    text = "Was it legal? Yes. Was it wise? No.\n\nDid he go? Yes. Did she? No."
    assert repeats(text) == []


def test_copies_of_a_near_copy_point_at_the_original():
    first_edit = LONG_PARAGRAPH.replace("Tuesday", "Monday")
    second_edit = first_edit.replace("costs", "money")
    text = "\n\n".join([LONG_PARAGRAPH, first_edit, second_edit, first_edit])
    assert jaccard_5(LONG_PARAGRAPH, second_edit) < 0.8 <= jaccard_5(first_edit, second_edit)
    rows = [r for r in repeats(text) if r["unit"] == "paragraph"]
    # The second edit is near the first edit only, itself a copy: it is new text, not a copy.
    # The exact copy of the first edit points at the original, with the first edit's similarity.
    assert [(r["start"], r["first_start"]) for r in rows] == [(text.index(first_edit), 0), (text.rindex(first_edit), 0)]
    assert rows[1]["similarity"] == rows[0]["similarity"] < 1


@pytest.mark.parametrize(
    "text",
    ["", "   \n\n  ", "\U0001f600\U0001f600", "word", "KCNA\nKCNA\nKCNA", "\u201c\n\n\u201c", "Été. Été. Été."],
)
def test_bad_input_gives_no_spurious_repeats(text):
    rows = repeats(text)
    for r in rows:
        assert r["unit"] == "line" and text[r["start"] : r["end"]] == r["text"]
    if text == "KCNA\nKCNA\nKCNA":
        assert [(r["start"], r["first_start"]) for r in rows] == [(5, 0), (10, 0)]
    else:
        assert rows == []


VOCABULARY = [f"w{i}" for i in range(8)]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.sampled_from(VOCABULARY), min_size=5, max_size=14), min_size=2, max_size=12))
def test_prefix_filter_misses_no_near_copy(paragraph_words):
    """Against brute force: a paragraph is a copy exactly when it reaches 0.8 with an earlier original."""
    text = "\n\n".join(" ".join(words) + "." for words in paragraph_words)
    seg = segment_document(text)
    reported = {r["start"]: r for r in find_repeats(seg) if r["unit"] == "paragraph"}

    def shingles(words):
        return {tuple(words)} if len(words) < 5 else {tuple(words[i : i + 5]) for i in range(len(words) - 4)}

    originals: list[tuple[int, set]] = []
    for (start, _), words in zip(seg.paragraphs, paragraph_words):
        own = shingles(words)
        best = next((o for o in originals if len(own & o[1]) / len(own | o[1]) >= 0.8), None)
        if best is None:
            assert start not in reported
            originals.append((start, own))
        else:
            assert reported[start]["first_start"] == best[0]


def test_many_distinct_paragraphs_have_no_repeats():
    rng = random.Random(5)
    words = [f"w{i}" for i in range(5000)]
    text = "\n\n".join(" ".join(rng.choices(words, k=12)) + "." for _ in range(2_000))
    assert repeats(text) == []


# --------------------------------------------------------------------------- phrases and words


def test_repeated_phrases_skip_duplicated_blocks_and_stopword_runs():
    text = f"{LONG_PARAGRAPH}\n\n{LONG_PARAGRAPH}"
    assert repeated_phrases(text).empty  # the copy is a repeated paragraph, not repeated phrases
    text = "Prices rose more than they had before. Shops said prices rose more than they had hoped."
    table = repeated_phrases(text)
    # "more than they had" is made only of stopwords
    assert table["phrase"].tolist() == ["prices rose more than", "rose more than they"]
    assert table["count"].tolist() == [2, 2]
    assert text[table.loc[0, "first_start"] : table.loc[0, "first_end"]] == "Prices rose more than"


def test_shared_phrases_count_documents_once():
    docs = [
        "Talks ended without a deal. Officials said talks ended without a deal on pay.",
        "Talks ended without a deal.",
        "Other.",
    ]
    table = shared_phrases(docs)
    row = table.set_index("phrase").loc["talks ended without a"]
    assert (row["n_docs"], row["count"], row["first_doc"]) == (2, 3, "0")
    assert shared_phrases(docs, min_docs=3).empty


def test_mattr_matches_a_hand_computation():
    words = "a b a c a b d e".split()
    window = 3
    expected = np.mean([len(set(words[i : i + window])) / window for i in range(len(words) - window + 1)])
    table = lexical_repetition(" ".join(words) + ".", window=window)
    assert table.loc[0, "mattr"] == pytest.approx(expected)
    assert table.loc[0, "ttr"] == pytest.approx(5 / 8)
    assert lexical_repetition(["Short text.", ""], window=50)[["n_words", "ttr"]].fillna(-1).values.tolist() == [
        [2, 1.0],
        [0, -1],
    ]


def test_repeated_words_are_content_words():
    table = repeated_words("The troops and the troops and the war. The war, they said, said it all.")
    assert table["word"].tolist() == ["troops", "war", "said"]
    assert table["count"].tolist() == [2, 2, 2]


# --------------------------------------------------------------------------- across documents


def corpus_with_planted_pairs(seed: int = 7, n: int = 60) -> list[str]:
    rng = random.Random(seed)
    vocabulary = [f"word{i}" for i in range(3000)]
    docs = [" ".join(rng.choices(vocabulary, k=rng.randint(40, 200))) for _ in range(n)]
    for i in range(0, n, 6):  # light edits: near duplicates at various similarities
        words = docs[i].split()
        for _ in range(rng.randint(0, 3)):
            words[rng.randrange(len(words))] = "changed"
        docs.append(" ".join(words))
    return docs


def test_near_duplicates_equals_exhaustive_exact_jaccard():
    docs = corpus_with_planted_pairs()
    found = near_duplicates(docs)
    expected = {
        (str(i), str(j)): jaccard_5(docs[i], docs[j])
        for i in range(len(docs))
        for j in range(i + 1, len(docs))
        if jaccard_5(docs[i], docs[j]) >= 0.8
    }
    assert len(expected) >= 5
    assert dict(zip(zip(found["doc_a"], found["doc_b"]), found["similarity"])) == pytest.approx(expected)


def test_containment_of_a_story_inside_a_longer_one():
    story = LONG_PARAGRAPH
    longer = story + " " + OTHER_PARAGRAPH[:60]
    pairs = near_duplicates(pd.DataFrame({"doc_id": ["agency", "outlet"], "text": [story, longer]}))
    assert pairs[["doc_a", "doc_b"]].values.tolist() == [["agency", "outlet"]]
    assert pairs.loc[0, "containment"] == 1.0 and pairs.loc[0, "similarity"] < 1.0
    reused = [OTHER_PARAGRAPH, story, "Earlier today: " + OTHER_PARAGRAPH[:90] + " " + story]
    assert near_duplicates(reused).empty  # Jaccard below 0.8
    found = near_duplicates(reused, measure="containment")
    assert found[["doc_a", "doc_b", "containment"]].values.tolist() == [["1", "2", 1.0]]
    assert found.loc[0, "similarity"] == pytest.approx(jaccard_5(story, reused[2]))
    assert near_duplicates(reused, threshold=0.5).loc[0, "containment"] == 1.0


def test_short_and_empty_documents_are_never_paired():
    docs = ["", "", "word", "word", "Four words only here.", "Four words only here.", None, "\U0001f600"]
    assert near_duplicates(docs).empty
    assert near_duplicates(docs, measure="containment").empty
    clusters = duplicate_clusters(docs)
    assert clusters["cluster_size"].tolist() == [1] * len(docs)
    assert near_duplicates([]).empty


def test_threshold_and_measure_are_checked():
    with pytest.raises(ValueError, match="threshold"):
        near_duplicates(["a b c d e f"], threshold=1.5)
    with pytest.raises(ValueError, match="measure"):
        near_duplicates(["a b c d e f"], measure="cosine")


def test_duplicate_clusters_follow_chains_and_pick_the_first_document():
    a = LONG_PARAGRAPH
    b = a.replace("Tuesday", "Monday")
    c = b.replace("costs", "money")
    assert jaccard_5(a, c) < 0.8 <= min(jaccard_5(a, b), jaccard_5(b, c))
    clusters = duplicate_clusters(pd.DataFrame({"doc_id": ["x", "a", "b", "c"], "text": [OTHER_PARAGRAPH, a, b, c]}))
    assert clusters.values.tolist() == [["x", 0, 1, "x"], ["a", 1, 3, "a"], ["b", 1, 3, "a"], ["c", 1, 3, "a"]]


def test_duplicate_clusters_from_pairs_already_computed_are_the_same():
    b = LONG_PARAGRAPH.replace("Tuesday", "Monday")
    docs = pd.DataFrame({"doc_id": ["x", "a", "b"], "text": [OTHER_PARAGRAPH, LONG_PARAGRAPH, b]})
    pairs = near_duplicates(docs)
    assert len(pairs) == 1
    pd.testing.assert_frame_equal(duplicate_clusters(docs, pairs=pairs), duplicate_clusters(docs))
    no_pairs = duplicate_clusters(docs, pairs=pairs.iloc[:0])
    assert no_pairs.cluster_size.tolist() == [1, 1, 1]


# Words never hold whitespace; Greek capital sigma and dotted capital I are the characters whose
# lower case depends on their neighbours or changes the length.
_WORD = st.text(
    st.characters(blacklist_categories=("Zs", "Zl", "Zp", "Cc")) | st.sampled_from("\u03a3\u0130\u03c3"), min_size=1
)


@given(st.lists(_WORD, max_size=8))
def test_normalised_words_are_the_words_each_lower_cased(words):
    assert _lowered(words) == tuple(word.lower() for word in words)


def test_words_used_once_in_the_document_are_counted_per_unit():
    seg = segment_document("Rates rose again. The bank said rates rose.\n\nMarkets fell sharply today.")
    words = _document_words(seg)
    assert words.sentences == [
        ("rates", "rose", "again"),
        ("the", "bank", "said", "rates", "rose"),
        ("markets", "fell", "sharply", "today"),
    ]
    assert words.sentence_unique == [1, 3, 4]  # "again"; "the bank said"; the whole last sentence
    assert words.paragraph_unique == [4, 4]


@given(st.lists(st.sampled_from(["the", "rate", "rose", ",", "said"]), max_size=12), st.integers(1, 6))
def test_ngrams_are_nltks_ngrams(words, n):
    from nltk.util import ngrams as nltk_ngrams

    assert list(ngrams(words, n)) == list(nltk_ngrams(words, n))
