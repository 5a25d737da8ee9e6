"""Hedging language: hedges, boosters, distancing, evidential challenges, approximators and scare quotes.

How certain a text sounds, and how far the outlet stands from a claim, is read from a cited
lexicon (``data/hedging_lexicon.csv``) and a handful of disambiguation rules; scare quotes
come from the quotations found by :mod:`analysis.segment`.  Every match carries the lexicon
entry or rule behind it (``rule``) and the entry's citation (``source``).  See
``docs/hedging.md`` for the typology, the rules and their validation.

Categories
    ``hedge`` (epistemic modals, adverbs and adjectives, belief and shield expressions,
    conditionals and open questions, hearsay), ``booster``, ``distancing`` (reporting verbs
    and markers that put distance between the outlet and a claim), ``evidential``
    (challenges to the evidence), ``approximator`` (before a number or quantity) and
    ``scare_quote`` (a short quoted phrase in the outlet's own sentence).

Matching
    The whole lexicon is compiled once into one regular expression (a character trie of its
    phrases, longest phrase first) and run once over a lower-cased copy of the view; a match
    is then looked up in a dictionary and kept when its entry's conditions hold (the places
    where a match can start are found first, by a pattern the engine skips through in C:
    :meth:`Lexicon.finditer`).  No entry scans the text on its own, so the cost hardly grows
    with the size of the lexicon.
"""

from __future__ import annotations

import csv
import itertools
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pandas as pd

from analysis import schema
from analysis.corpus import load_corpus
from analysis.resources import read_lines, read_table
from analysis.segment import Quotation, Segmented, segment_document
from analysis.text import WORD_RE, count_words, inside, merge_spans, trie_pattern

__all__ = [
    "CATEGORIES",
    "Lexicon",
    "load_lexicon",
    "find_hedges",
    "document_densities",
    "detect_hedges",
]

CATEGORIES = ("hedge", "booster", "distancing", "evidential", "approximator", "scare_quote")
LEXICON_COLUMNS = ("pattern", "category", "subcategory", "conditions", "source")
QUOTE, NARRATIVE = "quote", "narrative"

# --------------------------------------------------------------------------- context of a match


# Not frozen, though never changed: one is built for every match whose entry has conditions,
# and a frozen dataclass sets each field through object.__setattr__, several times slower.
@dataclass(slots=True)
class _Context:
    """Where a candidate match sits: the view, the match span and its sentence span."""

    view: str
    start: int
    end: int
    sentence_start: int
    sentence_end: int

    def words_before(self, n: int) -> list[str]:
        """The last ``n`` words of the sentence before the match, lower-cased."""
        left = self.view[max(self.sentence_start, self.start - 30 * n) : self.start]
        return [w.lower() for w in WORD_RE.findall(left)[-n:]]

    def words_after(self, n: int) -> list[str]:
        """The first ``n`` words of the sentence after the match, lower-cased."""
        right = self.view[self.end : min(self.sentence_end, self.end + 30 * n)]
        return [w.lower() for w in itertools.islice(WORD_RE.findall(right), n)]

    def next_text(self, n_chars: int = 40) -> str:
        return self.view[self.end : min(self.sentence_end, self.end + n_chars)]

    def at_sentence_start(self) -> bool:
        return not WORD_RE.search(self.view, self.sentence_start, self.start)


# --------------------------------------------------------------------------- disambiguation rules

# characters of the sentence searched for a reporting verb: bounded so that huge run-on texts stay linear
_LOOKBACK = 400
_BE = frozenset("is are was were be been being 's am".split())
_ADVERB_BETWEEN = frozenset(
    "widely generally commonly also often still long once now sometimes usually originally "
    "traditionally largely mostly broadly increasingly initially first later previously".split()
)
_NUMBER_WORDS = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|"
    "sixty|seventy|eighty|ninety|hundred|hundreds|thousand|thousands|million|millions|billion|billions|"
    "trillion|dozen|dozens|half|third|quarter|score|scores"
)
_QUANTITY_AHEAD = re.compile(rf"""[\s'"]*(?:[$\u00a3\u20ac]\s*)?(?:\d|(?:an?\s+)?(?:{_NUMBER_WORDS})\b)""", re.I)
_MONTH_PREPOSITIONS = frozenset("in of since until till by during early late mid from through".split())


def _not_month_may(c: _Context) -> bool:
    """ "may" the modal, not the month or the name: a capitalised "May" inside a sentence is
    the month or a name (Theresa May); "may" before a number is the month ("May 20"), and
    so is a sentence-initial "May" before a comma or a number."""
    if c.words_after(1)[:1] and c.words_after(1)[0][:1].isdigit():
        return False
    if c.view[c.start].isupper():
        if not c.at_sentence_start():
            return False
        return not re.match(r"\s*[,\d]", c.next_text(5))
    before = c.words_before(1)
    return not (before and before[0] in _MONTH_PREPOSITIONS and not c.words_after(1))


