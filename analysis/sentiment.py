"""Sentiment: VADER scores per sentence, aggregated by voice, paragraph and document.

VADER (Hutto & Gilbert 2014) is a lexicon of about 7,500 words rated by people from -4
to +4, plus a few rules (negation, degree adverbs, "but", capitals, ``!`` and ``?``).
A text's *compound* score is the sum of its words' adjusted valences squashed into
-1..+1 by ``x / sqrt(x**2 + 15)``.  Because that sum grows with length, a whole news
article usually lands near -1 or +1 (69% of BBC articles score beyond |0.9|, see
``docs/sentiment.md``); we therefore score every **sentence** and aggregate the scores.

Every score is computed on the normalised view of the sentence
(:func:`analysis.text.normalise`): VADER knows ``isn't`` but not ``isn’t`` and would
score "The plan isn’t good." as positive.

Voices
    ``sentiment_narrative`` and ``sentiment_quoted`` are means over *voice units*.  A
    sentence entirely outside quotation marks is one narrative unit, one entirely inside
    is one quoted unit, and both reuse the sentence's score.  A sentence that mixes both
    is cut by :func:`analysis.segment.voice_parts` into its maximal quoted and narrative
    parts (quotation marks and surrounding spaces dropped, parts without a word dropped);
    each part is scored on its own with VADER and counts as one unit of its voice.  So
    ``"Photos are a serious matter," Putin replied.`` gives the quoted unit
    ``Photos are a serious matter,`` and the narrative unit ``Putin replied.``.

:func:`explain_sentiment` re-traces VADER's rules token by token so that a reader can
see which words moved a score and why; its contributions reproduce VADER's compound.
"""

from __future__ import annotations

import math
import re
import string
import warnings
from bisect import bisect_right
from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import compress, count

import pandas as pd
from vaderSentiment.vaderSentiment import (
    BOOSTER_DICT,
    C_INCR,
    N_SCALAR,
    NEGATE,
    SPECIAL_CASES,
    SentimentIntensityAnalyzer,
    normalize,
    scalar_inc_dec,
)

from analysis.segment import NARRATIVE, QUOTE, Quotation, Segmented, segment_document, voice_parts
from analysis.text import merge_spans, normalise, overlaps_any

__all__ = [
    "score_text",
    "score_document",
    "span_sentiments",
    "voice_units",
    "explain_sentiment",
    "compound_from_contributions",
    "paragraph_sentiment",
    "sentiment_arc_data",
]

POSITIVE = 0.05
"""Compound at or above which a sentence counts as positive (the threshold VADER's documentation recommends)."""
NEGATIVE = -0.05
"""Compound at or below which a sentence counts as negative."""

Scores = tuple[float, float, float, float]
VoiceUnit = tuple[int, int, str, float]
"""``(start, end, voice, compound)`` of a voice unit (see the module docstring)."""


@cache
def _analyzer() -> SentimentIntensityAnalyzer:
    """One analyser per process, built on first use (reading the lexicon takes ~0.1 s)."""
    return SentimentIntensityAnalyzer()


@lru_cache(maxsize=2**16)
def score_text(view: str) -> Scores:
    """VADER ``(compound, neg, neu, pos)`` of a normalised text.

    Parameters
    ----------
    view : str
        Text already passed through :func:`analysis.text.normalise` (a sentence, usually).

    Returns
    -------
    tuple of float
        VADER's ``compound`` (-1..1, rounded to 4 places) and the ``neg``, ``neu``, ``pos``
        proportions (rounded to 3).  A text without words scores ``(0.0, 0.0, 0.0, 0.0)``.
        Computed by the package's re-trace of VADER's rules (the one behind
        :func:`explain_sentiment`), which gives ``polarity_scores``'s four scores (checked
        by the tests and ``scripts/validate_sentiment.py``) several times faster, and in
        linear time where VADER's own code is quadratic in a text's length.
        Scores are cached (the last 65,536 texts): boilerplate repeated across a corpus
        (a credit line, a standard closing sentence) is scored once.

    Examples
    --------
    >>> score_text("The plan isn't good.")
    (-0.3412, 0.445, 0.555, 0.0)
    >>> score_text("")
    (0.0, 0.0, 0.0, 0.0)
    """
    return _traced_scores(view)


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else float("nan")


def _quotations_by_sentence(seg: Segmented) -> list[list[Quotation]]:
    """The quotations whose content overlaps each sentence: only a sentence with some can
    mix voices, and only those decide its parts."""
    by_start = sorted(seg.quotations, key=lambda q: q.content_start)
    overlapping, active, k = [], [], 0
    for s in seg.sentences:  # in text order, so one sweep over the quotations suffices
        first_new = k
        while k < len(by_start) and by_start[k].content_start < s.end:
            k += 1
        if active or first_new < k:
            # a new list (the last one is handed out), without the quotations that ended
            # before this sentence: they never return
            active = [q for q in active + by_start[first_new:k] if q.content_end > s.start]
        overlapping.append(active)
    return overlapping


