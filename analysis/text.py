"""Offset-true text normalisation and word tokens.

Every measure works on a *normalised view* of a document: the same string with
typographic variants replaced one character for one character (curly quotes and
apostrophes to ASCII, odd spaces to a plain space, dashes to a hyphen, carriage
returns to line feeds).  Because the view has exactly the length of the
original, an offset found in it is also an offset into the text as given, and
``text[start:end]`` always returns the user's own characters.

Why it matters: VADER's negation rule knows ``isn't`` but not ``isn’t``; it
scores "The plan isn’t good." +0.44 and "The plan isn't good." -0.34.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from itertools import filterfalse

__all__ = [
    "normalise",
    "WORD_RE",
    "word_spans",
    "find_words",
    "count_words",
    "find_words_in_spans",
    "trie_pattern",
    "merge_spans",
    "overlaps_any",
    "inside",
]

_SINGLE_QUOTES = "\u2018\u2019\u201a\u201b\u2032\u0060\u00b4"
_DOUBLE_QUOTES = "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb"
_SPACES = (
    "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
    "\x00\u200b\u2060\ufeff"
)
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u00ad"
_LINE_BREAKS = "\u2028\u2029\x85"

_REPLACEMENT = {
    **{c: "'" for c in _SINGLE_QUOTES},
    **{c: '"' for c in _DOUBLE_QUOTES},
    **{c: " " for c in _SPACES},
    **{c: "-" for c in _DASHES},
    **{c: "\n" for c in _LINE_BREAKS},
    # "\r\n" becomes " \n" (not "\n\n", which would read as a blank line); a lone "\r" is a line break.
    "\r\n": " \n",
    "\r": "\n",
}
_REPLACED = "\r" + _SINGLE_QUOTES + _DOUBLE_QUOTES + _SPACES + _DASHES + _LINE_BREAKS
# Most characters need no change: find the few that do with one scan in C, rather than
# translating every character (three times faster on news text).  The pattern opens with one
# character class (a "\r" takes its "\n" along after it), so the engine skips to the next such
# character in C instead of trying the pattern at every position (another 2.7 times faster).
_TO_REPLACE = re.compile("[" + re.escape(_REPLACED) + "](?:(?<=\r)\n)?")
# An ASCII text (most English news) can hold only these of them, found by a few substring scans.
_ASCII_REPLACED = [c for c in _REPLACED if c.isascii()]


def _replacement(match: re.Match[str]) -> str:
    return _REPLACEMENT[match.group()]


def normalise(text: str) -> str:
    """Return the normalised view of ``text``: same length, one character per character.

    Parameters
    ----------
    text : str
        A document exactly as given.

    Returns
    -------
    str
        ``len(result) == len(text)``; curly quotes become ``'`` or ``"``, non-breaking and
        other unusual spaces (and NUL and zero-width spaces) become ``" "``, dashes and
        soft hyphens become ``"-"``, ``"\\r\\n"`` becomes ``" \\n"`` and other line
        separators ``"\\n"``.

    Examples
    --------
    >>> normalise("The plan isn\u2019t \u201cgood\u201d.")
    'The plan isn\\'t "good".'
    >>> len(normalise("a\\r\\nb")) == len("a\\r\\nb")
    True
    """
    if text.isascii() and not any(c in text for c in _ASCII_REPLACED):
        return text
    return _TO_REPLACE.sub(_replacement, text)


WORD_RE = re.compile(r"\w(?:(?<=\d)\d*(?:[.,]\d+)*(?!\w)|\w*(?:['\-]\w+)*(?:\.\w(?!\w))*)")
r"""A word: a number (``3,000``, ``3.5``), or letters with inner apostrophes and hyphens and
dotted single letters (``don't``, ``U.S``, ``e.g``); ``Committee.The`` is two words.

It reads as ``\d+(?:[.,]\d+)*(?!\w)|\w+(?:['\-]\w+)*(?:\.\w(?!\w))*``, written so that it opens with
the word character both alternatives start with (the number's first digit is checked by looking back
at it): the engine then skips to the next word character in C instead of trying the pattern at every
position."""


def word_spans(view: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Character spans of the words of ``view[start:end]``, as offsets into ``view``.

    Examples
    --------
    >>> word_spans("It isn't 3.5 km.")
    [(0, 2), (3, 8), (9, 12), (13, 15)]
    """
    return [m.span() for m in WORD_RE.finditer(view, start, len(view) if end is None else end)]


# Why the words of a text are the words of its whitespace-separated tokens, in order: a word never
# holds whitespace, WORD_RE looks neither behind its start nor (past a whitespace character) ahead, so a
# search stops at whitespace as it stops at the end of a token.  And a token of letters and digits
# only (most tokens) is one word: WORD_RE is then just the run of word characters.  Splitting at
# whitespace and searching only the other tokens is about twice as fast as searching the text.


def _tokens(view: str, start: int, end: int | None) -> list[str]:
    """The whitespace-separated tokens of ``view[start:end]``, with ``start``/``end`` read as
    ``re`` reads ``pos``/``endpos`` (clipped to the text)."""
    return view[max(start, 0) : len(view) if end is None else max(end, 0)].split()


# Punctuation that is never a word character.  A token of letters and digits wrapped in it ("said,",
# "(Reuters)", "'yes'") is that one word: WORD_RE starts a word only at a word character and ends it
# before a character that is not one (a lone "." or "," or "'" after the last letter takes nothing).
# Most tokens that are not letters and digits are such, and str.strip finds their word without a search.
_WRAPPING = "\"'()[]{}.,;:!?-/"


def find_words(view: str, start: int = 0, end: int | None = None) -> list[str]:
    """The words of ``view[start:end]``: ``WORD_RE.findall(view, start, end)``, found faster.

    Examples
    --------
    >>> find_words("It isn't 3.5 km (U.S. figures).")
    ['It', "isn't", '3.5', 'km', 'U.S', 'figures']
    """
    words: list[str] = []
    for token in _tokens(view, start, end):
        if token.isalnum():
            words.append(token)
            continue
        core = token.strip(_WRAPPING)
        if core.isalnum():
            words.append(core)
        else:
            words += WORD_RE.findall(token)
    return words


# The words of many spans of one text, found without a Python step per token.  A character that no
# WORD_RE match of any span holding it can take may become a space without changing the words of any
# span: a match then takes the same path, as the character was only ever read as "not a word
# character" (by ``(?!\w)``), and so is a space.  WORD_RE takes only word characters and ``. , ' -``,
# and each of those four only between two word characters; so every other character, and any of the
# four next to whitespace, can go.  Blanked so, most of a text is letters and digits between single
# spaces, and a run of it is its words, split at spaces in C; WORD_RE searches only the few tokens
# that hold something else (don't, U.S, 3,000, e-mail, a word ending the text).

# Characters of Latin-1 (what a byte holds) that become a space: all but word characters and . , ' -
_BLANKED = bytes(b if chr(b).isalnum() or chr(b) in "_.,'-" else ord(" ") for b in range(256))
# A full stop or comma before a space, blanked in turn (most sentences end with the one, many hold the other).
_BLANKED_EDGES = [(b". ", b"  "), (b", ", b"  ")]
# What is left of a blanked text other than ASCII letters, digits and spaces, marked "x" (the rest " "):
# the tokens holding such a character are searched, found by bytes.find (in C, without a pattern).
_OTHER = bytes(ord(" ") if chr(b).isascii() and (chr(b).isalnum() or b == ord(" ")) else ord("x") for b in range(256))


def _blanked(view: str) -> tuple[str, bytes] | None:
    """``view`` with the characters no word can take made spaces (same length) and its marks of other
    characters (see _OTHER), or None for a text beyond Latin-1 (then the spans are searched as
    :func:`find_words` does)."""
    try:
        data = view.encode("latin-1").translate(_BLANKED)
    except UnicodeEncodeError:
        return None
    for edge, spaces in _BLANKED_EDGES:
        data = data.replace(edge, spaces)
    return data.decode("latin-1"), data.translate(_OTHER)


def find_words_in_spans(view: str, spans: Iterable[tuple[int, int]]) -> list[list[str]]:
    """``[find_words(view, start, end) for start, end in spans]``, found faster for many spans.

    Spans are read as slices (``0 <= start``, ``end <= len(view)``).

    Examples
    --------
    >>> find_words_in_spans("It isn't 3.5 km. (U.S. figures.)", [(0, 16), (17, 32)])
    [['It', "isn't", '3.5', 'km'], ['U.S', 'figures']]
    """
    found = _blanked(view)
    if found is None:
        return [find_words(view, start, end) for start, end in spans]
    blanked, other = found
    return [_blanked_span_words(blanked, other, start, end) for start, end in spans]


def _blanked_span_words(blanked: str, other: bytes, start: int, end: int) -> list[str]:
    """The words of ``blanked[start:end]``: its tokens, but for those holding a character marked in
    ``other``, which are searched."""
    mark = other.find(b"x", start, end)
    if mark < 0:  # most sentences of news
        return blanked[start:end].split()
    words: list[str] = []
    cursor = start
    while mark >= 0:
        token_start = max(cursor, blanked.rfind(" ", cursor, mark) + 1)
        token_end = blanked.find(" ", mark, end)
        if token_end < 0:
            token_end = end
        words += blanked[cursor:token_start].split()
        words += WORD_RE.findall(blanked, token_start, token_end)
        cursor = token_end
        mark = other.find(b"x", cursor, end)
    words += blanked[cursor:end].split()
    return words


def count_words(view: str, start: int = 0, end: int | None = None) -> int:
    """Number of words in ``view[start:end]`` (see :data:`WORD_RE`).

    Examples
    --------
    >>> count_words("Photos are a serious matter.")
    5
    """
    tokens = _tokens(view, start, end)
    # Tokens of letters and digits are a word each; the others, joined by spaces, are searched at once.
    return sum(map(str.isalnum, tokens)) + len(WORD_RE.findall(" ".join(filterfalse(str.isalnum, tokens))))


def trie_pattern(phrases: Iterable[str], *, space: str = re.escape(" ")) -> str:
    r"""A regular expression matching exactly ``phrases``, factored into a character trie.

    Python's ``re`` tries the branches of an alternation one by one, so a flat list of
    hundreds of phrases costs hundreds of attempts at every position; factored by common
    prefixes, the engine follows one branch per character.  A longer phrase is preferred to
    its prefix, and each space of a phrase matches the pattern ``space``.

    Examples
    --------
    >>> trie_pattern(["say", "said", "says"])
    'sa(?:id|ys?)'
    >>> trie_pattern(["at least", "about"], space=r"\s+")
    'a(?:bout|t\\s+least)'
    """
    trie: dict = {}
    for phrase in phrases:
        node = trie
        for char in phrase:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_body(trie, space)


def _trie_body(node: dict, space: str) -> str:
    # A module-level function, not a closure: a recursive closure holds itself in a cell, a
    # reference cycle only the garbage collector frees (analyze pauses it).
    branches = [
        (space if char == " " else re.escape(char)) + _trie_body(child, space)
        for char, child in sorted(node.items())
        if char
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" in node:
        return "(?:" + body + ")?" if len(branches) > 1 or len(body) > 1 else body + "?"
    return body


def merge_spans(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """``spans`` sorted, with overlapping or touching spans joined into one.

    Examples
    --------
    >>> merge_spans([(5, 9), (0, 3), (2, 4), (9, 12)])
    [(0, 4), (5, 12)]
    """
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def overlaps_any(merged: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether ``[start, end)`` overlaps one of ``merged`` (from :func:`merge_spans`), in log time.

    Examples
    --------
    >>> spans = merge_spans([(0, 4), (10, 12)])
    >>> overlaps_any(spans, 3, 6), overlaps_any(spans, 4, 10), overlaps_any(spans, 11, 20)
    (True, False, True)
    """
    # Of disjoint sorted spans, the last one starting before ``end`` reaches furthest.
    i = bisect_left(merged, (end,)) - 1
    return i >= 0 and merged[i][1] > start


def inside(position: int, merged: list[tuple[int, int]]) -> bool:
    """Whether ``position`` lies in one of ``merged`` (from :func:`merge_spans`; ends exclusive), in log time.

    Examples
    --------
    >>> spans = merge_spans([(0, 4), (10, 12)])
    >>> inside(3, spans), inside(4, spans), inside(10, spans)
    (True, False, True)
    """
    # Of disjoint sorted spans, only the last one starting at or before ``position`` can hold it.
    i = bisect_right(merged, (position, math.inf)) - 1
    return i >= 0 and merged[i][0] <= position < merged[i][1]