@cache
def _speech_verbs() -> frozenset[str]:
    return frozenset(read_lines("hedging_speech_verbs.txt"))


@cache
def _past_speech_verbs() -> frozenset[str]:
    """The past and -ing forms of the reporting verbs: only these set up a future-in-the-past
    ("said it would"); base forms are often nouns ("the report would be published")."""
    irregular = {"said", "told", "thought", "knew", "wrote", "written"}
    return frozenset(v for v in _speech_verbs() if v.endswith(("ed", "ing")) or v in irregular)


_NOT_HEDGING_AFTER_WOULD = frozenset(
    "later eventually go soon like rather prefer then become continue remain never "
    "often usually typically always sometimes frequently regularly".split()
)
_YEAR = re.compile(r"\b(?:1[5-9]|20)\d\d(?:s|'s)?\b")
_REFUSAL_VERBS = frozenset(
    "say comment confirm discuss reveal elaborate disclose give name speculate divulge specify identify release "
    "provide describe".split()
)


def _hedging_would(c: _Context) -> bool:
    """ "would" as a hedge, not future-in-the-past or volition.

    Not a hedge: after a reporting or cognition verb earlier in the sentence ("she said
    the plan would fail", the future-in-the-past of reported speech); narrative future in
    the past ("he would later become", "would go on to", "would eventually"); volition
    ("would like", "would rather"); refusal ("would not comment").  Otherwise a hedge: the
    hypothetical or tentative "would" ("that would be a mistake", "it would seem").
    """
    after = c.words_after(3)
    if after and after[0] in _NOT_HEDGING_AFTER_WOULD:
        return False
    if after[:1] in (["not"], ["n't"]) and len(after) > 1 and after[1] in _REFUSAL_VERBS:
        return False
    before = c.view[max(c.sentence_start, c.start - _LOOKBACK) : c.start]
    words = list(map(str.lower, WORD_RE.findall(before)))
    if "if" not in words and _YEAR.search(before):
        return False
    return _past_speech_verbs().isdisjoint(words)


_ABILITY_AFTER_COULD = frozenset(
    "not n't never only barely hardly no see hear feel smell afford speak read write swim walk run "
    "remember understand do get make find play sing attend".split()
)


def _possibility_could(c: _Context) -> bool:
    """ "could" of possibility, not of ability: not before a negation or a verb of ability or
    perception ("could not attend", "could see the coast"), not in the news formula "could be
    reached (for comment)", and not in comparisons of
    ability ("as fast as he could") and purpose ("so that they could leave")."""
    after = c.words_after(2)
    if not after or after[0] in _ABILITY_AFTER_COULD or after == ["be", "reached"]:
        return False
    before = c.words_before(4)
    return "as" not in before[-2:] and "so" not in before


def _epistemic_possible(c: _Context) -> bool:
    """ "possible" of epistemic possibility ("it is possible that", "possible links"), not
    of feasibility ("possible to", "possible for", "as soon as possible", "made possible")."""
    after = c.words_after(1)
    before = c.words_before(2)
    if (
        after[:1] in (["to"], ["for"])
        or "as" in before
        or "made" in before
        or (before and before[-1] in ("it", "them", "this"))
    ):
        return False
    return not (before and before[-1] in ("best", "highest", "lowest", "only", "every", "all", "whenever"))


_CLAIM_NOUN_BEFORE = frozenset(
    "a an the his her their its our my your this that these those no any every each insurance "
    "compensation territorial legal false such whose".split()
)
# after the noun: a preposition, a coordinator or the verb of its clause ("tax claims against Yukos",
# "tax claims and debts", "the claims were rejected")
_CLAIM_NOUN_AFTER = frozenset(
    "for on against of over from by totalling worth and or are were have had will would could may might "
    "made was is".split()
)
_SUBJECT_PRONOUNS = frozenset("i we you he she it they who which that one".split())


def _verb_claim(c: _Context) -> bool:
    """ "claim(s)" the reporting verb, not the noun ("an insurance claim", "claims for
    damages", "his claim to the throne", "Labour's tax claims", "tax claims and debts").

    After a subject pronoun it is always the verb ("he claims", "or so she claims.").  Otherwise
    it is the noun after a determiner, a possessive or a listed noun modifier, and before a
    preposition, a coordinator, the verb of its own clause or the end of the sentence."""
    before, after = c.words_before(1), c.words_after(1)
    if before and before[0] in _SUBJECT_PRONOUNS:
        return True
    if before and (before[0] in _CLAIM_NOUN_BEFORE or before[0].endswith(("'s", "s'"))):
        return False
    return bool(after) and after[0] not in _CLAIM_NOUN_AFTER


def _verb_accused(c: _Context) -> bool:
    """ "accused" the reporting verb ("was accused of", "accused him of"), not the noun or
    adjective ("the accused", "the accused men")."""
    before = c.words_before(1)
    return not (before and before[0] in ("the", "a", "an", "each", "every", "his", "her", "their", "co"))


