"""Score the attribution extractor on PolNeAR (brat standoff).

``python -m analysis.validate attribution DIR`` where ``DIR`` holds ``text/<article>.txt``
and ``attributions/<article>_<annotator>.ann`` (PolNeAR; Newell, Margolin & Ruths 2018).

Pairing
    A predicted attribution pairs with a gold one when their cue spans overlap, else when
    their contents overlap by at least half of the shorter content.  Pairs are one-to-one,
    best first (cue overlap before content overlap, then larger overlap).  A prediction
    without a cue of its own (a quoted sentence that inherits its speaker) that lies
    inside the content of an already paired gold attribution is a continuation of it:
    PolNeAR marks a quotation over several sentences as one content, the extractor as one
    row per quoted sentence; such rows count neither as hits nor as false positives.
Subsets
    ``all`` scores every gold attribution; ``speech-verb cue`` the gold attributions whose
    cue contains a verb of saying from ``data/reporting_verbs.csv`` (``speech == yes``), and
    the predictions whose cue is one (for precision).
Source overlap
    A paired prediction scores a source hit when its speaker span overlaps the gold source
    span; precision is hits over predictions with a speaker, recall hits over gold
    attributions with a source (both within the subset).
Several annotators
    Two dev articles were annotated by six annotators each.  Every annotator's file is
    scored against the same predictions and the article's counts are averaged over its
    annotators, so each article weighs the same whatever the number of annotators.
"""

from __future__ import annotations

import argparse
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from analysis.segment import segment_document
from analysis.sources import extract_attributions, reporting_verbs

Span = tuple[int, int]


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


def pair(preds: list[dict], golds: list[Gold]) -> tuple[dict[int, int], set[int]]:
    """One-to-one pairs ``{pred index: gold index}`` and the continuation predictions."""
    candidates = []
    for i, p in enumerate(preds):
        p_cue = [(p["cue_start"], p["cue_end"])] if p["cue_start"] is not None else []
        p_content = [(p["content_start"], p["content_end"])] if p["content_start"] is not None else []
        for j, g in enumerate(golds):
            if p_cue and g.cue and _overlap(p_cue, g.cue) > 0:
                candidates.append((2, _overlap(p_content, g.content), i, j))
                continue
            shorter = min(_length(p_content), _length(g.content))
            shared = _overlap(p_content, g.content)
            if shorter and shared * 2 >= shorter:
                candidates.append((1, shared, i, j))
    pairs: dict[int, int] = {}
    taken: set[int] = set()
    for _, _, i, j in sorted(candidates, reverse=True):
        if i not in pairs and j not in taken:
            pairs[i] = j
            taken.add(j)
    continuation = {i for _, _, i, j in candidates if i not in pairs and j in taken and preds[i]["cue_start"] is None}
    return pairs, continuation


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


def _prf(hit_p: float, n_p: float, hit_g: float, n_g: float) -> tuple[float, float, float]:
    p = hit_p / n_p if n_p else 0.0
    r = hit_g / n_g if n_g else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score_article(text: str, golds: list[Gold], preds: list[dict], speech: re.Pattern[str]) -> dict[str, Counts]:
    """Counts for the ``all`` and ``speech`` subsets of one article and one annotator."""
    pairs, continuation = pair(preds, golds)
    paired_gold = {j: i for i, j in pairs.items()}
    out = {}
    for subset in ("all", "speech"):
        c = Counts()

        for i, p in enumerate(preds):
            if i in continuation or not (subset == "all" or p.get("speech_verb")):
                continue
            c.pred += 1
            c.pred_hit += i in pairs
            if p["speaker_start"] is not None:
                c.pred_speaker += 1
                if i in pairs:
                    g = golds[pairs[i]]
                    c.source_hit += _overlap([(p["speaker_start"], p["speaker_end"])], g.source) > 0
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
    totals = {"all": Counts(), "speech": Counts()}
    missed_cues: Counter[str] = Counter()
    false_rules: Counter[str] = Counter()
    wrong_source: list[str] = []
    missed: list[str] = []
    spurious: list[str] = []
    n_gold_files = 0
    for article, files in articles.items():
        text = (folder / "text" / f"{article}.txt").read_text(encoding="utf-8")
        preds, _ = extract_attributions(segment_document(text, article))
        for ann in files:
            n_gold_files += 1
            golds = read_ann(ann)
            counts = score_article(text, golds, preds, speech)
            for subset, c in counts.items():
                totals[subset].add(c, 1 / len(files))
            if ann != files[0]:
                continue  # error examples from one annotator per article
            pairs, continuation = pair(preds, golds)
            paired_gold = set(pairs.values())
            for j, g in enumerate(golds):
                if j not in paired_gold:
                    missed_cues[g.cue_text.lower() or "(no cue)"] += 1
                    if g.cue and len(missed) < 200:
                        s = min(a for a, _ in g.cue + g.content)
                        missed.append(f"  cue {g.cue_text!r}: {text[max(0, s - 20) : s + 100]!r}")
            for i, p in enumerate(preds):
                if i in pairs:
                    g = golds[pairs[i]]
                    if (
                        p["speaker_start"] is not None
                        and g.source
                        and not _overlap([(p["speaker_start"], p["speaker_end"])], g.source)
                    ):
                        gold_source = " ".join(text[a:b] for a, b in g.source)
                        wrong_source.append(f"  cue {p['cue']!r}: predicted {p['speaker']!r}, gold {gold_source!r}")
                elif i not in continuation:
                    false_rules[f"{p['kind']}/{p['rule']}"] += 1
                    spurious.append(
                        f"  {p['kind']}/{p['rule']} cue {p['cue']!r} speaker {p['speaker']!r}: {p['content'][:90]!r}"
                    )
    print(f"PolNeAR: {len(articles)} articles, {n_gold_files} annotation files (articles weighted equally)")
    for subset, label in (("all", "all gold attributions"), ("speech", "speech-verb cues")):
        c = totals[subset]
        p, r, f = _prf(c.pred_hit, c.pred, c.gold_hit, c.gold)
        sp, sr, sf = _prf(c.source_hit, c.pred_speaker, c.source_hit, c.gold_source)
        print(f"\n{label}: gold {c.gold:.0f}, predicted {c.pred:.0f}")
        print(f"  attribution  P {p:.3f}  R {r:.3f}  F1 {f:.3f}")
        print(f"  source overlap  P {sp:.3f}  R {sr:.3f}  F1 {sf:.3f}")
    print("\nTypical errors")
    print("  missed gold cues (most frequent):", ", ".join(f"{k!r} {v}" for k, v in missed_cues.most_common(15)))
    print("  false positives by kind/rule:", ", ".join(f"{k} {v}" for k, v in false_rules.most_common(10)))
    for title, examples in (("missed", missed), ("false positives", spurious), ("wrong source", wrong_source)):
        print(f"  {title} ({len(examples)}), e.g.:")
        step = max(1, len(examples) // max(1, args.examples))
        for line in examples[::step][: args.examples]:
            print("  " + line)
    return 0
