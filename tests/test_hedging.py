"""Hedging: every category, every disambiguation rule, scare quotes, voice and the sample article."""

import json

import pandas as pd
import pytest

import analysis
from analysis.hedging import CATEGORIES, detect_hedges, document_densities, find_hedges, load_lexicon
from analysis.segment import segment_document
from analysis.validate.hedging import main as validate_main


def hedges_of(text: str, lexicon=None) -> list[dict]:
    return find_hedges(segment_document(text), lexicon)


def found(text: str, category: str | None = None) -> list[str]:
    """Matched texts (of one category, when given), lower-cased."""
    return [m["text"].lower() for m in hedges_of(text) if category is None or m["category"] == category]


# --------------------------------------------------------------------------- the sample article


@pytest.fixture(scope="module")
def first_copy(sample_text):
    """Matches in the credit line and the first copy of the eight body paragraphs."""
    lede = "The Democratic People's Republic of Korea"
    end = sample_text.index(lede, sample_text.index(lede) + 1)
    return [m for m in find_hedges(segment_document(sample_text)) if m["start"] < end]


def _by_category(matches, category):
    return [m for m in matches if m["category"] == category]


def test_sample_hedges(first_copy):
    hedges = [m["text"] for m in _by_category(first_copy, "hedge")]
    assert hedges.count("I think") == 2
    assert "If there is such a thing" in hedges
    assert "rumour" in hedges


def test_sample_booster_distancing_evidential(first_copy):
    assert [m["text"] for m in _by_category(first_copy, "booster")] == ["evidently"]
    distancing = [m["text"] for m in _by_category(first_copy, "distancing")]
    assert distancing.count("claimed") == 2 and "said to show" in distancing
    evidential = [m["text"] for m in _by_category(first_copy, "evidential")]
    assert evidential == ["did not explicitly confirm", "didn't provide any evidence"]


def test_sample_scare_quotes_but_not_the_partial_quote(first_copy):
    scare = [m["text"] for m in _by_category(first_copy, "scare_quote")]
    assert scare == ["'satellite images'", "'intelligence'", "'at least'"]
    assert all(m["voice"] == "narrative" for m in _by_category(first_copy, "scare_quote"))
    assert not any("would" in m["text"] for m in first_copy)  # 'would conform': reported speech, partial quote


def test_sample_voices(first_copy):
    voice = {m["text"]: m["voice"] for m in first_copy}
    assert voice["I think"] == "quote" and voice["rumour"] == "quote" and voice["said to show"] == "quote"
    assert voice["claimed"] == "narrative" and voice["didn't provide any evidence"] == "narrative"


def test_sample_offsets_and_explanations(sample_text):
    matches = find_hedges(segment_document(sample_text))
    assert matches
    for m in matches:
        assert sample_text[m["start"] : m["end"]] == m["text"]
        assert m["category"] in CATEGORIES and m["rule"] and m["source"]


# --------------------------------------------------------------------------- categories


def test_each_category_on_own_sentences():
    assert found("The minister may resign, and it is unclear whether talks will go on.", "hedge") == [
        "may",
        "unclear",
        "whether",
    ]
    assert found("The figures clearly show growth; of course, in fact nobody doubts it.", "booster") == [
        "clearly",
        "of course",
        "in fact",
    ]
    assert found("He allegedly took bribes from the so-called charity he claims to run.", "distancing") == [
        "so-called",
        "claims",
    ]
    assert (
        found("The police have not independently verified the footage, which remains unconfirmed.", "evidential")[-1]
        == "unconfirmed"
    )
    assert found("Nearly 40 people and some 300 pupils waited up to three hours.", "approximator") == [
        "nearly",
        "some",
        "up to",
    ]


def test_evidential_challenges():
    assert found("He made the accusation without providing any evidence.", "evidential") == [
        "without providing any evidence"
    ]
    assert found("The claim could not be independently verified.", "evidential") == [
        "could not be independently verified"
    ]
    assert found("The ministry did not confirm the report.", "evidential") == ["did not confirm"]