def _not_think_tank(c: _Context) -> bool:
    """ "think" of belief, not "think tank" or "think about/of/twice"."""
    after = c.words_after(1)
    return not (after and after[0] in ("tank", "tanks", "about", "of", "twice", "again", "big"))


def _passive(c: _Context) -> bool:
    """A passive of belief or expectation ("is thought to", "was widely seen as"): a form
    of "be" before the verb, allowing adverbs such as "widely" in between.  An -ing form is
    never passive ("is considering buying" is the progressive)."""
    if c.view[c.start : c.end].lower().endswith("ing"):
        return False
    for word in reversed(c.words_before(3)):
        if word in _BE:
            return True
        if word not in _ADVERB_BETWEEN and not word.endswith("ly"):
            return False
    return False


def _doxastic_consider(c: _Context) -> bool:
    """ "consider" of opinion ("is considered one of the best", "they consider it a
    threat"), not of deliberation ("considered running", "will consider the proposal")."""
    if _passive(c):
        return True
    after = c.words_after(2)
    if after and (after[0].endswith("ing") or after[0] in ("the", "whether", "how", "what", "options", "his", "her")):
        return False
    return bool(after) and after[0] in ("to", "that", "it", "him", "her", "them", "himself", "herself", "as")


_SHOW_UP_AFTER = frozenset(
    "in on at before as with alongside onstage live for during briefly twice once together again opposite "
    "regularly frequently first".split()
)


def _not_show_up(c: _Context) -> bool:
    """ "appear" of seeming ("appears to be", "it appeared that", "appeared nervous"), not of
    showing up ("appeared in 30 films", "appeared before the court", "first appeared")."""
    after, before = c.words_after(1), c.words_before(1)
    if not after:
        return False
    if before and before[0] in ("first", "last", "later", "never", "also", "regularly", "frequently"):
        return False
    return after[0] not in _SHOW_UP_AFTER


_DETERMINERS = frozenset(
    "a an the his her their its our my your this that these those no any every each another such whose".split()
)
_NEGATIVE_SUBJECTS = frozenset("nobody no-one noone".split())
_OBJECT_PRONOUNS = frozenset("me you him her us them".split())


def _no_negative_subject(c: _Context) -> bool:
    """A belief, doubt or forecast word of a subject who holds it, not after "nobody" or "no one":
    "nobody believes the figures" denies that anyone holds the belief, it does not hedge one
    ("no one should doubt our resolve" even boosts).  A negated verb keeps its uncertainty: in
    "I don't think so" or "it did not expect a profit" the speaker still states a belief."""
    before = c.words_before(3)
    return _NEGATIVE_SUBJECTS.isdisjoint(before) and "no one" not in " ".join(before)


def _belief_not_trust(c: _Context) -> bool:
    """ "believe" of belief, not of trust: "believe them", "believe her when she says" take a
    person as object (trust); "believe them to be" is belief again.  Not after a negative subject
    (see :func:`_no_negative_subject`)."""
    after = c.words_after(2)
    if after and after[0] in _OBJECT_PRONOUNS and after[1:2] != ["to"]:
        return False
    return _no_negative_subject(c)


def _not_than_expected(c: _Context) -> bool:
    """A forecast or expectation ("expects profits to rise", "is expected to meet"), not the
    comparison with one ("higher than expected", "as expected"), which reports an outcome, and not
    after a negative subject."""
    before = c.words_before(1)
    return not (before and before[0] in ("than", "as")) and _no_negative_subject(c)


_SUSPECT_NOUN_BEFORE = _DETERMINERS | frozenset(
    "as two three four five six several many other main prime chief key only possible likely murder terror "
    "terrorist bombing first second".split()
)
_SUSPECT_NOUN_AFTER = frozenset(
    "have had were are was is who in arrested held fled remain remains would could will can may should must".split()
)


def _verb_suspect(c: _Context) -> bool:
    """ "suspect(s)" the verb of belief ("police suspect that", "officials suspect arson"), not the
    noun of crime news ("a suspect", "named as a suspect", "no suspects have been identified",
    "the suspects were held", "suspects would not be", "suspects, both British and foreign")
    nor the adjective after an article ("a suspect package").  The verb takes an object or a
    clause, so punctuation or a verb right after it marks the noun."""
    before, after = c.words_before(1), c.words_after(1)
    if before and before[0] in _SUSPECT_NOUN_BEFORE:
        return False
    if c.next_text(2).lstrip()[:1] in tuple(",;:.()"):
        return False
    return not (after and after[0] in _SUSPECT_NOUN_AFTER)


_TAKING_ON = frozenset(
    "of responsibility control command office power powers duties leadership ownership liability debt debts "
    "charge role presidency throne post position title name mantle helm chairmanship significance importance "
    "proportions".split()
)


_BEFORE_TAKEN_ON = frozenset("the a an even more much great greater new full sole added".split())


