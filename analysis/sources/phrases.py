"""Speaker phrases: the noun phrase next to a cue, walked token by token, and its kind,
canonical name and role."""

from __future__ import annotations

import re
from dataclasses import dataclass

from analysis.sources.lexicons import (
    DETERMINERS,
    FINITE,
    GROUP_NUMBERS,
    MEDIA_MODIFIERS,
    POSTNOMINALS,
    PREPOSITIONS,
    SUBJECT_PRONOUNS,
    WEEKDAYS_MONTHS,
    first_name_genders,
    places,
    source_words,
)
from analysis.sources.tokens import Token, is_stop, np_head, np_word, token_lower, token_text

_ARTICLE_RE = re.compile(r"^(?:the|a|an) ")
_LINKS = frozenset({("close", "to"), ("familiar", "with"), ("briefed", "on")})


@dataclass(slots=True)  # slots: made by the ten thousand, and faster to read
class Phrase:
    """A speaker or mention phrase: its span, the name part, the role part and the affiliation
    (the organisation or place a person speaks for: "Mike Powell | of Dresdner Kleinwort")."""

    start: int
    end: int
    kind: str
    name: str  # canonical candidate (a person's name, an organisation's name, a lowercase noun phrase)
    role: str | None = None
    candidate: bool = False  # a bare name found by scanning: a mention only if some speaker resolves to it
    affiliation: str | None = None


# Prepositions that tie a speaker to what they speak for: "a spokeswoman for the centre", "Mike Powell
# of Dresdner Kleinwort", "officials in Moscow", "a source at the bank".
_AFFILIATING = ("for", "of", "at", "in", "from", "with")
# Lower-case words inside a person's name: "Nick Van den Brul", "Ludwig van Beethoven".
_NAME_PARTICLES = frozenset({"van", "von", "den", "der", "de", "da", "di", "du", "le", "la", "bin", "al"})


def _in_a_name(token: Token) -> bool:
    """Whether a word before a particle can belong to a person's name ("Piet van der Berg")."""
    return token.is_capitalised or token.lower in _NAME_PARTICLES


# Generic nouns for a body that name a person's trade too: before two or more names ("comedian and
# broadcaster Cyril Fletcher"), a person's.
PEOPLES_TRADES = frozenset({"broadcaster", "publisher", "developer"})


def opens_with_a_first_name(word: str) -> bool:
    """Whether a name's first word is a known first name, or opens with one ("Jeanne-Marie")."""
    names = first_name_genders()
    return word in names or word.split("-", 1)[0] in names


def body_after_its_noun(noun: str, name_words: list[str], words) -> bool:
    """Whether the capitalised ``name_words`` after the lowercase ``noun`` name a body the noun
    describes ("oil company Yukos", "housebuilder George Wimpey"), not a person ("fellow broadcaster
    Michael Pointon", "comedian and broadcaster Cyril Fletcher"; but "broadcaster Virgin Radio")."""
    if noun not in words["organisation"] or opens_with_a_first_name(name_words[0]):
        return False
    return (
        len(name_words) == 1
        or noun not in PEOPLES_TRADES
        or any(w.lower() in words["organisation"] or w.lower() in words["media_any"] for w in name_words)
    )


def _name_word(token: Token, titles: frozenset[str], organisations: frozenset[str]) -> bool:
    return token.is_capitalised and not token.text.isupper() and token.lower not in titles | organisations


def _ends_in_a_name(tokens: list[Token]) -> bool:
    """Whether the phrase ends in a run of capitalised words after a lowercase word that is no
    preposition or determiner ("spokesman for sport Hugh Robertson"; not "for the Botanic Centre")."""
    k = len(tokens)
    while k > 0 and tokens[k - 1].is_capitalised:
        k -= 1
    if k == len(tokens) or k == 0:
        return False
    before = tokens[k - 1].lower
    return before.isalpha() and before not in _AFFILIATING and before not in DETERMINERS and before != "and"


