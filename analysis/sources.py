"""Sources and quotes: attribution extraction, speaker resolution and source prominence.

An *attribution* ties some content (what was said) to a *cue* (the reporting verb, or
"according to") and a *speaker* (who said it).  Four kinds are found, by rules on the
normalised view of a segmented document (no parser, no model):

``direct``
    A quotation in double quotes (or paired single quotes used as quotation marks) that
    forms a clause of its own, with a cue before, after or around it in the sentences the
    quotation touches (``"...," X said``, ``"...," said X``, ``X said: "..."``).  A quoted
    sentence with no cue of its own inherits the speaker of the quotation just before it
    (``rule="inherited"``); a quotation left open at the end of a paragraph goes on in the
    next (:class:`analysis.segment.Quotation`).
``indirect``
    Reported speech: ``X said (that) ...``, ``X told Y ...``, ``..., X said.``
``partial``
    Reported speech whose content holds a short quoted fragment
    (``saying that any deployment 'would conform' with international law``).
``according_to``
    ``according to X``.

Every cue gets a *stance* from ``data/reporting_verbs.csv`` (neutral, distancing,
concessive, endorsing, opposing, tentative) and an ``evidence_challenged`` flag when the
same or the next sentence says the claim came without evidence.

Speakers are noun phrases found next to the cue by walking tokens (names with titles and
roles, organisations, places acting as governments, media, documents, anonymous sources,
pronouns).  Each document's speakers and other source mentions are then resolved to one
canonical ``source``: a bare surname or first name to the full name that contains it, a
role ("the vice foreign minister") to the named person holding it, and "he"/"she" to the
most recent named person.  :func:`prominence` turns quotes and mentions into one row per
source.  See ``docs/sources.md`` for the rules, the lexicons' sources and the validation.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import accumulate, islice, repeat
from operator import itemgetter, methodcaller
from typing import NamedTuple

import pandas as pd

from analysis import schema
from analysis.resources import read_lines, read_table
from analysis.segment import Quotation, Segmented, segment_document
from analysis.text import WORD_RE, count_words, trie_pattern

__all__ = [
    "extract_attributions",
    "prominence",
    "reporting_verbs",
    "PROMINENCE_WEIGHTS",
    "source_summary",
    "extract_quotes",
]

# --------------------------------------------------------------------------- lexicons


class Cue(NamedTuple):
    """A reporting-verb occurrence in the narrative of a sentence (a tuple: cheaper to make than a frozen dataclass)."""

    start: int
    end: int
    lemma: str
    stance: str
    speech: bool
    sentence: int
    token: int  # index of the cue's first token in its sentence


_new_cue = tuple.__new__  # a Cue made without the NamedTuple's Python-level constructor


@cache
def reporting_verbs() -> pd.DataFrame:
    """The reporting-verb lexicon, one row per verb form.

    Returns
    -------
    pandas.DataFrame
        ``form`` (lower case; may be two words, ``"pointed out"``), ``lemma``, ``stance``
        (neutral, distancing, concessive, endorsing, opposing, tentative), ``speech``
        (bool: a verb of saying or writing) and ``source`` (the citation).

    Examples
    --------
    >>> verbs = reporting_verbs().set_index("form")
    >>> verbs.loc["claimed", "stance"], verbs.loc["admitted", "stance"], verbs.loc["said", "stance"]
    ('distancing', 'concessive', 'neutral')
    """
    rows = []
    for row in read_table("reporting_verbs.csv"):
        for form in row["forms"].split("|"):
            rows.append(
                {
                    "form": form,
                    "lemma": row["lemma"],
                    "stance": row["stance"],
                    "speech": row["speech"] == "yes",
                    "source": row["source"],
                }
            )
    return pd.DataFrame(rows)


@cache
def _verb_index() -> tuple[re.Pattern[str], dict[str, tuple[str, str, bool]]]:
    table = reporting_verbs()
    forms = {
        f: (lemma, stance, speech) for f, lemma, stance, speech in table[["form", "lemma", "stance", "speech"]].values
    }
    # One regular expression shaped as a trie of the forms: Python's re tries alternatives one by
    # one, so a flat list of 300 forms costs 300 attempts per word; the trie costs a few.
    # Lower case and capitalised forms instead of re.IGNORECASE: twice as fast on BBC text.
    cased = [*forms, "according to"]
    cased += [f[0].upper() + f[1:] for f in cased]
    pattern = re.compile(rf"(?<!\w)(?:{trie_pattern(cased)})\b")
    return pattern, forms


@cache
def _clause_break() -> re.Pattern[str]:
    """Where a reported clause ends: "..., but", "; ", " - and", or a participle cue ("..., adding that")."""
    participles = [f for f in reporting_verbs()["form"] if f.endswith("ing")]
    return re.compile(rf", but |; | - (?:and|but) | -- |, (?:{trie_pattern(participles)})\b")


@cache
def _source_words() -> dict[str, frozenset[str]]:
    kinds: dict[str, set[str]] = {}
    for row in read_table("source_words.csv"):
        kinds.setdefault(row["kind"], set()).add(row["word"])
    kinds["media_any"] = kinds["media"] | kinds["media_word"]
    kinds["role_any"] = kinds["role"] | kinds["anonymous"] | kinds["title"]
    kinds["markers"] = (
        kinds["organisation"] | kinds["title"] | kinds["media_any"] | {w.rstrip(".") for w in kinds["title"]}
    )
    return {k: frozenset(v) for k, v in kinds.items()}


@cache
def _places() -> frozenset[str]:
    return frozenset(read_lines("places.txt"))


# Grammar words that end a speaker noun phrase.  These are closed classes (prepositions,
# conjunctions, auxiliaries, complementisers), so they live in code rather than in a lexicon.
_STOP = frozenset(
    """a about above after against also although am among an and any are as at be because been before being
    below between both but by can could did do does doing down during each either else even ever every except
    for from further had has have having here how if in into is it's its just last least less many may meanwhile
    might more most much must neither nor not now of off on once only or other our out over own per rather
    same shall should since so some such than that the their them then there these this those though through
    thus to too toward towards under unless until up upon very was we were what when where whether which while
    who whom whose why will with within without would yet you your yesterday today tonight however instead
    moreover nevertheless also later earlier previously recently repeatedly reportedly publicly privately
    already again often still first finally immediately simply really actually""".split()
)
_DETERMINERS = frozenset("a an the another one two three several many some most all his her their its our this".split())
# Words between a speaker and its verb: "Kim has said", "officials also told".
_SKIP_BEFORE_CUE = frozenset(
    """has have had also later earlier previously recently then reportedly once further again repeatedly publicly
    privately first just already often frequently still even would will could may might must should can
    itself himself herself themselves long since
    'd 've quickly flatly simply openly angrily""".split()
)
_PASSIVE = frozenset("is was were are be been being 's".split())
_NEGATION = frozenset("not n't never didn't doesn't don't hasn't haven't hadn't won't wouldn't cannot can't".split())
_WEEKDAYS_MONTHS = frozenset(
    """Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April June July August
    September October November December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec""".split()
)
_SUBJECT_PRONOUNS = {"he": "pronoun_person", "she": "pronoun_person", "they": "pronoun_group", "it": "pronoun_thing"}
# Singular forms that are also nouns; after "determiner + word" they are nouns ("a council report").
_NOUN_FORMS = frozenset(
    "report claim estimate comment tweet call promise pledge vow note show reply answer state find".split()
)
_TITLE_RE = re.compile(r"[A-Z][\w'-]*(?: (?:[A-Z][\w'-]*|a|an|the|of|and|in|on|to|for|at|is|are))*[.!?]?")
_PRONOUN_REFERENTS = {
    "pronoun_person": ("person",),
    "pronoun_thing": ("organisation", "government/place", "media", "document"),
    "pronoun_group": ("anonymous", "organisation", "government/place", "media"),
}
# Words that end a phrase before a cue without being its speaker: object pronouns, time words
# ("last week said"), adverbs and adjectives seen there in news text.
_NOT_HEADS = frozenset(
    """him them us me her always never week year month day time night morning afternoon evening new final
    annual guilty""".split()
)
# First words of capitalised runs that are places, events or teams rather than people's names
# ("New York", "North Korea", "Six Nations", "World Cup"): such runs are not candidates for "he"/"she".
_NOT_NAME_FIRST = frozenset(
    """North South East West New Old Great United Los Las San Santa Hong Saudi Sri Costa Puerto
    Premier Champions World European British American English Scottish Welsh Irish French German
    Christmas Easter Six Seven Eight Nine Ten One Two Three Four Five Grand Royal National Federal
    Super Prime Supreme High Wall Downing White Capitol Silicon Labour Conservative Liberal""".split()
)
_QUOTED = "\u2026quoted\u2026"  # the text of the placeholder token standing for a quoted content
_CORE_SPEECH = frozenset({"say", "tell"})
_OBJECT_TAKING = frozenset({"tell", "ask", "warn", "urge", "promise", "accuse", "remind"})

# The lookahead only spares lowercase words the two alternatives that need a capital letter; the
# possessive quantifiers (nothing follows a word, so it never gives characters back) keep no
# backtracking state.
_TOKEN_RE = re.compile(
    r"(?=[A-Z])(?:(?:[A-Z]\.){2,}|(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Col|Prof|Rev|St)\.)|'s(?!\w)|\w++(?:[-']\w++)*+|\S"
)
_EVIDENCE_RE = re.compile(
    r"\b(?:without (?:providing |offering |giving |citing |presenting )?(?:any )?(?:evidence|proof)"
    r"|(?:no|little|scant) (?:evidence|proof|figures|data|details)"
    r"|(?:did not|didn't|does not|doesn't|failed to|declined to|has not|hasn't|have not|haven't) "
    r"(?:provide|offer|give|present|cite|produce|show|share)d? (?:any |the )?(?:evidence|proof|details)"
    r"|(?:unsubstantiated|unverified|unproven|baseless)"
    r"|could not (?:be )?(?:independently )?(?:verif|confirm)\w*)",
    re.IGNORECASE,
)
_EVIDENCE_HINTS = (
    "evidence",
    "proof",
    "detail",
    "figures",
    "data",
    "unsubstantiated",
    "unverified",
    "unproven",
    "baseless",
    "could not",
)
# Every match of _EVIDENCE_RE holds one of _EVIDENCE_HINTS, at most this many characters after
# the match's start ("declined to produced any " is 25).
_EVIDENCE_REACH = 32
# Characters that re.IGNORECASE matches to an ASCII letter while str.lower() does not lower them
# to that letter (or changes the text's length): in a text holding one, hints found by str.find
# in the lowered text could miss a match, so such a text is scanned whole.
_FOLD_ODDITIES_RE = re.compile("[\u0130\u0131\u017f\u212a]")
_TERMINAL = ".!?,;:"

_ARTICLE_RE = re.compile(r"^(?:the|a|an) ")
_LINKS = frozenset({("close", "to"), ("familiar", "with"), ("briefed", "on")})


# --------------------------------------------------------------------------- tokens


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


_token_start = itemgetter(0)
_token_text = itemgetter(2)
_token_lower = itemgetter(3)
_match_start = re.Match.start
_match_end = re.Match.end
_match_text = re.Match.group


def _tokens(view: str, start: int, end: int) -> list[Token]:
    # Tokens are made by the hundred thousand on a corpus: built column by column with map and zip,
    # and each tuple with tuple.__new__ (not the NamedTuple's Python-level constructor), no
    # bytecode runs per token.
    matches = list(_TOKEN_RE.finditer(view, start, end))
    texts = list(map(_match_text, matches))
    rows = zip(map(_match_start, matches), map(_match_end, matches), texts, map(str.lower, texts))
    return list(map(tuple.__new__, repeat(Token), rows))


def _tokens_outside(view: str, start: int, end: int, quoted: list[tuple[int, int]]) -> list[Token]:
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
        tokens += _tokens(view, cursor, qs)
        tokens.append(Token(qs, min(qe, end), _QUOTED, _QUOTED))
        cursor = min(qe, end)
    tokens += _tokens(view, cursor, end)
    return tokens


def _evidence_starts(view: str) -> list[int]:
    """Start of each match of ``_EVIDENCE_RE.finditer(view)``, trying the pattern only near a hint word.

    Scanning the whole text with the case-insensitive pattern costs more than the rest of the
    evidence check; the matches are the same because each holds a hint within reach of its start.
    """
    lowered = view.lower()
    if not any(hint in lowered for hint in _EVIDENCE_HINTS):
        return []
    if len(lowered) != len(view) or not view.isascii() and _FOLD_ODDITIES_RE.search(view):  # isascii: a fast no
        return [m.start() for m in _EVIDENCE_RE.finditer(view)]
    hints = []
    for hint in _EVIDENCE_HINTS:
        at = lowered.find(hint)
        while at != -1:
            hints.append(at)
            at = lowered.find(hint, at + 1)
    hints.sort()
    starts = []
    cursor = 0  # where finditer would resume: the end of the last match
    tried = 0  # positions before this (and from the cursor on) start no match
    for hint in hints:
        position = max(cursor, tried, hint - _EVIDENCE_REACH)
        while position <= hint:
            m = _EVIDENCE_RE.match(view, position)
            if m:
                starts.append(position)
                cursor = m.end()
                position = max(cursor, hint - _EVIDENCE_REACH)
            else:
                position += 1
        tried = max(tried, position)
    return starts


@cache
def _token_count(cue_text: str) -> int:
    """Tokens in a cue's text (a few hundred distinct forms, counted once each)."""
    return len(_TOKEN_RE.findall(cue_text))


