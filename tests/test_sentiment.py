"""Sentiment: VADER per sentence, voice split, aggregates, explanations, paragraphs and arc."""

import math

import pandas as pd
import pytest
from _checks import best_cpu_seconds, grows_linearly
from hypothesis import example, given, settings
from hypothesis import strategies as st
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

import analysis
from analysis import sentiment
from analysis.segment import segment_document, voice_parts
from analysis.sentiment import compound_from_contributions, explain_sentiment, score_document, span_sentiments

# Many texts here hold no rated word on purpose; the warning itself is tested with pytest.warns.
pytestmark = pytest.mark.filterwarnings("ignore:no word of")

VADER = SentimentIntensityAnalyzer()


def vader(text: str) -> float:
    return VADER.polarity_scores(text)["compound"]


def vader_scores(text: str) -> tuple[float, float, float, float]:
    s = VADER.polarity_scores(text)
    return s["compound"], s["neg"], s["neu"], s["pos"]


ASCII_SENTENCES = [
    "The minister said the reform was a great success.",
    "Protesters clashed with police, and three people were badly hurt.",
    "The company reported no change in profits.",
    "It is not a bad result, but it is hardly a triumph.",
    "Critics called the decision a shameful betrayal!",
    "Analysts are VERY worried about the outlook.",
    "Talks were somewhat productive.",
]

# Sentences that exercise every VADER rule: negation (plain, "n't", "no", distance 1-3),
# boosters/dampeners (with distance decay), caps, "but", "least", idioms, "kind of",
# "never so/this", "without doubt", punctuation, emoticons and emoji.
TRICKY = [
    "did not provide any evidence",
    "The plan isn't good.",
    "The plan isn\u2019t good.",
    "VADER is VERY SMART, uber handsome, and FRIGGIN FUNNY!!!",
    "The plot was good, but the characters are uncompelling and the dialog is not great.",
    "Today only kinda sux! But I'll get by, lol",
    "Make sure you :) or :D today!",
    "Catch utf-8 emoji such as \U0001f498 and \U0001f48b and \U0001f601",
    "Not bad at all",
    "Sentiment analysis has never been good.",
    "Sentiment analysis has never been this good!",
    "With VADER, sentiment analysis is the shit!",
    "On the other hand, VADER is quite bad ass",
    "Without a doubt, excellent idea.",
    "Roger Dodger is one of the least compelling variations on this theme.",
    "Roger Dodger is at least compelling as a variation on the theme.",
    "At least it isn't a horrible book.",
    "The book was only kind of good.",
    "No good, no bad, no ugly or nice.",
    "Is this really the best they can do???",
    "Why?? Why would anyone do that????",
    "great great but bad bad good good",
    "It was the kiss of death for the bill, sort of a disaster.",
    "He is not very, very, extremely happy.",
    "They were never so happy.",
    "I think this good plan works.",
    "NO NO NO, the deal is TERRIBLE",
    "",
    "!!!",
    "\U0001f600\U0001f600",
    "Das ist nicht gut, aber auch nicht schlecht.",
]


def test_score_text_matches_vader_on_ascii_sentences():
    for text in ASCII_SENTENCES:
        assert sentiment.score_text(text) == vader_scores(text)


def test_pipeline_fills_sentence_scores_with_vader():
    res = analysis.analyze([" ".join(ASCII_SENTENCES)])
    assert res.sentences["text"].tolist() == ASCII_SENTENCES
    assert res.sentences["compound"].tolist() == [vader(t) for t in ASCII_SENTENCES]
    assert res.documents.loc[0, "sentiment"] == pytest.approx(sum(map(vader, ASCII_SENTENCES)) / len(ASCII_SENTENCES))


def test_curly_apostrophe_scores_like_ascii():
    res = analysis.analyze(["The plan isn\u2019t good."])
    assert res.sentences.loc[0, "text"] == "The plan isn\u2019t good."
    assert res.sentences.loc[0, "compound"] == vader("The plan isn't good.") < 0
    assert vader("The plan isn\u2019t good.") > 0  # what VADER alone would have said


def test_voice_split_of_a_sentence_with_an_embedded_quote():
    text = 'The proud minister called the plan "a disaster for everyone" in parliament.'
    seg = segment_document(text)
    scores, columns, _ = score_document(seg, [True])
    assert scores[0][0] == vader(text)
    assert columns["sentiment_quoted"] == vader("a disaster for everyone")
    narrative = [vader("The proud minister called the plan"), vader("in parliament.")]
    assert columns["sentiment_narrative"] == pytest.approx(sum(narrative) / 2)
    assert columns["sentiment"] == vader(text)