def _person_with_affiliation(tokens: list[Token], k: int, view: str, words) -> Phrase | None:
    """"Mike Powell of Dresdner Kleinwort Wasserstein": the person named before the preposition at
    ``k``, with what follows it as their affiliation; None when the words before it are not a
    person's name ("Ministry of Defence", "Bank of England", "Duke of Edinburgh")."""
    left = _trim_determiner(tokens[:k])
    name_start = len(left)  # the name is the capitalised words ending the phrase, after any role
    while name_start > 0 and (
        left[name_start - 1].is_capitalised
        or left[name_start - 1].lower in _NAME_PARTICLES and name_start > 1 and _in_a_name(left[name_start - 2])
    ):
        name_start -= 1
    if len(left) - name_start < 2 or k + 1 >= len(tokens):
        return None
    if name_start and left[name_start - 1].lower not in words["role_any"]:
        return None  # words before the name that are no role: "this year the Royal College of ..."
    if any(t.lower in words["organisation"] or t.lower in words["media_any"] for t in left[name_start:]):
        return None
    person = classify(left, view, words)
    if person is None or person.kind != "person" or len(person.name.split()) < 2 and not person.role:
        return None
    person.end = tokens[-1].end
    person.affiliation = _ARTICLE_RE.sub("", view[tokens[k + 1].start : tokens[-1].end])
    return person


def _opens_name_at(tokens: list[Token], k: int) -> bool:
    """Whether a capitalised word stands at index ``k``."""
    return k < len(tokens) and tokens[k].is_capitalised


def _ampersand_name(tokens: list[Token]) -> bool:
    """Whether the phrase ends in a name joined by "&" whose last word ends in "'s" ("Standard &
    Poor's"): that "'s" is part of the name, not a possessive."""
    return len(tokens) >= 3 and tokens[-2].text == "&" and tokens[-3].is_capitalised and tokens[-1].is_capitalised


def _all_party_words(tokens: list[Token], words) -> bool:
    return all(t.is_capitalised and t.lower in words["party"] for t in tokens)


def _trim_determiner(tokens: list[Token]) -> list[Token]:
    while tokens and (tokens[0].lower in DETERMINERS or is_stop(tokens[0].text)) and len(tokens) > 1:
        tokens = tokens[1:]
    return tokens


