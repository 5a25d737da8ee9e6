"""media-analysis: measure how news is written.

Four measures, each traceable to the words behind it: sentiment, hedging language,
repetition and source prominence.

>>> import analysis
>>> res = analysis.analyze(["The minister said the plan is good."])
>>> sorted(res.tables())
['documents', 'hedges', 'quotes', 'repeats', 'sentences', 'sources']
"""

from analysis.coding import agreement, coding_sheet
from analysis.compare import compare, source_framing, sources_by_group, sourcing_by_group, trend
from analysis.corpus import load_corpus
from analysis.framing import framing
from analysis.hedging import detect_hedges, load_lexicon
from analysis.highlight import highlight, highlight_hedges
from analysis.kwic import kwic
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
from analysis.report import write_report
from analysis.segment import segment, segment_document
from analysis.sentiment import explain_sentiment, paragraph_sentiment, sentiment_arc_data, voice_units
from analysis.sources import attribution_table, extract_quotes, source_summary, source_types, top_sources
from analysis.stream import analyze_corpus
from analysis.text import normalise

__version__ = "0.1.0"

__all__ = [
    "__version__",
    "Analysis",
    "agreement",
    "analyze",
    "analyze_corpus",
    "attribution_table",
    "coding_sheet",
    "detect_hedges",
    "duplicate_clusters",
    "explain_sentiment",
    "extract_quotes",
    "framing",
    "highlight",
    "highlight_hedges",
    "lexical_repetition",
    "load_corpus",
    "load_lexicon",
    "near_duplicates",
    "normalise",
    "paragraph_sentiment",
    "paragraph_similarity",
    "repeated_phrases",
    "repeated_words",
    "segment",
    "segment_document",
    "sentiment_arc_data",
    "shared_phrases",
    "source_summary",
    "source_types",
    "top_sources",
    "voice_units",
    "write_report",
    # corpus comparisons (docs/corpus.md)
    "compare",
    "trend",
    "kwic",
    "sources_by_group",
    "sourcing_by_group",
    "source_framing",
]