def test_single_voice_sentences_reuse_their_score():
    text = '"We will win this fight." Prices fell sharply.'
    scores, columns, _ = score_document(segment_document(text), [True, True])
    assert columns["sentiment_quoted"] == scores[0][0] == vader('"We will win this fight."')
    assert columns["sentiment_narrative"] == scores[1][0] == vader("Prices fell sharply.")


def test_vader_runs_once_per_sentence_plus_once_per_part_of_mixed_sentences(monkeypatch):
    calls = []
    original = sentiment.score_text

    def counting(view):
        calls.append(view)
        return original(view)

    monkeypatch.setattr(sentiment, "score_text", counting)
    text = 'Good news came. "It is fine," she said. "We agree."'
    seg = segment_document(text)
    score_document(seg, [True] * len(seg.sentences))
    assert len(seg.sentences) == 3
    assert calls == [
        "Good news came.",
        '"It is fine," she said.',
        '"We agree."',
        "It is fine,",
        "she said.",
    ]


def test_duplicates_are_left_out_of_the_aggregates():
    text = "What a wonderful day. Everything is terrible."
    seg = segment_document(text)
    scores, columns, _ = score_document(seg, [True, False])
    assert len(scores) == 2 and scores[1][0] < 0
    assert columns["sentiment"] == vader("What a wonderful day.")
    assert columns["share_positive"] == 1.0
    assert columns["share_negative"] == 0.0
    assert math.isnan(columns["sentiment_quoted"])


def test_shares_use_the_vader_thresholds():
    text = "It was good. It was bad. It was a table. It was great."
    _, columns, _ = score_document(segment_document(text), [True] * 4)
    assert columns["share_positive"] == 0.5
    assert columns["share_negative"] == 0.25


@pytest.mark.parametrize(
    "text",
    ["", "   ", "\U0001f600\U0001f622", "... !!! ???", "Der Plan ist nicht gut.", "good " * 20_000, '"unclosed'],
)
def test_bad_input_scores_without_error(text):
    seg = segment_document(text)
    scores, columns, _ = score_document(seg, [True] * len(seg.sentences))
    assert len(scores) == len(seg.sentences)
    assert set(columns) == {"sentiment", "sentiment_narrative", "sentiment_quoted", "share_positive", "share_negative"}
    if not seg.sentences:
        assert all(math.isnan(v) for v in columns.values())
    assert all(-1 <= s[0] <= 1 for s in scores)


def test_empty_documents_get_nan_sentiment():
    res = analysis.analyze(["", "No words here? Fine."])
    assert math.isnan(res.documents.loc[0, "sentiment"])
    assert res.documents.loc[1, "error"] is pd.NA
    assert not math.isnan(res.documents.loc[1, "sentiment"])


def test_non_english_scores_near_zero():
    for text in ["Der Plan ist nicht gut, sagte der Minister.", "Le gouvernement a annoncé une réforme."]:
        assert abs(sentiment.score_text(text)[0]) < 0.3


def test_source_sentiment_reads_the_units_behind_the_quotes():
    text = '"It isn\u2019t a good plan," Lee said. "It is a disaster." Kim said the talks went well.'
    seg = segment_document(text)
    _, _, units = score_document(seg, [True] * len(seg.sentences))
    lee = [(1, 22), (35, 52)]  # two direct quotations: their quoted parts, scored on the normalised view
    kim = [(63, 82)]  # reported speech: the sentence that reports it
    means = sentiment.span_sentiments(seg, units, {"Lee": lee, "Kim": kim, "nobody": []})
    assert means["Lee"] == pytest.approx((vader("It isn't a good plan,") + vader("It is a disaster.")) / 2)
    assert means["Kim"] == vader("Kim said the talks went well.")
    assert math.isnan(means["nobody"])


def test_source_sentiment_counts_a_unit_once_and_in_text_order():
    text = "Lee said the plan was bad. Then Lee said it was good. Kim called it fine."
    seg = segment_document(text)
    scores, _, units = score_document(seg, [True] * len(seg.sentences))
    # two spans in the first sentence and one in the second: each sentence counts once
    means = sentiment.span_sentiments(seg, units, {"Lee": [(15, 18), (9, 14), (40, 52)]})
    assert means["Lee"] == (scores[0][0] + scores[1][0]) / 2


