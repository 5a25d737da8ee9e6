"""The report: analyse, write the tables, execute the report notebook, render HTML.

:func:`write_report` is what ``python -m analysis report`` runs.  Into OUTDIR it writes

- the six result tables as ``<name>.csv`` (and ``<name>.parquet`` when pyarrow is
  installed), floats written with :data:`FLOAT_FORMAT` so the same input gives the same
  bytes on every run;
- ``provenance.json``: package and library versions, the SHA-256 of the input and of
  every lexicon file, the parameters, and the SHA-256 of every CSV written;
- ``report.ipynb``: ``notebooks/report.ipynb`` executed with papermill on these tables;
- ``report.html``: that notebook rendered by nbconvert, code hidden, self-contained
  (styles and figures inline, no scripts fetched from the web).

Every file name is fixed: nothing from the input (document ids, the title) becomes a
path, so outputs always stay inside OUTDIR.  The helpers at the end (headline figures,
rankings, tables as HTML) are what the report notebook calls, so that the notebook holds
no logic of its own.
"""

from __future__ import annotations

import contextlib
import hashlib
import html
import json
import os
import platform
import sys
import tempfile
from importlib import metadata
from importlib.util import find_spec
from pathlib import Path

import pandas as pd

from analysis import resources, schema
from analysis.corpus import TEXT_SUFFIXES, load_corpus
from analysis.highlight import HTMLFragment, readable_rule
from analysis.pipeline import TABLE_NAMES, Analysis, analyze
from analysis.sources.summary import top_sources

__all__ = [
    "FLOAT_FORMAT",
    "NOTEBOOK",
    "write_report",
    "write_tables",
    "read_tables",
    "load_analysis",
    "input_checksum",
    "provenance",
    "render_html",
    "headline_figures",
    "voice_sentiment",
    "ranked_documents",
    "top_sources",
    "measure_labels",
    "metadata_columns",
    "grouping_columns",
    "MEASURE_LABELS",
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
]

#: Floats in the CSV tables: 6 significant digits (VADER itself reports 4 decimals), so that
#: the files are byte-identical across runs and platforms and still exact enough to recompute.
FLOAT_FORMAT = "%.6g"

#: The report notebook executed by :func:`write_report` (part of a source checkout).
NOTEBOOK = Path(__file__).resolve().parent.parent / "notebooks" / "report.ipynb"

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


def write_tables(res: Analysis, outdir: Path) -> list[Path]:
    """Write each result table as ``<name>.csv`` (and ``<name>.parquet`` with pyarrow) in ``outdir``.

    CSVs use ``\\n`` line ends and :data:`FLOAT_FORMAT`, so equal results give equal bytes.

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
        path = outdir / f"{name}.csv"
        table.to_csv(path, index=False, lineterminator="\n", float_format=FLOAT_FORMAT)
        written.append(path)
        if with_parquet:
            written.append(outdir / f"{name}.parquet")
            table.to_parquet(written[-1], index=False)
    return written


def read_tables(outdir: Path) -> dict[str, pd.DataFrame]:
    """The six tables written by :func:`write_tables`, from Parquet when present (exact dtypes),
    else from CSV with the contract's dtypes.

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
        table = pd.read_csv(outdir / f"{name}.csv", dtype={"doc_id": str}, keep_default_na=False, na_values=[""])
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


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


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
        return _sha256_file(path)
    digest = hashlib.sha256()
    files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES)
    for file in files:
        digest.update(f"{file.relative_to(path).as_posix()}\0{_sha256_file(file)}\n".encode())
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
        "tables": {path.name: _sha256_file(path) for path in tables if path.suffix == ".csv"},
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
    from jinja2 import DictLoader
    from nbconvert import HTMLExporter

    nb = nbformat.read(notebook, as_version=4)
    for cell in nb.cells:
        if cell.get("outputs"):
            cell.outputs = [o for o in cell.outputs if not (o.output_type == "stream" and o.name == "stderr")]
    exporter = HTMLExporter(
        template_name="lab",
        extra_loaders=[DictLoader({_TEMPLATE_NAME: _TEMPLATE})],
        template_file=_TEMPLATE_NAME,
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    )
    body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": title}})
    html_path.write_text(body, encoding="utf-8")
    return html_path


