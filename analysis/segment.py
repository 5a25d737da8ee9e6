"""Segmentation: paragraphs, sentences and quotations, with character spans.

This is the ground floor of the package: it knows nothing of the measures.  All
functions work on the normalised view of a text (:func:`analysis.text.normalise`),
which has the same length as the original, so every span is an offset into the
document's text exactly as given.

Paragraphs
    Blocks separated by blank lines.  A text without any blank line but with line
    breaks is treated as one paragraph per line (the sample article's layout).
Sentences
    A rule-based splitter tuned for news: it splits after ``.``, ``!``, ``?`` and
    ellipses (closing quotes and brackets stay with their sentence) when the next word
    can open a sentence, and keeps abbreviations (``Mr.``, ``U.S.``, ``Jan.``, from
    ``data/abbreviations.txt``), initials (``John F. Kennedy``) and decimals together.
    A full stop glued to a capitalised word (``Committee.The``) is a boundary; a short
    line without final punctuation (a headline or credit line) is a sentence of its own.
    Sentences never cross paragraphs and, with the whitespace between them, cover the
    paragraph: every non-space character belongs to exactly one sentence.
Quotations
    Spans inside double quotes (straight or curly) and inside single quotes used as
    quotation marks (paired, and told apart from apostrophes).  A double-quoted passage
    left open at the end of a paragraph runs to the paragraph's end; when the next
    paragraph opens with a quote mark it continues there (the news convention for
    quotes over several paragraphs).

Why not Punkt: nltk's Punkt with hand-set parameters splits BBC text at about 22,000
sentences a second here; this splitter's regular expressions reach the 40,000 a second
the project needs (``python scripts/bench_segmentation.py``) with the same abbreviation
handling, and it also splits ``Committee.The``, which Punkt never sees as a candidate.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import pandas as pd

from analysis.resources import read_lines
from analysis.text import WORD_RE, count_words, find_words_in_spans, merge_spans, normalise

__all__ = [
    "Quotation",
    "Sentence",
    "Segmented",
    "find_paragraphs",
    "find_sentences",
    "find_quotations",
    "voice_parts",
    "segment_document",
    "segment_corpus",
    "segment",
]

QUOTE = "quote"
NARRATIVE = "narrative"


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence: index of its paragraph and its span (whitespace excluded)."""

    paragraph: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Quotation:
    """A passage between quotation marks.

    ``start``/``end`` include the marks; ``content_start``/``content_end`` exclude them.
    ``closed`` is False when the passage runs to the end of its paragraph without a
    closing mark; ``continues`` is True when, in addition, the next paragraph opens
    with a quote mark (the quotation goes on there).
    """

    start: int
    end: int
    content_start: int
    content_end: int
    mark: str
    paragraph: int
    closed: bool = True
    continues: bool = False


@dataclass(frozen=True)
class Segmented:
    """One document, segmented: the text as given, its normalised view and its spans.

    ``sentence_words[i]`` are the words of sentence ``i`` as they stand in the view
    (:func:`analysis.text.find_words`), found once here for every measure that counts or
    compares words; ``voices[i]`` is its voice (``"quote"`` or ``"narrative"``).
    """

    doc_id: str
    text: str
    view: str
    paragraphs: list[tuple[int, int]]
    sentences: list[Sentence]
    quotations: list[Quotation]
    sentence_words: list[list[str]]
    voices: list[str]

    def sentence_text(self, index: int) -> str:
        s = self.sentences[index]
        return self.text[s.start : s.end]


# --------------------------------------------------------------------------- paragraphs

_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_BLOCK_SPLIT = re.compile(r"\n[ \t]*(?:\n[ \t]*)+")
_LINE_SPLIT = re.compile(r"\n")
_NON_SPACE = re.compile(r"\S")


def _trimmed_blocks(view: str, splitter: re.Pattern[str]) -> list[tuple[int, int]]:
    spans = []
    start = 0
    for m in splitter.finditer(view):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(view)))
    out = []
    for s, e in spans:
        first = _NON_SPACE.search(view, s, e)
        if first is None:
            continue
        last = e
        while view[last - 1].isspace():
            last -= 1
        out.append((first.start(), last))
    return out