def _voice_units(seg: Segmented, index: int, compound: float, quotations: list[Quotation]) -> list[VoiceUnit]:
    """``(start, end, voice, compound)`` of each voice unit of sentence ``index`` (see the
    module docstring); ``quotations``: those overlapping it, from :func:`_quotations_by_sentence`."""
    s = seg.sentences[index]
    if not quotations or (
        seg.voices[index] == QUOTE and any(q.start <= s.start and s.end <= q.end for q in quotations)
    ):
        # a quoted sentence within one quotation's marks has no narrative part (only those
        # marks lie outside the quoted content, and parts drop them): a third of the
        # sentences touching a quotation on BBC, spared voice_parts
        return [(s.start, s.end, seg.voices[index], compound)]
    parts = voice_parts(seg.view, s.start, s.end, quotations)
    voices = {voice for _, _, voice in parts}
    if len(voices) <= 1:
        return [(s.start, s.end, voices.pop() if voices else seg.voices[index], compound)]
    return [(start, end, voice, score_text(seg.view[start:end])[0]) for start, end, voice in parts]


def voice_units(text: str) -> pd.DataFrame:
    """The voice units behind ``sentiment_narrative`` and ``sentiment_quoted``, for one document.

    Parameters
    ----------
    text : str
        One document, as given.

    Returns
    -------
    pandas.DataFrame
        One row per unit, in text order: ``sentence`` (index of its sentence), ``start``,
        ``end`` (offsets into ``text``), ``text`` (``== text[start:end]``), ``voice``
        (``"quote"`` or ``"narrative"``), ``compound`` and ``split`` (True when the unit is
        a part of a sentence mixing both voices, scored on its own; False when it is a
        whole sentence, scored as such).  All sentences are listed: repeated passages are
        not removed here (the document columns leave them out).

    Examples
    --------
    >>> voice_units('Prices fell. "This is a great day," the minister said.')[["text", "voice", "compound", "split"]]
                       text      voice  compound  split
    0          Prices fell.  narrative    0.0000  False
    1  This is a great day,      quote    0.6249   True
    2    the minister said.  narrative    0.0000   True
    """
    seg = segment_document(text)
    _, _, units = score_document(seg, [True] * len(seg.sentences))
    rows = [
        (i, start, end, text[start:end], voice, compound, len(sentence_units) > 1)
        for i, sentence_units in enumerate(units)
        for start, end, voice, compound in sentence_units
    ]
    columns = ["sentence", "start", "end", "text", "voice", "compound", "split"]
    return pd.DataFrame(rows, columns=columns).astype(
        {
            "sentence": "Int64",
            "start": "Int64",
            "end": "Int64",
            "text": "string",
            "voice": "string",
            "compound": "float64",
            "split": "boolean",
        }
    )


def score_document(seg: Segmented, counted: list[bool]) -> tuple[list[Scores], dict, list[list[VoiceUnit]]]:
    """Scores of every sentence of ``seg``, the document-level sentiment columns and the voice units.

    Every sentence is scored once with VADER; a sentence mixing quoted and narrative
    text is scored once more per part (for the voice means and :func:`span_sentiments`).

    Parameters
    ----------
    seg : Segmented
        A document from :func:`analysis.segment.segment_document`.
    counted : list of bool
        ``counted[i]`` is False for a sentence left out of the aggregates (a duplicate).

    Returns
    -------
    scores : list of tuple
        One ``(compound, neg, neu, pos)`` per sentence, counted or not.
    columns : dict
        ``documents`` columns, each over the counted sentences and NaN when there are none:
        ``sentiment`` (mean compound), ``sentiment_narrative`` and ``sentiment_quoted``
        (mean compound of the voice units, see the module docstring), ``share_positive``
        (share with compound >= 0.05) and ``share_negative`` (<= -0.05).
    units : list of list of tuple
        ``units[i]``: the voice units of sentence ``i``, counted or not, each
        ``(start, end, voice, compound)`` (for :func:`span_sentiments`).

    Examples
    --------
    >>> from analysis.segment import segment_document
    >>> seg = segment_document('Prices fell. "This is a great day," the minister said.')
    >>> scores, columns, units = score_document(seg, [True, True])
    >>> [s[0] for s in scores]
    [0.0, 0.6249]
    >>> columns["sentiment_narrative"], columns["sentiment_quoted"], columns["share_positive"]
    (0.0, 0.6249, 0.5)
    >>> units[1]
    [(14, 34, 'quote', 0.6249), (36, 54, 'narrative', 0.0)]
    """
    scores = [score_text(seg.view[s.start : s.end]) for s in seg.sentences]
    quotations = _quotations_by_sentence(seg)
    units = [_voice_units(seg, i, score[0], quotations[i]) for i, score in enumerate(scores)]
    compounds = [score[0] for score, c in zip(scores, counted) if c]
    by_voice: dict[str, list[float]] = {NARRATIVE: [], QUOTE: []}
    for sentence_units, c in zip(units, counted):
        if c:
            for _, _, voice, compound in sentence_units:
                by_voice[voice].append(compound)
    n = len(compounds)
    columns = {
        "sentiment": _mean(compounds),
        "sentiment_narrative": _mean(by_voice[NARRATIVE]),
        "sentiment_quoted": _mean(by_voice[QUOTE]),
        "share_positive": sum(c >= POSITIVE for c in compounds) / n if n else float("nan"),
        "share_negative": sum(c <= NEGATIVE for c in compounds) / n if n else float("nan"),
    }
    return scores, columns, units