def test_hearsay_and_belief_hedges():
    assert found("Rumours spread and the deal is reportedly close.", "hedge") == ["rumours", "reportedly"]
    assert found("The painting is thought to be a forgery.", "hedge") == ["thought"]
    assert found("He thought about lunch.", "hedge") == []  # no passive: not the doxastic "is thought to"


# --------------------------------------------------------------------------- disambiguation rules


def test_may_modal_month_and_name():
    assert found("Prices may rise next year.", "hedge") == ["may"]
    assert found("May prices rise further?", "hedge") == ["may"]
    assert found("The vote was held in May last year.", "hedge") == []
    assert found("Theresa May spoke to reporters.", "hedge") == []
    assert found("May 20 is a holiday.", "hedge") == []


def test_would_reported_future_versus_hedging():
    assert found("She said the plan would cut costs.", "hedge") == []
    assert found("Officials warned that prices would rise.", "hedge") == []
    assert found("He would later become mayor.", "hedge") == []
    assert found("The spokesman would not comment on the report.", "hedge") == []
    assert found("Such a move would be a serious mistake.", "hedge") == ["would"]


def test_about_only_before_quantities():
    assert found("About 3,000 soldiers crossed the border.", "approximator") == ["about"]
    assert found("It costs about $5m and about a dozen staff.", "approximator") == ["about", "about"]
    assert found("Putin was asked about the images.", "approximator") == []


def test_could_and_can_ability_versus_possibility():
    assert found("The storm could cause flooding.", "hedge") == ["could"]
    assert found("She could not attend the meeting.", "hedge") == []
    assert found("From the hill they could see the coast.", "hedge") == []
    assert found("He ran so that he could catch the bus.", "hedge") == []
    assert found("She can swim.", "hedge") == []
    assert found("A link can't be ruled out.", "hedge") == ["can't be ruled out"]


def test_appear_seeming_versus_showing_up():
    assert found("The minister appears to have misled parliament.", "hedge") == ["appears"]
    assert found("He appeared nervous.", "hedge") == ["appeared"]
    assert found("She appeared in court on Monday.", "hedge") == []
    assert found("The band appeared at the festival.", "hedge") == []


def test_claim_verb_versus_noun():
    assert found("The rebels claim the town is theirs.", "distancing") == ["claim"]
    assert found("He filed an insurance claim last week.", "distancing") == []
    assert found("Claims for damages rose.", "distancing") == []
    assert found("Their claim to the land was rejected.", "distancing") == []


def test_accused_verb_versus_the_accused():
    assert found("The firm was accused of fraud.", "distancing") == ["accused"]
    assert found("The accused denied the charges.", "distancing") == []


def test_offsets_hold_with_curly_quotes_and_crlf():
    text = "Kirby claimed the US had \u2018intelligence\u2019.\r\nIt may, perhaps, rain."
    matches = hedges_of(text)
    assert [m["text"] for m in matches] == ["claimed", "\u2018intelligence\u2019", "may", "perhaps"]
    assert all(text[m["start"] : m["end"]] == m["text"] for m in matches)


def test_negation():
    no_doubt = hedges_of("There is no doubt the economy has slowed.")
    assert [(m["text"], m["category"]) for m in no_doubt] == [("There is no doubt", "booster")]
    assert [(m["text"], m["category"]) for m in hedges_of("A deal is not likely.")] == [("not likely", "hedge")]
    assert found("Experts doubt the figures.", "hedge") == ["doubt"]
    assert found("It is not clear who won.", "hedge") == ["not clear"]


def test_think_belief_versus_think_tank():
    assert found("I think the plan will fail.", "hedge") == ["i think"]
    assert found("Many economists think the plan will fail.", "hedge") == ["think"]
    assert found("A think tank published the report.", "hedge") == []
    assert found("We need to think about the future.", "hedge") == []


