"""Attribution rules: cues, their speakers and contents, direct quotations, reported speech."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from itertools import accumulate, islice
from operator import itemgetter
from typing import NamedTuple

from analysis.segment import Quotation, Segmented
from analysis.sources.lexicons import (
    DETERMINERS,
    FEMININE,
    FINITE,
    MASCULINE,
    MEDIA_MODIFIERS,
    NEGATION,
    NOUN_FORMS,
    PASSIVE,
    PREPOSITIONS,
    SKIP_BEFORE_CUE,
    STOP,
    SUBJECT_PRONOUNS,
    VERB_BEFORE_BASE,
    WEEKDAYS_MONTHS,
    clause_break,
    first_name_genders,
    source_words,
    verb_index,
)
from analysis.sources.phrases import (
    Phrase,
    appositive_after,
    classify,
    opens_with_a_first_name,
    phrase_after,
    phrase_before,
    speaking_noun,
    subject_before_its_verb,
)
from analysis.sources.tokens import QUOTED, Token, is_stop, token_count, token_lower, token_start, tokenize_outside
from analysis.text import WORD_RE, inside, merge_spans


class Cue(NamedTuple):
    """A reporting-verb occurrence in the narrative of a sentence (a tuple: cheaper to make than a frozen dataclass)."""

    start: int
    end: int
    lemma: str
    stance: str
    type: str  # speech, belief, evidence, naming or act (data/reporting_verbs.csv)
    sentence: int
    token: int  # index of the cue's first token in its sentence


new_cue = tuple.__new__  # a Cue made without the NamedTuple's Python-level constructor


_TITLE_RE = re.compile(r"[A-Z][\w'-]*(?: (?:[A-Z][\w'-]*|a|an|the|of|and|in|on|to|for|at|is|are))*[.!?]?")

_CORE_SPEECH = frozenset({"say", "tell"})
_ARTICLE_RE = re.compile(r"^(?:the|a|an) ")
# Verbs that take an object as readily as a clause ("added a second try", "mentioned the deal", "added
# that ...", "continued talks", "recalled three players", "conceded a penalty"): without "that", their content
# must read as a clause.
# The most cues a reported clause may run over (see _Scan.clause_limit).
_MOST_CUES_IN_A_CLAUSE = 8
_CLAUSE_ONLY = frozenset({"add", "mention", "joke", "indicate", "agree", "continue", "recall", "concede"})
# Phrasal verbs of a cue verb that report nothing: "showed off the phone", "told off the players".
_PHRASAL = frozenset({("show", "off"), ("tell", "off"), ("find", "out")})
# "The film tells the story of ...", "she told the tale of ...": a narrative, not a reported claim.
_STORY_NOUNS = frozenset({"story", "stories", "tale", "tales"})
# "Claim" with an object is a demand ("claim their pensions", "claimed the title"); it reports a
# clause or a quotation.
_CLAUSE_OR_QUOTE = frozenset({"claim"})
# An object or an infinitive opening after a verb ("continued the talks", "added 1.28p", "agreed to pay").
_OBJECT_AFTER_RE = re.compile(
    r"\s+(?:the|a|an|his|her|their|its|our|my|your|these|those|to|two|three|four|five|six|several|more|\d)\b"
)
_OBJECT_PRONOUNS = frozenset("him her them us me you".split())
_CONTENT_ENDS = tuple(",:;'\"-\u2013\u2014\u2018\u2019\u201c\u201d")
_NAMING = frozenset(
    "called calls calling branded brands branding dubbed dubs dubbing labelled labeled labels labelling".split()
)
# Endings of agent nouns, singular and plural: questioner, investors, economist, historian, participant.
_AGENT_SUFFIXES = tuple(f"{end}{plural}" for end in ("er", "or", "ist", "ian", "ant", "ent") for plural in ("", "s"))
# Verbs whose "to" opens an infinitive ("pledged to cut", "vowed to fight"), not an addressee.
_TO_INFINITIVE = frozenset({"promise", "pledge", "vow", "urge", "warn", "ask", "tell", "call", "according to"})
_DASHES = frozenset({"-", "\u2013", "\u2014", "--"})
# Words after which a verb has a subject of its own ("Tom Reed, who claimed to have", "missed a test
# and claimed to have"): no reduced passive.
_OWN_SUBJECT_BEFORE = frozenset({"who", "which", "that", "and", "but"})
_OBJECT_TAKING = frozenset({"tell", "ask", "warn", "urge", "promise", "accuse", "remind"})

_TERMINAL = ".!?,;:"
_OPENING_CONJUNCTIONS = frozenset("and but yet so however while after before when since".split())


@dataclass(slots=True)
class Found:
    """One segment of an attribution: its content span, cue and speaker, how the speaker was
    found (``rule``), the sentences its content starts and ends in, and the first segment of
    the attribution it continues (``head``; None for an attribution's first segment)."""

    kind: str
    content: tuple[int, int] | None
    cue: Cue | None
    speaker: Phrase | None
    rule: str
    first_sentence: int
    sentence: int
    head: Found | None = None


def _strip_span(view: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and (view[start].isspace() or view[start] in ",;:-\"'"):
        start += 1
    while end > start and (view[end - 1].isspace() or view[end - 1] in _TERMINAL + "-\"'"):
        end -= 1
    if end <= start or not WORD_RE.search(view, start, end):
        return None
    return start, end


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
    """Cues in the narrative of one sentence (``matches`` lie outside quotations, their group 1 the
    form), each with a status: ok, negated, or why the match is no cue (passive, infinitive, noun,
    idiom, modal, conditional, ...)."""
    found = []
    if not tokens:
        return found
    headline = None  # worked out only for a capitalised cue form inside the sentence
    for m in matches:
        start, end = m.span(1)
        # The last token starting where the cue starts (tokens are in text order); none: the cue starts inside a word.
        i = bisect_right(tokens, start, key=token_start) - 1
        if i < 0 or tokens[i].start != start:
            continue
        text = m.group(1)
        if text[0].isupper() and i != 0:
            if headline is None:
                headline = _is_headline(tokens)
            if not headline:
                continue  # "Said" as a name, "Reports" in a title
        form = text.lower()
        if form == "according to":
            found.append((new_cue(Cue, (start, end, "according to", "neutral", "speech", sentence_index, i)), "ok"))
            continue
        lemma, stance, cue_type = forms[form]
        previous = list(map(token_lower, tokens[max(0, i - 3) : i]))
        last = previous[-1] if previous else ""  # the word just before the cue ("" at the sentence start)
        participle = form.endswith("ing")
        status = "ok"
        following = tokens[i + 1].lower if i + 1 < len(tokens) else ""
        if form in _NAMING and not _gives_a_quoted_label(tokens, i + 1, previous):
            status = "not_naming"  # "called the police", "a film called Troy", "so-called"
        elif following == "by" and not (participle or form.endswith("s")):
            status = "passive"  # "the monitor maintained by the embassy", "was first reported by"
        elif last == "worth" or previous[-2:] == ["goes", "without"] or (lemma, following) in _PHRASAL:
            status = "idiom"  # "it is worth noting", "it goes without saying", "showed off the new phone"
        elif _tells_a_story(lemma, tokens, i):
            status = "idiom"  # "tells the story of a young mum"
        elif form == "say" and last == "," and following == ",":
            status = "idiom"  # "prior to, say, 1995": "for example"
        elif form == "said" and previous == ["that"] and following == ",":
            status = "idiom"  # "That said, the graphics are excellent": "even so"
        elif last == "must" or last == "should":
            status = "modal"  # "They must warn people earlier": what someone ought to say, not what was said
        elif cue_type == "act" and last in _FUTURE_MODALS:
            status = "modal"  # "Ministers will discuss the plan": an act to come reports no words
        elif _in_a_condition(tokens, i):
            status = "conditional"  # "if it finds a buyer", "unless he says otherwise": nothing was said yet
        elif _reduced_passive(form, lemma, tokens, i):
            status = "passive"  # "a theatre thought to be Wales' oldest": "is thought to" without its "is"
        elif last == "to":
            status = "infinitive"
        elif not participle and (
            last in PASSIVE or len(previous) >= 2 and previous[-2] in PASSIVE and last in SKIP_BEFORE_CUE
        ):
            # "is said to" is the distancing hearsay construction; other passives ("was asked") are not attributions.
            status = "passive"
        elif not NEGATION.isdisjoint(previous):
            status = "negated"
        elif last in DETERMINERS or last.endswith("'s"):
            status = "noun"  # "the report", "his claim", "the alleged attack", "a reported 3,000"
        elif last in PREPOSITIONS and not participle:
            status = "noun"  # "amid claims", "of reports", "with reported losses"; "by saying" is a verb
        elif lemma in NOUN_FORMS and _noun_use(form, lemma, tokens, i):
            status = "noun"
        elif participle and (i == 0 or i == 1 and previous[0] in _OPENING_CONJUNCTIONS):
            # "Reporting its results, the airline said ...": an object, and the main verb reports; but
            # "Claiming the criticism is unfair, Trump told Fox ..." reports a clause for the subject.
            if not _opens_clause(tokens[: _next_comma(tokens, i)], i + 1):
                status = "opening_participle"
        elif participle and _modifies_a_noun(tokens[i - 1]) and not _reports_to(tokens, i + 1):
            status = "modifier"  # "a poster showing Mr Howard": the poster shows, no source speaks
        found.append((new_cue(Cue, (start, end, lemma, stance, cue_type, sentence_index, i)), status))
    return found


_FUTURE_MODALS = frozenset({"will", "would", "shall", "could", "may", "might", "can", "'ll"})


def _in_a_condition(tokens: list[Token], i: int) -> bool:
    """Whether the cue at ``i`` is the verb of a conditional clause, "if"/"unless" and at most
    three words of its subject before it ("if it finds", "unless Mr Blair thinks"); not an
    indirect question ("asked if he would say": the answer follows), nor a concession ("even if
    the coach admitted": he did), nor a clause the condition ends before ("if he returned Owen
    said": a pronoun is a whole subject)."""
    window = [t.lower for t in tokens[max(0, i - 4) : i]]
    if "if" not in window and "unless" not in window:
        return False  # most cues: no condition to look for
    for k in range(i - 1, max(-1, i - 5), -1):
        word = tokens[k].lower
        if word in ("if", "unless"):
            before = tokens[k - 1].lower if k else ""
            return k < i - 1 and before not in _ASKING and before not in ("as", "even")
        if not tokens[k].is_word or word in SUBJECT_PRONOUNS and k < i - 1:
            return False
    return False


_ASKING = frozenset({"ask", "asks", "asked", "asking", "wonder", "wonders", "wondered", "know", "see"})


def _reduced_passive(form: str, lemma: str, tokens: list[Token], i: int) -> bool:
    """Whether the cue at ``i`` is a participle after a common noun that opens "to be"/"to have"
    ("a theatre thought to be the oldest", "the man believed to have fired"), hearsay without a
    source like "is said to"; not a subject's verb ("Ann Lee claimed to have seen", "they claimed to be")."""
    if form == lemma or form.endswith(("s", "ing")) or i == 0 or i + 2 >= len(tokens):
        return False  # a base or present form has a subject: "people claim to have been injured"
    if tokens[i + 1].lower != "to" or tokens[i + 2].lower not in ("be", "have"):
        return False
    before = tokens[i - 1]
    subject_like = before.lower in FINITE or before.lower in SUBJECT_PRONOUNS or before.lower in _OWN_SUBJECT_BEFORE
    return before.is_word and not before.is_capitalised and not subject_like


def _tells_a_story(lemma: str, tokens: list[Token], i: int) -> bool:
    """Whether the cue at ``i`` tells a story it names ("the film tells the story of a young mum"),
    not one it goes on to give after a colon ("never tire of telling the story of Copenhagen: In ...")."""
    if lemma != "tell" or i + 2 >= len(tokens) or tokens[i + 2].lower not in _STORY_NOUNS:
        return False
    return all(t.text != ":" for t in tokens[i + 3 : i + 10])


def _may_speak(phrase: Phrase, cue: Cue) -> bool:
    """Whether a noun phrase the lexicon does not know can be a speaker: of "say" and "tell" (nearly
    always said of someone), when its head is an agent noun ("one questioner claimed", "human
    rights campaigners warned") or it names a person by sex or age ("the 34-year-old mother"),
    never "the most common woes reported"."""
    if cue.lemma in _CORE_SPEECH or phrase.name.rsplit(" ", 1)[-1].endswith(_AGENT_SUFFIXES):
        return True
    return any(w in MASCULINE or w in FEMININE or w.endswith("-year-old") for w in phrase.name.split())


def _next_comma(tokens: list[Token], i: int) -> int:
    """Index of the first comma after token ``i`` (the number of tokens if none)."""
    return next((k for k in range(i, len(tokens)) if tokens[k].text == ","), len(tokens))


def _reports_to(tokens: list[Token], i: int) -> bool:
    """Whether the words at ``i`` open a report ("... announcing that", "... urging them to")."""
    return i < len(tokens) and tokens[i].lower in ("that", "him", "her", "them", "us", "me")


def _modifies_a_noun(before: Token) -> bool:
    """Whether a participle right after ``before`` (no comma between) modifies it as a noun that is
    no source ("a poster showing"); after a document or a source ("a statement saying", "officials
    warning") the participle reports what it says."""
    word = before.lower
    if not before.text.isalpha() or before.is_capitalised or word in STOP or word.endswith(("ed", "ly")):
        return False
    words = source_words()
    return not any(word in words[kind] for kind in ("document", "role_any", "organisation", "media_any"))


def _is_headline(tokens: list[Token]) -> bool:
    """Whether a sentence is a headline in title case ("Obama Says Museum Will Tell of Suffering"),
    where a capitalised cue form is a cue: most of its words, and of at least three, capitalised."""
    words = [t for t in tokens if t.text[:1].isalpha() and len(t.text) > 3]
    return len(words) >= 3 and len(tokens) <= 30 and sum(t.is_capitalised for t in words) >= 0.8 * len(words)


def _gives_a_quoted_label(tokens: list[Token], after: int, previous: list[str]) -> bool:
    """Whether a verb of naming gives a quotation as the label of its object: "called half of his
    supporters 'deplorables'", "branded the law as 'a mess'"; not after "so-" or in "a film called"."""
    if previous and (previous[-1] in ("so", "-") or len(previous) >= 2 and previous[-2] in DETERMINERS):
        return False
    for token in tokens[after : after + 10]:
        if token.text == QUOTED:
            return True
        if token.text in ".;:" or token.lower == "for":
            return False
    return False


def _led_by_determiner(tokens: list[Token], i: int) -> bool:
    """Whether the capitalised words before token ``i`` (a name, at most four words) open with a
    determiner or a possessive: "the IMF report", "Labour's manifesto pledge"; not "Data from the
    2014 American Community Survey show"."""
    for k in range(i - 1, max(-1, i - 6), -1):
        word = tokens[k]
        if word.lower in DETERMINERS or word.lower.endswith("'s"):
            return True
        if not word.is_capitalised:
            return False
    return False


def _noun_use(form: str, lemma: str, tokens: list[Token], i: int) -> bool:
    """Whether the cue form at token ``i``, of a lemma that is also a noun (``NOUN_FORMS``), is used
    as the noun, judged from the two tokens before it and the one after it."""
    if form not in (lemma, lemma + "s", lemma + "es", lemma[:-1] + "ies"):
        return False  # "claimed", "reported": only the base and -s forms are nouns too
    if i + 1 < len(tokens) and tokens[i + 1].lower in ("of", "into", "against"):
        return True  # "claims of", "his report into", "a claim against"
    if i == 0:
        return False
    before = tokens[i - 1]
    if before.lower in MEDIA_MODIFIERS:
        return True
    modifier = not (before.is_capitalised or before.lower in VERB_BEFORE_BASE or before.lower in SUBJECT_PRONOUNS)
    if modifier and i >= 2:
        two_before = tokens[i - 2].lower
        if two_before in PREPOSITIONS or two_before.endswith("'s") or two_before in DETERMINERS and form == lemma:
            # "a council report", "amid opposition claims", "Brown's pre-Budget report"; but "the
            # incident shows" is a verb after its subject.
            return True
    if form == lemma and before.is_capitalised and not before.lower.endswith("s") and _led_by_determiner(tokens, i):
        return True  # "the IMF report", "the BBC claim": a singular name takes "reports", "claims"
    if form == lemma:  # a base form is a verb after a plural subject, a pronoun, an auxiliary or an adverb
        word = before.lower
        plural = word.endswith("s") and not word.endswith(("'s", "ss")) or before.is_capitalised
        return not (plural or word in VERB_BEFORE_BASE or word.endswith("ly") or word in SKIP_BEFORE_CUE)
    return False


def _subject_of_sentence(tokens: list[Token], limit: int) -> list[Token]:
    """The main-clause subject: the first noun phrase, after an opening conjunction ("But Mr Blair
    dismissed ... and said") or any opening adverbial and comma."""
    begin = 1 if len(tokens) > 1 and tokens[0].lower in ("and", "but", "yet", "so") else 0
    for k in range(min(limit, len(tokens))):
        if tokens[k].text == ",":
            first = tokens[0]
            opener = first.lower in STOP and first.lower not in DETERMINERS or first.lower.endswith(("ing", "ed", "ly"))
            opener = opener or first.lower in PREPOSITIONS  # "Despite the defeat, Smith ..."
            if opener or first.text in WEEKDAYS_MONTHS:  # "However,", "Speaking in London,", "Separately,"
                begin = k + 1
            break
    return phrase_after(tokens, begin)


def _speaker_for(cue: Cue, tokens: list[Token], view: str, words) -> tuple[list[Token], str | None, str]:
    """Speaker tokens of a cue, the role in apposition (if any), and where it was found."""
    i = cue.token
    if cue.lemma == "according to":
        after = i + 2
        phrase = phrase_after(tokens, after)
        return phrase, None, "according_to"
    progressive = i > 0 and tokens[i - 1].lower in ("is", "are", "was", "were", "been")
    if i >= 2 and tokens[i - 1].lower == "as" and tokens[i].lower.endswith("ing"):
        # "X was quoted as saying": X speaks; "the paper quoted an official as saying": the official.
        k = i - 2
        while k > 0 and tokens[k].lower != "quoted" and i - k < 16:
            k -= 1
        if tokens[k].lower == "quoted":
            before = k
            while before > 0 and tokens[before - 1].lower in SKIP_BEFORE_CUE:
                before -= 1  # "was later quoted"
            if before > 0 and tokens[before - 1].lower in PASSIVE:
                before -= 1
                while before > 0 and tokens[before - 1].lower in SKIP_BEFORE_CUE:
                    before -= 1
                return phrase_before(tokens, before, words), None, "before"
            return phrase_after(tokens, k + 1), None, "participle"
    if tokens[i].lower.endswith("ing") and not progressive:
        # A participle ("..., saying that") reports for the main clause's subject; opening the
        # sentence ("Claiming the criticism is unfair, Trump told Fox ..."), for the subject after it.
        if i == 0 or i == 1 and (tokens[0].lower in _OPENING_CONJUNCTIONS or tokens[0].lower in PREPOSITIONS):
            return phrase_after(tokens, _next_comma(tokens, i) + 1), None, "participle"
        with_at = _with_before(tokens, i)
        if with_at is not None:
            # "..., with some analysts saying ...": the phrase after "with" speaks, not the subject.
            return tokens[with_at + 1 : i], None, "participle"
        absolute = phrase_before(tokens, i, words)
        opens = i - len(absolute)  # the phrase runs up to the participle
        if absolute and absolute[0].lower in DETERMINERS and opens > 0 and tokens[opens - 1].text == ",":
            # "..., the Lions manager describing the tactic as cheating": an absolute clause, its own
            # subject speaks.
            return absolute, None, "participle"
        return subject_before_its_verb(_subject_of_sentence(tokens, i)), None, "participle"
    j = i
    while j > 0:
        if (
            # A capitalised one inside the sentence is a name: "Theresa May said".
            tokens[j - 1].lower in SKIP_BEFORE_CUE and not (tokens[j - 1].is_capitalised and j >= 2)
            or (progressive and tokens[j - 1].lower in ("is", "are", "was", "were", "been"))
            or tokens[j - 1].lower in NEGATION
            or tokens[j - 1].lower in ("did", "does", "do")
            or (tokens[j - 1].lower.endswith("ly") and not tokens[j - 1].is_capitalised)
        ):
            j -= 1
        elif skip := _time_before(tokens, j):
            j -= skip  # "Wells Fargo this month announced", "Kim on Monday said"
        elif skip := _aside_after_auxiliary(tokens, j):
            j -= skip  # "But he did, for the first time, say"
        else:
            break
    cue_len = token_count(view[cue.start : cue.end])
    if j > 1 and tokens[j - 1].text == ")":
        # "Sen. David Perdue (R-Ga.) said": the name before the parenthesis.
        k = j - 2
        while k > 0 and tokens[k].text != "(" and j - k < 8:
            k -= 1
        if tokens[k].text == "(":
            phrase = phrase_before(tokens, k, words)
            if phrase:
                return phrase, None, "before"
    if j > 2 and tokens[j - 1].text in _DASHES:
        # "Lord Bingham - a senior law lord - said": the name before an appositive between dashes.
        opening = next((k for k in range(j - 2, max(0, j - 20), -1) if tokens[k].text in _DASHES), None)
        phrase = phrase_before(tokens, opening, words) if opening is not None else []
        speaking = phrase and (phrase[-1].is_capitalised or speaking_noun(phrase[-1].lower, words))
        if speaking and all(t.text not in ('"', QUOTED) for t in tokens[opening:j]):
            return phrase, view[tokens[opening + 1].start : tokens[j - 2].end], "before_appositive"
    if j > 0 and tokens[j - 1].text == ",":
        found = _before_appositives(tokens, j - 1, view, words)
        if found is not None:
            return found[0], found[1], "before_appositive"
    elif j > 0 and tokens[j - 1].lower in ("who", "which"):
        # "Sony, which said", "The IAAF - which said it was surprised - is deciding": the phrase before the mark.
        k = j - 2 if j >= 2 and tokens[j - 2].text in (",", "-", "\u2013", "\u2014") else j - 1
        if k > 2 and tokens[k - 1].text == ")" and tokens[k - 3].text == "(":
            k -= 3  # "the Muslim Association of Britain (MAB), which believes"
        phrase = phrase_before(tokens, k, words)
        # The relative's antecedent speaks, or no one found here does: never the words after the cue.
        return phrase, None, "relative" if phrase else "none"
    elif j > 1 and tokens[j - 1].lower in ("and", "but"):
        # "Clinton blasted Trump and said ...": the subject of the first verb, never its object.
        return subject_before_its_verb(_subject_of_sentence(tokens, j - 1)), None, "coordinated"
    if j > 0 and tokens[j - 1].text not in ",\"'":
        phrase = phrase_before(tokens, j, words)
        if phrase and cue.type != "speech" and _asked_whether(tokens, phrase):
            return [], None, "question"
        if phrase:
            named = _name_before_open_role(tokens, phrase, view, words)
            if named is not None:
                return named[0], named[1], "before_appositive"
            return _before_participle(tokens, phrase, words) or _holder_of_object(tokens, phrase, words), None, "before"
    after = i + cue_len
    phrase = phrase_after(tokens, after)
    if cue.lemma in _OBJECT_TAKING or cue.type == "act":
        # "told BBC News", "asked the minister", "discussed the events": the phrase after is the
        # addressee or the topic, never the speaker; but in an inversion right after a quotation,
        # with nothing after the phrase but its role, it is ('"Why now?" asked John Smith.').
        end = after + len(phrase)
        before_cue = [t.text for t in tokens[max(0, j - 2) : j]]
        closes = before_cue[-1:] == ['"'] or before_cue == ['"', ","]
        if phrase and closes and (end == len(tokens) or tokens[end].text in ".,"):
            return phrase, appositive_after(tokens, end, view), "after"
        return [], None, "none"
    inverted = j == 0 or tokens[j - 1].text in ",\"':"
    # "said he" only in inversion after a quotation or a comma; elsewhere "X said he ..." has its
    # speaker before the cue, and the pronoun after it opens the content.
    if phrase and (inverted or phrase[0].lower not in SUBJECT_PRONOUNS):
        end = after + len(phrase)
        opens_a_clause = end < len(tokens) and (
            tokens[end].lower in FINITE
            or tokens[end].lower.endswith("n't")
            # "..., said they hoped ...": a pronoun before a past-tense verb is the content's subject.
            or len(phrase) == 1 and phrase[0].lower in SUBJECT_PRONOUNS and tokens[end].text.islower()
            and tokens[end].lower.endswith("ed")
        )
        if opens_a_clause:
            # "..., said the police had a duty": the phrase after the cue is the subject of what was
            # said, so the speaker is the sentence's subject before the comma, or no one found here.
            if j > 0 and tokens[j - 1].text == ",":
                return subject_before_its_verb(_subject_of_sentence(tokens, j - 1)), None, "before"
            return [], None, "none"
        return phrase, appositive_after(tokens, end, view), "after"
    return [], None, "none"


def _asked_whether(tokens: list[Token], phrase: list[Token]) -> bool:
    """Whether the cue stands in an indirect question ("Asked whether he thought the BBC should have
    screened it, he said ..."): what is asked is no one's belief.  Asked for belief and evidence
    cues only: the quotation after "asked if he would say ..." is the answer, and the cue opens it."""
    at = bisect_left(tokens, phrase[0].start, key=token_start)
    if at < 2 or tokens[at - 1].lower not in ("whether", "if"):
        return False
    return any(t.lower in ("asked", "asking", "ask", "asks", "wondered") for t in tokens[max(0, at - 4) : at - 1])


_OBJECT_PREPOSITIONS = frozenset({"to", "into", "about", "against", "over", "with"})


def _holder_of_object(tokens: list[Token], phrase: list[Token], words) -> list[Token]:
    """The document a prepositional object hangs from: "United's statement to the stock exchange
    said", "A letter to shareholders said", "a new book about the chancellor claims" (not the
    addressee or the topic); ``phrase`` itself otherwise ("The report by the committee said": the
    author)."""
    at = bisect_left(tokens, phrase[0].start, key=token_start)
    if at < 2 or tokens[at - 1].lower not in _OBJECT_PREPOSITIONS:
        return phrase
    holder = phrase_before(tokens, at - 1, words)
    return holder if holder and holder[-1].lower in words["document"] else phrase


def _name_before_open_role(
    tokens: list[Token], phrase: list[Token], view: str, words
) -> tuple[list[Token], str] | None:
    """A person's full name before an appositive role whose closing comma the text leaves out
    ("Christoph Caselitz, president of the mobile networks division at the firm says"): the name
    and the role, when the words from the comma to the cue open with a role noun and hold no verb
    (else the phrase before the cue is the speaker)."""
    at = bisect_left(tokens, phrase[0].start, key=token_start)
    for c in range(at - 1, max(-1, at - 12), -1):
        text = tokens[c].text
        if text == ",":
            break
        if text in _TERMINAL or text in ('"', QUOTED) or tokens[c].lower in FINITE:
            return None
    else:
        return None
    role = [t for t in tokens[c + 1 : at + len(phrase)] if t.lower not in DETERMINERS]
    # A role noun within its first three words ("a fund manager at ...", "senior research fellow
    # at ..."), or an affiliation ("from the PCS union").
    affiliation = len(role) > 1 and role[0].lower in ("from", "of") and tokens[c + 2].lower in DETERMINERS
    if c < 2 or not role or not (affiliation or any(t.lower in words["role"] for t in role[:3])):
        return None
    named = classify(phrase, view, words)
    if named is not None and named.kind == "person" and named.role:
        return None  # "Speaking from La Manga, LTA performance director David Felgate told": he speaks
    name = phrase_before(tokens, c, words)
    if not name or not _full_name(name, view, words):
        return None
    opens = bisect_left(tokens, name[0].start, key=token_start)
    before = tokens[opens - 1] if opens > 0 else None
    # Only a conjunction opening a clause ("..., but Christoph Caselitz, president of ..."): "passes
    # involving Kevin Davies and Gary Speed, the Greek striker found" coordinates the name.
    opening = before is not None and before.lower in _OPENING_CONJUNCTIONS
    opening = opening and (opens == 1 or tokens[opens - 2].text == ",")
    if before is not None and before.text not in (",", '"', QUOTED) and not opening:
        return None
    return name, view[tokens[c + 1].start : phrase[-1].end]


# Past participles that do not end in "-ed", for "a letter sent to ...", "the firm known as ...".
_IRREGULAR_PARTICIPLES = frozenset(
    "sent known written held made given taken seen told led run drawn set put brought found shown chosen".split()
)


def _before_participle(tokens: list[Token], phrase: list[Token], words) -> list[Token] | None:
    """The noun phrase a participle phrase modifies, when the phrase before the cue is that
    participle's object ("A letter sent to Martin Mubanga said", "The company named in the lawsuit
    denied"): the letter, the company; None when no participle and preposition stand before it."""
    at = bisect_left(tokens, phrase[0].start, key=token_start)
    if at < 3 or tokens[at - 1].lower not in PREPOSITIONS and tokens[at - 1].lower != "to":
        return None
    participle = tokens[at - 2]
    if participle.is_capitalised or not (participle.lower.endswith("ed") or participle.lower in _IRREGULAR_PARTICIPLES):
        return None
    head = phrase_before(tokens, at - 2, words)
    return head if head and head[-1].lower not in SUBJECT_PRONOUNS else None


def _with_before(tokens: list[Token], i: int) -> int | None:
    """The index of a "with" whose noun phrase ends just before the participle at ``i`` ("with
    the BBC reporting ..."), or None."""
    for k in range(i - 2, max(-1, i - 10), -1):
        if tokens[k].lower == "with":
            phrase = phrase_after(tokens, k + 1)
            return k if phrase and k + 1 + len(phrase) == i else None
        if tokens[k].text in _TERMINAL:
            return None
    return None


def _full_name(tokens: list[Token], view: str, words) -> bool:
    """Whether the phrase names a person by at least two names."""
    phrase = classify(tokens, view, words)
    return phrase is not None and phrase.kind == "person" and " " in phrase.name


_TIME_NOUNS = frozenset("week month year weekend morning afternoon evening night day summer winter autumn".split())


def _time_before(tokens: list[Token], j: int) -> int:
    """How many tokens just before index ``j`` make a time phrase ("this month", "on Monday",
    "Tuesday"), 0 if none."""
    last = tokens[j - 1]
    before = tokens[j - 2].lower if j >= 2 else ""
    if last.lower in _TIME_NOUNS and before in ("this", "last", "next", "earlier", "later"):
        return 2
    if last.text in WEEKDAYS_MONTHS and not (j >= 2 and tokens[j - 2].text in first_name_genders()):
        return 2 if before == "on" else 1  # "Kim on Monday said", not "coach Mike Friday said"
    return 0


def _aside_after_auxiliary(tokens: list[Token], j: int) -> int:
    """The tokens of an aside between commas ending just before index ``j``, when an auxiliary
    opens it ("he did, for the first time, say"), so that the walk back reaches the subject; 0 if none."""
    if j < 4 or tokens[j - 1].text != ",":
        return 0
    for k in range(j - 2, max(0, j - 9), -1):
        if tokens[k].text == ",":
            before = tokens[k - 1] if k > 0 else None
            # Lower case: "Theresa May, shadow secretary, told" holds no auxiliary.
            auxiliary = before is not None and before.text.islower() and before.lower in FINITE
            return j - k if auxiliary else 0
        if not tokens[k].is_word:
            return 0
    return 0


def _before_appositives(tokens: list[Token], comma: int, view: str, words) -> tuple[list[Token], str | None] | None:
    """The speaker before one or more appositives ending at the comma at ``comma`` (just before the
    cue): "X, the minister, said", "Mr Johnson, MP for Henley, Oxfordshire, said", "Lady Hale,
    sitting with Lords Bingham, Steyn and Hope, said".  The leftmost noun phrase that opens a
    clause (at the sentence start or after a comma, not after a preposition) before a comma of the
    chain; with the appositive as its role when that reads as one ("the minister", "MP for ...").
    """
    commas = []
    k = comma - 1
    while k >= 0 and comma - k < 30 and len(commas) < 4:
        if tokens[k].text == '"' or tokens[k].text == QUOTED:
            break
        if tokens[k].text == ",":
            commas.append(k)
        k -= 1
    candidates = []  # right to left
    for c in commas:
        phrase = phrase_before(tokens, c, words)
        if not phrase:
            continue
        at = bisect_left(tokens, phrase[0].start, key=token_start)
        # It opens a clause: at the start, after a comma, or after a quotation ('"...," Cary Leahy, ...').
        opens = at == 0 or tokens[at - 1].text in (",", '"', QUOTED)
        opens = opens or at == 1 and tokens[0].lower in _OPENING_CONJUNCTIONS
        head = phrase[-1]
        speaking_head = speaking_noun(head.lower, words)
        if opens and (head.is_capitalised or speaking_head):  # "The letter, from the Home Office, says"
            candidates.append((phrase, c))
    appositive = phrase_before(tokens, comma, words)  # "Scottish Finance Minister, Tom McCabe, said"
    at = bisect_left(tokens, appositive[0].start, key=token_start) if appositive else 0
    # An appositive follows its comma; "Inbev, which makes Stella Artois, said" is a relative clause.
    if appositive and commas and at > 0 and tokens[at - 1].text == "," and _full_name(appositive, view, words):
        candidates.insert(0, (appositive, comma))
    if not candidates:
        return None
    # The leftmost, unless a person's full name stands in the chain: "Director of Public
    # Prosecutions, Ken Macdonald QC, said" is Ken Macdonald.
    named = [(phrase, c) for phrase, c in candidates if _full_name(phrase, view, words)]
    phrase, c = (named or candidates)[-1]
    appositive = tokens[c + 1 : comma]
    first = appositive[0] if appositive else None
    reads_as_role = first is not None and (
        first.lower in DETERMINERS
        or first.lower in words["role_any"]
        or first.lower in words["title"]
        or first.lower in ("of", "from", "at")  # an affiliation: "Jane Smith, of the Consumers' Association,"
    )
    return phrase, view[first.start : appositive[-1].end] if reads_as_role else None


def _content_after(cue: Cue, tokens: list[Token], view: str, limit: tuple[int, int]) -> tuple[int, int] | None:
    """The reported clause after ``cue``: from the cue's object or "that" to the first clause break,
    searched up to ``limit[1]``, and never past ``limit[0]`` (see :meth:`_Scan.content_after`)."""
    i = cue.token + token_count(view[cue.start : cue.end])
    if cue.lemma in _OBJECT_TAKING and i < len(tokens):
        obj = phrase_after(tokens, i)
        if obj and not (cue.lemma == "ask" and tokens[i].lower in ("about", "whether", "if")):
            i += len(obj)
        elif tokens[i].lower in _OBJECT_PRONOUNS:
            i += 1  # "told him that ..."; "anything Mr Blair told him." reports no content
    elif i < len(tokens) and tokens[i].lower == "to" and cue.lemma == "respond":
        i += 1 + len(phrase_after(tokens, i + 1))
        if i >= len(tokens) or tokens[i].lower != "that":
            return None  # "was responding to a challenge from ...": what is answered, not what was said
    elif i + 1 < len(tokens) and tokens[i].lower == "to" and cue.lemma not in _TO_INFINITIVE:
        addressee = phrase_after(tokens, i + 1)  # "said to reporters", "explained to the committee"
        if addressee and (addressee[0].lower in DETERMINERS or addressee[0].is_capitalised or len(addressee) == 1):
            i += 1 + len(addressee)
    # Skip time and manner phrases before the content: "said on Friday that", "said in a statement".
    while i < len(tokens):
        low = tokens[i].lower
        if tokens[i].text in WEEKDAYS_MONTHS or low in ("today", "yesterday", "tonight", ","):
            i += 1
        elif (
            low in ("on", "in", "last", "this", "late", "early")
            and i + 1 < len(tokens)
            and (tokens[i + 1].text in WEEKDAYS_MONTHS or tokens[i + 1].lower in ("a", "an", "week", "month", "year"))
        ):
            k = i + 1
            while k < len(tokens) and tokens[k].text not in ',"' and tokens[k].lower != "that" and k - i < 6:
                k += 1
            i = k
        elif low in ("by", "in", "until", "from", "since") and i + 1 < len(tokens) and tokens[i + 1].text[:1].isdigit():
            i += 2  # "said, by 2008, he wanted": a date between commas
        elif low in _ASIDES and i + 1 < len(tokens) and tokens[i + 1].text == ",":
            i += 2  # "said, however, that"
        else:
            break
    that = i < len(tokens) and tokens[i].lower == "that"
    i += that
    if i >= len(tokens) or tokens[i].lower == "by":
        return None  # "..., the minister was quoted as saying by Interfax": what was said came before
    if cue.lemma in _CLAUSE_ONLY and not that and not _opens_clause(tokens, i):
        return None  # "Jones added four conversions": an object, not a reported clause
    if cue.lemma in _CLAUSE_OR_QUOTE and not that and not _claims_a_clause(tokens, i):
        return None  # "workers could claim their pensions", "claimed victory": a demand, not a claim that
    # The reported clause ends where the writer takes over again: "..., but didn't provide evidence".
    end, search_end = limit
    if tokens[i].start >= end:
        return None
    stop = clause_break().search(view, tokens[i].start, search_end)
    return _strip_span(view, tokens[i].start, min(stop.start(), end) if stop else end)


_ASIDES = frozenset({"however", "though", "too", "also", "again", "later", "earlier", "now", "then", "meanwhile"})


def _claims_a_clause(tokens: list[Token], i: int) -> bool:
    """Whether what follows "claim" is what was claimed: a clause, a quotation, or a name opening
    a clause ("claimed Mr Blunkett chaired a meeting"), not an object ("claimed the title")."""
    if tokens[i].text == QUOTED or tokens[i].is_capitalised and tokens[i].lower not in DETERMINERS:
        return True
    return any(t.text in "\"'\u201c\u2018" for t in tokens[i : i + 4]) or _opens_clause(tokens, i)


def _opens_clause(tokens: list[Token], i: int) -> bool:
    """Whether the words from token ``i`` read as a clause: a subject pronoun first, or an auxiliary,
    modal or copula among the next ten words ("the team would improve", not "four conversions")."""
    if i >= len(tokens):
        return False
    if tokens[i].lower in SUBJECT_PRONOUNS or tokens[i].lower in ("i", "we", "you", "there", "this", "that"):
        return True
    return any(t.lower in FINITE for t in tokens[i : i + 10])


def _content_before(phrase_start: int, sentence_start: int, view: str) -> tuple[int, int] | None:
    return _strip_span(view, sentence_start, phrase_start)


class _Cued(NamedTuple):
    """A cue of a sentence with its speaker phrase and where the speaker was found."""

    cue: Cue
    phrase: Phrase | None
    where: str


@dataclass
class _Scan:
    """What the rules know of one document once its cues are found: the quoted contents, the
    tokens of every sentence holding a cue, and each such sentence's cues with their speakers."""

    seg: Segmented
    quotations: list[Quotation]  # the document's quotations, mended (see _repaired_quotations)
    quoted: list[tuple[int, int]]  # quoted contents, sorted
    merged: list[tuple[int, int]]  # the same, nested ones folded into their outer one
    sentence_starts: list[int]
    tokens_by_sentence: dict[int, list[Token]] = field(default_factory=dict)
    cues_by_sentence: dict[int, list[_Cued]] = field(default_factory=dict)
    negated_subjects: list[Phrase] = field(default_factory=list)
    _content_after: dict[int, tuple[int, int] | None] = field(default_factory=dict)
    _cue_starts: dict[int, list[int]] = field(default_factory=dict)

    def sentence_of(self, position: int) -> int:
        return max(0, bisect_right(self.sentence_starts, position) - 1)

    def _neighbours(self, cue: Cue) -> tuple[list[_Cued], int]:
        """The cues of ``cue``'s sentence (in text order) and the index of the first at or after it."""
        entries = self.cues_by_sentence.get(cue.sentence, [])
        if cue.sentence not in self._cue_starts:
            self._cue_starts[cue.sentence] = [e.cue.start for e in entries]
        return entries, bisect_left(self._cue_starts[cue.sentence], cue.start)

    def content_after(self, cue: Cue) -> tuple[int, int] | None:
        """The content after ``cue`` (worked out once per cue)."""
        if cue.start not in self._content_after:
            tokens = self.tokens_by_sentence[cue.sentence]
            self._content_after[cue.start] = _content_after(cue, tokens, self.seg.view, self.clause_limit(cue))
        return self._content_after[cue.start]

    def clause_limit(self, cue: Cue) -> tuple[int, int]:
        """How far what follows ``cue`` may reach, and how far to search for its end: the
        sentence's end, or the :data:`_MOST_CUES_IN_A_CLAUSE`-th cue after it.

        News prose never reports that many times in one clause; a transcript without sentence
        punctuation, or a list of "X said" lines, does, and without the bound each of its cues
        would take (and search) the rest of the text: quadratic time and output.
        """
        entries, at = self._neighbours(cue)
        later = [e for e in entries[at : at + _MOST_CUES_IN_A_CLAUSE + 1] if e.cue.start > cue.start]
        if len(later) < _MOST_CUES_IN_A_CLAUSE:
            return (self.seg.sentences[cue.sentence].end,) * 2
        bound = later[_MOST_CUES_IN_A_CLAUSE - 1]
        end = bound.cue.start
        if bound.phrase is not None and cue.end < bound.phrase.start < end:
            end = bound.phrase.start
        return end, bound.cue.end

    def content_start_before(self, cue: Cue) -> int:
        """Where what was said before ``cue`` can start: the sentence's start, or the end of the
        :data:`_MOST_CUES_IN_A_CLAUSE`-th cue before it (the same bound as :meth:`clause_limit`)."""
        entries, at = self._neighbours(cue)
        start = self.seg.sentences[cue.sentence].start
        return max(start, entries[at - _MOST_CUES_IN_A_CLAUSE].cue.end) if at >= _MOST_CUES_IN_A_CLAUSE else start


def _speaker_phrase(tokens: list[Token], role: str | None, view: str, words) -> Phrase | None:
    """The speaker phrase of a cue from its tokens, with the role or affiliation in apposition."""
    phrase = classify(tokens, view, words) if tokens else None
    if phrase is not None and role and phrase.kind == "person":
        if _names_a_body(phrase, role, words):
            phrase.kind, phrase.role = "organisation", role  # "Allianz, a leading German insurer, said"
            return phrase
        preposition, _, rest = role.partition(" ")
        if preposition in ("of", "from", "at"):
            phrase.affiliation = _ARTICLE_RE.sub("", rest)
        else:
            phrase.role = role
    return phrase


_ROLE_HEAD_ENDS = PREPOSITIONS | {"to", "based", "which", "that", "who", "whose", "and", "quoted"}


def _names_a_body(phrase: Phrase, role: str, words) -> bool:
    """Whether a capitalised name with a role in apposition names a body: the role's head noun
    (its last word before a preposition or relative) is an organisation noun ("a leading German
    insurer", "the world's biggest carmaker") and the name opens with no known first name."""
    role_words = role.lower().split()
    ends = [k for k, word in enumerate(role_words) if word in _ROLE_HEAD_ENDS]
    head_words = role_words[: ends[0]] if ends else role_words
    # A noun phrase: opened by an article ("a", "the UK's"), its head within a few words.
    if not 2 <= len(head_words) <= 6 or head_words[0] not in ("a", "an", "the"):
        return False
    if head_words[-1] not in words["organisation"]:
        return False
    return not opens_with_a_first_name(phrase.name.split()[0])


def _repaired_quotations(seg: Segmented) -> list[Quotation]:
    """The document's quotations, with a closing mark typed after a space mended: in
    '"... in this country, " said Carlos Silva' the ground floor sees two unclosed quotations,
    the second opening at the mark; the mark closes the first, and the second is narrative."""
    view, out = seg.view, []
    for q in seg.quotations:
        previous = out[-1] if out else None
        if (
            previous is not None
            and not previous.closed
            and not q.closed
            and q.paragraph == previous.paragraph
            and not view[previous.end : q.start].strip()
            and view[q.start + 1 : q.start + 2].isspace()
        ):
            out[-1] = replace(previous, end=q.start + 1, closed=True)
            continue
        out.append(q)
    return out


def _narrative_cue_forms(view: str, merged: list[tuple[int, int]]) -> Iterator[re.Match[str]]:
    """The cue forms outside the quoted contents ``merged`` (sorted, disjoint), in text order,
    each as a match whose group 1 is the form (see :class:`~analysis.sources.lexicons.VerbIndex`)."""
    search, opening, _ = verb_index()
    # The pattern searches only the narrative between the quoted contents (a fifth of BBC text is
    # quoted): a cue form is letters and spaces, so no match runs from the narrative into a
    # quotation past its mark.
    narrative = zip([0, *(end for _, end in merged)], [*(start for start, _ in merged), len(view)])
    for gap_start, gap_end in narrative:
        # A match takes the character before its form, so the search starts one before the gap;
        # a form that opens the text has no character before it.
        opens = opening.match(view, 0, gap_end) if gap_start == 0 else None
        if opens:
            yield opens
        yield from search.finditer(view, opens.end() if opens else max(0, gap_start - 1), gap_end)


def _scan(seg: Segmented) -> _Scan:
    """Find the cues of a document and the speaker of each (step 1 of :func:`find_attributions`).

    One pass of the cue pattern over the document; only sentences with a candidate cue are
    tokenised.  A cue inside a quotation is the quoted person's, not the outlet's; a passive,
    infinitive or noun use is neither an attribution nor a mention; the subject of a negated
    cue is a mention only.
    """
    view = seg.view
    quotations = _repaired_quotations(seg)
    quoted = sorted((q.content_start, q.content_end) for q in quotations)
    merged = merge_spans(quoted)
    scan = _Scan(seg, quotations, quoted, merged, [s.start for s in seg.sentences])
    words = source_words()
    forms = verb_index().forms
    matches_by_sentence: dict[int, list[re.Match[str]]] = {}
    for m in _narrative_cue_forms(view, merged):
        matches_by_sentence.setdefault(scan.sentence_of(m.start(1)), []).append(m)
    for index, matches in sorted(matches_by_sentence.items()):
        s = seg.sentences[index] if seg.sentences else None
        if s is None or not s.start <= matches[0].start(1) < s.end:
            continue
        tokens = tokenize_outside(view, s.start, s.end, merged)
        scan.tokens_by_sentence[index] = tokens
        for cue, status in _sentence_cues(matches, tokens, index, forms):
            if status not in ("ok", "negated"):
                continue
            phrase_tokens, role, where = _speaker_for(cue, tokens, view, words)
            if where == "question":
                continue
            earlier = scan.cues_by_sentence.get(index)
            if where == "participle" and earlier and earlier[-1].phrase is not None:
                phrase = earlier[-1].phrase  # '"...," the mayor said, adding that ...': the mayor adds
            else:
                phrase = _speaker_phrase(phrase_tokens, role, view, words)
            if phrase is not None and phrase.kind == "author":
                continue  # "I thought ...": the writer's own voice is the narrative, not a source
            if phrase is not None and phrase.kind == "other" and not _may_speak(phrase, cue):
                continue  # "the most common woes reported", "the new film shows": no source speaks
            if status == "negated":
                if phrase is not None and phrase.kind != "other":
                    scan.negated_subjects.append(phrase)
                continue
            scan.cues_by_sentence.setdefault(index, []).append(_Cued(cue, phrase, where))
    return scan


def _open_cue(scan: _Scan, index: int) -> _Cued | None:
    """The last cue of sentence ``index`` when nothing follows it ("She said:"): it opens the
    quotation of the next sentence.  Asked only for a quotation no cue of its own sentences took."""
    entries = scan.cues_by_sentence.get(index)
    if not entries:
        return None
    last = entries[-1]
    s = scan.seg.sentences[index]
    next_quote = bisect_left(scan.quoted, (last.cue.end,))  # the first quoted content at or after the cue's end
    if next_quote < len(scan.quoted) and scan.quoted[next_quote][0] < s.end:
        return None
    return last if scan.content_after(last.cue) is None else None


_TURN_RE = re.compile(r"[\"'\u201c]?([A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+){0,2}): +(?=\S)")


def _transcript_turns(scan: _Scan) -> list[Found]:
    """Step 2: the turns of a transcript, a paragraph opening with a speaker's name in capitals and a
    colon ("WALLACE: Let's start with ...", "PENCE: Well, look, ..."): direct speech, its colon the cue."""
    seg, view = scan.seg, scan.seg.view
    turns = []
    for start, end in seg.paragraphs:
        m = _TURN_RE.match(view, start, end)
        content = _strip_span(view, m.end(), end) if m else None
        if content is None:
            continue
        name_start, name_end = m.span(1)
        speaker = Phrase(name_start, name_end, "person", m.group(1).title())
        first, last = scan.sentence_of(content[0]), scan.sentence_of(content[1] - 1)
        cue = new_cue(Cue, (name_end, name_end + 1, "transcript", "neutral", "speech", first, 0))
        turns.append(Found("direct", content, cue, speaker, "transcript", first, last))
    return turns


def _direct_quotations(scan: _Scan, turn_sentences: set[int]) -> tuple[list[Found], set[int], list[tuple[int, int]]]:
    """Direct quotations (step 3): each takes the nearest unused cue in the sentences it touches,
    else an open cue of the previous sentence; one with neither is left ``unattributed`` here,
    for :func:`_inherit_speakers`; one opening a transcript turn (``turn_sentences``) is that
    turn.  Returns them, the cues they took and their spans."""
    view, seg = scan.seg.view, scan.seg
    found: list[Found] = []
    used: set[int] = set()
    direct_ranges: list[tuple[int, int]] = []
    outer: list[Quotation] = []
    for q in scan.quotations:  # nested quotations belong to their outer one
        if not outer or q.start >= outer[-1].end:
            outer.append(q)
    for q in outer:
        first_s, last_s = scan.sentence_of(q.content_start), scan.sentence_of(max(q.content_start, q.content_end - 1))
        if first_s in turn_sentences:
            continue
        # _is_direct asks only whether the quotation has fewer than 3 or more than 6 words: counting
        # stops at 7, which spares a long quotation's words.
        words_in = len(list(islice(WORD_RE.finditer(view, q.content_start, q.content_end), 7)))
        if not _is_direct(q, view, seg.sentences[first_s].start, words_in):
            continue
        candidates = []
        for si in {first_s, last_s}:
            for cue, phrase, _ in scan.cues_by_sentence.get(si, []):
                if q.start <= cue.start < q.end or cue.start in used:
                    continue
                distance = cue.start - q.end if cue.start >= q.end else q.start - cue.end
                candidates.append((distance + (0 if cue.start >= q.end else 1), cue, phrase))
        content = _strip_span(view, q.content_start, q.content_end)
        if content is None:
            continue
        direct_ranges.append((q.start, q.end))
        previous = None if candidates else _open_cue(scan, first_s - 1)
        if candidates:
            _, cue, phrase = min(candidates, key=itemgetter(0))
            item = Found("direct", content, cue, phrase, "cue", first_s, last_s)
        elif previous is not None and previous.cue.start not in used:
            item = Found("direct", content, previous.cue, previous.phrase, "cue_previous_sentence", first_s, last_s)
        else:
            item = Found("direct", content, None, None, "unattributed", first_s, last_s)
        if item.cue is not None:
            used.add(item.cue.start)
        found.append(item)
    direct_ranges.sort()
    return found, used, direct_ranges


def _reported_speech(scan: _Scan, used: set[int], direct_ranges: list[tuple[int, int]]) -> list[Found]:
    """Reported speech and "according to" (step 4): the cues no direct quotation took."""
    view = scan.seg.view
    found = []
    for index, entries in sorted(scan.cues_by_sentence.items()):
        for cue, phrase, where in entries:
            if cue.start in used:
                continue
            start = scan.content_start_before(cue)
            if cue.lemma == "according to":
                phrase_end = phrase.end if phrase else cue.end
                content = _content_before(cue.start, start, view) or _strip_span(
                    view, phrase_end, max(phrase_end, scan.clause_limit(cue)[0])
                )
                if content is None:
                    continue  # "according to" with nothing it could qualify
                kind = "according_to"
            else:
                content = None
                if where in ("before", "before_appositive", "relative", "participle", "coordinated", "none"):
                    content = scan.content_after(cue)
                if content is None:
                    # What was said before its speaker ends at a comma or a quotation mark ("Prices
                    # rose, analysts said"); "anything Mr Blair told him" reports no content.  Without
                    # a speaker phrase the boundary is unknown.
                    if phrase is None:
                        content = _content_before(cue.start, start, view)
                    else:
                        before = view[start : min(cue.start, phrase.start)].rstrip()
                        before = before[:-3].rstrip() if before.endswith(" as") else before  # ", as police said"
                        # "After leaving Apple, Mr Raskin continued on ...": a verb that must report a
                        # clause, and has an object instead, reports nothing before it either.
                        object_follows = (
                            cue.lemma in _CLAUSE_ONLY | _CLAUSE_OR_QUOTE
                            and phrase.end <= cue.start  # not an inversion: ", added Mr Clarke."
                            and _OBJECT_AFTER_RE.match(view, cue.end)
                        )
                        if before.endswith(_CONTENT_ENDS) and not object_follows:
                            content = _content_before(start + len(before), start, view)
                if content is None or (phrase is None and cue.lemma not in _CORE_SPEECH):
                    continue  # reported speech with no speaker is mostly a verb used otherwise ("to state")
                if inside(content[0], direct_ranges):
                    continue  # a quotation counted already as a direct quote
                kind = "indirect"
            if kind == "indirect" and _holds_quotation(content, scan.quoted):
                kind = "partial"
            found.append(Found(kind, content, cue, phrase, where, index, index))
    return found


def _without_nested(found: list[Found]) -> list[Found]:
    """Step 5: a participle or a verb of showing or believing inside another attribution's content
    ("claimed the US had intelligence suggesting ...", "said Labour's plans showed ...") belongs
    to that content, not to a speaker of its own."""

    def nested(f: Found) -> bool:
        return f.cue is not None and (f.rule == "participle" or f.cue.type != "speech")

    contents = sorted(f.content for f in found if f.content)  # a cue never lies in its own content
    content_starts = [a for a, _ in contents]
    reach = list(accumulate((b for _, b in contents), max))  # the furthest end of the contents started so far

    def in_a_content(position: int) -> bool:
        started = bisect_right(content_starts, position)
        return started > 0 and reach[started - 1] > position

    return [f for f in found if not (nested(f) and in_a_content(f.cue.start))]


def _inherit_speakers(found: list[Found], seg: Segmented) -> None:
    """Step 7: a direct quotation left without a cue continues the attribution just before it
    (its last segment in the previous sentence or the same one) and takes its speaker: a quoted
    sentence after a cued one, the next paragraph of a quotation left open, a quotation after
    reported speech ("X said ... . / "..."").  A quoted sentence after at most
    ``_NARRATIVE_GAP`` sentences of narrative that name no speaker is the last speaker's new
    attribution (rule ``last_speaker``): the news convention that a quotation needing no cue
    is the person just quoted.  ``found`` is in text order."""
    last: Found | None = None
    for item in found:
        if item.rule == "unattributed" and last is not None:
            gap = item.first_sentence - last.sentence
            if gap <= 1:
                item.rule, item.speaker, item.head = "inherited", last.speaker, last.head or last
                item.cue = last.cue  # the governing cue: its stance and type, never its span
            elif gap <= _NARRATIVE_GAP and _opens_its_sentence(item, seg):
                item.rule, item.speaker = "last_speaker", last.speaker
        if item.speaker is not None:
            last = item


# Two sentences of narrative between quotations (a paraphrase, a fact) leave the speaker in
# place; after more, a hand check of BBC articles found the quotation as often another's.
_NARRATIVE_GAP = 3


def _opens_its_sentence(item: Found, seg: Segmented) -> bool:
    """Whether ``item``'s content opens its sentence, after quotation marks and a dash: a quotation
    inside narrative (a poster's words, a slogan) is no continuation of anyone's speech."""
    start = seg.sentences[item.first_sentence].start
    # Matched from the sentence's start, the marks end at the first other character: a sentence of
    # many quotations costs no more than its own opening.
    return _OPENING_MARKS_RE.match(seg.view, start, item.content[0]).end() == item.content[0]


_OPENING_MARKS_RE = re.compile("[ \t\n\"'\u201c\u2018:-]*")


def _speakers_from_context(found: list[Found], scan: _Scan) -> None:
    """Step 6: a direct quotation still without a speaker is a person's when narrative
    introduces it, the news convention for a quotation that needs no cue (rule ``context``):
    its own sentence before a colon, a label or a clause ("- Burnley boss Steve Cotterill:
    "..."", "Mr Dean is confident though: "...""), or, right before it, a sentence of narrative
    whose subject is a person ("Campbell signalled his intent to move abroad. "I'm 30 now ..."")."""
    view, words = scan.seg.view, source_words()
    named_words: set[str] | None = None  # words standing beside another capitalised word, made once

    def surely_named(phrase: Phrase) -> bool:
        # A full name, a title or role with the name, or one word that the document also gives
        # beside another name ("Campbell" after "Sol Campbell"); a lone capitalised word may be a
        # club, a firm or a sentence's first word ("Arsenal", "Hours").
        nonlocal named_words
        if phrase.kind != "person" or " " in phrase.name or phrase.role:
            return True
        named_words = _words_in_names(view) if named_words is None else named_words
        return phrase.name in named_words

    def subject_of(index: int) -> Phrase | None:
        sentence = scan.seg.sentences[index]
        # After a quotation, its speaker (if any) was for inheritance to find.
        if inside(sentence.start, scan.merged) or inside(sentence.end - 1, scan.merged):
            return None
        tokens = tokenize_outside(view, sentence.start, sentence.end, scan.merged)
        return _person_subject(tokens, view, words, label=False) if len(tokens) >= 6 else None

    # A sentence's subject is read once, however many quotations without a speaker follow it.
    subjects: dict[int, Phrase | None] = {}
    last_spoken = -2  # the last sentence holding an attribution with a speaker
    for item in found:
        if item.speaker is not None:
            last_spoken = item.sentence
        if item.rule != "unattributed":
            continue
        phrase = _introducer_before_colon(item, scan, words)
        previous = item.first_sentence - 1
        # With an attribution just before, the quotation continues it (step 7).
        if phrase is None and previous >= 0 and last_spoken < previous:
            if previous not in subjects:
                subjects[previous] = subject_of(previous)
            phrase = subjects[previous]
        if phrase is not None and surely_named(phrase):
            item.rule, item.speaker = "context", phrase
            last_spoken = item.sentence


def _introducer_before_colon(item: Found, scan: _Scan, words) -> Phrase | None:
    """The person who introduces ``item`` in its own sentence, before a colon and the quotation
    mark: a label ("Burnley boss Steve Cotterill:", after a list's dash) or a clause's subject."""
    view = scan.seg.view
    colon = item.content[0]
    while colon > 0 and view[colon - 1] in _MARKS_BEFORE_CONTENT:
        colon -= 1
    if colon == 0 or view[colon - 1] != ":":
        return None
    # The introducer follows the quotation before it in the sentence, if any: only its own words
    # are read, so a sentence of many labelled quotations is read once, not once per quotation
    # (a quotation opened before the sentence, left open by a missing mark, is passed over).
    begin = scan.seg.sentences[item.first_sentence].start
    previous = bisect_left(scan.merged, (colon,)) - 1
    if previous >= 0 and scan.merged[previous][0] >= begin:
        begin = scan.merged[previous][1]
    tokens = tokenize_outside(view, begin, colon - 1, scan.merged)
    while tokens and not tokens[0].is_word:
        tokens = tokens[1:]  # a list's dash, the previous quotation's closing mark
    return _person_subject(tokens, view, words, label=True) if len(tokens) >= 2 else None


_MARKS_BEFORE_CONTENT = frozenset(" \t\n\"'\u201c\u2018")


def _person_subject(tokens: list[Token], view: str, words, label: bool) -> Phrase | None:
    """The person the clause of ``tokens`` is about: its subject, when a verb follows it (not a
    headline, a caption or a photo credit) or, with ``label``, when it is all the tokens."""
    subject = _subject_of_sentence(tokens, len(tokens))
    if not subject:
        return None
    after = tokens.index(subject[-1]) + 1
    if after + 2 < len(tokens) and tokens[after].text == "," and tokens[after + 1].lower in _ASIDES:
        after += 3 if tokens[after + 2].text == "," else 0  # "Ruddock, though, is keen ..."
    is_label = label and after == len(tokens) and subject[0] is tokens[0]  # "Burnley boss Steve Cotterill:"
    if not is_label and (after >= len(tokens) or not tokens[after].lower.isalpha() or tokens[after].is_capitalised):
        return None
    # An acronym heading the subject is a body ("BT"), or the sentence a headline in capitals;
    # one before a name is its affiliation ("US coach Patrick McEnroe").
    if subject[-1].text.isupper() and len(subject[-1].text) > 1:
        return None
    opener = subject[0].text
    if is_stop(opener) and not (opener.isupper() and len(opener) > 1) or opener.lower().endswith(("ly", "ing")):
        return None  # "Eventually the service ...", "Winning that race was ...": no subject ("US coach X" is one)
    if any(t.lower == "asked" for t in tokens):
        return None  # "X was asked: ..." is followed by another's question
    phrase = classify(subject, view, words)
    return phrase if phrase is not None and phrase.kind in ("pronoun_person", "person") else None


_NAME_PAIR_RE = re.compile(r"\b(?=([A-Z][a-z][\w'-]*) ([A-Z][a-z][\w'-]*)\b)")


def _words_in_names(view: str) -> set[str]:
    """The capitalised words that stand beside another capitalised word somewhere in ``view`` (one
    pass over the document, whatever the number of quotations that ask)."""
    return {word for m in _NAME_PAIR_RE.finditer(view) for word in m.groups()}


def find_attributions(seg: Segmented) -> tuple[list[Found], list[Phrase]]:
    """The attributions of a document, in text order, and the subjects of its negated cues.

    Each :class:`Found` is one segment; ``head`` ties a segment to the first segment of the
    attribution it continues.
    """
    scan = _scan(seg)
    turns = _transcript_turns(scan)
    direct, used, direct_ranges = _direct_quotations(scan, {f.first_sentence for f in turns})
    found = _without_nested(turns + direct + _reported_speech(scan, used, direct_ranges))
    found.sort(key=lambda f: f.content[0] if f.content else 0)
    _speakers_from_context(found, scan)
    _inherit_speakers(found, seg)
    return found, scan.negated_subjects
