"""Mentions of sources anywhere in a document: named organisations, media, titled persons,
places acting as governments, and bare names (candidates for resolving surnames and pronouns)."""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cache
from operator import methodcaller

from analysis.segment import Segmented
from analysis.sources.lexicons import (
    DETERMINERS,
    GROUP_NUMBERS,
    STOP,
    WEEKDAYS_MONTHS,
    first_name_genders,
    places,
    source_words,
)
from analysis.sources.phrases import Phrase, body_after_its_noun, classify
from analysis.sources.tokens import is_stop, tokenize
from analysis.text import trie_pattern

_match_start = re.Match.start

# First words of capitalised runs that are places, events or teams rather than people's names
# ("New York", "North Korea", "Six Nations", "World Cup"): such runs are not candidates for "he"/"she".
_NOT_NAME_FIRST = frozenset(
    """North South East West New Old Great United Los Las San Santa Hong Saudi Sri Costa Puerto
    Premier Champions World European British American English Scottish Welsh Irish French German
    Christmas Easter Six Seven Eight Nine Ten One Two Three Four Five Grand Royal National International Federal
    Super Prime Supreme High Wall Downing White Capitol Silicon Labour Conservative Liberal""".split()
)

# Last words of capitalised runs that name laws, prizes, events, works and places, not people ("Greater
# London Act", "Triple Crown", "Brit Awards", "Wembley Stadium"): such runs are not candidates either,
# unless they open with a known first name (many are surnames too: "Bob Day", "Ann Hall").
_NOT_NAME_LAST = frozenset(
    """Act Acts Bill Treaty Directive Accord Charter Code Awards Award Prize Prizes Trophy Cup Crown Medal
    Championship Championships Games Open Series Tour Festival Show Day Week Year Street Road Avenue Square
    Lane Park Stadium Arena Centre Center Hall Theatre Theater Hotel Airport Station Bridge Island Islands
    River Lake Valley Mountains Palace Castle Abbey Cathedral Church Museum Gallery Tower Prix Slam""".split()
)

# Two or more capitalised words (with "of", "for", ... between them), each starting a word.  The
# pattern opens with the capital letter, so the engine scans for one directly (a leading \b is three
# times slower); the lookbehind after it refuses a capital inside a word at once, and the possessive
# quantifiers never give a word back: a long token with many capitals ("ab.Cd" * k) costs linear time.
_CAPSEQ_RE = re.compile(
    r"[A-Z](?<!(?:[^\W_]|['.-])[A-Z])[\w'.-]*+ (?:(?:of|for|on|and|de|al|bin) )?[A-Z][\w'.-]*+"
    r"(?:(?: (?:of|for|on|and|de|al|bin))? [A-Z][\w'.-]*+)*"
)


@cache
def _actor_names() -> re.Pattern[str]:
    """Lone words naming a place or an outlet (``Moscow``, ``KCNA``, ``Reuters``)."""
    media = source_words()["media"]
    names = [*places(), *(w.upper() for w in media), *(w.title() for w in media)]
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


# Words before a medium that make it the channel of a statement rather than its source; "according
# to the BBC" is a source.
_CHANNEL_BEFORE_RE = re.compile(r"(?<!according )\b(?:told|tell|tells|telling|to|on|with)\s+(?:the\s+)?$")


def _runs(view: str, sentence_starts: list[int]) -> list[tuple[int, int]]:
    """Spans of the runs of capitalised words and of the lone actor names, in text order, each cut
    where a sentence starts inside it ("... assets of Yugansk. Yukos said" gives two runs)."""
    matches = sorted([*_CAPSEQ_RE.finditer(view), *_actor_names().finditer(view)], key=_match_start)
    spans = []
    for m in matches:
        start, end = m.span()
        k = bisect_right(sentence_starts, start)
        while k < len(sentence_starts) and sentence_starts[k] < end:
            cut = sentence_starts[k]
            spans.append((start, len(view[start:cut].rstrip()) + start))
            start, k = cut, k + 1
        spans.append((start, end))
    return spans


_GENERIC_BODY_BEFORE_RE = re.compile(r"\b([a-z]+) $")
_CONNECTOR_RE = re.compile(r" (?:of|for|on|and) ")


def _bare_names(view: str, start: int, end: int) -> list[Phrase]:
    """Two- or three-word personal names in a run of capitalised words with no organisation, title
    or media word, the run cut at its connectors ("Ann Lee on Monday" gives "Ann Lee")."""
    out = []
    cuts = [start, *(i for m in _CONNECTOR_RE.finditer(view, start, end) for i in m.span()), end]
    for a, b in zip(cuts[::2], cuts[1::2]):
        raw = view[a:b].split()
        while raw and (raw[0].lower() in STOP or raw[0].lower() in DETERMINERS):
            raw = raw[1:]
        joined = " ".join(raw)
        if 2 <= len(raw) <= 3 and raw[0] not in WEEKDAYS_MONTHS and raw[0] not in _NOT_NAME_FIRST and (
            raw[-1].rstrip(".'") not in _NOT_NAME_LAST or raw[0] in first_name_genders()  # "Bob Day", "Ann Hall"
        ) and raw[-1].rstrip(".'").lower() not in GROUP_NUMBERS:  # "the Maguire Seven"
            if _NAMES_RE.fullmatch(joined):
                name = joined.removesuffix("'s").rstrip(".'")  # "Bob Day." ending a sentence, "Bob Day's"
                name_end = b - (len(joined) - len(name))
                out.append(Phrase(name_end - len(name), name_end, "person", name, candidate=True))
    return out


