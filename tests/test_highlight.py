"""The annotated article: escaping, nesting of overlapping spans, legend and notes."""

from dataclasses import replace
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import analysis
from analysis import schema
from analysis.highlight import highlight_document

VOID = {"br", "img", "meta", "link", "hr", "input"}


class _Reader(HTMLParser):
    """Checks that tags nest properly and collects the article text (labels and notes excluded)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str]] = []
        self.text: list[str] = []
        self.in_text = False
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        if tag in VOID:
            return
        self.stack.append((tag, attrs.get("class") or ""))

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1][0] == tag, f"</{tag}> closes {self.stack[-1:]}"
        self.stack.pop()

    def handle_data(self, data):
        classes = {c for _, cls in self.stack for c in cls.split()}
        if "ma-text" in classes and not classes & {"ma-spk", "ma-note"}:
            self.text.append(data)


def _read(markup: str) -> _Reader:
    reader = _Reader()
    reader.feed(markup)
    reader.close()
    assert reader.stack == [], f"unclosed tags: {reader.stack}"
    return reader


def _with(res, hedges=(), quotes=(), repeats=()):
    return replace(
        res,
        hedges=schema.as_table("hedges", list(hedges)),
        quotes=schema.as_table("quotes", list(quotes)),
        repeats=schema.as_table("repeats", list(repeats)),
    )


def _hedge(text, word, category="hedge", occurrence=0, **extra):
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(word, start + 1)
    row = dict(doc_id="d", start=start, end=start + len(word), text=word, category=category,
               subcategory="modal", voice="narrative", speaker=None)
    return {**row, **extra}


def _quote(text, content, source):
    start = text.index(content)
    return dict(doc_id="d", kind="direct", content_start=start, content_end=start + len(content), content=content,
                cue_start=None, cue_end=None, cue=None, stance="neutral", speaker=source, speaker_start=None,
                speaker_end=None, source=source, evidence_challenged=False)


def _doc(text):
    return analysis.analyze(analysis.load_corpus([text]).assign(doc_id="d"))


def test_article_markup_is_shown_as_text_never_run():
    text = 'He wrote <script>alert("x")</script> and "><img src=x onerror=alert(1)> & more.'
    markup = str(highlight_document(_doc(text), "d"))
    assert "<script" not in markup and "<img" not in markup
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in markup
    assert "".join(_read(markup).text) == text


def test_hostile_rule_category_and_speaker_are_escaped_in_titles_and_legend():
    text = 'Officials may act. "We will win," said Bob.'
    res = _with(
        _doc(text),
        hedges=[_hedge(text, "may", category='<b onmouseover="x">', subcategory='"><script>1</script>',
                       rule="<i>rule</i>")],
        quotes=[_quote(text, "We will win,", '<script>Bob</script>')],
    )
    markup = str(highlight_document(res, "d"))
    assert "<script" not in markup and "<b " not in markup and "<i>rule" not in markup
    titles = [attrs["title"] for tag, attrs in _read(markup).tags if "title" in attrs]
    assert any("<i>rule</i>" in t and '"><script>1</script>' in t for t in titles)  # unescaped by the parser
    assert any("speaker: <script>Bob</script>" in t for t in titles)


def test_hover_title_gives_category_subcategory_rule_voice_and_speaker():
    text = "It will probably rain, experts say."
    res = _with(_doc(text), hedges=[_hedge(text, "probably", subcategory="adverb", rule="lexicon: probably",
                                           voice="narrative", speaker="experts", strength=0.5)])
    titles = [attrs.get("title") for tag, attrs in _read(str(highlight_document(res, "d"))).tags if "ma-hedge" in
              (attrs.get("class") or "") and attrs.get("title")]
    assert titles == ["hedge / adverb; rule: word-list entry 'probably'; strength: 0.5; voice: narrative; "
                      "speaker: experts"]


def test_overlapping_spans_nest_properly_and_keep_every_character():
    text = '"We may well win," said Kim, "perhaps." It was reportedly about 3,000 troops.'
    quote_start = text.index("We may")
    crossing = dict(_hedge(text, "win,\" said"), category="booster")  # starts inside a quote, ends outside
    res = _with(
        _doc(text),
        hedges=[_hedge(text, "may"), _hedge(text, "may well", category="booster"), crossing,
                _hedge(text, "reportedly about", category="distancing"),
                _hedge(text, "about 3,000", category="approximator")],
        quotes=[_quote(text, "We may well win,", "Kim Jong Gyu"), _quote(text, "perhaps.", "Kim Jong Gyu")],
        repeats=[dict(doc_id="d", unit="sentence", start=quote_start, end=len(text), text=text[quote_start:],
                      first_start=0, first_end=5, similarity=0.9)],
    )
    reader = _read(str(highlight_document(res, "d")))
    assert "".join(reader.text) == text
    hedge_classes = [attrs for tag, attrs in reader.tags if attrs.get("class") == "ma-hedge"]
    assert len(hedge_classes) > 5  # the crossing and overlapping hedges were split into several elements


def test_speakers_get_their_own_colour_and_number_and_unknown_speakers_a_question_mark():
    text = '"One," said Kim. "Two," said Putin. "Three," said Kim. "Four," someone said.'
    res = _with(_doc(text), quotes=[_quote(text, "One,", "Kim"), _quote(text, "Two,", "Putin"),
                                    _quote(text, "Three,", "Kim"), _quote(text, "Four,", None)])
    reader = _read(str(highlight_document(res, "d")))
    quotes = [attrs for tag, attrs in reader.tags if "ma-quote" in (attrs.get("class") or "") and "title" in attrs]
    colours = [attrs["style"] for attrs in quotes]
    assert colours[0] == colours[2] != colours[1]
    assert colours[3] != colours[0] and "ma-unknown" in quotes[3]["class"]
    markup = str(highlight_document(res, "d"))
    assert 'class="ma-spk"' in markup and ">?</span>" in markup


def test_repeats_are_greyed_with_a_working_link_to_the_first_occurrence(sample_path, sample_text):
    sample = sample_text
    res = analysis.analyze(sample_path)
    doc_id = res.documents.doc_id.iloc[0]
    first = sample.index("The Democratic")
    second = sample.index("The Democratic", first + 1)
    res = replace(res, repeats=schema.as_table("repeats", [dict(
        doc_id=doc_id, unit="paragraph", start=second, end=second + 100, text=sample[second:second + 100],
        first_start=first, first_end=first + 100, similarity=1.0)]))
    reader = _read(str(highlight_document(res, doc_id)))
    links = [attrs["href"] for tag, attrs in reader.tags if tag == "a"]
    anchors = {attrs["id"] for tag, attrs in reader.tags if "id" in attrs}
    assert len(links) == 1 and links[0][1:] in anchors
    greyed = [attrs for tag, attrs in reader.tags if attrs.get("class") == "ma-repeat" and "title" in attrs]
    assert "first occurrence at characters" in greyed[0]["title"]
    assert "".join(reader.text) == sample


def test_spans_with_missing_or_impossible_offsets_are_skipped():
    text = "It may rain."
    res = _with(_doc(text), hedges=[_hedge(text, "may"), dict(_hedge(text, "may"), start=5, end=500),
                                    dict(_hedge(text, "may"), start=None, end=None),
                                    dict(_hedge(text, "may"), start=6, end=6)])
    reader = _read(str(highlight_document(res, "d")))
    assert "".join(reader.text) == text
    assert sum(attrs.get("class") == "ma-hedge" and "title" in attrs for _, attrs in reader.tags) == 1


def test_documents_without_text_or_unknown_ids():
    res = analysis.analyze(["", "Text."])
    assert "has no text" in str(highlight_document(res, "0"))
    assert "No hedging, quotations or repeated passages" in str(highlight_document(res, "1"))
    with pytest.raises(KeyError):
        highlight_document(res, "nope")


def test_displays_as_html_in_notebooks():
    shown = highlight_document(_doc("Text."), "d")
    assert shown._repr_html_() == str(shown) == shown.data



@st.composite
def _annotated(draw):
    text = draw(st.text(alphabet=st.sampled_from('ab <>&"\'\n\u201cé'), min_size=1, max_size=60))
    n = len(text)
    spans = st.tuples(st.integers(0, n), st.integers(0, n)).map(sorted)
    categories = st.sampled_from(["hedge", "booster", "distancing", "evidential", "approximator", "scare_quote", "x"])
    hedges = [dict(doc_id="d", start=a, end=b, text=text[a:b], category=draw(categories), subcategory="s",
                   voice="narrative", speaker=None) for a, b in draw(st.lists(spans, max_size=6))]
    quotes = [dict(doc_id="d", kind="direct", content_start=a, content_end=b, content=text[a:b], cue_start=None,
                   cue_end=None, cue=None, stance=None, speaker=None, speaker_start=None, speaker_end=None,
                   source=draw(st.sampled_from([None, "A", "B"])), evidence_challenged=False)
              for a, b in draw(st.lists(spans, max_size=4))]
    repeats = [dict(doc_id="d", unit="line", start=a, end=b, text=text[a:b], first_start=draw(st.integers(0, n)),
                    first_end=n, similarity=1.0) for a, b in draw(st.lists(spans, max_size=3))]
    return text, hedges, quotes, repeats


@settings(max_examples=60, deadline=None)
@given(_annotated())
def test_any_overlap_of_spans_gives_well_formed_html_with_the_exact_text(case):
    text, hedges, quotes, repeats = case
    res = _with(analysis.analyze(analysis.load_corpus([text]).assign(doc_id="d")), hedges, quotes, repeats)
    reader = _read(str(highlight_document(res, "d")))
    assert "".join(reader.text) == text


def test_sample_rules_reach_the_reader_without_word_list_patterns(sample_path):
    res = analysis.analyze(analysis.load_corpus(sample_path))
    doc_id = res.documents.doc_id[0]
    assert res.hedges["rule"].str.contains("|", regex=False).any()  # the sample has pattern rules to hide
    titles = [attrs["title"] for _, attrs in _read(str(highlight_document(res, doc_id))).tags if attrs.get("title")]
    assert titles and not any("|" in t or "[" in t for t in titles)
    assert "rule: word-list entry 'at least' (only before quantity)" in " ".join(titles)


def test_a_hedge_overlapping_another_keeps_its_tint_but_draws_no_second_line():
    text = "There were 'at least' 3,000 soldiers."
    hedges = [_hedge(text, "'at least'", "scare_quote"), _hedge(text, "at least", "approximator")]
    res = _with(_doc(text), hedges=hedges)
    styles = [attrs["style"] for _, attrs in _read(str(highlight_document(res, "d"))).tags if "ma-hedge" in
              (attrs.get("class") or "") and "title" in attrs]
    assert len(styles) == 2
    outer, inner = styles
    assert "text-decoration:overline" in outer and "background:#fff0a8" in outer
    assert "text-decoration" not in inner and "background:#d3ecd3" in inner


def _relative_luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_speaker_colours_are_dark_and_hedge_tints_light_so_they_never_meet_even_in_grayscale():
    from analysis.highlight import _SPEAKER_COLOURS, _UNKNOWN_SPEAKER_COLOUR, HEDGE_CATEGORIES

    speakers = [*_SPEAKER_COLOURS, _UNKNOWN_SPEAKER_COLOUR]
    tints = [tint for _, tint, _ in HEDGE_CATEGORIES.values()]
    assert len(set(speakers)) == len(speakers) and len(set(tints)) == len(tints)
    # WCAG contrast of the white speaker number on its colour, and of black text on each tint.
    assert all((1.05) / (_relative_luminance(c) + 0.05) >= 4.5 for c in speakers)
    assert all((_relative_luminance(t) + 0.05) / 0.05 >= 12 for t in tints)
    assert max(map(_relative_luminance, speakers)) * 3 < min(map(_relative_luminance, tints))
    styles = {style for _, _, style in HEDGE_CATEGORIES.values()}
    assert len(styles) == len(HEDGE_CATEGORIES)  # the line style alone tells categories apart


def test_legend_rows_wrap_inside_the_box_with_many_speakers():
    names = [f"Speaker Number{k} Longname" for k in range(14)]
    text = " ".join(f'"Claim {k} here," said {name}.' for k, name in enumerate(names))
    quotes = [_quote(text, f"Claim {k} here", name) for k, name in enumerate(names)]
    markup = str(highlight_document(_with(_doc(text), quotes=quotes), "d"))
    assert ".ma-doc .ma-legend>div{display:flex;flex-wrap:wrap" in markup
    legend = markup[markup.index('<div class="ma-legend">') : markup.index('<div class="ma-text">')]
    assert all(name in legend for name in names)
    assert "white-space:nowrap}" in markup.split(".ma-legend b{")[1].split("\n")[0]  # 'Quotations by speaker'


def test_each_paragraph_is_a_block_and_line_breaks_stay_in_the_text():
    text = "First paragraph, which may go on.\nSecond one.\r\n\r\nThird."
    markup = str(highlight_document(_doc(text), "d"))
    reader = _read(markup)
    assert "".join(reader.text) == text
    assert [cls for tag, cls in [(t, a.get("class")) for t, a in reader.tags] if cls == "ma-p"] == ["ma-p"] * 3
    assert markup.count('<span class="ma-nl">') == 2
    assert "@media print{" in markup and "print-color-adjust:exact" in markup


def test_fragment_tells_a_plain_python_user_how_to_save_it(tmp_path):
    shown = highlight_document(_doc("It may rain."), "d")
    assert ".save(" in repr(shown) and "browser" in repr(shown)
    path = shown.save(tmp_path / "article.html")
    page = path.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in page
    assert str(shown) in page
