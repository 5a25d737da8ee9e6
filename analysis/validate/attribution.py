"""Score the attribution extractor on PolNeAR (brat standoff).

``python -m analysis.validate attribution DIR`` where ``DIR`` holds ``text/<article>.txt``
and ``attributions/<article>_<annotator>.ann`` (PolNeAR; Newell, Margolin & Ruths 2018).

Pairing
    A predicted attribution pairs with a gold one when their cue spans overlap, else when
    their contents overlap by at least half of the shorter content (contents may be lists of
    spans; lengths and overlaps are summed over them).  Pairs are one-to-one, best first (cue
    overlap before content overlap, then larger content overlap).  A prediction that pairs
    with no gold attribution is a false positive, except where the view exempts it.
Views
    Both views score the same extractor rows with the same pairing; they differ in what a
    prediction is and in what may go uncounted.

    ``lenient``
        Every extractor row is one prediction.  A prediction without a cue of its own (a
        quoted sentence that inherits its speaker) that is left unpaired although it meets
        the content criterion with an already paired gold attribution is a continuation of
        it: PolNeAR marks a quotation over several sentences as one content, the extractor
        as one row per quoted sentence; such rows count neither as hits nor as false
        positives (nor as predictions).
    ``strict``
        The rows that share an ``attribution`` number (the segments of one attribution) are
        merged into one prediction; without that key every row is its own attribution.  The
        merged content is the list of all the segments' content spans; the cue is the first
        segment cue, the speaker the first segment speaker (with that row's ``speech_verb``,
        the first row's if no segment has a speaker).  Nothing is exempt: every merged
        prediction that pairs with no gold attribution is a false positive, with or without
        a cue.
Subsets
    ``all`` scores every gold attribution; ``speech-verb cue`` the gold attributions whose
    cue contains a verb of saying from ``data/reporting_verbs.csv`` (``speech == yes``), and
    the predictions whose ``speech_verb`` is set (their cue, or the inherited cue, is one;
    for precision).
Source overlap
    A paired prediction scores a source hit when its speaker span overlaps the gold source
    span; precision is hits over predictions with a speaker, recall hits over gold
    attributions with a source (both within the subset), in either view.
Several annotators
    Two dev articles were annotated by six annotators each.  Every annotator's file is
    scored against the same predictions and the article's counts are averaged over its
    annotators, so each article weighs the same whatever the number of annotators.
Errors
    The typical errors (missed gold attributions, false positives, wrong sources) are listed
    for the strict view, from the first annotator's file of each article.
"""

from __future__ import annotations

import argparse
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from analysis.segment import segment_document
from analysis.sources import extract_attributions, reporting_verbs
from analysis.validate.scores import precision_recall_f1

Span = tuple[int, int]
VIEWS = {"lenient": False, "strict": True}  # view name -> strict


@dataclass
class Gold:
    cue: list[Span] = field(default_factory=list)
    content: list[Span] = field(default_factory=list)
    source: list[Span] = field(default_factory=list)
    cue_text: str = ""


def read_ann(path: Path) -> list[Gold]:
    """Gold attributions of one brat ``.ann`` file (T and E lines; notes are ignored)."""
    spans: dict[str, tuple[str, list[Span], str]] = {}
    events = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("T"):
            parts = line.split("\t")
            if len(parts) < 2:
                continue
            label, _, offsets = parts[1].partition(" ")
            try:
                segments = [tuple(int(x) for x in piece.split()) for piece in offsets.split(";")]
            except ValueError:
                continue  # a span text that ran over lines: the offsets are on the T line itself
            spans[parts[0]] = (label, [s for s in segments if len(s) == 2], parts[2] if len(parts) > 2 else "")
        elif line.startswith("E"):
            events.append(line.split("\t")[1].split())
    golds = []
    for args in events:
        gold = Gold()
        for arg in args[1:]:
            role, _, ref = arg.partition(":")
            role = re.sub(r"\d+$", "", role)
            if ref not in spans:
                continue
            _, segments, text = spans[ref]
            if role == "Cue":
                gold.cue += segments
                gold.cue_text = (gold.cue_text + " " + text).strip()
            elif role == "Content":
                gold.content += segments
            elif role == "Source":
                gold.source += segments
        golds.append(gold)
    return golds


def _overlap(a: list[Span], b: list[Span]) -> int:
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)


def _length(spans: list[Span]) -> int:
    return sum(e - s for s, e in spans)


