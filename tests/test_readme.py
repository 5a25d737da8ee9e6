"""The README's Python examples run as written, from the root of a checkout."""

import re
import warnings
from pathlib import Path

import matplotlib

ROOT = Path(__file__).resolve().parents[1]


def _python_blocks(markdown: str) -> list[str]:
    return re.findall(r"^```python\n(.*?)^```", markdown, flags=re.S | re.M)


def test_readme_python_examples_run_and_do_what_they_say(tmp_path, monkeypatch):
    blocks = _python_blocks((ROOT / "README.md").read_text(encoding="utf-8"))
    assert blocks, "the README has Python examples"
    (tmp_path / "data").symlink_to(ROOT / "data")  # the examples' relative paths; outputs go to tmp_path
    monkeypatch.chdir(tmp_path)
    matplotlib.use("Agg")
    namespace: dict = {}
    with warnings.catch_warnings():
        warnings.simplefilter("error", UserWarning)  # an example that only warns (an empty result) fails
        for block in blocks:
            exec(compile(block, "README.md", "exec"), namespace)
    import analysis

    assert not analysis.explain_sentiment("The plan isn't very good!").empty
    page = (tmp_path / "article.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and 'class="ma-doc"' in page
    assert (tmp_path / "reports" / "report.html").exists()
