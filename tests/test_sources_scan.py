"""The attribution scan's fast paths against the plain rules they stand for, on real and random text."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.sources import attributions, lexicons, tokens
from analysis.text import merge_spans, trie_pattern


def _lookbehind_pattern() -> re.Pattern[str]:
    """The cue pattern in its plain form: a cue form not preceded by a word character."""
    forms = [*lexicons.verb_index().forms, "according to"]
    forms += [f[0].upper() + f[1:] for f in forms]
    return re.compile(rf"(?<!\w)(?:{trie_pattern(forms)})\b")


PLAIN = _lookbehind_pattern()


def plain_cue_forms(view: str, merged: list[tuple[int, int]]) -> list[tuple[int, int]]:
    gaps = zip([0, *(end for _, end in merged)], [*(start for start, _ in merged), len(view)])
    return [m.span() for a, b in gaps for m in PLAIN.finditer(view, a, b)]


def fast_cue_forms(view: str, merged: list[tuple[int, int]]) -> list[tuple[int, int]]:
    return [m.span(1) for m in attributions._narrative_cue_forms(view, merged)]


NEWS = [
    'Said the minister: "No." He said, unsaid, essays "we reported it" said',
    "According to police, he claimed-said (says) Reported... so-called claims; 'Told you', she told him.",
    'The firm said on Monday that profits rose. "It is good news," Mr Smith said, adding that "more" would follow.',
    "Analysts, who warned of a slowdown, pointed out that sales fell. Officials insisted it was fine, reports said.",
    "said",
    "",
]


def test_cue_forms_as_the_lookbehind_pattern_on_news_text():
    for text in NEWS:
        quoted = [(m.start() + 1, m.end() - 1) for m in re.finditer(r'"[^"]*"', text)]
        for merged in (merge_spans(quoted), []):
            assert fast_cue_forms(text, merged) == plain_cue_forms(text, merged)


_WORDS = ["said", "Said", "says", "according", "to", "unsaid", "claimed", "told", "him", "é", "x", "pointed", "out"]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from([*_WORDS, " ", ",", '"', "-", "\n", "'s", "_"]), max_size=30),
    st.lists(st.tuples(st.integers(0, 120), st.integers(0, 12)), max_size=4),
)
def test_cue_forms_as_the_lookbehind_pattern_on_random_text(pieces, spans):
    text = "".join(pieces)
    merged = merge_spans(sorted((a, min(len(text), a + n)) for a, n in spans if a < len(text)))
    assert fast_cue_forms(text, merged) == plain_cue_forms(text, merged)


def _plain_clause_break() -> re.Pattern[str]:
    """The clause-break pattern in its plain form: a comma or "and" before a cue in one group."""
    forms = list(lexicons.reporting_verbs()["form"])
    return re.compile(rf", but |; | - (?:and|but) | -- |(?:,|,? and) (?:{trie_pattern(forms)})\b")


PLAIN_BREAK = _plain_clause_break()


def first_break(pattern: re.Pattern[str], text: str, start: int) -> int | None:
    m = pattern.search(text, start)
    return m.start() if m else None


def test_clause_break_starts_as_the_plain_pattern():
    texts = [*NEWS, "it rose, and said so; then - and - fell, added, warned -- but, but said , and added"]
    for text in texts:
        for start in range(len(text)):
            assert first_break(lexicons.clause_break(), text, start) == first_break(PLAIN_BREAK, text, start)


_CLAUSE_PIECES = [", ", " and ", "and", " ", ",", ";", " - ", " -- ", "-", "but ", "said", "added", "warn", "x"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_CLAUSE_PIECES), max_size=25), st.integers(0, 40))
def test_clause_break_starts_as_the_plain_pattern_on_random_text(pieces, start):
    text = "".join(pieces)
    assert first_break(lexicons.clause_break(), text, start) == first_break(PLAIN_BREAK, text, start)


_TOKEN_PIECES = ["Mr", ". ", "U.S.", "Blair's", "1,000", "don't", "-", '"', "é", " ", "  "]
_TOKEN_PIECES += ["\t", "\n", "\xa0", "\u2003"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_TOKEN_PIECES), max_size=30).map("".join), st.integers(0, 8), st.integers(0, 8))
def test_tokens_as_a_plain_scan_of_the_token_pattern_around_whitespace(text, cut_start, cut_end):
    # Whitespace of every kind, before the first token and after the last: the tokens' starts
    # come from the lengths of the matches that take the whitespace after their token.
    start, end = min(cut_start, len(text)), max(min(cut_start, len(text)), len(text) - cut_end)
    expected = [
        tokens.Token(m.start(), m.end(), m.group(), m.group().lower())
        for m in tokens.TOKEN_RE.finditer(text, start, end)
    ]
    assert tokens.tokenize(text, start, end) == expected