def find_paragraphs(view: str) -> list[tuple[int, int]]:
    """Paragraph spans of a normalised text.

    Paragraphs are separated by blank lines; a text with no blank line is read as one
    paragraph per line.  Spans exclude surrounding whitespace; empty paragraphs are skipped.

    Examples
    --------
    >>> find_paragraphs("Title\\n\\nFirst para.\\nstill first.\\n\\n\\nSecond.")
    [(0, 5), (7, 31), (34, 41)]
    >>> find_paragraphs("One line.\\nAnother line.")
    [(0, 9), (10, 23)]
    """
    splitter = _BLOCK_SPLIT if _BLANK_LINE.search(view) else _LINE_SPLIT
    return _trimmed_blocks(view, splitter)


# --------------------------------------------------------------------------- sentences


@cache
def _abbreviations() -> tuple[frozenset[str], frozenset[str]]:
    nonfinal, final = set(), set()
    for line in read_lines("abbreviations.txt"):
        word, kind = line.split("\t")
        (final if kind == "final" else nonfinal).add(word)
    return frozenset(nonfinal), frozenset(final)


@cache
def _openers() -> frozenset[str]:
    return frozenset(read_lines("sentence_openers.txt"))


# A candidate boundary: terminal punctuation (with closing quotes/brackets) before a space,
# a full stop glued to a capitalised word ("Committee.The"), or a line break.  The pattern opens
# with the candidate's first character, outside any group, so that the engine skips to the next
# such character in C instead of trying the pattern at every position; the empty named groups
# only tell which alternative matched (``m.lastgroup``), and the match is the candidate.
_CANDIDATE = re.compile(
    r"""[.!?\u2026\n](?:(?<=\n)(?P<newline>)"""
    # A run of terminal punctuation is tried once, from its first character (not after another
    # one), without backtracking: retrying every position of a long run of full stops was quadratic.
    r"""|(?<![.!?\u2026].)(?P<term>)[.!?\u2026]*+['")\]]*+(?=\s)"""
    r"""|(?<=[a-z]{2}\.)(?P<glued>)(?=[A-Z][a-z]))"""
)
_OPENING_PUNCT = "\"'([{"
# The word after a candidate: skip spaces and opening punctuation, then letters, digits (``[^\W_]``:
# what str.isalnum accepts), hyphens, apostrophes and full stops; one call in C instead of a loop per character.
_NEXT_WORD = re.compile(r"[\s\"'(\[{]*+((?:[^\W_]|[\-'.])*+)")
_LIST_ITEM = re.compile(r"[ \t]*\n[ \t]*-[ \t]+[\"'\u201c]?[A-Z]")
_DOTTED_ACRONYM = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")
_FINAL_PUNCT = ".!?\u2026:;\"')]"
_SHORT_LINE_WORDS = 10
_LONGEST_TOKEN = 40  # an abbreviation or initial is never longer; bounds the look-back


def _next_word(view: str, pos: int, end: int) -> str:
    """The word starting at or after ``pos`` (skipping spaces and opening punctuation); without one,
    the character where the skipping stopped."""
    i, j = _NEXT_WORD.match(view, pos, end).span(1)
    return view[i:j] if j > i else view[i : i + 1]


# The token before a full stop, read backwards: matched on the reversed window, the run stops at
# its first character from the end that is whitespace or opening punctuation.
_TOKEN_REVERSED = re.compile(r"""[^\s"'(\[{]*""")


def _token_before(view: str, start: int, dot: int) -> str:
    """The run of characters other than whitespace and opening punctuation that ends at ``dot``
    (not reaching back before ``start``): the abbreviation or initial a full stop may close.

    A search for ``[^\\s"'(\\[{]+$`` in ``view[start:dot]`` finds the same run, but tries every position
    of the window; matching the reversed window from its start looks only at the token.  As ``$``
    does, a line break just before ``dot`` is stepped over.

    Examples
    --------
    >>> _token_before('He met (Mr. Kim', 0, 10)
    'Mr'
    """
    end = dot - 1 if dot > start and view[dot - 1] == "\n" else dot
    length = _TOKEN_REVERSED.match(view[start:end][::-1]).end()
    return view[end - length : end]


