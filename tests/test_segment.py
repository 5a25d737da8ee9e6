"""Sentence and paragraph segmentation on news text: a table of cases, then invariants."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.segment import (
    _next_word,
    _token_before,
    find_paragraphs,
    find_quotations,
    find_sentences,
    segment_corpus,
    segment_document,
    voice_parts,
)
from analysis.text import count_words, merge_spans, normalise


def sentences_of(text: str) -> list[str]:
    seg = segment_document(text)
    return [text[s.start : s.end] for s in seg.sentences]


CASES = [
    # abbreviations
    ("The U.S. said no. The U.K. agreed.", ["The U.S. said no.", "The U.K. agreed."]),
    ("The U.N. Security Council met on Monday.", ["The U.N. Security Council met on Monday."]),
    ("Mr. Smith and Mrs. Jones met Dr. Brown.", ["Mr. Smith and Mrs. Jones met Dr. Brown."]),
    ("Gen. Milley spoke to Sen. Warren and Gov. Newsom.", ["Gen. Milley spoke to Sen. Warren and Gov. Newsom."]),
    ("It happened on Jan. 5 and Feb. 6.", ["It happened on Jan. 5 and Feb. 6."]),
    ("He lives at No. 10 Downing St. in London.", ["He lives at No. 10 Downing St. in London."]),
    ("Apple Inc. rose. Acme Corp. fell.", ["Apple Inc. rose.", "Acme Corp. fell."]),
    ("Shares in Acme Inc. Holdings rose.", ["Shares in Acme Inc. Holdings rose."]),
    ("He moved to the U.S. He liked it.", ["He moved to the U.S.", "He liked it."]),
    ("Troops left the U.S. But they returned.", ["Troops left the U.S.", "But they returned."]),
    ("Officials, e.g. ministers, spoke.", ["Officials, e.g. ministers, spoke."]),
    ("Some spoke, i.e. the ministers. Others did not.", ["Some spoke, i.e. the ministers.", "Others did not."]),
    (
        "The meeting began at 10 a.m. and ended at 2 p.m. on Friday.",
        ["The meeting began at 10 a.m. and ended at 2 p.m. on Friday."],
    ),
    ("It ended at 2 p.m. The talks resume today.", ["It ended at 2 p.m.", "The talks resume today."]),
    ("Talks resume in Washington, D.C. next week.", ["Talks resume in Washington, D.C. next week."]),
    # initials
    ("John F. Kennedy was president.", ["John F. Kennedy was president."]),
    ("J. R. R. Tolkien wrote it. He was British.", ["J. R. R. Tolkien wrote it.", "He was British."]),
    ("George W. Bush met Vladimir V. Putin.", ["George W. Bush met Vladimir V. Putin."]),
    # numbers, decimals, times
    ("Profits rose 3.5% to $1.13bn. Sales fell.", ["Profits rose 3.5% to $1.13bn.", "Sales fell."]),
    ("The train left at 10.30. It was late.", ["The train left at 10.30.", "It was late."]),
    ("About 3,000 soldiers. 2005 was a good year.", ["About 3,000 soldiers.", "2005 was a good year."]),
    ("Version 2.0 was released in 2004.", ["Version 2.0 was released in 2004."]),
    # missing space after a full stop
    (
        "the latest DPRK Standing Committee.The statement followed.",
        ["the latest DPRK Standing Committee.", "The statement followed."],
    ),
    ("A U.S.-based firm bought it.", ["A U.S.-based firm bought it."]),
    ("Visit example.com for details.", ["Visit example.com for details."]),
    # quotes
    ('"It is over," he said. "We won."', ['"It is over," he said.', '"We won."']),
    ('"We won. We are happy. Thank you," she said.', ['"We won.', "We are happy.", 'Thank you," she said.']),
    ('He said: "We won." Then he left.', ['He said: "We won."', "Then he left."]),
    ('"Why now?" he asked.', ['"Why now?" he asked.']),
    ('"Stop!" she shouted. Nobody did.', ['"Stop!" she shouted.', "Nobody did."]),
    ("'It is legal,' he said. 'We agree.'", ["'It is legal,' he said.", "'We agree.'"]),
    (
        "He called it \u201cabsurd.\u201d The minister disagreed.",
        ["He called it \u201cabsurd.\u201d", "The minister disagreed."],
    ),
    ("(The vote was close.) The bill passed.", ["(The vote was close.)", "The bill passed."]),
    # question and exclamation marks
    ("Is it legal? Nobody knows!", ["Is it legal?", "Nobody knows!"]),
    ("What next?! The board will decide.", ["What next?!", "The board will decide."]),
    ("Yahoo! said it would bid.", ["Yahoo! said it would bid."]),
    # ellipses
    ("He paused... and went on.", ["He paused... and went on."]),
    ("He paused... Then he went on.", ["He paused...", "Then he went on."]),
    ("She waited\u2026 Nothing happened.", ["She waited\u2026", "Nothing happened."]),
    # headlines and credit lines
    ("Mandatory credit : KCNA\nThe minister spoke.", ["Mandatory credit : KCNA", "The minister spoke."]),
    (
        "Ad sales boost Time Warner profit\n\nQuarterly profits rose 76%.",
        ["Ad sales boost Time Warner profit", "Quarterly profits rose 76%."],
    ),
    (
        "By John Smith, BBC News\nThe minister spoke today.\n\nSecond paragraph.",
        ["By John Smith, BBC News", "The minister spoke today.", "Second paragraph."],
    ),
    (  # a hard-wrapped line is not a headline: it is long, and the next line starts in lower case
        "The minister said the long and complicated plan would be published\nafter the vote, officials said.\n\nNo.",
        [
            "The minister said the long and complicated plan would be published\nafter the vote, officials said.",
            "No.",
        ],
    ),
    # a list's items on lines of their own, each a sentence; a dash inside a line is no boundary
    (
        'Preview.\n\nIt was fine." \n - Burnley boss Steve Cotterill: "We will be tired." \n - Kick-off is at 3pm.',
        ["Preview.", 'It was fine."', '- Burnley boss Steve Cotterill: "We will be tired."', "- Kick-off is at 3pm."],
    ),
    ("They won 2-1. - and deserved it.", ["They won 2-1. - and deserved it."]),
    # whitespace and odd characters
    ("First sentence.\u00a0Second sentence.", ["First sentence.", "Second sentence."]),
    ("  Leading and trailing spaces.  ", ["Leading and trailing spaces."]),
    ("Windows line\r\nendings here.\r\n\r\nNew paragraph.", ["Windows line\r\nendings here.", "New paragraph."]),
    ("No final punctuation", ["No final punctuation"]),
    ("", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_sentence_table(text, expected):
    assert sentences_of(text) == expected


def test_the_table_is_large_enough():
    assert len(CASES) >= 40


def test_paragraphs_blank_lines_or_one_per_line():
    assert find_paragraphs("A.\nB.\n\nC.") == [(0, 5), (7, 9)]
    assert find_paragraphs("A.\nB.\nC.") == [(0, 2), (3, 5), (6, 8)]
    assert find_paragraphs("\n\n   \n") == []


def test_sentences_never_cross_paragraphs():
    view = "One sentence without end\n\nand a lowercase start."
    sentences = find_sentences(view, find_paragraphs(view))
    assert [view[s.start : s.end] for s in sentences] == ["One sentence without end", "and a lowercase start."]
    assert [s.paragraph for s in sentences] == [0, 1]


def test_sample_article(sample_text):
    seg = segment_document(sample_text)
    texts = [sample_text[s.start : s.end] for s in seg.sentences]
    assert len(seg.paragraphs) == 26  # credit line twice, eight body paragraphs three times
    assert texts[0] == "Mandatory credit : KCNA"
    assert "Footage shows an image from the latest DPRK Standing Committee." in texts
    assert "The statement itself did not explicitly confirm the presence of troops in the country." in texts
    assert texts.count('"Photos are a serious matter," Putin replied.') == 3
    # the multi-sentence quote keeps each sentence and its closing quote
    assert texts[2].startswith('"I heeded') and texts[2].endswith("public opinion.")
    assert texts[3].endswith("said Kim Jong Gyu, vice foreign minister of the DPRK in charge of Russian affairs.")


def test_quotations_tell_apostrophes_from_quotes(sample_text):
    view = normalise(sample_text)
    quotes = find_quotations(view, find_paragraphs(view))
    singles = {view[q.content_start : q.content_end] for q in quotes if q.mark == "'"}
    assert singles == {
        "would conform",
        "satellite images",
        "intelligence",
        "at least",
        "we do not yet know whether these soldiers will enter into combat",
    }
    assert all(q.closed for q in quotes)


def test_unclosed_quote_continues_into_next_paragraph():
    text = '"We will fight on the beaches,\n\n"we shall never surrender," he said.'
    view = normalise(text)
    first, second = find_quotations(view, find_paragraphs(view))
    assert (first.closed, first.continues) == (False, True)
    assert view[second.content_start : second.content_end] == "we shall never surrender,"


def test_stray_quote_marks_degrade_without_error():
    for text in ['He said " and left.', '"""', "'''", 'a "b" c " d', "rock 'n' roll's"]:
        seg = segment_document(text)
        assert all(0 <= q.start < q.end <= len(text) for q in seg.quotations)