def classify(tokens: list[Token], view: str, words: dict[str, frozenset[str]]) -> Phrase | None:
    """Kind, canonical name and role of a noun phrase given as tokens."""
    while tokens and (tokens[-1].text in ",(" or tokens[-1].text.endswith("'s") and not _ampersand_name(tokens)):
        tokens = tokens[:-1]
    if not tokens:
        return None
    start, end = tokens[0].start, tokens[-1].end
    head = tokens[-1]
    named_last = _ends_in_a_name(tokens)
    for k in range(len(tokens) - 1):
        if named_last:
            break  # "Shadow spokesman for sport Hugh Robertson": a person named after the role
        link = (tokens[k].lower, tokens[k + 1].lower) in _LINKS
        # A role word, in lower case or opening the phrase ("Officials in Moscow"): a capitalised word
        # elsewhere names a body ("Bank of England").
        of_role = tokens[k + 1].lower in _AFFILIATING and (k == 0 or not tokens[k].is_capitalised)
        # "Bank of America", "Ministry of Defence": a capitalised body word and a name after the link
        # are one name, not a body with an affiliation.
        of_role = of_role and not (
            tokens[k].is_capitalised and tokens[k].lower in words["organisation"]
            and k + 2 < len(tokens) and tokens[k + 2].is_capitalised
        )
        if link or (of_role and speaking_noun(tokens[k].lower, words)):
            # "a source close to the talks", "a spokesperson for the association", "officials in
            # Moscow": classified by the head before the link, named in full.
            inner = classify(tokens[: k + (0 if link else 1)], view, words)
            if inner is not None:
                inner.end = end
                if inner.kind in ("anonymous", "document"):
                    inner.name = _ARTICLE_RE.sub("", view[start:end].lower())
                if not link and k + 2 < len(tokens):
                    inner.affiliation = _ARTICLE_RE.sub("", view[tokens[k + 2].start : end])
            return inner
        if k > 0 and tokens[k].lower in _AFFILIATING and tokens[k - 1].is_capitalised:
            person = _person_with_affiliation(tokens, k, view, words)
            if person is not None:
                return person
    if len(tokens) == 1 and head.lower in SUBJECT_PRONOUNS:
        return Phrase(start, end, SUBJECT_PRONOUNS[head.lower], head.lower)
    if len(tokens) == 1 and head.text.replace("\u2019", "'").split("'")[0] in ("I", "we", "We"):  # also "I've"
        return Phrase(start, end, "author", "the author")  # the writer speaking in the narrative
    core = _trim_determiner(tokens)
    # "The DPRK's vice foreign minister": the head phrase follows the last possessive.
    possessive = [k for k, t in enumerate(core) if t.text.endswith("'s")]
    if possessive and possessive[-1] + 1 < len(core):
        core = _trim_determiner(core[possessive[-1] + 1 :])
    while len(core) > 1 and (core[0].lower in words["descriptor"] or _age_before_a_name(core)):
        # "Rival Sony", "its rival Nintendo": the word says how the source relates, not who it is;
        # "the 28-year-old Morientes": an age, no part of the name.
        core = core[1:]
    if len(core) == 1 and not core[0].text.isupper():
        single = core[0].lower
        for kind in ("document", "anonymous"):
            if single in words[kind]:
                return Phrase(start, end, kind, _ARTICLE_RE.sub("", view[tokens[0].start : end].lower()))
    # A trailing run of capitalised words after any title or role word is a person's name.
    titles, organisations = words["title"], words["organisation"]
    if len(core) == 2 and core[-1].text in POSTNOMINALS and len(core) < len(tokens) and tokens[0].lower in _ARTICLES:
        # "the Salford MP": an article makes the place the seat, not a name; the MP a role.
        text = view[core[0].start : core[-1].end].lower()
        return Phrase(start, end, "role", text, text)
    while len(core) > 1 and core[-1].text in POSTNOMINALS and _name_word(core[-2], titles, organisations):
        core = core[:-1]  # "Ken Macdonald QC"
    name_start = len(core)
    while name_start > 0:
        t = core[name_start - 1]
        joined = t.lower in _NAME_PARTICLES or t.text == "&"  # "Piet van der Berg", "Marks & Spencer"
        particle = joined and name_start > 1 and _in_a_name(core[name_start - 2])
        if not (t.is_capitalised or particle) or t.lower in titles or t.lower in organisations or t.text == "'s":
            break
        if t.lower in words["party"] and len(core) - name_start >= 2:
            break  # "Tory Michael Howard": the party is the person's affiliation, not part of the name
        name_start -= 1
    if name_start == 0 and len(core) >= 2 and _describes(core[0], words) and (len(core) >= 3 or "-" in core[0].text):
        name_start = 1  # "Singer George Michael", "Coffee-loving Curry": a sentence's capital, no name
    name_tokens, before_name = core[name_start:], core[:name_start]
    if any(t.text == "&" for t in name_tokens):
        # "Marks & Spencer", "mortgage lender Bradford & Bingley": "&" joins a firm's name, never a person's.
        described = before_name and before_name[-1].lower in organisations
        role = view[before_name[0].start : before_name[-1].end] if described else None
        return Phrase(start, end, "organisation", view[name_tokens[0].start : name_tokens[-1].end], role)
    if len(before_name) >= 2 and before_name[-1].lower in ("of", "for") and before_name[-2].is_capitalised:
        holder = before_name[-2].lower
        if holder not in words["title"] and holder not in words["role"]:
            # "Confederation of British Industry", "Society for Consumer Research": capitals on both
            # sides of "of" name one body; a person's name never holds a preposition.
            return Phrase(start, end, "organisation", view[core[0].start : core[-1].end])
        if len(name_tokens) <= 2:
            # "MP for Ealing North", "Secretary of State Rice": the words after "of" may all be the
            # office; a role, resolved later to the person who holds it.
            text = view[core[0].start : core[-1].end]
            return Phrase(start, end, "role", text.lower(), text.lower())
        # "Secretary of State Condoleezza Rice": the office ends where the last two words, the name, begin.
        name_tokens, before_name = core[-2:], core[:-2]
    if (
        name_tokens
        and before_name
        and not before_name[-1].is_capitalised
        and body_after_its_noun(before_name[-1].lower, list(map(token_text, name_tokens)), words)
    ):
        # "Russian oil company Yukos", "US software giant Microsoft": a body's name after a generic noun
        # for it is its whole name (one source key with the "Yukos" of the next sentence), the noun its role.
        name = view[name_tokens[0].start : name_tokens[-1].end]
        return Phrase(start, end, "organisation", name, view[before_name[0].start : before_name[-1].end])
    if (
        name_tokens
        and before_name
        and before_name[-1].text.islower()
        and before_name[-1].lower in words["media_word"]
        and before_name[-1].lower not in MEDIA_MODIFIERS  # "Director of television Jana Bennett" is a person
        and not opens_with_a_first_name(name_tokens[0].text)
    ):
        # "Russian newspaper Vedomosti", "showbusiness newspaper Variety": an outlet named after its kind.
        name = view[name_tokens[0].start : name_tokens[-1].end]
        return Phrase(start, end, "media", name, view[before_name[0].start : before_name[-1].end])
    if len(name_tokens) >= 2 and before_name and _all_party_words(before_name, words):
        person = Phrase(start, end, "person", " ".join(map(token_text, name_tokens)))
        person.affiliation = view[before_name[0].start : before_name[-1].end]
        return person
    has_title_or_role = bool(before_name) and (
        before_name[-1].lower in words["title"] or before_name[-1].lower in words["role"]
    )
    if len(name_tokens) >= 2 and has_title_or_role and organisations.isdisjoint(map(token_lower, name_tokens)):
        # "Committee chairman John Denham": the person, whatever body the role belongs to.
        role = view[before_name[0].start : before_name[-1].end]
        return Phrase(start, end, "person", " ".join(map(token_text, name_tokens)), role)
    capitalised = [t for t in core if t.is_capitalised]
    text = view[core[0].start : core[-1].end]
    if not name_tokens and capitalised and not head.is_capitalised and head.lower in words["role_any"]:
        # "an EU spokesman", "the Vodafone spokesman": a person speaking for what the capitals name.
        kind = "role" if head.lower in words["role"] else "anonymous"
        phrase = Phrase(start, end, kind, text.lower(), text.lower() if kind == "role" else None)
        phrase.affiliation = view[capitalised[0].start : capitalised[-1].end]
        return phrase
    if not words["media_any"].isdisjoint(map(token_lower, tokens)) and (
        head.lower in words["media_any"] or head.text.isupper()
    ):
        return Phrase(start, end, "media", text)
    if len(name_tokens) == 1 and name_tokens[0].text in places() and not before_name:
        return Phrase(start, end, "government/place", name_tokens[0].text)
    if not organisations.isdisjoint(map(token_lower, capitalised)) or (head.lower in organisations and capitalised):
        return Phrase(start, end, "organisation", text)
    if len(name_tokens) >= 2 and name_tokens[-1].lower in GROUP_NUMBERS:
        # "the Maguire Seven", "the Guildford Four": a group named by its number, not a person.
        return Phrase(start, end, "organisation", text)
    if name_tokens and (len(name_tokens) >= 2 or has_title_or_role or not before_name):
        if all(t.text.isupper() for t in name_tokens) and not has_title_or_role:
            kind = "organisation" if len(name_tokens) == 1 else "person"
            if kind == "organisation":
                return Phrase(start, end, kind, text)
        name = " ".join(map(token_text, name_tokens))
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
    if not head.is_capitalised and head.lower.endswith("s"):
        # The plural of a word the lexicon has in the singular: "human rights groups", "the insurers".
        singular = _singular(head.lower)
        for kind, lists in _PLURAL_KINDS:
            if any(singular in words[name] for name in lists):
                return Phrase(start, end, kind, _ARTICLE_RE.sub("", view[tokens[0].start : end].lower()))
    if capitalised:
        return Phrase(start, end, "organisation", text)
    return Phrase(start, end, "other", text.lower())


