"""The annotated article: one document's text with every finding marked on it.

:func:`highlight_document` renders a document as HTML: hedging matches marked by category (a
background tint plus an underline style, so categories stay apart in grayscale),
quotations underlined in their speaker's colour and numbered by speaker, and repeated
passages greyed out with a link to their first occurrence.  Each paragraph is its own
block.  Hovering a mark adds detail (the rule behind it); what each mark means is in the
legend, visible on a touch screen and in print (a print stylesheet keeps the colours).

Spans from different measures overlap freely (a hedge inside a quotation inside a
repeated paragraph).  HTML needs properly nested elements, so the text is cut at every
span boundary and, at each cut, only the elements that must change are closed and
reopened: a mark that is interrupted continues as a second element with the same
class and title.  Every piece of text, title and label is HTML-escaped, so an article
containing ``<script>`` shows those characters and never runs them.
"""

from __future__ import annotations

import hashlib
import html
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis import hedging, schema

__all__ = ["HTMLFragment", "highlight_document", "highlight", "highlight_hedges", "readable_rule", "HEDGE_CATEGORIES"]

# category -> (label, background tint, underline style); the style keeps categories
# distinguishable without colour.
HEDGE_CATEGORIES: dict[str, tuple[str, str, str]] = {
    "hedge": ("hedge", "#d6e6f5", "underline dotted 2px"),
    "booster": ("booster", "#fbd9b8", "underline solid 2px"),
    "distancing": ("distancing", "#f6c9d3", "underline wavy 1px"),
    "evidential": ("evidential", "#e2d5f3", "underline double 3px"),
    "approximator": ("approximator", "#d3ecd3", "underline dashed 2px"),
    "scare_quote": ("scare quote", "#fff0a8", "overline solid 2px"),
}
_OTHER_CATEGORY = ("other", "#e6e6e6", "underline solid 1px")

# Speaker colours: dark, so they never look like a hedge tint (all light) and the white speaker
# number on them stays readable (contrast 4.5:1 or more); in grayscale the numbers tell speakers apart.
_SPEAKER_COLOURS = ("#1f4e9c", "#a6361c", "#1d6b3a", "#6a1b9a", "#7a5200", "#00666e", "#333333", "#a4135b")
_UNKNOWN_SPEAKER_COLOUR = "#666666"

# Nesting order, outermost first: a repeated passage contains quotations, which contain hedges.
_REPEAT, _QUOTE, _HEDGE = 0, 1, 2

_STYLE = """
.ma-doc{font-family:Georgia,'Times New Roman',serif;font-size:15px;line-height:1.75;color:#1a1a1a;max-width:52em}
.ma-doc .ma-legend{font-family:system-ui,sans-serif;font-size:12.5px;line-height:1.6;margin:0 0 .8em 0;
padding:.4em .7em;border:1px solid #ddd;background:#fafafa;overflow-wrap:anywhere}
.ma-doc .ma-legend>div{display:flex;flex-wrap:wrap;align-items:baseline;gap:.25em 1.1em;margin:.25em 0}
.ma-doc .ma-legend b{white-space:nowrap}
.ma-doc .ma-text{white-space:pre-wrap;overflow-wrap:break-word}
.ma-doc .ma-p{margin:0 0 .75em 0}
.ma-doc .ma-nl{display:none}
.ma-doc .ma-hedge{padding:0 1px;text-decoration-skip-ink:none}
.ma-doc .ma-quote{border-bottom:3px solid;padding-bottom:1px}
.ma-doc .ma-quote.ma-unknown{border-bottom-style:dashed}
.ma-doc .ma-spk{font-family:system-ui,sans-serif;font-size:10px;font-weight:bold;color:#fff;border-radius:3px;
padding:0 3px;margin-right:2px;vertical-align:super;line-height:1}
.ma-doc .ma-repeat{color:#767676}
.ma-doc .ma-note{font-family:system-ui,sans-serif;font-size:11px;font-style:italic;color:#444;background:#eee;
border-radius:3px;padding:0 4px;margin-right:4px;text-decoration:none}
.ma-doc .ma-empty{font-family:system-ui,sans-serif;font-style:italic;color:#555}
@media print{
.ma-doc{max-width:none;font-size:11pt;line-height:1.6}
.ma-doc,.ma-doc *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
.ma-doc .ma-legend{background:none;border-color:#999;break-inside:avoid}
.ma-doc .ma-hover{display:none}
.ma-doc .ma-p{break-inside:avoid-page}
}
"""