def test_voice_of_sentences_and_parts():
    text = 'Kim said the plan is fair. "It is legal and good," he said. He said it was "fine".'
    seg = segment_document(text)
    assert seg.voices == ["narrative", "quote", "narrative"]
    s = seg.sentences[1]
    parts = voice_parts(seg.view, s.start, s.end, seg.quotations)
    assert [(text[a:b], v) for a, b, v in parts] == [("It is legal and good,", "quote"), ("he said.", "narrative")]


def test_segment_table_spans_point_into_the_original_text():
    import pandas as pd

    docs = pd.DataFrame({"doc_id": ["a", "b"], "text": ["It isn\u2019t \u201cgood\u201d. Next one.", None]})
    table = segment_corpus(docs)
    assert table.doc_id.tolist() == ["a", "a"]
    for row in table.itertuples():
        assert docs.text[0][row.start : row.end] == row.text


# Text made of the characters the sentence rules look at, plus a few others (underscore, digits, an
# accented capital, a superscript digit that is alphanumeric but no decimal digit).
_RULE_TEXT = st.text(alphabet=st.sampled_from(list("aZ1_. \n\t\"'([{)-\u00c9\u00b2\u2026!?,")), max_size=30)


def _next_word_by_characters(view: str, pos: int, end: int) -> str:
    """The reading of the word after a candidate, one character at a time (the rule as first written)."""
    i = pos
    while i < end and (view[i].isspace() or view[i] in "\"'([{"):
        i += 1
    j = i
    while j < end and (view[j].isalnum() or view[j] in "-'."):
        j += 1
    return view[i:j] if j > i else view[i : i + 1]