def _speech_forms() -> re.Pattern[str]:
    forms = reporting_verbs().query("speech")["form"]
    return re.compile(r"\b(?:" + "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True)) + r")\b", re.I)


@dataclass
class Prediction:
    """One predicted attribution: its spans, and its texts for the error listings."""

    content: list[Span]
    cue: list[Span]
    speaker: list[Span]
    speech_verb: bool
    label: str  # kind/rule of the first segment
    cue_text: str | None
    speaker_text: str | None
    content_text: str


def _spans(row: dict, name: str) -> list[Span]:
    return [(row[f"{name}_start"], row[f"{name}_end"])] if row[f"{name}_start"] is not None else []


def merge(segments: list[dict]) -> Prediction:
    """One prediction from the rows (segments) of one attribution, in text order."""
    first = segments[0]
    cued = next((s for s in segments if s["cue_start"] is not None), None)
    spoken = next((s for s in segments if s["speaker_start"] is not None), first)
    return Prediction(
        content=[span for s in segments for span in _spans(s, "content")],
        cue=_spans(cued, "cue") if cued else [],
        speaker=_spans(spoken, "speaker"),
        speech_verb=bool(spoken["speech_verb"]),
        label=f"{first['kind']}/{first['rule']}",
        cue_text=cued["cue"] if cued else None,
        speaker_text=spoken["speaker"],
        content_text=" ... ".join(s["content"] for s in segments if s["content"] is not None),
    )


def attributions(rows: list[dict]) -> list[list[dict]]:
    """The rows grouped by their ``attribution`` number; a row without one is a group alone."""
    groups: dict[object, list[dict]] = {}
    for i, row in enumerate(rows):
        key = row.get("attribution")
        groups.setdefault(("row", i) if key is None else key, []).append(row)
    return list(groups.values())


def predictions(rows: list[dict], strict: bool) -> list[Prediction]:
    """The predictions of one view: one per attribution if ``strict``, else one per row."""
    return [merge(group) for group in (attributions(rows) if strict else [[row] for row in rows])]


def pair(preds: list[Prediction], golds: list[Gold], strict: bool) -> tuple[dict[int, int], set[int]]:
    """One-to-one pairs ``{pred index: gold index}`` and the exempt predictions.

    The exempt predictions are the continuations in the lenient view, none in the strict one.
    """
    candidates = []
    for i, p in enumerate(preds):
        for j, g in enumerate(golds):
            if p.cue and g.cue and _overlap(p.cue, g.cue) > 0:
                candidates.append((2, _overlap(p.content, g.content), i, j))
                continue
            shorter = min(_length(p.content), _length(g.content))
            shared = _overlap(p.content, g.content)
            if shorter and shared * 2 >= shorter:
                candidates.append((1, shared, i, j))
    pairs: dict[int, int] = {}
    taken: set[int] = set()
    for _, _, i, j in sorted(candidates, reverse=True):
        if i not in pairs and j not in taken:
            pairs[i] = j
            taken.add(j)
    if strict:
        return pairs, set()
    return pairs, {i for _, _, i, j in candidates if i not in pairs and j in taken and not preds[i].cue}


@dataclass
class Counts:
    pred: float = 0.0
    gold: float = 0.0
    pred_hit: float = 0.0
    gold_hit: float = 0.0
    pred_speaker: float = 0.0
    gold_source: float = 0.0
    source_hit: float = 0.0

    def add(self, other: Counts, weight: float) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + weight * getattr(other, name))


def score_article(
    golds: list[Gold], preds: list[Prediction], speech: re.Pattern[str], strict: bool
) -> dict[str, Counts]:
    """Counts for the ``all`` and ``speech`` subsets of one article, one annotator and one view."""
    pairs, exempt = pair(preds, golds, strict)
    paired_gold = set(pairs.values())
    out = {}
    for subset in ("all", "speech"):
        c = Counts()
        for i, p in enumerate(preds):
            if i in exempt or not (subset == "all" or p.speech_verb):
                continue
            c.pred += 1
            c.pred_hit += i in pairs
            if p.speaker:
                c.pred_speaker += 1
                c.source_hit += i in pairs and _overlap(p.speaker, golds[pairs[i]].source) > 0
        for j, g in enumerate(golds):
            if not (subset == "all" or speech.search(g.cue_text)):
                continue
            c.gold += 1
            c.gold_hit += j in paired_gold
            c.gold_source += bool(g.source)
        out[subset] = c
    return out


