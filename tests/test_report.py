"""The report: tables, provenance, the executed notebook and its HTML, reproducibility and safety."""

import ast
import hashlib
import json
import re
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from papermill.translators import PythonTranslator

import analysis
from analysis import plots, report, resources

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "raw" / "kcna_dprk_troops_russia.txt"
HOSTILE_TITLE = '"); import os; os.system("touch pwned"); (" <script>alert(1)</script> ../../x'
TABLES = ["documents", "sentences", "hedges", "repeats", "quotes", "sources"]


@pytest.fixture(scope="module")
def sample_report(tmp_path_factory):
    """The sample article's report, built once for this module (it executes the notebook)."""
    outdir = tmp_path_factory.mktemp("report") / "out"
    result = report.write_report(SAMPLE, outdir, title=HOSTILE_TITLE, max_annotated=3)
    return outdir, result


def test_report_writes_tables_provenance_notebook_and_html_inside_outdir(sample_report):
    outdir, result = sample_report
    expected = {f"{t}.{ext}" for t in TABLES for ext in ("csv", "parquet")}
    expected |= {"provenance.json", "report.ipynb", "report.html"}
    written = {p.relative_to(outdir).as_posix() for p in outdir.rglob("*")}
    assert written == expected  # fixed names only: nothing from the title or ids becomes a path
    assert not (outdir.parent / "pwned").exists() and not Path("pwned").exists()
    assert result["html"] == outdir / "report.html"
    documents = pd.read_csv(outdir / "documents.csv")
    assert documents.loc[0, "n_words"] == result["analysis"].documents.loc[0, "n_words"] > 800