def _is_stop(text: str) -> bool:
    # "US" is a country, "us" a pronoun: all-capital tokens are never grammar words.
    return not (text.isupper() and len(text) > 1) and text.lower() in _STOP


# The two tests below depend on a token's text alone and are asked again and again about the same
# words, so they take the text and keep their answers (bounded, for corpora of any size).


@lru_cache(maxsize=1 << 16)
def _np_word(text: str) -> bool:
    """Whether a token with this text can sit inside a speaker noun phrase."""
    if text == "'s" or text.endswith("'s"):
        return True
    lower = text.lower()
    if not text[:1].isalnum() or _is_stop(text) and lower not in _DETERMINERS:
        return False
    if text[:1].isupper():
        return text not in _WEEKDAYS_MONTHS
    if lower in _DETERMINERS or text.isdigit():
        return True
    # Lowercase words: nouns and adjectives, but not verb forms ("officials arrested", "reporting", "told").
    words = _source_words()
    if lower in _verb_index()[1] and lower not in words["document"]:
        return False
    known = lower in words["role"] or lower in words["anonymous"] or lower in words["document"]
    return known or not lower.endswith(("ed", "ing", "ly"))


@lru_cache(maxsize=1 << 16)
def _np_head(text: str) -> bool:
    """Whether a token with this text can end a speaker noun phrase (its head)."""
    lower = text.lower()
    if lower in _SUBJECT_PRONOUNS or text in ("I", "We", "we"):
        return True
    if lower in _NOT_HEADS and not text[:1].isupper():
        return False
    if text.endswith("'s") or lower in _DETERMINERS - {"many", "some", "one"}:
        return False
    return _np_word(text) and not text.isdigit()


# --------------------------------------------------------------------------- speaker phrases


@dataclass(slots=True)  # slots: made by the ten thousand, and faster to read
class Phrase:
    """A speaker or mention phrase: its span, the name part and the role part."""

    start: int
    end: int
    kind: str
    name: str  # canonical candidate (a person's name, an organisation's name, a lowercase noun phrase)
    role: str | None = None
    candidate: bool = False  # a bare name found by scanning: a mention only if some speaker resolves to it


def _trim_determiner(tokens: list[Token]) -> list[Token]:
    while tokens and (tokens[0].lower in _DETERMINERS or _is_stop(tokens[0].text)) and len(tokens) > 1:
        tokens = tokens[1:]
    return tokens