def _articles(folder: Path) -> dict[str, list[Path]]:
    by_article: dict[str, list[Path]] = defaultdict(list)
    for ann in sorted((folder / "attributions").glob("*.ann")):
        by_article[ann.stem.rsplit("_", 1)[0]].append(ann)
    return by_article


def main(argv: list[str]) -> int:
    """Run the validation; print figures and typical errors.  Returns 0 (1 if no data)."""
    parser = argparse.ArgumentParser(prog="python -m analysis.validate attribution")
    parser.add_argument("path", help="PolNeAR folder with text/ and attributions/")
    parser.add_argument("--examples", type=int, default=5, help="examples to print per error type")
    args = parser.parse_args(argv)
    folder = Path(args.path)
    articles = _articles(folder)
    if not articles:
        print(f"no attributions/*.ann under {folder}")
        return 1
    speech = _speech_forms()
    totals = {(view, subset): Counts() for view in VIEWS for subset in ("all", "speech")}
    missed_cues: Counter[str] = Counter()
    false_rules: Counter[str] = Counter()
    wrong_source: list[str] = []
    missed: list[str] = []
    spurious: list[str] = []
    n_gold_files = 0
    for article, files in articles.items():
        text = (folder / "text" / f"{article}.txt").read_text(encoding="utf-8")
        rows, _ = extract_attributions(segment_document(text, article))
        preds = {view: predictions(rows, strict) for view, strict in VIEWS.items()}
        for ann in files:
            n_gold_files += 1
            golds = read_ann(ann)
            for view, strict in VIEWS.items():
                for subset, c in score_article(golds, preds[view], speech, strict).items():
                    totals[view, subset].add(c, 1 / len(files))
            if ann != files[0]:
                continue  # error examples from one annotator per article
            strict_preds = preds["strict"]
            pairs, _ = pair(strict_preds, golds, strict=True)
            paired_gold = set(pairs.values())
            for j, g in enumerate(golds):
                if j not in paired_gold:
                    missed_cues[g.cue_text.lower() or "(no cue)"] += 1
                    if g.cue and len(missed) < 200:
                        s = min(a for a, _ in g.cue + g.content)
                        missed.append(f"  cue {g.cue_text!r}: {text[max(0, s - 20) : s + 100]!r}")
            for i, p in enumerate(strict_preds):
                if i in pairs:
                    g = golds[pairs[i]]
                    if p.speaker and g.source and not _overlap(p.speaker, g.source):
                        gold_source = " ".join(text[a:b] for a, b in g.source)
                        wrong_source.append(f"  cue {p.cue_text!r}: predicted {p.speaker_text!r}, gold {gold_source!r}")
                else:
                    false_rules[p.label] += 1
                    spurious.append(
                        f"  {p.label} cue {p.cue_text!r} speaker {p.speaker_text!r}: {p.content_text[:90]!r}"
                    )
    print(f"PolNeAR: {len(articles)} articles, {n_gold_files} annotation files (articles weighted equally)")
    print("lenient view: one prediction per extractor row, continuations exempt (unprefixed lines)")
    print("strict view: one prediction per attribution (segments merged), none exempt")
    for subset, label in (("all", "all gold attributions"), ("speech", "speech-verb cues")):
        lenient, strict = totals["lenient", subset], totals["strict", subset]
        print(f"\n{label}: gold {lenient.gold:.0f}, predicted {lenient.pred:.0f}, strict predicted {strict.pred:.0f}")
        for prefix, c in (("", lenient), ("strict ", strict)):
            p, r, f = precision_recall_f1(c.pred_hit, c.pred, c.gold_hit, c.gold)
            sp, sr, sf = precision_recall_f1(c.source_hit, c.pred_speaker, c.source_hit, c.gold_source)
            print(f"  {prefix}attribution  P {p:.3f}  R {r:.3f}  F1 {f:.3f}")
            print(f"  {prefix}source overlap  P {sp:.3f}  R {sr:.3f}  F1 {sf:.3f}")
    print("\nTypical errors (strict view)")
    print("  missed gold cues (most frequent):", ", ".join(f"{k!r} {v}" for k, v in missed_cues.most_common(15)))
    print("  false positives by kind/rule:", ", ".join(f"{k} {v}" for k, v in false_rules.most_common(10)))
    for title, examples in (("missed", missed), ("false positives", spurious), ("wrong source", wrong_source)):
        print(f"  {title} ({len(examples)}), e.g.:")
        step = max(1, len(examples) // max(1, args.examples))
        for line in examples[::step][: args.examples]:
            print("  " + line)
    return 0
