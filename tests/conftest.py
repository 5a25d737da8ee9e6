"""Test-suite set-up: no nltk data may be used, ever.

nltk looks for data in ``NLTK_DATA`` and a few standard folders; the suite points
``NLTK_DATA`` at an empty folder and empties nltk's search path, so any hidden
dependency on downloaded nltk data (punkt, stopwords, ...) fails loudly.
"""

import os
import tempfile
from pathlib import Path

import pytest

_EMPTY = Path(os.environ.get("NLTK_DATA") or tempfile.mkdtemp(prefix="nltk_data_empty_"))
os.environ["NLTK_DATA"] = str(_EMPTY)

import nltk.data  # noqa: E402  (after NLTK_DATA is set)

nltk.data.path[:] = [str(_EMPTY)]

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "raw" / "kcna_dprk_troops_russia.txt"


@pytest.fixture(scope="session")
def sample_path() -> Path:
    return SAMPLE


@pytest.fixture(scope="session")
def sample_text() -> str:
    return SAMPLE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def sample_first_copy(sample_text) -> str:
    """The sample's credit line and the first copy of its eight body paragraphs (the body is printed three times)."""
    return "".join(sample_text.splitlines(keepends=True)[:9])
