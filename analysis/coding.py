"""Validation on your own corpus: coding sheets for a human coder, and agreement with the tool.

Three steps (docs/validation.md): :func:`coding_sheet` draws a seeded sample of units from an
:class:`~analysis.pipeline.Analysis` (a sentence for sentiment and hedging, an attribution for
sources, a paragraph for repetition), tool-negative units included so that recall can be estimated;
a human codes each unit against the codebook (docs/codebook.md); :func:`agreement` reads the coded
sheet back and compares the codes with the tool's labels.

A sheet is one row per unit.  The coder sees ``sheet, row, check, measure, unit_id, doc_id, context``
(the unit marked ``[[`` ... ``]]`` between its neighbours) and fills ``code`` and ``note`` (and
``source`` for sources).  The tool's labels and the sampling design (``stratum``, ``weight``, the
``tool_*`` columns) are the *key*, kept in a separate file by default so the coder is not primed.
``sheet`` identifies the draw and ``check`` each row (a hash of the sheet id, row, unit and
context): :func:`agreement` refuses rows from another draw and rows whose context was edited.
"""

from __future__ import annotations

import hashlib
import re
import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.sentiment import NEGATIVE, POSITIVE

__all__ = ["CODEBOOK", "Agreement", "agreement", "coding_sheet", "key_path"]

CODEBOOK: dict[str, tuple[int, ...]] = {
    "sentiment": (-2, -1, 0, 1, 2),
    "hedges": (0, 1),
    "sources": (0, 1),
    "repetition": (0, 1),
}
"""The values a coder may give per measure (docs/codebook.md says what each one means)."""

MARK_OPEN, MARK_CLOSE = "[[", "]]"
VISIBLE = ["sheet", "row", "check", "measure", "unit_id", "doc_id", "context"]
KEY = ["sheet", "row", "start", "end", "stratum", "population", "sampled", "weight", "tool_label", "tool_detail"]
BOOTSTRAP_RESAMPLES = 1999
_CODE_COLUMN = re.compile(r"^code(?:_(?P<coder>\w+))?$")


def key_path(path) -> Path:
    """Where the key of the sheet at ``path`` is kept: ``NAME.key.csv`` beside it.

    >>> key_path("coded/hedges.csv").as_posix()
    'coded/hedges.key.csv'
    """
    path = Path(path)
    return path.with_name(f"{path.stem}.key.csv")


# --- units --------------------------------------------------------------------------------------------------


def _texts(res) -> dict[str, str]:
    return dict(zip(res.corpus["doc_id"], res.corpus["text"]))


def _contexts(units: pd.DataFrame, frames: pd.DataFrame, texts: dict[str, str]) -> list[str]:
    """Each unit marked inside its context: from the start of the frame (sentence or paragraph)
    before the one the unit starts in to the end of the frame after the one it ends in."""
    contexts = []
    bounds = {doc: (g["start"].to_numpy(int), g["end"].to_numpy(int)) for doc, g in frames.groupby("doc_id")}
    for doc, start, end in zip(units["doc_id"], units["start"], units["end"]):
        starts, ends = bounds[doc]
        first = max(int(np.searchsorted(starts, start, side="right")) - 2, 0)
        last = min(int(np.searchsorted(starts, end - 1, side="right")), len(ends) - 1)
        text = texts[doc]
        lo, hi = min(int(starts[first]), start), max(int(ends[last]), end)
        contexts.append(f"{text[lo:start]}{MARK_OPEN}{text[start:end]}{MARK_CLOSE}{text[end:hi]}")
    return contexts


def _counted_sentences(res) -> pd.DataFrame:
    sentences = res.sentences
    if res.dedupe:
        sentences = sentences[~sentences["is_duplicate"].fillna(False).astype(bool)]
    return sentences[["doc_id", "start", "end", "compound"]].astype({"start": int, "end": int})


def _spans_inside(units: pd.DataFrame, spans: pd.DataFrame, label: str) -> list[str]:
    """Per unit, the ``label`` values of the spans that start inside it, joined by '; '."""
    found: dict[tuple, list[str]] = {}
    by_doc = {doc: g.sort_values("start") for doc, g in spans.groupby("doc_id")}
    for doc, g in units.groupby("doc_id"):
        if doc not in by_doc:
            continue
        inner = by_doc[doc]
        starts = inner["start"].to_numpy(int)
        for start, end in zip(g["start"], g["end"]):
            lo, hi = np.searchsorted(starts, start), np.searchsorted(starts, end)
            if hi > lo:
                found[(doc, start)] = [str(v) for v in inner[label].iloc[lo:hi]]
    return ["; ".join(found.get(key, [])) for key in zip(units["doc_id"], units["start"])]