def scan_mentions(seg: Segmented, words, want_names: bool, taken: bytearray) -> list[Phrase]:
    """Organisations, media, titled persons and acting places named anywhere in the text; with
    ``want_names``, also bare two- or three-word names (candidates for pronouns and surnames).

    ``taken`` marks (1) the characters of the speakers and other mentions already found: a run of
    capitalised words lying wholly inside them is not examined, as any phrase it gives would
    overlap them and be dropped by :func:`resolve`.
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
    covered = -1
    for run_start, run_end in _runs(view, [s.start for s in seg.sentences]):
        if run_start < covered:
            continue
        covered = run_end
        if run_start and (view[run_start - 1].isalnum() or view[run_start - 1] in "'.-"):
            continue
        first_end = view.find(" ", run_start, run_end)
        if view.endswith(("'s", "s'"), run_start, first_end) and view.find(" ", first_end + 1, run_end) != -1:
            run_start = first_end + 1  # "Labour's Elizabeth Blackman": the possessor is no part of her name
        if taken.find(0, run_start, covered) == -1:
            continue  # every phrase found in the run lies partly inside it: the run is taken
        text = view[run_start:run_end]
        if " " in text:
            raw = text.split()
            if markers.isdisjoint(map(str.lower, map(_strip_name_marks, raw))):
                # No organisation, title or media word: at most a bare person's name, checked on the
                # words themselves (tokenising every capitalised run would double the cost of the scan).
                if want_names:
                    described = _GENERIC_BODY_BEFORE_RE.search(view, max(0, run_start - 20), run_start)
                    trade = described.group(1) if described else ""
                    if trade and body_after_its_noun(trade, raw, words):
                        # "housebuilder George Wimpey": a firm's name after a generic noun for it.
                        name = text.removesuffix("'s").rstrip(".'")  # "George Wimpey." ending a sentence
                        out.append(Phrase(run_start, run_start + len(name), "organisation", name, trade))
                    else:
                        out += _bare_names(view, run_start, run_end)
                continue
        found_before = len(out)
        tokens = tokenize(view, run_start, run_end)
        while tokens and (tokens[0].lower in DETERMINERS or is_stop(tokens[0].text)):
            tokens = tokens[1:]
        if not tokens:
            continue
        lows = [t.lower for t in tokens]
        if tokens[0].text in WEEKDAYS_MONTHS:
            continue
        following = _NEXT_WORD_RE.match(view, run_end)
        next_word = following.group(1).lower() if following else ""
        if len(tokens) == 1 and tokens[0].text in places():
            if next_word in _ACTOR_NEXT:
                out.append(Phrase(tokens[0].start, tokens[0].end, "government/place", tokens[0].text))
            continue
        if tokens[-1].text.endswith("'s") or next_word == "'s":
            continue  # a possessive modifier ("Russia's State Duma" is found through its head)
        if not media_words.isdisjoint(lows) and (lows[-1] in media_words or tokens[-1].text.isupper()):
            if _CHANNEL_BEFORE_RE.search(view, max(0, tokens[0].start - 24), tokens[0].start):
                continue  # "told BBC News", "speaking on BBC Radio 4": the channel, not a source
            out.append(Phrase(tokens[0].start, tokens[-1].end, "media", view[tokens[0].start : tokens[-1].end]))
        elif lows[-1] in words["organisation"] and len(tokens) >= 2:
            start = tokens[0].start
            before = view[max(0, start - 30) : start]
            possessor = re.search(r"([A-Z][\w]*)'s $", before)
            if possessor:
                start = start - len(possessor.group())
            out.append(Phrase(start, tokens[-1].end, "organisation", view[start : tokens[-1].end]))
        elif not words["title"].isdisjoint(lows[:-1]) and len(tokens) >= 2:
            phrase = classify(tokens, view, words)
            if phrase is not None and phrase.kind == "person":
                out.append(phrase)
        if want_names and len(out) == found_before:
            # "Judges Simon Cowell, Louis Walsh and ...": a plural role, which no title rule reads, then a name.
            plural_roles = (k for k, low in enumerate(lows) if low.endswith("s") and low[:-1] in markers)
            last_marker = max(plural_roles, default=None)
            if last_marker is not None and len(tokens) - last_marker > 2:
                out += _bare_names(view, tokens[last_marker + 1].start, run_end)
    return out