def span_sentiments(
    seg: Segmented, units: list[list[VoiceUnit]], spans_by_key: Mapping[Hashable, list[tuple[int, int]]]
) -> dict[Hashable, float]:
    """Mean compound of the voice units that overlap each key's spans (a source's quotes).

    A source's sentiment is read at the same grain as the document's: the quoted parts
    and sentences that carry its statements, each scored once (see the module docstring),
    rather than each quotation re-scored whole.  A direct quotation over two sentences
    contributes its two quoted parts; reported speech contributes the sentence (or the
    narrative part) that reports it.

    Parameters
    ----------
    seg : Segmented
        The document.
    units : list of list of tuple
        Its voice units by sentence, from :func:`score_document`.
    spans_by_key : mapping
        For each key (a source), character spans (``content_start``, ``content_end`` of
        its quotes).

    Returns
    -------
    dict
        For each key, the mean compound of the units in text order, or NaN when no unit
        overlaps its spans.

    Examples
    --------
    >>> from analysis.segment import segment_document
    >>> seg = segment_document('"It is a great day," Kim said. Lee said the plan was bad.')
    >>> _, _, units = score_document(seg, [True, True])
    >>> span_sentiments(seg, units, {"Kim": [(1, 19)], "Lee": [(45, 61)]})
    {'Kim': 0.6249, 'Lee': -0.5423}

    Kim's direct quotation counts its quoted part only; Lee's reported speech, its sentence.
    """
    ends = [s.end for s in seg.sentences]
    means = {}
    for key, spans in spans_by_key.items():
        merged = merge_spans(spans)  # one overlap test per unit in log time, however many quotes
        overlapping = set()
        for start, end in merged:
            i = bisect_right(ends, start)  # the first sentence ending after the span starts
            while i < len(ends) and seg.sentences[i].start < end:
                overlapping.add(i)
                i += 1
        compounds = []
        for i in sorted(overlapping):
            for unit_start, unit_end, _, compound in units[i]:
                if overlaps_any(merged, unit_start, unit_end):
                    compounds.append(compound)
        means[key] = _mean(compounds)
    return means


# --------------------------------------------------------------------------- VADER, re-traced
#
# A faithful re-tracing of SentimentIntensityAnalyzer.polarity_scores (vaderSentiment
# 3.3.2), rule by rule and in VADER's order, recording what each rule did.  VADER's own
# lexicon, constants and public helpers are used; nothing of VADER is patched.  It scores
# every text (``score_text``) and explains a score (``explain_sentiment``); the tests and
# ``scripts/validate_sentiment.py`` check its four scores equal ``polarity_scores``'s.
# It does VADER's per-text work once instead of once per lexicon word (VADER lower-cases
# the whole word list again for each), which makes it several times faster on a sentence
# and keeps it linear on a text of any length.

_NON_SPACE = re.compile(r"\S+")  # the runs str.split() returns: both split on str.isspace()
_NEGATIONS = frozenset(NEGATE)


@dataclass
class _Token:
    text: str
    start: int
    end: int


@cache
def _emoji_characters() -> frozenset[str]:
    """The emojis VADER replaces by their description: only single characters, since it
    looks them up one character at a time.  None is ASCII."""
    return frozenset(key for key in _analyzer().emojis if len(key) == 1)


def _emoji_free(text: str) -> tuple[str, list[int] | None]:
    """VADER's emoji-to-description step, with each output character's source offset
    (None when the text has no emoji and is returned unchanged)."""
    if text.isascii() or _emoji_characters().isdisjoint(text):
        return text, None
    emojis = _analyzer().emojis
    out: list[str] = []
    origin: list[int] = []
    prev_space = True
    for i, char in enumerate(text):
        if char in emojis:
            piece = ("" if prev_space else " ") + emojis[char]
            prev_space = False
        else:
            piece = char
            prev_space = char == " "
        out.append(piece)
        origin.extend([i] * len(piece))
    return "".join(out), origin


def _vader_word(run: str) -> str:
    """VADER's word for a run of non-space characters: surrounding punctuation stripped
    unless two characters or fewer would remain (an emoticon such as ``:)``)."""
    word = run.strip(string.punctuation)
    return word if len(word) > 2 else run


def _vader_tokens(converted: str, origin: list[int] | None) -> list[_Token]:
    """VADER's words (:func:`_vader_word`) of an emoji-free text (from :func:`_emoji_free`), each with its
    span in the text before conversion."""
    tokens = []
    for match in _NON_SPACE.finditer(converted):
        raw = match.group()
        word = _vader_word(raw)
        a = match.start() + (len(raw) - len(raw.lstrip(string.punctuation)) if len(word) < len(raw) else 0)
        b = a + len(word)
        tokens.append(_Token(word, a, b) if origin is None else _Token(word, origin[a], origin[b - 1] + 1))
    return tokens