def _sentiment_units(res) -> pd.DataFrame:
    units = _counted_sentences(res)
    sign = np.select([units["compound"] >= POSITIVE, units["compound"] <= NEGATIVE], [1, -1], 0)
    return units.assign(tool_label=sign, tool_detail=units["compound"].round(4).astype(str), category=sign)


def _hedge_units(res) -> pd.DataFrame:
    units = _counted_sentences(res).drop(columns="compound")
    # A booster raises commitment: it is not hedging (docs/codebook.md).
    cues = res.hedges[res.hedges["category"] != "booster"]
    cues = cues.assign(cue=cues["text"] + " (" + cues["category"] + ")", start=cues["start"].astype(int))
    detail = _spans_inside(units, cues, "cue")
    first = [categories.split("; ")[0] or "none" for categories in _spans_inside(units, cues, "category")]
    return units.assign(tool_label=[int(bool(d)) for d in detail], tool_detail=detail, category=first)


def _source_units(res) -> pd.DataFrame:
    quotes = res.quotes
    spans = quotes.assign(
        lo=quotes[["content_start", "cue_start"]].min(axis=1), hi=quotes[["content_end", "cue_end"]].max(axis=1)
    )
    # One unit per attribution, its source and stance as attribution_table gives them (which needs columns
    # an empty quotes table lacks), spanning every segment's content and cue.
    found = spans.groupby(["doc_id", "attribution"], sort=False).agg(
        start=("lo", "min"), end=("hi", "max"), source=("source", "first"), stance=("stance", "first")
    ).reset_index()
    positives = pd.DataFrame(
        {
            "doc_id": found["doc_id"],
            "start": found["start"].astype(int),
            "end": found["end"].astype(int),
            "tool_label": 1,
            "tool_detail": found["source"].fillna("(no source)").astype(str),
            "category": found["stance"].fillna("none").astype(str),
        }
    )
    sentences = _counted_sentences(res).drop(columns="compound").reset_index(drop=True)
    touched = np.zeros(len(sentences), bool)
    spans_of = dict(tuple(positives.groupby("doc_id")))
    for doc, rows in sentences.groupby("doc_id").indices.items():
        if doc in spans_of:
            s, e = sentences["start"].to_numpy(int)[rows], sentences["end"].to_numpy(int)[rows]
            for start, end in zip(spans_of[doc]["start"], spans_of[doc]["end"]):
                touched[rows] |= (s < end) & (e > start)
    negatives = sentences[~touched].assign(tool_label=0, tool_detail="", category="none")
    return pd.concat([positives, negatives], ignore_index=True)


def _paragraphs(res) -> pd.DataFrame:
    grouped = res.sentences.groupby(["doc_id", "paragraph"], sort=False)
    return grouped.agg(start=("start", "min"), end=("end", "max")).reset_index().astype({"start": int, "end": int})


def _repetition_units(res) -> pd.DataFrame:
    units = _paragraphs(res)
    repeats = res.repeats.assign(
        start=res.repeats["start"].astype(int),
        found=res.repeats["unit"] + " of " + res.repeats["first_start"].astype(str),
    )
    detail = _spans_inside(units, repeats, "found")
    return units.drop(columns="paragraph").assign(
        tool_label=[int(bool(d)) for d in detail], tool_detail=detail, category="none"
    )


_UNITS = {"sentiment": _sentiment_units, "hedges": _hedge_units, "sources": _source_units,
          "repetition": _repetition_units}


# --- sampling -----------------------------------------------------------------------------------------------