def _full_stop_ends_sentence(view: str, dot: int, line_start: int, next_word: str) -> bool:
    """Whether the full stop at ``dot`` ends a sentence, given the word after it."""
    head = next_word[:1]
    if not head or head.islower() or head in ",;:)]}-":
        return False
    token = _token_before(view, max(line_start, dot - _LONGEST_TOKEN), dot)
    nonfinal, final = _abbreviations()
    if token in nonfinal:
        return False
    if len(token) == 1 and token.isupper():  # an initial: John F. Kennedy
        return False
    if token in final or _DOTTED_ACRONYM.fullmatch(token):
        return next_word.rstrip(".") in _openers()
    return True


def _is_boundary(view: str, m: re.Match[str], start: int, end: int) -> bool:
    kind = m.lastgroup
    if kind == "glued":
        return True
    after = m.end()
    if kind == "newline":
        # Inside a blank-line paragraph a line break is a boundary after a short line
        # with no final punctuation (a headline or credit line) before a capitalised line.
        line_start = view.rfind("\n", start, m.start()) + 1
        line = view[line_start : m.start()].rstrip()
        if not line or line[-1] in _FINAL_PUNCT:
            return False
        nxt = _next_word(view, after, end)
        return nxt[:1].isupper() and count_words(line) < _SHORT_LINE_WORDS
    term = m.group()
    nxt = _next_word(view, after, end)
    if not nxt:
        return False
    if nxt == "-" and _LIST_ITEM.match(view, after):
        return True  # a list's next item on a line of its own ('...tired." \n - Burnley boss ...')
    if "!" in term or "?" in term or "\u2026" in term or ".." in term:
        return not nxt[:1].islower()
    return _full_stop_ends_sentence(view, m.start(), start, nxt)


def find_sentences(view: str, paragraphs: list[tuple[int, int]]) -> list[Sentence]:
    """Sentence spans of a normalised text, within the given paragraph spans.

    Examples
    --------
    >>> v = 'Mr. Smith went to the U.S. on Jan. 5. "It was fine," he said. He left.'
    >>> [v[s.start:s.end] for s in find_sentences(v, find_paragraphs(v))]
    ['Mr. Smith went to the U.S. on Jan. 5.', '"It was fine," he said.', 'He left.']
    """
    sentences: list[Sentence] = []
    for index, (start, end) in enumerate(paragraphs):
        cut = start
        for m in _CANDIDATE.finditer(view, start, end):
            if _is_boundary(view, m, start, end):
                _append_trimmed(sentences, view, index, cut, m.end())
                cut = m.end()
        _append_trimmed(sentences, view, index, cut, end)
    return sentences


def _append_trimmed(out: list[Sentence], view: str, paragraph: int, start: int, end: int) -> None:
    while start < end and view[start].isspace():
        start += 1
    while end > start and view[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sentence(paragraph, start, end))


# --------------------------------------------------------------------------- quotations

_DOUBLE = re.compile(r'"')
_SINGLE = re.compile(r"'")
_OPEN_BEFORE = " \n([{-/\u2014\"'"


def _double_quotes(view: str, paragraphs: list[tuple[int, int]]) -> list[Quotation]:
    found: list[Quotation] = []
    for index, (start, end) in enumerate(paragraphs):
        opened = None
        for m in _DOUBLE.finditer(view, start, end):
            i = m.start()
            before = view[i - 1] if i > start else " "
            after = view[i + 1] if i + 1 < end else " "
            can_open = (before in _OPEN_BEFORE or i == start) and not after.isspace()
            # A closing double mark after a space only in "... 'outreach,' \"": a single quotation closed inside it.
            can_close = i > start and (not before.isspace() or view[i - 2 : i] == "' ")
            if opened is None:
                if can_open:
                    opened = i
            elif can_close:
                found.append(Quotation(opened, i + 1, opened + 1, i, '"', index))
                opened = None
            else:  # a new opening mark: the previous quotation was never closed
                found.append(_unclosed(view, opened, i, index, paragraphs))
                opened = i
        if opened is not None:
            found.append(_unclosed(view, opened, end, index, paragraphs))
    return found


