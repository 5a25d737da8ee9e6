"""Resolution: every mention of a document to one canonical source.

A bare surname or first name goes to the full name in the document holding it, a role without
a name ("the vice foreign minister") to the named person whose role holds its words, a generic
organisation noun ("the agency") to the named organisation it ends ("the Environment Agency"),
and a pronoun to the most salient compatible antecedent before it (:func:`_antecedent`).

Pronoun resolution follows the salience model of Lappin & Leass (1994, "An algorithm for
pronominal anaphora resolution", *Computational Linguistics* 20(4)) in the parser-free form of
Kennedy & Boguraev (1996, "Anaphora for everyone: pronominal anaphora resolution without a
parser", COLING): each mention of an entity adds weights for recency, grammatical function and
headedness, halved with every sentence back, and the entity with the highest sum wins.  The
grammatical function is read from shallow cues: a speaker, or a noun phrase opening its
sentence, is a subject; a phrase before "'s" a possessor; after a preposition an oblique; else
an object.  Filters: number and kind ("he"/"she" a person or a singular human noun, "it" a
body, place, medium or document, "they" a group or a body), gender (titles and gendered nouns in
the text, else ``data/first_names.csv``), and the speaker is not someone the quotation names
("I think Sean's situation ...," he said: not Sean).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from analysis.segment import Segmented
from analysis.sources.attributions import Found
from analysis.sources.identity import is_plural
from analysis.sources.lexicons import (
    DETERMINERS,
    FEMININE,
    FINITE,
    MASCULINE,
    PREPOSITIONS,
    first_name_genders,
    source_words,
)
from analysis.sources.mentions import scan_mentions
from analysis.sources.phrases import Phrase, classify, phrase_after, subject_before_its_verb
from analysis.sources.tokens import tokenize
from analysis.text import inside, merge_spans

# Kennedy & Boguraev's (1996) salience weights.  Every pronoun resolved here is the subject of its
# cue, so a subject antecedent also gets their parallelism weight.
_RECENCY, _HEAD, _NON_ADVERBIAL, _PARALLEL = 100, 80, 50, 35
_FUNCTION = {"subject": 80, "possessive": 65, "object": 50, "oblique": 30}
_WEIGHT = {
    "subject": _RECENCY + _FUNCTION["subject"] + _HEAD + _NON_ADVERBIAL + _PARALLEL,
    "possessive": _RECENCY + _FUNCTION["possessive"] + _NON_ADVERBIAL,  # a possessor is no head
    "object": _RECENCY + _FUNCTION["object"] + _HEAD + _NON_ADVERBIAL,
    "oblique": _RECENCY + _FUNCTION["oblique"] + _HEAD,  # in an adverbial phrase
}
_WINDOW = 4  # sentences back; a mention further back weighs less than 1/16 of a fresh one
_MAX_LOOK_BACK = 60  # mentions looked at per pronoun, so that one huge sentence stays linear

# What opens a sentence before its subject: a conjunction or connective, an adverbial phrase ending
# in a comma ("At a conference on Friday, he said"), an article.
_BEFORE_SUBJECT_RE = re.compile(
    r"[\"'(\s]*(?:(?:But|And|Yet|So|However|Meanwhile|Now|Then|Also|Still|Instead|Indeed)\b,?\s+)?"
    r"(?:(?:[A-Z][a-z]+ly|At|In|On|After|Before|When|While|Although|Though|If|As|Since|Because|Despite|During"
    r"|Following|Asked|Speaking|Writing|Under|For|With|From|By|Last|This|Earlier|Later|Today|Yesterday)\b"
    r"[^,.;\"]{0,80},\s+)?(?:(?:the|The|a|A|an|An)\s+)?"
)
_APPOSITIVE_AFTER_RE = re.compile(r", (?:(?:the|a|an) |([a-z][a-z-]+)\b)")


def _role_in_apposition(view: str, end: int) -> bool:
    """Whether a role follows the name ending at ``end`` between commas: ", vice-president of
    research", ", an analyst at"; not a relative clause or a verb (", who missed", ", said")."""
    m = _APPOSITIVE_AFTER_RE.match(view, end)
    if m is None:
        return False
    word, roles = m.group(1), source_words()["role_any"]
    return word is None or word in roles or word.split("-")[-1] in roles