def _allocate(sizes: pd.Series, n: int) -> pd.Series:
    """Equal allocation of ``n`` draws over strata of ``sizes``, a small stratum taking all it has
    and leaving the rest to the others."""
    take = pd.Series(0, index=sizes.index)
    left, open_ = n, list(sizes.index)
    while left > 0 and open_:
        share = max(left // len(open_), 1)
        for stratum in list(open_):
            extra = min(share, sizes[stratum] - take[stratum], left)
            take[stratum] += extra
            left -= extra
            if take[stratum] == sizes[stratum]:
                open_.remove(stratum)
            if left == 0:
                break
    return take


def _sheet_id(res, measure, n, seed, stratify, include_negatives) -> str:
    digest = hashlib.sha256(repr((measure, n, seed, stratify, include_negatives)).encode())
    for doc, text in zip(res.corpus["doc_id"], res.corpus["text"]):
        digest.update(f"{doc}\0{text}\0".encode("utf-8", "surrogatepass"))
    return f"{measure}-{digest.hexdigest()[:10]}"


def _check(sheet: str, row, unit_id: str, context: str) -> str:
    return hashlib.sha256(f"{sheet}\0{row}\0{unit_id}\0{context}".encode()).hexdigest()[:12]


def coding_sheet(
    res,
    measure: str,
    *,
    n: int = 100,
    seed: int = 0,
    stratify: str | None = None,
    include_negatives: bool = True,
    coders: int = 1,
    path=None,
    hide_labels: bool = True,
) -> pd.DataFrame:
    """Draw a coding sheet: a seeded sample of ``measure``'s units for a human coder.

    The units are split into strata by the tool's label (sentiment: the sign of the compound
    score; the other measures: found / not found), and further by ``stratify``; ``n`` draws are
    shared equally between the strata (a small stratum gives all its units, the rest go to the
    others), and the sampled rows are shuffled so the coder cannot tell the strata apart.  Each
    row's ``weight`` is its stratum's population over its sample, which :func:`agreement` uses to
    estimate the corpus's precision and recall.  With ``res.dedupe``, sentences that repeat an
    earlier one are not units (the measures did not count them).

    Parameters
    ----------
    res : Analysis
        The result of :func:`analysis.analyze`.
    measure : {"sentiment", "hedges", "sources", "repetition"}
        Units: a sentence (sentiment, hedges), an attribution and, as negatives, the sentences
        without one (sources), a paragraph (repetition).
    n : int
        Units to draw (fewer when the corpus has fewer).
    seed : int
        Seed of the draw; the same analysis, arguments and seed give the same sheet.
    stratify : str, optional
        ``"tool_category"`` (hedges: the category of the sentence's first cue; sources: the stance
        of the cue; sentiment: the sign, already a stratum), or a column of ``res.documents`` (a
        group such as an outlet).
    include_negatives : bool
        Draw tool-negative units too (needed for recall; sentiment: the neutral sentences).
    coders : int
        Coders who will code the same rows: one gives the columns ``code``, ``note``; two or
        more give ``code_1``, ``note_1``, ``code_2`` ...
    path : str or Path, optional
        Write the sheet there as CSV (UTF-8); must not exist yet.  With ``hide_labels`` the key
        goes to :func:`key_path` beside it, else into the sheet's last columns.
    hide_labels : bool
        Keep the tool's labels out of the file the coder sees.

    Returns
    -------
    pandas.DataFrame
        One row per drawn unit, in the shuffled order: ``sheet`` (the draw's id), ``row`` (1...),
        ``check`` (the row's hash), ``measure``, ``unit_id`` (``doc_id:start-end``), ``doc_id``,
        ``context``, the empty coder columns (``code``, ``note``, and ``source`` for sources), then
        the key: ``start``, ``end`` (the unit's offsets into the text as given), ``stratum``,
        ``population`` and ``sampled`` (units of the stratum in the corpus and on the sheet),
        ``weight`` (population / sampled), ``tool_label`` (sentiment: -1, 0, 1; else 1 found, 0 not)
        and ``tool_detail`` (the compound score, the cues, the source or the earlier copies).

    Examples
    --------
    >>> import analysis
    >>> res = analysis.analyze(["Kim may resign. The vote is on Monday. Lee perhaps knows."])
    >>> sheet = coding_sheet(res, "hedges", n=3, seed=1)
    >>> sheet["tool_label"].tolist(), sheet["weight"].tolist()
    ([0, 1, 1], [1.0, 1.0, 1.0])
    >>> print(sheet.loc[0, "context"])
    Kim may resign. [[The vote is on Monday.]] Lee perhaps knows.
    """
    if measure not in _UNITS:
        raise ValueError(f"expected a measure among {', '.join(_UNITS)}, found {measure!r}")
    if n < 1 or coders < 1:
        raise ValueError(f"expected n and coders of at least 1, found n={n}, coders={coders}")
    if path is not None and (Path(path).exists() or (hide_labels and key_path(path).exists())):
        raise ValueError(
            f"expected a new file for the sheet, found an existing {path} or its key (a coded sheet would be lost)"
        )
    units = _UNITS[measure](res)
    if not include_negatives:
        units = units[units["tool_label"] != 0]
    strata = units["tool_label"].astype(str)
    if stratify == "tool_category":
        strata = strata + "|" + units["category"].astype(str)
    elif stratify is not None:
        if stratify not in res.documents.columns:
            raise ValueError(
                f"expected stratify to be 'tool_category' or a column of the documents table, found {stratify!r}"
            )
        group = res.documents.set_index("doc_id")[stratify].astype(str)
        strata = strata + "|" + units["doc_id"].map(group)
    units = units.assign(stratum=strata.to_numpy()).reset_index(drop=True)
    if units.empty:
        raise ValueError(f"expected units of {measure} to sample, found none in {len(res.documents)} document(s)")
    rng = np.random.default_rng(seed)
    sizes = units["stratum"].value_counts().sort_index()
    if n < len(sizes):
        raise ValueError(
            f"expected n of at least the number of strata ({len(sizes)}: every stratum needs a unit for the "
            f"estimates to cover the corpus), found n={n}"
        )
    take = _allocate(sizes, n)
    picked = [
        rng.choice(units.index[units["stratum"] == stratum], size=int(k), replace=False)
        for stratum, k in take.items() if k
    ]
    order = rng.permutation(np.concatenate(picked))
    sheet = units.loc[order].reset_index(drop=True)
    sheet["population"] = sheet["stratum"].map(sizes).astype(int)
    sheet["sampled"] = sheet["stratum"].map(take).astype(int)
    sheet["weight"] = sheet["population"] / sheet["sampled"]
    sheet_id = _sheet_id(res, measure, n, seed, stratify, include_negatives)
    sheet["sheet"] = sheet_id
    sheet["row"] = np.arange(1, len(sheet) + 1)
    sheet["measure"] = measure
    sheet["unit_id"] = sheet["doc_id"] + ":" + sheet["start"].astype(str) + "-" + sheet["end"].astype(str)
    frames = _paragraphs(res) if measure == "repetition" else res.sentences[["doc_id", "start", "end"]]
    sheet["context"] = _contexts(sheet, frames.sort_values(["doc_id", "start"]), _texts(res))
    sheet["check"] = [_check(*row) for row in zip(sheet["sheet"], sheet["row"], sheet["unit_id"], sheet["context"])]
    coder_columns = []
    for suffix in [""] if coders == 1 else [f"_{i}" for i in range(1, coders + 1)]:
        coder_columns += [f"code{suffix}"] + ([f"source{suffix}"] if measure == "sources" else []) + [f"note{suffix}"]
    for column in coder_columns:
        sheet[column] = ""
    sheet = sheet[VISIBLE + coder_columns + KEY[2:]]
    if path is not None:
        path = Path(path)
        if hide_labels:
            sheet[VISIBLE + coder_columns].to_csv(path, index=False)
            sheet[KEY].to_csv(key_path(path), index=False)
        else:
            sheet.to_csv(path, index=False)
    return sheet


# --- agreement ----------------------------------------------------------------------------------------------


@dataclass
class Agreement:
    """What :func:`agreement` returns.

    Attributes
    ----------
    figures : pandas.DataFrame
        One row per figure: ``coder`` (a coder's name, ``""`` for a lone coder, or ``"coders"``
        for agreement between coders), ``statistic``, ``estimate``, ``low`` and ``high`` (the
        bootstrap interval; NaN where none is computed), ``n`` (the coded units it rests on) and
        ``meaning`` (the figure in plain words).
    confusion : pandas.DataFrame
        Per coder, units by ``tool`` label and ``human`` code: ``units`` on the sheet and
        ``estimated`` in the corpus (the units weighted by their strata).
    disagreements : pandas.DataFrame
        The coded rows where a coder and the tool differ (sentiment: in sign): ``row``,
        ``coder``, ``unit_id``, ``context``, ``tool_label``, ``tool_detail``, ``code``, ``note``.
    """

    figures: pd.DataFrame
    confusion: pd.DataFrame
    disagreements: pd.DataFrame


def _read(sheet) -> pd.DataFrame:
    if isinstance(sheet, pd.DataFrame):
        return sheet.copy()
    path = Path(sheet)
    if not path.is_file():
        raise FileNotFoundError(f"expected a coded sheet (CSV), found no file {path}")
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    if "tool_label" not in frame.columns:
        key = key_path(path)
        if not key.is_file():
            raise FileNotFoundError(f"expected the sheet's key {key} beside it (written by coding_sheet), found none")
        keys = pd.read_csv(key, dtype=str, keep_default_na=False)
        missing = sorted(set(KEY) - set(keys.columns))
        if missing:
            raise ValueError(f"{key}: expected the key columns {', '.join(KEY)}, found no {', '.join(missing)}")
        frame = _join_key(frame, keys, key)
    return frame


def _rows(frame: pd.DataFrame, mask) -> str:
    """'row 4' or 'rows 3, 6' (the sheet's row numbers; the first 20 and how many more)."""
    rows = frame.loc[mask, "row"].astype(str).tolist()
    listed = ", ".join(rows[:20]) + (f" and {len(rows) - 20} more" if len(rows) > 20 else "")
    return f"row {listed}" if len(rows) == 1 else f"rows {listed}"


def _join_key(frame: pd.DataFrame, keys: pd.DataFrame, key: Path) -> pd.DataFrame:
    for name in ("sheet", "row"):
        if name not in frame.columns:
            raise ValueError(f"expected a sheet column {name!r} (from coding_sheet), found none")
    joined = frame.merge(keys, on=["sheet", "row"], how="left", indicator=True)
    unknown = joined["_merge"] == "left_only"
    if unknown.any():
        raise ValueError(f"{_rows(joined, unknown)}: not in the key {key} (from another sheet?)")
    return joined.drop(columns="_merge")


def _validate(frame: pd.DataFrame) -> str:
    missing = [column for column in VISIBLE + KEY if column not in frame.columns]
    if missing:
        raise ValueError(
            f"expected the coding sheet's columns, found no {', '.join(missing)} "
            "(a sheet without its key? pass the sheet's path, with its key file beside it)"
        )
    frame["row"] = frame["row"].astype(str)
    if frame.empty:
        raise ValueError("expected coded rows, found an empty sheet")
    repeated = frame.duplicated(["sheet", "row"], keep="first")
    if repeated.any():
        raise ValueError(f"{_rows(frame, repeated)}: given more than once; each row must appear once")
    measures = frame["measure"].unique()
    if len(measures) != 1 or measures[0] not in CODEBOOK:
        raise ValueError(f"expected one measure among {', '.join(CODEBOOK)}, found {', '.join(map(str, measures))}")
    sheets = frame["sheet"].value_counts()
    foreign = frame["sheet"] != sheets.index[0]
    if foreign.any():
        raise ValueError(
            f"{_rows(frame, foreign)}: from another sheet ({', '.join(sheets.index[1:])}, "
            f"not {sheets.index[0]}); agreement is computed on one draw"
        )
    expected = [_check(*values) for values in zip(frame["sheet"], frame["row"], frame["unit_id"], frame["context"])]
    edited = frame["check"] != pd.Series(expected, index=frame.index)
    if edited.any():
        raise ValueError(
            f"{_rows(frame, edited)}: the context, unit or row number differs from the drawn sheet "
            "(edited, or rows from another run); restore them from the sheet as drawn"
        )
    return measures[0]


def _codes(frame: pd.DataFrame, column: str, measure: str) -> pd.Series:
    """The column's codes as floats (NaN where empty); a code outside the codebook is an error naming its rows."""
    raw = frame[column].astype(str).str.strip().replace({"nan": "", "<NA>": ""})
    numbers = pd.to_numeric(raw.where(raw != ""), errors="coerce")
    allowed = CODEBOOK[measure]
    bad = (raw != "") & ~numbers.isin(allowed)
    if bad.any():
        found = ", ".join(sorted(set(raw[bad]))[:5])
        raise ValueError(
            f"{_rows(frame, bad)}: {column} must be one of {', '.join(map(str, allowed))} "
            f"(the {measure} codebook, docs/codebook.md), found {found}"
        )
    return numbers


def _stratified_interval(cells: np.ndarray, n_cells: int, strata, weights, statistic, seed: int):
    """Percentile bootstrap interval of ``statistic(weighted counts)``, resampling inside each stratum
    (scipy.stats.bootstrap, one sample per stratum); a stratum of one unit is held fixed."""
    # scipy.stats, scikit-learn and krippendorff are imported where used: `import analysis` stays quick.
    from scipy.stats import bootstrap

    fixed = np.zeros(n_cells)
    samples, sample_weights = [], []
    for stratum in np.unique(strata):
        inside = strata == stratum
        if inside.sum() < 2:
            fixed += np.bincount(cells[inside], minlength=n_cells) * weights[inside][0]
        else:
            samples.append(cells[inside])
            sample_weights.append(weights[inside][0])
    if not samples:
        return np.nan, np.nan

    def counted(*resampled, axis=-1):
        total = np.broadcast_to(fixed, resampled[0].shape[:-1] + (n_cells,)).copy()
        for sample, weight in zip(resampled, sample_weights):
            total += weight * np.stack([(sample == c).sum(axis=axis) for c in range(n_cells)], axis=-1)
        return statistic(total)

    with np.errstate(invalid="ignore", divide="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = bootstrap(
            samples, counted, n_resamples=BOOTSTRAP_RESAMPLES, method="percentile", random_state=seed, vectorized=True
        )
    return _percentiles(result.bootstrap_distribution)


def _percentiles(distribution) -> tuple[float, float]:
    """The 95 % percentile interval, leaving out resamples where the figure is undefined (0/0)."""
    distribution = np.asarray(distribution, dtype=float)
    if np.isnan(distribution).all():
        return np.nan, np.nan
    low, high = np.nanpercentile(distribution, [2.5, 97.5])
    return float(low), float(high)


def _ratio(numerator, denominator):
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(denominator > 0, numerator / np.where(denominator > 0, denominator, 1), np.nan)


# Cells of a binary comparison: 2 * tool + human.
def _precision(c):
    return _ratio(c[..., 3], c[..., 3] + c[..., 2])


def _recall(c):
    return _ratio(c[..., 3], c[..., 3] + c[..., 1])


def _f1(c):
    return _ratio(2 * c[..., 3], 2 * c[..., 3] + c[..., 1] + c[..., 2])


def _accuracy(c):
    return _ratio(c[..., 0] + c[..., 3], c.sum(axis=-1))


def _share_agreeing(c):
    return _ratio(c[..., 1], c.sum(axis=-1))


def _kappa(a, b, labels) -> float:
    from sklearn.metrics import cohen_kappa_score

    with np.errstate(invalid="ignore", divide="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return float(cohen_kappa_score(a, b, labels=list(labels)))


def _alpha(data, labels, level: str) -> float:
    import krippendorff

    data = np.asarray(data, dtype=float)
    if np.unique(data[~np.isnan(data)]).size < 2:
        return np.nan  # one value only: alpha is 0/0
    with np.errstate(invalid="ignore", divide="ignore"):
        return float(krippendorff.alpha(reliability_data=data, value_domain=list(labels), level_of_measurement=level))


MEANINGS = {
    "precision": "of the units the tool marks, the estimated share the coder marks too",
    "recall": "of the units the coder marks, the estimated share the tool marks too (each sampled negative "
    "counting for the negatives it stands for)",
    "f1": "harmonic mean of precision and recall",
    "accuracy": "estimated share of the corpus's units on which tool and coder agree",
    "sign_agreement": "estimated share of the corpus's sentences where the tool's sign and the coder's sign agree",
    "spearman": "rank correlation of the tool's compound score with the coder's rating, over the sheet",
    "kappa": "Cohen's kappa, tool vs coder over the sheet: agreement beyond chance (1 perfect, 0 chance)",
    "alpha": "Krippendorff's alpha, tool vs coder over the sheet (1 perfect, 0 chance; 0.8 is the usual bar)",
    "source_match": "of the units both call an attribution and the coder names a source, the share of matching names",
    "alpha_coders": "Krippendorff's alpha between the human coders (units coded by at least two)",
    "kappa_coders": "Cohen's kappa between the two human coders (units both coded)",
}


def _name_words(name: str) -> set[str]:
    return set(re.findall(r"\w+", str(name).casefold())) - {"the", "a", "an", "of"}


def _source_match(tool: str, human: str) -> bool:
    """Lenient: one name's words contain the other's ('Kim' matches 'Kim Jong Gyu', 'the ministry' 'Ministry')."""
    a, b = _name_words(tool), _name_words(human)
    return bool(a and b) and (a <= b or b <= a)


def _coder_figures(frame, codes, coder, measure, seed):
    coded = codes.notna().to_numpy()
    rows = frame[coded]
    human = codes[coded].to_numpy()
    tool = rows["tool_label"].astype(float).to_numpy()
    strata = rows["stratum"].to_numpy()
    # The coded rows stand for their stratum: a stratum's weight is its population over its coded rows.
    coded_per_stratum = rows.groupby("stratum")["row"].transform("size").to_numpy()
    weights = rows["population"].astype(float).to_numpy() / coded_per_stratum
    figures = []

    def add(statistic, estimate, low=np.nan, high=np.nan):
        figures.append(
            {"coder": coder, "statistic": statistic, "estimate": float(estimate), "low": low, "high": high,
             "n": int(coded.sum()), "meaning": MEANINGS[statistic]}
        )

    if measure == "sentiment":
        human_sign = np.sign(human)
        agree = (human_sign == tool).astype(int)
        cells_total = np.bincount(agree, weights=weights, minlength=2)
        interval = _stratified_interval(agree, 2, strata, weights, _share_agreeing, seed)
        add("sign_agreement", _share_agreeing(cells_total), *interval)
        scores = rows["tool_detail"].astype(float).to_numpy()
        add("spearman", *_spearman(scores, human, seed))
        add("kappa", _kappa(tool, human_sign, (-1, 0, 1)))
        add("alpha", _alpha([tool, human_sign], (-1, 0, 1), "ordinal"))
        compared, labels = human_sign, (-1, 0, 1)
    else:
        cells = (2 * tool + human).astype(int)
        totals = np.bincount(cells, weights=weights, minlength=4)
        for name, statistic in [("precision", _precision), ("recall", _recall), ("f1", _f1),
                                ("accuracy", _accuracy)]:
            add(name, statistic(totals), *_stratified_interval(cells, 4, strata, weights, statistic, seed))
        add("kappa", _kappa(tool, human, (0, 1)))
        add("alpha", _alpha([tool, human], (0, 1), "nominal"))
        compared, labels = human, (0, 1)
        source_column = "source" + _suffix(coder)
        if measure == "sources" and source_column in rows.columns:
            both = (tool == 1) & (human == 1) & (rows[source_column].astype(str).str.strip() != "").to_numpy()
            if both.any():
                matches = [_source_match(t, h) for t, h in zip(rows["tool_detail"][both], rows[source_column][both])]
                figures.append({"coder": coder, "statistic": "source_match", "estimate": float(np.mean(matches)),
                                "low": np.nan, "high": np.nan, "n": int(both.sum()),
                                "meaning": MEANINGS["source_match"]})
    confusion = (
        pd.DataFrame({"tool": tool.astype(int), "human": compared.astype(int), "weight": weights})
        .groupby(["tool", "human"])
        .agg(units=("weight", "size"), estimated=("weight", "sum"))
        .reindex(pd.MultiIndex.from_product([labels, labels], names=["tool", "human"]), fill_value=0)
        .reset_index()
        .assign(coder=coder)
    )
    differ = compared != tool
    note_column = "note" + _suffix(coder)
    disagreements = rows[differ].assign(
        coder=coder, code=human[differ].astype(int),
        note=rows.loc[differ, note_column] if note_column in rows.columns else "",
    )[["row", "coder", "unit_id", "context", "tool_label", "tool_detail", "code", "note"]]
    return figures, confusion[["coder", "tool", "human", "units", "estimated"]], disagreements


def _suffix(coder: str) -> str:
    return f"_{coder}" if coder else ""


def _spearman(scores, ratings, seed):
    from scipy.stats import bootstrap, spearmanr

    def rho(x, y):
        return spearmanr(x, y).statistic

    with np.errstate(invalid="ignore", divide="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        estimate = rho(scores, ratings)
        if len(scores) < 3 or np.isnan(estimate):
            return estimate, np.nan, np.nan
        result = bootstrap((scores, ratings), rho, paired=True, vectorized=False, n_resamples=BOOTSTRAP_RESAMPLES,
                           method="percentile", random_state=seed)
    return (estimate, *_percentiles(result.bootstrap_distribution))


def _intercoder_figures(matrix: np.ndarray, measure: str) -> list[dict]:
    """Agreement between the human coders (one row of ``matrix`` per coder, NaN where not coded).
    Sentiment: alpha on the ratings at the ordinal level, kappa on their signs."""
    sentiment = measure == "sentiment"
    by_two = (~np.isnan(matrix)).sum(axis=0) >= 2
    alpha = _alpha(matrix, CODEBOOK[measure], "ordinal" if sentiment else "nominal")
    figures = [{"coder": "coders", "statistic": "alpha_coders", "estimate": alpha, "low": np.nan, "high": np.nan,
                "n": int(by_two.sum()),
                "meaning": MEANINGS["alpha_coders"] + (", on the -2..2 ratings (ordinal)" if sentiment else "")}]
    if len(matrix) == 2:
        both = ~np.isnan(matrix).any(axis=0)
        pair = np.sign(matrix[:, both]) if sentiment else matrix[:, both]
        kappa = _kappa(pair[0], pair[1], (-1, 0, 1) if sentiment else CODEBOOK[measure])
        figures.append({"coder": "coders", "statistic": "kappa_coders", "estimate": kappa, "low": np.nan,
                        "high": np.nan, "n": int(both.sum()),
                        "meaning": MEANINGS["kappa_coders"] + (", on the signs of the ratings" if sentiment else "")})
    return figures


def agreement(sheet, *, seed: int = 0) -> Agreement:
    """Compare a coded sheet with the tool: precision, recall, F1, kappa, alpha, confusion, disagreements.

    Precision, recall, F1, accuracy and sentiment's sign agreement are estimates for the whole
    corpus: each coded unit counts with its stratum's weight (the stratum's units in the corpus
    over its coded units), so tool-negative units, drawn at a lower rate than they occur, count as
    often as they occur (docs/validation.md gives the estimator).  Their 95 % intervals are
    percentile bootstrap intervals (scipy.stats.bootstrap, resampling inside each stratum, seeded).
    Kappa (scikit-learn), Krippendorff's alpha (the ``krippendorff`` package) and Spearman's
    correlation describe the units on the sheet, unweighted.

    Parameters
    ----------
    sheet : str, Path or pandas.DataFrame
        A sheet from :func:`coding_sheet`, coded; a CSV path finds its key beside it
        (:func:`key_path`) unless the key columns are in the sheet.
    seed : int
        Seed of the bootstrap.

    Returns
    -------
    Agreement
        ``figures``, ``confusion`` and ``disagreements`` (see :class:`Agreement`).

    Raises
    ------
    ValueError
        No code at all; a code outside the codebook; a row whose context, unit or row number was
        edited, or which belongs to another sheet (each error names the rows).  Rows left uncoded
        give a ``UserWarning`` with their number, and the figures are over the coded rows.

    Examples
    --------
    >>> import analysis
    >>> res = analysis.analyze(["Kim may resign. The vote is on Monday. Lee perhaps knows."])
    >>> sheet = coding_sheet(res, "hedges", n=3, seed=1)
    >>> sheet["code"] = ["1", "1", "1"]  # the coder reads a hedge in every sentence
    >>> result = agreement(sheet)
    >>> result.figures.set_index("statistic").loc[["precision", "recall"], "estimate"].round(3).tolist()
    [1.0, 0.667]
    >>> result.disagreements["row"].tolist()
    ['1']
    """
    frame = _read(sheet)
    measure = _validate(frame)
    code_columns = {m["coder"] or "": column for column in frame.columns if (m := _CODE_COLUMN.match(column))}
    if not code_columns:
        raise ValueError("expected a code column (code, or code_1, code_2 ... for several coders), found none")
    codes = {coder: _codes(frame, column, measure) for coder, column in code_columns.items()}
    if all(c.isna().all() for c in codes.values()):
        raise ValueError(
            f"expected codes, found none: the column(s) {', '.join(code_columns.values())} are empty in all "
            f"{len(frame)} rows; code the sheet against docs/codebook.md first"
        )
    figures, confusions, disagreements = [], [], []
    for coder, column in code_columns.items():
        missing = codes[coder].isna()
        if missing.all():
            warnings.warn(f"{column}: no row is coded; this coder is left out", UserWarning, stacklevel=2)
            continue
        if missing.any():
            warnings.warn(
                f"{column}: {int(missing.sum())} of {len(frame)} rows are not coded ({_rows(frame, missing)}); "
                f"the figures are over the {int((~missing).sum())} coded rows",
                UserWarning,
                stacklevel=2,
            )
            empty = sorted(set(frame["stratum"]) - set(frame.loc[~missing, "stratum"]))
            if empty:
                warnings.warn(
                    f"{column}: no coded row in stratum {', '.join(empty)}; the corpus's units of that stratum "
                    "are not covered by the estimates",
                    UserWarning,
                    stacklevel=2,
                )
        f, c, d = _coder_figures(frame, codes[coder], coder, measure, seed)
        figures += f
        confusions.append(c)
        disagreements.append(d)
    if len(codes) > 1:
        figures += _intercoder_figures(np.vstack([c.to_numpy(float) for c in codes.values()]), measure)
    return Agreement(
        figures=pd.DataFrame(figures, columns=["coder", "statistic", "estimate", "low", "high", "n", "meaning"]),
        confusion=pd.concat(confusions, ignore_index=True),
        disagreements=pd.concat(disagreements, ignore_index=True),
    )
