"""Offset-true normalisation and word tokens: the fast word finders agree with WORD_RE."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.text import WORD_RE, count_words, find_words

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


def test_wrapped_tokens_are_their_word():
    assert find_words('"Yes," (Reuters) said. 3,000. U.S. don\'t_ x-') == [
        "Yes", "Reuters", "said", "3,000", "U.S", "don't_", "x",
    ]