def _unclosed(view, opened, end, index, paragraphs) -> Quotation:
    last = end
    while last > opened + 1 and view[last - 1].isspace():
        last -= 1
    following = paragraphs[index + 1][0] if index + 1 < len(paragraphs) else None
    continues = end == paragraphs[index][1] and following is not None and view[following] == '"'
    return Quotation(opened, last, opened + 1, last, '"', index, closed=False, continues=continues)


def _single_quotes(view: str, paragraphs: list[tuple[int, int]]) -> list[Quotation]:
    found: list[Quotation] = []
    for index, (start, end) in enumerate(paragraphs):
        stack: list[int] = []
        for m in _SINGLE.finditer(view, start, end):
            i = m.start()
            before = view[i - 1] if i > start else " "
            after = view[i + 1] if i + 1 < end else " "
            if before.isalnum() and after.isalnum():
                continue  # an apostrophe inside a word: don't, DPRK's
            if (before in _OPEN_BEFORE or i == start) and after.isalnum():
                stack.append(i)
            elif stack and not before.isspace() and not after.isalnum():
                opened = stack.pop()
                found.append(Quotation(opened, i + 1, opened + 1, i, "'", index))
    return found


def find_quotations(view: str, paragraphs: list[tuple[int, int]]) -> list[Quotation]:
    """Quoted passages (double and single marks), sorted by start.

    Single marks count only when an opening and a closing mark pair up in the same
    paragraph, so apostrophes (``didn't``, ``DPRK's``, ``soldiers'``) are never quotes.

    Examples
    --------
    >>> v = "He said it 'would conform'. \\"We agree,\\" she said. \\"Unclosed"
    >>> [(q.mark, v[q.content_start:q.content_end], q.closed) for q in find_quotations(v, [(0, len(v))])]
    [("'", 'would conform', True), ('"', 'We agree,', True), ('"', 'Unclosed', False)]
    """
    return sorted(_double_quotes(view, paragraphs) + _single_quotes(view, paragraphs), key=lambda q: q.start)


def _quoted_spans(quotations: list[Quotation]) -> list[tuple[int, int]]:
    """Merged content spans of all quotations (nested ones folded into their outer one)."""
    return merge_spans((q.content_start, q.content_end) for q in quotations)


def voice_parts(view: str, start: int, end: int, quotations: list[Quotation]) -> list[tuple[int, int, str]]:
    """Split ``view[start:end]`` into maximal parts inside and outside quotation.

    Returns ``(start, end, voice)`` triples with ``voice`` ``"quote"`` or ``"narrative"``;
    parts without a word character (a lone comma, a quote mark) are dropped, and the
    quotation marks themselves belong to no part.

    Examples
    --------
    >>> v = '"Photos are a serious matter," Putin replied.'
    >>> [(v[s:e], voice) for s, e, voice in voice_parts(v, 0, len(v), find_quotations(v, [(0, len(v))]))]
    [('Photos are a serious matter,', 'quote'), ('Putin replied.', 'narrative')]
    """
    parts: list[tuple[int, int, str]] = []
    cursor = start
    for qs, qe in _quoted_spans(quotations):
        if qe <= start or qs >= end:
            continue
        qs, qe = max(qs, start), min(qe, end)
        _add_part(parts, view, cursor, qs, NARRATIVE)
        _add_part(parts, view, qs, qe, QUOTE)
        cursor = qe
    _add_part(parts, view, cursor, end, NARRATIVE)
    return parts


def _add_part(parts, view, start, end, voice) -> None:
    while start < end and (view[start].isspace() or view[start] in "\"'"):
        start += 1
    while end > start and (view[end - 1].isspace() or view[end - 1] in "\"'"):
        end -= 1
    if end > start and WORD_RE.search(view, start, end):
        parts.append((start, end, voice))