@dataclass(frozen=True, repr=False)
class HTMLFragment:
    """A piece of HTML: notebooks display it, ``.save(path)`` writes it as a page to open in a
    browser, and ``str()`` or ``.data`` give the markup.

    Examples
    --------
    >>> fragment = HTMLFragment("<p>Hi</p>")
    >>> fragment
    <HTMLFragment: 9 characters of HTML; .save("page.html") writes a page to open in a browser, str() gives the markup>
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     page = fragment.save(Path(folder) / "page.html").read_text(encoding="utf-8")
    >>> page.startswith("<!DOCTYPE html>") and "<p>Hi</p>" in page
    True
    """

    data: str

    def _repr_html_(self) -> str:
        return self.data

    def __str__(self) -> str:
        return self.data

    def __repr__(self) -> str:
        return (
            f"<HTMLFragment: {len(self.data):,} characters of HTML; "
            '.save("page.html") writes a page to open in a browser, str() gives the markup>'
        )

    def save(self, path, title: str = "media-analysis") -> Path:
        """Write the fragment as a complete UTF-8 HTML page at ``path`` (overwritten) and return the path."""
        path = Path(path)
        page = (
            f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{_esc(title)}</title></head>\n<body>\n{self.data}\n</body></html>\n"
        )
        path.write_text(page, encoding="utf-8")
        return path


@dataclass(frozen=True)
class _Mark:
    start: int
    end: int
    layer: int
    css_class: str
    title: str
    style: str = ""
    lead: str = ""  # HTML placed at the start of the mark's first element (a speaker number, a note)


def _esc(value) -> str:
    return html.escape(str(value), quote=True)


def _valid(start, end, length: int) -> bool:
    return not (pd.isna(start) or pd.isna(end)) and 0 <= int(start) < int(end) <= length


def _present(value) -> bool:
    return value is not None and not pd.isna(value) and str(value) != ""


def readable_rule(rule) -> str:
    """The rule behind a hedging match in words: word-list patterns are not shown to readers.

    A lexicon rule becomes "word-list entry", with the entry when it is plain words and its
    condition in words when it has one; the alternatives of a pattern (``did|does|do ...``) are
    left out.  Any other rule is already a sentence and is kept.

    Examples
    --------
    >>> readable_rule("lexicon: at least [before_quantity]")
    "word-list entry 'at least' (only before quantity)"
    >>> readable_rule("lexicon: i|we think")
    'word-list entry'
    """
    if not _present(rule):
        return ""
    rule = str(rule)
    if not rule.startswith("lexicon:"):
        return rule
    entry = rule.removeprefix("lexicon:").strip()
    condition = re.search(r"\s*\[([a-z_]+)\]$", entry)
    if condition:
        entry = entry[: condition.start()]
    described = "word-list entry" + (f" '{entry}'" if re.fullmatch(r"[\w' -]+", entry) else "")
    return described + (f" (only {condition.group(1).replace('_', ' ')})" if condition else "")


def _hedge_marks(hedges: pd.DataFrame, length: int) -> list[_Mark]:
    # The rule first, then whatever else the hedging measure explains its matches with.
    shown = {"doc_id", "start", "end", "text", "category", "subcategory", "rule", "voice", "speaker"}
    extra = [c for c in hedges.columns if c not in shown and c.isidentifier()]
    explained_by = ["rule", *extra, "voice", "speaker"]
    marks = []
    covered_until = -1  # end of the hedge marks so far: a match overlapping one keeps its tint, not a second line
    ordered = hedges.assign(_order=range(len(hedges))).sort_values(["start", "end", "_order"], kind="stable")
    for row in ordered.itertuples(index=False):
        if not _valid(row.start, row.end, length):
            continue
        label, tint, underline = HEDGE_CATEGORIES.get(row.category, _OTHER_CATEGORY)
        parts = [label if row.category in HEDGE_CATEGORIES else f"other ({row.category})"]
        if _present(row.subcategory):
            parts[0] += f" / {row.subcategory}"
        for key in explained_by:
            value = getattr(row, key, None)
            if key == "rule":
                value = readable_rule(value)
            if _present(value):
                parts.append(f"{key}: {value}")
        overlapping = int(row.start) < covered_until
        covered_until = max(covered_until, int(row.end))
        style = f"background:{tint}" + ("" if overlapping else f";text-decoration:{underline}")
        marks.append(_Mark(int(row.start), int(row.end), _HEDGE, "ma-hedge", "; ".join(parts), style))
    return marks


