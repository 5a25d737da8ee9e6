"""Offset-true normalisation and word tokens: the fast word finders agree with WORD_RE."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.text import (
    _REPLACEMENT,
    WORD_RE,
    count_words,
    find_words,
    find_words_in_spans,
    inside,
    merge_spans,
    normalise,
    overlaps_any,
)

# Letters, digits, the punctuation WORD_RE treats specially (. , ' -), the punctuation a token is
# stripped of, an underscore (a word character that is no letter or digit), a superscript two (a
# digit for str.isalnum, not for \d) and whitespace.
_WORDY_TEXT = st.text(alphabet=st.sampled_from(list("ab7Z_\u00b2.,'-\"()[]{};:!?/ \n\t")), max_size=40)


@settings(max_examples=400, deadline=None)
@given(_WORDY_TEXT, st.integers(-2, 45), st.integers(-2, 45) | st.none())
def test_find_words_and_count_words_agree_with_the_pattern(view, start, end):
    expected = WORD_RE.findall(view, max(start, 0), len(view) if end is None else max(end, 0))
    assert find_words(view, start, end) == expected
    assert count_words(view, start, end) == len(expected)


# As _WORDY_TEXT, with Latin-1 letters and symbols (\u00e9, \u00a3, \u00b5, \u00aa) and a character beyond Latin-1
# (the spans of such a text are searched as find_words does).
_WORDY_SPAN_TEXT = st.text(
    alphabet=st.sampled_from(list("ab7Z_\u00b2\u00e9\u00a3\u00b5\u00aa\u00a0.,'-\"()[]{};:!?/ \n\t\x1c")), max_size=60
) | st.text(alphabet=st.sampled_from(list("ab7.,'- \u0101")), max_size=30)


@settings(max_examples=500, deadline=None)
@given(_WORDY_SPAN_TEXT, st.lists(st.tuples(st.integers(0, 60), st.integers(0, 60)), max_size=6))
def test_words_in_spans_are_the_words_of_each_span(view, bounds):
    spans = [(min(a, len(view)), min(b, len(view))) for a, b in bounds]
    assert find_words_in_spans(view, spans) == [find_words(view, start, end) for start, end in spans]


def test_wrapped_tokens_are_their_word():
    assert find_words('"Yes," (Reuters) said. 3,000. U.S. don\'t_ x-') == [
        "Yes",
        "Reuters",
        "said",
        "3,000",
        "U.S",
        "don't_",
        "x",
    ]


def _normalise_character_by_character(text: str) -> str:
    """The normalisation rule read literally: "\\r\\n" becomes " \\n", then each character is mapped."""
    return "".join(_REPLACEMENT.get(c, c) for c in text.replace("\r\n", " \n"))


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("a\r\n `\x00 \u2019\u201c\u00a0\u2014\u2028\u00e9\u00a3")), max_size=30))
def test_normalise_maps_each_character_as_the_rule_says(text):
    assert normalise(text) == _normalise_character_by_character(text)
    assert len(normalise(text)) == len(text)


_WORD_AS_DOCUMENTED = re.compile(r"\d+(?:[.,]\d+)*(?!\w)|\w+(?:['\-]\w+)*(?:\.\w(?!\w))*")


@settings(max_examples=400, deadline=None)
@given(_WORDY_TEXT, st.integers(0, 45), st.integers(0, 45))
def test_word_pattern_finds_what_its_documented_reading_finds(view, start, end):
    found = [m.span() for m in WORD_RE.finditer(view, start, end)]
    assert found == [m.span() for m in _WORD_AS_DOCUMENTED.finditer(view, start, end)]


_SPANS = st.lists(st.tuples(st.integers(0, 30), st.integers(1, 12)).map(lambda s: (s[0], s[0] + s[1])), max_size=8)


@settings(max_examples=400, deadline=None)
@given(_SPANS, st.integers(-2, 45), st.integers(1, 6))
def test_span_membership_in_merged_spans_is_membership_in_any_span(spans, position, width):
    merged = merge_spans(spans)
    assert merged == sorted(merged) and all(a[1] < b[0] for a, b in zip(merged, merged[1:]))
    assert inside(position, merged) == any(start <= position < end for start, end in spans)
    overlapping = any(start < position + width and position < end for start, end in spans)
    assert overlaps_any(merged, position, position + width) == overlapping


def test_touching_spans_merge_and_an_end_is_outside():
    merged = merge_spans([(10, 14), (0, 4), (4, 7)])
    assert merged == [(0, 7), (10, 14)]
    assert [inside(p, merged) for p in (0, 6, 7, 9, 10, 14)] == [True, True, False, False, True, False]
