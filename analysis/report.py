"""The report: analyse, write the tables, execute the report notebook, render HTML.

:func:`write_report` is what ``python -m analysis report`` runs.  Into OUTDIR it writes

- the six result tables as ``<name>.csv`` (and ``<name>.parquet`` when pyarrow is
  installed), floats written with :data:`FLOAT_FORMAT` so the same input gives the same
  bytes on every run;
- ``provenance.json``: package and library versions, the SHA-256 of the input and of
  every lexicon file, the parameters, and the SHA-256 of every CSV written;
- ``report.ipynb``: the package's report notebook (:data:`NOTEBOOK`, ``analysis/report.ipynb``)
  executed with papermill on these tables;
- ``report.html``: that notebook rendered by nbconvert, code hidden, self-contained
  (styles and figures inline, no scripts fetched from the web).

Every file name is fixed: nothing from the input (document ids, the title) becomes a
path, so outputs always stay inside OUTDIR.  OUTDIR is complete or absent: the report is
built in a hidden folder beside it and moved into place when finished, under a lock file
(``.OUTDIR.lock``, with the pid); an OUTDIR holding the input or anything a report did not
write is refused before the analysis (docs/reliability.md).  The helpers at the end (headline figures,
rankings, captions and alt texts, tables as HTML) are what the report notebook calls, so that the notebook holds
no logic of its own.
"""

from __future__ import annotations

import contextlib
import functools
import glob
import hashlib
import html
import importlib.resources
import json
import os
import platform
import re
import shutil
import sys
import tempfile
import threading
from importlib import metadata
from importlib.util import find_spec
from pathlib import Path

import numpy as np
import pandas as pd

from analysis import resources, schema
from analysis.corpus import TEXT_SUFFIXES, file_sha256, load_corpus
from analysis.highlight import HTMLFragment, readable_rule
from analysis.pipeline import TABLE_NAMES, Analysis, analyze
from analysis.sources.summary import shown_kind, top_sources
from analysis.stream import as_written, for_parquet, is_text

__all__ = [
    "FLOAT_FORMAT",
    "NOTEBOOK",
    "write_report",
    "REPORT_FILES",
    "escape_formula",
    "unescape_formula",
    "write_tables",
    "read_tables",
    "load_analysis",
    "input_checksum",
    "provenance",
    "render_html",
    "headline_figures",
    "ranked_documents",
    "top_sources",
    "measure_labels",
    "metadata_columns",
    "grouping_columns",
    "MEASURE_LABELS",
    "VOICE_SENTIMENT_LABELS",
    "table_html",
    "heading",
    "note",
    "document_index",
    "article_figures",
    "article_sources",
    "article_hedges",
    "article_quotes",
    "article_repeats",
    "PROMINENCE_NOTE",
    "overview_note",
    "measure_summary",
    "failed_documents",
    "provenance_table",
    "hedges_by_voice",
    "hedge_chart_alt",
    "PERIOD_NAMES",
    "compared_measures",
    "trend_caption",
    "source_type_shares",
    "top_sources_alt",
    "copies_note",
    "document_note",
    "prominence_alt",
    "framing_alt",
    "article_sources_note",
]

#: Floats in the CSV tables: 6 significant digits (VADER itself reports 4 decimals), so that
#: the files are byte-identical across runs and platforms and still exact enough to recompute.
FLOAT_FORMAT = "%.6g"

#: The report notebook executed by :func:`write_report`: package data, so that it is there in a
#: wheel as in a source checkout (read it with :func:`importlib.resources.as_file` for a path).
NOTEBOOK = importlib.resources.files("analysis").joinpath("report.ipynb")

_LIBRARIES = ("pandas", "numpy", "nltk", "vaderSentiment", "datasketch", "matplotlib", "seaborn")

# The lab template without the scripts it would fetch from a CDN (require.js, MathJax,
# mermaid): the report needs none of them and must open offline.  Long titles wrap on a phone;
# in print, tables are not cut at a scroll box and headings stay with what follows.
_TEMPLATE_NAME = "media_analysis_report.html.j2"
_TEMPLATE = """{%- extends 'lab/index.html.j2' -%}
{%- block html_head_js -%}{%- endblock html_head_js -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{%- block extra_css -%}
<style>
.jp-RenderedHTMLCommon h1,.jp-RenderedHTMLCommon h2,.jp-RenderedHTMLCommon h3{overflow-wrap:anywhere}
@media print{.jp-OutputArea-output{overflow:visible!important}h2,h3{break-after:avoid}figure{break-inside:avoid}}
</style>
{%- endblock extra_css -%}
"""

#: The one definition of sentiment by voice (docs/sentiment.md): the ``documents`` table's mean
#: VADER compound of the narrative voice units and of the quoted voice units (a sentence that
#: mixes both is split at its quotation marks), counted passages only.
VOICE_SENTIMENT_LABELS = {
    "sentiment_narrative": "sentiment of the narrative (documents.sentiment_narrative: mean compound of narrative "
    "voice units)",
    "sentiment_quoted": "sentiment of quoted speech (documents.sentiment_quoted: mean compound of quoted voice units)",
}

#: Reader-facing names of the ``documents`` measure columns.
MEASURE_LABELS = {
    "n_words": "words",
    "n_sentences": "sentences",
    "sentiment": "sentiment (mean VADER compound, -1..1)",
    "hedges_per_100w": "hedges per 100 words",
    "boosters_per_100w": "boosters per 100 words",
    "duplicate_share": "share of words in repeated passages",
    "n_sources": "sources",
}


# --------------------------------------------------------------------------- tables and provenance


#: A CSV cell starting with one of these opens as a formula in a spreadsheet.
FORMULA_TRIGGERS = "=+-@\t\r"
_ESCAPED = re.compile(f"'*[{re.escape(FORMULA_TRIGGERS)}]")


def escape_formula(value):
    """A text cell as written to the CSV tables: one ``'`` put before a value that a
    spreadsheet would run as a formula (it starts with ``= + - @``, a tab or a carriage
    return, after any ``'``), so that text from a corpus never runs as one; anything else
    unchanged.  :func:`unescape_formula` undoes it exactly (the Parquet files are never escaped).

    >>> escape_formula("=HYPERLINK(1)"), escape_formula("'=x"), escape_formula("'quoted'"), escape_formula(-1.5)
    ("'=HYPERLINK(1)", "''=x", "'quoted'", -1.5)
    """
    return "'" + value if isinstance(value, str) and _ESCAPED.match(value) else value


def unescape_formula(value):
    """The value :func:`escape_formula` was given.

    >>> [unescape_formula(escape_formula(v)) for v in ["=1+1", "''@x", "'a", "-"]]
    ['=1+1', "''@x", "'a", '-']
    """
    return value[1:] if isinstance(value, str) and value.startswith("'") and _ESCAPED.match(value, 1) else value


def write_tables(res: Analysis, outdir: Path) -> list[Path]:
    """Write each result table as ``<name>.csv`` (and ``<name>.parquet`` with pyarrow) in ``outdir``.

    CSVs use ``\\n`` line ends and :data:`FLOAT_FORMAT`, so equal results give equal bytes;
    a text cell a spreadsheet would run as a formula is escaped (:func:`escape_formula`).
    A metadata field holding an object or a list (JSON Lines) is written as its JSON text.
    The Parquet files hold the values exactly, except a column whose values are of types
    pyarrow cannot store in one column (a number here, a string there): that column is
    stored as text there (``str`` of each value); the CSV keeps the values as they are.

    Examples
    --------
    >>> import tempfile, analysis
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     paths = write_tables(analysis.analyze(["Kim spoke."]), Path(folder))
    ...     sorted(p.name for p in paths)[:3]
    ['documents.csv', 'documents.parquet', 'hedges.csv']
    """
    outdir.mkdir(parents=True, exist_ok=True)
    written = []
    with_parquet = find_spec("pyarrow") is not None
    for name, table in res.tables().items():
        table = as_written(table)
        path = outdir / f"{name}.csv"
        escaped = table.assign(**{c: table[c].map(escape_formula) for c in table.columns if is_text(table[c])})
        escaped.to_csv(path, index=False, lineterminator="\n", float_format=FLOAT_FORMAT)
        written.append(path)
        if with_parquet:
            written.append(outdir / f"{name}.parquet")
            for_parquet(table).to_parquet(written[-1], index=False)
    return written


def read_tables(outdir: Path) -> dict[str, pd.DataFrame]:
    """The six tables written by :func:`write_tables`, from Parquet when present (exact dtypes),
    else from CSV with the contract's dtypes (formula escapes undone).

    Examples
    --------
    >>> import tempfile, analysis
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     _ = write_tables(analysis.analyze(["Kim spoke. He left."]), Path(folder))
    ...     read_tables(Path(folder))["sentences"]["text"].tolist()
    ['Kim spoke.', 'He left.']
    """
    outdir = Path(outdir)
    tables = {}
    for name in TABLE_NAMES:
        parquet = outdir / f"{name}.parquet"
        if parquet.exists() and find_spec("pyarrow") is not None:
            tables[name] = pd.read_parquet(parquet)
            continue
        contract = schema.TABLES[name]
        text_columns = {c: str for c, dtype in contract.items() if dtype == "string"}  # ".0" stays text
        table = pd.read_csv(outdir / f"{name}.csv", dtype=text_columns, keep_default_na=False, na_values=[""])
        table = table.assign(**{c: table[c].map(unescape_formula) for c in table.columns if is_text(table[c])})
        tables[name] = table.astype({c: t for c, t in contract.items() if c in table.columns})
    return tables