@settings(max_examples=300, deadline=None)
@given(_RULE_TEXT, st.integers(0, 30), st.integers(0, 30))
def test_next_word_reads_as_the_character_loop(view, pos, end):
    pos, end = min(pos, len(view)), min(max(pos, end), len(view))
    assert _next_word(view, pos, end) == _next_word_by_characters(view, pos, end)


@settings(max_examples=300, deadline=None)
@given(_RULE_TEXT, st.integers(0, 30), st.integers(0, 30))
def test_token_before_finds_what_the_anchored_search_finds(view, start, dot):
    start, dot = min(start, len(view)), min(max(start, dot), len(view))
    searched = re.compile(r"[^\s\"'(\[{]+$").search(view, start, dot)
    assert _token_before(view, start, dot) == (searched.group() if searched else "")


def _voices_by_counting(view, sentences, quotations):
    """The voice rule read literally: count the quoted words and all words of every sentence."""
    intervals = merge_spans((q.content_start, q.content_end) for q in quotations)
    voices = []
    for s in sentences:
        overlapping = [(max(a, s.start), min(b, s.end)) for a, b in intervals if a < s.end and b > s.start]
        quoted = sum(count_words(view, a, b) for a, b in overlapping)
        voices.append("quote" if quoted and quoted * 2 > count_words(view, s.start, s.end) else "narrative")
    return voices


_QUOTE_HEAVY_TEXT = st.lists(
    st.sampled_from(
        ["We", "won", "it", "_x", "3.5", "U.S.", "don't", '"', "'", "\u201c", "\u201d", ".", ",", "-", " ", "\n\n"]
        + [" he said. "]
    ),
    max_size=40,
).map("".join)


@settings(max_examples=400, deadline=None)
@given(_QUOTE_HEAVY_TEXT)
def test_sentence_voices_agree_with_counting_every_word(text):
    seg = segment_document(text)
    assert seg.voices == _voices_by_counting(seg.view, seg.sentences, seg.quotations)