# --------------------------------------------------------------------------- news rules


def test_forecast_verbs_in_every_form():
    assert found("The bank expects profits to rise next year.", "hedge") == ["expects"]
    assert found("Analysts expected a loss; the firm is expected to cut jobs.", "hedge") == ["expected", "expected"]
    assert found("Investors are expecting a rate cut, against expectations of a pause.", "hedge") == [
        "expecting",
        "expectations",
    ]
    assert found("We anticipate weaker demand, and economists predict a recession.", "hedge") == [
        "anticipate",
        "predict",
    ]
    assert found("The board foresees more closures; sales are projected to fall.", "hedge") == [
        "foresees",
        "projected to",
    ]


def test_forecast_comparisons_report_an_outcome():
    assert found("Sales were higher than expected.", "hedge") == []
    assert found("As expected, the bank held rates.", "hedge") == []


def test_until_conditional_in_a_future_frame_only():
    assert found("The troops will stay until the rebels agree to talks.", "hedge") == ["until"]
    assert found("The plan won't be final until regulators approve it.", "hedge") == ["until"]
    assert found("He will remain in office until 2030.", "hedge") == []
    assert found("The ban will last until next week.", "hedge") == []
    assert found("She lived there until he died.", "hedge") == []  # past narrative: no future or modal word


def test_allegations_attributive_hedge_versus_reporting_verb():
    assert [(m["text"], m["category"]) for m in hedges_of("He was jailed for an alleged fraud.")] == [
        ("alleged", "hedge")
    ]
    assert [(m["text"], m["category"]) for m in hedges_of("The regulator alleged that he lied.")] == [
        ("alleged", "distancing")
    ]
    assert found("She denied accusations that she lied, and he rejected charges that he fled.", "distancing") == [
        "accusations",
        "charges that",
    ]
    assert found("They accuse the firm of fraud.", "distancing") == ["accuse"]


def test_suspect_verb_versus_crime_noun():
    assert found("Police suspect the fire was started deliberately.", "hedge") == ["suspect"]
    assert found("Officials suspect arson.", "hedge") == ["suspect"]
    assert found("No suspects have been identified.", "hedge") == []
    assert found("Police named him as a suspect in the case.", "hedge") == []
    assert found("Two suspects were arrested on Friday.", "hedge") == []
    assert found("Officials said suspects would not face death.", "hedge") == []
    assert found("Under the law suspects, British or foreign, can be held.", "hedge") == []
    assert found("Troops searched the suspected weapons sites.", "hedge") == ["suspected"]


def test_claim_noun_after_a_noun_or_possessive():
    assert found("The state sold the firm to recover tax claims against it.", "distancing") == []
    assert found("Labour's spending claims were rejected.", "distancing") == []
    assert found("He denied the tax claims and debts.", "distancing") == []
    assert found("The party claims the figures are false.", "distancing") == ["claims"]
    assert found("Or so he claims.", "distancing") == ["claims"]


def test_reports_noun_hedges_the_verb_attributes():
    assert found("Amid reports that he had fled, police searched the port.", "hedge") == ["reports that"]
    assert found("He denied reports that he had fled.", "hedge") == ["reports that"]
    assert found("She reports that exports fell.", "hedge") == []
    assert found("The Guardian reports that exports fell.", "hedge") == []


def test_thought_and_feel_as_belief_verbs():
    assert found("He thought it was a bargain.", "hedge") == ["thought"]
    assert found("It was a place many experts thought was invincible.", "hedge") == ["thought"]
    assert found("The idea came from a school of thought in Vienna.", "hedge") == []
    assert found("She had a sudden thought.", "hedge") == []
    assert found("Farmers feel they have been ignored.", "hedge") == ["feel"]
    assert found("She felt that the vote was rigged.", "hedge") == ["felt"]
    assert found("He felt ill after lunch.", "hedge") == []