def _doxastic_assume(c: _Context) -> bool:
    """ "assume" of supposition ("we assume that", "assuming growth continues"), not of taking
    on ("assumed control", "assumption of debt", "assumed the presidency", "assuming greater
    significance")."""
    after = c.words_after(3)
    while after[1:] and after[0] in _BEFORE_TAKEN_ON:
        after = after[1:]
    return not (after and after[0] in _TAKING_ON)


_AFTER_THOUGHT_VERB = frozenset("that it he she they we i you the a an this there his her their its was were".split())


def _verb_thought(c: _Context) -> bool:
    """ "thought" of belief: a passive ("is thought to be") or the past of "think" before its
    clause ("he thought it was a good deal", "what experts thought was invincible", "thought of
    as"); not the noun ("a thought", "school of thought", "the thought that")."""
    if _passive(c):
        return True
    before, after = c.words_before(1), c.words_after(2)
    if before and (before[0] in _DETERMINERS or before[0] in ("of", "in", "second", "deep", "political", "much")):
        return False
    return bool(after) and (after[0] in _AFTER_THOUGHT_VERB or after == ["of", "as"]) and _no_negative_subject(c)


_CLAUSE_AFTER_FEEL = frozenset("that they he she it we i you there this".split())


def _feel_that(c: _Context) -> bool:
    """ "feel" of opinion, before its clause ("Turks feel they have ties", "she felt that"), not
    of sensation ("felt ill", "feel pain")."""
    after = c.words_after(1)
    return bool(after) and after[0] in _CLAUSE_AFTER_FEEL and _no_negative_subject(c)


_FUTURE_MARKERS = frozenset(
    "will wo won't shall would wouldn't must should cannot can't can may might could intends intend plans plan "
    "expected expects expect".split()
)
_TIME_AFTER_UNTIL = frozenset(
    "january february march april may june july august september october november december monday tuesday "
    "wednesday thursday friday saturday sunday now then today tomorrow tonight recently later next last this "
    "early late mid after at about around further".split()
)
_TIME_NOUNS = frozenset(
    "end start beginning middle close turn weekend week month year season spring summer autumn fall winter day "
    "morning evening night time next following last first century decade election".split()
)


def _conditional_until(c: _Context) -> bool:
    """ "until" that makes a future or modal event conditional on another ("troops will stay until
    Iraq complies", "won't be final until regulators approve"): a future or modal word earlier in
    the sentence, and a clause after it, not a time ("until 1990", "until next week", "until the
    end of May", "until the weekend")."""
    after = c.words_after(2)
    if not after or after[0][:1].isdigit() or after[0] in _TIME_AFTER_UNTIL:
        return False
    if after[0] == "the" and (len(after) < 2 or after[1] in _TIME_NOUNS or after[1][:1].isdigit()):
        return False
    before = c.view[max(c.sentence_start, c.start - _LOOKBACK) : c.start]
    return not _FUTURE_MARKERS.isdisjoint(w.lower() for w in WORD_RE.findall(before))


_ASK = frozenset("ask asks asked asking".split())


def _not_reported_question(c: _Context) -> bool:
    """An open question of the text, not a question someone was asked ("Asked whether jobs were
    safe, he said ...", "she asked him if"): the interviewer's question reports what was asked,
    it does not leave a claim open."""
    return _ASK.isdisjoint(c.words_before(2))


_COMMENT = frozenset("comment commenting respond responding react reacting".split())
_DECLINE = frozenset("not n't never declined declines refused refuses refuse decline".split())


def _not_declined_speculation(c: _Context) -> bool:
    """Speculation someone takes part in, not one they decline: "I can't comment on speculation",
    "refused to speculate", "would not speculate" report a refusal to guess, not a guess."""
    before = c.words_before(3)
    return _COMMENT.isdisjoint(before) and _DECLINE.isdisjoint(before)


def _noun_reports(c: _Context) -> bool:
    """ "reports that" the noun of unattributed hearsay ("amid reports that he fled", "denied
    reports that"), not the verb of an attribution ("the BBC reports that", "she reports that"):
    the verb follows its subject, a pronoun or a capitalised word that is not the sentence's first."""
    left = list(WORD_RE.finditer(c.view, max(c.sentence_start, c.start - 30), c.start))
    if not left:
        return True
    word = left[-1].group()
    capitalised_name = word[:1].isupper() and WORD_RE.search(c.view, c.sentence_start, left[-1].start())
    return word.lower() not in _SUBJECT_PRONOUNS and not capitalised_name


def _attributive(c: _Context) -> bool:
    """An adjective before its noun ("an alleged murder", "for the alleged fraud"): after an
    article, a possessive or a preposition, and not before "that", "to" or "by" (the verb: "the
    SEC alleged that", "was alleged to", "alleged by")."""
    before, after = c.words_before(1), c.words_after(1)
    if after and after[0] in ("that", "to", "by", "in"):
        return False
    return bool(before) and (before[0] in _DETERMINERS or before[0] in ("for", "of", "over", "in", "on", "with"))