def _speaker_numbers(quotes: pd.DataFrame) -> dict[str, int]:
    """1-based number of each speaker, in order of their first quotation."""
    numbers: dict[str, int] = {}
    for source in quotes.sort_values("content_start", kind="stable")["source"]:
        if _present(source) and source not in numbers:
            numbers[source] = len(numbers) + 1
    return numbers


def _speaker_colour(number: int | None) -> str:
    return _SPEAKER_COLOURS[(number - 1) % len(_SPEAKER_COLOURS)] if number else _UNKNOWN_SPEAKER_COLOUR


def _quote_marks(quotes: pd.DataFrame, numbers: dict[str, int], length: int) -> list[_Mark]:
    marks = []
    for row in quotes.itertuples(index=False):
        if not _valid(row.content_start, row.content_end, length):
            continue
        number = numbers.get(row.source) if _present(row.source) else None
        colour = _speaker_colour(number)
        parts = [f"{row.kind} quotation" if _present(row.kind) else "quotation"]
        parts.append(f"speaker: {row.source}" if number else "speaker: not identified")
        if _present(row.cue):
            parts.append(f"cue: {row.cue}")
        if _present(row.stance):
            parts.append(f"stance: {row.stance}")
        css_class = "ma-quote" if number else "ma-quote ma-unknown"
        lead = f'<span class="ma-spk" style="background:{colour}">{number or "?"}</span>'
        marks.append(
            _Mark(
                int(row.content_start),
                int(row.content_end),
                _QUOTE,
                css_class,
                "; ".join(parts),
                f"border-bottom-color:{colour}",
                lead,
            )
        )
    return marks


def _paragraph_at(sentences: pd.DataFrame, position: int) -> int | None:
    inside = sentences[(sentences["start"] <= position) & (position < sentences["end"])]
    return int(inside["paragraph"].iloc[0]) if len(inside) else None


def _anchor_id(doc_id: str, position: int) -> str:
    return f"ma-{hashlib.sha1(str(doc_id).encode('utf-8')).hexdigest()[:10]}-{position}"


def _repeat_marks(repeats: pd.DataFrame, sentences: pd.DataFrame, doc_id: str, length: int) -> list[_Mark]:
    valid = [r for r in repeats.itertuples(index=False) if _valid(r.start, r.end, length)]
    outer_first = sorted(range(len(valid)), key=lambda i: (valid[i].start, -valid[i].end, i))
    rank = {i: k for k, i in enumerate(outer_first)}
    marks = []
    for i, row in enumerate(valid):
        where = f"characters {row.first_start}-{row.first_end}"
        paragraph = _paragraph_at(sentences, int(row.first_start)) if _present(row.first_start) else None
        first = f"paragraph {paragraph + 1}" if paragraph is not None else where
        similarity = f", similarity {row.similarity:.2f}" if _present(row.similarity) else ""
        title = f"repeated {row.unit}{similarity}: first occurrence at {where}"
        # Only the outermost repeat of a nested group gets a visible note; all keep their title.
        contained = any(
            rank[j] < rank[i] and o.start <= row.start and row.end <= o.end for j, o in enumerate(valid)
        )
        lead = ""
        if not contained and _present(row.first_start):
            href = _anchor_id(doc_id, int(row.first_start))
            lead = f'<a class="ma-note" href="#{href}">repeat of {_esc(first)} &#8593;</a>'
        marks.append(_Mark(int(row.start), int(row.end), _REPEAT, "ma-repeat", title, lead=lead))
    return marks


def _open_tag(mark: _Mark) -> str:
    style = f' style="{_esc(mark.style)}"' if mark.style else ""
    return f'<span class="{mark.css_class}" title="{_esc(mark.title)}"{style}>'


_LINE_BREAKS = re.compile(r"[ \t]*(?:\r\n|\r|\n)\s*")