@pytest.mark.parametrize("text", ASCII_SENTENCES + TRICKY)
def test_explanation_reproduces_vader(text):
    table = explain_sentiment(text)
    expected = vader(analysis.normalise(text))
    assert table.attrs["compound"] == expected
    assert compound_from_contributions(table["contribution"].tolist()) == expected
    assert list(table.columns) == ["token", "start", "end", "word", "valence", "rule", "contribution"]
    for row in table.dropna(subset=["start"]).itertuples():
        assert text[row.start : row.end] == row.token


def test_explanation_reproduces_every_sentence_of_the_sample(sample_text):
    seg = segment_document(sample_text)
    for s in seg.sentences:
        sentence = sample_text[s.start : s.end]
        view = seg.view[s.start : s.end]
        assert explain_sentiment(sentence).attrs["compound"] == vader(view), sentence
        assert sentiment._traced_scores(view) == vader_scores(view), sentence


def test_explanation_of_negation_names_the_rule():
    table = explain_sentiment("The plan isn\u2019t good.")
    assert table["token"].tolist() == ["good"]
    assert table.loc[0, "valence"] == VADER.lexicon["good"]
    assert "negation 'isn't'" in table.loc[0, "rule"]
    assert table.loc[0, "contribution"] == pytest.approx(VADER.lexicon["good"] * -0.74)


def test_explanation_of_a_sentence_without_lexicon_words_is_empty():
    table = explain_sentiment("did not provide any evidence")
    assert table.empty and table.attrs["compound"] == 0.0


def test_explanation_of_boosters_but_and_punctuation():
    table = explain_sentiment("The food was good, but the service was extremely rude!")
    rules = dict(zip(table["token"], table["rule"]))
    assert "x0.5" in rules["good"]
    assert "booster 'extremely' 1 word(s) before" in rules["rude"]
    assert table["token"].iloc[-1] == "!" and table["rule"].iloc[-1] == "punctuation emphasis"
    assert table["contribution"].iloc[-1] < 0  # the sum of the words is negative


def test_paragraph_sentiment_means_and_skips_duplicates():
    res = analysis.analyze(["It was a great win. Fans cheered.\n\nThen came a terrible loss."])
    table = analysis.paragraph_sentiment(res.sentences)
    compounds = res.sentences["compound"].tolist()
    assert table["n_sentences"].tolist() == [2, 1]
    assert table["sentiment"].tolist() == pytest.approx([(compounds[0] + compounds[1]) / 2, compounds[2]])
    flagged = res.sentences.assign(is_duplicate=[False, False, True])
    assert analysis.paragraph_sentiment(flagged)["paragraph"].tolist() == [0]


def test_arc_positions_and_rolling_mean():
    res = analysis.analyze(["Good news. Bad news. Terrible news. A table. Lovely weather."])
    arc = analysis.sentiment_arc_data(res.sentences, "0", window=3)
    assert arc["position"].tolist() == [0.0, 0.25, 0.5, 0.75, 1.0]
    c = arc["compound"].tolist()
    assert arc["rolling"].tolist() == pytest.approx(
        [(c[0] + c[1]) / 2, sum(c[0:3]) / 3, sum(c[1:4]) / 3, sum(c[2:5]) / 3, (c[3] + c[4]) / 2]
    )
    flagged = res.sentences.assign(is_duplicate=[False, False, True, True, False])
    assert analysis.sentiment_arc_data(flagged, "0")["text"].tolist() == ["Good news.", "Bad news.", "Lovely weather."]


def test_voice_units_list_the_parts_behind_the_voice_means():
    text = 'Kim smiled. The proud minister called the plan "a disaster for everyone" in parliament.'
    units = analysis.voice_units(text)
    assert units["text"].tolist() == [
        "Kim smiled.",
        "The proud minister called the plan",
        "a disaster for everyone",
        "in parliament.",
    ]
    assert units["voice"].tolist() == ["narrative", "narrative", "quote", "narrative"]
    assert units["split"].tolist() == [False, True, True, True]
    assert units["compound"].tolist() == [vader(t) for t in units["text"]]
    assert all(text[r.start : r.end] == r.text for r in units.itertuples())
    _, columns, _ = score_document(segment_document(text), [True, True])
    narrative = units.loc[units["voice"] == "narrative", "compound"]
    assert columns["sentiment_narrative"] == pytest.approx(narrative.mean())


