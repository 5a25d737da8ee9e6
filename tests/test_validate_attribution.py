"""The attribution scorer: the strict view merges the segments of one attribution and exempts nothing."""

from analysis.validate import attribution
from analysis.validate.attribution import Gold, _speech_forms, pair, predictions, score_article

TEXT = '"The plan failed," Ann Lee said. "We tried everything." She left. "Nobody came."'


def _row(text, content, cue=None, speaker=None, number=None, speech_verb="said"):
    """An extractor row as ``extract_attributions`` gives it (only the keys the scorer reads)."""
    def span(name, part):
        start = text.index(part) if part else None
        return {f"{name}_start": start, f"{name}_end": start + len(part) if part else None, name: part}

    row = {**span("content", content), **span("cue", cue), **span("speaker", speaker)}
    row.update(kind="direct", rule="test", speech_verb=speech_verb if cue or speaker else None)
    if number is not None:
        row["attribution"] = number
    return row


def _gold(text, contents, cue, source):
    return Gold(
        cue=[(text.index(cue), text.index(cue) + len(cue))],
        content=[(text.index(c), text.index(c) + len(c)) for c in contents],
        source=[(text.index(source), text.index(source) + len(source))],
        cue_text=cue,
    )


def test_the_segments_of_one_attribution_are_one_prediction_and_one_hit():
    rows = [
        _row(TEXT, "The plan failed,", cue="said", speaker="Ann Lee", number=1),
        _row(TEXT, "We tried everything.", speaker="Ann Lee", number=1),
    ]
    gold = [_gold(TEXT, ["The plan failed,", "We tried everything."], "said", "Ann Lee")]
    strict = predictions(rows, strict=True)
    assert len(strict) == 1 and len(strict[0].content) == 2
    counts = score_article(gold, strict, _speech_forms(), strict=True)["speech"]
    assert (counts.pred, counts.pred_hit, counts.gold, counts.gold_hit) == (1, 1, 1, 1)
    assert counts.source_hit == 1


def test_a_continuation_without_a_cue_is_exempt_only_in_the_lenient_view():
    # Gold marks only the first quotation; the extractor also gives the sentence after it to Ann Lee.
    rows = [
        _row(TEXT, "The plan failed,", cue="said", speaker="Ann Lee", number=1),
        _row(TEXT, "We tried everything.", speaker="Ann Lee", number=2),
    ]
    gold = [_gold(TEXT, ["The plan failed,", "We tried everything."], "said", "Ann Lee")]
    lenient_pairs, exempt = pair(predictions(rows, strict=False), gold, strict=False)
    assert lenient_pairs == {0: 0} and exempt == {1}
    strict_pairs, none = pair(predictions(rows, strict=True), gold, strict=True)
    assert strict_pairs == {0: 0} and none == set()
    counts = score_article(gold, predictions(rows, strict=True), _speech_forms(), strict=True)["all"]
    assert (counts.pred, counts.pred_hit) == (2, 1)  # the second attribution is a false positive


def test_an_unpaired_prediction_is_a_false_positive_whatever_its_cue():
    rows = [_row(TEXT, "Nobody came.", speaker="Ann Lee")]
    gold = [_gold(TEXT, ["The plan failed,"], "said", "Ann Lee")]
    for strict in (False, True):
        counts = score_article(gold, predictions(rows, strict), _speech_forms(), strict)["all"]
        assert (counts.pred, counts.pred_hit, counts.gold, counts.gold_hit) == (1, 0, 1, 0)


def test_rows_without_an_attribution_number_are_each_their_own_attribution():
    rows = [_row(TEXT, "The plan failed,", cue="said", speaker="Ann Lee"), _row(TEXT, "Nobody came.")]
    assert len(predictions(rows, strict=True)) == 2


def test_the_command_prints_both_views_on_a_brat_folder(tmp_path, capsys):
    text = '"The plan failed," Ann Lee said. "We tried everything."'
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "a.txt").write_text(text, encoding="utf-8")

    def t(n, label, part):
        start = text.index(part)
        return f"T{n}\t{label} {start} {start + len(part)}\t{part}"

    first, second = text.index("The plan"), text.index("We tried")
    lines = [
        t(1, "Source", "Ann Lee"),
        t(2, "Cue", "said"),
        f"T3\tContent {first} {first + 15};{second} {second + 19}\tThe plan failed We tried everything",
        "E1\tAttribution:T2 Content:T3 Cue:T2 Source:T1",
    ]
    (tmp_path / "attributions" / "a_x1.ann").write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert attribution.main([str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "strict predicted 1" in out
    assert "  strict attribution  P 1.000  R 1.000  F1 1.000" in out
    assert "  strict source overlap  P 1.000  R 1.000  F1 1.000" in out