def _sentence_voices(
    view: str, sentences: list[Sentence], sentence_words: list[list[str]], quotations: list[Quotation]
) -> list[str]:
    """``"quote"`` for a sentence more than half of whose words lie inside quotation marks."""
    intervals = _quoted_spans(quotations)
    voices = []
    first = 0
    for s, words in zip(sentences, sentence_words):
        while first < len(intervals) and intervals[first][1] <= s.start:
            first += 1
        quoted_parts = []
        k = first  # indexing, not intervals[first:]: a copy per sentence made long quoted texts quadratic
        while k < len(intervals) and intervals[k][0] < s.end:
            qs, qe = intervals[k]
            quoted_parts.append((max(qs, s.start), min(qe, s.end)))
            k += 1
        voices.append(_voice(view, s, len(words), quoted_parts))
    return voices


def _voice(view: str, s: Sentence, n_words: int, quoted_parts: list[tuple[int, int]]) -> str:
    if not quoted_parts:
        return NARRATIVE
    # When no word character lies outside the quoted parts, all the sentence's words are quoted and
    # the counts need not be made: a word is quoted whole, as the parts are bounded by quote marks
    # (or by whitespace or the sentence's own ends), and a word runs over no quote mark but a single
    # quote between word characters, which would put a word character outside.
    outside = zip([s.start] + [e for _, e in quoted_parts], [b for b, _ in quoted_parts] + [s.end])
    if not any(WORD_RE.search(view, a, b) for a, b in outside):
        return QUOTE if n_words else NARRATIVE
    quoted = sum(count_words(view, a, b) for a, b in quoted_parts)
    return QUOTE if quoted and quoted * 2 > n_words else NARRATIVE


# --------------------------------------------------------------------------- documents


def segment_document(text: str, doc_id: str = "0") -> Segmented:
    """Segment one document into paragraphs, sentences and quotations.

    Examples
    --------
    >>> seg = segment_document('Kim spoke.\\n"It is legal," he said.')
    >>> [seg.sentence_text(i) for i in range(len(seg.sentences))], seg.voices
    (['Kim spoke.', '"It is legal," he said.'], ['narrative', 'quote'])
    """
    view = normalise(text)
    paragraphs = find_paragraphs(view)
    sentences = find_sentences(view, paragraphs)
    quotations = find_quotations(view, paragraphs)
    sentence_words = find_words_in_spans(view, [(s.start, s.end) for s in sentences])
    voices = _sentence_voices(view, sentences, sentence_words, quotations)
    return Segmented(doc_id, text, view, paragraphs, sentences, quotations, sentence_words, voices)


SENTENCE_COLUMNS = ["doc_id", "paragraph", "sentence", "start", "end", "text", "voice"]


def segment_corpus(docs: pd.DataFrame) -> pd.DataFrame:
    """One row per sentence of every document.

    Parameters
    ----------
    docs : pandas.DataFrame
        A corpus with ``doc_id`` and ``text`` columns (see :func:`analysis.load_corpus`).
        Rows whose text is not a string give no sentences.

    Returns
    -------
    pandas.DataFrame
        ``doc_id``; ``paragraph`` and ``sentence`` (0-based indices within the document);
        ``start``, ``end`` (character offsets into the text as given, end exclusive);
        ``text`` (``== doc_text[start:end]``); ``voice`` (``"quote"`` when most of the
        sentence's words are inside quotation marks, else ``"narrative"``).

    Examples
    --------
    >>> docs = pd.DataFrame({"doc_id": ["a"], "text": ["Mr. Kim spoke. He left."]})
    >>> segment_corpus(docs)[["sentence", "start", "end", "text"]].values.tolist()
    [[0, 0, 14, 'Mr. Kim spoke.'], [1, 15, 23, 'He left.']]
    """
    rows = []
    for doc_id, text in zip(docs["doc_id"], docs["text"]):
        if not isinstance(text, str):
            continue
        seg = segment_document(text, doc_id)
        for i, (s, voice) in enumerate(zip(seg.sentences, seg.voices)):
            rows.append((doc_id, s.paragraph, i, s.start, s.end, text[s.start : s.end], voice))
    return pd.DataFrame(rows, columns=SENTENCE_COLUMNS).astype(
        {"paragraph": "int64", "sentence": "int64", "start": "int64", "end": "int64"}
    )


segment = segment_corpus
"""The former name of :func:`segment_corpus`, kept for code that imports it from this module."""