def _conditional_if(c: _Context) -> bool:
    """ "if" that makes a claim conditional, not "as if", "even if", "if any", "if ever", nor the
    "if" of a question someone was asked ("asked if", see :func:`_not_reported_question`)."""
    before, after = c.words_before(1), c.words_after(1)
    if (before and before[0] in ("as", "even")) or (after and after[0] in ("any", "ever")):
        return False
    return _not_reported_question(c)


def _before_quantity(c: _Context) -> bool:
    """An approximator only before a number or quantity ("about 3,000", "around a dozen",
    "'at least' 3,000"): "talked about the war" is not one."""
    return bool(_QUANTITY_AHEAD.match(c.view, c.end, c.sentence_end))


CONDITIONS: dict[str, Callable[[_Context], bool]] = {
    "not_month_may": _not_month_may,
    "hedging_would": _hedging_would,
    "possibility_could": _possibility_could,
    "epistemic_possible": _epistemic_possible,
    "verb_claim": _verb_claim,
    "verb_accused": _verb_accused,
    "not_think_tank": _not_think_tank,
    "passive": _passive,
    "doxastic_consider": _doxastic_consider,
    "not_show_up": _not_show_up,
    "conditional_if": _conditional_if,
    "no_negative_subject": _no_negative_subject,
    "belief_not_trust": _belief_not_trust,
    "not_than_expected": _not_than_expected,
    "verb_suspect": _verb_suspect,
    "doxastic_assume": _doxastic_assume,
    "verb_thought": _verb_thought,
    "feel_that": _feel_that,
    "conditional_until": _conditional_until,
    "not_reported_question": _not_reported_question,
    "not_declined_speculation": _not_declined_speculation,
    "attributive": _attributive,
    "noun_reports": _noun_reports,
    "before_quantity": _before_quantity,
}
"""The disambiguation rules a lexicon entry may name in its ``conditions`` column."""


# --------------------------------------------------------------------------- the lexicon


@dataclass(frozen=True, slots=True)
class _Entry:
    pattern: str
    category: str
    subcategory: str
    conditions: tuple[str, ...]
    source: str
    rule: str  # "lexicon: pattern [conditions]", written once here rather than for every match


def _entry(pattern: str, category: str, subcategory: str, conditions: tuple[str, ...], source: str) -> _Entry:
    suffix = f" [{'; '.join(conditions)}]" if conditions else ""
    return _Entry(pattern, category, subcategory, conditions, source, f"lexicon: {pattern}{suffix}")


@dataclass(frozen=True)
class Lexicon:
    """A compiled hedging lexicon: its rows as a table, one combined regex and a lookup.

    Build it with :func:`load_lexicon`; ``table`` holds the rows (columns ``pattern,
    category, subcategory, conditions, source``), ``entries`` maps every phrase a pattern
    stands for to its entries.

    Examples
    --------
    >>> lex = load_lexicon()
    >>> [entry.category for entry in lex.entries["no doubt"]]
    ['booster']
    >>> [m.span() for m in lex.finditer("No doubt it may rain.")]
    [(0, 8), (12, 15)]
    """

    table: pd.DataFrame
    regex: re.Pattern[str]
    entries: dict[str, tuple[_Entry, ...]]
    # The character before a match of ``regex``, found faster (see finditer); optional, so that a
    # Lexicon built by hand as before still works.
    scanner: re.Pattern[str] | None = None

    def finditer(self, view: str) -> Iterator[re.Match[str]]:
        """The lexicon's matches in ``view``, left to right, longest phrase first: those of
        ``regex.finditer``.

        The regex runs on a lower-cased copy (same length, so the same offsets; ``group()``
        is lower-case): matching without ``re.IGNORECASE`` is about four times faster.  A
        pattern that opens with a look-behind is tried at every character; ``scanner`` opens
        with the character a match must follow (not a letter, digit or hyphen), which the
        engine skips to in C, and looks ahead for a match: ``regex`` is then matched where it
        says, once per match (and in vain by a letter beyond ASCII, see :func:`_compile`).  A
        space before the text stands for its start.  That is a fifth fewer instructions on news."""
        lowered = _lower_same_length(view)
        if self.scanner is None:
            yield from self.regex.finditer(lowered)
            return
        padded = " " + lowered  # padded[i] is the character before lowered[i]
        position = 0
        while (before := self.scanner.search(padded, position)) is not None:
            match = self.regex.match(lowered, before.start())
            if match is None:  # next to a letter beyond ASCII (see _compile)
                position = before.start() + 1
                continue
            yield match
            position = match.end()

    def __repr__(self) -> str:
        return f"Lexicon({len(self.table)} entries, {len(self.entries)} phrases)"


def _lower_same_length(view: str) -> str:
    lowered = view.lower()
    if len(lowered) == len(view):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in view)  # e.g. "\u0130" lowers to 2 characters


def _expand(pattern: str) -> list[str]:
    """Every phrase a pattern stands for: ``"did|does not provide any? evidence"``."""
    choices = []
    for token in pattern.lower().split():
        optional = token.endswith("?")
        words = token.rstrip("?").split("|")
        choices.append(words + [""] if optional else words)
    return [" ".join(w for w in combo if w) for combo in itertools.product(*choices)]


