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
    next (:class:`analysis.segment.Quotation`).  One after a sentence about a person is that
    person's (``rule="context"``), one after a line or two of narrative a new attribution of
    the last speaker (``rule="last_speaker"``).
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

The modules, from the ground up: :mod:`~analysis.sources.lexicons` (word lists),
:mod:`~analysis.sources.tokens`, :mod:`~analysis.sources.phrases` (speaker phrases),
:mod:`~analysis.sources.attributions` (the attribution rules),
:mod:`~analysis.sources.evidence` (evidence challenges), :mod:`~analysis.sources.mentions`
(mentions), :mod:`~analysis.sources.identity` (named and generic sources, keys across
documents), :mod:`~analysis.sources.resolve` (resolution to one canonical source per
document), :mod:`~analysis.sources.extract` (one document, a corpus),
:mod:`~analysis.sources.prominence` and :mod:`~analysis.sources.summary` (corpus level).
The names below are the public interface; the modules' other names may change.
"""

from analysis.sources.extract import extract_attributions, extract_quotes
from analysis.sources.identity import GENERIC_TYPES, corpus_keys, with_corpus_keys
from analysis.sources.lexicons import reporting_verbs
from analysis.sources.prominence import PROMINENCE_WEIGHTS, STANCES, prominence
from analysis.sources.summary import attribution_table, shown_kind, source_summary, source_types, top_sources

__all__ = [
    "extract_attributions",
    "prominence",
    "reporting_verbs",
    "PROMINENCE_WEIGHTS",
    "STANCES",
    "source_summary",
    "source_types",
    "top_sources",
    "shown_kind",
    "attribution_table",
    "extract_quotes",
    "corpus_keys",
    "with_corpus_keys",
    "GENERIC_TYPES",
]