def _negation(valence, lower, start_i, i, rules) -> float:
    """VADER's ``_negation_check`` for the word ``start_i + 1`` places before word ``i``."""
    before = lower[i - (start_i + 1)]
    if start_i == 1 and lower[i - 2] == "never" and lower[i - 1] in ("so", "this"):
        rules.append(f"'never {lower[i - 1]}' before it: x1.25")
        return valence * 1.25
    if start_i == 1 and lower[i - 2] == "without" and lower[i - 1] == "doubt":
        return valence
    if start_i == 2:
        never_so = lower[i - 3] == "never" and lower[i - 2] in ("so", "this")
        if never_so or lower[i - 1] in ("so", "this"):
            cue = f"never {lower[i - 2]}" if never_so else lower[i - 1]
            rules.append(f"'{cue}' before it (VADER's 'never so/this' rule): x1.25")
            return valence * 1.25
        if lower[i - 3] == "without" and (lower[i - 2] == "doubt" or lower[i - 1] == "doubt"):
            return valence
    if before in _NEGATIONS or "n't" in before:  # VADER's negated([before]); ``lower`` is lower-cased
        rules.append(f"negation '{before}' {start_i + 1} word(s) before: x{N_SCALAR}")
        return valence * N_SCALAR
    return valence


@cache
def _idiom_ends() -> frozenset[str]:
    """The last words of VADER's idioms and of its multi-word boosters ("kind of"): a
    phrase :func:`_idioms` looks up can only be one of them if it ends with one of these."""
    return frozenset(phrase.rsplit(" ", 1)[-1] for phrase in [*SPECIAL_CASES, *BOOSTER_DICT] if " " in phrase)


def _idioms(valence, lower, i, rules) -> float:
    """VADER's ``_special_idioms_check`` (run with the third word before, as VADER does)."""
    # every phrase looked up below ends with one of the words i-2 .. i+2 (i > 2 here)
    if _idiom_ends().isdisjoint(lower[i - 2 : i + 3]):
        return valence
    behind = [
        f"{lower[i - 1]} {lower[i]}",
        f"{lower[i - 2]} {lower[i - 1]} {lower[i]}",
        f"{lower[i - 2]} {lower[i - 1]}",
        f"{lower[i - 3]} {lower[i - 2]} {lower[i - 1]}",
        f"{lower[i - 3]} {lower[i - 2]}",
    ]
    for seq in behind:
        if seq in SPECIAL_CASES:
            valence = SPECIAL_CASES[seq]
            rules.append(f"idiom '{seq}': valence set to {valence}")
            break
    ahead = []
    if len(lower) - 1 > i:
        ahead.append(f"{lower[i]} {lower[i + 1]}")
    if len(lower) - 1 > i + 1:
        ahead.append(f"{lower[i]} {lower[i + 1]} {lower[i + 2]}")
    for seq in ahead:
        if seq in SPECIAL_CASES:
            valence = SPECIAL_CASES[seq]
            rules.append(f"idiom '{seq}': valence set to {valence}")
    for seq in (behind[3], behind[4], behind[2]):
        if seq in BOOSTER_DICT:
            valence = valence + BOOSTER_DICT[seq]
            rules.append(f"dampener '{seq}': {BOOSTER_DICT[seq]:+}")
    return valence


def _least(valence, lower, i, rules) -> float:
    """VADER's ``_least_check``: "least good" negates, "at least" / "very least" do not."""
    if i > 0 and lower[i - 1] == "least" and (i == 1 or lower[i - 2] not in ("at", "very")):
        rules.append(f"'least' before it: x{N_SCALAR}")
        return valence * N_SCALAR
    return valence


@cache
def _cue_words() -> frozenset[str]:
    """The words that let VADER's "no", booster/dampener, negation, "never so/this" and
    "least" rules fire on a lexicon word up to three places after them.  Besides these,
    only a word containing "n't" negates; idioms are tested apart (:func:`_idioms`)."""
    return frozenset(NEGATE) | frozenset(BOOSTER_DICT) | {"no", "least", "never", "so", "this", "without", "doubt"}


def _caps_emphasis(valence, item, is_cap_diff, rules) -> float:
    """VADER's emphasis of a lexicon word in ALL CAPS among words that are not."""
    if item.isupper() and is_cap_diff:
        emphasis = C_INCR if valence > 0 else -C_INCR
        rules.append(f"ALL CAPS emphasis: {emphasis:+}")
        return valence + emphasis
    return valence


