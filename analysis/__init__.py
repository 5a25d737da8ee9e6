"""media-analysis: measure how news is written.

Four measures, each traceable to the words behind it: sentiment, hedging language,
repetition and source prominence.  The names below are the public interface, grouped as in
``docs/api.md``; the modules (``analysis.segment``, ``analysis.hedging``, ...) hold the
implementation and a few more specialised names.

>>> import analysis
>>> res = analysis.analyze(["The minister said the plan is good."])
>>> sorted(res.tables())
['documents', 'hedges', 'quotes', 'repeats', 'sentences', 'sources']
"""

import importlib
import inspect
import warnings

from analysis.compare import compare_groups, source_framing, sources_by_group, sourcing_by_group, trend
from analysis.corpus import load_corpus
from analysis.framing import framing_by_source
from analysis.hedging import detect_hedges, load_lexicon
from analysis.highlight import highlight_document, highlight_hedges
from analysis.kwic import keyword_in_context
from analysis.pipeline import Analysis, analyze
from analysis.repetition import (
    duplicate_clusters,
    lexical_repetition,
    near_duplicates,
    paragraph_similarity,
    repeated_phrases,
    repeated_words,
    shared_phrases,
)
from analysis.segment import segment_corpus, segment_document
from analysis.sentiment import explain_sentiment, paragraph_sentiment, sentiment_arc_data, voice_units
from analysis.sources import attribution_table, extract_quotes, source_summary, source_types, top_sources
from analysis.text import normalise

__version__ = "0.1.0"

# Loaded when first used (PEP 562), so that `import analysis` stays fast: the report (and the
# notebook machinery behind it), coding sheets and agreement, the streamed runs.  The modules
# whose names were former function names (segment, highlight, framing, compare, kwic) are
# imported above, before those names are bound: a first import binds the module's name.
_LAZY_NAMES = {"write_report": "report", "coding_sheet": "coding", "agreement": "coding", "analyze_corpus": "stream"}
_LAZY_MODULES = frozenset(_LAZY_NAMES.values())


def __getattr__(name: str):
    if name in _LAZY_MODULES:
        return importlib.import_module(f"{__name__}.{name}")
    if name in _LAZY_NAMES:
        value = getattr(importlib.import_module(f"{__name__}.{_LAZY_NAMES[name]}"), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY_NAMES, *_LAZY_MODULES})


def _former_name(function, old: str):
    """``function`` under its former package-level name ``old``, warning that the name has changed.

    ``analysis.segment``, ``analysis.highlight``, ``analysis.framing``, ``analysis.compare`` and
    ``analysis.kwic`` were functions that hid the modules of the same names.  The functions now
    have names of their own; the old names keep working (with a DeprecationWarning) until a
    later version gives them to the modules.
    """

    message = (
        f"analysis.{old} is now analysis.{function.__name__}; the name analysis.{old} will be the "
        f"module analysis.{old} in a later version"
    )

    def renamed(*args, **kwargs):
        warnings.warn(message, DeprecationWarning, stacklevel=2)
        return function(*args, **kwargs)

    renamed.__name__ = renamed.__qualname__ = old
    renamed.__doc__ = f"Deprecated: {message}."
    renamed.__signature__ = inspect.signature(function)
    return renamed


# Bound after the imports above, which set these names to the modules: the old calls keep working.
segment = _former_name(segment_corpus, "segment")
highlight = _former_name(highlight_document, "highlight")
framing = _former_name(framing_by_source, "framing")
compare = _former_name(compare_groups, "compare")
kwic = _former_name(keyword_in_context, "kwic")

__all__ = [
    "__version__",
    # Running the measures: a corpus in, six tables out (docs/corpus-and-segmentation.md, docs/scale.md)
    "load_corpus",
    "analyze",
    "Analysis",
    "analyze_corpus",
    # The ground floor: offset-true text and segmentation
    "normalise",
    "segment_document",
    "segment_corpus",
    # Sentiment (docs/sentiment.md)
    "explain_sentiment",
    "paragraph_sentiment",
    "sentiment_arc_data",
    "voice_units",
    # Hedging language (docs/hedging.md)
    "detect_hedges",
    "load_lexicon",
    # Repetition and near duplicates (docs/repetition.md)
    "near_duplicates",
    "duplicate_clusters",
    "paragraph_similarity",
    "repeated_phrases",
    "shared_phrases",
    "repeated_words",
    "lexical_repetition",
    # Sources, quotes and framing (docs/sources.md)
    "extract_quotes",
    "attribution_table",
    "source_summary",
    "source_types",
    "top_sources",
    "framing_by_source",
    # Corpus comparisons (docs/corpus.md)
    "compare_groups",
    "trend",
    "keyword_in_context",
    "sources_by_group",
    "sourcing_by_group",
    "source_framing",
    # Showing the findings: the annotated article and the report (docs/report.md)
    "highlight_document",
    "highlight_hedges",
    "write_report",
    # Validating on your own corpus (docs/validation.md)
    "coding_sheet",
    "agreement",
    # Former names, deprecated: segment_corpus, highlight_document, framing_by_source, compare_groups,
    # keyword_in_context
    "segment",
    "highlight",
    "framing",
    "compare",
    "kwic",
]