_FINITE_AFTER_RE = re.compile(rf"\s+(?:{'|'.join(sorted(map(re.escape, FINITE), key=len, reverse=True))})\b")
_SUBORDINATOR_BEFORE_RE = re.compile(
    r"\b(?:why|that|whether|if|because|when|while|after|before|although|though|as|since|until|unless|how|where"
    r"|who|whom|which)\s+(?:\w+\s+)?$"
)
_LONE_NAME_RE = re.compile(r"[\"'(]?(?:(?:But|And)\s+)?([A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)*)(?![\w'-]| [A-Z])")


@dataclass(slots=True)
class _Entity:
    """What the resolved mentions say of one source: kind, role, gender and number."""

    kind: str
    role: str | None
    gender: str | None  # "m", "f" or None (unknown)
    plural: bool


_POSSESSIVE_RE = re.compile(r"'s?\s")


def _gender(p: Phrase, view: str, key: str) -> str | None:
    """The gender a mention shows: a gendered title or noun in its text or role, else the first
    name of a person's canonical name in ``data/first_names.csv``."""
    # Only the words after a possessive are the mention's own: "Mr Eavis' daughter Emily" is a woman.
    text = _POSSESSIVE_RE.split(view[p.start : p.end])[-1] + " " + _POSSESSIVE_RE.split(p.role or "")[-1]
    words = text.lower().replace(",", " ").split()
    if not MASCULINE.isdisjoint(words):
        return "m"
    if not FEMININE.isdisjoint(words):
        return "f"
    if p.kind == "person":
        return first_name_genders().get(key.split()[0]) if key else None
    return None


def _is_plural(p: Phrase) -> bool:
    """Whether a generic phrase names several ("officials", "analysts"; "the Tories" is a name)."""
    return p.kind in ("anonymous", "organisation") and not p.name[:1].isupper() and is_plural(p.name)


def _fits(pronoun: str, entity: _Entity) -> bool:
    """Whether ``entity`` can be what ``pronoun`` ("he", "she", "it", "they") refers to."""
    if pronoun in ("he", "she"):
        human = entity.kind == "person" or entity.kind == "anonymous" and not entity.plural
        return human and entity.gender != ("f" if pronoun == "he" else "m")
    if pronoun == "it":
        return entity.kind in ("organisation", "government/place", "media", "document") and not entity.plural
    return entity.kind in ("organisation", "government/place", "media") or entity.kind == "anonymous" and entity.plural


def _function(p: Phrase, view: str, sentence_start: int, speaker: bool, reported: bool) -> str:
    """The grammatical function of a mention, read from where it stands (``reported``: inside what a
    source is reported to have said)."""
    if speaker or _BEFORE_SUBJECT_RE.fullmatch(view, sentence_start, p.start):
        return "subject"
    if view.startswith("'s", p.end):
        return "possessive"
    if p.kind == "person" and " " in p.name and _role_in_apposition(view, p.end):
        # "One dissenting opinion came from Brian Gammage, vice-president of research at Gartner. He
        # said": a person introduced with their role is the topic the next sentences go on with.
        return "subject"
    if (
        not reported
        and _FINITE_AFTER_RE.match(view, p.end)
        and not _SUBORDINATOR_BEFORE_RE.search(view, max(sentence_start, p.start - 12), p.start)
    ):
        # "On that day's Today programme Mr Johnson was asked why Mr Smith had been allowed to go":
        # a phrase before a finite verb is a subject, of the main clause unless a subordinator opens
        # it or it stands in a reported clause ("Dempsey said Mr Ahern had been committed").
        return "subject"
    # A preposition among the few words before it, in the same phrase: "hosted by UK finance minister Gordon Brown".
    for word in reversed(view[max(sentence_start, p.start - 40) : p.start].split()[-4:]):
        if word[-1] in ",;:\"'":
            break
        if word.lower() in PREPOSITIONS:
            return "oblique"
    return "object"


def _named_in(key: str, view: str, contents: list[tuple[int, int]]) -> bool:
    """Whether a part of the person's name stands in one of ``contents`` (a speaker does not name
    themselves in the third person: '"I think Sean's situation ...," he said' is not Sean)."""
    parts = [part for part in key.split() if len(part) >= 3 and part[0].isupper()]
    return any(_holds_word(view, a, b, part) for part in parts for a, b in contents)


