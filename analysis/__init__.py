"""media-analysis: measure how news is written.

Four measures, each traceable to the words behind it: sentiment, hedging language,
repetition and source prominence.

>>> import analysis
>>> res = analysis.analyze(["The minister said the plan is good."])
>>> sorted(res.tables())
['documents', 'hedges', 'quotes', 'repeats', 'sentences', 'sources']
"""

from analysis.corpus import load_corpus
from analysis.framing import framing
from analysis.pipeline import Analysis, analyze
from analysis.segment import segment, segment_document
from analysis.sources import extract_quotes, source_summary
from analysis.text import normalise

__version__ = "0.1.0"

__all__ = [
    "Analysis",
    "analyze",
    "load_corpus",
    "normalise",
    "segment",
    "segment_document",
    "extract_quotes",
    "framing",
    "source_summary",
    "__version__",
]
