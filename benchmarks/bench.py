"""Benchmark: ``python -m benchmarks.bench [CORPUS] [--repeat 3]`` from the checkout (also ``make bench``).

Prints, in one run, on the same documents:

- ``analyze`` throughput (articles/s and words/s) with one worker and with two, and the
  speed-up of two workers over one: measured on the wall clock, and expected on two idle
  cores from CPU times (the main process's serial part plus the busier worker's share of
  the pipeline's chunks, see :func:`chunk_makespan`);
- CPU time per stage inside ``analyze`` with one worker: segmentation, repetition,
  sentiment, hedging, sources (the calls the pipeline makes to each, wrapped in a timer
  for the runs) and the pipeline's own joins, word counts and table building (the rest).
  The pipeline itself has no timing code;
- peak memory (maximum resident set size) of ``analyze`` in a fresh subprocess, and of
  loading the corpus alone;
- ``near_duplicates`` time, when the package has it;
- the baseline a user could run instead: a regular-expression sentence split and VADER
  on every sentence, and the ratio ``analyze`` / baseline;
- ``import analysis`` in a fresh process, and ``python -m analysis report`` in a fresh
  process (output to a temporary folder) on the sample article and on CORPUS when it is a
  file: wall clock and the CPU time of the process and the ones it waited for (the kernel);
- the targets of issue 21 (:data:`TARGETS`), each figure beside its target and whether it
  is met.

Each time is the best of ``--repeat`` runs (default 3), as wall-clock and as CPU time of
the process: on a machine busy with other jobs the wall clock is inflated and noisy, CPU
time much less so.  ``analyze`` with one worker, with two, and the baseline take turns,
and the median of the turns' ratios is printed as well: the machine's speed drifts over a
benchmark, and a ratio of two runs made minutes apart moves least.  CORPUS defaults to
``../shared/corpora/bbc_news.csv`` beside the repository when present, else the
project's sample article replicated 100 times.
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

import pandas as pd

import analysis
from analysis import hedging, pipeline, repetition, sentiment, sources
from analysis.corpus import load_corpus
from analysis.pipeline import (
    CHUNKS_PER_WORKER,
    _analyse_chunk,
    _chunks,
    analyze,
)
from analysis.segment import segment_document
from analysis.sources import tokens
from analysis.text import count_words, normalise

__all__ = [
    "default_corpus",
    "corpus_of",
    "baseline",
    "stage_times",
    "chunk_makespan",
    "import_time",
    "report_time",
    "TARGETS",
    "main",
]

ROOT = Path(__file__).resolve().parents[1]
BBC = ROOT.parent / "shared" / "corpora" / "bbc_news.csv"
SAMPLE = ROOT / "data" / "raw" / "kcna_dprk_troops_russia.txt"
SAMPLE_COPIES = 100

# The cheapest thing a user could do instead: split after . ! ? followed by space.
_BASELINE_SPLIT = re.compile(r"(?<=[.!?])\s+")

#: Issue 21's targets: figure name -> (target, "max" when the figure must not exceed it or
#: "min" when it must reach it, what is measured).
TARGETS = {
    "ratio_analyze_to_baseline_cpu": (1.5, "max", "analyze / baseline, CPU, best of the runs"),
    "articles_per_s_2_jobs_wall": (1000.0, "min", "analyze, 2 workers, articles/s, wall clock (BBC)"),
    "report_sample_wall_s": (5.0, "max", "python -m analysis report on the sample article, wall s"),
    "report_corpus_wall_s": (20.0, "max", "python -m analysis report on the corpus, wall s (BBC)"),
    "import_analysis_wall_s": (0.8, "max", "import analysis in a fresh process, wall s"),
    "peak_memory_mb": (345.0, "max", "peak memory of analyze, MB (BBC)"),
}

_MEMORY_SCRIPT = """
import resource, sys
from benchmarks.bench import corpus_of
from analysis import analyze
docs = corpus_of(sys.argv[1] or None)
loaded = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
analyze(docs)
print(loaded, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def default_corpus() -> Path | None:
    """The BBC corpus beside the repository, or None when it is absent.

    Examples
    --------
    >>> default_corpus() in (BBC, None)
    True
    """
    return BBC if BBC.exists() else None


def corpus_of(path: str | Path | None) -> pd.DataFrame:
    """The benchmark corpus: ``path`` loaded, or the sample article replicated 100 times.

    Returns
    -------
    pandas.DataFrame
        As :func:`analysis.load_corpus`: ``doc_id``, ``text`` and metadata columns.

    Examples
    --------
    >>> corpus_of(None).doc_id.tolist()[:2]
    ['sample0', 'sample1']
    """
    if path is not None:
        return load_corpus(path)
    text = SAMPLE.read_text(encoding="utf-8")
    return load_corpus(pd.DataFrame({"doc_id": [f"sample{i}" for i in range(SAMPLE_COPIES)], "text": text}))


@dataclass(frozen=True)
class Timing:
    """Seconds of one run: ``wall`` clock, ``cpu`` of this process, ``worker_cpu`` of the
    worker processes it started and ended."""

    wall: float
    cpu: float
    worker_cpu: float = 0.0


def _clear_text_caches() -> None:
    """Empty the package's caches keyed by a text (a sentence's scores, a token's noun-phrase
    tests), so that a run does not reuse answers from the last one."""
    for cached in (sentiment.score_text, tokens.np_word, tokens.np_head):
        cached.cache_clear()


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _timed(run: Callable[[], object]) -> Timing:
    _clear_text_caches()  # every run starts cold
    children, wall, cpu = _children_cpu(), time.perf_counter(), time.process_time()
    run()
    return Timing(time.perf_counter() - wall, time.process_time() - cpu, _children_cpu() - children)


def _best(runs: list[Timing]) -> Timing:
    return Timing(*(min(getattr(r, f) for r in runs) for f in ("wall", "cpu", "worker_cpu")))


def _best_of(repeat: int, run: Callable[[], object]) -> Timing:
    return _best([_timed(run) for _ in range(repeat)])


def _interleaved(repeat: int, runs: dict[str, Callable[[], object]]) -> dict[str, list[Timing]]:
    """Each run ``repeat`` times, taking turns, so that a figure compared with another was
    measured in the same minutes: the machine's speed drifts over a benchmark."""
    timings: dict[str, list[Timing]] = {name: [] for name in runs}
    for _ in range(repeat):
        for name, run in runs.items():
            timings[name].append(_timed(run))
    return timings


def baseline(texts: list[str]) -> int:
    """The baseline run: split each text into sentences with a regular expression and score
    every sentence with VADER; returns the number of sentences scored.

    Examples
    --------
    >>> baseline(["It rained. We left!", "Fine."])
    3
    """
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    analyzer = SentimentIntensityAnalyzer()
    n = 0
    for text in texts:
        for sentence in _BASELINE_SPLIT.split(text):
            if sentence.strip():
                analyzer.polarity_scores(sentence)
                n += 1
    return n


# The functions analyze calls for each stage, as (module, name): stage_times wraps them.
_STAGE_CALLS = {
    "segmentation": [(pipeline, "segment_document")],
    "repetition": [(repetition, "find_repeats")],
    "sentiment": [(sentiment, "score_document"), (sentiment, "span_sentiments")],
    "hedging": [(hedging, "find_hedges"), (hedging, "document_densities")],
    "sources": [(sources, "extract_attributions"), (sources, "prominence")],
}


def _timing_wrapper(function: Callable, stage: str, spent: dict[str, float]) -> Callable:
    def timed(*args, **kwargs):
        start = time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            spent[stage] += time.process_time() - start

    return timed


def stage_times(docs: pd.DataFrame, repeat: int = 3) -> dict[str, float]:
    """Best-of-``repeat`` CPU seconds per stage inside ``analyze(docs, n_jobs=1)``:
    ``segmentation``, ``repetition``, ``sentiment``, ``hedging``, ``sources``, and
    ``pipeline`` (the rest of the run: the pipeline's own joins, word counts and tables);
    and the number of ``sentences``.

    For the runs, the functions the pipeline calls for each stage are wrapped in a timer
    (and restored after): the pipeline itself carries no timing code, and the stages are
    timed as ``analyze`` runs them, on the same documents in the same order.

    Examples
    --------
    >>> sorted(stage_times(load_corpus(["Mr. Kim spoke. He left."]), repeat=1))
    ['hedging', 'pipeline', 'repetition', 'segmentation', 'sentences', 'sentiment', 'sources']
    """
    spent = dict.fromkeys(_STAGE_CALLS, 0.0)
    originals = [(module, name, getattr(module, name)) for calls in _STAGE_CALLS.values() for module, name in calls]
    best = dict.fromkeys([*_STAGE_CALLS, "pipeline"], float("inf"))
    try:
        for stage, calls in _STAGE_CALLS.items():
            for module, name in calls:
                setattr(module, name, _timing_wrapper(getattr(module, name), stage, spent))
        for _ in range(repeat):
            spent.update(dict.fromkeys(spent, 0.0))
            total = _timed(lambda: analyze(docs, n_jobs=1)).cpu
            for stage, seconds in spent.items():
                best[stage] = min(best[stage], seconds)
            best["pipeline"] = min(best["pipeline"], total - sum(spent.values()))
    finally:
        for module, name, function in originals:
            setattr(module, name, function)
    best["sentences"] = sum(
        len(segment_document(text).sentences) for text in docs["text"] if isinstance(text, str) and text.strip()
    )
    return best


def chunk_makespan(docs: pd.DataFrame, n_jobs: int = 2) -> tuple[float, list[float]]:
    """CPU seconds of each chunk ``analyze(docs, n_jobs=n_jobs)`` hands to its workers (the
    pipeline's own chunking), and the time ``n_jobs`` idle workers would take to get through
    them taking chunks in order, as the process pool does.

    Examples
    --------
    >>> makespan, chunks = chunk_makespan(load_corpus(["One.", "Two.", "Three.", "Four."]))
    >>> len(chunks), makespan <= sum(chunks)
    (4, True)
    """
    items = list(zip(docs["doc_id"].tolist(), docs["text"].tolist()))
    costs = []
    for chunk in _chunks(items, n_jobs * CHUNKS_PER_WORKER):  # the chunks pipeline._run hands to its pool
        start = time.process_time()
        _analyse_chunk(chunk, True)
        costs.append(time.process_time() - start)
    free_at = [0.0] * n_jobs
    for cost in costs:
        worker = free_at.index(min(free_at))
        free_at[worker] += cost
    return max(free_at), costs


def _peak_memory_mb(path: Path | None) -> tuple[float, float]:
    """Maximum resident set size (MB) of a fresh process after loading the corpus, and after
    also running ``analyze`` on it."""
    out = subprocess.run(  # run in the checkout, where ``benchmarks`` is importable
        [sys.executable, "-c", _MEMORY_SCRIPT, str(path or "")], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    loaded_kb, analysed_kb = map(int, out[-2:])
    return loaded_kb / 1024, analysed_kb / 1024


def _fresh_process(command: list[str], repeat: int) -> Timing:
    """Best of ``repeat`` runs of ``command`` in a fresh process from the checkout: wall clock,
    and CPU time of the process with those it waited for (a report's notebook kernel)."""
    runs = []
    for _ in range(repeat):
        children, wall = _children_cpu(), time.perf_counter()
        subprocess.run(command, cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        runs.append(Timing(time.perf_counter() - wall, _children_cpu() - children))
    return _best(runs)


def import_time(repeat: int = 3) -> Timing:
    """Best of ``repeat`` of ``python -c "import analysis"`` in a fresh process.

    Examples
    --------
    >>> import_time(1).wall > 0
    True
    """
    return _fresh_process([sys.executable, "-c", "import analysis"], repeat)


def report_time(path: Path, repeat: int = 3) -> Timing:
    """Best of ``repeat`` of ``python -m analysis report PATH`` in a fresh process, each run
    writing into a new temporary folder (removed after)."""
    runs = []
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as folder:
            command = [sys.executable, "-m", "analysis", "report", str(path), "-o", str(Path(folder) / "report")]
            runs.append(_fresh_process(command, 1))
    return _best(runs)


def _target_lines(figures: dict) -> list[str]:
    """One line per target of :data:`TARGETS`: the figure, its target and whether it is met."""
    lines = []
    for key, (target, kind, label) in TARGETS.items():
        value = figures.get(key)
        if value is None:
            lines.append(f"  {label:<64} not measured (no corpus file)")
            continue
        met = value <= target if kind == "max" else value >= target
        sign = "<=" if kind == "max" else ">="
        lines.append(f"  {label:<64} {value:9.2f} (target {sign} {target:g}): {'met' if met else 'NOT met'}")
    return lines


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its figures (see the module docstring); returns the exit code."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench", description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", help="a corpus file (default: the BBC corpus if present, else the sample)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure; the best is reported (default: 3)")
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    args = parser.parse_args(argv)
    path = Path(args.corpus) if args.corpus else default_corpus()
    docs = corpus_of(path)
    texts = [t for t in docs["text"] if isinstance(t, str)]
    n_docs, n_words = len(docs), sum(count_words(normalise(t)) for t in texts)
    name = str(path) if path else f"{SAMPLE.name} x {SAMPLE_COPIES}"
    print(f"corpus: {name}: {n_docs} documents, {n_words} words; best of {args.repeat}")

    runs = _interleaved(
        args.repeat,
        {
            "one": lambda: analyze(docs, n_jobs=1),
            "two": lambda: analyze(docs, n_jobs=2),
            "base": lambda: baseline(texts),
        },
    )
    one, two, base = _best(runs["one"]), _best(runs["two"]), _best(runs["base"])
    # The ratio of each turn's runs, measured minutes apart at most; their median.
    paired_ratio = statistics.median(a.cpu / b.cpu for a, b in zip(runs["one"], runs["base"]))
    paired_speedup = statistics.median(a.wall / b.wall for a, b in zip(runs["one"], runs["two"]))
    stages = stage_times(docs, args.repeat)
    n_sentences = int(stages.pop("sentences"))
    n_baseline = baseline(texts)
    loaded_mb, peak_mb = _peak_memory_mb(path)
    # On two idle cores, two workers take the main process's serial part plus the time the
    # busier worker needs for its chunks (scaled to the workers' measured CPU time, which
    # also holds pickling the results).
    makespan, chunk_costs = chunk_makespan(docs, 2)
    expected_speedup = one.cpu / (two.cpu + makespan * two.worker_cpu / sum(chunk_costs))
    figures = {
        "corpus": name,
        "documents": n_docs,
        "words": n_words,
        "sentences": n_sentences,
        "analyze": asdict(one),
        "analyze_2_jobs": asdict(two),
        "speedup_2_jobs_wall": one.wall / two.wall,
        "speedup_2_jobs_expected_from_cpu": expected_speedup,
        "chunk_cpu_s": chunk_costs,
        "stages_cpu_s": stages,
        "baseline": asdict(base),
        "baseline_sentences": n_baseline,
        "ratio_analyze_to_baseline_wall": one.wall / base.wall,
        "ratio_analyze_to_baseline_cpu": one.cpu / base.cpu,
        "ratio_analyze_to_baseline_cpu_paired_median": paired_ratio,
        "speedup_2_jobs_wall_paired_median": paired_speedup,
        "peak_memory_mb": peak_mb,
        "memory_after_loading_mb": loaded_mb,
    }
    for label, seconds in (("analyze, 1 worker    wall", one.wall), ("                     CPU ", one.cpu)):
        print(f"{label} {seconds:7.2f} s: {n_docs / seconds:7.1f} articles/s {n_words / seconds:8.0f} words/s")
    print(f"analyze, 2 workers   wall {two.wall:7.2f} s: {n_docs / two.wall:7.1f} art./s, x{one.wall / two.wall:.2f}")
    print(
        f"                     CPU  main process {two.cpu:.2f} s (serial), workers {two.worker_cpu:.2f} s: "
        f"speed-up on two idle cores x{expected_speedup:.2f}"
    )
    print("CPU time per stage inside analyze (1 worker; pipeline: its own joins, word counts and tables):")
    stages_total = sum(stages.values())
    for stage, seconds in stages.items():
        print(f"  {stage:<14}{seconds:7.2f} s {100 * seconds / stages_total:5.1f}%")
    print(f"  segmentation: {n_sentences / stages['segmentation']:.0f} sentences/s ({n_sentences} sentences)")
    print(f"peak memory of analyze: {peak_mb:.0f} MB (after loading the corpus: {loaded_mb:.0f} MB)")
    near = getattr(analysis, "near_duplicates", None)
    if near is None:
        print("near_duplicates: not in this version of the package")
    else:
        n_pairs = len(near(docs))
        timing = _best_of(args.repeat, lambda: near(docs))
        figures["near_duplicates"], figures["near_duplicate_pairs"] = asdict(timing), n_pairs
        print(f"near_duplicates      wall {timing.wall:7.2f} s, CPU {timing.cpu:.2f} s ({n_pairs} pairs at 0.8)")
    print(f"baseline             wall {base.wall:7.2f} s, CPU {base.cpu:.2f} s ({n_baseline} sentences)")
    print(f"ratio analyze / baseline: wall {one.wall / base.wall:.2f}, CPU {one.cpu / base.cpu:.2f}")
    print(f"  median over the {args.repeat} turns of the two, run one after the other: CPU {paired_ratio:.2f}")
    print(f"2 workers, median over the turns: x{paired_speedup:.2f}")
    imported = import_time(args.repeat)
    figures["import_analysis"] = asdict(imported)
    print(f"import analysis      wall {imported.wall:7.2f} s, CPU {imported.cpu:.2f} s (fresh process)")
    for key, label, report_input in (("sample", SAMPLE.name, SAMPLE), ("corpus", name, path)):
        if report_input is None:
            print(f"report on the {key}: no corpus file (the sample replicated is not one)")
            continue
        timing = report_time(report_input, args.repeat)
        figures[f"report_{key}"] = asdict(timing)
        print(f"report, {key:<13}wall {timing.wall:7.2f} s, CPU {timing.cpu:.2f} s with its kernel ({label})")
    figures.update(
        articles_per_s_2_jobs_wall=n_docs / two.wall,
        import_analysis_wall_s=imported.wall,
        report_sample_wall_s=figures["report_sample"]["wall"],
        report_corpus_wall_s=figures.get("report_corpus", {}).get("wall"),
    )
    print("targets (issue 21):")
    for line in _target_lines(figures):
        print(line)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
