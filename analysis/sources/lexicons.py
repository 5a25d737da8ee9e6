"""The sources measure's word lists: reporting verbs, source words, places, and the closed
classes of grammar words the speaker rules stop at.

The lists are package data (``analysis/data/reporting_verbs.csv``, ``source_words.csv``,
``places.txt``), each with a header citing its sources; the closed classes (prepositions,
determiners, auxiliaries, negations) are grammar, not lexicon, so they live here in code.
"""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

import pandas as pd

from analysis.resources import read_lines, read_table
from analysis.text import trie_pattern


@cache
def reporting_verbs() -> pd.DataFrame:
    """The reporting-verb lexicon, one row per verb form.

    Returns
    -------
    pandas.DataFrame
        ``form`` (lower case; may be two words, ``"pointed out"``), ``lemma``, ``stance``
        (neutral, distancing, concessive, endorsing, opposing, tentative), ``type``
        (speech: saying or writing; belief: believing, thinking; evidence: showing,
        finding; naming: a quoted label; act: praising, demanding, speaking about), ``speech``
        (bool: ``type == "speech"``) and ``source`` (the citation).

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
                    "type": row["type"],
                    "speech": row["type"] == "speech",
                    "source": row["source"],
                }
            )
    return pd.DataFrame(rows)


class VerbIndex(NamedTuple):
    """The cue patterns and each form's lemma, stance and type (``forms``).

    A cue form is a whole word (or words): ``search`` matches one with the character before it,
    no word character, and ``opening`` one at the position it is matched at, for a form that
    opens the text and has no character before it.  Both give the form as group 1.
    """

    search: re.Pattern[str]
    opening: re.Pattern[str]
    forms: dict[str, tuple[str, str, str]]


@cache
def verb_index() -> VerbIndex:
    """The cue patterns, and each form's lemma, stance and type (see :class:`VerbIndex`)."""
    table = reporting_verbs()
    forms = {f: (lemma, stance, kind) for f, lemma, stance, kind in table[["form", "lemma", "stance", "type"]].values}
    # One regular expression shaped as a trie of the forms: Python's re tries alternatives one by
    # one, so a flat list of 300 forms costs 300 attempts per word; the trie costs a few.
    # Lower case and capitalised forms instead of re.IGNORECASE: twice as fast on BBC text.
    cased = [*forms, "according to"]
    cased += [f[0].upper() + f[1:] for f in cased]
    form = rf"({trie_pattern(cased)})\b"
    # The character before the form is matched, not looked behind at ("(?<!\w)"): a pattern that
    # opens with a set of characters lets re skip, in C, the positions that cannot start a match
    # (four in five: those inside words), where a lookbehind makes it try the whole pattern at each.
    return VerbIndex(re.compile(rf"[^\w]{form}"), re.compile(form), forms)


@cache
def clause_break() -> re.Pattern[str]:
    """Where a reported clause ends: "..., but", "; ", " - and", or a comma or "and" before another
    cue ("..., adding that", "X, who argues ..., said", "... as 'my friends' and said")."""
    cue = rf"(?:{trie_pattern(reporting_verbs()['form'])})\b"
    # Every alternative opens with a literal character (", " + cue, not "(?:,|,? and) " + cue): then
    # re skips, in C, to the commas, semicolons and spaces, where it would try the whole pattern
    # at each character of the clause.  Only where the first match starts is asked.
    return re.compile(rf", but |; | - (?:and|but) | -- |, {cue}|, and {cue}| and {cue}")


@cache
def source_words() -> dict[str, frozenset[str]]:
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
def places() -> frozenset[str]:
    return frozenset(read_lines("places.txt"))