_PLURAL_KINDS = (("anonymous", ("role", "anonymous")), ("organisation", ("organisation",)), ("document", ("document",)))


def _singular(word: str) -> str:
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    return word[:-1]


def _surname_like_a_grammar_word(tokens: list[Token], j: int) -> bool:
    """Whether the capitalised month or grammar word at ``j`` is a surname after a first name
    ("Theresa May")."""
    t = tokens[j]
    return (
        t.is_capitalised
        and (t.text in WEEKDAYS_MONTHS or is_stop(t.text))
        and j > 0
        and tokens[j - 1].text in first_name_genders()
    )


def phrase_before(tokens: list[Token], end: int, words) -> list[Token]:
    """The noun phrase ending just before token index ``end`` (exclusive), walking back."""
    j = end - 1
    if j >= 1 and tokens[j].text == "%" and tokens[j - 1].text[:1].isdigit():
        # "47% said", "nearly 60% said": a share of those asked, opening its clause.
        opens = j < 2 or tokens[j - 2].text == "," or tokens[j - 2].lower in _BEFORE_SHARE
        if not opens and tokens[j - 2].lower in _SHARE_ADJECTIVES and j >= 3 and tokens[j - 3].lower in DETERMINERS:
            return tokens[j - 3 : j + 1]  # "The remaining 33% said", "the other 40% said"
        return tokens[j - 1 : j + 1] if opens else []
    if j < 0 or not (np_head(tokens[j].text) or _surname_like_a_grammar_word(tokens, j)):
        return []
    if tokens[j].lower in SUBJECT_PRONOUNS or tokens[j].text in ("I", "we", "We", "you", "You"):
        return [tokens[j]]
    i = j
    while i - 1 >= 0 and j - i < 9:
        t = tokens[i - 1]
        if tokens[i].lower in _ARTICLES and t.is_capitalised and not tokens[i + 1].is_capitalised:
            break  # "According to Mr Peston the prime minister said": a name, then a new phrase
        if tokens[i].lower in _ARTICLES and t.text.islower() and t.lower not in PREPOSITIONS and t.lower != "and":
            break  # "Last month the EU said", "lobby group the CBI said": an article opens its phrase
        if np_word(t.text) and t.lower not in SUBJECT_PRONOUNS:
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
        elif t.lower.endswith(("ing", "ed")) and t.text.islower() and i - 2 >= 0 and tokens[i - 2].lower in _ARTICLES:
            i -= 1  # "a leading bank", "the embattled firm": a participle as adjective after its article
        elif t.text == "'" and i - 2 >= 0 and tokens[i - 2].lower.endswith("s") and tokens[i - 2].is_word:
            i -= 1  # "the traders' association"
        elif t.lower in ("for", "of", "at") and i - 2 >= 0 and speaking_noun(tokens[i - 2].lower, words):
            i -= 1  # "a spokesperson for the association", "head of the agency", "video of the incident"
        elif (
            t.lower == "and"
            and i - 2 >= 0
            and tokens[i - 2].is_capitalised
            and tokens[i].is_capitalised
            and tokens[j].lower in words["organisation"]
            and (i - 3 < 0 or _determiner_before_capitals(tokens, i - 2))
        ):
            i -= 1  # "the (US) Securities and Exchange Commission": one body, its name holding an "and"
        elif t.lower == "and" and _one_noun_phrase(tokens, i):
            i -= 2  # "The comic and actor said": one person, two nouns under one determiner
        elif t.lower == "than" and i - 2 >= 0 and tokens[i - 2].lower in _COMPARATIVES and tokens[i].text[:1].isdigit():
            i -= 2  # "The survey of more than 1,000 people": a number's modifier, inside the phrase
        else:
            break
    phrase = tokens[i : j + 1]
    while phrase and phrase[0].lower in ("of", "for", "at", "&", "("):
        phrase = phrase[1:]
    # "a source close to the talks", "people familiar with the matter": the head is before the link.
    if phrase and tuple(map(token_lower, tokens[max(0, i - 2) : i])) in _LINKS:
        head = phrase_before(tokens, i - 2, words)
        if head:
            return head + tokens[i - 2 : i] + phrase
    # "a spokeswoman for the Centre in Cardiff", "officials in Moscow": a named place or body after a
    # preposition belongs to the phrase before it, which is the speaker.
    if phrase and phrase[-1].is_capitalised and i >= 2 and tokens[i - 1].lower in _AFFILIATING:
        head = phrase_before(tokens, i - 1, words)
        speaking = head and (head[-1].is_capitalised or head[-1].lower in words["role_any"])
        if speaking or head and head[-1].lower in words["organisation"]:
            return head + [tokens[i - 1]] + phrase
        document = _document_of_topic(tokens, i - 1, words)
        if document:
            return document
    return phrase