def _holds_word(view: str, start: int, end: int, word: str) -> bool:
    """Whether ``word`` stands as a whole word in ``view[start:end]`` (a string search: a regex
    per name would be compiled anew for every pronoun)."""
    at = view.find(word, start, end)
    while at != -1:
        before, after = view[at - 1 : at], view[at + len(word) : at + len(word) + 1]
        if not (before.isalnum() or before == "_") and not (after.isalnum() or after == "_"):
            return True
        at = view.find(word, at + 1, end)
    return False


def _antecedent(
    pronoun: str,
    sentence: int,
    history: list[tuple[int, int, str]],
    entities: dict[str, _Entity],
    view: str,
    contents: list[tuple[int, int]],
    last_fitting: dict[str, str],
) -> str | None:
    """The entity a pronoun in ``sentence`` refers to: the compatible entity of highest salience
    among the mentions of the last ``_WINDOW`` sentences; else the last compatible one before
    (``last_fitting``: pronoun -> the last entity mentioned that fits it)."""
    salience: dict[str, float] = {}
    for mention_sentence, weight, key in reversed(history[-_MAX_LOOK_BACK:]):
        distance = sentence - mention_sentence
        if distance > _WINDOW:
            break
        # A name in an adverbial phrase of the pronoun's own sentence ("At a conference hosted by
        # Gordon Brown, he said") is background, weighed as if a sentence back.
        distance = max(distance, weight == _WEIGHT["oblique"])
        salience[key] = salience.get(key, 0.0) + weight * 0.5**distance
    ranked = sorted(salience.items(), key=lambda item: -item[1])  # stable: the most recent first among ties
    for key, _ in ranked:
        if _fits(pronoun, entities[key]) and not (entities[key].kind == "person" and _named_in(key, view, contents)):
            return key
    fallback = last_fitting.get(pronoun)
    return fallback if fallback is not None and fallback not in salience else None


_GENERIC_DETERMINERS = frozenset({"the", "these", "those", "this"})
_TRAILING_ARTICLE_RE = re.compile(r"\b(?:the|The)\s+$")
_ANY_TRAILING_ARTICLE_RE = re.compile(r"\b(?:the|The|a|A|an|An)\s+$")
_SPEAKERS_LOOKED_AT = 4


def _phrase_start(phrase: Phrase) -> int:
    return phrase.start


_REGNAL_TITLES = frozenset({"prince", "princess", "king", "queen", "pope"})
_INDEFINITE = frozenset({"a", "an", "another", "one"})


def _plural_object_before(p_start: int, sentence_start: int, view: str, words) -> Phrase | None:
    """The last plural generic noun of a group or bodies before "they" in its own sentence, when
    the pronoun opens a clause joined by "but" or "and" ("The minister has urged councils to limit
    increases but they have warned": the councils; the singular subject cannot be "they")."""
    if not _COORDINATED_PRONOUN_RE.search(view, max(sentence_start, p_start - 8), p_start):
        return None
    for token in reversed(tokenize(view, max(sentence_start, p_start - 160), p_start)):
        if token.text.islower() and token.lower.endswith("s"):
            phrase = classify([token], view, words)
            if phrase is not None and phrase.kind in ("anonymous", "organisation") and _is_plural(phrase):
                return phrase
    return None


_COORDINATED_PRONOUN_RE = re.compile(r"\b(?:but|and)\s+$")


def _generic_subject(pronoun: str, sentence: int, p_start: int, seg: Segmented) -> Phrase | None:
    """For a pronoun nothing named fits: a generic noun phrase opening one of the two sentences
    before it, of a kind the pronoun can take ("The couple married in May. They said ...": the
    couple; "The bill was passed. It says ...": the bill); for "they", first a plural object before
    it in its own sentence (:func:`_plural_object_before`).  Generic phrases are no mentions of
    their own (a subject is not a source), so only a pronoun left without antecedent looks for them."""
    view, words = seg.view, source_words()
    if pronoun == "they":
        own = _plural_object_before(p_start, seg.sentences[sentence].start, view, words)
        if own is not None:
            return own
    for index in range(sentence - 1, max(-1, sentence - 3), -1):
        s = seg.sentences[index]
        opening = _BEFORE_SUBJECT_RE.match(view, s.start, s.end)
        at = opening.end() if opening else s.start
        article = _TRAILING_ARTICLE_RE.search(view, s.start, at)
        at = article.start() if article else at  # the article the pattern took belongs to the phrase
        tokens = tokenize(view, at, min(s.end, at + 80))
        if not tokens or tokens[0].lower not in _GENERIC_DETERMINERS:
            continue
        phrase_tokens = phrase_after(tokens, 0)
        if len(phrase_tokens) < 2 or any(t.is_capitalised for t in phrase_tokens[1:]):
            continue
        phrase = classify(phrase_tokens, view, words)
        if phrase is None or phrase.kind not in ("anonymous", "organisation", "document", "role"):
            continue
        kind = "anonymous" if phrase.kind == "role" else phrase.kind
        if _fits(pronoun, _Entity(kind, phrase.role, None, _is_plural(phrase) or is_plural(phrase.name))):
            phrase.kind = kind
            return phrase
    return None