@pytest.mark.parametrize("text", ASCII_SENTENCES + TRICKY)
def test_traced_scores_equal_vader_scores(text):
    view = analysis.normalise(text)
    assert sentiment._traced_scores(view) == vader_scores(view)


# A lexicon word in capitals among words that are not gets VADER's emphasis; the re-trace reads
# the capitals from the text's upper case when no other rule can fire (with punctuation, inside
# a longer word in capitals, in a text all in capitals or with a character beyond ASCII).
@pytest.mark.parametrize(
    "text",
    [
        "The GREAT plan worked.",
        "A plan, GREAT!",
        "(GREAT) results for the team.",
        "The great plan won GREATLY.",
        "The UK plan is good.",
        "GREAT GOOD NEWS",
        "Fares of \u00a35 are GREAT.",
        "Caf\u00e9 owners were happy.",
        "It was ok for OKLAHOMA.",
    ],
)
def test_traced_scores_equal_vader_scores_with_words_in_capitals(text):
    assert sentiment._traced_scores(text) == vader_scores(text)


def test_a_long_text_without_sentence_punctuation_gets_vader_scores():
    text = " ".join(ASCII_SENTENCES * 10).replace(".", ",")
    assert sentiment.score_text(text) == vader_scores(text)


def test_emoji_descriptions_count_as_vader_counts_them():
    # VADER replaces single-character emojis by their description before splitting and
    # counting "!": 🔛 is "ON! arrow"
    for text in ["Good news 🔛", "🔛great😀 day", "Sad © story"]:
        assert sentiment.score_text(text) == vader_scores(text)
        assert explain_sentiment(text).attrs["compound"] == vader_scores(text)[0]


_VOCABULARY = [
    "good", "bad", "GOOD", "terrible", "happy", "no", "not", "isn't", "isn’t", "never", "so", "this",
    "very", "VERY", "kind", "of", "sort", "barely", "but", "BUT", "least", "at", "without", "doubt",
    "the", "shit", "bomb", "kiss", "death", "plan", "!", "?", "!!", "???", ":)", ":D", "\U0001f600",
    "\U0001f51b", "\u00a9", '"quote', "it.", ",", "or", "nor", "great!", "(sad)",
]


@settings(max_examples=120, deadline=None)
@given(st.lists(st.sampled_from(_VOCABULARY), max_size=25), st.sampled_from([" ", "  ", "\n", " - "]))
def test_explanation_reproduces_vader_on_generated_sentences(words, separator):
    text = separator.join(words)
    view = analysis.normalise(text)
    table = explain_sentiment(text)
    assert table.attrs["compound"] == vader(view)
    assert sentiment._traced_scores(view) == vader_scores(view)
    for row in table.dropna(subset=["start"]).itertuples():
        assert text[row.start : row.end] == row.token


# Lexicon words next to every cue of VADER's rules and to the words of every idiom and
# multi-word booster, in any case: the re-trace skips the rules whose cues are absent
# (no cue in the three words before a lexicon word, no idiom's last word near it, no word
# with a valence in the text) and must still agree with VADER wherever a cue is present.
_CUES_AND_IDIOMS = [
    "good", "bad", "Good", "BAD", "love", "hate", "no", "No", "not", "NOT", "never", "can't", "CAN'T", "cannot",
    "without", "despite", "doubt", "so", "this", "This", "least", "at", "very", "VERY", "extremely", "barely",
    "kind", "of", "sort", "just", "enough", "the", "shit", "bomb", "bad", "ass", "beating", "heart", "bus",
    "stop", "kiss", "death", "to", "die", "for", "yeah", "right", "or", "nor", "but", "plan", "it", "!", "?",
]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_CUES_AND_IDIOMS), max_size=12))
def test_scores_equal_vader_around_every_rule_cue(words):
    text = " ".join(words)
    assert sentiment._traced_scores(text) == vader_scores(text)
    assert explain_sentiment(text).attrs["compound"] == vader_scores(text)[0]