_TOPIC_PREPOSITIONS = frozenset({"on", "into", "about", "of"})


def _document_of_topic(tokens: list[Token], end: int, words) -> list[Token]:
    """The document whose topic runs up to token ``end`` ("the Gartner report on mobile TV
    broadcasting in Europe suggests": the report, not Europe): a document noun and a preposition
    of topic a few words back, with no punctuation or verb between; empty if none."""
    for k in range(end - 2, max(-1, end - 9), -1):
        t = tokens[k]
        if not t.is_word or t.lower in FINITE:
            return []
        if t.lower in words["document"] and tokens[k + 1].lower in _TOPIC_PREPOSITIONS:
            return phrase_before(tokens, k + 1, words)
    return []


# Irregular past tenses a subject walked forward can take in ("Roddick won the final and said"): own list
# of the common ones in news text; regular ones end in "-ed".
_IRREGULAR_PAST = frozenset(
    """became began bought brought built came cut drew fell felt gave got grew held hit kept knew led left
    lost made met paid put ran rose sank saw sent set shook sold spent stood struck swept took threw won went
    wrote""".split()
)


def subject_before_its_verb(subject: list[Token]) -> list[Token]:
    """A sentence's subject cut before the verb the forward walk took in: a past tense after a
    name or a known head noun ("Roddick won", "The minister met officials", "The foreign secretary
    hit back"), or a present tense in -s after a name ("Mr Negroponte wants").  Words that only
    look alike stay ("Finnish security firm F-Secure", "Natural interfaces": no verb form after a
    name)."""
    words = source_words()
    for k in range(1, len(subject)):
        word, before = subject[k], subject[k - 1]
        if word.is_capitalised or not word.text.isalpha() or is_stop(word.text) or before.text.endswith("'s"):
            continue  # names, "of" in "Republic of Korea", marks, and what a possessive introduces
        # A name of two words or more ("Mr Negroponte", "Tony Blair"), not an adjective ("many Labour").
        after_name = k >= 2 and before.is_capitalised and subject[k - 2].is_capitalised and not is_stop(before.text)
        past = word.lower in _IRREGULAR_PAST or word.lower.endswith("ed") and len(word.text) > 4
        if past and (before.is_capitalised and not is_stop(before.text) or _known_noun(before.lower, words)):
            return subject[:k]
        present = word.lower.endswith("s") and not word.lower.endswith("ss") and not _known_noun(word.lower, words)
        if after_name and present:
            return subject[:k]
    return subject


