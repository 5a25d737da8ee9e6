"""The rendered sample report as a reader meets it: every figure captioned, every image described,
every number in plain words (what the figures draw is tested in test_plots.py)."""

import re
from html.parser import HTMLParser

import pytest

from analysis import report


class _Page(HTMLParser):
    """Collects the figures (with their caption text), the images, the titles and the table cells."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.figures: list[dict] = []
        self.images: list[dict] = []
        self.titles: list[str] = []
        self.cells: list[str] = []
        self._in_figure = self._in_caption = self._in_cell = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "title" in attrs and tag != "title":
            self.titles.append(attrs["title"])
        if tag == "figure":
            self.figures.append({"caption": "", "images": 0})
            self._in_figure = True
        elif tag == "figcaption":
            self._in_caption = True
        elif tag == "img":
            self.images.append(attrs)
            if self._in_figure:
                self.figures[-1]["images"] += 1
        elif tag == "td":
            self.cells.append("")
            self._in_cell = True

    def handle_endtag(self, tag):
        if tag == "figure":
            self._in_figure = False
        elif tag == "figcaption":
            self._in_caption = False
        elif tag == "td":
            self._in_cell = False

    def handle_data(self, data):
        if self._in_caption:
            self.figures[-1]["caption"] += data
        if self._in_cell:
            self.cells[-1] += data


@pytest.fixture(scope="module")
def page(tmp_path_factory, sample_path):
    outdir = tmp_path_factory.mktemp("article") / "report"
    report.write_report(sample_path, outdir, progress=False)
    markup = (outdir / "report.html").read_text(encoding="utf-8")
    parsed = _Page()
    parsed.feed(markup)
    return markup, parsed


def test_every_figure_has_a_caption_and_every_image_alt_text(page):
    _, parsed = page
    assert len(parsed.figures) >= 5  # arc, hedging, prominence, framing, paragraph similarity
    assert all(figure["images"] == 1 for figure in parsed.figures)
    captions = [figure["caption"].strip() for figure in parsed.figures]
    assert all(len(caption.split()) >= 20 for caption in captions), captions
    assert len(parsed.images) == len(parsed.figures)  # no image outside a captioned figure
    assert all(len(image.get("alt", "").split()) >= 5 for image in parsed.images)


def test_numbers_are_in_plain_words(page):
    markup, parsed = page
    article = markup[: markup.index(">Provenance<")]  # provenance lists checksums and raw parameters
    cells = [cell.strip() for cell in parsed.cells]
    article_cells = cells[: len(cells) - markup[markup.index(">Provenance<"):].count("<td")]
    assert article_cells and not {"True", "False"} & set(article_cells)
    assert not [c for c in article_cells if re.fullmatch(r"-?[\d.]+e-?\d+", c)]  # no 2.39e-05
    assert "how to read it" in article and "Prominence (0 to 1) ranks the sources" in article
    assert not [t for t in parsed.titles if "|" in t]  # no word-list patterns in tooltips
    assert "first_position" not in article and "in_lede" not in article


def test_page_has_a_print_stylesheet_keeping_the_marks(page):
    markup, _ = page
    assert "@media print{" in markup and "print-color-adjust:exact" in markup