class _Subjects:
    """The subject opening each sentence, read once per sentence and only for the sentences a
    pronoun asks about: the noun phrase after the connectives, adverbials and article that may
    open it (``_BEFORE_SUBJECT_RE``), classified; None when the sentence opens otherwise (with a
    quotation, a verb, a pronoun)."""

    def __init__(self, seg: Segmented, quoted: list[tuple[int, int]]):
        self.seg, self.quoted, self.words = seg, quoted, source_words()
        self.quoted_starts = [a for a, _ in quoted]
        self.cache: dict[int, Phrase | None] = {}
        self._mid_sentence: set[str] | None = None

    def of(self, index: int) -> Phrase | None:
        if index not in self.cache:
            self.cache[index] = self._read(index)
        return self.cache[index]

    def _read(self, index: int) -> Phrase | None:
        view, s = self.seg.view, self.seg.sentences[index]
        opening = _BEFORE_SUBJECT_RE.match(view, s.start, s.end)
        at = opening.end() if opening else s.start
        article = _ANY_TRAILING_ARTICLE_RE.search(view, s.start, at)
        at = article.start() if article else at  # the article the pattern took belongs to the phrase
        k = bisect_right(self.quoted_starts, at) - 1
        if view[s.start : at].count('"') % 2 or k >= 0 and at < self.quoted[k][1]:
            return None  # the sentence opens inside a quotation: its subject is the quoted speaker's
        tokens = tokenize(view, at, min(s.end, at + 80))
        if tokens and tokens[0].is_capitalised and tokens[0].lower.endswith(("ing", "ed")):
            # "Looking ahead to its results, BA warned ...": the subject follows the participle's comma.
            comma = next((k for k, t in enumerate(tokens) if t.text == ","), None)
            tokens = tokens[comma + 1 :] if comma is not None else []
        phrase_tokens = subject_before_its_verb(phrase_after(tokens, 0)) if tokens else []
        if phrase_tokens and len(phrase_tokens) < len(tokens) and not _may_follow_a_subject(tokens[len(phrase_tokens)]):
            # "Electrolux saw its shares rise": the walk took a verb in; what follows is no verb.
            return None
        phrase = classify(phrase_tokens, view, self.words) if phrase_tokens else None
        if phrase is not None and phrase.kind == "other" and len(phrase_tokens) > 2:
            # "A letter sent to ...": a participle the phrase walk took in after the head noun.
            phrase = classify(phrase_tokens[:-1], view, self.words) or phrase
        return phrase

    def used_mid_sentence(self, word: str) -> bool:
        """Whether a capitalised word also stands inside a sentence (a proper name, not a
        capitalised sentence opener like "Asked" or "Separately")."""
        if self._mid_sentence is None:
            self._mid_sentence = set(_MID_SENTENCE_NAME_RE.findall(self.seg.view))
        return word in self._mid_sentence


def _may_follow_a_subject(token) -> bool:
    """Whether a token can follow a sentence's subject: a comma (an apposition, "however") or a
    lowercase word that is no preposition, determiner or possessive (a verb, an adverb)."""
    if token.text == ",":
        return True
    lower = token.lower
    return (
        token.text[:1].islower()
        and lower.isalpha()
        and lower not in PREPOSITIONS
        and lower not in DETERMINERS
        and lower not in ("to", "its", "their", "his", "her", "and", "or")
    )


_MID_SENTENCE_NAME_RE = re.compile(r"(?<=[\w,] )([A-Z][\w&-]*)(?!\w)")