def _known_noun(word: str, words) -> bool:
    """Whether the lexicon knows the word, or its singular, as a noun a source phrase can hold."""
    return any(
        speaking_noun(form, words) or form in words["media_any"]
        for form in (word, word[:-1] if word.endswith("s") else word)
    )


_ARTICLES = frozenset({"the", "a", "an"})
_SHARE_ADJECTIVES = frozenset({"remaining", "other", "further", "same"})
_COMPARATIVES = frozenset({"more", "less", "fewer"})
_BEFORE_SHARE = frozenset("and but while some about nearly almost only just over under around".split())


def _describes(token: Token, words) -> bool:
    """Whether a capitalised word opening a phrase describes the name after it: a role noun
    ("Singer") or a compound adjective ("Coffee-loving", "Cash-strapped")."""
    return token.lower in words["role"] or "-" in token.text and token.lower.endswith(("ing", "ed"))


def _determiner_before_capitals(tokens: list[Token], k: int) -> bool:
    """Whether a determiner opens the run of up to three capitalised words ending at index ``k``
    ("the US Securities"): the words belong to one name that the determiner introduces."""
    for before in reversed(tokens[max(0, k - 3) : k]):
        if before.lower in DETERMINERS:
            return True
        if not before.is_capitalised:
            return False
    return False


def _one_noun_phrase(tokens: list[Token], i: int) -> bool:
    """Whether "and" before token ``i`` joins two nouns under one determiner that opens the clause:
    "The news and financial data seller said" is one speaker, "he met the minister and officials
    said" is not extended (the determiner does not open the clause)."""
    if i < 3 or tokens[i].is_capitalised or tokens[i - 2].is_capitalised or not tokens[i - 2].is_word:
        return False
    if tokens[i - 3].lower not in DETERMINERS or is_stop(tokens[i - 2].text):
        return False
    return i == 3 or tokens[i - 4].text == "," or tokens[i - 4].lower in ("but", "and", "while", "as")


def speaking_noun(word: str, words) -> bool:
    """Whether a lower-case noun is one the lexicon knows can head a speaker phrase: a role, an
    anonymous source, a title, a document or an organisation ("the firm", "a spokesman", "the report")."""
    return word in words["role_any"] or word in words["document"] or word in words["organisation"]


def _opens_name(token: Token) -> bool:
    return token.is_capitalised and not token.text.endswith("'s")