# ``\s`` of a text pattern (the characters of str.isspace), spelled out so that it means the same
# in a pattern compiled with ASCII classes.
_WHITESPACE_RUN = "[\t-\r\x1c- \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+"


def _compile(rows: list[dict[str, str]]) -> Lexicon:
    entries: dict[str, list[_Entry]] = {}
    for row in rows:
        missing = [c for c in LEXICON_COLUMNS if c not in row]
        if missing:
            raise ValueError(f"lexicon row {row} lacks columns {missing}; expected {list(LEXICON_COLUMNS)}")
        if row["category"] not in CATEGORIES:
            raise ValueError(f"unknown category {row['category']!r} in lexicon row {row}; expected one of {CATEGORIES}")
        conditions = tuple(c.strip() for c in (row["conditions"] or "").split(";") if c.strip())
        unknown = [c for c in conditions if c not in CONDITIONS]
        if unknown:
            raise ValueError(f"unknown condition(s) {unknown} in lexicon row {row}; known: {sorted(CONDITIONS)}")
        entry = _entry(row["pattern"], row["category"], row["subcategory"], conditions, row["source"])
        for phrase in _expand(row["pattern"]):
            entries.setdefault(phrase, []).append(entry)
    alternation = trie_pattern(entries, space=_WHITESPACE_RUN)  # a space matches any run of whitespace
    whole_phrase = rf"{alternation}(?![\w\-]|'\w)"
    regex = re.compile(rf"(?<![\w\-]){whole_phrase}")
    # The same condition on the character before, consumed; with ASCII classes, tested in C
    # without Unicode's tables (a fifth of the scanning), it holds wherever ``regex`` matches
    # and at a few places more, by a letter beyond ASCII, where ``regex`` then fails.
    scanner = re.compile(rf"[^\w\-](?={whole_phrase})", re.ASCII)
    table = pd.DataFrame(rows, columns=list(LEXICON_COLUMNS)).fillna("")
    return Lexicon(table, regex, {phrase: tuple(found) for phrase, found in entries.items()}, scanner)


@cache
def _default_lexicon() -> Lexicon:
    return _compile(read_table("hedging_lexicon.csv"))


def _read_lexicon_file(path: Path) -> list[dict[str, str]]:
    lines = [line for line in path.read_text(encoding="utf-8-sig").splitlines() if line.strip()]
    return list(csv.DictReader(line for line in lines if not line.startswith("#")))


def load_lexicon(path: str | Path | None = None, *, extend_default: bool = False) -> Lexicon:
    """Load and compile a hedging lexicon.

    Parameters
    ----------
    path : str or pathlib.Path, optional
        A CSV file with the columns ``pattern, category, subcategory, conditions, source``
        (``#`` lines are comments).  Without it, the package's default lexicon.
    extend_default : bool, default False
        Add the file's rows to the default lexicon instead of replacing it.

    Returns
    -------
    Lexicon
        ``.table`` is the lexicon as a DataFrame; pass the object to :func:`find_hedges`,
        :func:`detect_hedges` or :func:`analysis.highlight.highlight_hedges`.

    Raises
    ------
    ValueError
        When a row lacks a column, names an unknown category or an unknown condition.

    Examples
    --------
    >>> lex = load_lexicon()
    >>> lex.table.columns.tolist()
    ['pattern', 'category', 'subcategory', 'conditions', 'source']
    >>> sorted(set(lex.table.category)) == sorted(set(CATEGORIES) - {"scare_quote"})
    True
    """
    if path is None:
        return _default_lexicon()
    rows = _read_lexicon_file(Path(path))
    if extend_default:
        rows = read_table("hedging_lexicon.csv") + rows
    return _compile(rows)


# --------------------------------------------------------------------------- scare quotes

_MAX_SCARE_WORDS = 4
_CLAUSE_OPENERS = frozenset(
    "i we you he she they it would will could can should may might must shall is are was were has have had "
    "do does did not don't won't can't there this".split()
)
_GAP_AFTER_SPEECH_VERB = frozenset("that as it them him her this these those a an the".split())


