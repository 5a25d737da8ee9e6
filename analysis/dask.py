"""Corpora beyond one machine: the measures and near-duplicate detection on Dask.

Dask (https://docs.dask.org) is the distributed engine: this module only says what to
compute per partition; scheduling, spilling and the cluster are Dask's.

:func:`analyze`
    Runs :func:`analysis.analyze` on every partition of a Dask DataFrame of documents
    (``map_partitions``) and returns the six tables as Dask DataFrames with the columns
    and dtypes of ``analysis.analyze``'s tables (declared in :mod:`analysis.schema`, so a
    partition without hedges or quotes has them too).  Documents are analysed independently,
    so the rows are the same as ``analysis.analyze`` gives on the whole corpus.  Each
    partition is analysed once for all six tables when they are computed together
    (``dask.compute(*tables.values())``) or persisted.
:func:`near_duplicates`
    Pairs of documents whose word 5-gram shingle sets have a Jaccard similarity of at
    least ``threshold``, as :func:`analysis.near_duplicates`: MinHash signatures are
    computed per partition, each signature is cut into LSH bands, documents sharing a
    band bucket are joined through Dask (a shuffle on the bucket), and every candidate
    pair is checked with the exact Jaccard of its two shingle sets, so no LSH false
    positive is reported.  The parameters are those of the repetition measure: words
    are runs of ``\\w`` in the lower-cased text, 5-word shingles, 80 MinHash
    permutations (datasketch, seed 1, ``affine32``), and as many rows per LSH band as
    keep the chance of missing a pair at exactly the threshold under 0.5%
    (:func:`analysis.repetition.lsh_bands`: 16 bands of 5 rows at 0.8).  Shingles are
    identified by a 64-bit fingerprint built from a fixed-key hash of their words
    (:func:`pandas.util.hash_array`), the same in every worker process.

Connect to an existing cluster before calling these functions
(``distributed.Client("tcp://scheduler:8786")``); every worker needs this package
installed.  Input: a Dask DataFrame with ``doc_id`` (unique over the whole corpus) and
``text`` columns, e.g. from :func:`from_corpus` or ``dask.dataframe.read_parquet``.
"""

from __future__ import annotations

try:
    import dask
    import dask.dataframe as dd
except ImportError as err:  # an optional part: say how to get it rather than a bare module name
    raise ImportError(
        "analysis.dask needs Dask, an optional part of media-analysis: pip install 'media-analysis[dask]'"
    ) from err
import numpy as np
import pandas as pd

from analysis import minhash, pipeline, schema
from analysis.corpus import load_corpus
from analysis.minhash import lsh_bands
from analysis.pipeline import TABLE_NAMES

__all__ = ["from_corpus", "analyze", "near_duplicates", "shingle_fingerprints"]

SHINGLE_WORDS = 5
THRESHOLD = 0.8


def from_corpus(docs, *, npartitions: int = 2) -> dd.DataFrame:
    """A Dask DataFrame of documents from anything :func:`analysis.load_corpus` accepts.

    Columns keep the dtypes ``load_corpus`` gives (Dask's conversion of text columns to
    pyarrow strings is turned off), so the tables match ``analysis.analyze`` exactly.

    Examples
    --------
    >>> from_corpus(["One.", "Two.", "Three."], npartitions=2).npartitions
    2
    """
    with dask.config.set({"dataframe.convert-string": False}):
        return dd.from_pandas(load_corpus(docs), npartitions=npartitions)


def _check_columns(ddf: dd.DataFrame) -> None:
    missing = [c for c in ("doc_id", "text") if c not in ddf.columns]
    if missing:
        raise ValueError(f"expected columns 'doc_id' and 'text'; missing {missing}, found {list(ddf.columns)}")


def _metas(ddf: dd.DataFrame) -> dict[str, pd.DataFrame]:
    """Empty frames with the columns and dtypes of each table (:mod:`analysis.schema`); the
    documents table also carries the corpus's metadata columns, named as ``analysis.analyze``
    names them."""
    metas = {name: schema.empty_table(name) for name in TABLE_NAMES}
    documents = metas["documents"]
    metadata = ddf._meta.drop(columns=["doc_id", "text"]).reset_index(drop=True)
    metadata.columns = list(pipeline.metadata_names(list(metadata.columns), list(documents.columns)).values())
    metas["documents"] = pd.concat([documents, metadata], axis=1)
    return metas


