"""Package data: the word lists and lexicons shipped inside ``analysis/data``.

Every file starts with ``#`` header lines that say what the list is for and where its
entries come from; :func:`read_lines` and :func:`read_table` skip them.  Files are read
with :mod:`importlib.resources`, so they work from a wheel, a zip or a source checkout.
"""

from __future__ import annotations

import csv
import hashlib
import io
from functools import cache
from importlib import resources

__all__ = ["read_text", "read_lines", "read_table", "checksums"]

_PACKAGE = "analysis.data"


@cache
def read_text(name: str) -> str:
    """The whole text of the package data file ``name`` (e.g. ``"abbreviations.txt"``)."""
    return resources.files(_PACKAGE).joinpath(name).read_text(encoding="utf-8")


def _body(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


def read_lines(name: str) -> list[str]:
    """The entries of a one-entry-per-line data file, header and blank lines removed.

    Examples
    --------
    >>> "Mr\\tnonfinal" in read_lines("abbreviations.txt")
    True
    """
    return _body(read_text(name))


def read_table(name: str, delimiter: str = ",") -> list[dict[str, str]]:
    """The rows of a delimited data file with a header row (after the ``#`` header lines)."""
    return list(csv.DictReader(io.StringIO("\n".join(_body(read_text(name)))), delimiter=delimiter))


def checksums() -> dict[str, str]:
    """SHA-256 of every package data file, for the provenance record of a report."""
    folder = resources.files(_PACKAGE)
    return {
        entry.name: hashlib.sha256(entry.read_bytes()).hexdigest()
        for entry in sorted(folder.iterdir(), key=lambda e: e.name)
        if entry.is_file() and not entry.name.startswith((".", "_"))
    }
