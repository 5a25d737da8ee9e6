"""The offset invariant of the ground floor, on random text and on the sample article."""

from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.segment import segment_document
from analysis.text import normalise

# Characters news text throws at a segmenter: letters, punctuation, every kind of quote
# mark and apostrophe, line breaks of three conventions, and unusual spaces.
NEWSY = st.lists(
    st.sampled_from(
        list("abcXYZ019 .,;:!?-()'\"")
        + ["\n", "\r", "\r\n", "\t", "\u00a0", "\u2009", "\u200b", "\u2018", "\u2019", "\u201c", "\u201d", "\u2026"]
        + ["Mr.", "U.S.", "e.g.", "No.", "3.5", "\u00e9", "\U0001f600", "\x00"]
    ),
    max_size=120,
).map("".join)
ANY_UNICODE = st.text(max_size=200)


def check_invariants(text: str) -> None:
    seg = segment_document(text)
    view = seg.view
    assert len(view) == len(text)
    covered = [0] * len(text)
    previous_end = 0
    for s in seg.sentences:
        assert 0 <= s.start < s.end <= len(text)
        assert s.start >= previous_end  # in order, no overlap
        previous_end = s.end
        assert text[s.start : s.end] == seg.sentence_text(seg.sentences.index(s))
        p_start, p_end = seg.paragraphs[s.paragraph]
        assert p_start <= s.start and s.end <= p_end  # never crosses a paragraph
        for i in range(s.start, s.end):
            covered[i] += 1
    for i, char in enumerate(view):
        # every non-space character lies in exactly one sentence; the rest is whitespace
        assert covered[i] == 1 or (covered[i] == 0 and char.isspace())
    for q in seg.quotations:
        assert 0 <= q.start <= q.content_start <= q.content_end <= q.end <= len(text)


@settings(max_examples=300, deadline=None)
@given(NEWSY)
def test_invariants_on_newsy_text(text):
    check_invariants(text)


@settings(max_examples=200, deadline=None)
@given(ANY_UNICODE)
def test_invariants_on_any_unicode(text):
    check_invariants(text)


@settings(max_examples=200, deadline=None)
@given(ANY_UNICODE)
def test_normalise_is_one_char_for_one_char(text):
    view = normalise(text)
    assert len(view) == len(text)
    for original, normalised in zip(text, view):
        assert original == normalised or not original.isalnum()


def test_invariants_on_the_sample_article(sample_text):
    check_invariants(sample_text)
    seg = segment_document(sample_text)
    assert len(seg.sentences) == 41