def _subject_antecedent(
    p: Phrase,
    pronoun: str,
    sentence: int,
    subjects: _Subjects,
    mentions_by_end: dict[int, Phrase],
    speakers_by_sentence: dict[int, list[Phrase]],
    canonical: dict[int, str],
    entities: dict[str, _Entity],
    view: str,
    contents: list[tuple[int, int]],
) -> tuple[str, _Entity] | None:
    """The subject a pronoun refers to when grammar tells: a pronoun inside its sentence, after
    that sentence's subject, refers to it ("Nintendo is releasing a console that it says ...",
    "The government dropped the plans because they said ..."); a pronoun that is its sentence's
    subject refers to the subject of the sentence before ("Tory leader Michael Howard accused the
    prime minister and Mr Brown ... He told ...": Howard, however often Brown was named before).
    For "he"/"she" the subject must be a named person; "it"/"they" take an organisation, place,
    medium or document too, named or not.  Returns the subject's key and entity; None when the
    subject does not fit: salience decides."""

    def in_contents(phrase: Phrase) -> bool:
        return any(a <= phrase.start < b for a, b in contents)

    def fitting_speaker(index: int) -> tuple[str, _Entity] | None:
        """The last speaker of sentence ``index`` before the pronoun that fits it (a run of
        attributions continues its speaker: '..., the Financial Times reported. It said ...')."""
        speakers = speakers_by_sentence.get(index, [])
        before = bisect_left(speakers, p.start, key=_phrase_start)
        # The few nearest: a sentence of hundreds of cues (a transcript) stays linear.
        for speaker in reversed(speakers[max(0, before - _SPEAKERS_LOOKED_AT) : before]):
            key = canonical.get(id(speaker))
            if not in_contents(speaker) and key in entities:
                entity = entities[key]
                if _fits(pronoun, entity) and not (entity.kind == "person" and _named_in(key, view, contents)):
                    return key, entity
        return None

    spoken = fitting_speaker(sentence)
    if spoken is not None:
        return spoken  # the sentence's subject is not read: a speaker decides at less cost
    own = subjects.of(sentence)
    if own is not None and own.end <= p.start and not in_contents(own):
        subject = own
    elif (own is None or own.start == p.start or in_contents(own)) and sentence > 0:
        spoken = fitting_speaker(sentence - 1)
        if spoken is not None:
            return spoken
        subject = subjects.of(sentence - 1)
    else:
        return None
    if subject is None:
        return None
    head = mentions_by_end.get(subject.end)  # the mention heading the phrase, not a possessor in it
    if head is not None and not head.kind.startswith("pronoun") and canonical.get(id(head)) in entities:
        key = canonical[id(head)]
        entity = entities[key]
    elif pronoun in ("it", "they"):
        kind = subject.kind
        if subject.name[:1].isupper() and " " in subject.name:
            return None  # a capitalised run no mention scan took for a name: no safe antecedent
        if kind == "person" and " " not in subject.name:
            # A lone capitalised word used as a name inside sentences too, and no first name: a body.
            if subject.name in first_name_genders() or not subjects.used_mid_sentence(subject.name):
                return None
            kind = "organisation"
        if kind not in ("organisation", "government/place", "media", "document", "anonymous"):
            return None
        key = subject.name
        # A name's final "s" makes no plural ("Yukos", "Reuters"); a generic noun's may ("the reports").
        plural = _is_plural(subject) or not key[:1].isupper() and is_plural(key)
        entity = entities.get(key) or _Entity(kind, subject.role, None, plural)
    else:
        return None
    if not _fits(pronoun, entity) or entity.kind == "person" and _named_in(key, view, contents):
        return None
    return key, entity


def _lone_names(seg: Segmented, by_part: dict[str, list[str]], taken: bytearray) -> list[Phrase]:
    """A bare surname or first name of a named person opening a sentence ("Gardener, Campbell
    and Devonish have all been awarded ..."): a mention of that person in subject position."""
    view = seg.view
    out = []
    for s in seg.sentences:
        m = _LONE_NAME_RE.match(view, s.start, s.end)
        if m and m.group(1) in by_part and taken.find(1, m.start(1), m.end(1)) == -1:
            out.append(Phrase(m.start(1), m.end(1), "person", m.group(1)))
    return out


