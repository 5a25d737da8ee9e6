"""Tokens of the sentences that hold a cue: spans, text and lower case, and the tests of
whether a token can stand in (or end) a speaker noun phrase."""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cache, lru_cache
from itertools import accumulate, repeat
from operator import add, itemgetter
from typing import NamedTuple

from analysis.sources.lexicons import (
    DETERMINERS,
    NOT_HEADS,
    STOP,
    SUBJECT_PRONOUNS,
    WEEKDAYS_MONTHS,
    source_words,
    verb_index,
)

QUOTED = "\u2026quoted\u2026"  # the text of the placeholder token standing for a quoted content

# The lookahead only spares lowercase words the two alternatives that need a capital letter; the
# possessive quantifiers (nothing follows a word, so it never gives characters back) keep no
# backtracking state.  A number with thousands separators is one token ("1,000 people"), not
# a number, a comma and another number that would cut a phrase in two.
TOKEN_RE = re.compile(
    r"(?=[A-Z])(?:(?:[A-Z]\.){2,}|(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Col|Prof|Rev|St)\.)|'s(?!\w)|\w++(?:[-']\w++|(?<=\d),\d\d\d(?!\d))*+|\S"
)


class Token(NamedTuple):
    """A token of a sentence: its span, its text and the text in lower case."""

    start: int
    end: int
    text: str
    lower: str

    @property
    def is_capitalised(self) -> bool:
        return self.text[:1].isupper()

    @property
    def is_word(self) -> bool:
        return self.text[:1].isalnum()


token_start = itemgetter(0)
token_text = itemgetter(2)
token_lower = itemgetter(3)
# A token with the whitespace after it: the tokens of a span, one after another, with no gap
# (every character that is no whitespace starts a token, see TOKEN_RE).
_TOKEN_AND_SPACE_RE = re.compile(rf"(?:{TOKEN_RE.pattern})\s*+")
_SPACE_RE = re.compile(r"\s*+")


def tokenize(view: str, start: int, end: int) -> list[Token]:
    # Tokens are made by the hundred thousand on a corpus: built column by column with map and zip,
    # and each tuple with tuple.__new__ (not the NamedTuple's Python-level constructor), no
    # bytecode runs per token.  findall makes no match objects, and a match that takes the
    # whitespace after its token spares the engine a failed attempt at each space; the tokens'
    # starts are the running sum of the matches' lengths (whitespace is what str.rstrip strips, as \s).
    if start < end and view[start].isspace():
        start = _SPACE_RE.match(view, start, end).end()
    chunks = _TOKEN_AND_SPACE_RE.findall(view, start, end)
    texts = list(map(str.rstrip, chunks))
    starts = list(accumulate(map(len, chunks), initial=start))  # one more than the tokens: zip drops it
    rows = zip(starts, map(add, starts, map(len, texts)), texts, map(str.lower, texts))
    return list(map(tuple.__new__, repeat(Token), rows))


def tokenize_outside(view: str, start: int, end: int, quoted: list[tuple[int, int]]) -> list[Token]:
    """Tokens of ``view[start:end]`` with each quoted content as one placeholder token.

    The rules never look inside a quotation (its cues are the quoted person's, its words are
    no speaker), so a long quotation need not be tokenised word by word.
    """
    tokens: list[Token] = []
    cursor = start
    k = max(0, bisect_right(quoted, (start, -1)) - 1)
    while k < len(quoted) and quoted[k][0] < end:
        qs, qe = quoted[k]
        k += 1
        if qe <= start or qs < cursor:
            continue
        tokens += tokenize(view, cursor, qs)
        tokens.append(Token(qs, min(qe, end), QUOTED, QUOTED))
        cursor = min(qe, end)
    tokens += tokenize(view, cursor, end)
    return tokens


@cache
def token_count(cue_text: str) -> int:
    """Tokens in a cue's text (a few hundred distinct forms, counted once each)."""
    return len(TOKEN_RE.findall(cue_text))


def is_stop(text: str) -> bool:
    # "US" is a country, "us" a pronoun: all-capital tokens are never grammar words.
    return not (text.isupper() and len(text) > 1) and text.lower() in STOP


# The two tests below depend on a token's text alone and are asked again and again about the same
# words, so they take the text and keep their answers (bounded, for corpora of any size).


@lru_cache(maxsize=1 << 16)
def np_word(text: str) -> bool:
    """Whether a token with this text can sit inside a speaker noun phrase."""
    if text == "'s" or text.endswith("'s"):
        return True
    lower = text.lower()
    if not text[:1].isalnum() or is_stop(text) and lower not in DETERMINERS:
        return False
    if text[:1].isupper():
        return text not in WEEKDAYS_MONTHS
    if lower in DETERMINERS or _is_number(text):
        return True
    # Lowercase words: nouns and adjectives, but not verb forms ("officials arrested", "reporting", "told").
    words = source_words()
    if lower in verb_index().forms and lower not in words["document"]:
        return False
    known = lower in words["role"] or lower in words["anonymous"] or lower in words["document"]
    return known or not lower.endswith(("ed", "ing", "ly"))


@lru_cache(maxsize=1 << 16)
def np_head(text: str) -> bool:
    """Whether a token with this text can end a speaker noun phrase (its head)."""
    lower = text.lower()
    if lower in SUBJECT_PRONOUNS or text in ("I", "We", "we"):
        return True
    if lower in NOT_HEADS and not text[:1].isupper():
        return False
    if text.endswith("'s") or lower in DETERMINERS - {"many", "some", "one"}:
        return False
    return np_word(text) and not _is_number(text)


def _is_number(text: str) -> bool:
    """Whether a token is a number ("27", "1,000")."""
    return text.replace(",", "").isdigit()