def _token_valence(words, lower, i, lexicon, is_cap_diff, rules) -> float:
    """VADER's ``sentiment_valence`` for word ``i``, appending a note per rule that fired;
    ``words`` may be the runs the words come from (see :func:`_sentiments`)."""
    item, item_lower = words[i], lower[i]
    valence = lexicon[item_lower]
    before = lower[max(i - 3, 0) : i]
    if item_lower != "no" and _cue_words().isdisjoint(before) and "n't" not in " ".join(before):
        # nine lexicon words in ten: no cue before it, so only the caps and idiom rules can fire
        valence = _caps_emphasis(valence, item, is_cap_diff, rules)
        return _idioms(valence, lower, i, rules) if i > 2 and lower[i - 3] not in lexicon else valence
    if item_lower == "no" and i != len(words) - 1 and lower[i + 1] in lexicon:
        valence = 0.0
        rules.append("'no' before a lexicon word negates it instead: valence 0")
    if (
        (i > 0 and lower[i - 1] == "no")
        or (i > 1 and lower[i - 2] == "no")
        or (i > 2 and lower[i - 3] == "no" and lower[i - 1] in ("or", "nor"))
    ):
        valence = lexicon[item_lower] * N_SCALAR
        rules.append(f"negation 'no' before it: x{N_SCALAR}")
    valence = _caps_emphasis(valence, item, is_cap_diff, rules)
    for start_i in range(3):
        if i > start_i and lower[i - (start_i + 1)] not in lexicon:
            # scalar_inc_dec is 0.0 for any word that is not a booster: skip the call then
            if lower[i - (start_i + 1)] in BOOSTER_DICT:
                before = _vader_word(words[i - (start_i + 1)])
                s = scalar_inc_dec(before, valence, is_cap_diff)
            else:
                s = 0.0
            if start_i == 1 and s != 0:
                s = s * 0.95
            if start_i == 2 and s != 0:
                s = s * 0.9
            if s != 0:
                kind = "booster" if BOOSTER_DICT[before.lower()] > 0 else "dampener"
                rules.append(f"{kind} '{before}' {start_i + 1} word(s) before: {s:+.4g}")
            valence = valence + s
            valence = _negation(valence, lower, start_i, i, rules)
            if start_i == 2:
                valence = _idioms(valence, lower, i, rules)
    return _least(valence, lower, i, rules)


def _but_rule(lower: list[str], sentiments: list[float]) -> list[float]:
    """VADER's ``_but_check``, copied in behaviour: x0.5 before the first "but", x1.5 after.

    VADER finds each value's position with ``list.index``, so when two words share a
    valence the first may be scaled twice and the second not at all; this keeps that.
    """
    sentiments = list(sentiments)
    if "but" in lower:
        bi = lower.index("but")
        for sentiment in sentiments:
            si = sentiments.index(sentiment)
            if si < bi:
                sentiments[si] = sentiment * 0.5
            elif si > bi:
                sentiments[si] = sentiment * 1.5
    return sentiments


def _punctuation_amplifier(text: str) -> float:
    """VADER's emphasis from ``!`` (0.292 each, up to 4) and ``?`` (0.18 each for 2-3, 0.96 for more)."""
    ep = min(text.count("!"), 4) * 0.292
    qm = text.count("?")
    return ep + (0 if qm <= 1 else qm * 0.18 if qm <= 3 else 0.96)


@cache
def _scored_words() -> frozenset[str]:
    """Words whose valence is not simply 0: the lexicon's, the boosters and "kind" (of)."""
    return frozenset(_analyzer().lexicon) | frozenset(BOOSTER_DICT) | {"kind"}


def _sentiments(words: list[str], lower: list[str]) -> tuple[list[float], list[int], dict[int, list[str]]]:
    """VADER's valence of each word before the "but" rule, the indices of the words that
    may have one (all others are 0), and the notes of the rules that fired, by word index.

    ``lower`` holds VADER's lower-cased words.  ``words`` holds the words, or the runs of
    non-space characters they come from: only a run's case is read (stripping punctuation
    never changes ``str.isupper``) and a booster's word is re-derived from its run.
    """
    lexicon = _analyzer().lexicon
    sentiments: list[float] = [0] * len(words)
    notes: dict[int, list[str]] = {}
    indices = list(compress(count(), map(_scored_words().__contains__, lower)))
    if not indices:  # no word can move the score: the common case for short parts
        return sentiments, indices, notes
    # VADER's allcap_differential is only read for a scored word in capitals (its emphasis, or a
    # booster's, and boosters are scored words): without one, the count of capitalised words is spared.
    capitalised = any(words[i].isupper() for i in indices)
    is_cap_diff = capitalised and 0 < len(words) - sum(map(str.isupper, words)) < len(words)
    last = len(lower) - 1
    for i in indices:
        word = lower[i]
        if word in BOOSTER_DICT or (word == "kind" and i < last and lower[i + 1] == "of"):
            sentiments[i] = 0.0
            if word in lexicon:
                notes[i] = ["a booster/dampener: it modifies the words after it, its own valence is ignored"]
        elif word in lexicon:
            rules: list[str] = []
            sentiments[i] = _token_valence(words, lower, i, lexicon, is_cap_diff, rules)
            if rules:
                notes[i] = rules
    return sentiments, indices, notes


@dataclass
class _Trace:
    """VADER's working for one text: tokens, valences before and after "but", rule notes."""

    tokens: list[_Token]
    sentiments: list[float]
    adjusted: list[float]
    notes: dict[int, list[str]]
    amplifier: float