def test_assume_supposition_versus_taking_on():
    assert found("We assume that growth will continue.", "hedge") == ["assume"]
    assert found("The buyer assumed control of the debt.", "hedge") == []
    assert found("The price includes the assumption of $2m of loans.", "hedge") == []
    assert found("She assumed the presidency in May.", "hedge") == []
    assert found("The vote is assuming even greater importance.", "hedge") == []


def test_negative_subject_and_trust_are_no_hedges():
    assert found("Nobody believes them any more.", "hedge") == []  # BBC case: trust, and nobody holds it
    assert found("No one believes the official figures.", "hedge") == []
    assert found("No one should doubt our resolve.", "hedge") == []
    assert found("Voters believe her when she speaks.", "hedge") == []  # trust
    assert found("Voters believe the tax will rise.", "hedge") == ["believe"]
    assert found("Voters believe them to be honest.", "hedge") == ["believe"]


def test_negated_belief_and_modals_keep_their_uncertainty():
    assert found("I don't think the plan will work.", "hedge") == ["think"]
    assert found("The firm did not expect a profit.", "hedge") == ["expect"]
    assert found("The talks may not resume.", "hedge") == ["may"]
    assert found("She could not attend.", "hedge") == []  # ability negated: not a possibility


def test_reported_questions_are_no_hedges():
    assert found("Asked whether jobs were safe, the minister said the plant had a future.", "hedge") == []
    assert found("She asked him if the plant would close.", "hedge") == []
    assert found("It is unclear whether the plant will close.", "hedge") == ["unclear", "whether"]
    assert found("Nobody knows if the plant will close.", "hedge") == ["if"]


def test_declined_speculation_is_no_hedge():
    assert found('"I can\'t comment on speculation," the spokesman said.', "hedge") == []
    assert found("The minister refused to speculate about the date.", "hedge") == []
    assert found("Traders speculate that rates will fall.", "hedge") == ["speculate"]
    assert found("Speculation grew that the chief was ill.", "hedge") == ["speculation"]


def test_news_refusals_and_formulas_of_could_and_would():
    assert found("The officials would not divulge the evidence.", "hedge") == []
    assert found("He wouldn't specify the sum.", "hedge") == []
    assert found("Neither man could be reached for comment.", "hedge") == []
    assert found("The company is considering buying more air time.", "hedge") == []
    assert found("The board is considering a merger.", "hedge") == []


def test_intensified_certainty_boosts_and_negated_it_hedges():
    assert [(m["text"], m["category"]) for m in hedges_of("I am absolutely certain of it.")] == [
        ("absolutely certain", "booster")
    ]
    assert [(m["text"], m["category"]) for m in hedges_of("We are not entirely sure.")] == [
        ("not entirely sure", "hedge")
    ]


def test_missing_support_is_an_evidential_challenge():
    assert found("The firm did not provide figures to support its position.", "evidential") == [
        "did not provide figures"
    ]
    assert found("He made the claim without citing any data.", "evidential") == ["without citing any data"]


def test_fear_of_an_outcome():
    assert found("Investors fear that rates will rise.", "hedge") == ["fear that"]
    assert found("Ten miners are feared dead.", "hedge") == ["feared"]
    assert found("She feared the dark as a child.", "hedge") == []  # an emotion, not a belief about an outcome


def test_direct_questions_are_no_hedges():
    assert found("Is this the end of the euro?", "hedge") == []


def test_unknown_and_likelihood():
    assert found("His whereabouts remain unknown.", "hedge") == ["remain unknown"]
    assert found("Tests showed a likelihood that the hair was his.", "hedge") == ["likelihood"]
    assert found("An unknown artist painted it.", "hedge") == []


def test_scare_quote_and_approximator_are_both_found_and_counted_once_each():
    matches = hedges_of("The official said there were 'at least' 3,000 troops in the region.")
    assert [(m["text"], m["category"]) for m in matches] == [
        ("'at least'", "scare_quote"),
        ("at least", "approximator"),
    ]
    d = document_densities(matches, 10)
    assert d["scare_quote_per_100w"] == d["approximator_per_100w"] == pytest.approx(10.0)
    assert d["hedges_per_100w"] == 0