def load_analysis(outdir: Path, corpus: pd.DataFrame, dedupe: bool = True) -> Analysis:
    """An :class:`analysis.Analysis` from tables written to ``outdir`` and the corpus they came from.

    Examples
    --------
    >>> import tempfile, analysis
    >>> corpus = analysis.load_corpus(["Kim spoke. He left."])
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     _ = write_tables(analysis.analyze(corpus), Path(folder))
    ...     res = load_analysis(Path(folder), corpus)
    >>> res.documents.n_sentences.tolist(), res.text("0")
    ([2], 'Kim spoke. He left.')
    """
    return Analysis(**read_tables(outdir), corpus=corpus, dedupe=dedupe)


def input_checksum(path: Path) -> str:
    """SHA-256 of an input file; for a folder, of its text files' relative paths and contents.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     _ = (Path(folder) / "a.txt").write_bytes(b"Kim spoke.")
    ...     input_checksum(Path(folder) / "a.txt") == hashlib.sha256(b"Kim spoke.").hexdigest()
    True
    """
    path = Path(path)
    if path.is_file():
        return file_sha256(path)
    digest = hashlib.sha256()
    files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES)
    for file in files:
        digest.update(f"{file.relative_to(path).as_posix()}\0{file_sha256(file)}\n".encode())
    return digest.hexdigest()


def _version(distribution: str) -> str | None:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return None


def provenance(source: Path, parameters: dict, tables: list[Path]) -> dict:
    """What produced a report: versions, input and lexicon checksums, parameters, table checksums.

    No timestamps: the same input and parameters give the same record.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     _ = (Path(folder) / "a.txt").write_text("Kim spoke.")
    ...     record = provenance(Path(folder) / "a.txt", {"dedupe": True}, [])
    >>> sorted(record)
    ['input', 'lexicons', 'libraries', 'package', 'parameters', 'python', 'tables', 'version']
    """
    from analysis import __version__  # the package is fully imported by the time this runs

    return {
        "package": "media-analysis",
        "version": __version__,
        "python": platform.python_version(),
        "libraries": {name: _version(name) for name in _LIBRARIES},
        "input": {"path": str(source), "sha256": input_checksum(source)},
        "parameters": parameters,
        "lexicons": resources.checksums(),
        "tables": {path.name: file_sha256(path) for path in tables if path.suffix == ".csv"},
    }


# --------------------------------------------------------------------------- the run


def render_html(notebook: Path, html_path: Path, title: str) -> Path:
    """Render an executed notebook to one self-contained HTML file with the code cells hidden.

    Standard-error streams (warnings) are left out: the command line already showed them.

    Examples
    --------
    >>> import tempfile, nbformat
    >>> from nbformat.v4 import new_markdown_cell, new_notebook
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     nbformat.write(new_notebook(cells=[new_markdown_cell("# Hello")]), Path(folder) / "nb.ipynb")
    ...     page = render_html(Path(folder) / "nb.ipynb", Path(folder) / "nb.html", "<T>").read_text()
    >>> "<title>&lt;T&gt;</title>" in page, "<script src=" in page
    (True, False)
    """
    import nbformat

    nb = nbformat.read(notebook, as_version=4)
    for cell in nb.cells:
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell.id = "injected-parameters"  # papermill draws a random id: the same input gives the same page
        if cell.get("outputs"):
            cell.outputs = [o for o in cell.outputs if not (o.output_type == "stream" and o.name == "stderr")]
    body, _ = _html_exporter().from_notebook_node(nb, resources={"metadata": {"name": title}})
    html_path.write_text(body, encoding="utf-8")
    return html_path


@functools.cache
def _html_exporter():
    """The HTML exporter of :func:`render_html`, its templates compiled (an empty notebook
    exported once): importing nbconvert and compiling the lab template take most of a second,
    which :func:`write_report` spends in a thread while the notebook runs."""
    import nbformat
    from jinja2 import DictLoader
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(
        template_name="lab",
        extra_loaders=[DictLoader({_TEMPLATE_NAME: _TEMPLATE})],
        template_file=_TEMPLATE_NAME,
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    )
    exporter.from_notebook_node(nbformat.v4.new_notebook(), resources={"metadata": {"name": ""}})
    return exporter


def _import_papermill():
    """papermill, imported without jsonschema's IRI format checker when jsonschema is not loaded
    yet: that checker's module (rfc3987_syntax, installed by jupyter) compiles a grammar for
    about 1.5 s when imported, and nothing here checks IRIs (nbformat's schema has none, and
    jsonschema checks formats only when asked).  Blocked for this import only."""
    if "jsonschema" not in sys.modules and "rfc3987_syntax" not in sys.modules:
        sys.modules["rfc3987_syntax"] = None  # `import rfc3987_syntax` raises ImportError
        try:
            import papermill
        finally:
            del sys.modules["rfc3987_syntax"]
    import papermill

    return papermill


# What the report notebook's first cell imports (pandas, matplotlib and the package; seaborn
# only when a corpus figure asks for it): run as the kernel starts, beside the analysis,
# instead of in the notebook after it.
# ``__import__`` binds no name in the notebook's namespace.
_KERNEL_IMPORTS = '__import__("analysis.plots"); __import__("analysis.report"); __import__("IPython.display")'


@contextlib.contextmanager
def _started_kernel(folder: Path):
    """A notebook kernel started in ``folder``, importing what the report notebook needs while
    the caller analyses (about two seconds of start-up and imports on another core), and shut
    down at the end.  What it writes to its standard error (start-up warnings, transport notes)
    goes to a discarded file: noise to a user; errors in the notebook reach us as exceptions."""
    from jupyter_client import KernelManager

    class Kernel(KernelManager):
        """Remembers the clients made for it (the notebook runner's), to close them with it."""

        def client(self, **kwargs):
            made = super().client(**kwargs)
            self.clients.append(made)
            return made

    kernel = Kernel(kernel_name="python3")
    kernel.clients = []
    with tempfile.TemporaryFile() as sink:
        kernel.start_kernel(
            cwd=str(folder), stderr=sink, extra_arguments=[f"--IPKernelApp.exec_lines={_KERNEL_IMPORTS}"]
        )
        try:
            yield kernel
        finally:
            for client in kernel.clients:
                client.stop_channels()
            kernel.shutdown_kernel(now=True)


#: The files a report writes into OUTDIR: nothing else is ever there.
REPORT_FILES = frozenset(
    [f"{name}.{ext}" for name in TABLE_NAMES for ext in ("csv", "parquet")]
    + ["provenance.json", "report.ipynb", "report.html"]
)


def _outdir(outdir, source: Path) -> Path:
    """OUTDIR, checked before anything is read or analysed: not a file, not holding the input,
    and new, empty or the output of an earlier report (every file one a report writes, with
    a provenance.json of this package whose CSV checksums match): a report replaces what is
    there, so it must never hold anything a report did not create."""
    outdir = Path(outdir)
    if outdir.exists() and not outdir.is_dir():
        raise ValueError(f"output folder {outdir} exists and is not a folder")
    resolved, input_path = outdir.resolve(), source.resolve()
    if resolved == input_path or resolved in input_path.parents:
        raise ValueError(f"the input {source} is inside the output folder {outdir}, which a report replaces; "
                         "write the report to another folder")
    if outdir.is_dir():
        foreign = _not_from_a_report(outdir)
        if foreign:
            raise ValueError(
                f"output folder {outdir} holds files a report did not write ({', '.join(foreign[:5])}"
                f"{' ...' if len(foreign) > 5 else ''}); expected a new or empty folder, or an earlier report's output"
            )
    return outdir


def _not_from_a_report(outdir: Path) -> list[str]:
    """The entries of ``outdir`` that an earlier report run did not write, sorted."""
    entries = sorted(entry.name for entry in outdir.iterdir())
    foreign = [name for name in entries if name not in REPORT_FILES or not (outdir / name).is_file()]
    if foreign or not entries:
        return foreign
    try:
        record = json.loads((outdir / "provenance.json").read_text(encoding="utf-8"))
        tables = record["tables"] if record.get("package") == "media-analysis" else {}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        tables = {}
    if not tables:  # no record of our own: nothing here is known to be a report's
        return entries
    return [
        name
        for name in entries
        if name.endswith(".csv") and (name not in tables or file_sha256(outdir / name) != tables[name])
    ]


def _pid_running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, another user's
        return True
    return True