def resolve(found: list[Found], extra: list[Phrase], seg: Segmented) -> tuple[list[Phrase], dict[int, str]]:
    """All mentions of a document (speakers first) with canonical names.

    Returns the mentions in text order and a map ``id(phrase) -> source``; a resolved pronoun
    takes its antecedent's kind and role, an unresolved one has no entry.
    """
    view = seg.view
    words = source_words()
    speakers = [f.speaker for f in found if f.speaker is not None and f.rule not in ("inherited", "last_speaker")]
    mentions: list[Phrase] = []
    taken = bytearray(len(view))  # 1 for characters already inside an accepted mention (speakers come first)
    # Bare names matter only when a pronoun or a lone name has to be resolved.
    want_names = any(p.kind.startswith("pronoun") or (p.kind == "person" and " " not in p.name) for p in speakers)

    def accept(phrases: list[Phrase]) -> None:
        for p in phrases:
            if taken.find(1, p.start, p.end) == -1:
                taken[p.start : p.end] = b"\x01" * (p.end - p.start)
                mentions.append(p)

    accept([*speakers, *extra])
    accept(scan_mentions(seg, words, want_names, taken))

    persons = [p for p in mentions if p.kind == "person"]
    # Longest first; among names of equal length, the first mentioned (never set order, which
    # varies with PYTHONHASHSEED and would make a bare surname resolve differently between runs).
    full_names = sorted(dict.fromkeys(p.name for p in sorted(persons, key=lambda p: p.start) if " " in p.name),
                        key=len, reverse=True)
    by_part: dict[str, list[str]] = {}  # name word -> full names holding it, longest first
    for full in full_names:
        for part in dict.fromkeys(full.split()):
            by_part.setdefault(part, []).append(full)
    if want_names:
        accept(_lone_names(seg, by_part, taken))
    mentions.sort(key=lambda p: p.start)

    def person_canonical(name: str) -> str:
        parts = name.split()
        for full in by_part.get(parts[0], ()) if parts else ():
            full_parts = full.split()
            if name == full:
                return full
            # A surname or first name names the person it ends or opens ("Carson" is Johnny
            # Carson, not the Johnny Carson Theater).
            if len(parts) < len(full_parts) and all(x in full_parts for x in parts):
                if full_parts[-1] == parts[-1] or len(parts) == 1 and full_parts[0] == parts[0]:
                    return full
        return name

    canonical: dict[int, str] = {}
    role_of: dict[str, str | None] = {}
    for p in mentions:
        if p.kind == "person":
            regnal = (p.role or "").rsplit(" ", 1)[-1]
            if regnal.lower() in _REGNAL_TITLES and " " not in p.name:
                # "Prince Charles" is known by title and one name: no full name it opens ("Charles Kennedy").
                canonical[id(p)] = f"{regnal} {p.name}"
                continue
            canonical[id(p)] = person_canonical(p.name)
            if p.role:
                role_of.setdefault(canonical[id(p)], p.role)
    _single_names_of_bodies(mentions, canonical, role_of)
    _resolve_roles(mentions, canonical, role_of, view)
    _resolve_organisation_nouns(mentions, canonical)
    _resolve_pronouns(found, mentions, canonical, seg)
    _share_with_same_span(speakers, mentions, canonical)
    return mentions, canonical


def _share_with_same_span(speakers: list[Phrase], mentions: list[Phrase], canonical: dict[int, str]) -> None:
    """A speaker phrase that another cue's speaker already holds ("he said ... and dismissed ...":
    one "he", two cues) was not accepted as a mention of its own: it takes the resolution of the
    accepted phrase with its span."""
    accepted = {(p.start, p.end): p for p in mentions}
    for p in speakers:
        if id(p) in canonical:
            continue
        twin = accepted.get((p.start, p.end))
        if twin is not None and twin is not p and id(twin) in canonical:
            canonical[id(p)] = canonical[id(twin)]
            p.kind, p.role, p.affiliation = twin.kind, twin.role, twin.affiliation


def _single_names_of_bodies(mentions: list[Phrase], canonical: dict[int, str], role_of: dict[str, str | None]) -> None:
    """A lone capitalised word the document never gives a full name, a title or a role for, and
    that is no known first name, names a body ("Microsoft said", "Yukos said it would appeal"):
    news introduces a person by full name before using the surname alone."""
    persons: dict[str, list[Phrase]] = {}
    for p in mentions:
        if p.kind == "person":
            persons.setdefault(canonical[id(p)], []).append(p)
    first_names = first_name_genders()
    for name, phrases in persons.items():
        if " " not in name and name not in role_of and name not in first_names and not any(p.role for p in phrases):
            for p in phrases:
                p.kind = "organisation"


