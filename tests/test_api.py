"""The public surface: the names of ``analysis``, the former names that still work, and the pages that list them."""

from __future__ import annotations

import pkgutil
import re
import subprocess
import sys
import types

import pandas as pd
import pytest
from conftest import ROOT

import analysis
from analysis import plots

FORMER_NAMES = {
    "segment": "segment_corpus",
    "highlight": "highlight_document",
    "framing": "framing_by_source",
    "compare": "compare_groups",
    "kwic": "keyword_in_context",
}


def _modules() -> list[str]:
    """The package's modules and subpackages (``corpus``, ``sources``, ``validate``, ...), not their insides."""
    return sorted(m.name for m in pkgutil.iter_modules(analysis.__path__) if m.name not in ("__main__",))


def test_every_public_name_exists_and_none_hides_a_module_but_the_former_names():
    assert len(set(analysis.__all__)) == len(analysis.__all__)
    for name in analysis.__all__:
        assert hasattr(analysis, name), name
    shadowing = {name for name in _modules() if not isinstance(getattr(analysis, name, None), types.ModuleType | None)}
    assert shadowing == set(FORMER_NAMES)


@pytest.mark.parametrize(("old", "new"), FORMER_NAMES.items())
def test_former_names_warn_and_give_what_the_new_names_give(old, new):
    docs = pd.DataFrame(
        {
            "doc_id": ["a", "b", "c", "d"],
            "text": ['Ann Lee said the plan "may" fail.', "Bob Day claimed it works.", "It rained.", "Sun."],
            "group": ["x", "x", "y", "y"],
        }
    )
    res = analysis.analyze(docs)
    arguments = {
        "segment": (res.corpus,),
        "highlight": (res, "a"),
        "framing": (res.quotes, res.hedges),
        "compare": (res, "group"),
        "kwic": (res, "said"),
    }[old]
    with pytest.warns(DeprecationWarning, match=f"analysis.{old} is now analysis.{new}"):
        before = getattr(analysis, old)(*arguments)
    after = getattr(analysis, new)(*arguments)
    if isinstance(after, pd.DataFrame):
        pd.testing.assert_frame_equal(before, after)
    else:
        assert str(before) == str(after)
    module = __import__(f"analysis.{old}", fromlist=[old])  # inside the module the old name is a plain alias
    assert getattr(module, old) is getattr(analysis, new)


def test_the_modules_names_are_importable_from_the_modules():
    from analysis.framing import FRAMING_COLUMNS
    from analysis.highlight import HTMLFragment
    from analysis.segment import Segmented

    assert Segmented.__module__ == "analysis.segment" and HTMLFragment.__module__ == "analysis.highlight"
    assert "doc_asymmetry" in FRAMING_COLUMNS


def test_api_page_lists_every_public_name_every_figure_and_every_module():
    page = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    listed = re.findall(r"^- `(\w+)\(", page, flags=re.M)
    assert sorted(set(listed)) == sorted(set(analysis.__all__[1:]) - {"Analysis"} | set(plots.__all__))
    assert "- `Analysis`:" in page
    modules = set(re.findall(r"^- `analysis\.(\w+)`:", page, flags=re.M))
    assert modules == set(_modules())


def test_readme_lists_every_public_name_and_every_module_of_the_tree():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    api = readme[readme.index("## API") : readme.index("## Layout")]
    layout = readme[readme.index("## Layout") : readme.index("## Methods")]
    assert set(re.findall(r"`(\w+)`", api)) >= set(analysis.__all__[1:])
    named = set(re.findall(r"`analysis/(\w+)(?:\.py|/)`", layout))
    assert named == set(_modules()) | {"__init__", "__main__"}


def test_import_analysis_leaves_the_slow_libraries_to_the_functions_that_use_them():
    # `import analysis` is under a second (issue 21): scipy, nltk, datasketch, matplotlib and the notebook
    # machinery load when a function needs them, and the lazily loaded names still work.
    slow = ("scipy", "nltk", "datasketch", "matplotlib", "seaborn", "nbformat", "papermill", "analysis.report")
    code = f"import sys, analysis; print([m for m in {slow!r} if m in sys.modules])"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "[]"
    assert analysis.report.write_report is analysis.write_report
    assert {"coding_sheet", "agreement", "analyze_corpus", "write_report", "report"} <= set(dir(analysis))
    with pytest.raises(AttributeError):
        analysis.no_such_name  # noqa: B018