def _trace(view: str) -> _Trace:
    """Re-trace ``polarity_scores`` on a normalised text, noting every rule that fired."""
    converted, origin = _emoji_free(view)
    tokens = _vader_tokens(converted, origin)
    words = [t.text for t in tokens]
    lower = [word.lower() for word in words]
    sentiments, _, notes = _sentiments(words, lower)
    amplifier = _punctuation_amplifier(converted) if tokens else 0.0
    return _Trace(tokens, sentiments, _but_rule(lower, sentiments), notes, amplifier)


def _lowered_words(converted: str) -> list[str]:
    """VADER's lower-cased word of each run of ``converted`` (``_vader_word(run).lower()``),
    inlined: a call per word costs more than the stripping."""
    punctuation = string.punctuation
    if converted.isascii():
        # Lower-casing ASCII keeps every character's place and kind (space, punctuation or
        # not): the runs of the lowered text are the runs lowered, with one lower() for all.
        # Most runs are letters and digits only, with nothing to strip: one test in C spares
        # them the stripping (about a third of this function's instructions).
        return [
            run if run.isalnum() else word if len(word := run.strip(punctuation)) > 2 else run
            for run in converted.lower().split()
        ]
    return [(word if len(word := run.strip(punctuation)) > 2 else run).lower() for run in converted.split()]


@cache
def _idiom_phrases() -> tuple[str, ...]:
    """VADER's idioms and multi-word boosters ("kind of"), the phrases :func:`_idioms` looks up
    (it joins two or three words with a space, so a phrase without one never matches)."""
    return tuple(phrase for phrase in [*SPECIAL_CASES, *BOOSTER_DICT] if " " in phrase)


@cache
def _rule_words() -> frozenset[str]:
    """The words that may call one of VADER's rules on a lexicon word near them: the cue words
    (:func:`_cue_words`, the boosters among them), "but" and a word of each phrase the idiom rule
    looks up (:func:`_idiom_phrases`).  That rule joins whole words, so a text without the phrase's
    longest word (the first if tied; short ones such as "the", "of", "to" are in most sentences)
    does not hold the phrase."""
    idiom_words = {max(phrase.split(" "), key=len) for phrase in _idiom_phrases()}
    return _cue_words() | {"but"} | idiom_words


def _plain_valences(converted: str, lower: list[str]) -> list[float] | None:
    """The non-zero valences of a text's words in order, when no rule of VADER can change one;
    None when one may (then :func:`_sentiments` traces them).

    No rule can when the text has no rule word (:func:`_rule_words`, idioms' words included), no
    "n't" and no lexicon word or booster in capitals: so it is for more
    than half of the BBC sentences with a lexicon word, which are then spared the tests per
    word, all of these being tests of the whole text.  ``converted`` is the emoji-free text
    (:func:`_emoji_free`), ``lower`` its words as for :func:`_sentiments`.
    """
    if not _rule_words().isdisjoint(lower):
        return None
    if "n't" in " ".join(lower):  # one search for every word's "n't"
        return None
    # An ASCII run in capitals holds its word upper-cased (only punctuation is stripped), so a
    # scored word whose upper case is nowhere in the text is not in capitals: the text need not
    # be split again to read the case of its runs.  Any other text is traced.
    scored_upper = map(str.upper, _scored_words().intersection(lower))
    if not converted.isascii() or any(map(converted.__contains__, scored_upper)):
        return None
    return list(filter(None, map(_analyzer().lexicon.get, lower)))


def _traced_scores(view: str) -> Scores:
    """VADER's ``(compound, neg, neu, pos)`` from the re-trace, as VADER's ``score_valence`` computes them."""
    converted, _ = _emoji_free(view)
    lower = _lowered_words(converted)
    if not lower:
        return 0.0, 0.0, 0.0, 0.0
    if _scored_words().isdisjoint(lower):  # VADER's scores when every word's valence is 0, whatever the punctuation
        return 0.0, 0.0, 1.0, 0.0
    nonzero = _plain_valences(converted, lower)
    if nonzero is None:
        sentiments, indices, _ = _sentiments(converted.split(), lower)
        if "but" in lower:
            sentiments = _but_rule(lower, sentiments)
        # only the indexed words can have a valence, and "but" only scales valences; adding a
        # zero never changes a sum
        nonzero = [x for i in indices if (x := sentiments[i])]
    if not nonzero:  # VADER's scores when every word's valence is 0, whatever the punctuation
        return 0.0, 0.0, 1.0, 0.0
    amplifier = _punctuation_amplifier(converted)  # VADER counts "!" and "?" after the emoji step
    total = float(sum(nonzero))
    if total > 0:
        total += amplifier
    elif total < 0:
        total -= amplifier
    pos_sum = neg_sum = 0.0
    # In order, as VADER adds them; one loop is cheaper than two sums.  VADER adds float(x): a
    # valence is a float or a small integer (an idiom's), whose sum with a float is the same.
    for x in nonzero:
        if x > 0:
            pos_sum += x + 1
        else:
            neg_sum += x - 1
    neu_count = len(lower) - len(nonzero)
    neg_size = math.fabs(neg_sum)
    if pos_sum > neg_size:
        pos_sum += amplifier
    elif pos_sum < neg_size:
        neg_sum -= amplifier
        neg_size = math.fabs(neg_sum)
    scale = pos_sum + neg_size + neu_count
    # VADER takes fabs of all three shares; only neg_sum is ever negative (pos_sum and neu_count are sums of
    # values >= 0 from 0.0 and 0, scale is positive)
    return _rounded_scores(normalize(total), neg_size / scale, neu_count / scale, pos_sum / scale)