_RANKS = frozenset("deputy vice shadow former ex acting junior assistant interim".split())


def _resolve_roles(
    mentions: list[Phrase], canonical: dict[int, str], role_of: dict[str, str | None], view: str
) -> None:
    """A role without a name goes to the named person holding it ("the vice foreign minister"): the
    first person (in ``role_of``'s order) whose role holds all its words, looked up by its first
    word; else it is an anonymous source.  A role after an indefinite article ("a Labour
    spokesman") brings in someone new, so it stays anonymous."""
    words_of_role = {n: set(r.lower().split()) for n, r in role_of.items() if r}
    holders_by_word: dict[str, list[str]] = {}
    for name, role_words in words_of_role.items():
        for word in role_words:
            holders_by_word.setdefault(word, []).append(name)
    for p in mentions:
        if p.kind == "role":
            role_words = [w for w in p.name.split() if w not in DETERMINERS]
            opening = view[p.start : p.end].split(None, 1)[0].lower()
            holders = holders_by_word.get(role_words[0], ()) if role_words and opening not in _INDEFINITE else ()
            # "the prime minister" is not the deputy prime minister: a rank word the role lacks rules a holder out.
            wanted = set(role_words)
            fits = (n for n in holders if words_of_role[n] >= wanted and not (words_of_role[n] - wanted) & _RANKS)
            holder = next(fits, None)
            if holder is not None:
                p.kind, p.role = "person", role_of[holder]
                canonical[id(p)] = holder
            else:
                p.kind = "anonymous"
                canonical[id(p)] = p.name


_BODY_NAME_LINKS = frozenset({"of", "for", "&"})


def _reads_as_a_body_name(name: str) -> bool:
    """Whether a capitalised run reads as one body's whole name ("Cairn Energy", "Bank of Mexico"), not
    a run that a mention scan took with a role, a person or a list ("Labour MSP Christine", "EADS
    Philippe Camus", "NTL and Telewest", "the AFI jury")."""
    words, lexicon, first_names = name.split(), source_words(), first_name_genders()
    return len(words) <= 4 and "'" not in name and all(
        word in _BODY_NAME_LINKS
        or word[:1].isupper()
        and word.lower() not in lexicon["title"]
        and word.lower() not in lexicon["role"]
        and (k == 0 or word not in first_names)
        for k, word in enumerate(words)
    )


def _resolve_organisation_nouns(mentions: list[Phrase], canonical: dict[int, str]) -> None:
    """ "the agency" after "the Environment Agency": a one-word generic organisation noun goes to
    the last named organisation before it whose name ends in that word.  A one-word name goes to
    the document's first named organisation that opens with it ("Petrel" is Petrel Resources,
    "Vivendi" Vivendi Universal)."""
    # A run ending in a person's surname is no body's name ("aerospace group EADS Philippe Camus ... Mr Camus").
    surnames = {canonical[id(p)].rsplit(" ", 1)[-1] for p in mentions if p.kind == "person" and id(p) in canonical}
    opening: dict[str, str] = {}  # first word -> the first named organisation of two or more words opening with it
    for p in mentions:
        if p.kind == "organisation" and " " in p.name and _reads_as_a_body_name(p.name):
            if p.name.rsplit(" ", 1)[-1] not in surnames:
                opening.setdefault(p.name.split(" ", 1)[0], p.name)
    last_named: dict[str, str] = {}  # last word, lower case -> the named organisation
    for p in mentions:
        if p.kind != "organisation":
            continue
        if p.name[:1].isupper():
            if " " not in p.name and canonical.get(id(p), p.name) == p.name and p.name in opening:
                canonical[id(p)] = opening[p.name]
            last_named[p.name.rsplit(" ", 1)[-1].lower()] = canonical.setdefault(id(p), p.name)
        elif " " not in p.name and p.name in last_named:
            canonical[id(p)] = last_named[p.name]