# --------------------------------------------------------------------------- scare quotes


def test_scare_quote_versus_attributed_quotes():
    assert found("The regime held 'elections' last month.", "scare_quote") == ["'elections'"]
    assert found('Critics called it "a disgrace" on Monday.', "scare_quote") == []  # introduced by a reporting verb
    assert found("He said that the troops 'would conform' with the law.", "scare_quote") == []
    assert found('"No," he said.', "scare_quote") == []
    assert found('She starred in "Gone With The Wind" as a child.', "scare_quote") == []  # a title
    assert found("The 'peaceful protest', as organisers put it, turned violent.", "scare_quote") == [
        "'peaceful protest'"
    ]
    assert found('"We will hold free and fair elections across the country," he said.', "scare_quote") == []


def test_voice_inside_and_outside_quotes():
    matches = hedges_of('"We may win," she said, but the party may lose.')
    assert [(m["text"], m["voice"]) for m in matches] == [("may", "quote"), ("may", "narrative")]


# --------------------------------------------------------------------------- lexicon, densities, API


def test_custom_and_extended_lexicon(tmp_path):
    path = tmp_path / "mine.csv"
    path.write_text(
        "# my additions\npattern,category,subcategory,conditions,source\nit is rumoured,hedge,hearsay,,me\n"
        "touted,distancing,marker,,me\n",
        encoding="utf-8",
    )
    text = "The touted reform may fail."
    assert found(text, "distancing") == []
    only_mine = load_lexicon(path)
    assert [m["text"] for m in hedges_of(text, only_mine)] == ["touted"]
    extended = load_lexicon(path, extend_default=True)
    assert [m["text"] for m in hedges_of(text, extended)] == ["touted", "may"]
    assert hedges_of(text, extended)[0]["source"] == "me"


def test_bad_lexicon_rows_are_rejected(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("pattern,category,subcategory,conditions,source\nmaybe,vague,x,,me\n", encoding="utf-8")
    with pytest.raises(ValueError, match="unknown category"):
        load_lexicon(path)
    path.write_text("pattern,category,subcategory,conditions,source\nmaybe,hedge,x,no_such_rule,me\n", encoding="utf-8")
    with pytest.raises(ValueError, match="unknown condition"):
        load_lexicon(path)


def test_document_densities():
    matches = hedges_of('Officials may agree, possibly. "It is clearly over," he said. About 30 came.')
    d = document_densities(matches, 50)
    assert d["hedges_per_100w"] == pytest.approx(4.0)
    assert d["boosters_per_100w"] == pytest.approx(2.0)
    assert d["approximator_per_100w"] == pytest.approx(2.0)
    assert d["hedges_narrative_per_100w"] + d["hedges_quote_per_100w"] == pytest.approx(d["hedges_per_100w"])
    assert all(pd.isna(v) for v in document_densities([], 0).values())


def test_analyze_fills_hedges_and_densities(sample_text):
    res = analysis.analyze([sample_text, "Nothing to see."], dedupe=False)
    first = res.hedges[res.hedges.doc_id == "0"]
    assert {"rule", "source"} <= set(res.hedges.columns)
    assert (first["text"] == "evidently").sum() == 3  # every copy of the repeated body counted
    assert len(first) == len(find_hedges(segment_document(sample_text)))
    doc = res.documents.iloc[0]
    assert doc["hedges_per_100w"] > 0 and doc["evidential_per_100w"] > 0 and doc["scare_quote_per_100w"] > 0
    assert res.documents.iloc[1]["hedges_per_100w"] == 0


def test_detect_hedges_table():
    table = detect_hedges(pd.DataFrame({"text": ["Prices may rise.", "", "It is undoubtedly true."]}))
    assert table.columns.tolist()[:8] == [
        "doc_id",
        "start",
        "end",
        "text",
        "category",
        "subcategory",
        "voice",
        "speaker",
    ]
    assert table[["doc_id", "category"]].values.tolist() == [["0", "hedge"], ["2", "booster"]]


def test_highlight_escapes_and_nests():
    out = str(analysis.highlight_hedges("Kirby had 'at least' 3,000 <b>reasons</b>."))
    text = out[out.index('<div class="ma-text">') :]
    assert "&lt;b&gt;reasons&lt;/b&gt;" in text and "<b>" not in text
    assert text.index('title="scare quote') < text.index('title="approximator')  # the approximator nests inside
    assert text.count("<span") == text.count("</span>") == 2


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "\U0001f600\U0001f600",
        "' \" '' \"\"\" '",
        "Das Wetter könnte morgen besser sein.",
        "may " * 20000,
        "would " * 4000,
        "'a b' " * 1000,
    ],
)
def test_bad_input_degrades_gracefully(text):
    matches = hedges_of(text)
    assert all(text[m["start"] : m["end"]] == m["text"] for m in matches)


