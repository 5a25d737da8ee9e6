"""Pathological text: every case is analysed without error, keeps the offset invariant, and
finishes in seconds (no timing assertions: a quadratic regular expression would make this
module run for hours, which CI's time limit turns into a failure).

The sizes are large enough to expose quadratic behaviour: 100,000 repetitions of a unit
that costs microseconds is a fraction of a second when linear and hours when quadratic.
``scripts/bench_large_document.py`` times a 1 MB news-like document.
"""

from __future__ import annotations

import time

import pandas as pd
import pytest
from test_properties import check_analysis

from analysis import analyze, pipeline
from analysis.segment import segment_document

CASES = {
    "100k double quotes": '"' * 100_000,
    "100k curly quotes": "\u201c" * 50_000 + "\u201d" * 50_000,
    "100k quote-space pairs": '" ' * 100_000,
    "100k single quotes around words": "'a " * 100_000,
    "100k quote-full stop-quote": '"."' * 100_000,
    "a million spaces": " " * 1_000_000,
    "a million odd spaces and NULs": "\u00a0\x00\u200b\t" * 250_000,
    "1 MB line without punctuation": "word " * 200_000,
    "1 MB without any space": "x" * 1_000_000,
    "200,000 full stops": "." * 200_000,
    "100,000 a-full-stop": "a." * 100_000,
    "100 KB of glued sentences": "ab.Cd" * 20_000,
    "200,000 digits and commas": "1," * 100_000 + "a",
    "200,000 exclamation marks": "!" * 200_000 + "x",
    "deeply nested brackets": "(" * 50_000 + "x" + ")" * 50_000,
    "deeply nested mixed quotes and brackets": "(\"'[" * 25_000 + "word" + "]'\")" * 25_000,
    "one 200 KB paragraph of sentences with abbreviations": "Mr. Smith said the U.S. plan is fine. " * 5_000,
    "20,000 one-word lines": "a\n" * 20_000,
    "20,000 blank-line paragraphs": "Para.\n\n" * 20_000,
    "long ellipses": "Wait" + "." * 100_000 + " then" + "\u2026" * 100_000 + " end",
    "emoji only": "\U0001f600\U0001f4f0" * 50_000,
    "right-to-left and CJK": ("\u0627\u0644\u062e\u0628\u0631 \u0639\u0627\u062c\u0644. \u65b0\u95fb\u3002") * 5_000,
    "combining marks": "e" + "\u0301" * 100_000,
    "control characters": "text \x01\x02\x1b[31m red \x7f. " * 10_000,
    "lone surrogates (not Unicode text: reported, not analysed)": "\ud800 text. " * 10_000,
    "HTML markup": "<p>Kim <b>said</b> &quot;no&quot;.</p>\n<script>alert(1)</script>" * 5_000,
}


@pytest.mark.parametrize("name", list(CASES))
def test_pathological_text_is_analysed_and_keeps_the_invariants(name):
    text = CASES[name]
    corpus = pd.DataFrame({"doc_id": ["bad", "ok"], "text": pd.Series([text, "Mr. Kim spoke. He left."], dtype=object)})
    res = analyze(corpus)
    unusable = text.isspace() or name.startswith("lone surrogates")
    assert res.documents.error.isna().tolist() == [not unusable, True]
    check_analysis(res, corpus)
    ok = res.sentences[res.sentences.doc_id == "ok"]
    assert ok.text.tolist() == ["Mr. Kim spoke.", "He left."]


def test_html_is_analysed_as_text_with_its_markup_verbatim():
    text = "<p>Kim said: &quot;Fine.&quot;</p>\n<p>He left.</p>"
    res = analyze([text])
    assert res.sentences.text.tolist() == ["<p>Kim said: &quot;Fine.&quot;</p>", "<p>He left.</p>"]


def test_runs_of_full_stops_still_split_where_a_space_follows():
    dots = "." * 10_000
    seg = segment_document(f"Wait{dots} Then it ended. Done")
    assert [seg.sentence_text(i) for i in range(len(seg.sentences))] == [f"Wait{dots}", "Then it ended.", "Done"]


def test_a_token_longer_than_any_abbreviation_is_an_ordinary_word_before_a_full_stop():
    long_word = "x" * 500
    seg = segment_document(f"The {long_word}. Then more. Mr. Kim left.")
    assert [seg.sentence_text(i) for i in range(len(seg.sentences))] == [
        f"The {long_word}.",
        "Then more.",
        "Mr. Kim left.",
    ]


# --------------------------------------------------------------------------- no quadratic per-document step
# A step is checked by doubling its input and comparing the work: an operation count where the
# step's inputs can count their own use, else the CPU time of both sizes measured here, side by
# side (linear or n log n: a ratio near 2; quadratic: near 4).  Add a case to DOUBLING.


class _CountingDict(dict):
    """A quotation (or any row) that counts every read of its fields in ``reads[0]``."""

    def __init__(self, fields, reads):
        super().__init__(fields)
        self.reads = reads

    def __getitem__(self, key):
        self.reads[0] += 1
        return super().__getitem__(key)

    def get(self, key, default=None):
        self.reads[0] += 1
        return super().get(key, default)


def _hedge_speakers_work(n: int) -> int:
    """Field reads to find the speaker of n hedges among n quotations (one hedge inside each)."""
    reads = [0]
    quotes = [
        _CountingDict({"content_start": 10 * i, "content_end": 10 * i + 8, "source": f"S{i % 7}"}, reads)
        for i in range(n)
    ]
    positions = [10 * i + 3 for i in range(n)]
    speakers = pipeline._speakers_at(positions, quotes)
    assert speakers == [f"S{i % 7}" for i in range(n)]
    return reads[0]


def cpu_seconds(step, *args) -> float:
    """The least CPU time of three runs of ``step(*args)`` (the least is the least disturbed)."""
    times = []
    for _ in range(3):
        started = time.process_time()
        step(*args)
        times.append(time.process_time() - started)
    return min(times)


def doubling_ratio(work, size: int) -> float:
    """``work(2 * size) / work(size)``: ``work`` returns the cost (an operation count or CPU
    seconds) of the step on an input of that size."""
    return work(2 * size) / work(size)


DOUBLING = {
    # name: (work, size, the largest ratio allowed)
    "hedge speakers (pipeline._speakers_at)": (_hedge_speakers_work, 20_000, 2.5),
}


@pytest.mark.parametrize("name", list(DOUBLING))
def test_doubling_the_input_at_most_doubles_the_work(name):
    work, size, largest = DOUBLING[name]
    assert doubling_ratio(work, size) <= largest