def test_title_stays_a_string_in_the_notebook_and_text_in_the_html(sample_report):
    outdir, _ = sample_report
    nb = nbformat.read(outdir / "report.ipynb", as_version=4)
    injected = next(c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", []))
    values = {
        node.targets[0].id: ast.literal_eval(node.value)
        for node in ast.parse(injected.source).body
        if isinstance(node, ast.Assign)
    }
    assert values["title"] == HOSTILE_TITLE
    assert all(not c.get("outputs") or all(o.output_type != "error" for o in c.outputs) for c in nb.cells)
    page = (outdir / "report.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_html_is_self_contained_with_code_hidden(sample_report):
    outdir, _ = sample_report
    page = (outdir / "report.html").read_text(encoding="utf-8")
    assert "<script src=" not in page and 'href="http' not in page
    assert "report.load_analysis" not in page  # code cells are hidden
    assert "The annotated article" in page and "Mandatory credit" in page
    assert "Provenance" in page


def test_provenance_records_versions_checksums_and_parameters(sample_report):
    outdir, _ = sample_report
    record = json.loads((outdir / "provenance.json").read_text(encoding="utf-8"))
    assert record["version"] == analysis.__version__
    assert record["input"]["sha256"] == hashlib.sha256(SAMPLE.read_bytes()).hexdigest()
    assert record["lexicons"] == resources.checksums()
    assert record["parameters"] == {"title": HOSTILE_TITLE, "text_col": "text", "id_col": None, "dedupe": True,
                                    "max_annotated": 3}
    for name, digest in record["tables"].items():
        assert hashlib.sha256((outdir / name).read_bytes()).hexdigest() == digest


def test_same_input_gives_byte_identical_tables(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    report.write_tables(analysis.analyze(SAMPLE), first)
    report.write_tables(analysis.analyze(SAMPLE), second)
    names = sorted(p.name for p in first.iterdir())
    assert len(names) == 12
    for name in names:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_floats_are_written_with_six_significant_digits(tmp_path):
    res = analysis.analyze(["One two three."])
    res.documents["duplicate_share"] = 2 / 3
    report.write_tables(res, tmp_path)
    assert "0.666667" in (tmp_path / "documents.csv").read_text() and "0.6666666" not in (
        tmp_path / "documents.csv").read_text()


def test_tables_read_back_with_their_dtypes(tmp_path):
    res = analysis.analyze(pd.DataFrame({"doc_id": ["a", "b"], "text": ["Kim spoke. He left.", ""],
                                         "outlet": ["X", "Y"]}))
    report.write_tables(res, tmp_path)
    for name, table in report.read_tables(tmp_path).items():
        pd.testing.assert_frame_equal(table, getattr(res, name))
    for parquet in tmp_path.glob("*.parquet"):
        parquet.unlink()
    from_csv = report.read_tables(tmp_path)
    assert from_csv["sentences"]["start"].dtype == "Int64" and from_csv["documents"]["error"].dtype == "string"
    assert from_csv["sentences"]["text"].tolist() == res.sentences["text"].tolist()


def test_outdir_that_is_a_file_is_refused(tmp_path):
    target = tmp_path / "file.txt"
    target.write_text("x")
    with pytest.raises(ValueError, match="not a folder"):
        report.write_report(SAMPLE, target)


@settings(max_examples=200)
@given(st.text())
def test_papermill_injects_any_title_as_a_python_string_literal(title):
    # papermill writes parameters as Python literals; whatever the title, it must read back unchanged
    assert ast.literal_eval(PythonTranslator.translate(title)) == title


def test_headline_figures_name_every_measure_and_mark_missing_values():
    res = analysis.analyze(pd.DataFrame({"doc_id": ["a"], "text": ['Kim spoke. "It is fine," he said.']}))
    figures = report.headline_figures(res, "a").set_index("figure")["value"]
    assert figures["words"] == "7" and figures["sentences"] == "2"
    quoted = report.VOICE_SENTIMENT_LABELS["sentiment_quoted"]
    assert {"hedges per 100 words", "sources", "quotes found", quoted} <= set(figures.index)
    # One definition of sentiment by voice: the documents table's, named as such.
    assert "documents.sentiment_quoted" in quoted
    assert figures[quoted] == report._format_value(res.documents["sentiment_quoted"].iloc[0])


def test_tables_render_escaped_or_as_a_short_note_when_empty():
    assert "No quotes." in str(report.table_html(analysis.analyze(["x"]).quotes, "No quotes."))
    markup = str(report.table_html(pd.DataFrame({"text": ["<b>bold</b>", "x" * 500], "n": [1.23456, 2500.0]}),
                                   "none"))
    assert "&lt;b&gt;bold&lt;/b&gt;" in markup and "x" * 200 not in markup
    assert "1.23" in markup and "2,500" in markup


def test_document_index_links_by_position_and_escapes_ids():
    documents = pd.DataFrame({"doc_id": ['"><script>x</script>', "b"], "n_words": [10, 20]})
    markup = str(report.document_index(documents, 2, ["n_words"]))
    assert 'href="#doc-0"' in markup and 'href="#doc-1"' in markup and "<script>" not in markup


def test_figures_become_html_with_alt_text():
    ax = plots.distribution(pd.DataFrame({"n_words": [100, 200, 200, 300]}), "n_words", "words")
    markup = str(plots.as_html(ax, alt="Histogram of words <per> document", caption="Words"))
    assert 'alt="Histogram of words &lt;per&gt; document"' in markup
    assert 'src="data:image/png;base64,' in markup and "<figcaption>Words</figcaption>" in markup


def test_corpus_helpers_rank_group_and_summarise():
    corpus = pd.DataFrame({"doc_id": list("abcdef"), "text": ["..."] * 6, "category": list("xxyyzz"),
                           "title": list("pqrstu")})
    res = analysis.analyze(corpus)
    documents = res.documents.assign(n_words=[100] * 5 + [10], n_words_counted=[100] * 5 + [10],
                                     hedges_per_100w=[1, 5, 3, 0, 2, 50])
    ranked = report.ranked_documents(documents, "hedges_per_100w", 2, extra=["category"])
    assert ranked["doc_id"].tolist() == ["b", "c", "d", "a"]  # "f" is too short to rank
    assert ranked["category"].tolist() == ["x", "y", "y", "x"]
    assert report.metadata_columns(documents, corpus) == ["category", "title"]
    assert report.grouping_columns(documents, corpus) == ["category"]
    sources = pd.DataFrame({"doc_id": ["a", "b", "a", "b"], "source": ["Kim", "Kim", "Putin", "spokesman"],
                            "kind": ["person", "person", "person", "anonymous"], "named": [True, True, True, False],
                            "source_key": ["Kim", "Kim", "Putin", None], "mentions": [1, 2, 1, 1],
                            "quotes": [1, 1, 0, 4], "quoted_words": [5, 6, 0, 9], "prominence": [0.5, 0.7, 0.2, 0.9]})
    top = report.top_sources(sources)
    assert top["source"].tolist() == ["Kim", "Putin"] and top["documents"].tolist() == [2, 1]
    assert top["quoted_in"].tolist() == [2, 0]  # the generic "spokesman" is no source across documents


def _run_notebook_in_process(monkeypatch, parameters: dict) -> list[str]:
    """Execute report.ipynb's code cells here (no kernel: fast), collecting what they display."""
    import IPython.display

    shown = []
    monkeypatch.setattr(IPython.display, "display", lambda *objects, **kw: shown.extend(map(str, objects)))
    namespace: dict = {}
    for cell in nbformat.read(report.NOTEBOOK, as_version=4).cells:
        if cell.cell_type == "code":
            exec(cell.source, namespace)  # the project's own notebook
            if "parameters" in cell.metadata.get("tags", []):
                namespace.update(parameters)
    return shown


def test_report_notebook_corpus_sections_run_on_a_small_corpus(monkeypatch, tmp_path):
    articles = [
        ("a", "politics", "The minister may resign. <script>alert(1)</script> Officials reportedly met.\n\nTrue."),
        ("b", "politics", "The vote clearly passed. About 300 people attended, the council said."),
        ("c", "sport", "The team won. The coach said it was a great day for the club and its fans."),
        ("d", "sport", "The striker might leave, perhaps in January. The club allegedly made an offer."),
    ]
    path = tmp_path / "corpus.csv"
    pd.DataFrame(articles, columns=["doc_id", "outlet", "text"]).to_csv(path, index=False)
    report.write_tables(analysis.analyze(analysis.load_corpus(path)), tmp_path)
    shown = "\n".join(_run_notebook_in_process(monkeypatch, {
        "input_path": str(path), "tables_dir": str(tmp_path), "title": "Corpus", "max_annotated": 2}))
    assert "The corpus at a glance" in shown and "How the groups differ (by outlet)" in shown
    assert "Who speaks in each outlet" in shown and "What is copied" in shown and "Read the evidence" in shown
    assert "Most and least hedged documents" in shown and 'href="#doc-1"' in shown and 'id="doc-1"' in shown
    assert 'id="doc-2"' not in shown  # only max_annotated documents are annotated
    assert "sampled across each outlet" in shown
    assert "<img alt=" in shown and "Provenance" in shown
    assert "<script>alert(1)" not in shown and "&lt;script&gt;alert(1)&lt;/script&gt;" in shown


# --------------------------------------------------------------------------- what the notebook calls

NEWS = [
    ("n1", "Harbour Post", "2025-01-03", "Port fees rise",
     'The port may raise its fees, officials said. "It is clearly necessary," said Ann Lee, the port director. '
     "Traders claimed the rise was unfair.\n\nAbout 40 firms use the port."),
    ("n2", "Harbour Post", None, "Ferry late again",
     "The ferry was late again on Monday. A spokesman said the engine had reportedly failed."),
    ("n3", "Valley Times", "2025-02-10", "Council approves budget",
     'The council approved the budget. "We had no choice," said Tom Reyes, the mayor. It may cut bus routes.'),
    ("n4", "Valley Times", "2025-02-11", "Council approves budget",
     'The council approved the budget. "We had no choice," said Tom Reyes, the mayor. It may cut bus routes.'),
]


@pytest.fixture(scope="module")
def news():
    corpus = analysis.load_corpus(pd.DataFrame(NEWS, columns=["doc_id", "outlet", "date", "title", "text"]))
    return corpus, analysis.analyze(corpus)


def test_measure_summary_is_over_documents(news):
    _, res = news
    summary = report.measure_summary(res.documents).set_index("measure")
    words = res.documents["n_words"]
    assert summary.loc["words"].tolist() == [4, words.mean(), words.median(), words.min(), words.max()]
    assert list(summary.index) == list(report.measure_labels(res.documents).values())


def test_failed_documents_lists_only_documents_with_an_error():
    documents = pd.DataFrame({"doc_id": ["a", "b", "c"], "error": [None, "no text", None]})
    assert report.failed_documents(documents).to_dict("records") == [{"doc_id": "b", "error": "no text"}]


def test_hedges_by_voice_counts_each_match_once_with_totals(news):
    _, res = news
    table = report.hedges_by_voice(res.hedges).set_index("category")
    expected = res.hedges.groupby(["category", "voice"]).size()
    for (category, voice), n in expected.items():
        assert table.loc[category, voice] == n
    assert table.loc["all", "all"] == len(res.hedges) and table["all"].drop("all").sum() == len(res.hedges)
    alt = report.hedge_chart_alt(report.hedges_by_voice(res.hedges))
    assert f"hedge {table.loc['hedge', 'narrative']} narrative" in alt
    assert report.hedges_by_voice(res.hedges.iloc[:0]).empty
    assert report.hedge_chart_alt(report.hedges_by_voice(res.hedges.iloc[:0])).endswith("quoted speech).")


def test_source_type_shares_give_each_groups_attributions_summing_to_one(news):
    _, res = news
    shares = report.source_type_shares(analysis.sources.source_types(res, by="outlet")).set_index("outlet")
    assert sorted(shares.index) == ["Harbour Post", "Valley Times"]
    assert shares.sum(axis=1).round(9).tolist() == [1.0, 1.0]
    assert list(shares.columns)[0] == "named"


def test_document_note_leaves_out_missing_metadata(news):
    _, res = news
    ferry = report.document_note(res, "n2", ["outlet", "date", "title"])
    assert ferry.startswith("outlet: Harbour Post; title: Ferry late again; words: ")
    assert "nan" not in ferry and "None" not in ferry and "date" not in ferry
    assert report.document_note(res, "n1", ["outlet", "date"]).startswith("outlet: Harbour Post; date: 2025-01-03")


def test_copies_note_counts_the_clusters_and_documents_they_cover(news):
    corpus, res = news
    clusters = analysis.duplicate_clusters(corpus)
    copies = report.copied_documents(clusters, analysis.near_duplicates(corpus), res.documents, by="outlet")
    text = report.copies_note(copies, len(res.documents), "outlet")
    assert text.startswith("1 cluster(s) of near-duplicate documents") and "covering 2 of 4 documents" in text
    assert "0 of them span more than one outlet" in text
    assert "span" not in report.copies_note(copies, len(res.documents), None)


def test_trend_caption_gives_each_periods_estimate_and_documents(news):
    _, res = news
    over_time = analysis.trend(res, "date", "M", measures=["n_sources"], seed=0)
    caption = report.trend_caption(over_time, "n_sources", "sources per document", report.PERIOD_NAMES["M"])
    assert caption.startswith("Sources per document by month: ")
    assert caption.count(" documents)") == len(over_time) and "(1 documents)" in caption


def test_alt_texts_name_every_source_with_its_figure(news):
    _, res = news
    prominence = report.prominence_alt(res.sources, "n1")
    shown = res.sources[res.sources["doc_id"] == "n1"]
    assert all(f"{s} {p:.2f}" in prominence for s, p in zip(shown["source"], shown["prominence"]))
    assert report.prominence_alt(res.sources, "no such document") == ""
    framing = analysis.framing_by_source(res.quotes, res.hedges)
    alt = report.framing_alt(framing[framing["doc_id"] == "n1"])
    assert "Ann Lee: " in alt and alt.endswith("scare quotes.")
    top = report.top_sources(res.sources)
    alt = report.top_sources_alt(top)
    assert len(top) and all(f"{s}: quoted in {d} documents" in alt for s, d in zip(top.source, top.quoted_in))


def test_article_sources_note_explains_the_columns_the_table_has():
    res = analysis.analyze(['"Rates will fall," said Mike Powell of Dresdner Kleinwort Wasserstein. Ann Lee left.'])
    table = report.article_sources(res.sources, "0")
    assert "speaks for" in table and "Speaks for: " in report.article_sources_note(table)
    plain = report.article_sources(analysis.analyze(['"It works," said Ann Lee.']).sources, "0")
    assert "speaks for" not in plain and "Speaks for" not in report.article_sources_note(plain)
    assert report.article_sources_note(plain).endswith(report.PROMINENCE_NOTE)


def test_provenance_table_has_a_row_per_fact(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Kim said it may rain.", encoding="utf-8")
    record = report.provenance(article, {"dedupe": True, "title": "T"}, [])
    table = report.provenance_table(record).set_index("what")["value"]
    assert table["input SHA-256"] == record["input"]["sha256"] and table["parameter title"] == '"T"'
    assert len(table) == 3 + len(record["parameters"]) + len(record["libraries"]) + len(record["lexicons"])


def test_overview_note_sums_words_and_sentences(news):
    _, res = news
    line = report.overview_note(res.documents, dedupe=False)
    assert line.startswith(f"4 document(s), {res.documents.n_words.sum():,} words, ")
    assert "repeated passages counted every time" in line and analysis.__version__ in line


def test_report_notebook_shows_no_missing_value_as_nan(monkeypatch, tmp_path, news):
    corpus, res = news
    path = tmp_path / "news.csv"
    corpus.to_csv(path, index=False)
    report.write_tables(res, tmp_path)
    shown = "\n".join(_run_notebook_in_process(monkeypatch, {
        "input_path": str(path), "tables_dir": str(tmp_path), "title": "News", "max_annotated": 4}))
    assert "Document n2" in shown and not re.search(r"\bnan\b", shown, flags=re.IGNORECASE)
    assert "Hedging matches by hedging category (rows) and by voice" in shown


TEACHING = Path(__file__).resolve().parents[1] / "data" / "teaching_corpus_invented.csv"


def test_report_notebook_on_the_teaching_corpus_answers_its_questions(monkeypatch, tmp_path):
    corpus = analysis.load_corpus(TEACHING)
    report.write_tables(analysis.analyze(corpus), tmp_path)
    shown = "\n".join(_run_notebook_in_process(monkeypatch, {
        "input_path": str(TEACHING), "tables_dir": str(tmp_path), "title": "Teaching", "max_annotated": 3}))
    assert "How the groups differ (by outlet)" in shown and "Over time (by month of date)" in shown
    # The hedging outlet is the one the forest plot caption names as clearly different.
    assert "Clearly different from the rest of corpus (interval of the difference excluding 0, filled points): " \
           "Harbour Gazette." in shown
    assert "4 cluster(s) of near-duplicate documents" in shown and "4 of them span more than one outlet" in shown
    assert "Rail fares across the region rise" in shown  # clusters are listed with their titles
    # Three annotated documents, one from each outlet.
    annotated = [line for line in shown.split("<h3") if "Document " in line and "doc-" in line]
    assert len(annotated) == 3 and {a.split("Document ")[1][:2] for a in annotated} == {"hg", "nc", "vp"}


# --------------------------------------------------------------------------- never destroy, complete or absent


def _fast_notebook(monkeypatch):
    """papermill stand-in: the report notebook copied unexecuted (the writing path is under test, not the
    notebook); returns the list of the folders it was asked to run in."""
    import shutil

    import papermill

    runs = []

    def execute(source, target, parameters, cwd, **_):
        runs.append(Path(cwd))
        shutil.copyfile(source, target)

    monkeypatch.setattr(papermill, "execute_notebook", execute)
    return runs


def test_the_report_refuses_to_write_over_its_own_input(tmp_path, monkeypatch):
    _fast_notebook(monkeypatch)
    outdir = tmp_path / "od"
    outdir.mkdir()
    corpus = outdir / "documents.csv"  # the user's corpus, under a name the report writes
    corpus.write_text("doc_id,text\na,Kim said it may rain.\nb,Lee left.\n")
    before = corpus.read_bytes()
    with pytest.raises(ValueError, match="inside the output folder"):
        report.write_report(corpus, outdir)
    assert corpus.read_bytes() == before and sorted(p.name for p in outdir.iterdir()) == ["documents.csv"]
    report.write_report(SAMPLE, tmp_path / "earlier")
    with pytest.raises(ValueError, match="inside the output folder"):  # an earlier report's table as the input
        report.write_report(tmp_path / "earlier" / "documents.csv", tmp_path / "earlier", text_col="doc_id")


def test_the_report_refuses_a_folder_holding_files_it_did_not_write(tmp_path, monkeypatch):
    _fast_notebook(monkeypatch)
    outdir = tmp_path / "od"
    outdir.mkdir()
    (outdir / "notes.txt").write_text("mine")
    with pytest.raises(ValueError, match=r"holds files a report did not write \(notes.txt\)"):
        report.write_report(SAMPLE, outdir)
    assert (outdir / "notes.txt").read_text() == "mine"
    (outdir / "notes.txt").unlink()
    report.write_report(SAMPLE, outdir)  # empty: fine
    (outdir / "documents.csv").write_text("my own table\n")  # a report's name, but not the report's file
    with pytest.raises(ValueError, match=r"did not write \(documents.csv\)"):
        report.write_report(SAMPLE, outdir)
    assert (outdir / "documents.csv").read_text() == "my own table\n"


def test_a_failed_run_leaves_the_earlier_report_whole_and_nothing_beside_it(tmp_path, monkeypatch):
    _fast_notebook(monkeypatch)
    outdir = tmp_path / "od"
    report.write_report(SAMPLE, outdir)
    before = {p.name: p.read_bytes() for p in outdir.iterdir()}
    import papermill

    def killed(*args, **kwargs):
        raise KeyboardInterrupt  # the run stopped during the notebook step

    monkeypatch.setattr(papermill, "execute_notebook", killed)
    other = tmp_path / "other.txt"
    other.write_text("A different article. Kim left.")
    with pytest.raises(KeyboardInterrupt):
        report.write_report(other, outdir)
    assert {p.name: p.read_bytes() for p in outdir.iterdir()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["od", "other.txt"]  # no lock, no staging folder


def test_a_report_is_built_beside_outdir_and_replaces_it_whole(tmp_path, monkeypatch):
    runs = _fast_notebook(monkeypatch)
    outdir = tmp_path / "od"
    report.write_report(SAMPLE, outdir)
    other = tmp_path / "other.txt"
    other.write_text("A different article. Kim left.")
    (tmp_path / ".od.partial-leftover").mkdir()  # what a killed run leaves
    report.write_report(other, outdir)
    assert runs[0].parent == tmp_path and runs[0].name.startswith(".od.partial-") and runs[0] != outdir
    assert sorted(p.name for p in tmp_path.iterdir()) == ["od", "other.txt"]
    assert json.loads((outdir / "provenance.json").read_text())["input"]["path"] == str(other)
    assert sorted(p.name for p in outdir.iterdir()) == sorted(report.REPORT_FILES)


def test_a_second_run_into_a_folder_being_written_is_refused(tmp_path, monkeypatch):
    import subprocess

    _fast_notebook(monkeypatch)
    outdir = tmp_path / "od"
    holder = subprocess.Popen(["sleep", "30"])
    try:
        (tmp_path / ".od.lock").write_text(f"{holder.pid}\n")
        with pytest.raises(ValueError, match=f"another report run \\(process {holder.pid}"):
            report.write_report(SAMPLE, outdir)
        assert not outdir.exists()
    finally:
        holder.kill()
        holder.wait()
    report.write_report(SAMPLE, outdir)  # the holder died: its lock is stale and taken over
    assert (outdir / "report.html").exists() and not (tmp_path / ".od.lock").exists()


def test_an_unusable_outdir_is_refused_before_the_analysis(tmp_path, monkeypatch):
    def not_reached(*args, **kwargs):
        raise AssertionError("analysed before the output folder was checked")

    monkeypatch.setattr(report, "analyze", not_reached)
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    with pytest.raises(ValueError, match="cannot write the output folder"):
        report.write_report(SAMPLE, blocker / "out")


def test_metadata_is_written_as_given_in_every_table(tmp_path):
    records = [
        {"id": "a", "text": "Kim said it may rain.", "tags": ["x", "y"], "info": {"k": 1}, "n": 1, "f": "=1+1"},
        {"id": "b", "text": "Lee left.", "tags": [], "info": None, "n": "two", "f": "plain"},
    ]
    path = tmp_path / "corpus.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    res = analysis.analyze(analysis.load_corpus(path, id_col="id"))
    written = report.write_tables(res, tmp_path / "out")
    assert len(written) == 12
    csv = pd.read_csv(tmp_path / "out" / "documents.csv", dtype=str, keep_default_na=False)
    assert csv["tags"].tolist() == ['["x", "y"]', "[]"] and csv["info"].tolist() == ['{"k": 1}', ""]
    assert csv["n"].tolist() == ["1", "two"]
    parquet = pd.read_parquet(tmp_path / "out" / "documents.parquet")
    assert parquet["n"].tolist() == ["1", "two"] and parquet["tags"].tolist() == ['["x", "y"]', "[]"]


def test_cells_that_would_run_as_formulas_are_escaped_in_csv_only(tmp_path):
    corpus = pd.DataFrame({"doc_id": ["=cmd|' /C calc'!A0", "b"], "text": ["+Kim spoke.\n\n-He left.", "@Lee left."],
                           "note": ["-5", "'=quoted"]})
    res = analysis.analyze(corpus)
    report.write_tables(res, tmp_path / "a")
    report.write_tables(res, tmp_path / "b")
    for name in TABLES:
        assert (tmp_path / "a" / f"{name}.csv").read_bytes() == (tmp_path / "b" / f"{name}.csv").read_bytes()
    csv = pd.read_csv(tmp_path / "a" / "sentences.csv", dtype=str)
    assert csv["text"].tolist() == ["'+Kim spoke.", "'-He left.", "'@Lee left."]
    assert csv["doc_id"].iloc[0] == "'=cmd|' /C calc'!A0"
    documents = pd.read_csv(tmp_path / "a" / "documents.csv", dtype=str)
    assert documents["note"].tolist() == ["'-5", "''=quoted"]
    exact = report.read_tables(tmp_path / "a")  # from Parquet: never escaped
    assert exact["sentences"]["text"].tolist() == ["+Kim spoke.", "-He left.", "@Lee left."]
    for parquet in (tmp_path / "a").glob("*.parquet"):
        parquet.unlink()
    from_csv = report.read_tables(tmp_path / "a")  # the escapes undone
    assert from_csv["sentences"]["text"].tolist() == ["+Kim spoke.", "-He left.", "@Lee left."]
    assert from_csv["documents"]["note"].tolist() == ["-5", "'=quoted"]
    assert from_csv["documents"]["doc_id"].iloc[0] == "=cmd|' /C calc'!A0"


def test_the_report_runs_on_hostile_metadata_and_shows_it_as_given(tmp_path):
    records = [
        {"id": "a", "text": 'Kim said the plan "may fail". Officials reportedly agreed.', "price": "$5-$10",
         "tags": ["x", "y"], "info": {"k": 1}, "n": 1, "error": "given", "meta_error": "also given"},
        {"id": "b", "text": "The minister said it was certainly fine. Critics claimed otherwise.",
         "price": "$\\frac$", "tags": ["z"], "info": {"k": 2}, "n": "two", "error": "", "meta_error": ""},
        {"id": "c", "text": "Nothing happened today. The weather was fine.", "price": "$5-$10", "tags": [],
         "info": None, "n": 3, "error": "x", "meta_error": "y"},
    ]
    path = tmp_path / "corpus.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    outdir = tmp_path / "out"
    result = report.write_report(path, outdir, id_col="id", progress=False)
    assert sorted(p.name for p in outdir.iterdir()) == sorted(report.REPORT_FILES)
    documents = result["analysis"].documents
    assert documents["meta_meta_error"].tolist() == ["given", "", "x"]
    assert documents["meta_error"].tolist() == ["also given", "", "y"]
    assert documents.columns.is_unique
    page = (outdir / "report.html").read_text(encoding="utf-8")
    assert "How the groups differ (by price)" in page and "$5-$10" in page and "$\\frac$" in page


def test_report_figures_draw_dollar_signs_as_text(monkeypatch, tmp_path):
    import matplotlib

    path = tmp_path / "corpus.csv"
    pd.DataFrame({"doc_id": list("abcd"), "price": ["$5-$10", "$5-$10", "$1-$2", "$1-$2"],
                  "text": ["Kim may go.", "Lee said no.", "It rained.", "Perhaps."]}).to_csv(path, index=False)
    report.write_tables(analysis.analyze(analysis.load_corpus(path)), tmp_path)
    with matplotlib.rc_context():
        _run_notebook_in_process(monkeypatch, {"input_path": str(path), "tables_dir": str(tmp_path),
                                               "title": "Corpus", "max_annotated": 0})
        ax = plots.distribution_by(pd.DataFrame({"n_words": [1, 2], "price": ["$5-$10", "$1-$2"]}),
                                   "n_words", "price")
        ax.figure.canvas.draw()
        assert [t.get_text() for t in ax.get_yticklabels()] == ["$1-$2", "$5-$10"]
        assert not any(t.get_parse_math() for t in ax.get_yticklabels())  # text, not mathtext


def test_text_that_looks_like_a_number_reads_back_from_csv_as_text(tmp_path):
    res = analysis.analyze(pd.DataFrame({"doc_id": ["007"], "text": [".0"]}))
    report.write_tables(res, tmp_path)
    for parquet in tmp_path.glob("*.parquet"):
        parquet.unlink()
    tables = report.read_tables(tmp_path)
    assert tables["sentences"]["text"].tolist() == [".0"] and tables["documents"]["doc_id"].tolist() == ["007"]