def test_validation_script_on_own_sentences(tmp_path, capsys):
    rows = [
        {
            "text": "The bridge may collapse.",
            "uncertain": 1,
            "cues": [{"text": "may", "type": "modal_probable", "start": 11, "end": 14}],
        },
        {"text": "The bridge was built in 1990.", "uncertain": 0, "cues": []},
        {
            "text": "It is considered the oldest.",
            "uncertain": 1,
            "cues": [{"text": "considered", "type": "hypo_doxastic", "start": 6, "end": 16}],
        },
    ]
    path = tmp_path / "sentences.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    assert validate_main([str(path)]) == 0
    out = capsys.readouterr().out
    assert "P=1.000 R=1.000 F1=1.000" in out
    assert validate_main([str(tmp_path / "missing.jsonl")]) == 2


def test_partial_quotes_in_the_speech_mark_are_attributed():
    assert found('The firm said investors were "very confident" about the deal.', "scare_quote") == []
    assert found('Nathan Barley will be "a dark comedy", according to its writer.', "scare_quote") == []
    assert found('The cuts are leading to a "brain drain" of young doctors.', "scare_quote") == ['"brain drain"']
    assert found("They played rock 'n' roll all night.", "scare_quote") == []
    assert found('The budget is "tough", the minister said.', "scare_quote") == []
    assert found('Progress has been "slow" say negotiators.', "scare_quote") == []


def test_would_after_a_noun_that_looks_like_a_reporting_verb():
    assert found("The state would pay for it, under the plan.", "hedge") == ["would"]
    assert found("He says a strike would be a disaster.", "hedge") == ["would"]  # present tense: hypothetical


def test_a_lexicon_built_by_hand_without_its_scanner_finds_the_same_matches():
    from analysis.hedging import Lexicon, load_lexicon

    lexicon = load_lexicon()
    text = "No doubt it may rain, reportedly. Perhaps the so-called experts are right."
    by_hand = Lexicon(lexicon.table, lexicon.regex, lexicon.entries)
    assert [m.span() for m in by_hand.finditer(text)] == [m.span() for m in lexicon.finditer(text)]


def test_the_scanner_finds_the_matches_of_the_regex_next_to_letters_and_spaces_beyond_ascii():
    from analysis.hedging import load_lexicon

    lexicon = load_lexicon()
    for text in [
        "Caf\u00e9 owners may close; the caf\u00e9 may not.",
        "\u00e9may and may\u00e9 and \u00e9-may are no hedges, but may is.",
        "There were at\u00a0least 30 of them, at\u2009least 40 and at\u3000least 50.",
        "Perhaps \u00fcber-critics allegedly said it, reportedly\u00e9 not.",
    ]:
        expected = [m.span() for m in lexicon.regex.finditer(text.lower())]
        assert [m.span() for m in lexicon.finditer(text)] == expected
        assert expected