# Grammar words that end a speaker noun phrase.  These are closed classes (prepositions,
# conjunctions, auxiliaries, complementisers), so they live in code rather than in a lexicon.
STOP = frozenset(
    """a about above after against also although am among an and any are as at be because been before being
    below between both but by can could did do does doing down during each either else even ever every except
    for from further had has have having here how if in into is it's its just last least less many may meanwhile
    might more most much must neither nor not now of off on once only or other our out over own per rather
    same shall should since so some such than that the their them then there these this those though through
    thus to too toward towards under unless until up upon very was we were what when where whether which while
    who whom whose why will with within without would yet you your yesterday today tonight tomorrow however instead
    moreover nevertheless also later earlier previously recently repeatedly reportedly publicly privately
    already again often still first finally immediately simply really actually afterwards afterward""".split()
)
# Prepositions before which a cue form is a noun ("amid claims", "of reports") and after which a
# phrase attaches to the noun before it ("a spokeswoman for the centre in Cardiff").
PREPOSITIONS = frozenset(
    """about above after against amid amidst among amongst around at before behind below beneath beside besides
    between beyond by despite during for from in inside into like near of off on onto over past regarding since
    through throughout toward towards under underneath until upon with within without""".split()
)
DETERMINERS = frozenset("a an the another one two three several many some most all his her their its our this".split())
# Words between a speaker and its verb: "Kim has said", "officials also told".
SKIP_BEFORE_CUE = frozenset(
    """has have had also later earlier previously recently then reportedly once further again repeatedly publicly
    privately first just already often frequently still even now would will could may might must should can
    afterwards afterward
    itself himself herself themselves long since
    'd 've quickly flatly simply openly angrily""".split()
)
PASSIVE = frozenset("is was were are be been being 's".split())
NEGATION = frozenset("not n't never didn't doesn't don't hasn't haven't hadn't won't wouldn't cannot can't".split())
WEEKDAYS_MONTHS = frozenset(
    """Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April June July August
    September October November December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec""".split()
)
# Number words that end a group's name ("the Maguire Seven", "the Guildford Four"): no person's name.
GROUP_NUMBERS = frozenset("two three four five six seven eight nine ten eleven twelve".split())
SUBJECT_PRONOUNS = {"he": "pronoun_person", "she": "pronoun_person", "they": "pronoun_group", "it": "pronoun_thing"}
# Lemmas whose base and -s forms are also nouns ("a tax claim", "amid claims", "his report into").
NOUN_FORMS = frozenset(
    "report claim estimate comment tweet call promise pledge vow note show reply answer state find warn".split()
)
# Media words that make a following cue form a compound noun: "TV shows", "radio report", "news reports".
MEDIA_MODIFIERS = frozenset("tv television radio news press".split())
# Auxiliaries, modals and copulas: after a phrase, they open its clause ("said the police had a duty"),
# and a phrase before one is its subject.
FINITE = frozenset(
    """is are was were be been 's 're has have had 've will would 'll 'd can could may might must shall should
    do does did""".split()
)
# Words before which a base verb form can be a verb: a plural subject pronoun, an auxiliary or a modal
# ("they claim", "will report", "did not claim"); else, after a singular noun, it is a noun ("a tax claim").
VERB_BEFORE_BASE = frozenset(
    "i we you they who that which do did does will would can could may might must shall should to".split()
)

# Words that end a phrase before a cue without being its speaker: object pronouns, time words
# ("last week said"), adverbs and adjectives seen there in news text.
NOT_HEADS = frozenset(
    """him them us me her always never week year month day time night morning afternoon evening new final
    annual guilty""".split()
)


@cache
def first_name_genders() -> dict[str, str]:
    """First names that are strongly one gender, ``{"John": "m", "Irene": "f", ...}``
    (``data/first_names.csv``: U.S. Census Bureau 1990 name files; its header gives the rule and
    the limits).  Used only to skip antecedents a "he" or "she" cannot have."""
    return {row["name"]: row["gender"] for row in read_table("first_names.csv")}


@cache
def source_aliases() -> dict[str, str]:
    """Other names of one body, ``{"Tories": "Conservatives", "Lib Dems": "Liberal Democrats", ...}``
    (``data/source_aliases.csv``), for one ``source_key`` across a corpus."""
    return {row["alias"]: row["name"] for row in read_table("source_aliases.csv")}


# Words that carry grammatical gender in English: titles before a name and person nouns.  What a
# text says (a title, "spokeswoman") overrides the first-name list.
MASCULINE = frozenset(
    """mr mr. sir lord king prince duke baron earl count father brother son husband man boy spokesman chairman
    businessman congressman policeman sportsman""".split()
)
FEMININE = frozenset(
    """mrs mrs. ms ms. miss lady dame queen princess duchess baroness countess mother sister daughter wife woman
    girl spokeswoman chairwoman businesswoman congresswoman policewoman sportswoman actress""".split()
)
# Letters after a name that are no part of it ("Ken Macdonald QC", "Tom McCabe MSP").
POSTNOMINALS = frozenset("QC KC MP MSP MEP AM MLA OBE MBE CBE KBE DBE PhD Jr Sr".split())
# Heads that name several although they do not end in -s: "police said", "47% said", "the majority said".
PLURAL_NOUNS = frozenset(
    """people police staff media many some others all both percent % majority minority couple pair duo trio
    family""".split()
)
