"""Evidence challenges: where the text says a claim came without evidence ("did not provide
any evidence", "without proof", "unsubstantiated", "could not be verified")."""

from __future__ import annotations

import re

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
# Every alternative of _EVIDENCE_RE opens with a word boundary and a letter: only a word's start can
# start a match, so the positions before a hint are tried word by word, not character by character.
_WORD_START_RE = re.compile(r"\b\w")

def evidence_starts(view: str) -> list[int]:
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
            word = _WORD_START_RE.search(view, position, hint + 1)
            if word is None:
                position = hint + 1
                break
            m = _EVIDENCE_RE.match(view, word.start())
            if m:
                starts.append(word.start())
                cursor = m.end()
                position = max(cursor, hint - _EVIDENCE_REACH)
            else:
                position = word.start() + 1
        tried = max(tried, position)
    return starts

