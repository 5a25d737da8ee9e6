"""media-analysis: measure how news is written.

Four measures, each traceable to the words behind it: sentiment, hedging language,
repetition and source prominence.

>>> import analysis
>>> res = analysis.analyze(["The minister said the plan is good."])
>>> sorted(res.tables())
['documents', 'hedges', 'quotes', 'repeats', 'sentences', 'sources']
"""

from analysis.corpus import load_corpus
from analysis.hedging import detect_hedges, highlight_hedges, load_lexicon
from analysis.pipeline import Analysis, analyze
from analysis.segment import segment, segment_document
from analysis.text import normalise

__version__ = "0.1.0"

__all__ = [
    "Analysis",
    "analyze",
    "detect_hedges",
    "highlight_hedges",
    "load_corpus",
    "load_lexicon",
    "normalise",
    "segment",
    "segment_document",
    "__version__",
]