_TO_INTEGER = 1.5 * 2**52
"""Added to a float under 2**51 in magnitude and taken off again, rounds it to an integer (ties to
even): the sum's last bit is worth 1."""


def _rounded_scores(compound: float, neg: float, neu: float, pos: float) -> Scores:
    """``(round(compound, 4), round(neg, 3), round(neu, 3), round(pos, 3))``, the same floats,
    mostly without ``round``'s decimal conversion; every value lies in -1..1.

    ``round(x, n)`` writes ``x``'s exact decimal digits and reads them back (about 2,700
    instructions each, a tenth of a sentence's scoring).  Unless ``x * 10**n`` lies within
    1e-4 of a half, its nearest integer is the one ``round`` keeps (the product's rounding
    error, under 1e-12 here, cannot carry it across the half), and that integer divided by
    ``10**n``, both exact, is the float nearest the decimal ``round`` reads back.  Near a
    half (exact ties such as 0.0625 included) ``round`` itself decides.
    """
    c, n, u, p = compound * 1e4, neg * 1e3, neu * 1e3, pos * 1e3
    rc, rn, ru, rp = (
        (c + _TO_INTEGER) - _TO_INTEGER,
        (n + _TO_INTEGER) - _TO_INTEGER,
        (u + _TO_INTEGER) - _TO_INTEGER,
        (p + _TO_INTEGER) - _TO_INTEGER,
    )
    if (
        -0.4999 < c - rc < 0.4999
        and -0.4999 < n - rn < 0.4999
        and -0.4999 < u - ru < 0.4999
        and -0.4999 < p - rp < 0.4999
    ):
        return (  # a zero keeps the sign of the value, as with round
            rc / 1e4 if rc else compound * 0.0,
            rn / 1e3 if rn else neg * 0.0,
            ru / 1e3 if ru else neu * 0.0,
            rp / 1e3 if rp else pos * 0.0,
        )
    return round(compound, 4), round(neg, 3), round(neu, 3), round(pos, 3)


_EXPLANATION_DTYPES = {
    "token": "string",
    "start": "Int64",
    "end": "Int64",
    "word": "string",
    "valence": "float64",
    "rule": "string",
    "contribution": "float64",
}


def explain_sentiment(text: str) -> pd.DataFrame:
    """Why VADER gives ``text`` its compound score: one row per word that moved it.

    The text is normalised first (as every score in this package), then VADER's rules
    are re-traced in VADER's order.

    Parameters
    ----------
    text : str
        A sentence (any text works; VADER is meant for sentences).

    Returns
    -------
    pandas.DataFrame
        One row per token with a lexicon valence or a non-zero contribution, in text order:
        ``token`` (the word as written in ``text``; VADER strips surrounding punctuation),
        ``start``, ``end`` (offsets into ``text``: ``text[start:end] == token``), ``word``
        (the lower-cased key VADER looked up; for an emoji, a word of its description and
        the emoji's span), ``valence`` (the lexicon's rating, -4..4), ``rule`` (what modified it: negation,
        booster/dampener, "no", ALL CAPS, idiom, "least", "but"; empty when nothing did)
        and ``contribution`` (the valence after all rules).  When ``!`` or ``?`` add
        emphasis, a last row with token ``!``/``?`` marks and <NA> offsets holds the
        amplifier, signed like the sum of the words.  ``compound_from_contributions``
        of the ``contribution`` column gives VADER's compound; it is also in
        ``attrs["compound"]``.  When no word has a lexicon valence (VADER reads the text as
        neutral: compound 0.0), the table has these columns and no rows, and a
        ``UserWarning`` says so (also in ``attrs["note"]``).

    Examples
    --------
    >>> explain_sentiment("The plan isn\u2019t very good!")[["token", "valence", "contribution"]]
      token  valence  contribution
    0  good      1.9      -1.62282
    1     !      NaN      -0.29200
    >>> explain_sentiment("The plan isn\u2019t very good!").attrs["compound"]
    -0.4432
    """
    trace = _trace(normalise(text))
    lexicon = _analyzer().lexicon
    rows = []
    for i, (token, before, after) in enumerate(zip(trace.tokens, trace.sentiments, trace.adjusted)):
        notes = trace.notes.get(i, [])
        if after != before:
            notes = [*notes, f"'but' in the sentence: x{after / before:.4g}"]
        word = token.text.lower()
        if word in lexicon or after != 0:
            valence = lexicon.get(word, float("nan"))
            span = text[token.start : token.end]
            rows.append((span, token.start, token.end, word, valence, "; ".join(notes), after))
    total = float(sum(trace.adjusted))
    if total != 0 and trace.amplifier:
        marks = "".join(c for c in text if c in "!?")
        emphasis = math.copysign(trace.amplifier, total)
        rows.append((marks, pd.NA, pd.NA, marks, float("nan"), "punctuation emphasis", emphasis))
    columns = list(zip(*rows)) if rows else [()] * len(_EXPLANATION_DTYPES)
    table = pd.DataFrame(
        {name: pd.array(values, dtype=dtype) for (name, dtype), values in zip(_EXPLANATION_DTYPES.items(), columns)}
    )
    table.attrs["compound"] = compound_from_contributions(table["contribution"].tolist())
    if table.empty:
        table.attrs["note"] = (
            f"no word of {text!r} is in VADER's lexicon, so nothing moved its score: compound 0.0 (neutral). "
            "VADER reads tone from rated words; this text has none"
        )
        warnings.warn(table.attrs["note"], UserWarning, stacklevel=2)
    return table