def _resolve_pronouns(found: list[Found], mentions: list[Phrase], canonical: dict[int, str], seg: Segmented) -> None:
    """Each pronoun to its antecedent (:func:`_antecedent`), in one pass in text order; a resolved
    pronoun is a subject mention of its entity for the pronouns after it."""
    # A mention after the last pronoun is the antecedent of none: the pass ends at that pronoun,
    # and a document without one (about a third of BBC's) makes no pass at all.
    last_pronoun = max((k for k, p in enumerate(mentions) if p.kind.startswith("pronoun")), default=-1)
    if last_pronoun < 0:
        return
    view = seg.view
    starts = [s.start for s in seg.sentences]
    speaker_ids = {id(f.speaker) for f in found if f.speaker is not None}
    contents: dict[int, list[tuple[int, int]]] = {}  # id(speaker phrase) -> its attributions' contents
    for f in found:
        if f.speaker is not None and f.content is not None:
            contents.setdefault(id(f.speaker), []).append(f.content)
    # A name inside a quotation is the quoted speaker's topic, not the narrative's: '"The Act is clear,"
    # he said' does not make the Act what the next "he" refers to.  Only closed quotations count: a
    # stray mark would otherwise take in the rest of its paragraph.
    quoted = sorted((q.content_start, q.content_end) for q in seg.quotations if q.closed)
    quoted_starts = [a for a, _ in quoted]
    reported = merge_spans(f.content for f in found if f.content is not None)
    entities: dict[str, _Entity] = {}
    history: list[tuple[int, int, str]] = []  # (sentence, weight, entity) of each mention, in text order
    last_fitting: dict[str, str] = {}
    subjects = _Subjects(seg, quoted)
    # What the grammar of subjects needs.
    mentions_by_end = {p.end: p for p in mentions}
    speakers_by_sentence: dict[int, list[Phrase]] = {}  # sentence -> its speakers, in text order
    for f in found:
        if f.speaker is not None:
            at = max(0, bisect_right(starts, f.speaker.start) - 1)
            speakers_by_sentence.setdefault(at, []).append(f.speaker)
    for phrases in speakers_by_sentence.values():
        phrases.sort(key=_phrase_start)

    def record(sentence: int, weight: int, key: str) -> None:
        history.append((sentence, weight, key))
        for pronoun in ("he", "she", "it", "they"):
            if _fits(pronoun, entities[key]):
                last_fitting[pronoun] = key

    for p in mentions[: last_pronoun + 1]:
        sentence = max(0, bisect_right(starts, p.start) - 1)
        sentence_start = starts[sentence] if starts else 0
        if p.kind.startswith("pronoun"):
            pronoun = view[p.start : p.end].lower()
            own_contents = contents.get(id(p), [])
            key = _antecedent(pronoun, sentence, history, entities, view, own_contents, last_fitting)
            subject = _subject_antecedent(
                p, pronoun, sentence, subjects, mentions_by_end, speakers_by_sentence, canonical, entities, view,
                own_contents,
            )
            # A generic organisation noun as subject ("The firm now employs 40 staff. It said ...")
            # stands for the named body salience finds, if it finds one.
            if subject is not None:
                generic_body = subject[1].kind == "organisation" and not subject[0][:1].isupper()
                if not (generic_body and key is not None and key[:1].isupper()):
                    key = subject[0]
                    entities.setdefault(key, subject[1])
            if key is None:
                generic = _generic_subject(pronoun, sentence, p.start, seg)
                if generic is None:
                    continue
                key = generic.name
                entities.setdefault(key, _Entity(generic.kind, generic.role, None, pronoun == "they"))
            entity = entities[key]
            if entity.gender is None and pronoun in ("he", "she"):
                entity.gender = "m" if pronoun == "he" else "f"
            p.kind, p.role = entity.kind, entity.role
            canonical[id(p)] = key
            record(sentence, _WEIGHT["subject"], key)
            continue
        key = canonical.setdefault(id(p), p.name)
        entity = entities.get(key)
        if entity is None:
            entities[key] = _Entity(p.kind, p.role, _gender(p, view, key), _is_plural(p))
        elif entity.gender is None:
            entity.gender = _gender(p, view, key)
        k = bisect_right(quoted_starts, p.start) - 1
        if k >= 0 and p.start < quoted[k][1]:
            continue
        function = _function(p, view, sentence_start, id(p) in speaker_ids, inside(p.start, reported))
        record(sentence, _WEIGHT[function], key)
