"""Repetition: repeated paragraphs, sentences, lines and phrases, and near-duplicate documents.

Within a document (:func:`find_repeats`, the pipeline's ``repeats`` table)
    Units are compared on their *normalised words*: the lower-cased words of the offset-true
    view (:data:`analysis.text.WORD_RE`), so spacing, punctuation, case and curly quotes never
    hide a copy.  Three grains, coarsest first:

    - ``paragraph``: a paragraph of at least :data:`MIN_UNIT_WORDS` words.  Exact copies and
      near copies (Jaccard similarity of word :data:`PARAGRAPH_SHINGLE`-gram shingles at least
      :data:`NEAR_THRESHOLD`).
    - ``line``: a paragraph that is one short line (at most :data:`MAX_LINE_WORDS` words)
      without final punctuation: a credit line, byline, dateline or "Advertisement".  Exact
      copies only: near-matching "By John Smith" with "By Jane Smith" would be wrong.
    - ``sentence``: a sentence of at least :data:`MIN_UNIT_WORDS` words, exact or near
      (word :data:`SENTENCE_SHINGLE`-gram shingles, same threshold).

    Each later copy is reported once, pointing at its first occurrence (``first_start``,
    ``first_end``); the first occurrence is never a repeat.  A near copy points at the earliest
    first occurrence it is similar to; copies are only compared with first occurrences, so a
    chain of small edits never drifts away from the original.  **One span, one row**: a
    sentence starting inside a repeated paragraph or line is covered by that row and is not
    reported again at the sentence grain.

    Speed: the words are those segmentation found for each sentence (a paragraph takes its
    sentences' words), and exact copies are found by a dictionary of word sequences (one pass).
    Jaccard >= t needs at least ``t |A|`` of a unit's shingles in the other unit, so a unit with
    fewer of its shingles found in any other unit is nobody's near copy; a few set operations
    tell (first on the words used once in the document, counted for all units at once, which
    rule out about four units in five without shingling them), and on most documents no unit
    is left. Among those left, near copies are found with
    *prefix filtering* (Bayardo, Ma & Srikant 2007, "Scaling up all pairs similarity search",
    WWW): shingles are ordered rarest first, and two units with Jaccard >= t must share a
    shingle among the first ``|A| - ceil(t |A|) + 1`` of each, so only units sharing a rare
    shingle are compared, and every candidate is checked exactly.

Repeated phrases and lexical repetition
    :func:`repeated_phrases` (word n-grams used at least twice in a document, outside its
    repeated passages), :func:`shared_phrases` (n-grams shared by many documents),
    :func:`lexical_repetition` (MATTR, Covington & McFall 2010) and :func:`repeated_words`
    (most repeated content words; stopwords from the Snowball English list,
    ``data/stopwords_en.txt``).

Across documents
    :func:`near_duplicates` finds pairs of documents whose word 5-gram shingle sets have a
    Jaccard similarity at least ``threshold``: datasketch MinHash signatures and MinHashLSH
    propose candidates, and every candidate is checked with the exact Jaccard of the two
    shingle sets, so no LSH false positive is ever reported.  With ``measure="containment"``
    it reports pairs in which most of the smaller document is found in the other (a story
    reused inside a longer one), with candidates from datasketch's LSH Ensemble.
    :func:`duplicate_clusters` groups the pairs into connected components.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterator
from functools import cache
from itertools import accumulate, chain
from operator import attrgetter
from typing import TYPE_CHECKING, NamedTuple

import numpy as np
import pandas as pd

from analysis import minhash
from analysis.corpus import load_corpus
from analysis.minhash import MAX_MISS as MAX_MISS  # kept here too: users read the repetition constants here
from analysis.minhash import NUM_PERM, SEED, lsh_bands
from analysis.resources import read_lines
from analysis.segment import Segmented, segment_document
from analysis.text import WORD_RE, find_words, inside, merge_spans

# datasketch (which imports scipy.integrate) and scipy.sparse are imported where they are used:
# `import analysis` stays fast, and the per-document measures need neither.
if TYPE_CHECKING:
    from datasketch import LeanMinHash


def ngrams(sequence: list, n: int) -> Iterator[tuple]:
    """The runs of ``n`` consecutive items of ``sequence``, as tuples in order (what
    ``nltk.util.ngrams`` gives without padding; nltk itself takes most of a second to import).

    >>> list(ngrams(["a", "b", "c"], 2)), list(ngrams(["a"], 2))
    ([('a', 'b'), ('b', 'c')], [])
    """
    return zip(*(sequence[offset:] for offset in range(n)))


__all__ = [
    "find_repeats",
    "paragraph_similarity",
    "repeated_phrases",
    "shared_phrases",
    "lexical_repetition",
    "repeated_words",
    "near_duplicates",
    "duplicate_clusters",
    "lsh_bands",
]

NEAR_THRESHOLD = 0.8
"""Jaccard similarity from which two units (or documents) count as near copies."""
PARAGRAPH_SHINGLE = 5
"""Shingle size (words) for paragraphs and documents: the usual size for near-duplicate news."""
SENTENCE_SHINGLE = 2
"""Shingle size for sentences: with 5-word shingles one changed word removes up to five of a
20-word sentence's 16 shingles, so no edited sentence could ever reach 0.8; with 2-word
shingles one changed word in a sentence of 20 words or more still does."""
MIN_UNIT_WORDS = 5
"""Paragraphs and sentences shorter than this ("Yes.", "He declined.") are not tested: short
stock sentences recur in honest writing and are not copies."""
MAX_LINE_WORDS = 12
"""A one-line paragraph of at most this many words without final punctuation is a ``line``."""
_FINAL_PUNCT = ".!?\u2026"
_CLOSERS = "\"')]"


# --------------------------------------------------------------------------- units and shingles


def _lowered(words: list[str]) -> tuple[str, ...]:
    # One lower() over the words joined by spaces is each word lower-cased (no character lowers to
    # or across a space, and a final sigma is told by its neighbours inside its word either way),
    # without a call per word.
    return tuple(" ".join(words).lower().split(" ")) if words else ()


class _Words(NamedTuple):
    """The normalised words of a document's paragraphs and sentences, and how many of each unit's
    words are found nowhere else in the document (words used once in it)."""

    paragraphs: list[tuple[str, ...]]
    sentences: list[tuple[str, ...]]
    paragraph_unique: list[int]
    sentence_unique: list[int]


def _lowered_sentences(sentence_words: list[list[str]]) -> tuple[tuple[str, ...], list[int]]:
    """All the words of the sentences lower-cased, in order, and where each sentence's words start
    (with the end of the last): sentence ``i`` holds ``words[bounds[i] : bounds[i + 1]]``."""
    words = _lowered(list(chain.from_iterable(sentence_words)))  # one call for the whole document
    return words, [0, *accumulate(map(len, sentence_words))]


def _document_words(seg: Segmented) -> _Words:
    """Normalised words of every paragraph and every sentence, from the words segmentation found."""
    view = seg.view
    flat, bounds = _lowered_sentences(seg.sentence_words)
    sentence_words = list(map(flat.__getitem__, map(slice, bounds, bounds[1:])))
    in_paragraph: dict[int, list[int]] = {}
    for i, paragraph in enumerate(map(attrgetter("paragraph"), seg.sentences)):
        in_paragraph.setdefault(paragraph, []).append(i)
    counts = Counter(flat)
    paragraph_words = []
    for p, (start, end) in enumerate(seg.paragraphs):
        members = in_paragraph.get(p)
        if members and _split_at_whitespace(view, start, end, [seg.sentences[i] for i in members]):
            paragraph_words.append(tuple(chain.from_iterable(map(sentence_words.__getitem__, members))))
        else:
            words = _lowered(find_words(view, start, end))
            counts.update(words)
            paragraph_words.append(words)
    # A word counted once among the sentences' words and those of the paragraphs found afresh is
    # in one unit of each grain only: how many of those a unit holds is all the search for near
    # copies asks first (_word_candidates).
    once = {word for word, n in counts.items() if n == 1}
    return _Words(
        paragraph_words,
        sentence_words,
        list(map(len, map(once.intersection, paragraph_words))),
        list(map(len, map(once.intersection, sentence_words))),
    )


def _split_at_whitespace(view: str, start: int, end: int, sentences: list) -> bool:
    """Whether the sentences cover the paragraph up to whitespace, each next to whitespace or an edge.

    Then the paragraph's words are its sentences' words: a word never holds whitespace, and a
    match stopping at whitespace stops the same way at the end of a span.
    """
    edge = start
    for s in sentences:
        if s.start < edge or s.end < s.start or (s.start == edge and edge != start):
            return False  # overlapping, reversed, or touching the previous sentence
        if s.start > edge and not view[edge : s.start].isspace():
            return False
        edge = s.end
    return edge == end or (edge < end and view[edge:end].isspace())


def _shingles(words: tuple[str, ...], size: int) -> frozenset[tuple[str, ...]]:
    """Word ``size``-grams of ``words``; a unit shorter than one shingle is one shingle (itself)."""
    if not words:
        return frozenset()
    if len(words) < size:
        return frozenset([words])
    return frozenset(zip(*[words[i:] for i in range(size)]))


def _jaccard(a: frozenset, b: frozenset) -> float:
    shared = len(a & b)
    return shared / (len(a) + len(b) - shared) if shared else 0.0


def _min_overlap(size: int, threshold: float) -> int:
    # The smallest overlap a set of this size needs with a set of at least its size to reach the
    # threshold; the tiny epsilon keeps 0.8 * 15 = 12.000000000000002 from rounding up to 13.
    return max(1, math.ceil(threshold * size - 1e-9))


class _Unit(NamedTuple):  # a named tuple: built for every sentence, and cheaper to build than a dataclass
    unit: str
    start: int
    end: int
    words: tuple[str, ...]
    near: bool  # whether near copies are looked for (exact copies always are)
    unique: int  # how many of its words are found nowhere else in the document


def _is_line(view: str, start: int, end: int, n_words: int) -> bool:
    body = view[start:end].rstrip(_CLOSERS + " ")
    return "\n" not in view[start:end] and n_words <= MAX_LINE_WORDS and not body.endswith(tuple(_FINAL_PUNCT))


def _paragraph_units(seg: Segmented, words: _Words) -> list[_Unit]:
    units = []
    for (start, end), own, unique in zip(seg.paragraphs, words.paragraphs, words.paragraph_unique):
        if not own:
            continue
        if _is_line(seg.view, start, end, len(own)):
            units.append(_Unit("line", start, end, own, False, unique))
        elif len(own) >= MIN_UNIT_WORDS:
            units.append(_Unit("paragraph", start, end, own, True, unique))
    return units


def _sentence_units(seg: Segmented, words: _Words) -> list[_Unit]:
    return [
        _Unit("sentence", s.start, s.end, own, True, unique)
        for s, own, unique in zip(seg.sentences, words.sentences, words.sentence_unique)
        if len(own) >= MIN_UNIT_WORDS
    ]


def _later_copies(
    units: list[_Unit], shingle_size: int, covered: list[tuple[int, int]]
) -> list[tuple[_Unit, _Unit, float]]:
    """(later copy, its first occurrence, similarity) among units in document order."""
    if covered:  # a unit starting inside a covered region is neither a copy nor a first occurrence
        units = [u for u in units if not inside(u.start, covered)]
    shingles = _matchable_shingles(units, shingle_size)
    if not shingles:  # exact copies only
        return _exact_copies(units)
    frequency = Counter(chain.from_iterable(shingles.values()))
    # One global order, rarest first (ties in first-seen order: sorted is stable), as prefix filtering requires.
    rank = {s: r for r, s in enumerate(sorted(frequency, key=frequency.__getitem__))}

    def prefix(i: int) -> list[tuple[str, ...]]:
        ordered = sorted(shingles[i], key=rank.__getitem__)
        return ordered[: len(ordered) - _min_overlap(len(ordered), NEAR_THRESHOLD) + 1]

    first_by_words: dict[tuple[str, ...], int] = {}
    index: dict[tuple[str, ...], list[int]] = {}  # prefix shingle -> first occurrences holding it
    copies = []
    for i, unit in enumerate(units):
        j = first_by_words.get(unit.words)
        if j is not None:
            copies.append((unit, units[j], 1.0))
            continue
        if i in shingles:
            own_prefix = prefix(i)
            match = _best_earlier(i, own_prefix, shingles, index)
            if match is not None:
                copies.append((unit, units[match[0]], match[1]))
                continue
            for s in own_prefix:
                index.setdefault(s, []).append(i)
        first_by_words[unit.words] = i
    return copies


def _exact_copies(units: list[_Unit]) -> list[tuple[_Unit, _Unit, float]]:
    first_by_words: dict[tuple[str, ...], _Unit] = {}
    copies = []
    for unit in units:
        first = first_by_words.setdefault(unit.words, unit)
        if first is not unit:
            copies.append((unit, first, 1.0))
    return copies


def _in_two_or_more(sets) -> set:
    """The items found in at least two of ``sets``, in one pass."""
    seen: set = set()
    shared: set = set()
    for own in sets:
        shared |= seen & own
        seen |= own
    return shared


def _matchable_shingles(units: list[_Unit], shingle_size: int) -> dict[int, frozenset]:
    """Shingle sets of the near-matched units that could reach the threshold with another unit.

    Jaccard >= t needs at least ``t * max(|A|, |B|)`` shared shingles, so a unit with fewer of its
    shingles found in any other unit is nobody's near copy: most units of most documents, whose
    search then costs a few set operations.  Only the units :func:`_word_candidates` keeps are
    shingled.
    """
    candidates = _word_candidates(units, shingle_size)
    if len(candidates) < 2:
        return {}
    shingles = {i: _shingles(units[i].words, shingle_size) for i in candidates}
    shared = _in_two_or_more(shingles.values())
    if not shared:
        return {}
    matchable = {
        i: own for i, own in shingles.items() if len(own & shared) >= _min_overlap(len(own), NEAR_THRESHOLD)
    }
    return matchable if len(matchable) > 1 else {}


def _word_candidates(units: list[_Unit], shingle_size: int) -> list[int]:
    """The near-matched units that could share enough shingles with another unit, told from words.

    A shingle two units share is made of words both hold.  Of a unit's ``q`` distinct words found
    in no other unit, all but at most ``shingle_size - 1`` (those first seen in its last
    ``shingle_size - 1`` words) start a window at their first occurrence, and these windows are
    distinct shingles (their first words differ) that nobody shares.  A unit of ``P`` windows has
    at most ``P`` distinct shingles, of which at most ``P - ceil(t P)`` may be unshared for it to
    reach the threshold with anyone (:func:`_matchable_shingles`); a unit with more is nobody's
    near copy.  Both units of a pair that reaches the threshold are kept, so the copies found are
    those of shingling every unit.  The words counted are those used once in the whole document
    (``_Unit.unique``, counted for all units in one pass): fewer than ``q`` at most, so no unit
    that could match is ruled out, and on news this leaves about one unit in five to shingle.
    """
    return [
        i
        for i, unit in enumerate(units)
        if unit.near and unit.unique <= _most_unique_words(len(unit.words), shingle_size)
    ]


@cache
def _most_unique_words(n_words: int, shingle_size: int) -> int:
    """The most words found in no other unit that a unit of ``n_words`` may hold and still reach
    the threshold with another unit (see :func:`_word_candidates`)."""
    windows = max(1, n_words - shingle_size + 1)
    return windows - _min_overlap(windows, NEAR_THRESHOLD) + shingle_size - 1


def _best_earlier(i: int, own_prefix: list, shingles: dict, index: dict) -> tuple[int, float] | None:
    """The earliest first occurrence whose exact Jaccard with unit ``i`` reaches the threshold."""
    size = len(shingles[i])
    candidates = sorted({j for s in own_prefix for j in index.get(s, ())})
    for j in candidates:
        other = len(shingles[j])
        if not NEAR_THRESHOLD * size <= other * (1 + 1e-9) or not NEAR_THRESHOLD * other <= size * (1 + 1e-9):
            continue  # sizes too different for the threshold to be reachable
        similarity = _jaccard(shingles[i], shingles[j])
        if similarity >= NEAR_THRESHOLD:
            return j, similarity
    return None


def _row(seg: Segmented, copy: _Unit, first: _Unit, similarity: float) -> dict:
    return {
        "unit": copy.unit,
        "start": copy.start,
        "end": copy.end,
        "text": seg.text[copy.start : copy.end],
        "first_start": first.start,
        "first_end": first.end,
        "similarity": similarity,
    }


def find_repeats(seg: Segmented) -> list[dict]:
    """Later copies of repeated paragraphs, lines and sentences in one document.

    Parameters
    ----------
    seg : analysis.segment.Segmented
        A segmented document (:func:`analysis.segment_document`).

    Returns
    -------
    list of dict
        One dict per later copy, in document order: ``unit`` (``"paragraph"``, ``"line"`` or
        ``"sentence"``), ``start``, ``end`` (offsets of the copy; ``text`` is
        ``seg.text[start:end]``), ``first_start``, ``first_end`` (the first occurrence it
        repeats) and ``similarity`` (1.0 for an exact copy of the normalised words, else the
        Jaccard similarity of word shingles, at least 0.8).  A sentence inside a repeated
        paragraph or line is not reported again.  See the module docstring for the rules.

    Examples
    --------
    >>> from analysis.segment import segment_document
    >>> text = "By Ann Lee\\n\\nThe council met on Monday to vote.\\n\\nBy Ann Lee"
    >>> [(r["unit"], r["text"], r["first_start"]) for r in find_repeats(segment_document(text))]
    [('line', 'By Ann Lee', 0)]
    """
    words = _document_words(seg)
    paragraph_copies = _later_copies(_paragraph_units(seg, words), PARAGRAPH_SHINGLE, [])
    covered = merge_spans((copy.start, copy.end) for copy, _, _ in paragraph_copies)
    sentence_copies = _later_copies(_sentence_units(seg, words), SENTENCE_SHINGLE, covered)
    rows = [_row(seg, *c) for c in paragraph_copies + sentence_copies]
    return sorted(rows, key=lambda r: r["start"])


# --------------------------------------------------------------------------- one document, figures


def paragraph_similarity(text: str) -> pd.DataFrame:
    """Jaccard similarity of every pair of paragraphs of one document (for a heatmap).

    Parameters
    ----------
    text : str
        One document, exactly as given.

    Returns
    -------
    pandas.DataFrame
        Square, indexed and labelled by paragraph number (0-based, as in ``sentences.paragraph``):
        the Jaccard similarity of the two paragraphs' word 5-gram shingles on normalised,
        lower-cased words (a paragraph shorter than five words is one shingle, itself).  The
        diagonal is 1 for paragraphs with words; a paragraph without words is 0 everywhere.
        Quadratic in the number of paragraphs: meant to draw one document.

    Examples
    --------
    >>> paragraph_similarity("One two three four five six.\\n\\nOther words here.\\n\\nOne two three four five six.")
    paragraph    0    1    2
    paragraph...
    0          1.0  0.0  1.0
    1          0.0  1.0  0.0
    2          1.0  0.0  1.0
    """
    from scipy import sparse

    seg = segment_document(text)
    sets = [_shingles(words, PARAGRAPH_SHINGLE) for words in _document_words(seg).paragraphs]
    vocabulary: dict[tuple[str, ...], int] = {}
    rows = [i for i, s in enumerate(sets) for _ in s]
    columns = [vocabulary.setdefault(sh, len(vocabulary)) for s in sets for sh in s]
    incidence = sparse.csr_matrix(
        (np.ones(len(rows)), (rows, columns)), shape=(len(sets), max(1, len(vocabulary)))
    )
    shared = (incidence @ incidence.T).toarray()
    sizes = np.array([len(s) for s in sets], dtype=float)
    union = sizes[:, None] + sizes[None, :] - shared
    similarity = np.divide(shared, union, out=np.zeros_like(shared), where=union > 0)
    labels = pd.RangeIndex(len(sets), name="paragraph")
    return pd.DataFrame(similarity, index=labels, columns=labels.copy())


# --------------------------------------------------------------------------- phrases and words


@cache
def _stopwords() -> frozenset[str]:
    return frozenset(read_lines("stopwords_en.txt"))


def _texts(docs) -> Iterator[tuple[str, str]]:
    corpus = load_corpus(docs)
    for doc_id, text in zip(corpus["doc_id"], corpus["text"]):
        if isinstance(text, str):
            yield doc_id, text


def _counted_sentences(text: str) -> list[list[tuple[str, int, int]]]:
    """Words (lower-cased, start, end) of each sentence outside the document's repeated passages,
    exactly the sentences that ``analyze(dedupe=True)`` counts."""
    seg = segment_document(text)
    regions = merge_spans((r["start"], r["end"]) for r in find_repeats(seg))
    return [
        [(m.group().lower(), m.start(), m.end()) for m in WORD_RE.finditer(seg.view, s.start, s.end)]
        for s in seg.sentences
        if not inside(s.start, regions)
    ]


def _phrases(sentences: list[list[tuple[str, int, int]]], n: int) -> Iterator[tuple[str, int, int]]:
    """Word n-grams within sentences, skipping those made only of stopwords ("at the end of")."""
    stop = _stopwords()
    for words in sentences:
        for gram in ngrams(words, n):
            if not all(w in stop for w, _, _ in gram):
                yield " ".join(w for w, _, _ in gram), gram[0][1], gram[-1][2]


def repeated_phrases(docs, *, n: int = 4, min_count: int = 2) -> pd.DataFrame:
    """Word n-grams used at least ``min_count`` times within a document.

    Counted on normalised lower-cased words, within sentences, outside the document's repeated
    passages (a paragraph pasted twice does not make all its phrases "repeated"); n-grams made
    only of stopwords are skipped.  Overlapping n-grams of one longer repeated phrase are each
    listed.

    Parameters
    ----------
    docs : pandas.DataFrame, str, pathlib.Path or list of str
        Anything :func:`analysis.load_corpus` accepts.
    n : int, default 4
        Words per phrase.
    min_count : int, default 2
        Uses within one document from which a phrase is listed.

    Returns
    -------
    pandas.DataFrame
        ``doc_id``, ``phrase`` (lower-cased words joined by one space), ``count``,
        ``first_start``, ``first_end`` (offsets of its first use in the text as given);
        by document, then most used first.

    Examples
    --------
    >>> text = "The price of bread rose again. Shops said the price of bread was fair."
    >>> repeated_phrases(text)[["phrase", "count", "first_start"]].values.tolist()
    [['the price of bread', 2, 0]]
    """
    rows = []
    for doc_id, text in _texts(docs):
        counts: Counter[str] = Counter()
        first: dict[str, tuple[int, int]] = {}
        for phrase, start, end in _phrases(_counted_sentences(text), n):
            counts[phrase] += 1
            first.setdefault(phrase, (start, end))
        rows += [
            {"doc_id": doc_id, "phrase": p, "count": c, "first_start": first[p][0], "first_end": first[p][1]}
            for p, c in counts.items()
            if c >= min_count
        ]
    table = pd.DataFrame(rows, columns=["doc_id", "phrase", "count", "first_start", "first_end"])
    order = {doc_id: i for i, doc_id in enumerate(dict.fromkeys(table["doc_id"]))}
    return (
        table.assign(_doc=table["doc_id"].map(order))
        .sort_values(["_doc", "count", "first_start"], ascending=[True, False, True], kind="stable")
        .drop(columns="_doc")
        .reset_index(drop=True)
    )


def shared_phrases(docs, *, n: int = 4, min_docs: int = 2) -> pd.DataFrame:
    """Word n-grams that appear in at least ``min_docs`` documents of a corpus.

    Same phrases as :func:`repeated_phrases` (normalised words, within sentences, outside each
    document's repeated passages, not only stopwords).  Near-duplicate documents share all
    their phrases: drop them first (:func:`duplicate_clusters`) to see phrases reused across
    different stories.

    Parameters
    ----------
    docs : pandas.DataFrame, str, pathlib.Path or list of str
        Anything :func:`analysis.load_corpus` accepts.
    n : int, default 4
        Words per phrase.
    min_docs : int, default 2
        Documents from which a phrase is listed.

    Returns
    -------
    pandas.DataFrame
        ``phrase``, ``n_docs`` (documents using it), ``count`` (uses in all documents),
        ``first_doc`` (the first document using it); most widely shared first.

    Examples
    --------
    >>> docs = ["Talks ended without a deal on Monday.", "Again talks ended without a deal."]
    >>> shared_phrases(docs).values.tolist()
    [['talks ended without a', 2, 2, '0'], ['ended without a deal', 2, 2, '0']]
    """
    n_docs: Counter[str] = Counter()
    count: Counter[str] = Counter()
    first_doc: dict[str, str] = {}
    for doc_id, text in _texts(docs):
        used = Counter(phrase for phrase, _, _ in _phrases(_counted_sentences(text), n))
        n_docs.update(used.keys())
        count.update(used)
        for phrase in used:
            first_doc.setdefault(phrase, doc_id)
    rows = [(p, d, count[p], first_doc[p]) for p, d in n_docs.items() if d >= min_docs]
    table = pd.DataFrame(rows, columns=["phrase", "n_docs", "count", "first_doc"])
    return table.sort_values(["n_docs", "count"], ascending=False, kind="stable").reset_index(drop=True)


def _mattr(words: list[str], window: int) -> float:
    """Moving-average type-token ratio: the mean TTR of every window of ``window`` words."""
    if len(words) <= window:
        return len(set(words)) / len(words) if words else float("nan")
    counts = Counter(words[:window])
    total = len(counts)
    for old, new in zip(words, words[window:]):
        counts[old] -= 1
        if not counts[old]:
            del counts[old]
        counts[new] += 1
        total += len(counts)
    return total / ((len(words) - window + 1) * window)


def lexical_repetition(docs, *, window: int = 50) -> pd.DataFrame:
    """Type-token ratio and MATTR of each document's counted words.

    MATTR, the moving-average type-token ratio (Covington & McFall 2010, "Cutting the Gordian
    knot: the moving-average type-token ratio (MATTR)", Journal of Quantitative Linguistics
    17(2)), is the mean share of distinct words in every run of ``window`` consecutive words;
    unlike the plain TTR it does not fall just because a text is longer.  Lower means more
    repetitive wording.  Words are normalised and lower-cased, outside repeated passages.

    Parameters
    ----------
    docs : pandas.DataFrame, str, pathlib.Path or list of str
        Anything :func:`analysis.load_corpus` accepts.
    window : int, default 50
        Window length in words; a document shorter than the window gets its plain TTR.

    Returns
    -------
    pandas.DataFrame
        ``doc_id``, ``n_words`` (words counted), ``n_types`` (distinct words), ``ttr``,
        ``mattr`` (NaN for a document without words); one row per document in input order.

    Examples
    --------
    >>> lexical_repetition(["No, no, no, yes.", "One two three."], window=2).round(3).values.tolist()
    [['0', 4, 2, 0.5, 0.667], ['1', 3, 3, 1.0, 1.0]]
    """
    rows = []
    for doc_id, text in load_corpus(docs)[["doc_id", "text"]].itertuples(index=False):
        words = [w for s in _counted_sentences(text) for w, _, _ in s] if isinstance(text, str) else []
        n_types = len(set(words))
        rows.append(
            {
                "doc_id": doc_id,
                "n_words": len(words),
                "n_types": n_types,
                "ttr": n_types / len(words) if words else float("nan"),
                "mattr": _mattr(words, window),
            }
        )
    return pd.DataFrame(rows, columns=["doc_id", "n_words", "n_types", "ttr", "mattr"])


def repeated_words(docs, *, top: int = 10) -> pd.DataFrame:
    """The most repeated content words of each document.

    Content words are normalised lower-cased words with a letter, of two characters or more,
    that are not on the Snowball English stopword list (``data/stopwords_en.txt``); counted
    outside repeated passages.  Ties keep the order of first use.

    Parameters
    ----------
    docs : pandas.DataFrame, str, pathlib.Path or list of str
        Anything :func:`analysis.load_corpus` accepts.
    top : int, default 10
        Words listed per document (only words used at least twice).

    Returns
    -------
    pandas.DataFrame
        ``doc_id``, ``rank`` (1 = most used), ``word``, ``count``.

    Examples
    --------
    >>> repeated_words("Rates rose. The bank said rates would rise again, the bank said.").values.tolist()
    [['0', 1, 'rates', 2], ['0', 2, 'bank', 2], ['0', 3, 'said', 2]]
    """
    stop = _stopwords()
    rows = []
    for doc_id, text in _texts(docs):
        counts = Counter(
            w
            for s in _counted_sentences(text)
            for w, _, _ in s
            if len(w) > 1 and w not in stop and any(c.isalpha() for c in w)
        )
        ranked = [(w, c) for w, c in counts.most_common(top) if c >= 2]
        rows += [{"doc_id": doc_id, "rank": i, "word": w, "count": c} for i, (w, c) in enumerate(ranked, 1)]
    return pd.DataFrame(rows, columns=["doc_id", "rank", "word", "count"])


# --------------------------------------------------------------------------- across documents

_TOKEN_CHUNK = 2000  # documents tokenised at once: bounds the memory held by words


def _shingle_fingerprints(texts: list) -> list[np.ndarray]:
    """Per document, the sorted distinct 64-bit fingerprints of its word 5-gram shingles.

    Words are those of :func:`analysis.minhash.words` (runs of ``\\w`` in the lower-cased text);
    they are numbered and each run of five is hashed by :func:`analysis.minhash.rolling_hash`,
    all in numpy.  Two different shingles share a fingerprint with probability about 2**-64,
    so Jaccard on fingerprints is the Jaccard of the shingles.  A document with fewer than
    five words has no shingles.  Documents are read in chunks, so only the fingerprints (8
    bytes a shingle) are kept for the whole corpus, never its words.
    """
    vocabulary: dict[str, int] = {}
    out: list[np.ndarray] = []
    for start in range(0, len(texts), _TOKEN_CHUNK):
        out += _chunk_fingerprints(texts[start : start + _TOKEN_CHUNK], vocabulary)
    return out


def _chunk_fingerprints(texts: list, vocabulary: dict[str, int]) -> list[np.ndarray]:
    k = PARAGRAPH_SHINGLE
    words = [minhash.words(text) for text in texts]
    lengths = np.array([len(w) for w in words], dtype=np.int64)
    if lengths.sum() < k:
        return [np.empty(0, dtype=np.uint64) for _ in texts]
    codes, uniques = pd.factorize(np.fromiter(chain.from_iterable(words), dtype=object, count=int(lengths.sum())))
    # Chunk-local codes to corpus-wide word numbers: one dictionary look-up per distinct word.
    numbers = np.fromiter((vocabulary.setdefault(w, len(vocabulary)) for w in uniques), np.uint64, len(uniques))
    word_ids = numbers[codes] + np.uint64(1)
    n_starts = len(word_ids) - k + 1
    fingerprint = minhash.rolling_hash(word_ids[offset : offset + n_starts] for offset in range(k))
    ends = np.cumsum(lengths)
    doc = np.repeat(np.arange(len(texts)), lengths)[:n_starts]
    within = np.arange(n_starts) + k <= ends[doc]  # the shingle does not cross into the next document
    doc, fingerprint = doc[within], fingerprint[within]
    bounds = np.concatenate([[0], np.cumsum(np.bincount(doc, minlength=len(texts)))])
    # Sorting each document's block is much faster than one lexsort on (document, fingerprint).
    fingerprint = np.concatenate([np.sort(fingerprint[bounds[i] : bounds[i + 1]]) for i in range(len(texts))])
    distinct = np.ones(len(doc), dtype=bool)
    distinct[1:] = (doc[1:] != doc[:-1]) | (fingerprint[1:] != fingerprint[:-1])
    doc, fingerprint = doc[distinct], fingerprint[distinct]
    bounds = np.concatenate([[0], np.cumsum(np.bincount(doc, minlength=len(texts)))])
    return [fingerprint[bounds[i] : bounds[i + 1]] for i in range(len(texts))]


def _jaccard_candidates(sketches: list[LeanMinHash], threshold: float) -> set[tuple[int, int]]:
    from datasketch import MinHashLSH

    lsh = MinHashLSH(num_perm=NUM_PERM, params=lsh_bands(threshold))
    with lsh.insertion_session() as session:
        for i, sketch in enumerate(sketches):
            session.insert(i, sketch, check_duplication=False)
    return {(i, j) for i, sketch in enumerate(sketches) for j in lsh.query(sketch) if j > i}


def _containment_candidates(sketches: list[LeanMinHash], sizes: list[int], threshold: float) -> set[tuple[int, int]]:
    """Pairs in which one document may be contained in the other (datasketch LSH Ensemble,
    Zhu et al. 2016, "LSH Ensemble: Internet-scale domain search", VLDB)."""
    from datasketch import MinHashLSHEnsemble

    ensemble = MinHashLSHEnsemble(threshold=threshold, num_perm=NUM_PERM, num_part=16, weights=(0.1, 0.9))
    ensemble.index([(i, sketch, size) for i, (sketch, size) in enumerate(zip(sketches, sizes))])
    return {
        (min(i, j), max(i, j))
        for i, (sketch, size) in enumerate(zip(sketches, sizes))
        for j in ensemble.query(sketch, size)
        if j != i
    }


def near_duplicates(docs, *, threshold: float = NEAR_THRESHOLD, measure: str = "jaccard") -> pd.DataFrame:
    """Pairs of near-duplicate documents: word 5-gram Jaccard similarity at least ``threshold``.

    Each document's shingles are the distinct runs of five lower-cased words.  MinHash
    signatures (80 permutations) in a datasketch MinHashLSH index propose candidate pairs (the
    banding is chosen so that a pair at exactly the threshold is missed with probability at
    most 0.5%: 16 bands of 5 rows for 0.8, which misses a pair at 0.8 with probability 0.2% and
    one at 0.9 with 1e-6).  Every candidate's similarity is then computed exactly from the two
    shingle sets, so every reported pair really reaches the threshold.  Time and memory grow
    linearly with the corpus (plus the pairs found); there is no all-pairs loop.  Documents
    with fewer than five words (empty, one word, missing) have no shingles and are never paired.

    Parameters
    ----------
    docs : pandas.DataFrame, str, pathlib.Path or list of str
        Anything :func:`analysis.load_corpus` accepts.
    threshold : float, default 0.8
        Smallest similarity (or containment) reported; in (0, 1].
    measure : {"jaccard", "containment"}, default "jaccard"
        ``"containment"`` reports pairs whose containment reaches the threshold instead: an
        agency story reused inside a longer article, whose Jaccard similarity is low.
        Candidates then come from a datasketch LSH Ensemble, which is slower and whose recall
        is measured, not guaranteed (``scripts/bench_near_duplicates.py``).

    Returns
    -------
    pandas.DataFrame
        ``doc_a``, ``doc_b`` (``doc_a`` comes first in the corpus), ``similarity`` (exact
        Jaccard of the shingle sets), ``containment`` (exact share of the smaller document's
        shingles found in the other: 1.0 when one is wholly inside the other); ordered by
        ``doc_a`` then ``doc_b`` in corpus order.

    Examples
    --------
    >>> story = "The central bank raised its main interest rate by a quarter point on Thursday."
    >>> near_duplicates([story, "Sport news: the match was a draw.", story + " Markets rose.", ""])
    ... # doctest: +NORMALIZE_WHITESPACE
      doc_a doc_b  similarity  containment
    0     0     2    0.833333          1.0
    >>> longer = story + " Shares in banks rose sharply after the decision, while the pound fell."
    >>> near_duplicates([story, longer]).empty
    True
    >>> near_duplicates([story, longer], measure="containment").round(2).values.tolist()
    [['0', '1', 0.45, 1.0]]
    """
    if not 0 < threshold <= 1:
        raise ValueError(f"threshold must be in (0, 1], found {threshold}")
    if measure not in ("jaccard", "containment"):
        raise ValueError(f'measure must be "jaccard" or "containment", found {measure!r}')
    from datasketch import LeanMinHash

    corpus = load_corpus(docs)
    doc_ids = corpus["doc_id"].tolist()
    shingle_sets = _shingle_fingerprints(corpus["text"].tolist())
    documents = [i for i, s in enumerate(shingle_sets) if len(s)]
    sketches = [
        LeanMinHash(seed=SEED, hashvalues=signature, scheme="affine32")
        for signature in minhash.signatures([shingle_sets[d] for d in documents])
    ]
    if not sketches:
        candidates = set()
    elif measure == "jaccard":
        candidates = _jaccard_candidates(sketches, threshold)
    else:
        candidates = _containment_candidates(sketches, [len(shingle_sets[d]) for d in documents], threshold)
    rows = []
    for a, b in candidates:
        i, j = documents[a], documents[b]
        small, large = sorted((len(shingle_sets[i]), len(shingle_sets[j])))
        if measure == "jaccard" and small < threshold * large:
            continue  # Jaccard is at most small / large
        shared = len(np.intersect1d(shingle_sets[i], shingle_sets[j], assume_unique=True))
        similarity, containment = shared / (small + large - shared), shared / small
        if (similarity if measure == "jaccard" else containment) >= threshold:
            rows.append((i, j, similarity, containment))
    rows.sort()
    return pd.DataFrame(
        [(doc_ids[i], doc_ids[j], s, c) for i, j, s, c in rows],
        columns=["doc_a", "doc_b", "similarity", "containment"],
    )


def duplicate_clusters(docs, *, threshold: float = NEAR_THRESHOLD, pairs: pd.DataFrame | None = None) -> pd.DataFrame:
    """Group documents into clusters of near duplicates (connected components of the pairs).

    Two documents share a cluster when a chain of :func:`near_duplicates` pairs links them, so
    a cluster may hold two documents that are each a near copy of a third but less similar to
    each other.

    Parameters
    ----------
    docs : pandas.DataFrame, str, pathlib.Path or list of str
        Anything :func:`analysis.load_corpus` accepts.
    threshold : float, default 0.8
        As for :func:`near_duplicates`.
    pairs : pandas.DataFrame, optional
        The corpus's :func:`near_duplicates` table, when already computed (``threshold`` is
        then not used): the clusters are built from it instead of computing it again.

    Returns
    -------
    pandas.DataFrame
        One row per document in corpus order: ``doc_id``, ``cluster`` (0, 1, ... in order of
        the clusters' first documents), ``cluster_size`` (1 for a document without near
        duplicates), ``representative`` (the cluster's first document in corpus order: keep
        the representatives to deduplicate a corpus).

    Examples
    --------
    >>> story = "The central bank raised its main interest rate by a quarter point on Thursday."
    >>> duplicate_clusters(["Other news today.", story, story]).values.tolist()
    [['0', 0, 1, '0'], ['1', 1, 2, '1'], ['2', 1, 2, '1']]
    """
    from scipy import sparse
    from scipy.sparse.csgraph import connected_components

    corpus = load_corpus(docs)
    doc_ids = corpus["doc_id"].tolist()
    if pairs is None:
        pairs = near_duplicates(corpus, threshold=threshold)
    position = {doc_id: i for i, doc_id in enumerate(doc_ids)}
    a = pairs["doc_a"].map(position).to_numpy(dtype=np.int64)
    b = pairs["doc_b"].map(position).to_numpy(dtype=np.int64)
    graph = sparse.coo_matrix((np.ones(len(a)), (a, b)), shape=(len(doc_ids), len(doc_ids)))
    _, labels = connected_components(graph, directed=False)
    _, first_member, labels = np.unique(labels, return_index=True, return_inverse=True)
    # Number clusters by their first document, so the numbering follows the corpus order.
    rank = np.argsort(np.argsort(first_member))
    cluster = rank[labels]
    sizes = np.bincount(cluster)
    first_of_cluster = np.sort(first_member)
    return pd.DataFrame(
        {
            "doc_id": doc_ids,
            "cluster": cluster,
            "cluster_size": sizes[cluster],
            "representative": [doc_ids[first_of_cluster[c]] for c in cluster],
        }
    )