def compound_from_contributions(contributions: list[float]) -> float:
    """VADER's compound from the ``contribution`` column of :func:`explain_sentiment`.

    Sums in order (as VADER does) and normalises with ``x / sqrt(x**2 + 15)``, rounded to 4.

    Examples
    --------
    >>> compound_from_contributions([1.9, -1.5])
    0.1027
    >>> compound_from_contributions([])
    0.0
    """
    return round(normalize(float(sum(contributions))), 4) if contributions else 0.0


# --------------------------------------------------------------------------- paragraphs and arc


def paragraph_sentiment(sentences: pd.DataFrame) -> pd.DataFrame:
    """Mean sentence compound per paragraph, from ``Analysis.sentences``.

    Later copies of repeated passages (``is_duplicate``) are left out, as in
    ``documents.sentiment``; a paragraph that is entirely a copy has no row.

    Returns
    -------
    pandas.DataFrame
        One row per paragraph: ``doc_id``, ``paragraph``, ``n_sentences``, ``sentiment``
        (mean compound), ``share_positive`` (compound >= 0.05), ``share_negative``
        (<= -0.05), ``start`` and ``end`` (from its first sentence's start to its last's end).

    Examples
    --------
    >>> import analysis
    >>> res = analysis.analyze(["It was a great win. Fans cheered.\\n\\nThen came a terrible loss."])
    >>> paragraph_sentiment(res.sentences)[["paragraph", "n_sentences", "sentiment"]].round(4)
       paragraph  n_sentences  sentiment
    0          0            2     0.6733
    1          1            1    -0.6597
    """
    kept = sentences.loc[~sentences["is_duplicate"].astype(bool)].copy()
    kept["positive"] = kept["compound"] >= POSITIVE
    kept["negative"] = kept["compound"] <= NEGATIVE
    grouped = kept.groupby(["doc_id", "paragraph"], sort=False)
    table = grouped.agg(
        n_sentences=("compound", "size"),
        sentiment=("compound", "mean"),
        share_positive=("positive", "mean"),
        share_negative=("negative", "mean"),
        start=("start", "min"),
        end=("end", "max"),
    )
    return table.reset_index().astype({"share_positive": "float64", "share_negative": "float64"})


def sentiment_arc_data(sentences: pd.DataFrame, doc_id: str, *, window: int = 5) -> pd.DataFrame:
    """The sentiment arc of one document: compound by position, with a rolling mean.

    Later copies of repeated passages are left out; the remaining sentences are placed
    evenly from 0 (first) to 1 (last) by their rank.

    Parameters
    ----------
    sentences : pandas.DataFrame
        ``Analysis.sentences``.
    doc_id : str
        The document to draw.
    window : int, default 5
        Sentences in the centred rolling mean (fewer at the ends).

    Returns
    -------
    pandas.DataFrame
        ``sentence``, ``start``, ``end``, ``text``, ``voice``, ``position`` (0..1),
        ``compound`` and ``rolling`` (centred rolling mean of ``compound``).

    Examples
    --------
    >>> import analysis
    >>> res = analysis.analyze(["Good news. Bad news. Terrible news."])
    >>> sentiment_arc_data(res.sentences, "0", window=3)[["position", "compound", "rolling"]].round(3)
       position  compound  rolling
    0       0.0     0.440   -0.051
    1       0.5    -0.542   -0.193
    2       1.0    -0.477   -0.510
    """
    if window < 1:
        raise ValueError(f"window must be at least 1, found {window}")
    rows = sentences.loc[(sentences["doc_id"] == doc_id) & ~sentences["is_duplicate"].astype(bool)]
    arc = rows[["sentence", "start", "end", "text", "voice", "compound"]].reset_index(drop=True)
    n = len(arc)
    arc.insert(5, "position", [i / (n - 1) if n > 1 else 0.0 for i in range(n)])
    arc["rolling"] = arc["compound"].rolling(window, center=True, min_periods=1).mean()
    return arc