@contextlib.contextmanager
def _quiet_kernel():
    """Send what the notebook kernel process writes to its standard error (start-up warnings,
    a "KeyboardInterrupt caught" line at shut-down) to a discarded file: it is noise to a
    user, and errors in the notebook reach us as exceptions anyway.  The kernel inherits
    file descriptor 2, so that is what is redirected, for the duration of the run only."""
    sys.stderr.flush()
    saved = os.dup(2)
    with tempfile.TemporaryFile() as sink:
        os.dup2(sink.fileno(), 2)
        try:
            yield
        finally:
            sys.stderr.flush()
            os.dup2(saved, 2)
            os.close(saved)


def _outdir(outdir) -> Path:
    outdir = Path(outdir)
    if outdir.exists() and not outdir.is_dir():
        raise ValueError(f"output folder {outdir} exists and is not a folder")
    return outdir


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

    Parameters
    ----------
    source : str or pathlib.Path
        A path :func:`analysis.load_corpus` accepts: a .txt/.md file, a folder of them, a
        .csv/.jsonl/.json/.parquet table.
    outdir : str or pathlib.Path, default "reports"
        Output folder, created if missing.  Only fixed file names are written in it.
    title : str, optional
        Report title (shown as text, never as markup); default "media-analysis report: NAME".
    text_col, id_col : str
        Passed to :func:`analysis.load_corpus`.
    dedupe : bool, default True
        Passed to :func:`analysis.analyze`: count repeated passages once.
    n_jobs : int, default 1
        Worker processes for the analysis.
    max_annotated : int, default 10
        A corpus report shows the annotated text of its first ``max_annotated`` documents.
    progress : bool, default True
        Show a progress bar on standard error while a corpus (two or more documents) is analysed.

    Returns
    -------
    dict
        ``tables`` (list of paths), ``provenance``, ``notebook``, ``html`` (paths) and
        ``analysis`` (the :class:`analysis.Analysis`).

    Raises
    ------
    FileNotFoundError
        When ``source`` does not exist.
    ValueError
        When ``source`` holds no documents, lacks the text column, or ``outdir`` is a file.

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
    outdir = _outdir(outdir)
    if max_annotated < 0:
        raise ValueError(f"max_annotated must be 0 or more, found {max_annotated}")
    if not NOTEBOOK.exists():
        raise FileNotFoundError(f"report notebook not found at {NOTEBOOK}; run from a source checkout")
    docs = load_corpus(source, text_col=text_col, id_col=id_col)
    if docs.empty:
        raise ValueError(f"{source}: expected at least one document, found none")
    title = f"media-analysis report: {source.name}" if title is None else title
    show_bar = progress and len(docs) > 1
    with tqdm(total=len(docs), unit="doc", desc="analysing", file=sys.stderr, disable=not show_bar) as bar:
        res = analyze(docs, dedupe=dedupe, n_jobs=n_jobs, progress=bar.update)
    tables = write_tables(res, outdir)
    parameters = {
        "title": title,
        "text_col": text_col,
        "id_col": id_col,
        "dedupe": dedupe,
        "max_annotated": max_annotated,
    }
    record = provenance(source, parameters, tables)
    provenance_path = outdir / "provenance.json"
    provenance_path.write_text(json.dumps(record, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    import papermill  # slow to import (nbformat's schema validators): only once the input is known good

    notebook = outdir / "report.ipynb"
    with _quiet_kernel():
        papermill.execute_notebook(
            str(NOTEBOOK),
            str(notebook),
            parameters={"input_path": str(source.resolve()), "tables_dir": str(outdir.resolve()), **parameters},
            kernel_name="python3",
            cwd=str(outdir),
            progress_bar=False,
        )
    html_path = render_html(notebook, outdir / "report.html", title)
    return {"tables": tables, "provenance": provenance_path, "notebook": notebook, "html": html_path, "analysis": res}


# --------------------------------------------------------------------------- helpers for the notebook


def _number(value: float) -> str:
    """Three significant digits, whole numbers and large values without an exponent."""
    if value.is_integer() or abs(value) >= 1000:
        return f"{value:,.0f}"
    return f"{value:.3g}"


def _format_value(value, max_chars: int = 80) -> str:
    if value is None or pd.isna(value):
        return "n/a"
    if isinstance(value, float):
        return _number(value)
    text = str(value)
    return text[: max_chars - 3] + "..." if len(text) > max_chars else text


def voice_sentiment(sentences: pd.DataFrame) -> pd.DataFrame:
    """Mean VADER compound by document and voice, over counted (non-duplicate) sentences.

    Returns columns ``doc_id, voice, sentences, compound`` (``compound`` NaN when no
    sentence of that voice has a score).

    Examples
    --------
    >>> s = pd.DataFrame({"doc_id": ["a"] * 3, "voice": ["quote", "narrative", "quote"],
    ...                   "compound": [0.5, -0.2, 0.1], "is_duplicate": [False, False, True]})
    >>> voice_sentiment(s).values.tolist()
    [['a', 'narrative', 1, -0.2], ['a', 'quote', 1, 0.5]]
    """
    counted = sentences[~sentences["is_duplicate"].fillna(False).astype(bool)]
    grouped = counted.groupby(["doc_id", "voice"], sort=True)["compound"]
    return pd.DataFrame({"sentences": grouped.size(), "compound": grouped.mean()}).reset_index()


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
    voices = voice_sentiment(res.sentences[res.sentences["doc_id"] == doc_id]).set_index("voice")["compound"]
    for voice in ("narrative", "quote"):
        rows.append((f"sentiment of {voice} sentences", _format_value(voices.get(voice))))
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
    names (``meta_`` prefixed on a clash), leaving out ``path`` and a column repeating ``doc_id``.

    >>> corpus = pd.DataFrame({"doc_id": ["a1"], "text": ["x"], "id": ["a1"], "category": ["y"]})
    >>> documents = pd.DataFrame({"doc_id": ["a1"], "n_words": [1], "id": ["a1"], "category": ["y"]})
    >>> metadata_columns(documents, corpus)
    ['category']
    """
    names = [c if f"meta_{c}" not in documents.columns else f"meta_{c}" for c in corpus.columns]
    ids = documents["doc_id"].astype(str)
    return [
        c
        for c in names
        if c in documents.columns
        and c not in ("doc_id", "text", "path")
        and not documents[c].astype(str).equals(ids)  # the id column, shown already
    ]


def grouping_columns(documents: pd.DataFrame, corpus: pd.DataFrame, max_groups: int = 30) -> list[str]:
    """Metadata columns to break the corpus down by: non-float columns with 2 to ``max_groups``
    distinct values (an outlet, a category, a year), fewer than there are documents (an id
    or a headline is not a group).

    Examples
    --------
    >>> corpus = pd.DataFrame({"doc_id": list("abcd"), "text": list("wxyz"), "category": list("xxyy"),
    ...                        "title": list("pqrs")})
    >>> documents = corpus.drop(columns="text").assign(n_words=1)
    >>> grouping_columns(documents, corpus, max_groups=3)
    ['category']
    """
    return [
        c
        for c in metadata_columns(documents, corpus)
        if not pd.api.types.is_float_dtype(documents[c])
        and 2 <= documents[c].nunique() <= max_groups
        and documents[c].nunique() < len(documents)
    ]


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
    "sentiment of narrative sentences": "mean tone of the outlet's own sentences (same scale as sentiment)",
    "sentiment of quote sentences": "mean tone of quoted sentences (same scale as sentiment)",
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
    voices = voice_sentiment(res.sentences[res.sentences["doc_id"] == doc_id]).set_index("voice")["compound"]
    exact = {
        "sentiment (mean VADER compound, -1..1)": _tone(document.get("sentiment")),
        "sentiment of narrative sentences": _tone(voices.get("narrative")),
        "sentiment of quote sentences": _tone(voices.get("quote")),
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
    generic = table.get("generic_type", table["kind"])
    kind = [g if isinstance(g, str) and g else k for k, g in zip(table["kind"], generic)]
    frame = pd.DataFrame({
        "source": table["source"],
        "kind": kind,
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
