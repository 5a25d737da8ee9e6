"""The interface of the sources measure for one document and for a corpus."""

from __future__ import annotations

from bisect import bisect_right

import pandas as pd

from analysis import schema
from analysis.segment import Segmented, segment_document
from analysis.sources.attributions import find_attributions
from analysis.sources.evidence import evidence_starts
from analysis.sources.identity import document_key
from analysis.sources.resolve import resolve


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
        participle, coordinated, according_to, transcript, cue, cue_previous_sentence, inherited,
        context, last_speaker, unattributed),
        ``speech_verb``, ``cue_type`` (speech, belief, evidence, naming or act: "said",
        "thinks", "showed", "called ... 'deplorables'", "praised"; see
        ``data/reporting_verbs.csv``) and ``attribution`` (the number, from 1 in text order, that the
        segments of one attribution share: a quotation continued after its cue or over
        several sentences or paragraphs, a quoted sentence inheriting its speaker) and
        ``source_key`` (the source's identity across documents, None for a generic source:
        :mod:`analysis.sources.identity`).
        Missing spans are None in both offsets.  Mention dicts: ``source``, ``kind``
        (person, organisation, government/place, media, document, anonymous, other),
        ``role``, ``affiliation`` (what a person or an unnamed source speaks for: "of
        Dresdner Kleinwort", "a spokeswoman for the centre"), ``start``, ``end``, ``text``.

    Examples
    --------
    >>> from analysis.segment import segment_document
    >>> seg = segment_document('"We will win," said John Smith, the party leader. "We have the votes." He left.')
    >>> quotes, mentions = extract_attributions(seg)
    >>> [(q["kind"], q["content"], q["source"], q["rule"], q["attribution"]) for q in quotes]
    [('direct', 'We will win', 'John Smith', 'cue', 1), ('direct', 'We have the votes', 'John Smith', 'inherited', 1)]
    >>> [(m["source"], m["kind"], m["role"]) for m in mentions]
    [('John Smith', 'person', 'the party leader')]
    """
    found, extra = find_attributions(seg)
    mentions, canonical = resolve(found, extra, seg)
    text, view = seg.text, seg.view
    sentence_starts = [s.start for s in seg.sentences]

    def sentence_of(position: int) -> int:
        return max(0, bisect_right(sentence_starts, position) - 1)

    challenges_by_sentence: dict[int, list[int]] = {}
    for start in evidence_starts(view):
        challenges_by_sentence.setdefault(sentence_of(start), []).append(start)
    cue_starts_by_sentence: dict[int, list[int]] = {}
    if challenges_by_sentence:  # most documents challenge no claim: then no cue needs its sentence
        for f in found:
            if f.cue is not None and f.rule != "inherited":
                cue_starts_by_sentence.setdefault(sentence_of(f.cue.start), []).append(f.cue.start)
    quotes = []
    attribution_of: dict[int, int] = {}  # id of an attribution's first segment -> its number
    for f in found:
        attribution = attribution_of.setdefault(id(f.head or f), len(attribution_of) + 1)
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
        # Missing spans are None in both offsets and in the text.
        content_start, content_end = f.content or (None, None)
        cued = cue is not None and f.rule != "inherited"
        cue_start, cue_end = (cue.start, cue.end) if cued else (None, None)
        speaker_start, speaker_end = (sp.start, sp.end) if sp is not None else (None, None)
        quotes.append(
            {
                "kind": f.kind,
                "content_start": content_start,
                "content_end": content_end,
                "content": text[content_start:content_end] if f.content else None,
                "cue_start": cue_start,
                "cue_end": cue_end,
                "cue": text[cue_start:cue_end] if cued else None,
                "stance": cue.stance if cued else None,
                "speaker": text[speaker_start:speaker_end] if sp is not None else None,
                "speaker_start": speaker_start,
                "speaker_end": speaker_end,
                "source": source,
                "evidence_challenged": challenged and cued,
                "rule": f.rule,
                "speech_verb": cue.type == "speech" if cue else None,
                "cue_type": cue.type if cue else None,
                "attribution": attribution,
                "source_key": document_key(sp.kind, source) if source is not None else None,
            }
        )
    mention_rows = []
    quoted_sources = {q["source"] for q in quotes}
    for p in mentions:
        if p.kind.startswith("pronoun"):
            continue  # an unresolved pronoun names no source
        source = canonical.get(id(p), p.name)
        if p.candidate and source not in quoted_sources:
            continue  # a bare capitalised name nobody refers back to may not be an actor at all
        mention_rows.append(
            {
                "source": source,
                "kind": p.kind,
                "role": p.role,
                "affiliation": p.affiliation,
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