def _classify(tokens: list[Token], view: str, words: dict[str, frozenset[str]]) -> Phrase | None:
    """Kind, canonical name and role of a noun phrase given as tokens."""
    while tokens and (tokens[-1].text in ",(" or tokens[-1].text.endswith("'s")):
        tokens = tokens[:-1]
    if not tokens:
        return None
    start, end = tokens[0].start, tokens[-1].end
    head = tokens[-1]
    for k in range(1, len(tokens) - 1):
        link = (tokens[k].lower, tokens[k + 1].lower) in _LINKS
        of_role = tokens[k + 1].lower in ("for", "of", "at") and not tokens[k].is_capitalised
        if link or (of_role and tokens[k].lower in words["role_any"]):
            # "a source close to the talks", "a spokesperson for the association": classified by
            # the head before the link, named in full.
            inner = _classify(tokens[: k + (0 if link else 1)], view, words)
            if inner is not None:
                inner.end = end
                inner.name = _ARTICLE_RE.sub("", view[start:end].lower()) if inner.kind == "anonymous" else inner.name
            return inner
    if len(tokens) == 1 and head.lower in _SUBJECT_PRONOUNS:
        return Phrase(start, end, _SUBJECT_PRONOUNS[head.lower], head.lower)
    if len(tokens) == 1 and head.text in ("I", "we", "We"):
        return Phrase(start, end, "author", "the author")  # the writer speaking in the narrative
    core = _trim_determiner(tokens)
    # "The DPRK's vice foreign minister": the head phrase follows the last possessive.
    possessive = [k for k, t in enumerate(core) if t.text.endswith("'s")]
    if possessive and possessive[-1] + 1 < len(core):
        core = _trim_determiner(core[possessive[-1] + 1 :])
    if len(core) == 1 and not core[0].text.isupper():
        single = core[0].lower
        for kind in ("document", "anonymous"):
            if single in words[kind]:
                return Phrase(start, end, kind, _ARTICLE_RE.sub("", view[tokens[0].start : end].lower()))
    # A trailing run of capitalised words after any title or role word is a person's name.
    titles, organisations = words["title"], words["organisation"]
    name_start = len(core)
    while name_start > 0:
        t = core[name_start - 1]
        if not t.is_capitalised or t.lower in titles or t.lower in organisations or t.text == "'s":
            break
        name_start -= 1
    name_tokens, before_name = core[name_start:], core[:name_start]
    has_title_or_role = bool(before_name) and (
        before_name[-1].lower in words["title"] or before_name[-1].lower in words["role"]
    )
    capitalised = [t for t in core if t.is_capitalised]
    text = view[core[0].start : core[-1].end]
    if not words["media_any"].isdisjoint(map(_token_lower, tokens)) and (
        head.lower in words["media_any"] or head.text.isupper()
    ):
        return Phrase(start, end, "media", text)
    if len(name_tokens) == 1 and name_tokens[0].text in _places() and not before_name:
        return Phrase(start, end, "government/place", name_tokens[0].text)
    if not organisations.isdisjoint(map(_token_lower, capitalised)) or (head.lower in organisations and capitalised):
        return Phrase(start, end, "organisation", text)
    if name_tokens and (len(name_tokens) >= 2 or has_title_or_role or not before_name):
        if all(t.text.isupper() for t in name_tokens) and not has_title_or_role:
            kind = "organisation" if len(name_tokens) == 1 else "person"
            if kind == "organisation":
                return Phrase(start, end, kind, text)
        name = " ".join(map(_token_text, name_tokens))
        role = view[before_name[0].start : before_name[-1].end] if before_name else None
        return Phrase(start, end, "person", name, role)
    if head.lower in words["document"]:
        return Phrase(start, end, "document", text.lower() if not capitalised else text)
    if head.lower in words["role"]:
        # A role without a name: resolved later to the named person holding the role, if any.
        return Phrase(start, end, "role", text.lower(), text.lower())
    if head.lower in words["anonymous"] or head.lower in words["organisation"]:
        kind = "anonymous" if head.lower in words["anonymous"] else "organisation"
        name = view[tokens[0].start : end]
        return Phrase(start, end, kind, _ARTICLE_RE.sub("", name.lower()) if not capitalised else text)
    if capitalised:
        return Phrase(start, end, "organisation", text)
    return Phrase(start, end, "other", text.lower())


def _phrase_before(tokens: list[Token], end: int, words) -> list[Token]:
    """The noun phrase ending just before token index ``end`` (exclusive), walking back."""
    j = end - 1
    if j < 0 or not _np_head(tokens[j].text):
        return []
    if tokens[j].lower in _SUBJECT_PRONOUNS:
        return [tokens[j]]
    i = j
    while i - 1 >= 0 and j - i < 9:
        t = tokens[i - 1]
        if _np_word(t.text) and t.lower not in _SUBJECT_PRONOUNS:
            i -= 1
        elif (
            t.lower in ("of", "for", "at", "&")
            and i - 2 >= 0
            and tokens[i - 2].is_capitalised
            and tokens[i].is_capitalised
        ):
            i -= 1  # "Ministry of Defence", "Center for Strategic Studies"
        elif t.text == ")" and i - 3 >= 0 and tokens[i - 3].text == "(":
            i -= 3  # "(DPRK)"
        elif t.text == "'" and i - 2 >= 0 and tokens[i - 2].lower.endswith("s") and tokens[i - 2].is_word:
            i -= 1  # "the traders' association"
        elif t.lower in ("for", "of", "at") and i - 2 >= 0 and tokens[i - 2].lower in words["role_any"]:
            i -= 1  # "a spokesperson for the association", "head of the agency"
        else:
            break
    phrase = tokens[i : j + 1]
    while phrase and phrase[0].lower in ("of", "for", "at", "&", "("):
        phrase = phrase[1:]
    # "a source close to the talks", "people familiar with the matter": the head is before the link.
    if phrase and tuple(map(_token_lower, tokens[max(0, i - 2) : i])) in _LINKS:
        head = _phrase_before(tokens, i - 2, words)
        if head:
            return head + tokens[i - 2 : i] + phrase
    return phrase


def _phrase_after(tokens: list[Token], begin: int) -> list[Token]:
    """The noun phrase starting at token index ``begin``, walking forward."""
    i = begin
    while i < len(tokens) and tokens[i].lower in _DETERMINERS:
        i += 1
    j = i
    while j < len(tokens) and j - begin < 14:
        t = tokens[j]
        if t.lower in _SUBJECT_PRONOUNS and j == i:
            return tokens[begin : j + 1]
        if _np_word(t.text) and t.lower not in _DETERMINERS and t.lower not in _SUBJECT_PRONOUNS:
            j += 1
        elif t.lower in ("of", "for") and j + 1 < len(tokens) and tokens[j + 1].is_capitalised and j > i:
            j += 1
        elif t.text == "(" and j + 2 < len(tokens) and tokens[j + 2].text == ")":
            j += 3  # "(DPRK)"
        else:
            break
    phrase = tokens[begin:j]
    while phrase and not _np_head(phrase[-1].text):
        phrase = phrase[:-1]
    return phrase if not _DETERMINERS.issuperset(map(_token_lower, phrase)) else []


def _appositive_after(tokens: list[Token], after: int, view: str) -> str | None:
    """A role in apposition after a name: ``Kim Jong Gyu, vice foreign minister of ...``."""
    if after >= len(tokens) or tokens[after].text != ",":
        return None
    k = after + 1
    while k < len(tokens) and tokens[k].text not in ',;:.()"' and k - after <= 14:
        k += 1
    if k == after + 1 or tokens[after + 1].is_capitalised and tokens[after + 1].lower not in _DETERMINERS:
        return None
    return view[tokens[after + 1].start : tokens[k - 1].end]


# --------------------------------------------------------------------------- attribution finding


@dataclass(slots=True)
class _Found:
    kind: str
    content: tuple[int, int] | None
    cue: Cue | None
    speaker: Phrase | None
    rule: str
    sentence: int