def _render_text(text: str, marks: list[_Mark], anchors: set[int], doc_id: str) -> str:
    """The text with every mark as properly nested ``<span>`` elements (split where marks cross),
    one ``<div class="ma-p">`` per paragraph (line break runs kept in the markup, not drawn)."""
    order = {id(m): (m.layer, m.start, -m.end, i) for i, m in enumerate(marks)}
    breaks = {m.start(): m.end() for m in _LINE_BREAKS.finditer(text)}
    paragraph_starts = {end for end in breaks.values() if end < len(text)}
    cuts = sorted(
        {0, len(text), *anchors, *breaks, *breaks.values(), *(m.start for m in marks), *(m.end for m in marks)}
    )
    starting: dict[int, list[_Mark]] = {}
    ending: dict[int, list[_Mark]] = {}
    for mark in marks:
        starting.setdefault(mark.start, []).append(mark)
        ending.setdefault(mark.end, []).append(mark)
    out: list[str] = ['<div class="ma-p">']
    stack: list[_Mark] = []
    active: dict[int, _Mark] = {}  # the marks covering the current position (a sweep: linear in the marks)
    opened: set[int] = set()
    break_end = -1  # end of the line-break run the current piece is in
    for position, next_position in zip(cuts, cuts[1:] + [None]):
        break_end = breaks.get(position, break_end)
        for mark in ending.get(position, []):
            active.pop(id(mark), None)
        for mark in starting.get(position, []):
            active[id(mark)] = mark
        wanted = sorted(active.values(), key=lambda m: order[id(m)])
        keep = 0
        if position not in paragraph_starts:
            while keep < min(len(stack), len(wanted)) and stack[keep] is wanted[keep]:
                keep += 1
        out.extend("</span>" for _ in stack[keep:])
        if position in paragraph_starts:
            out.append('</div><div class="ma-p">')
        if position in anchors:
            out.append(f'<span id="{_anchor_id(doc_id, position)}"></span>')
        for mark in wanted[keep:]:
            out.append(_open_tag(mark))
            if id(mark) not in opened:
                opened.add(id(mark))
                out.append(mark.lead)
        stack = wanted
        if next_position is not None:
            piece = _esc(text[position:next_position])
            out.append(f'<span class="ma-nl">{piece}</span>' if position < break_end else piece)
    out.append("</div>")
    return "".join(out)


def _legend(hedges: pd.DataFrame, numbers: dict[str, int], quotes: pd.DataFrame, n_repeats: int) -> str:
    keys = []
    counts = hedges["category"].value_counts()
    for category in [*HEDGE_CATEGORIES, *sorted(set(counts.index) - set(HEDGE_CATEGORIES))]:
        if category in counts:
            label, tint, underline = HEDGE_CATEGORIES.get(category, _OTHER_CATEGORY)
            keys.append(
                f'<span class="ma-key"><span class="ma-hedge" style="background:{tint};text-decoration:{underline}">'
                f"{_esc(label if category in HEDGE_CATEGORIES else category)}</span> {int(counts[category])}</span>"
            )
    speakers = []
    # Attributions, not segments: the pieces of one quotation count once.
    quote_counts = quotes.drop_duplicates(["source", "attribution"])["source"].value_counts()
    for source, number in numbers.items():
        colour = _speaker_colour(number)
        speakers.append(
            f'<span class="ma-key"><span class="ma-spk" style="background:{colour}">{number}</span>'
            f'<span class="ma-quote" style="border-bottom-color:{colour}">{_esc(source)}</span> '
            f"{int(quote_counts.get(source, 0))}</span>"
        )
    unattributed = int(quotes.loc[quotes["source"].isna(), "attribution"].nunique())
    if unattributed:
        speakers.append(
            f'<span class="ma-key"><span class="ma-spk" style="background:{_UNKNOWN_SPEAKER_COLOUR}">?</span>'
            f'<span class="ma-quote ma-unknown" style="border-bottom-color:{_UNKNOWN_SPEAKER_COLOUR}">'
            f"speaker not identified</span> {unattributed}</span>"
        )
    rows = []
    if keys:
        rows.append("<div><b>Hedging language</b>" + "".join(keys) + "</div>")
    if speakers:
        rows.append("<div><b>Quotations by speaker</b>" + "".join(speakers) + "</div>")
    if n_repeats:
        rows.append(
            f'<div><b>Repetition</b><span class="ma-key"><span class="ma-repeat">greyed text</span>: '
            f"{n_repeats} repeated passage(s), each linked to its first occurrence</span></div>"
        )
    if not rows:
        return '<div class="ma-legend ma-empty">No hedging, quotations or repeated passages were found.</div>'
    how = (
        "<div><i>Tinted words are hedging language (the tint and the line name the category); a thick line "
        "under a passage is a quotation, numbered by speaker; greyed text is a repeat."
        '<span class="ma-hover"> Hover a mark for the rule behind it.</span></i></div>'
    )
    return '<div class="ma-legend">' + "".join(rows) + how + "</div>"