@contextlib.contextmanager
def _locked(outdir: Path):
    """Hold ``.OUTDIR.lock`` beside OUTDIR (holding this process's pid) for a report run;
    ValueError when a running process holds it.  A lock left by a process that no longer
    runs (killed) is taken over.  Creating the lock also proves the folder writable."""
    lock = outdir.parent / f".{outdir.name}.lock"
    try:
        outdir.parent.mkdir(parents=True, exist_ok=True)
        for _ in range(2):
            try:
                descriptor = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
                break
            except FileExistsError:
                try:
                    holder = int(lock.read_text().strip() or 0)
                except (OSError, ValueError):
                    holder = 0
                if holder and _pid_running(holder):
                    raise ValueError(
                        f"output folder {outdir} is being written by another report run (process {holder}; "
                        f"lock file {lock}); wait for it to finish or write to another folder"
                    ) from None
                lock.unlink(missing_ok=True)  # left by a run that was killed
        else:
            raise ValueError(f"output folder {outdir}: could not take the lock file {lock}")
    except OSError as err:
        raise ValueError(f"cannot write the output folder {outdir}: {err.strerror or err}") from None
    try:
        with os.fdopen(descriptor, "w") as handle:
            handle.write(f"{os.getpid()}\n")
        yield
    finally:
        lock.unlink(missing_ok=True)


def _staging_folder(outdir: Path) -> Path:
    """A new hidden folder beside OUTDIR to build the report in; the ones runs that were killed
    left there (only the lock holder, this run, makes them) are removed."""
    for stale in outdir.parent.glob(f".{glob.escape(outdir.name)}.partial-*"):
        shutil.rmtree(stale, ignore_errors=True)
    try:
        staging = Path(tempfile.mkdtemp(prefix=f".{outdir.name}.partial-", dir=outdir.parent))
    except OSError as err:
        raise ValueError(f"cannot write the output folder {outdir}: {err.strerror or err}") from None
    umask = os.umask(0)
    os.umask(umask)
    staging.chmod(0o777 & ~umask)  # a folder as mkdir makes it, not mkdtemp's private one
    return staging


def _move_into_place(staging: Path, outdir: Path) -> None:
    """Replace OUTDIR by the finished ``staging`` folder: renames, so that OUTDIR holds the old
    report or the new one, never a mix (for an instant, between two renames, neither)."""
    if not outdir.exists():
        os.rename(staging, outdir)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{outdir.name}.partial-", dir=outdir.parent))
    os.rename(outdir, old / outdir.name)
    try:
        os.rename(staging, outdir)
    except OSError:
        os.rename(old / outdir.name, outdir)
        raise
    shutil.rmtree(old, ignore_errors=True)


def write_report(
    source,
    outdir="reports",
    *,
    title: str | None = None,
    text_col: str = "text",
    id_col: str | None = None,
    dedupe: bool = True,
    n_jobs: int = 1,
    max_annotated: int = 10,
    progress: bool = True,
) -> dict[str, object]:
    """Analyse ``source`` and write its tables, provenance, executed notebook and HTML report.

    The report is built in a hidden folder beside OUTDIR (``.OUTDIR.partial-*``) and moved
    into place when it is complete, so OUTDIR holds a whole report or none: a run that fails
    or is killed leaves OUTDIR as it was.  A lock file beside it (``.OUTDIR.lock``, holding
    the process id) refuses a second run into the same folder while the first runs.

    Parameters
    ----------
    source : str or pathlib.Path
        A path :func:`analysis.load_corpus` accepts: a .txt/.md file, a folder of them, a
        .csv/.jsonl/.json/.parquet table.
    outdir : str or pathlib.Path, default "reports"
        Output folder, created if missing; its contents are replaced.  It must be new, empty
        or an earlier report's output (only the report's fixed file names, unchanged since),
        and must not hold the input.
    title : str, optional
        Report title (shown as text, never as markup); default "media-analysis report: NAME".
    text_col, id_col : str
        Passed to :func:`analysis.load_corpus`.
    dedupe : bool, default True
        Passed to :func:`analysis.analyze`: count repeated passages once.
    n_jobs : int, default 1
        Worker processes for the analysis.
    max_annotated : int, default 10
        A corpus report shows the annotated text of ``max_annotated`` documents, sampled
        across its groups with a fixed seed (:func:`sample_documents`).
    progress : bool, default True
        Show a progress bar on standard error while a corpus (two or more documents) is analysed.

    Returns
    -------
    dict
        ``tables`` (list of paths), ``provenance``, ``notebook``, ``html`` (paths),
        ``analysis`` (the :class:`analysis.Analysis`) and ``id_col`` (the column the
        document ids came from, None for row numbers or file names).

    Raises
    ------
    FileNotFoundError
        When ``source`` does not exist.
    ValueError
        When ``source`` holds no documents or lacks the text column; when ``outdir`` is a
        file, holds the input or files a report did not write, cannot be written, or
        another report run is writing it.  All before anything is analysed.

    Examples
    --------
    ``write_report("data/raw/kcna_dprk_troops_russia.txt", "reports")`` is what ``make report``
    runs.  Bad input fails before anything is written:

    >>> write_report("no/such/article.txt", "unused")
    Traceback (most recent call last):
    FileNotFoundError: no such file or folder: no/such/article.txt
    """
    from tqdm import tqdm

    source = Path(source)
    if max_annotated < 0:
        raise ValueError(f"max_annotated must be 0 or more, found {max_annotated}")
    if not source.exists():
        raise FileNotFoundError(f"no such file or folder: {source}")
    outdir = _outdir(outdir, source)
    docs = load_corpus(source, text_col=text_col, id_col=id_col)
    if docs.empty:
        raise ValueError(f"{source}: expected at least one document, found none")
    title = f"media-analysis report: {source.name}" if title is None else title
    place = outdir.resolve()  # "." has no name to put a lock or a staging folder beside
    with _locked(place):
        _outdir(outdir, source)  # again, now that no other run can change it
        staging = _staging_folder(place)
        try:
            with _started_kernel(staging) as kernel:
                show_bar = progress and len(docs) > 1
                with tqdm(total=len(docs), unit="doc", desc="analysing", file=sys.stderr, disable=not show_bar) as bar:
                    res = analyze(docs, dedupe=dedupe, n_jobs=n_jobs, progress=bar.update)
                _write_report_files(res, source, staging, title, text_col, id_col, dedupe, max_annotated, kernel)
            _move_into_place(staging, place)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    tables = [outdir / name for name in _table_files(res)]
    return {
        "tables": tables,
        "provenance": outdir / "provenance.json",
        "notebook": outdir / "report.ipynb",
        "html": outdir / "report.html",
        "analysis": res,
        "id_col": docs.attrs.get("id_col"),
    }


def _table_files(res: Analysis) -> list[str]:
    with_parquet = find_spec("pyarrow") is not None
    return [f"{name}.{ext}" for name in res.tables() for ext in ("csv", "parquet") if with_parquet or ext == "csv"]


