"""The command line: arguments, bad input (one line on stderr, exit code 2), progress and summary."""

import subprocess
import sys
from pathlib import Path

import pytest

import analysis
from analysis import cli, report

ROOT = Path(__file__).resolve().parents[1]


def _run(*args, cwd):
    return subprocess.run([sys.executable, "-m", "analysis", *args], cwd=cwd, capture_output=True, text=True,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})


def _bad_inputs(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    no_text = tmp_path / "no_text.csv"
    no_text.write_text("id,body\n1,Kim spoke.\n")
    no_rows = tmp_path / "no_rows.csv"
    no_rows.write_text("id,text\n")
    return {
        "no documents": ([str(no_rows)], "found none"),
        "missing": ([str(tmp_path / "missing.txt")], "missing.txt"),
        "empty folder": ([str(empty)], "found none"),
        "no text column": ([str(no_text)], "'text'"),
        "wrong text column": ([str(no_text), "--text-col", "content"], "'content'"),
    }


CASES = ["missing", "empty folder", "no text column", "wrong text column", "no documents"]


@pytest.mark.parametrize("case", CASES)
def test_bad_input_gives_one_line_and_exit_code_2_in_a_subprocess(tmp_path, case):
    args, mentioned = _bad_inputs(tmp_path)[case]
    done = _run("report", *args, "-o", str(tmp_path / "out"), cwd=tmp_path)
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("media-analysis: error:") and mentioned in lines[0]
    assert "Traceback" not in done.stderr and done.stdout == ""
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("case", CASES)
def test_bad_input_gives_one_line_and_exit_code_2_through_main(tmp_path, capsys, case):
    args, mentioned = _bad_inputs(tmp_path)[case]
    assert cli.main(["report", *args, "-o", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and mentioned in err


@pytest.mark.parametrize("args", [["--jobs", "0"], ["--annotated", "-1"], ["--jobs", "two"], []])
def test_invalid_arguments_exit_with_2(args, capsys, sample_path):
    positional = [] if not args else [str(sample_path)]
    with pytest.raises(SystemExit) as stop:
        cli.main(["report", *positional, *args])
    assert stop.value.code == 2
    assert "usage: media-analysis report" in capsys.readouterr().err


def test_every_option_reaches_the_report(monkeypatch, tmp_path, capsys):
    calls = []

    def fake_write_report(source, outdir, **options):
        calls.append((source, outdir, options))
        res = analysis.analyze(["Kim spoke."])
        return {"analysis": res, "tables": [outdir / "documents.csv"], "provenance": outdir / "provenance.json",
                "notebook": outdir / "report.ipynb", "html": outdir / "report.html"}

    monkeypatch.setattr(cli, "write_report", fake_write_report)
    code = cli.main(["report", "in.csv", "-o", str(tmp_path), "--title", "My <title>", "--text-col", "body",
                     "--id-col", "id", "--no-dedupe", "--jobs", "2", "--annotated", "3"])
    assert code == 0
    assert calls == [(Path("in.csv"), tmp_path, {"title": "My <title>", "text_col": "body", "id_col": "id",
                                                  "dedupe": False, "n_jobs": 2, "max_annotated": 3})]
    cli.main(["report", "in.csv"])
    assert calls[-1] == (Path("in.csv"), Path("reports"), {"title": None, "text_col": "text", "id_col": None,
                                                           "dedupe": True, "n_jobs": 1, "max_annotated": 10})
    out = capsys.readouterr().out
    assert "1 document(s), 2 words" in out and str(tmp_path / "report.html") in out


def _without_notebook(monkeypatch):
    """Run write_report for real up to the tables, with notebook execution and rendering stubbed."""
    import papermill

    monkeypatch.setattr(papermill, "execute_notebook", lambda source, target, **kw: Path(target).write_text("{}"))
    monkeypatch.setattr(report, "render_html", lambda nb, path, title: path.write_text("<html></html>") and path)


def test_corpus_runs_show_a_progress_bar_and_single_documents_do_not(monkeypatch, tmp_path, capsys):
    _without_notebook(monkeypatch)
    folder = tmp_path / "corpus"
    folder.mkdir()
    for i in range(3):
        (folder / f"{i}.txt").write_text(f"Article {i}. It may rain.")
    assert cli.main(["report", str(folder), "-o", str(tmp_path / "corpus_out")]) == 0
    captured = capsys.readouterr()
    assert "3/3" in captured.err and "analysing" in captured.err
    assert "3 document(s)" in captured.out and "provenance.json" in captured.out
    assert cli.main(["report", str(folder / "0.txt"), "-o", str(tmp_path / "single_out")]) == 0
    assert "analysing" not in capsys.readouterr().err


@pytest.mark.parametrize("n_jobs", [1, 2])
def test_analyze_reports_progress_for_every_document(n_jobs):
    done = []
    analysis.analyze(["One.", "Two.", None, "Four."], n_jobs=n_jobs, progress=done.append)
    assert sum(done) == 4


def test_a_report_over_its_own_input_is_refused_in_one_line_and_the_input_kept(tmp_path):
    outdir = tmp_path / "od"
    outdir.mkdir()
    corpus = outdir / "documents.csv"  # the user's corpus, under a name the report writes
    corpus.write_text("doc_id,text\na,Kim said it may rain.\nb,Lee left.\n")
    before = corpus.read_bytes()
    done = _run("report", str(corpus), "-o", str(outdir), cwd=tmp_path)
    assert done.returncode == 2 and done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "inside the output folder" in lines[0] and "Traceback" not in done.stderr
    assert corpus.read_bytes() == before and sorted(p.name for p in outdir.iterdir()) == ["documents.csv"]


def _unusable_outdirs(tmp_path):
    foreign = tmp_path / "foreign"
    foreign.mkdir()
    (foreign / "thesis.docx").write_text("years of work")
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    return {
        "holds other files": (foreign, "did not write (thesis.docx)"),
        "under a file": (blocker / "out", "cannot write the output folder"),
        "is a file": (blocker, "is not a folder"),
    }


@pytest.mark.parametrize("case", ["holds other files", "under a file", "is a file"])
def test_an_unusable_outdir_gives_one_line_and_exit_code_2_before_the_analysis(
    monkeypatch, tmp_path, capsys, case, sample_path
):
    outdir, mentioned = _unusable_outdirs(tmp_path)[case]
    monkeypatch.setattr(report, "analyze", lambda *a, **k: pytest.fail("analysed before the output folder was checked"))
    assert cli.main(["report", str(sample_path), "-o", str(outdir)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and mentioned in err


def test_a_wrong_text_column_names_the_flag_and_a_cp1252_file_warns_in_one_plain_line(tmp_path):
    table = tmp_path / "win.csv"
    table.write_bytes("id,body\n1,Caf\u00e9 \u201cnews\u201d.\n".encode("cp1252"))
    done = _run("report", str(table), "--text-col", "content", "-o", str(tmp_path / "out"), cwd=tmp_path)
    assert done.returncode == 2
    warning, error = done.stderr.strip().splitlines()
    assert warning.startswith("media-analysis: warning: ") and "win.csv" in warning and "cp1252" in warning
    assert "corpus.py" not in done.stderr and "warnings.warn" not in done.stderr
    assert error.startswith("media-analysis: error: ") and "--text-col" in error