_WORDS = st.lists(st.sampled_from(["Kim", "said", "good", "bad", "it", "was", "'s", ","]), max_size=5).map(" ".join)
_OPENING = st.sampled_from(['"', "'", "\u201c", "\u201d", ""])
_CLOSING = st.sampled_from(['"', "'", "\u201d", "", '."', ".'", '!"', ".\u201d"])
_END = st.sampled_from([".", "!", "", ".\n\n"])
# sentences made of narrative words, a quotation (its marks possibly missing or mismatched,
# the full stop inside or outside) and more narrative words; sometimes a quotation runs over
# several sentences or paragraphs
_QUOTING_SENTENCE = st.tuples(_WORDS, _OPENING, _WORDS, _CLOSING, _WORDS, _END).map(
    lambda p: f"{p[0]} {p[1]}{p[2]}{p[3]} {p[4]}{p[5]}"
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_QUOTING_SENTENCE, max_size=6), st.sampled_from([" ", ""]))
@example(['it "good bad was it."'], " ")  # a narrative word just before the quotation
@example(['"it was good.', '"It was bad," Kim said.'], " ")  # quoted sentences within and across marks
def test_voice_units_equal_the_parts_of_every_sentence(sentences, separator):
    # the shortcuts (only the quotations overlapping a sentence; a quoted sentence inside one
    # quotation's marks is one unit) against voice_parts on all of a document's quotations
    seg = segment_document(separator.join(sentences))
    by_sentence = sentiment._quotations_by_sentence(seg)
    for i, s in enumerate(seg.sentences):
        overlapping = [q for q in seg.quotations if q.content_start < s.end and q.content_end > s.start]
        assert sorted(by_sentence[i], key=lambda q: q.start) == sorted(overlapping, key=lambda q: q.start)
        parts = voice_parts(seg.view, s.start, s.end, seg.quotations)
        voices = {voice for _, _, voice in parts}
        if len(voices) <= 1:
            expected = [(s.start, s.end, voices.pop() if voices else seg.voices[i], 0.5)]
        else:
            expected = [(a, b, voice, sentiment.score_text(seg.view[a:b])[0]) for a, b, voice in parts]
        assert sentiment._voice_units(seg, i, 0.5, by_sentence[i]) == expected


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=80))
def test_explanation_and_scores_equal_vader_on_arbitrary_text(text):
    table = explain_sentiment(text)
    view = analysis.normalise(text)
    assert table.attrs["compound"] == VADER.polarity_scores(view)["compound"]
    assert sentiment._traced_scores(view) == vader_scores(view)


def _span_sentiments_seconds(n_quotes: int) -> float:
    """Best-of-three CPU seconds of span_sentiments for one source quoted n times in one sentence."""
    text = " ".join('"Yes," Kim said, adding' for _ in range(n_quotes)) + "."
    seg = segment_document(text)
    _, _, units = score_document(seg, [True] * len(seg.sentences))
    spans = {"Kim": [(q.content_start, q.content_end) for q in seg.quotations]}
    return best_cpu_seconds(lambda: span_sentiments(seg, units, spans))


def test_source_sentiment_work_grows_linearly_with_its_quotes():
    # Each voice unit used to be tested against every span of its source: doubling the quotes of
    # a one-sentence transcript quadrupled the time.
    assert grows_linearly(_span_sentiments_seconds, 4_000)


def test_an_empty_explanation_says_why_and_keeps_its_columns():
    with pytest.warns(UserWarning, match="no word of 'They did not provide any evidence.' is in VADER's lexicon"):
        table = explain_sentiment("They did not provide any evidence.")
    assert table.empty and table.attrs["compound"] == 0.0 and "neutral" in table.attrs["note"]
    assert table.columns.tolist() == explain_sentiment("It is good.").columns.tolist()


_SCORE_VALUES = st.one_of(
    st.floats(-1, 1),
    # decimal ties and near-ties of the 3rd and 4th places (0.0625, 0.00015, ...)
    st.integers(-20_000, 20_000).flatmap(lambda k: st.sampled_from([k / 10**e for e in (4, 5, 6)])),
)


@settings(max_examples=300, deadline=None)
@given(_SCORE_VALUES, _SCORE_VALUES, _SCORE_VALUES, _SCORE_VALUES)
@example(0.0625, 0.0625, 0.0005, 1 / 16)
@example(-0.00001, 0.0, -0.0, 1.0)
def test_rounded_scores_equal_round(compound, neg, neu, pos):
    rounded = sentiment._rounded_scores(compound, neg, neu, pos)
    expected = (round(compound, 4), round(neg, 3), round(neu, 3), round(pos, 3))
    assert rounded == expected
    assert [math.copysign(1, x) for x in rounded] == [math.copysign(1, x) for x in expected]  # signed zeros too
