"""Source prominence: one row per source of a document, how much, how early and how it is quoted."""

from __future__ import annotations

from analysis.segment import Segmented
from analysis.sources.identity import document_key, generic_type
from analysis.text import count_words

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
        ``source``, ``kind``, ``role``, ``affiliation`` (see :func:`extract_attributions`),
        ``mentions`` (mentions and speaker mentions),
        ``quotes`` (attributions, however many segments each has), ``quoted_words`` (words
        of the content of all its attributions' segments), ``quote_share`` (of all
        attributed words in the document),
        ``first_position`` (first mention's start / text length, 0..1), ``in_lede``
        (mentioned in the first paragraph or first two sentences), ``n_<stance>`` for each
        stance (attributions with their own cue), ``n_direct`` (attributions holding a direct
        quotation), ``n_evidence_challenged``,
        ``prominence``: ``w1*quote_share + w2*mention_share + w3*(1 - first_position)
        + w4*in_lede``; ``generic_type``, ``named`` and ``source_key`` (see
        :mod:`analysis.sources.identity`).

    Examples
    --------
    >>> from analysis.segment import segment_document
    >>> from analysis.sources import extract_attributions
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
        row = rows.get(source)
        if row is None:
            row = rows[source] = {
                "source": source,
                "kind": None,
                "role": None,
                "affiliation": None,
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
        return row

    for m in mentions:
        row = row_for(m["source"])
        row["mentions"] += 1
        row["kind"] = row["kind"] or m["kind"]
        row["role"] = row["role"] or m["role"]
        row["affiliation"] = row["affiliation"] or m["affiliation"]
        position = m["start"] / length
        if row["first_position"] is None or position < row["first_position"]:
            row["first_position"] = position
        row["in_lede"] = row["in_lede"] or m["start"] < lede_end
    contents: dict[str, list[str]] = {}  # source -> the contents of its attributions
    attributions: dict[str, set[int]] = {}  # source -> its attributions' numbers
    direct: dict[str, set[int]] = {}  # source -> the numbers of its attributions holding a direct quotation
    for q in quotes:
        source = q.get("source")
        if source is None:
            continue
        row = row_for(source)
        attributions.setdefault(source, set()).add(q["attribution"])
        if q["kind"] == "direct":
            direct.setdefault(source, set()).add(q["attribution"])
        contents.setdefault(source, []).append(q["content"] or "")
        # Stance and evidence are the cue's: only an attribution's cued segment carries them.
        stance_column = _STANCE_COLUMNS.get(q.get("stance"))
        if stance_column is not None:
            row[stance_column] += 1
        row["n_evidence_challenged"] += bool(q.get("evidence_challenged"))
        if q.get("speaker_start") is not None:
            position = q["speaker_start"] / length
            if row["first_position"] is None or position < row["first_position"]:
                row["first_position"] = position
    for source, numbers in attributions.items():
        rows[source]["quotes"] = len(numbers)
        rows[source]["n_direct"] = len(direct.get(source, ()))
    for source, texts in contents.items():
        # No word spans a space: the words of the joined contents are the sum of each one's, counted in one call.
        rows[source]["quoted_words"] = count_words(" ".join(texts))
    total_words = sum(r["quoted_words"] for r in rows.values())
    total_mentions = sum(r["mentions"] for r in rows.values())
    for row in rows.values():
        row["kind"] = row["kind"] or "other"
        row["generic_type"] = generic_type(row["kind"], row["source"])
        row["named"] = row["generic_type"] is None
        row["source_key"] = document_key(row["kind"], row["source"])
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