def _title_ahead(tokens: list[Token], k: int) -> bool:
    """Whether the capitalised words from ``k`` on run into a title ("Fiscal Policy Minister")."""
    titles = source_words()["title"]
    while k < len(tokens) and tokens[k].is_capitalised:
        if tokens[k].lower in titles:
            return True
        k += 1
    return False


_DEMONYM_ENDINGS = ("an", "ese", "ish", "man", "woman", "swiss", "dutch", "french", "greek", "czech", "thai", "scot")


def _age_before_a_name(core: list[Token]) -> bool:
    """Whether the phrase opens with an age before a capitalised name ("the 28-year-old Morientes");
    not before a nationality, which names no one ("the 27-year-old Austrian", "the 55-year-old
    Frenchman": generic), nor before a common noun ("the 40-year-old comic", "the 22-year-old
    Czech Republic international")."""
    return (
        core[0].lower.endswith("-year-old")
        and all(t.is_capitalised for t in core[1:])
        and not core[-1].lower.endswith(_DEMONYM_ENDINGS)
    )


def _is_role_or_body_noun(word: str) -> bool:
    words = source_words()
    return word in words["role"] or word in words["organisation"]


def phrase_after(tokens: list[Token], begin: int) -> list[Token]:
    """The noun phrase starting at token index ``begin``, walking forward."""
    i = begin
    while i < len(tokens) and tokens[i].lower in DETERMINERS:
        i += 1
    j = i
    while j < len(tokens) and j - begin < 14:
        t = tokens[j]
        if t.lower in SUBJECT_PRONOUNS and j == i:
            return tokens[begin : j + 1]
        if np_word(t.text) and t.lower not in DETERMINERS and t.lower not in SUBJECT_PRONOUNS:
            j += 1
        elif _surname_like_a_grammar_word(tokens, j):
            j += 1
        elif t.lower in ("of", "for") and j > i and j + 1 < len(tokens) and _opens_name(tokens[j + 1]):
            j += 1  # "said Mike Powell of Dresdner Kleinwort", not "said Gerard Rijk of Inbev's strong performance"
        elif t.text == "&" and j > i and tokens[j - 1].is_capitalised and _opens_name_at(tokens, j + 1):
            j += 1  # "according to Standard & Poor's", "Marks & Spencer": "&" joins one name
        elif t.lower in ("and", "&") and j > i and tokens[j - 1].is_capitalised and _title_ahead(tokens, j + 1):
            j += 1  # "said Economic and Fiscal Policy Minister Heizo Takenaka"
        elif t.text == "(" and j + 2 < len(tokens) and tokens[j + 2].text == ")":
            j += 3  # "(DPRK)"
        elif t.lower.endswith("ing") and j + 1 < len(tokens) and (
            tokens[j + 1].lower in source_words()["role"]
            or tokens[j + 1].lower in source_words()["organisation"] and _opens_name_at(tokens, j + 2)
        ):
            # "said managing director Rodrigo Rato", "acting chairman", "UK advertising giant WPP"
            # (not "Herve Gaymard telling parliament:", a participle and its object).
            j += 1
        elif (
            t.lower == "the" and j > i and _is_role_or_body_noun(tokens[j - 1].lower) and _opens_name_at(tokens, j + 1)
        ):
            # "said lobby group the CBI": an article opens the phrase, as walking back ("lobby group
            # the CBI said" gives "the CBI"); the generic noun before it is no speaker.
            return phrase_after(tokens, j)
        else:
            break
    phrase = tokens[begin:j]
    while phrase and not np_head(phrase[-1].text) and not _ampersand_name(phrase):
        if _surname_like_a_grammar_word(tokens, begin + len(phrase) - 1):
            break
        phrase = phrase[:-1]
    return phrase if not DETERMINERS.issuperset(map(token_lower, phrase)) else []


def appositive_after(tokens: list[Token], after: int, view: str) -> str | None:
    """A role in apposition after a name: ``Kim Jong Gyu, vice foreign minister of ...``."""
    if after >= len(tokens) or tokens[after].text != ",":
        return None
    k = after + 1
    while k < len(tokens) and tokens[k].text not in ',;:.()"' and k - after <= 14:
        k += 1
    if k == after + 1 or tokens[after + 1].is_capitalised and tokens[after + 1].lower not in DETERMINERS:
        return None
    return view[tokens[after + 1].start : tokens[k - 1].end]


