"""Who a source is: named or generic, and one key for the same source across documents.

A source is *named* when the text identifies it by name: a person, an organisation, a place or
a medium written with capitals ("Tony Blair", "the Environment Agency", "Moscow", "Reuters").
It is *generic* otherwise, of one of four types: an **anonymous person** ("a spokesman", "a
source close to the talks"), a **generic group** ("analysts", "officials in Moscow"), an
**unnamed organisation** ("the company", "the world media") or a **document** ("the report",
"figures"); what the lexicons do not know ("the games industry") is **other**.  Generic
sources have no identity across documents: "a spokesman" in one story and in another are not
one source, so they have no ``source_key`` and corpus summaries count them by type.

A named source's ``source_key`` is its canonical name in the document (a surname already
resolved to the full name the document gives, :mod:`analysis.sources.resolve`; a body's other
names, "Lib Dems" and "Liberal Democrats", to one);
:func:`corpus_keys` then gives a surname used alone in a document the full name
that the rest of the corpus has for it, when that is unambiguous.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

import pandas as pd

from analysis.sources.lexicons import PLURAL_NOUNS, source_aliases

GENERIC_TYPES = ("anonymous person", "generic group", "unnamed organisation", "document", "other")
"""The types of generic source, in the order summaries list them."""

# Where the head of a generic phrase ends: "spokeswoman | for the centre", "officials | in Moscow".
_AFTER_HEAD = (" for ", " of ", " in ", " at ", " from ", " with ", " close to ", " familiar with ", " briefed on ")


def head_word(name: str) -> str:
    """The head noun of a generic phrase: its last word before any attached phrase."""
    for marker in _AFTER_HEAD:
        name = name.split(marker, 1)[0]
    return name.rsplit(" ", 1)[-1]


# The three tests below depend on their arguments alone and are asked about the same few thousand
# sources again and again (each quote, mention and source row of a corpus): they keep their
# answers (bounded, for corpora of any size).


@lru_cache(maxsize=1 << 16)
def is_plural(name: str) -> bool:
    """Whether a generic phrase names several ("officials", "some economists", "police")."""
    head = head_word(name.lower())
    return head in PLURAL_NOUNS or head.endswith("%") or head.endswith("s") and not head.endswith(("ss", "'s"))


@lru_cache(maxsize=1 << 16)
def generic_type(kind: str, name: str) -> str | None:
    """The type of a generic source (see :data:`GENERIC_TYPES`), None for a named one.

    Examples
    --------
    >>> [generic_type(k, n) for k, n in [("person", "Tony Blair"), ("anonymous", "spokesman"),
    ...  ("anonymous", "officials"), ("organisation", "company"), ("document", "report")]]
    [None, 'anonymous person', 'generic group', 'unnamed organisation', 'document']
    """
    capitalised = name[:1].isupper()
    if kind in ("person", "government/place") or kind in ("organisation", "media", "document") and capitalised:
        return None
    if kind in ("organisation", "media"):
        return "unnamed organisation"
    if kind == "document":
        return "document"
    if kind in ("anonymous", "role"):
        return "generic group" if is_plural(name) else "anonymous person"
    return "other"


@lru_cache(maxsize=1 << 16)
def document_key(kind: str, name: str) -> str | None:
    """The key of a named source in one document: its canonical name (for a person without
    middle initials: "George W. Bush" is "George Bush"; for a body its one name among its aliases,
    ``data/source_aliases.csv``: "Tories" is "Conservatives"); None for a generic source.

    >>> document_key("person", "George W. Bush"), document_key("organisation", "Lib Dems")
    ('George Bush', 'Liberal Democrats')
    >>> document_key("organisation", "company") is None
    True
    """
    if generic_type(kind, name) is not None:
        return None
    if kind != "person":
        return source_aliases().get(name, name)
    words = name.split()
    return " ".join(w for k, w in enumerate(words) if not (0 < k < len(words) - 1 and len(w.rstrip(".")) == 1))


DOMINANT_SHARE = 0.9
"""The share of the documents naming a full name with a given surname that one full name must
hold for a surname used alone to be taken as that person across the corpus."""


def corpus_keys(sources: pd.DataFrame) -> dict[str, str]:
    """Surname keys to the corpus's full name for them.

    A source named by one word alone in a document ("Blair"; a person, or an organisation as
    far as the document could tell, and never one that any document gives a role such as "the US
    car company") is the person of the full name
    that ends in that word in the rest of the corpus, when that name is unambiguous: it is the
    only one, or at least :data:`DOMINANT_SHARE` of the documents that name any full name with
    that surname name it ("Tony Blair" in 99 documents, "Ian Blair" in 2, "Cherie Blair" in 1).

    Parameters
    ----------
    sources : pandas.DataFrame
        A ``sources`` table (``doc_id``, ``kind``, ``source_key``; ``role`` when present).

    Returns
    -------
    dict
        ``{surname key: full-name key}`` for the unambiguous surnames.

    Examples
    --------
    >>> table = pd.DataFrame({"doc_id": list("abcde"), "kind": ["person"] * 5,
    ...                       "source_key": ["Tony Blair", "Blair", "Brown", "Gordon Brown", "Ann Brown"]})
    >>> corpus_keys(table)
    {'Blair': 'Tony Blair'}
    """
    # Plain counting over the rows: a groupby over string columns costs more than the rows do.
    documents_of: dict[str, set[str]] = {}  # full name -> documents naming it
    single, bodies = set(), set()
    # Lists, not the columns: iterating an Arrow string column yields element by element, slowly.
    roles = sources["role"].tolist() if "role" in sources else [None] * len(sources)
    columns = (sources["doc_id"].tolist(), sources["kind"].tolist(), sources["source_key"].tolist(), roles)
    for doc_id, kind, key, role in zip(*columns):
        if not isinstance(key, str):
            continue
        if " " in key:
            if kind == "person":
                documents_of.setdefault(key, set()).add(doc_id)
        elif kind in ("person", "organisation"):
            # A lone name the document could not tell from a body's ("Henman said") may be the person too;
            # one a document calls a body ("Ford, the US car company,") is none.
            single.add(key)
            if kind == "organisation" and isinstance(role, str):
                bodies.add(key)
    single -= bodies
    by_surname: dict[str, Counter[str]] = {}
    for full_name, documents in documents_of.items():
        by_surname.setdefault(full_name.rsplit(" ", 1)[-1], Counter())[full_name] = len(documents)
    mapping = {}
    for surname, counts in by_surname.items():
        if surname in single:
            top, n = counts.most_common(1)[0]
            if n >= DOMINANT_SHARE * sum(counts.values()):
                mapping[surname] = top
    return mapping


def with_corpus_keys(table: pd.DataFrame, mapping: dict[str, str]) -> pd.DataFrame:
    """A copy of ``table`` (``quotes`` or ``sources``) with its ``source_key`` mapped by
    ``mapping`` (:func:`corpus_keys`); the table given is left as it is."""
    if not mapping or "source_key" not in table:
        return table
    keys = table["source_key"]
    return table.assign(source_key=pd.array([mapping.get(k, k) for k in keys.tolist()], dtype=keys.dtype))