def _strip_span(view: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and (view[start].isspace() or view[start] in ",;:-\"'"):
        start += 1
    while end > start and (view[end - 1].isspace() or view[end - 1] in _TERMINAL + "-\"'"):
        end -= 1
    if end <= start or not WORD_RE.search(view, start, end):
        return None
    return start, end


def _inside(position: int, spans: list[tuple[int, int]]) -> bool:
    i = bisect_right(spans, (position, math.inf)) - 1
    return i >= 0 and spans[i][0] <= position < spans[i][1]


def _holds_quotation(content: tuple[int, int], quoted: list[tuple[int, int]]) -> bool:
    """Whether a quoted content (sorted ``quoted``) lies inside ``content`` (its closing mark may end it)."""
    i = bisect_right(quoted, (content[0], -1))
    while i < len(quoted) and quoted[i][0] <= content[1]:
        if quoted[i][1] <= content[1] + 1:
            return True
        i += 1
    return False


def _is_direct(q: Quotation, view: str, sentence_start: int, words_in: int) -> bool:
    """A quotation that forms a clause (a direct quote) rather than a fragment inside the narrative
    (``words_in``: its words, counted up to 7)."""
    inner = view[q.content_start : q.content_end].rstrip()
    if not inner:
        return False
    before = view[sentence_start : q.start].rstrip()
    if words_in <= 6 and _TITLE_RE.fullmatch(inner):
        return False  # a title in quotation marks ("Face the Nation"), not speech
    clause_end = inner[-1] in ".,!?:;" or not q.closed
    opens_clause = not before or before[-1] in ":,"
    return (clause_end and opens_clause) or (words_in >= 3 and (clause_end or opens_clause))


def _sentence_cues(matches, tokens, sentence_index, forms) -> list[tuple[Cue, str]]:
    """Cues in the narrative of one sentence (``matches`` lie outside quotations), each with a status:
    ok, negated, passive, infinitive or noun."""
    found = []
    if not tokens:
        return found
    for m in matches:
        start = m.start()
        # The last token starting where the cue starts (tokens are in text order); none: the cue starts inside a word.
        i = bisect_right(tokens, start, key=_token_start) - 1
        if i < 0 or tokens[i].start != start:
            continue
        text = m.group()
        if text[0].isupper() and i != 0:
            continue  # "Said" as a name, "Reports" in a title
        form = text.lower()
        if form == "according to":
            found.append((_new_cue(Cue, (start, m.end(), "according to", "neutral", True, sentence_index, i)), "ok"))
            continue
        lemma, stance, speech = forms[form]
        previous = list(map(_token_lower, tokens[max(0, i - 3) : i]))
        status = "ok"
        if previous and previous[-1] == "to":
            status = "infinitive"
        elif not form.endswith("ing") and (
            previous
            and (
                previous[-1] in _PASSIVE
                or previous[-2:-1]
                and previous[-2] in _PASSIVE
                and previous[-1] in _SKIP_BEFORE_CUE
            )
        ):
            # "is said to" is the distancing hearsay construction; other passives ("was asked") are not attributions.
            status = "passive"
        elif not _NEGATION.isdisjoint(previous):
            status = "negated"
        elif previous and (previous[-1] in _DETERMINERS or previous[-1].endswith("'s") or previous[-1] == "'s"):
            status = "noun"  # "the report", "his claim", "the alleged attack", "a reported 3,000"
        elif form in _NOUN_FORMS and len(previous) >= 2 and previous[-2] in _DETERMINERS:
            status = "noun"  # "a council report", "the latest claim"
        found.append((_new_cue(Cue, (start, m.end(), lemma, stance, speech, sentence_index, i)), status))
    return found


def _subject_of_sentence(tokens: list[Token], limit: int) -> list[Token]:
    """The main-clause subject: the first noun phrase, after any opening adverbial and comma."""
    begin = 0
    for k in range(min(limit, len(tokens))):
        if tokens[k].text == ",":
            first = tokens[0]
            if first.lower in _STOP or first.text in _WEEKDAYS_MONTHS:
                begin = k + 1
            break
    return _phrase_after(tokens, begin)


def _speaker_for(cue: Cue, tokens: list[Token], view: str, words) -> tuple[list[Token], str | None, str]:
    """Speaker tokens of a cue, the role in apposition (if any), and where it was found."""
    i = cue.token
    if cue.lemma == "according to":
        after = i + 2
        phrase = _phrase_after(tokens, after)
        return phrase, None, "according_to"
    progressive = i > 0 and tokens[i - 1].lower in ("is", "are", "was", "were", "been")
    if tokens[i].lower.endswith("ing") and not progressive:
        # A participle ("..., saying that") reports for the main clause's subject.
        return _subject_of_sentence(tokens, i), None, "participle"
    j = i
    while j > 0 and (
        tokens[j - 1].lower in _SKIP_BEFORE_CUE
        or (progressive and tokens[j - 1].lower in ("is", "are", "was", "were", "been"))
        or tokens[j - 1].lower in _NEGATION
        or tokens[j - 1].lower in ("did", "does", "do")
        or (tokens[j - 1].lower.endswith("ly") and not tokens[j - 1].is_capitalised)
    ):
        j -= 1
    cue_len = _token_count(view[cue.start : cue.end])
    if j > 1 and tokens[j - 1].text == ")":
        # "Sen. David Perdue (R-Ga.) said": the name before the parenthesis.
        k = j - 2
        while k > 0 and tokens[k].text != "(" and j - k < 8:
            k -= 1
        if tokens[k].text == "(":
            phrase = _phrase_before(tokens, k, words)
            if phrase:
                return phrase, None, "before"
    if j > 0 and tokens[j - 1].text == ",":
        # "X, the minister, said" / "X, who ..., said": the name before the appositive.
        k = j - 2
        while k >= 0 and tokens[k].text not in ',"' and j - k < 30:
            k -= 1
        if k > 0 and tokens[k].text == ",":
            phrase = _phrase_before(tokens, k, words)
            if phrase and phrase[-1].is_capitalised:
                role = view[tokens[k + 1].start : tokens[j - 2].end]
                return phrase, role, "before_appositive"
    elif j > 0 and tokens[j - 1].lower == "who":
        phrase = _phrase_before(tokens, j - 2 if j >= 2 and tokens[j - 2].text == "," else j - 1, words)
        if phrase:
            return phrase, None, "relative"
    if j > 0 and tokens[j - 1].text not in ",\"'":
        phrase = _phrase_before(tokens, j, words)
        if phrase:
            return phrase, None, "before"
    after = i + cue_len
    phrase = _phrase_after(tokens, after)
    inverted = j == 0 or tokens[j - 1].text in ",\"':"
    # "said he" only in inversion after a quotation or a comma; elsewhere "X said he ..." has its
    # speaker before the cue, and the pronoun after it opens the content.
    if phrase and (inverted or phrase[0].lower not in _SUBJECT_PRONOUNS):
        end = after + len(phrase)
        return phrase, _appositive_after(tokens, end, view), "after"
    return [], None, "none"


def _content_after(cue: Cue, tokens: list[Token], view: str, sentence_end: int) -> tuple[int, int] | None:
    i = cue.token + _token_count(view[cue.start : cue.end])
    if cue.lemma in _OBJECT_TAKING and i < len(tokens):
        obj = _phrase_after(tokens, i)
        if obj and not (cue.lemma == "ask" and tokens[i].lower in ("about", "whether", "if")):
            i += len(obj)
    # Skip time and manner phrases before the content: "said on Friday that", "said in a statement".
    while i < len(tokens):
        low = tokens[i].lower
        if tokens[i].text in _WEEKDAYS_MONTHS or low in ("today", "yesterday", "tonight", ","):
            i += 1
        elif (
            low in ("on", "in", "last", "this", "late", "early")
            and i + 1 < len(tokens)
            and (tokens[i + 1].text in _WEEKDAYS_MONTHS or tokens[i + 1].lower in ("a", "an", "week", "month", "year"))
        ):
            k = i + 1
            while k < len(tokens) and tokens[k].text not in ',"' and tokens[k].lower != "that" and k - i < 6:
                k += 1
            i = k
        else:
            break
    if i < len(tokens) and tokens[i].lower == "that":
        i += 1
    if i >= len(tokens):
        return None
    # The reported clause ends where the writer takes over again: "..., but didn't provide evidence".
    stop = _clause_break().search(view, tokens[i].start, sentence_end)
    return _strip_span(view, tokens[i].start, stop.start() if stop else sentence_end)


def _content_before(phrase_start: int, sentence_start: int, view: str) -> tuple[int, int] | None:
    return _strip_span(view, sentence_start, phrase_start)


def _find(seg: Segmented) -> tuple[list[_Found], list[Phrase]]:
    view = seg.view
    words = _source_words()
    verbs = _verb_index()
    quoted = sorted((q.content_start, q.content_end) for q in seg.quotations)
    merged: list[tuple[int, int]] = []  # quoted contents, nested ones folded into their outer one
    for a, b in quoted:
        if merged and a < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    sentence_starts = [s.start for s in seg.sentences]

    def sentence_of(position: int) -> int:
        return max(0, bisect_right(sentence_starts, position) - 1)

    found: list[_Found] = []
    extra_mentions: list[Phrase] = []
    cues_by_sentence: dict[int, list[tuple[Cue, list[Token], str | None, str]]] = {}
    tokens_by_sentence: dict[int, list[Token]] = {}
    # One pass of the cue pattern over the document; only sentences with a candidate cue are tokenised.
    pattern, forms = verbs
    matches_by_sentence: dict[int, list[re.Match[str]]] = {}
    for m in pattern.finditer(view):
        if not _inside(m.start(), quoted):  # a cue inside a quotation is the quoted person's, not the outlet's
            matches_by_sentence.setdefault(sentence_of(m.start()), []).append(m)
    for index, matches in sorted(matches_by_sentence.items()):
        s = seg.sentences[index] if seg.sentences else None
        if s is None or not s.start <= matches[0].start() < s.end:
            continue
        tokens = _tokens_outside(view, s.start, s.end, merged)
        tokens_by_sentence[index] = tokens
        for cue, status in _sentence_cues(matches, tokens, index, forms):
            if status not in ("ok", "negated"):
                continue  # a passive, infinitive or noun use: neither an attribution nor a mention
            phrase_tokens, role, where = _speaker_for(cue, tokens, view, words)
            phrase = _classify(phrase_tokens, view, words) if phrase_tokens else None
            if phrase is not None and role and phrase.kind == "person":
                phrase.role = role
            if status == "negated":
                if phrase is not None and phrase.kind != "other":
                    extra_mentions.append(phrase)
                continue
            earlier = cues_by_sentence.get(index)
            if where == "participle" and earlier and earlier[-1][1] is not None:
                phrase = earlier[-1][1]  # '"...," the mayor said, adding that ...': the mayor adds
            cues_by_sentence.setdefault(index, []).append((cue, phrase, where))

    content_after_cue: dict[int, tuple[int, int] | None] = {}  # cue start -> its content after it

    def content_after(cue: Cue) -> tuple[int, int] | None:
        if cue.start not in content_after_cue:
            tokens = tokens_by_sentence[cue.sentence]
            content_after_cue[cue.start] = _content_after(cue, tokens, view, seg.sentences[cue.sentence].end)
        return content_after_cue[cue.start]

    # A cue with nothing after it ("She said:") opens the quotation of the next sentence.
    open_cues: dict[int, tuple[Cue, Phrase | None]] = {}
    for index, entries in cues_by_sentence.items():
        cue, phrase, _ = entries[-1]
        s = seg.sentences[index]
        next_quote = bisect_left(quoted, (cue.end,))  # the first quoted content starting at or after the cue's end
        if not (next_quote < len(quoted) and quoted[next_quote][0] < s.end) and content_after(cue) is None:
            open_cues[index] = (cue, phrase)

    # Direct quotations: each takes the nearest cue in the sentences it touches.
    used: set[int] = set()
    direct_ranges: list[tuple[int, int]] = []
    last: _Found | None = None
    last_sentence = -2
    outer: list[Quotation] = []
    for q in seg.quotations:  # nested quotations belong to their outer one
        if not outer or q.start >= outer[-1].end:
            outer.append(q)
    for q in outer:
        first_s, last_s = sentence_of(q.content_start), sentence_of(max(q.content_start, q.content_end - 1))
        # _is_direct asks only whether the quotation has fewer than 3 or more than 6 words: counting
        # stops at 7, which spares a long quotation's words.
        words_in = len(list(islice(WORD_RE.finditer(view, q.content_start, q.content_end), 7)))
        if not _is_direct(q, view, seg.sentences[first_s].start, words_in):
            continue
        candidates = []
        for si in {first_s, last_s}:
            for cue, phrase, _ in cues_by_sentence.get(si, []):
                if q.start <= cue.start < q.end or cue.start in used:
                    continue
                distance = cue.start - q.end if cue.start >= q.end else q.start - cue.end
                candidates.append((distance + (0 if cue.start >= q.end else 1), cue, phrase))
        content = _strip_span(view, q.content_start, q.content_end)
        if content is None:
            continue
        direct_ranges.append((q.start, q.end))
        previous = open_cues.get(first_s - 1)
        if candidates:
            _, cue, phrase = min(candidates, key=lambda c: c[0])
            item = _Found("direct", content, cue, phrase, "cue", last_s)
        elif previous is not None and previous[0].start not in used:
            cue, phrase = previous
            item = _Found("direct", content, cue, phrase, "cue_previous_sentence", last_s)
        elif last is not None and first_s - last_sentence <= 1 and last.speaker is not None:
            item = _Found("direct", content, None, last.speaker, "inherited", last_s)
            item.cue = last.cue  # the governing cue: its stance and speech class, never its span
        else:
            item = _Found("direct", content, None, None, "unattributed", last_s)
        if item.cue is not None and item.rule != "inherited":
            used.add(item.cue.start)
        found.append(item)
        if item.speaker is not None:
            last, last_sentence = item, last_s

    # Reported speech: the cues no direct quotation took.
    direct_ranges.sort()
    for index, entries in sorted(cues_by_sentence.items()):
        s = seg.sentences[index]
        for cue, phrase, where in entries:
            if cue.start in used:
                continue
            if cue.lemma == "according to":
                phrase_end = phrase.end if phrase else cue.end
                content = _content_before(cue.start, s.start, view) or _strip_span(view, phrase_end, s.end)
                if content is None:
                    continue  # "according to" with nothing it could qualify
                kind = "according_to"
            else:
                content = None
                if where in ("before", "before_appositive", "relative", "participle", "none"):
                    content = content_after(cue)
                if content is None:
                    content = _content_before(min(cue.start, phrase.start if phrase else cue.start), s.start, view)
                if content is None or (phrase is None and cue.lemma not in _CORE_SPEECH):
                    continue  # reported speech with no speaker is mostly a verb used otherwise ("to state")
                # Leave out quotations already counted as direct quotes.
                if _inside(content[0], direct_ranges):
                    continue
                kind = "indirect"
            if kind == "indirect" and _holds_quotation(content, quoted):
                kind = "partial"
            found.append(_Found(kind, content, cue, phrase, where, index))
    # A participle inside another attribution's content ("claimed the US had intelligence suggesting
    # ...") belongs to that content, not to the main-clause subject.
    contents = sorted(f.content for f in found if f.content and f.rule != "participle")
    content_starts = [a for a, _ in contents]
    reach = list(accumulate((b for _, b in contents), max))  # the furthest end of the contents started so far

    def in_a_content(position: int) -> bool:
        started = bisect_right(content_starts, position)
        return started > 0 and reach[started - 1] > position

    found = [f for f in found if not (f.rule == "participle" and f.cue and in_a_content(f.cue.start))]
    found.sort(key=lambda f: f.content[0] if f.content else 0)
    return found, extra_mentions


# --------------------------------------------------------------------------- mentions and resolution

# Two or more capitalised words (with "of", "for", ... between them).  No leading \b: the engine
# then scans for a capital letter directly, three times faster; a match inside a word is skipped.
_CAPSEQ_RE = re.compile(
    r"[A-Z][\w'.-]* (?:(?:of|for|on|and|de|al|bin) )?[A-Z][\w'.-]*(?:(?: (?:of|for|on|and|de|al|bin))? [A-Z][\w'.-]*)*"
)


@cache
def _actor_names() -> re.Pattern[str]:
    """Lone words naming a place or an outlet (``Moscow``, ``KCNA``, ``Reuters``)."""
    media = _source_words()["media"]
    names = [*_places(), *(w.upper() for w in media), *(w.title() for w in media)]
    # No lookbehind: a leading literal lets the engine skip ahead; matches inside words are skipped later.
    return re.compile(rf"(?:{trie_pattern(names)})(?![\w'-])")


_NEXT_WORD_RE = re.compile(r"\s*('s|\w+)")
_strip_name_marks = methodcaller("strip", "().'s")
_NAME = r"[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)*"
# Words each of which, its trailing "." and "'" stripped, is a name: one match for the whole run.
_NAMES_RE = re.compile(rf"{_NAME}[.']*(?: {_NAME}[.']*)*")
# "the world media": found from the word "media" backwards (a pattern opening with the optional
# article would be tried at every character of the text), and by its tail "edia" (a literal the
# engine finds fast; "[Mm]edia" is tried at every "m").
_MEDIA_TAIL_RE = re.compile(r"edia\b")
_MEDIA_BEFORE_RE = re.compile(
    r"(?:[Tt]he )?(?:[Ww]orld|[Ss]tate|[Ii]nternational|[Ff]oreign|[Ll]ocal|[Ww]estern|[Ss]ocial) $"
)
_ACTOR_NEXT = frozenset(
    """has had have is was will would said says told also did does could may might must should can
    announced warned denied ratified approved agreed rejected""".split()
)


def _scan_mentions(seg: Segmented, words, want_names: bool, taken: bytearray) -> list[Phrase]:
    """Organisations, media, titled persons and acting places named anywhere in the text; with
    ``want_names``, also bare two- or three-word names (candidates for pronouns and surnames).

    ``taken`` marks (1) the characters of the speakers and other mentions already found: a run of
    capitalised words lying wholly inside them is not examined, as any phrase it gives would
    overlap them and be dropped by :func:`_resolve`.
    """
    view = seg.view
    out: list[Phrase] = []
    for m in _MEDIA_TAIL_RE.finditer(view):
        start = m.start() - 1  # of "media"
        if start < 0 or view[start] not in "Mm":
            continue
        before = _MEDIA_BEFORE_RE.search(view, max(0, start - 20), start)
        if before:
            phrase = view[before.start() : m.end()]
            out.append(Phrase(before.start(), m.end(), "media", phrase.lower().removeprefix("the ")))
    media_words = words["media_any"]
    markers = words["markers"]
    # Runs of two or more capitalised words, and lone words that name a place or an outlet (a lone
    # capitalised word is mostly a sentence opener), in text order.
    runs = [*_CAPSEQ_RE.finditer(view), *_actor_names().finditer(view)]
    runs.sort(key=_match_start)
    covered = -1
    for m in runs:
        run_start = m.start()
        if run_start < covered:
            continue
        covered = m.end()
        if run_start and (view[run_start - 1].isalnum() or view[run_start - 1] in "'.-"):
            continue
        if taken.find(0, run_start, covered) == -1:
            continue  # every phrase found in the run lies partly inside it: the run is taken
        text = m.group()
        if " " in text:
            raw = text.split()
            if markers.isdisjoint(map(str.lower, map(_strip_name_marks, raw))):
                # No organisation, title or media word: at most a bare person's name, checked on the
                # words themselves (tokenising every capitalised run would double the cost of the scan).
                if want_names:
                    while raw and (raw[0].lower() in _STOP or raw[0].lower() in _DETERMINERS):
                        raw = raw[1:]
                    joined = " ".join(raw)
                    if (
                        2 <= len(raw) <= 3
                        and raw[0] not in _WEEKDAYS_MONTHS
                        and raw[0] not in _NOT_NAME_FIRST
                        and _NAMES_RE.fullmatch(joined)
                    ):
                        name = joined.rstrip(".'")  # "Bob Day." at the end of a sentence
                        end = m.end() - (len(joined) - len(name))
                        out.append(Phrase(end - len(name), end, "person", name, candidate=True))
                continue
        tokens = _tokens(view, run_start, m.end())
        while tokens and (tokens[0].lower in _DETERMINERS or _is_stop(tokens[0].text)):
            tokens = tokens[1:]
        if not tokens:
            continue
        lows = [t.lower for t in tokens]
        if tokens[0].text in _WEEKDAYS_MONTHS:
            continue
        following = _NEXT_WORD_RE.match(view, m.end())
        next_word = following.group(1).lower() if following else ""
        if len(tokens) == 1 and tokens[0].text in _places():
            if next_word in _ACTOR_NEXT:
                out.append(Phrase(tokens[0].start, tokens[0].end, "government/place", tokens[0].text))
            continue
        if tokens[-1].text.endswith("'s") or next_word == "'s":
            continue  # a possessive modifier ("Russia's State Duma" is found through its head)
        if not media_words.isdisjoint(lows) and (lows[-1] in media_words or tokens[-1].text.isupper()):
            out.append(Phrase(tokens[0].start, tokens[-1].end, "media", view[tokens[0].start : tokens[-1].end]))
        elif lows[-1] in words["organisation"] and len(tokens) >= 2:
            start = tokens[0].start
            before = view[max(0, start - 30) : start]
            possessor = re.search(r"([A-Z][\w]*)'s $", before)
            if possessor:
                start = start - len(possessor.group())
            out.append(Phrase(start, tokens[-1].end, "organisation", view[start : tokens[-1].end]))
        elif not words["title"].isdisjoint(lows[:-1]) and len(tokens) >= 2:
            phrase = _classify(tokens, view, words)
            if phrase is not None and phrase.kind == "person":
                out.append(phrase)
    return out


def _resolve(found: list[_Found], extra: list[Phrase], seg: Segmented) -> tuple[list[Phrase], dict[int, str]]:
    """All mentions (speakers first) with canonical names; returns mentions and a map id(phrase) -> source."""
    words = _source_words()
    speakers = [f.speaker for f in found if f.speaker is not None and f.rule != "inherited"]
    mentions: list[Phrase] = []
    taken = bytearray(len(seg.view))  # 1 for characters already inside an accepted mention (speakers come first)
    # Bare names matter only when a pronoun or a lone name has to be resolved.
    want_names = any(p.kind.startswith("pronoun") or (p.kind == "person" and " " not in p.name) for p in speakers)

    def accept(phrases: list[Phrase]) -> None:
        for p in phrases:
            if taken.find(1, p.start, p.end) == -1:
                taken[p.start : p.end] = b"\x01" * (p.end - p.start)
                mentions.append(p)

    accept([*speakers, *extra])
    accept(_scan_mentions(seg, words, want_names, taken))
    mentions.sort(key=lambda p: p.start)

    persons = [p for p in mentions if p.kind == "person"]
    # Longest first; among names of equal length, the first mentioned (never set order, which
    # varies with PYTHONHASHSEED and would make a bare surname resolve differently between runs).
    full_names = sorted(
        dict.fromkeys(p.name for p in persons if len(p.name.split()) >= 2), key=len, reverse=True
    )
    roles: dict[str, str] = {}
    for p in persons:
        if p.role:
            roles.setdefault(p.name, p.role)

    by_part: dict[str, list[str]] = {}  # name word -> full names holding it, longest first
    for full in full_names:
        for part in set(full.split()):
            by_part.setdefault(part, []).append(full)

    def person_canonical(name: str) -> str:
        parts = name.split()
        for full in by_part.get(parts[0], ()) if parts else ():
            full_parts = full.split()
            if name == full or (len(parts) < len(full_parts) and all(x in full_parts for x in parts)):
                return full
        return name

    canonical: dict[int, str] = {}
    role_of: dict[str, str | None] = {}
    for p in mentions:
        if p.kind == "person":
            canonical[id(p)] = person_canonical(p.name)
    for name, role in roles.items():
        role_of.setdefault(person_canonical(name), role)
    # A role without a name goes to the named person holding it ("the vice foreign minister"): the
    # first person (in role_of's order) whose role holds all its words, looked up by its first word.
    words_of_role = {n: set(r.lower().split()) for n, r in role_of.items() if r}
    holders_by_word: dict[str, list[str]] = {}
    for name, role_words in words_of_role.items():
        for word in role_words:
            holders_by_word.setdefault(word, []).append(name)
    for p in mentions:
        if p.kind == "role":
            role_words = [w for w in p.name.split() if w not in _DETERMINERS]
            holders = holders_by_word.get(role_words[0], ()) if role_words else ()
            holder = next((n for n in holders if words_of_role[n].issuperset(role_words)), None)
            if holder is not None:
                p.kind, p.role = "person", role_of[holder]
                canonical[id(p)] = holder
            else:
                p.kind = "anonymous"
                canonical[id(p)] = p.name
    # Pronouns go to the most recent compatible mention before them (one pass in text order).
    last: dict[str, Phrase] = {}
    for p in mentions:
        if p.kind.startswith("pronoun"):
            wanted = _PRONOUN_REFERENTS.get(p.kind, _PRONOUN_REFERENTS["pronoun_group"])
            candidates = [last[k] for k in wanted if k in last]
            if not candidates:
                continue
            ref = max(candidates, key=lambda m: m.start)
            p.kind, p.role = ref.kind, ref.role
            canonical[id(p)] = canonical[id(ref)]
        elif id(p) not in canonical:
            canonical[id(p)] = p.name
        last[p.kind] = p
    return mentions, canonical


# --------------------------------------------------------------------------- interface


def _span(text: str, span: tuple[int, int] | None) -> tuple[int | None, int | None, str | None]:
    if span is None:
        return None, None, None
    return span[0], span[1], text[span[0] : span[1]]


def extract_attributions(seg: Segmented) -> tuple[list[dict], list[dict]]:
    """Attributions and source mentions of one document.

    Parameters
    ----------
    seg : analysis.segment.Segmented
        A segmented document.

    Returns
    -------
    (quotes, mentions) : tuple of two lists of dicts
        Quote dicts: ``kind`` (direct, indirect, partial, according_to), ``content_start``,
        ``content_end``, ``content``, ``cue_start``, ``cue_end``, ``cue``, ``stance``,
        ``speaker``, ``speaker_start``, ``speaker_end`` (the surface mention), ``source``
        (the canonical source after resolution), ``evidence_challenged`` (bool) and
        ``rule`` (how the speaker was found: before, after, before_appositive, relative,
        participle, according_to, cue, cue_previous_sentence, inherited, unattributed).
        Missing spans are None in both offsets.  Mention dicts: ``source``, ``kind``
        (person, organisation, government/place, media, document, anonymous, other),
        ``role``, ``start``, ``end``, ``text``.

    Examples
    --------
    >>> from analysis.segment import segment_document
    >>> seg = segment_document('"We will win," said John Smith, the party leader. "We have the votes." He left.')
    >>> quotes, mentions = extract_attributions(seg)
    >>> [(q["kind"], q["content"], q["source"], q["rule"]) for q in quotes]
    [('direct', 'We will win', 'John Smith', 'cue'), ('direct', 'We have the votes', 'John Smith', 'inherited')]
    >>> [(m["source"], m["kind"], m["role"]) for m in mentions]
    [('John Smith', 'person', 'the party leader')]
    """
    found, extra = _find(seg)
    mentions, canonical = _resolve(found, extra, seg)
    text, view = seg.text, seg.view
    sentence_starts = [s.start for s in seg.sentences]

    def sentence_of(position: int) -> int:
        return max(0, bisect_right(sentence_starts, position) - 1)

    challenges_by_sentence: dict[int, list[int]] = {}
    for start in _evidence_starts(view):
        challenges_by_sentence.setdefault(sentence_of(start), []).append(start)
    cue_starts_by_sentence: dict[int, list[int]] = {}
    if challenges_by_sentence:  # most documents challenge no claim: then no cue needs its sentence
        for f in found:
            if f.cue is not None and f.rule != "inherited":
                cue_starts_by_sentence.setdefault(sentence_of(f.cue.start), []).append(f.cue.start)
    quotes = []
    for f in found:
        cue = f.cue
        sp = f.speaker
        source = None
        if sp is not None:
            source = canonical.get(id(sp))
            if source is None and not sp.kind.startswith("pronoun"):
                source = sp.name
        # A challenge after the cue in its sentence, or in the next sentence before any cue of its own.
        challenged = False
        if cue is not None and challenges_by_sentence:
            cue_sentence = sentence_of(cue.start)
            challenged = any(pos > cue.end for pos in challenges_by_sentence.get(cue_sentence, ())) or any(
                not any(c < pos for c in cue_starts_by_sentence.get(cue_sentence + 1, ()))
                for pos in challenges_by_sentence.get(cue_sentence + 1, ())
            )
        content_start, content_end, content = _span(text, f.content)
        cue_start, cue_end, cue_text = _span(text, (cue.start, cue.end) if cue and f.rule != "inherited" else None)
        speaker_start, speaker_end, speaker = _span(text, (sp.start, sp.end) if sp else None)
        quotes.append(
            {
                "kind": f.kind,
                "content_start": content_start,
                "content_end": content_end,
                "content": content,
                "cue_start": cue_start,
                "cue_end": cue_end,
                "cue": cue_text,
                "stance": cue.stance if cue and cue_text is not None else None,
                "speaker": speaker,
                "speaker_start": speaker_start,
                "speaker_end": speaker_end,
                "source": source,
                "evidence_challenged": bool(challenged and cue_text is not None),
                "rule": f.rule,
                "speech_verb": bool(cue.speech) if cue else None,
            }
        )
    mention_rows = []
    quoted_sources = {q["source"] for q in quotes}
    for p in mentions:
        if p.kind.startswith("pronoun"):
            continue  # an unresolved pronoun names no source
        if p.candidate and canonical.get(id(p), p.name) not in quoted_sources:
            continue  # a bare capitalised name nobody refers back to may not be an actor at all
        mention_rows.append(
            {
                "source": canonical.get(id(p), p.name),
                "kind": p.kind,
                "role": p.role,
                "start": p.start,
                "end": p.end,
                "text": text[p.start : p.end],
            }
        )
    return quotes, mention_rows


def extract_quotes(docs: pd.DataFrame) -> pd.DataFrame:
    """The ``quotes`` table of a corpus, without the rest of :func:`analysis.analyze`.

    Parameters
    ----------
    docs : pandas.DataFrame
        A corpus with ``doc_id`` and ``text`` columns (:func:`analysis.load_corpus`).  Rows
        whose text is not a string give no quotes.  Repeated passages are *not* removed:
        use :func:`analysis.analyze` (``dedupe=True``) to count them once.

    Returns
    -------
    pandas.DataFrame
        The ``quotes`` contract columns (``doc_id, kind, content_start, content_end,
        content, cue_start, cue_end, cue, stance, speaker, speaker_start, speaker_end,
        source``) then ``evidence_challenged``, ``rule`` and ``speech_verb``.

    Examples
    --------
    >>> docs = pd.DataFrame({"doc_id": ["a"], "text": ['"It works," said Ann Lee. Critics claimed it did not.']})
    >>> extract_quotes(docs)[["kind", "content", "stance", "source"]].values.tolist()
    [['direct', 'It works', 'neutral', 'Ann Lee'], ['indirect', 'it did not', 'distancing', 'critics']]
    """
    rows = []
    for doc_id, text in zip(docs["doc_id"], docs["text"]):
        if isinstance(text, str) and text.strip():
            quotes, _ = extract_attributions(segment_document(text, doc_id))
            rows += [{"doc_id": doc_id, **q} for q in quotes]
    return schema.as_table("quotes", rows)


# --------------------------------------------------------------------------- prominence

PROMINENCE_WEIGHTS = {"quote_share": 0.4, "mention_share": 0.2, "early": 0.2, "in_lede": 0.2}
"""Default weights of the prominence score (they sum to 1, so the score is in 0..1)."""
_PROMINENCE_PARTS = ("quote_share", "mention_share", "early", "in_lede")

STANCES = ("neutral", "distancing", "concessive", "endorsing", "opposing", "tentative")
_STANCE_COLUMNS = {s: f"n_{s}" for s in STANCES}
_STANCE_COUNTS = dict.fromkeys(_STANCE_COLUMNS.values(), 0)


def _lede_end(seg: Segmented) -> int:
    """End of the lede: the first paragraph or the first two sentences, whichever is longer."""
    if not seg.sentences:
        return 0
    first_paragraph = seg.paragraphs[0][1] if seg.paragraphs else 0
    two_sentences = seg.sentences[min(1, len(seg.sentences) - 1)].end
    return max(first_paragraph, two_sentences)


def prominence(quotes: list[dict], mentions: list[dict], seg: Segmented, weights: dict | None = None) -> list[dict]:
    """One row per source of a document: how much, how early and how it is quoted.

    Parameters
    ----------
    quotes, mentions : list of dict
        From :func:`extract_attributions` (after the pipeline drops repeated passages).
    seg : analysis.segment.Segmented
        The document.
    weights : dict, optional
        Weights of the prominence score's four parts (default :data:`PROMINENCE_WEIGHTS`);
        they are normalised to sum to 1.

    Returns
    -------
    list of dict
        ``source``, ``kind``, ``role``, ``mentions`` (mentions and speaker mentions),
        ``quotes`` (attributions), ``quoted_words`` (words of the content of all its
        attributions), ``quote_share`` (of all attributed words in the document),
        ``first_position`` (first mention's start / text length, 0..1), ``in_lede``
        (mentioned in the first paragraph or first two sentences), ``n_<stance>`` for each
        stance (attributions with their own cue), ``n_direct``, ``n_evidence_challenged``,
        ``prominence``: ``w1*quote_share + w2*mention_share + w3*(1 - first_position)
        + w4*in_lede``.

    Examples
    --------
    >>> from analysis.segment import segment_document
    >>> seg = segment_document('Ann Lee said the vote was fair. Officials claimed it was not.')
    >>> rows = prominence(*extract_attributions(seg), seg)
    >>> [(r["source"], r["kind"], r["n_neutral"], r["n_distancing"], r["in_lede"]) for r in rows]
    [('Ann Lee', 'person', 1, 0, True), ('officials', 'anonymous', 0, 1, True)]
    """
    weights = dict(PROMINENCE_WEIGHTS if weights is None else weights)
    total_weight = sum(weights.values()) or 1.0
    quote_w, mention_w, early_w, lede_w = (weights.get(part, 0.0) for part in _PROMINENCE_PARTS)
    length = max(1, len(seg.text))
    lede_end = _lede_end(seg)
    rows: dict[str, dict] = {}

    def row_for(source: str) -> dict:
        if source not in rows:
            rows[source] = {
                "source": source,
                "kind": None,
                "role": None,
                "mentions": 0,
                "quotes": 0,
                "quoted_words": 0,
                "quote_share": 0.0,
                "first_position": None,
                "in_lede": False,
                **_STANCE_COUNTS,
                "n_direct": 0,
                "n_evidence_challenged": 0,
            }
        return rows[source]

    for m in mentions:
        row = row_for(m["source"])
        row["mentions"] += 1
        row["kind"] = row["kind"] or m["kind"]
        row["role"] = row["role"] or m["role"]
        position = m["start"] / length
        if row["first_position"] is None or position < row["first_position"]:
            row["first_position"] = position
        row["in_lede"] = row["in_lede"] or m["start"] < lede_end
    contents: dict[str, list[str]] = {}  # source -> the contents of its attributions
    for q in quotes:
        if q.get("source") is None:
            continue
        row = row_for(q["source"])
        row["quotes"] += 1
        contents.setdefault(q["source"], []).append(q["content"] or "")
        row["n_direct"] += q["kind"] == "direct"
        stance_column = _STANCE_COLUMNS.get(q.get("stance"))
        if stance_column is not None:
            row[stance_column] += 1
        row["n_evidence_challenged"] += bool(q.get("evidence_challenged"))
        if q.get("speaker_start") is not None:
            position = q["speaker_start"] / length
            if row["first_position"] is None or position < row["first_position"]:
                row["first_position"] = position
    for source, texts in contents.items():
        # No word spans a space: the words of the joined contents are the sum of each one's, counted in one call.
        rows[source]["quoted_words"] = count_words(" ".join(texts))
    total_words = sum(r["quoted_words"] for r in rows.values())
    total_mentions = sum(r["mentions"] for r in rows.values())
    for row in rows.values():
        row["kind"] = row["kind"] or "other"
        row["quote_share"] = row["quoted_words"] / total_words if total_words else 0.0
        if row["first_position"] is None:
            row["first_position"] = 1.0
        mention_share = row["mentions"] / total_mentions if total_mentions else 0.0
        weighted = [
            quote_w * row["quote_share"],
            mention_w * mention_share,
            early_w * (1.0 - row["first_position"]),
            lede_w * float(row["in_lede"]),
        ]
        row["prominence"] = sum(weighted) / total_weight
    return sorted(rows.values(), key=lambda r: -r["prominence"])


# --------------------------------------------------------------------------- corpus level


def source_summary(res, by: str | None = None) -> pd.DataFrame:
    """Corpus-level summary of sources, overall or per value of a metadata column.

    Parameters
    ----------
    res : analysis.Analysis
        The result of :func:`analysis.analyze`.
    by : str, optional
        A column of ``res.documents`` (a metadata column such as ``outlet`` or
        ``category``) to group documents by.

    Returns
    -------
    pandas.DataFrame
        One row per group (``by`` column, or ``"all"``): ``documents``, ``sources``
        (source rows), ``sources_per_doc``, ``quoted_sources_per_doc``, ``quotes_per_doc``,
        ``share_direct``, ``share_<stance>`` (of attributions with a cue),
        ``share_evidence_challenged``, ``share_anonymous`` (of quoted sources) and
        ``share_person`` (of quoted sources).

    Examples
    --------
    >>> import analysis
    >>> res = analysis.analyze(["Ann Lee said it was fair.", "Officials claimed it was not. Bob Day said so."])
    >>> summary = source_summary(res)
    >>> summary[["documents", "quotes_per_doc", "share_distancing"]].to_dict("records")
    [{'documents': 2, 'quotes_per_doc': 1.5, 'share_distancing': 0.3333333333333333}]
    """
    docs = res.documents[["doc_id"] + ([by] if by else [])]
    group_of = docs.set_index("doc_id")[by] if by else pd.Series("all", index=docs["doc_id"])
    quotes = res.quotes.assign(group=res.quotes["doc_id"].map(group_of))
    sources = res.sources.assign(group=res.sources["doc_id"].map(group_of))
    rows = []
    for group, group_docs in docs.assign(group=group_of.values).groupby("group", sort=True):
        q = quotes[quotes["group"] == group]
        s = sources[sources["group"] == group]
        quoted = s[s["quotes"] > 0]
        cued = q[q["stance"].notna()]
        n_docs = len(group_docs)
        row = {
            by or "group": group,
            "documents": n_docs,
            "sources": len(s),
            "sources_per_doc": len(s) / n_docs,
            "quoted_sources_per_doc": len(quoted) / n_docs,
            "quotes_per_doc": len(q) / n_docs,
            "share_direct": (q["kind"] == "direct").mean() if len(q) else float("nan"),
        }
        for stance in STANCES:
            row[f"share_{stance}"] = (cued["stance"] == stance).mean() if len(cued) else float("nan")
        challenged = q["evidence_challenged"] if "evidence_challenged" in q else pd.Series(dtype=bool)
        row["share_evidence_challenged"] = challenged.astype(bool).mean() if len(q) else float("nan")
        row["share_anonymous"] = (quoted["kind"] == "anonymous").mean() if len(quoted) else float("nan")
        row["share_person"] = (quoted["kind"] == "person").mean() if len(quoted) else float("nan")
        rows.append(row)
    return pd.DataFrame(rows)