def _write_report_files(res, source, folder, title, text_col, id_col, dedupe, max_annotated, kernel) -> None:
    tables = write_tables(res, folder)
    parameters = {
        "title": title,
        "text_col": text_col,
        "id_col": id_col,
        "dedupe": dedupe,
        "max_annotated": max_annotated,
    }
    record = provenance(source, parameters, tables)
    (folder / "provenance.json").write_text(json.dumps(record, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    papermill = _import_papermill()  # slow to import: only once the input is known good

    notebook = folder / "report.ipynb"
    exporter = threading.Thread(target=_html_exporter, name="html-exporter", daemon=True)
    exporter.start()  # ready by the time the notebook has run, on the core the kernel leaves idle
    with importlib.resources.as_file(NOTEBOOK) as template:
        # tables_dir "." (the notebook runs in the report folder): the executed notebook
        # still runs after the folder is moved into place.
        papermill.execute_notebook(
            str(template),
            str(notebook),
            parameters={"input_path": str(source.resolve()), "tables_dir": ".", **parameters},
            kernel_name="python3",
            cwd=str(folder),
            progress_bar=False,
            request_save_on_cell_execute=False,  # written once, when complete: a failed run is discarded anyway
            km=kernel,
        )
    exporter.join()
    render_html(notebook, folder / "report.html", title)


# --------------------------------------------------------------------------- helpers for the notebook


def _number(value: float) -> str:
    """Three significant digits, never an exponent (a reader of the report is not asked to
    read 2.39e-05); whole numbers and large values with thousands separators.

    >>> [_number(v) for v in (2225.0, 0.0000239, -0.0717, 1.0)]
    ['2,225', '0.0000239', '-0.0717', '1']
    """
    if value.is_integer() or abs(value) >= 1000:
        return f"{value:,.0f}"
    return np.format_float_positional(value, precision=3, fractional=False, trim="-")


def _format_value(value, max_chars: int = 80) -> str:
    if value is None or pd.isna(value):
        return "n/a"
    if isinstance(value, float):
        return _number(value)
    text = str(value)
    return text[: max_chars - 3] + "..." if len(text) > max_chars else text


def headline_figures(res: Analysis, doc_id: str) -> pd.DataFrame:
    """The key figures of one document as a two-column table ``figure, value`` (values as text).

    Examples
    --------
    >>> import analysis
    >>> res = analysis.analyze(pd.DataFrame({"doc_id": ["a"], "text": ["Kim spoke. He left."]}))
    >>> headline_figures(res, "a").set_index("figure").loc["words", "value"]
    '4'
    """
    document = res.documents.loc[res.documents["doc_id"] == doc_id].iloc[0]
    rows = [(label, _format_value(document[column])) for column, label in measure_labels(res.documents).items()]
    for column, label in VOICE_SENTIMENT_LABELS.items():
        rows.append((label, _format_value(document.get(column))))
    for name in ("quotes", "hedges", "repeats"):
        table = getattr(res, name)
        rows.append((f"{name} found", str(int((table["doc_id"] == doc_id).sum()))))
    if res.dedupe:
        rows.append(("words counted (first occurrences only)", _format_value(document.get("n_words_counted"))))
    return pd.DataFrame(rows, columns=["figure", "value"])


def ranked_documents(
    documents: pd.DataFrame, column: str, n: int = 10, *, min_words: int = 50, extra: list[str] | tuple = ()
) -> pd.DataFrame:
    """The ``n`` documents with the highest ``column`` then the ``n`` lowest, among documents
    with at least ``min_words`` counted words (densities of very short texts are noise).

    Returns ``rank`` ("most"/"least"), ``doc_id``, the column, ``n_words`` and the ``extra``
    columns (e.g. the corpus's metadata); ties keep input order.

    Examples
    --------
    >>> d = pd.DataFrame({"doc_id": list("abc"), "n_words": [100, 100, 10],
    ...                   "hedges_per_100w": [1.0, 3.0, 9.0]})
    >>> ranked_documents(d, "hedges_per_100w", 1)[["rank", "doc_id"]].values.tolist()
    [['most', 'b'], ['least', 'a']]
    """
    words = documents.get("n_words_counted", documents["n_words"])
    eligible = documents[(words >= min_words) & documents[column].notna()]
    ordered = eligible.sort_values(column, ascending=False, kind="stable")
    most = ordered.head(n).assign(rank="most")
    least = eligible.sort_values(column, ascending=True, kind="stable").head(n).assign(rank="least")
    both = pd.concat([most, least], ignore_index=True)
    return both[["rank", "doc_id", column, "n_words", *[c for c in extra if c not in ("rank", column, "n_words")]]]


def measure_labels(documents: pd.DataFrame) -> dict[str, str]:
    """Reader-facing names of the measure columns of ``documents``: :data:`MEASURE_LABELS`, then
    every further density column a measure added (``<name>_per_100w``).

    >>> measure_labels(pd.DataFrame(columns=["doc_id", "n_words", "distancing_per_100w"]))["distancing_per_100w"]
    'distancing per 100 words'
    """
    known = {c: label for c, label in MEASURE_LABELS.items() if c in documents.columns}
    densities = {
        c: _DENSITY_LABELS.get(c, c.removesuffix("_per_100w").replace("_", " ") + " per 100 words")
        for c in documents.columns
        if c.endswith("_per_100w") and c not in MEASURE_LABELS
    }
    return {**known, **densities}


_DENSITY_LABELS = {
    "hedges_quote_per_100w": "hedges in quoted speech per 100 words",
    "hedges_narrative_per_100w": "hedges in the narrative per 100 words",
}


def metadata_columns(documents: pd.DataFrame, corpus: pd.DataFrame) -> list[str]:
    """The columns of ``documents`` that came from the corpus (its metadata), in ``documents``'s
    names (``meta_`` prefixed on a clash: :func:`analysis.pipeline.metadata_names`), leaving out
    ``path`` and a column repeating ``doc_id``.  ``documents`` is as :func:`analysis.analyze`
    gives it: the metadata columns last, in the corpus's order.

    >>> corpus = pd.DataFrame({"doc_id": ["a1"], "text": ["x"], "id": ["a1"], "category": ["y"]})
    >>> documents = pd.DataFrame({"doc_id": ["a1"], "n_words": [1], "id": ["a1"], "category": ["y"]})
    >>> metadata_columns(documents, corpus)
    ['category']
    """
    given = [c for c in corpus.columns if c not in ("doc_id", "text")]
    names = dict(zip(given, documents.columns[len(documents.columns) - len(given) :]))
    ids = documents["doc_id"].astype(str)
    return [
        name
        for column, name in names.items()
        if column != "path" and not documents[name].astype(str).equals(ids)  # the id column, shown already
    ]


def grouping_columns(documents: pd.DataFrame, corpus: pd.DataFrame, max_groups: int = 30) -> list[str]:
    """Metadata columns to break the corpus down by: non-float columns with 2 to ``max_groups``
    distinct values (an outlet, a category, a year), fewer than there are documents (an id
    or a headline is not a group), all of one type (a column of objects or lists, or of
    numbers here and strings there, is no grouping).

    Examples
    --------
    >>> corpus = pd.DataFrame({"doc_id": list("abcd"), "text": list("wxyz"), "category": list("xxyy"),
    ...                        "title": list("pqrs")})
    >>> documents = corpus.drop(columns="text").assign(n_words=1)[["doc_id", "n_words", "category", "title"]]
    >>> grouping_columns(documents, corpus, max_groups=3)
    ['category']
    """
    def groups(column: str) -> int:
        values = documents[column].dropna()
        if len(set(map(type, values))) != 1 or isinstance(values.iloc[0], dict | list | tuple):
            return 0
        return values.nunique()

    return [
        c
        for c in metadata_columns(documents, corpus)
        if not pd.api.types.is_float_dtype(documents[c])
        and 2 <= groups(c) <= max_groups
        and groups(c) < len(documents)
    ]


def overview_note(documents: pd.DataFrame, dedupe: bool) -> str:
    """The report's opening line: how many documents, words and sentences, how repeated
    passages were counted, and the package version.

    >>> overview_note(pd.DataFrame({"n_words": [1200, 30], "n_sentences": [50, 2]}), True).split(";")[0]
    '2 document(s), 1,230 words, 52 sentences'
    """
    from analysis import __version__  # the package is fully imported by the time this runs

    counted = "repeated passages counted once" if dedupe else "repeated passages counted every time"
    return (
        f"{len(documents):,} document(s), {int(documents['n_words'].sum()):,} words, "
        f"{int(documents['n_sentences'].sum()):,} sentences; {counted}. "
        f"Produced by media-analysis {__version__}; the tables behind every figure are in the report folder."
    )


def measure_summary(documents: pd.DataFrame) -> pd.DataFrame:
    """The corpus at a glance: per measure of :func:`measure_labels`, over documents, ``measure``,
    ``documents with a value``, ``mean``, ``median``, ``min`` and ``max``.

    >>> d = pd.DataFrame({"doc_id": list("abc"), "n_words": [10, 30, 35], "n_sources": [0, 1, None]})
    >>> measure_summary(d).values.tolist()
    [['words', 3.0, 25.0, 30.0, 10.0, 35.0], ['sources', 2.0, 0.5, 0.5, 0.0, 1.0]]
    """
    labels = measure_labels(documents)
    summary = documents[list(labels)].astype(float).describe().T[["count", "mean", "50%", "min", "max"]]
    summary = summary.rename(index=labels, columns={"count": "documents with a value", "50%": "median"})
    return summary.reset_index(names="measure")


def failed_documents(documents: pd.DataFrame) -> pd.DataFrame:
    """The documents that could not be analysed: ``doc_id`` and ``error``.

    >>> failed_documents(pd.DataFrame({"doc_id": ["a", "b"], "error": [None, "empty text"]})).values.tolist()
    [['b', 'empty text']]
    """
    return documents.loc[documents["error"].notna(), ["doc_id", "error"]].reset_index(drop=True)


def provenance_table(record: dict) -> pd.DataFrame:
    """A :func:`provenance` record as the report shows it: ``what, value``, one row per fact
    (package, input and its checksum, each parameter, library, lexicon and table checksum).

    >>> record = {"version": "0.1", "python": "3.11.7", "input": {"path": "a.txt", "sha256": "ab"},
    ...           "parameters": {"dedupe": True}, "libraries": {"nltk": None}, "lexicons": {}, "tables": {}}
    >>> provenance_table(record).values.tolist()[3:]
    [['parameter dedupe', 'true'], ['library nltk', 'not installed']]
    """
    facts = [
        ("package", f"media-analysis {record['version']} (Python {record['python']})"),
        ("input", record["input"]["path"]),
        ("input SHA-256", record["input"]["sha256"]),
        *((f"parameter {k}", json.dumps(v)) for k, v in record["parameters"].items()),
        *((f"library {k}", v or "not installed") for k, v in record["libraries"].items()),
        *((f"lexicon {k} SHA-256", v) for k, v in record["lexicons"].items()),
        *((f"table {k} SHA-256", v) for k, v in record["tables"].items()),
    ]
    return pd.DataFrame(facts, columns=["what", "value"])


def hedges_by_voice(hedges: pd.DataFrame) -> pd.DataFrame:
    """Hedging matches counted by ``category`` (rows, written with spaces: ``scare quote``) and
    ``voice`` (columns; ``unknown`` when it is missing), with the totals as a last row and
    column named ``all``; no rows for no matches.

    >>> h = pd.DataFrame({"category": ["hedge", "hedge", "booster"], "voice": ["narrative", "quote", "narrative"]})
    >>> hedges_by_voice(h).values.tolist()
    [['booster', 1, 0, 1], ['hedge', 1, 1, 2], ['all', 2, 1, 3]]
    """
    if hedges.empty:
        return pd.DataFrame(columns=["category", "all"])
    categories = hedges["category"].str.replace("_", " ")  # "scare quote", as the report writes it
    table = pd.crosstab(categories, hedges["voice"].fillna("unknown"), margins=True, margins_name="all")
    return table.rename_axis(columns=None).reset_index()


def hedge_chart_alt(by_voice: pd.DataFrame) -> str:
    """The alt text of the hedging bar chart, with the counts of :func:`hedges_by_voice`.

    >>> h = pd.DataFrame({"category": ["hedge", "hedge"], "voice": ["narrative", "quote"]})
    >>> hedge_chart_alt(hedges_by_voice(h)).split(": ")[-1]
    'hedge 1 narrative, 1 quote.'
    """
    rows = by_voice[by_voice["category"] != "all"]
    voices = [c for c in by_voice.columns if c not in ("category", "all")]
    counts = "; ".join(
        f"{row['category']} " + ", ".join(f"{row[voice]} {voice}" for voice in voices) for _, row in rows.iterrows()
    )
    return (
        "Bar chart of hedging matches per category, split by voice (the outlet's narrative or quoted speech)"
        + (f": {counts}" if counts else "")
        + "."
    )


# --------------------------------------------------------------------------- HTML pieces

# Text reads left-aligned; the notebook style right-aligns every table cell.  On a narrow screen a
# wide table scrolls sideways instead of squeezing its text columns to a word per line.
_TABLE_STYLE = (
    ".ma-table{overflow-x:auto;max-width:100%}"
    ".ma-table td,.ma-table th{text-align:left!important;vertical-align:top;max-width:46em}"
    "@media (max-width:700px){.ma-table table{min-width:52em}}"
)


def heading(text: str, level: int = 2, anchor: str | None = None) -> HTMLFragment:
    """An HTML heading with ``text`` escaped (titles and document ids are never markup).

    >>> str(heading("<i>x</i>", 1))
    '<h1>&lt;i&gt;x&lt;/i&gt;</h1>'
    """
    anchor_attribute = f' id="{html.escape(anchor, quote=True)}"' if anchor else ""
    return HTMLFragment(f"<h{level}{anchor_attribute}>{html.escape(text)}</h{level}>")


def note(text: str) -> HTMLFragment:
    """A short paragraph of escaped text, e.g. why a section is empty.

    >>> str(note("No hedges found."))
    '<p class="ma-note-text"><i>No hedges found.</i></p>'
    """
    return HTMLFragment(f'<p class="ma-note-text"><i>{html.escape(text)}</i></p>')


def table_html(frame: pd.DataFrame, empty: str, *, max_chars: int = 160) -> HTMLFragment:
    """A table as escaped HTML, or the note ``empty`` when it has no rows.

    Long text cells are cut to ``max_chars`` characters (ending in "...").

    Examples
    --------
    >>> str(table_html(pd.DataFrame({"a": []}), "No findings."))
    '<p class="ma-note-text"><i>No findings.</i></p>'
    >>> "&lt;b&gt;" in str(table_html(pd.DataFrame({"a": ["<b>"]}), "none"))
    True
    """
    if frame.empty:
        return note(empty)

    def cell(value) -> str:
        if value is None or value is pd.NA or (isinstance(value, float) and value != value):
            return ""
        if isinstance(value, float):
            return _number(value)
        text = str(value)
        return text[: max_chars - 3] + "..." if len(text) > max_chars else text

    shown = frame.astype(object).apply(lambda column: column.map(cell))
    markup = shown.to_html(index=False, escape=True, border=0)
    return HTMLFragment(f"<style>{_TABLE_STYLE}</style><div class=\"ma-table\">{markup}</div>")


def document_index(documents: pd.DataFrame, n: int, columns: list[str]) -> HTMLFragment:
    """A table of the first ``n`` documents, each ``doc_id`` linking to its section ``#doc-K``
    (K = row number, so ids never become markup or anchors).

    >>> d = pd.DataFrame({"doc_id": ["<x>", "b"], "n_words": [3, 4]})
    >>> str(document_index(d, 1, ["n_words"])).count("<tr>")
    2
    """
    head = "".join(f"<th>{html.escape(MEASURE_LABELS.get(c, str(c)))}</th>" for c in ["document", *columns])
    rows = []
    for k, (_, row) in enumerate(documents.head(n).iterrows()):
        cells = "".join(f"<td>{html.escape(_format_value(row[c]))}</td>" for c in columns)
        rows.append(f'<tr><td><a href="#doc-{k}">{html.escape(str(row["doc_id"]))}</a></td>{cells}</tr>')
    table = f'<table class="dataframe"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
    return HTMLFragment(f'<style>{_TABLE_STYLE}</style><div class="ma-table">{table}</div>')


# --------------------------------------------------------------------------- corpus sections (docs/corpus.md)

#: Measures the corpus report compares across groups and over time, with their reader-facing names.
COMPARED_MEASURES = {
    "hedges_per_100w": "hedges per 100 words",
    "boosters_per_100w": "boosters per 100 words",
    "distancing_per_100w": "distancing cues per 100 words",
    "sentiment_narrative": "sentiment of the narrative (documents.sentiment_narrative)",
    "sentiment_quoted": "sentiment of quoted speech (documents.sentiment_quoted)",
    "n_sources": "sources per document",
}


def date_column(documents: pd.DataFrame, corpus: pd.DataFrame) -> str | None:
    """The first metadata column whose values are dates in at least 90% of the documents
    (and on at least two different days), or None.

    >>> corpus = pd.DataFrame({"doc_id": ["a", "b"], "text": ["x", "y"], "date": ["2025-01-02", "2025-03-04"]})
    >>> date_column(corpus.drop(columns="text"), corpus)
    'date'
    """
    for column in metadata_columns(documents, corpus):
        values = documents[column]
        if pd.api.types.is_numeric_dtype(values):
            continue
        dates = pd.to_datetime(values, errors="coerce", format="mixed")
        if dates.notna().mean() >= 0.9 and dates.dt.normalize().nunique() >= 2:
            return column
    return None


def _interval_text(low: float, high: float) -> str:
    if pd.isna(low) or pd.isna(high):
        return "no interval (fewer than two documents)"
    return f"{_number(float(low))} to {_number(float(high))}"


def comparison_table(comparison: pd.DataFrame, measure: str) -> pd.DataFrame:
    """One measure of :func:`analysis.compare_groups` as a reader's table: ``group``, ``documents``,
    ``estimate``, ``95% interval``, ``difference`` (from the rest of the corpus or the reference
    group), ``its 95% interval`` and ``reading`` (in words: higher, lower, or no clear difference).

    >>> c = pd.DataFrame({"group": ["a"], "measure": ["m"], "n_documents": [9], "estimate": [1.5], "ci_low": [1.0],
    ...                   "ci_high": [2.0], "compared_with": ["rest of corpus"], "difference": [0.5],
    ...                   "difference_low": [0.1], "difference_high": [0.9]})
    >>> comparison_table(c, "m")["reading"].tolist()
    ['higher than the rest of corpus']
    """
    rows = comparison[comparison["measure"] == measure]
    readings = []
    for row in rows.itertuples():
        if pd.isna(row.difference_low):
            readings.append("the reference" if row.difference == 0 else "too few documents to tell")
        elif row.difference_low > 0:
            readings.append(f"higher than the {row.compared_with}")
        elif row.difference_high < 0:
            readings.append(f"lower than the {row.compared_with}")
        else:
            readings.append(f"no clear difference from the {row.compared_with}")
    return pd.DataFrame(
        {
            "group": rows["group"].to_numpy(),
            "documents": rows["n_documents"].to_numpy(),
            "estimate": rows["estimate"].to_numpy(),
            "95% interval": [_interval_text(a, b) for a, b in zip(rows["ci_low"], rows["ci_high"])],
            "difference": rows["difference"].to_numpy(),
            "its 95% interval": [_interval_text(a, b) for a, b in zip(rows["difference_low"], rows["difference_high"])],
            "reading": readings,
        }
    )


def comparison_caption(comparison: pd.DataFrame, measure: str, label: str) -> str:
    """What one measure's forest plot shows, in plain words, with how it was pooled.

    >>> c = pd.DataFrame({"group": ["a", "b"], "measure": "m", "pooling": "mean over documents",
    ...                   "n_duplicates_left_out": [0, 2], "difference_low": [0.1, -0.5],
    ...                   "difference_high": [0.4, 0.2], "compared_with": "rest of corpus"})
    >>> comparison_caption(c, "m", "tone").split(". ")[1]
    'Clearly different from the rest of corpus (interval of the difference excluding 0, filled points): a'
    """
    rows = comparison[comparison["measure"] == measure]
    clear = rows[(rows["difference_low"] > 0) | (rows["difference_high"] < 0)]["group"].astype(str).tolist()
    left_out = int(rows["n_duplicates_left_out"].sum())
    compared = rows["compared_with"].iloc[0] if len(rows) else "rest of corpus"
    return (
        f"{label[:1].upper()}{label[1:]} per group ({rows['pooling'].iloc[0] if len(rows) else ''}), each point the "
        f"group's estimate and each bar its 95% bootstrap interval (documents resampled); the dotted line is the "
        f"corpus-wide estimate (the groups' estimates weighted by their documents). "
        f"Clearly different from the {compared} (interval of the difference excluding 0, filled points): "
        f"{', '.join(clear) if clear else 'none'}. "
        f"{left_out} near-duplicate document(s) counted once within their group and left out."
    )


def copied_documents(clusters: pd.DataFrame, pairs: pd.DataFrame, documents: pd.DataFrame, *,
                     by: str | None = None, title: str | None = None) -> pd.DataFrame:
    """The near-duplicate clusters of a corpus, largest first: ``cluster``, ``documents``,
    ``ids`` (in corpus order), ``title`` (of the first document, when ``title`` names a
    column), ``lowest similarity`` and ``highest similarity`` (word 5-gram Jaccard of the
    cluster's pairs, :func:`analysis.near_duplicates`), and with ``by`` the ``groups`` the
    copies appear in and ``across groups`` (whether they span more than one).

    >>> clusters = pd.DataFrame({"doc_id": list("abc"), "cluster": [0, 0, 1], "cluster_size": [2, 2, 1],
    ...                          "representative": ["a", "a", "c"]})
    >>> pairs = pd.DataFrame({"doc_a": ["a"], "doc_b": ["b"], "similarity": [0.9], "containment": [0.95]})
    >>> documents = pd.DataFrame({"doc_id": list("abc"), "outlet": ["X", "Y", "X"], "title": ["T1", "T1", "T2"]})
    >>> copied_documents(clusters, pairs, documents, by="outlet", title="title").values.tolist()
    [[0, 2, 'a, b', 'T1', 0.9, 0.9, 'X, Y', True]]
    """
    shared = clusters[clusters["cluster_size"] > 1]
    cluster_of = shared.set_index("doc_id")["cluster"]
    similarity = pairs.assign(cluster=pairs["doc_a"].map(cluster_of)).groupby("cluster")["similarity"]
    meta = documents.set_index("doc_id")
    grouped = shared.groupby("cluster", sort=True)["doc_id"]
    table = pd.DataFrame({"documents": grouped.size(), "ids": grouped.agg(lambda ids: ", ".join(map(str, ids)))})
    if title:
        table["title"] = grouped.first().map(meta[title])
    table["lowest similarity"] = similarity.min()
    table["highest similarity"] = similarity.max()
    if by:
        groups = grouped.agg(lambda ids: sorted(set(meta.loc[list(ids), by].dropna().astype(str))))
        table["groups"] = groups.map(", ".join)
        table["across groups"] = groups.map(len) > 1
    table = table.reset_index(names="cluster").sort_values(["documents", "cluster"], ascending=[False, True],
                                                          kind="stable")
    return table.reset_index(drop=True)


def copies_between_groups(clusters: pd.DataFrame, documents: pd.DataFrame, by: str) -> pd.DataFrame:
    """How many near-duplicate clusters each pair of groups shares (a group with itself: the
    clusters with two or more of its documents), as a square table with the groups as rows.

    >>> clusters = pd.DataFrame({"doc_id": list("abc"), "cluster": [0, 0, 0], "cluster_size": 3})
    >>> documents = pd.DataFrame({"doc_id": list("abc"), "outlet": ["X", "Y", "Y"]})
    >>> copies_between_groups(clusters, documents, "outlet").values.tolist()
    [['X', 0, 1], ['Y', 1, 1]]
    """
    shared = clusters[clusters["cluster_size"] > 1]
    groups = sorted(documents[by].dropna().astype(str).unique())
    member = shared.assign(group=shared["doc_id"].map(documents.set_index("doc_id")[by].astype(str)))
    counts = pd.DataFrame(0, index=groups, columns=groups)
    for _, cluster in member.groupby("cluster"):
        present = cluster["group"].value_counts()
        for a in present.index:
            for b in present.index:
                if a != b or present[a] > 1:
                    counts.loc[a, b] += 1
    return counts.reset_index(names=by)


def evidence_samples(res: Analysis, by: str | None, *, n: int = 2, seed: int = 0) -> dict[str, pd.DataFrame]:
    """A few keyword-in-context rows (:func:`analysis.keyword_in_context`) behind the report's figures, per
    group: hedges, boosters, distancing cues (of the hedges table) and attributions to named
    sources (of the quotes table, the cue in context), ``n`` of each per group, seeded.

    >>> import analysis
    >>> res = analysis.analyze(["It may rain, Kim said. It is clearly wet."])
    >>> {name: len(rows) for name, rows in evidence_samples(res, None).items()}
    {'hedges': 1, 'boosters': 1, 'distancing cues': 0, 'attributions to named sources': 1}
    """
    from analysis.kwic import keyword_in_context

    hedges = res.hedges
    named_sources = res.sources.loc[res.sources["named"].fillna(False).astype(bool), ["doc_id", "source"]]
    quotes = res.quotes.merge(named_sources, on=["doc_id", "source"]).drop_duplicates(["doc_id", "attribution"])
    tables = {
        "hedges": hedges[hedges["category"] == "hedge"],
        "boosters": hedges[hedges["category"] == "booster"],
        "distancing cues": hedges[hedges["category"] == "distancing"],
        "attributions to named sources": quotes[["doc_id", "cue_start", "cue_end", "source"]],
    }
    samples = {}
    for name, table in tables.items():
        spans = [c for c in table.columns if c.endswith(("start", "end"))]
        columns = ["doc_id", *spans, *(["source"] if "source" in table else [])]
        samples[name] = keyword_in_context(res, table=table[columns], by=by, n=n, seed=seed, width=70)
    return samples


def kwic_html(contexts: pd.DataFrame, empty: str) -> HTMLFragment:
    """Keyword-in-context rows as an escaped HTML table: document, group, the left context
    right-aligned, the match in bold, the right context.

    >>> rows = pd.DataFrame({"doc_id": ["a"], "start": [0], "end": [1], "left": ["<"], "match": ["b"],
    ...                      "right": [" c"]})
    >>> "<b>b</b>" in str(kwic_html(rows, "none")) and "&lt;" in str(kwic_html(rows, "none"))
    True
    """
    if contexts.empty:
        return note(empty)
    head = "<tr><th>document</th>" + ("<th>group</th>" if "group" in contexts else "") + "<th>context</th></tr>"
    body = []
    for row in contexts.itertuples():
        group = f"<td>{html.escape(str(row.group))}</td>" if "group" in contexts else ""
        context = (f'<span style="color:#555">{html.escape(row.left)}</span><b>{html.escape(row.match)}</b>'
                   f'<span style="color:#555">{html.escape(row.right)}</span>')
        body.append(f"<tr><td>{html.escape(str(row.doc_id))}</td>{group}<td>{context}</td></tr>")
    table = f'<table class="dataframe"><thead>{head}</thead><tbody>{"".join(body)}</tbody></table>'
    return HTMLFragment(f'<style>{_TABLE_STYLE}</style><div class="ma-table">{table}</div>')


def sample_documents(documents: pd.DataFrame, by: str | None, n: int, *, seed: int = 0) -> pd.DataFrame:
    """``n`` documents drawn at random (seeded) across the groups of ``by``: the groups take
    turns, in sorted order, each giving its next randomly drawn document, so that every group
    is shown when ``n`` allows; documents that could not be analysed are left out.  Returned in
    corpus order.

    >>> d = pd.DataFrame({"doc_id": list("abcdef"), "outlet": list("xxxxxy"), "error": None})
    >>> sorted(sample_documents(d, "outlet", 2)["outlet"])
    ['x', 'y']
    """
    analysed = documents[documents["error"].isna()]
    shuffled = analysed.sample(frac=1, random_state=seed)
    if by is None:
        chosen = shuffled.head(n)
    else:
        turn = shuffled.groupby(shuffled[by].astype(str), sort=True).cumcount()
        ranked = shuffled.assign(_turn=turn, _group=shuffled[by].astype(str))
        chosen = ranked.sort_values(["_turn", "_group"], kind="stable").head(n).drop(columns=["_turn", "_group"])
    return chosen.loc[sorted(chosen.index)]


def trend_frequency(dates: pd.Series) -> str:
    """The period a corpus's trend is drawn by: weeks for a span under three months, months
    under three years, quarters under ten years, else years.

    >>> trend_frequency(pd.Series(["2025-01-05", "2025-06-30"]))
    'M'
    """
    parsed = pd.to_datetime(dates, errors="coerce", format="mixed").dropna()
    days = (parsed.max() - parsed.min()).days if len(parsed) else 0
    return "W" if days < 92 else "M" if days < 3 * 365 else "Q" if days < 10 * 365 else "Y"


#: The name of each period :func:`trend_frequency` chooses, as the report says it.
PERIOD_NAMES = {"W": "week", "M": "month", "Q": "quarter", "Y": "year"}


def compared_measures(documents: pd.DataFrame) -> dict[str, str]:
    """The measures of :data:`COMPARED_MEASURES` that ``documents`` has, with their labels.

    >>> compared_measures(pd.DataFrame(columns=["doc_id", "n_sources"]))
    {'n_sources': 'sources per document'}
    """
    return {measure: label for measure, label in COMPARED_MEASURES.items() if measure in documents}


def trend_caption(over_time: pd.DataFrame, measure: str, label: str, period: str) -> str:
    """What one measure's trend plot shows: each period's estimate and its number of documents
    (:func:`analysis.trend`'s rows for ``measure``).

    >>> t = pd.DataFrame({"measure": "m", "period": ["2025-01", "2025-02"], "estimate": [1.25, None],
    ...                   "n_documents": [4, 0]})
    >>> trend_caption(t, "m", "hedges per 100 words", "month")
    'Hedges per 100 words by month: 2025-01 1.25 (4 documents); 2025-02 n/a (0 documents)'
    """
    rows = over_time[over_time["measure"] == measure]
    return f"{label[:1].upper()}{label[1:]} by {period}: " + "; ".join(
        f"{p} {_format_value(e)} ({n} documents)" for p, e, n in zip(rows["period"], rows["estimate"],
                                                                     rows["n_documents"])
    )


def source_type_shares(by_type: pd.DataFrame) -> pd.DataFrame:
    """:func:`analysis.sources.source_types` as one row per group and one column per source
    type (in the table's order) holding the share of the group's attributions.

    >>> t = pd.DataFrame({"category": ["a", "a", "b", "b"], "source_type": ["named", "document"] * 2,
    ...                   "attributions": [3, 1, 0, 2], "share": [0.75, 0.25, 0.0, 1.0], "documents": 1})
    >>> source_type_shares(t).values.tolist()
    [['a', 0.75, 0.25], ['b', 0.0, 1.0]]
    """
    shares = by_type.pivot(index=by_type.columns[0], columns="source_type", values="share")
    return shares[list(by_type["source_type"].unique())].rename_axis(columns=None).reset_index()


def top_sources_alt(top: pd.DataFrame) -> str:
    """The alt text of the chart of :func:`top_sources`.

    >>> top_sources_alt(pd.DataFrame({"source": ["Ann Lee"], "quoted_in": [3]}))
    'Bar chart of the most quoted named sources: Ann Lee: quoted in 3 documents'
    """
    return "Bar chart of the most quoted named sources: " + "; ".join(
        f"{s}: quoted in {d} documents" for s, d in zip(top["source"], top["quoted_in"])
    )


def copies_note(copies: pd.DataFrame, n_documents: int, by: str | None) -> str:
    """What the table of :func:`copied_documents` shows: how many clusters, how many documents
    they cover, how many span more than one group of ``by``, and how similarity reads.

    >>> copies = pd.DataFrame({"cluster": [0], "documents": [2], "across groups": [True]})
    >>> copies_note(copies, 10, "outlet").split(". ")[0].split(", ")[-1]
    'covering 2 of 10 documents; 1 of them span more than one outlet'
    """
    covered = int(copies["documents"].sum()) if len(copies) else 0
    return (
        f"{len(copies)} cluster(s) of near-duplicate documents (word 5-gram Jaccard similarity of at least 0.8, "
        f"linked in chains), covering {covered} of {n_documents} documents"
        + (f"; {int(copies['across groups'].sum())} of them span more than one {by}" if by and len(copies) else "")
        + ". Similarity 1 means the same five-word sequences (an exact copy up to punctuation and case). "
        "The comparisons above count each cluster once within a group."
    )


def _missing(value) -> bool:
    return value is None or (pd.api.types.is_scalar(value) and bool(pd.isna(value)))


def document_note(res: Analysis, doc_id: str, meta: list[str]) -> str:
    """The line above one annotated document of a corpus report: its metadata ``meta`` (a
    missing value left out) and its main figures (:data:`MEASURE_LABELS`), as ``name: value``.

    >>> import analysis
    >>> corpus = pd.DataFrame({"doc_id": ["a", "b"], "text": ["Kim spoke. He left.", "Ann ran."],
    ...                        "outlet": ["X", None]})
    >>> res = analysis.analyze(corpus)
    >>> document_note(res, "b", ["outlet"]).split("; ")[:2]
    ['words: 2', 'sentences: 1']
    """
    document = res.documents.loc[res.documents["doc_id"] == doc_id].iloc[0]
    headline = headline_figures(res, doc_id)
    figures = [(c, document[c]) for c in meta if not _missing(document[c])]
    figures += list(headline[headline["figure"].isin(MEASURE_LABELS.values())].itertuples(index=False, name=None))
    return "; ".join(f"{figure}: {value}" for figure, value in figures)


# --------------------------------------------------------------------------- the article section, in plain words

#: One sentence on how to read the prominence score, shown beside every table and figure of it.
PROMINENCE_NOTE = (
    "Prominence (0 to 1) ranks the sources of one article: 40% from the share of the quoted words that are "
    "theirs, 20% from how often they are named, 20% from how early they first appear and 20% from being "
    "named in the opening (lede). Read it as an order within this article, not as a measure of importance "
    "to compare across articles (docs/sources.md)."
)

# How to read each headline figure (keys: the labels of headline_figures).
_FIGURE_NOTES = {
    "words": "words in the text as given, repeated passages included",
    "sentences": "sentences found by the segmenter",
    "sentiment (mean VADER compound, -1..1)": "mean tone of the counted sentences: below -0.05 reads negative, "
    "above 0.05 positive, in between neutral; news is mostly near 0",
    "hedges per 100 words": "words that soften a claim (\"may\", \"reportedly\") per 100 counted words",
    "boosters per 100 words": "words that harden a claim (\"clearly\", \"evidently\") per 100 counted words",
    "share of words in repeated passages": "part of the text that repeats an earlier passage (counted once)",
    "sources": "people, organisations and documents named, quoted or cited",
    VOICE_SENTIMENT_LABELS["sentiment_narrative"]: "mean tone of the outlet's own words, outside quotation marks "
    "(same scale as sentiment)",
    VOICE_SENTIMENT_LABELS["sentiment_quoted"]: "mean tone of the words inside quotation marks "
    "(same scale as sentiment)",
    "quotes found": "pieces of quoted or reported speech (one quotation may have several pieces)",
    "hedges found": "hedging matches of every category, marked on the text above",
    "repeats found": "passages that repeat an earlier one, greyed on the text above",
    "words counted (first occurrences only)": "the words every density and mean is computed on",
}


def _tone(value) -> str:
    """A VADER compound in words: the number to two decimals and VADER's usual reading of it."""
    if value is None or pd.isna(value):
        return "n/a (no scored sentence)"
    value = float(value)
    value = 0.0 if abs(value) < 0.005 else value  # no "-0.00"
    reading = "negative" if value <= -0.05 else "positive" if value >= 0.05 else "neutral"
    return f"{value:+.2f} ({reading})" if value else "0.00 (neutral)"


def article_figures(res: Analysis, doc_id: str) -> pd.DataFrame:
    """The headline figures of one document with a plain-words reading of each:
    ``figure, value, how to read it`` (values as text: tones in words, shares as percentages).

    Examples
    --------
    >>> import analysis
    >>> res = analysis.analyze(pd.DataFrame({"doc_id": ["a"], "text": ["Kim spoke well. He left."]}))
    >>> table = article_figures(res, "a").set_index("figure")
    >>> table.loc["sentiment (mean VADER compound, -1..1)", "value"]
    '+0.14 (positive)'
    >>> table.loc["words", "how to read it"]
    'words in the text as given, repeated passages included'
    """
    document = res.documents.loc[res.documents["doc_id"] == doc_id].iloc[0]
    figures = headline_figures(res, doc_id)
    exact = {
        "sentiment (mean VADER compound, -1..1)": _tone(document.get("sentiment")),
        **{label: _tone(document.get(column)) for column, label in VOICE_SENTIMENT_LABELS.items()},
    }
    share = document.get("duplicate_share")
    if share is not None and pd.notna(share):
        exact["share of words in repeated passages"] = f"{float(share):.0%}"
    values = [exact.get(f, v) for f, v in zip(figures["figure"], figures["value"])]
    notes = [_FIGURE_NOTES.get(f, _density_note(f)) for f in figures["figure"]]
    return pd.DataFrame({"figure": figures["figure"], "value": values, "how to read it": notes})


def _density_note(label: str) -> str:
    if label.endswith(" per 100 words"):
        return f"matches of {label.removesuffix(' per 100 words')} per 100 counted words (docs/hedging.md)"
    return ""


def _yes_no(value) -> str:
    return "" if value is None or pd.isna(value) else ("yes" if bool(value) else "no")


def _first_seen(position) -> str:
    if position is None or pd.isna(position):
        return ""
    share = float(position)
    return "in the first 1%" if share < 0.01 else f"{share:.0%} into the text"


def article_sources(sources: pd.DataFrame, doc_id: str) -> pd.DataFrame:
    """The sources of one document, most prominent first, with plain-words columns and values
    (yes/no, "5% into the text", tones in words, prominence to two decimals).

    Examples
    --------
    >>> import analysis
    >>> res = analysis.analyze(['"It works," said Ann Lee. Bob Day disagreed.'])
    >>> table = article_sources(res.sources, "0")
    >>> table.columns.tolist()[:4], table.iloc[0]["named in the opening"]
    (['source', 'kind', 'role', 'times named'], 'yes')
    """
    table = sources[sources["doc_id"] == doc_id].sort_values("prominence", ascending=False, kind="stable")
    frame = pd.DataFrame({
        "source": table["source"],
        "kind": shown_kind(table),
        "role": table["role"],
        "times named": table["mentions"],
        "attributions": table["quotes"],
        "words attributed": table["quoted_words"],
        "first named": table["first_position"].map(_first_seen),
        "named in the opening": table["in_lede"].map(_yes_no),
        "distancing cues": table["n_distancing"],
        "tone of their words": [_tone(v) if q else "" for v, q in zip(table["sentiment"], table["quotes"])],
        "prominence (0-1)": table["prominence"].map(lambda v: "" if pd.isna(v) else f"{float(v):.2f}"),
    })
    if "affiliation" in table and table["affiliation"].notna().any():
        frame.insert(3, "speaks for", table["affiliation"])
    return frame.reset_index(drop=True)


def article_sources_note(table: pd.DataFrame) -> str:
    """How to read the columns of :func:`article_sources`'s ``table`` (``speaks for`` only when
    it is there), ending with :data:`PROMINENCE_NOTE`.

    >>> note = article_sources_note(pd.DataFrame(columns=["source", "kind"]))
    >>> note.startswith("Kind: a person"), "Speaks for" in note, note.endswith(PROMINENCE_NOTE)
    (True, False, True)
    """
    speaks_for = "Speaks for: what the source speaks for, when the text names it. " if "speaks for" in table else ""
    return (
        "Kind: a person, an organisation, a place or government, a medium, or, for an unnamed source, its type "
        "(anonymous person, generic group, unnamed organisation, document). Attributions: the times words are "
        "attributed to the source (the pieces of one quotation count once). " + speaks_for
        + "Words attributed: the words of those attributions. First named: how far into the text the source first "
        "appears; named in the opening: in the first paragraph or the first two sentences. Distancing cues: "
        'attributions introduced by a distancing verb ("claimed"). Tone: the mean VADER score of their words '
        "(-1 to +1). " + PROMINENCE_NOTE
    )


def article_hedges(hedges: pd.DataFrame, doc_id: str) -> pd.DataFrame:
    """The hedging matches of one document in text order: ``words, category, kind, rule, voice,
    speaker``; rules in words (:func:`analysis.highlight.readable_rule`), never a pattern.

    >>> import analysis
    >>> article_hedges(analysis.detect_hedges(["It may rain."]), "0")[["words", "category", "voice"]].values.tolist()
    [['may', 'hedge', "the outlet's narrative"]]
    """
    rows = hedges[hedges["doc_id"] == doc_id].sort_values(["start", "end"], kind="stable")
    return pd.DataFrame({
        "words": rows["text"],
        "category": rows["category"].str.replace("_", " "),
        "kind": rows["subcategory"].str.replace("_", " "),
        "rule": rows["rule"].map(readable_rule) if "rule" in rows else "",
        "voice": rows["voice"].map({"narrative": "the outlet's narrative", "quote": "quoted speech"}),
        "speaker": rows["speaker"],
    }).reset_index(drop=True)


def article_quotes(quotes: pd.DataFrame, doc_id: str) -> pd.DataFrame:
    """The quotations of one document: ``attribution no., speaker, kind, cue, cue type, stance, content``;
    a missing speaker or cue is said in words.

    >>> import analysis
    >>> article_quotes(analysis.analyze(['"It works," said Ann Lee.']).quotes, "0").iloc[0].tolist()[1:4]
    ['Ann Lee', 'direct', 'said']
    """
    rows = quotes[quotes["doc_id"] == doc_id]
    # A later piece of an attribution carries no cue of its own: it shares the first piece's.
    cued_elsewhere = rows.groupby("attribution")["cue"].transform(lambda cues: cues.notna().any())
    missing = rows["cue"].isna()
    shared = missing & cued_elsewhere.astype(bool)
    cue = rows["cue"].astype(object).where(~missing, "none")
    return pd.DataFrame({
        "attribution no.": rows["attribution"],
        "speaker": rows["source"].fillna("not identified"),
        "kind": rows["kind"],
        "cue": cue.where(~shared, "(same attribution)"),
        "cue type": rows["cue_type"],
        "stance": rows["stance"].astype(object).where(~shared, "(same attribution)"),
        "content": rows["content"],
    }).reset_index(drop=True)


def article_repeats(res: Analysis, doc_id: str) -> pd.DataFrame:
    r"""The repeated passages of one document: ``repeated, where, first occurrence, match, text``,
    places given as paragraph numbers (1 = first) and similarity in words.

    >>> import analysis
    >>> res = analysis.analyze(pd.DataFrame({"doc_id": ["a"], "text": ["One two three four five six.\n\n" * 2]}))
    >>> article_repeats(res, "a").iloc[0][["repeated", "where", "first occurrence", "match"]].tolist()
    ['paragraph', 'paragraph 2', 'paragraph 1', 'identical']
    """
    rows = res.repeats[res.repeats["doc_id"] == doc_id]
    sentences = res.sentences[res.sentences["doc_id"] == doc_id]
    starts = sentences["start"].to_numpy()
    paragraphs = sentences["paragraph"].to_numpy()

    def paragraph_of(position) -> str:
        if position is None or pd.isna(position) or not len(starts):
            return ""
        index = max(int((starts <= int(position)).sum()) - 1, 0)
        return f"paragraph {int(paragraphs[index]) + 1}"

    return pd.DataFrame({
        "repeated": rows["unit"],
        "where": rows["start"].map(paragraph_of),
        "first occurrence": rows["first_start"].map(paragraph_of),
        "match": rows["similarity"].map(lambda v: "identical" if v >= 1 else f"{float(v):.0%} similar"),
        "text": rows["text"],
    }).reset_index(drop=True)


def prominence_alt(sources: pd.DataFrame, doc_id: str) -> str:
    """The alt text of one document's source prominence chart: each source's score, most
    prominent first; empty when the document has no sources.

    >>> s = pd.DataFrame({"doc_id": ["a", "a"], "source": ["Kim", "Lee"], "prominence": [0.25, 0.75]})
    >>> prominence_alt(s, "a").split(": ")[1], prominence_alt(s, "b")
    ('Lee 0.75; Kim 0.25.', '')
    """
    shown = sources[sources["doc_id"] == doc_id].sort_values("prominence", ascending=False, kind="stable")
    if shown.empty:
        return ""
    return (
        "Bar chart of each source's prominence score, 0 to 1, most prominent first: "
        + "; ".join(f"{s} {p:.2f}" for s, p in zip(shown["source"], shown["prominence"]))
        + "."
    )


def framing_alt(framing: pd.DataFrame) -> str:
    """The alt text of the framing chart: per source of :func:`analysis.framing`, its attributions
    by the stance of their cue, those with their evidence challenged, and the scare quotes in them.

    >>> f = pd.DataFrame({"source": ["Kim"], "n_neutral": [2], "n_distancing": [1], "n_concessive": [0],
    ...                   "n_endorsing": [0], "n_evidence_challenged": [1], "n_scare_quotes": [0]})
    >>> framing_alt(f).split(": ")[-1]
    '2 neutral, 1 distancing, 0 concessive, 0 endorsing, 1 challenged, 0 scare quotes.'
    """
    return (
        "Bar chart per quoted source of attributions with a neutral, distancing, concessive or endorsing cue, "
        "with their evidence challenged, and of scare quotes in them: "
        + "; ".join(
            f"{r.source}: {r.n_neutral} neutral, {r.n_distancing} distancing, {r.n_concessive} concessive, "
            f"{r.n_endorsing} endorsing, {r.n_evidence_challenged} challenged, {r.n_scare_quotes} scare quotes"
            for r in framing.itertuples()
        )
        + "."
    )