def _analyse_partition(partition: pd.DataFrame, dedupe: bool, metas: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """All six tables of one partition, one row per table (Dask moves them as one object)."""
    corpus = partition.reset_index(drop=True)
    # A missing text read by Dask may be pd.NA; analyze reports None as a missing text.
    corpus["text"] = [None if t is pd.NA else t for t in corpus["text"].astype(object)]
    tables = pipeline.analyze(corpus, dedupe=dedupe).tables()
    # analyze's tables conform to the schema, so an empty one has every column; Dask also
    # needs each partition to match ``meta`` exactly: a column the schema does not declare
    # is left out, and the metadata columns take meta's dtypes.
    frames = [tables[name][metas[name].columns].astype(metas[name].dtypes.to_dict()) for name in TABLE_NAMES]
    return pd.DataFrame({"table": list(TABLE_NAMES), "frame": pd.Series(frames, dtype=object)})


def _table_of(analysed: pd.DataFrame, name: str) -> pd.DataFrame:
    return analysed["frame"].iloc[TABLE_NAMES.index(name)]


def analyze(ddf: dd.DataFrame, *, dedupe: bool = True) -> dict[str, dd.DataFrame]:
    """The six tables of :func:`analysis.analyze`, computed partition by partition.

    Parameters
    ----------
    ddf : dask.dataframe.DataFrame
        Documents: ``doc_id`` (unique over the whole corpus), ``text`` and any metadata.
    dedupe : bool, default True
        As in :func:`analysis.analyze`.

    Returns
    -------
    dict of str to dask.dataframe.DataFrame
        ``documents, sentences, hedges, repeats, quotes, sources``, each with the columns
        and dtypes of the same table from :func:`analysis.analyze` (see :mod:`analysis.schema`);
        rows in corpus order, index restarting in each partition.

    Examples
    --------
    >>> tables = analyze(from_corpus(["Mr. Kim spoke. He left.", "Rain fell."], npartitions=2))
    >>> documents, sentences = dask.compute(tables["documents"], tables["sentences"])
    >>> documents[["doc_id", "n_sentences"]].values.tolist()
    [['0', 2], ['1', 1]]
    >>> sentences.text.tolist()
    ['Mr. Kim spoke.', 'He left.', 'Rain fell.']
    """
    _check_columns(ddf)
    metas = _metas(ddf)
    analysed = ddf.map_partitions(
        _analyse_partition,
        dedupe,
        metas,
        meta=pd.DataFrame({"table": pd.Series(dtype=object), "frame": pd.Series(dtype=object)}),
    )
    return {name: analysed.map_partitions(_table_of, name, meta=metas[name]) for name in TABLE_NAMES}


# --------------------------------------------------------------------------- near duplicates


def shingle_fingerprints(text) -> np.ndarray:
    """Sorted distinct 64-bit fingerprints of the word 5-gram shingles of one text.

    Words are those of :func:`analysis.minhash.words` (runs of ``\\w`` in the lower-cased
    text); a text of fewer than five words (or a missing one) has no shingles.  Each word is
    hashed with pandas' fixed-key hash and each run of five combined by
    :func:`analysis.minhash.rolling_hash`, so the fingerprints are the same in every process
    (the corpus-wide word numbers of :func:`analysis.near_duplicates` are not); two shingles
    share one with probability about 2**-64.

    Examples
    --------
    >>> len(shingle_fingerprints("one two three four five six"))
    2
    >>> len(shingle_fingerprints("Too short to shingle."))
    0
    """
    words = minhash.words(text)
    if len(words) < SHINGLE_WORDS:
        return np.empty(0, dtype=np.uint64)
    word_hashes = pd.util.hash_array(np.array(words, dtype=object))
    n = len(words) - SHINGLE_WORDS + 1
    return np.unique(minhash.rolling_hash(word_hashes[offset : offset + n] for offset in range(SHINGLE_WORDS)))


def _band_buckets(partition: pd.DataFrame, n_bands: int, n_rows: int, partition_info=None) -> pd.DataFrame:
    """One row per document with shingles and band: ``doc_id``, ``position`` (corpus order:
    partition number, then row), ``band`` and ``bucket`` (a hash of the band's rows)."""
    number = partition_info["number"] if partition_info else 0
    shingled = []  # (row, doc_id, fingerprints) of the documents with shingles
    for row, (doc_id, text) in enumerate(zip(partition["doc_id"], partition["text"])):
        fingerprints = shingle_fingerprints(None if text is pd.NA else text)
        if len(fingerprints):
            shingled.append((row, str(doc_id), fingerprints))
    rows = {"doc_id": [], "position": [], "band": [], "bucket": []}
    if shingled:
        signatures = minhash.signatures([fingerprints for _, _, fingerprints in shingled])
        for (row, doc_id, _), signature in zip(shingled, signatures):
            bands = signature[: n_bands * n_rows].astype(np.uint64).reshape(n_bands, n_rows)
            rows["doc_id"] += [doc_id] * n_bands
            rows["position"] += [(number << 32) + row] * n_bands
            rows["band"] += range(n_bands)
            rows["bucket"] += minhash.rolling_hash(bands[:, column] for column in range(n_rows)).view(np.int64).tolist()
    return pd.DataFrame(
        {
            "doc_id": pd.Series(rows["doc_id"], dtype=object),
            "position": pd.Series(rows["position"], dtype="int64"),
            "band": pd.Series(rows["band"], dtype="int64"),
            "bucket": pd.Series(rows["bucket"], dtype="int64"),
        }
    )


def _candidates(matches: pd.DataFrame) -> pd.DataFrame:
    earlier = matches[matches["position_a"] < matches["position_b"]]
    return earlier[["doc_id_a", "doc_id_b"]].set_axis(["doc_a", "doc_b"], axis=1)


def _verified(pairs: pd.DataFrame, threshold: float) -> pd.DataFrame:
    similarity, containment = [], []
    for text_a, text_b in zip(pairs["text_a"], pairs["text_b"]):
        a, b = shingle_fingerprints(text_a), shingle_fingerprints(text_b)
        shared = len(np.intersect1d(a, b, assume_unique=True))
        similarity.append(shared / (len(a) + len(b) - shared))
        containment.append(shared / min(len(a), len(b)))
    out = pd.DataFrame(
        {
            "doc_a": pairs["doc_a"].to_numpy(dtype=object),
            "doc_b": pairs["doc_b"].to_numpy(dtype=object),
            "similarity": np.array(similarity, dtype=float),
            "containment": np.array(containment, dtype=float),
        }
    )
    return out[out["similarity"] >= threshold]


def near_duplicates(ddf: dd.DataFrame, *, threshold: float = THRESHOLD) -> dd.DataFrame:
    """Near-duplicate document pairs through Dask: MinHash per partition, LSH band buckets
    joined with a Dask merge, exact Jaccard check of every candidate.

    Parameters
    ----------
    ddf : dask.dataframe.DataFrame
        Documents with ``doc_id`` (unique) and ``text`` columns.
    threshold : float, default 0.8
        Smallest Jaccard similarity of word 5-gram shingle sets reported; at most 1.

    Returns
    -------
    dask.dataframe.DataFrame
        ``doc_a``, ``doc_b`` (``doc_a`` comes first in the corpus), ``similarity`` (exact
        Jaccard of the two shingle sets), ``containment`` (share of the smaller set found
        in the other).  Row order is not defined: sort after computing.  A pair at exactly
        the threshold escapes the LSH bands with probability under 0.5% (0.2% at 0.8).

    Examples
    --------
    >>> story = "The central bank raised its main interest rate by a quarter point on Thursday."
    >>> ddf = from_corpus([story, "Sport: a draw.", story + " Markets rose.", ""], npartitions=2)
    >>> near_duplicates(ddf).compute().round(3).values.tolist()
    [['0', '2', 0.833, 1.0]]
    """
    if not 0 < threshold <= 1:
        raise ValueError(f"threshold must be in (0, 1], found {threshold}")
    _check_columns(ddf)
    buckets = ddf[["doc_id", "text"]].map_partitions(
        _band_buckets,
        *lsh_bands(threshold),
        meta={"doc_id": object, "position": "int64", "band": "int64", "bucket": "int64"},
    )
    matches = buckets.merge(buckets, on=["band", "bucket"], suffixes=("_a", "_b"))
    pairs = matches.map_partitions(_candidates, meta={"doc_a": object, "doc_b": object}).drop_duplicates()
    texts = ddf[["doc_id", "text"]]
    pairs = pairs.merge(texts.rename(columns={"doc_id": "doc_a", "text": "text_a"}), on="doc_a")
    pairs = pairs.merge(texts.rename(columns={"doc_id": "doc_b", "text": "text_b"}), on="doc_b")
    return pairs.map_partitions(
        _verified,
        threshold,
        meta={"doc_a": object, "doc_b": object, "similarity": "float64", "containment": "float64"},
    )