def _is_scare_quote(view: str, q: Quotation, sentence_start: int, speech_mark: Callable[[], str]) -> bool:
    """A short quoted phrase in the outlet's own sentence, not an attributed (partial) quote.

    Heuristic: closed, 1-4 words (at least two letters), with words of the sentence before
    it; its content neither ends with punctuation (a quoted utterance) nor is written in
    Title Case (a title or a name), nor opens with a pronoun, modal or auxiliary, which
    marks a quoted clause continuing reported speech (``saying that troops 'would
    conform'``).  It is not introduced by a reporting verb (``called it "a disgrace"``:
    only "that", "as", "it" or an article may stand in between) nor followed by one or by
    "according to" (``"tough", he said``).  When it uses the document's speech mark (the
    mark of its long quotations), a reporting verb anywhere earlier in the sentence also
    makes it a partial quote (``she was "glad to be out"``); a phrase in the other mark
    (single quotes in a text that quotes speech in double quotes) is read as the outlet's
    own.  Quotations inside other quotations are left out by the caller.
    """
    if not q.closed or q.content_end - q.content_start > 60:
        return False
    content = view[q.content_start : q.content_end]
    words = WORD_RE.findall(content)
    if not 1 <= len(words) <= _MAX_SCARE_WORDS or sum(map(str.isalpha, content)) < 2:
        return False
    if content.rstrip()[-1:] in ".,!?:;" or words[0].lower() in _CLAUSE_OPENERS:
        return False
    if all(w[:1].isupper() for w in words) and not (len(words) == 1 and words[0].islower()):
        return False
    before = [w.lower() for w in WORD_RE.findall(view, max(sentence_start, q.start - _LOOKBACK), q.start)]
    if not before:
        return False
    speech = _speech_verbs()
    if q.mark == speech_mark() and any(w in speech for w in before):
        return False
    for word in reversed(before[-3:]):
        if word in speech:
            return False
        if word not in _GAP_AFTER_SPEECH_VERB:
            break
    after = [w.lower() for w in WORD_RE.findall(view, q.end, q.end + 60)]
    window = after[:4] if view[q.end : q.end + 2].strip().startswith(",") else after[:1]
    return not any(w in speech or w == "according" for w in window)


def _speech_mark(view: str, quotations: list[Quotation]) -> str:
    """The mark the document quotes speech with: the commoner mark among quotations of five
    or more words (double quotes when there are none)."""
    marks = Counter(q.mark for q in quotations if _has_words(view, q.content_start, q.content_end, 5))
    return marks.most_common(1)[0][0] if marks else '"'


def _has_words(view: str, start: int, end: int, n: int) -> bool:
    """Whether ``view[start:end]`` holds at least ``n`` words.

    A whitespace-separated token of letters and digits only is one word, so counting those tokens
    (in C) settles most long quotations; only the others are searched word by word."""
    return sum(map(str.isalnum, view[start:end].split())) >= n or count_words(view, start, end) >= n


def _scare_quotes(seg: Segmented, sentence_starts: list[int]) -> list[Quotation]:
    found = []
    found_mark: list[str] = []

    def speech_mark() -> str:  # counted only when a quotation gets as far as asking: most never do
        if not found_mark:
            found_mark.append(_speech_mark(seg.view, seg.quotations))
        return found_mark[0]

    outer_end = -1  # the furthest content end of the quotations seen so far: a quotation starting before it is nested
    for q in sorted(seg.quotations, key=lambda q: q.start):
        nested = q.start < outer_end
        outer_end = max(outer_end, q.content_end)
        if nested:
            continue
        i = bisect_right(sentence_starts, q.start) - 1
        if i >= 0 and _is_scare_quote(seg.view, q, seg.sentences[i].start, speech_mark):
            found.append(q)
    return found


# --------------------------------------------------------------------------- matching


def _voice(position: int, intervals: list[tuple[int, int]]) -> str:
    return QUOTE if inside(position, intervals) else NARRATIVE


def find_hedges(seg: Segmented, lexicon: Lexicon | None = None) -> list[dict]:
    """The hedging matches of one segmented document, in text order.

    Parameters
    ----------
    seg : analysis.segment.Segmented
        A document from :func:`analysis.segment_document`.
    lexicon : Lexicon, optional
        From :func:`load_lexicon`; the default lexicon when omitted.

    Returns
    -------
    list of dict
        One dict per match with ``start, end`` (offsets into the text as given), ``text``
        (``seg.text[start:end]``), ``category``, ``subcategory``, ``voice`` (``"quote"``
        inside an attributed quotation, else ``"narrative"``; a scare quote and what it
        encloses are the outlet's narrative voice), ``rule`` (the lexicon pattern with its
        conditions, or the scare-quote heuristic) and ``source`` (the entry's citation).

    Examples
    --------
    >>> from analysis.segment import segment_document
    >>> seg = segment_document('Officials claimed the talks may fail. "I think so," he said.')
    >>> [(m["text"], m["category"], m["voice"]) for m in find_hedges(seg)]
    [('claimed', 'distancing', 'narrative'), ('may', 'hedge', 'narrative'), ('I think', 'hedge', 'quote')]
    """
    lexicon = lexicon or _default_lexicon()
    view, text = seg.view, seg.text
    sentence_starts = [s.start for s in seg.sentences]
    scare = _scare_quotes(seg, sentence_starts)
    scare_ids = {id(q) for q in scare}
    # Merged content spans of the attributed quotations (nested ones folded into the outer one).
    attributed = merge_spans((q.content_start, q.content_end) for q in seg.quotations if id(q) not in scare_ids)
    matches = []
    for m in lexicon.finditer(view):
        start, end = m.span()
        # The match is lower-case already; only a phrase broken by a line break or a run of spaces needs its
        # whitespace made one space to be looked up.
        phrase = m.group()
        entries = lexicon.entries.get(phrase) or lexicon.entries.get(" ".join(phrase.split()), ())
        # Most entries have no condition, and an unconditional entry needs no context: build it only when asked.
        context = _context(seg, sentence_starts, start, end) if any(e.conditions for e in entries) else None
        for entry in entries:
            if all(CONDITIONS[name](context) for name in entry.conditions):
                matches.append(
                    _match(text, start, end, entry.category, entry.subcategory, attributed, entry.rule, entry.source)
                )
                break
    for q in scare:
        matches.append(
            _match(
                text,
                q.start,
                q.end,
                "scare_quote",
                "short_quotation",
                [],
                "scare quote: 1-4 quoted words in the outlet's sentence, not introduced by a reporting verb",
                "own",
            )
        )
    return sorted(matches, key=lambda m: (m["start"], m["end"]))