def highlight_document(res, doc_id: str) -> HTMLFragment:
    """The text of one document as HTML with hedging, quotations and repetition marked.

    Parameters
    ----------
    res : analysis.Analysis
        The result of :func:`analysis.analyze` (its ``hedges``, ``quotes``, ``repeats``
        and ``sentences`` tables and the corpus text are used).
    doc_id : str
        The document to show.

    Returns
    -------
    HTMLFragment
        Displays as HTML in a notebook; ``str()`` gives the markup: a legend (counts per
        hedging category, speakers with their number and colour, repeated passages) and
        the text exactly as given, whitespace kept, with

        - hedging matches: ``<span class="ma-hedge">`` tinted and underlined by category,
          title ``"category / subcategory; rule: ...; voice: ...; speaker: ..."`` (any
          further columns of ``hedges`` are listed after the rule);
        - quotation contents (``quotes.content_start:content_end``): ``class="ma-quote"``
          underlined in the speaker's colour, preceded by the speaker's number (``?`` when
          no speaker was found), title with kind, speaker, cue and stance;
        - repeated passages (``repeats``): ``class="ma-repeat"``, greyed, with a note
          linking to the first occurrence.

        Spans outside the text or with missing offsets are skipped.

    Raises
    ------
    KeyError
        When ``doc_id`` is not in the corpus.

    Examples
    --------
    >>> import analysis
    >>> res = analysis.analyze(pd.DataFrame({"doc_id": ["x"], "text": ["<b>Bold</b> & plain."]}))
    >>> markup = str(highlight_document(res, "x"))
    >>> "&lt;b&gt;Bold&lt;/b&gt; &amp; plain." in markup, "<b>Bold" in markup
    (True, False)
    """
    own = {name: getattr(res, name) for name in ("hedges", "quotes", "repeats", "sentences")}
    return _render(res.text(doc_id), doc_id, **{name: t[t["doc_id"] == doc_id] for name, t in own.items()})


def highlight_hedges(text: str, *, lexicon=None) -> HTMLFragment:
    """One text with its hedging matches marked, without the rest of the pipeline.

    The hedging layer of :func:`highlight_document`, for trying a text or a custom lexicon
    (:func:`analysis.hedging.load_lexicon`) quickly: every match, repeated passages
    included, no quotations and no speakers.

    Examples
    --------
    >>> markup = str(highlight_hedges("It may <rain>."))
    >>> 'class="ma-hedge"' in markup and "&lt;rain&gt;" in markup
    True
    """
    empty = {name: schema.empty_table(name) for name in ("quotes", "repeats", "sentences")}
    return _render(text, "0", hedges=hedging.detect_hedges([text], lexicon=lexicon), **empty)


def _render(text, doc_id: str, *, hedges, quotes, repeats, sentences) -> HTMLFragment:
    header = f"<style>{_STYLE}</style>"
    if not isinstance(text, str) or not text:
        return HTMLFragment(f'<div class="ma-doc">{header}<p class="ma-empty">This document has no text.</p></div>')
    length = len(text)
    numbers = _speaker_numbers(quotes)
    repeat_marks = _repeat_marks(repeats, sentences, doc_id, length)
    marks = [*repeat_marks, *_quote_marks(quotes, numbers, length), *_hedge_marks(hedges, length)]
    anchors = {
        int(r.first_start)
        for r in repeats.itertuples(index=False)
        if _valid(r.start, r.end, length) and _present(r.first_start) and 0 <= int(r.first_start) < length
    }
    body = _render_text(text, marks, anchors, doc_id)
    legend = _legend(hedges, numbers, quotes, len(repeat_marks))
    return HTMLFragment(f'<div class="ma-doc">{header}{legend}<div class="ma-text">{body}</div></div>')


highlight = highlight_document
"""The former name of :func:`highlight_document`, kept for code that imports it from this module."""