def _context(seg: Segmented, sentence_starts: list[int], start: int, end: int) -> _Context:
    i = bisect_right(sentence_starts, start) - 1
    if i < 0:  # no sentence starts at or before the match: the whole view stands for its sentence
        return _Context(seg.view, start, end, 0, len(seg.view))
    sentence = seg.sentences[i]
    return _Context(seg.view, start, end, sentence.start, sentence.end)


def _match(text, start, end, category, subcategory, attributed, rule, source) -> dict:
    return {
        "start": start,
        "end": end,
        "text": text[start:end],
        "category": category,
        "subcategory": subcategory,
        "voice": _voice(start, attributed),
        "rule": rule,
        "source": source,
    }


def document_densities(matches: list[dict], n_words_counted: int) -> dict:
    """``documents`` columns from the counted matches of one document and its counted words.

    All densities are matches per 100 counted words (NaN for a document without words);
    narrative and quoted voice are counted together, and the per-voice figures split the
    same total (``hedges_quote_per_100w + hedges_narrative_per_100w == hedges_per_100w``).

    Returns
    -------
    dict
        ``hedges_per_100w``, ``boosters_per_100w``; ``distancing_per_100w``,
        ``evidential_per_100w``, ``approximator_per_100w``, ``scare_quote_per_100w``;
        ``hedges_quote_per_100w``, ``hedges_narrative_per_100w``.

    Examples
    --------
    >>> matches = [{"category": "hedge", "voice": "quote"}, {"category": "booster", "voice": "narrative"}]
    >>> d = document_densities(matches, 50)
    >>> d["hedges_per_100w"], d["boosters_per_100w"], d["hedges_quote_per_100w"], d["distancing_per_100w"]
    (2.0, 2.0, 2.0, 0.0)
    """
    names = {"hedge": "hedges_per_100w", "booster": "boosters_per_100w"}
    columns = [names.get(c, f"{c}_per_100w") for c in CATEGORIES] + [
        "hedges_quote_per_100w",
        "hedges_narrative_per_100w",
    ]
    if not n_words_counted:
        return dict.fromkeys(columns, float("nan"))
    per_100 = 100.0 / n_words_counted
    by_category = Counter(m["category"] for m in matches)  # one pass, not one per category
    hedges_by_voice = Counter(m["voice"] for m in matches if m["category"] == "hedge")
    out = {names.get(c, f"{c}_per_100w"): by_category[c] * per_100 for c in CATEGORIES}
    for voice in (QUOTE, NARRATIVE):
        out[f"hedges_{voice}_per_100w"] = hedges_by_voice[voice] * per_100
    return out


# --------------------------------------------------------------------------- corpus level and display


def detect_hedges(docs, *, lexicon: Lexicon | None = None) -> pd.DataFrame:
    """Hedging matches of a whole corpus as one table, without the rest of the pipeline.

    Every passage is counted, repeated ones included (use :func:`analysis.analyze` for
    de-duplicated counts and for ``speaker``, which needs the sources measure).

    Parameters
    ----------
    docs : pandas.DataFrame, str, pathlib.Path or list of str
        Anything :func:`analysis.load_corpus` accepts.
    lexicon : Lexicon, optional
        From :func:`load_lexicon` (for example a user's file extending the default).

    Returns
    -------
    pandas.DataFrame
        The ``hedges`` table: ``doc_id, start, end, text, category, subcategory, voice,
        speaker`` (always <NA> here), then ``rule`` and ``source``.  Documents without
        text have no rows.

    Examples
    --------
    >>> detect_hedges(["Kirby claimed, without evidence, that about 3,000 troops may be there."])[
    ...     ["text", "category"]].values.tolist()
    [['claimed', 'distancing'], ['without evidence', 'evidential'], ['about', 'approximator'], ['may', 'hedge']]
    """
    corpus = load_corpus(docs)
    rows = []
    for doc_id, text in zip(corpus["doc_id"], corpus["text"]):
        if isinstance(text, str) and text.strip():
            rows += [{"doc_id": doc_id, **m} for m in find_hedges(segment_document(text, doc_id), lexicon)]
    return schema.as_table("hedges", rows)
