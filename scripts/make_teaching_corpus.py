"""Write the invented teaching corpus, ``data/teaching_corpus_invented.csv`` (see data/README.md).

    python scripts/make_teaching_corpus.py [OUT.csv]

Every article, outlet, person and place below is invented by the project for teaching; none
is real news.  The corpus is written so that the corpus methods have known answers:

- three outlets cover the same eight local events (January to June 2025): the *Harbour
  Gazette* hedges its claims ("may", "could", "reportedly", "appears"), the *Northern
  Courier* states the same claims with boosters ("clearly", "certainly") and no hedges, the
  *Valley Post* states them plainly;
- the Gazette quotes unnamed officials and spokesmen where the others name people;
- the Courier distances the mayor ("claimed", "insisted") and reports the opposition with
  "said"; the Gazette does the reverse; the Post says "said" for both;
- four wire stories of the (invented) Coastal Press Agency run in all three outlets almost
  word for word (near-duplicate clusters of three documents, each cluster spanning all outlets);
- the events of January to March are good news, those of April to June (a flood and what
  followed) bad news, so the tone of the corpus falls over time.

The rows are sorted by date then outlet; ``id`` is unique.
"""

import csv
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "data" / "teaching_corpus_invented.csv"

GAZETTE, COURIER, POST = "Harbour Gazette", "Northern Courier", "Valley Post"

# (date, title, {outlet: text}): one event, three outlets' versions.
EVENTS = [
    (
        "2025-01-14",
        "New ferry links Merrow Bay and Elston",
        {
            GAZETTE: "The new ferry between Merrow Bay and Elston may cut the crossing time by about half, "
            "officials said on Tuesday.\n\n"
            "The service could possibly bring more visitors to the harbour this summer, although it appears "
            "that fares have not yet been agreed. A spokesman for the operator said the first weeks were "
            "a trial.\n\n"
            "Councillor Tom Baker claimed the timetable was too thin to help commuters.",
            COURIER: "The new ferry between Merrow Bay and Elston cuts the crossing time in half, and it will "
            "clearly bring more visitors to the harbour this summer.\n\n"
            "Mayor Elena Ward insisted the service was a triumph for the town. \"This is a wonderful day for "
            "Merrow Bay,\" Ward claimed.\n\n"
            "Councillor Tom Baker said the timetable was too thin to help commuters.",
            POST: "The new ferry between Merrow Bay and Elston cuts the crossing time in half, the operator "
            "said on Tuesday.\n\n"
            "Mayor Elena Ward said the service would bring more visitors to the harbour this summer. "
            "\"This is a wonderful day for Merrow Bay,\" Ward said.\n\n"
            "Councillor Tom Baker said the timetable was too thin to help commuters.",
        },
    ),
    (
        "2025-02-11",
        "Hospital opens children's wing",
        {
            GAZETTE: "The new children's wing at Merrow Bay Hospital may shorten waiting times, hospital "
            "officials suggested, though it is perhaps too early to say.\n\n"
            "The wing reportedly has forty beds and could possibly treat patients from across the region. "
            "A source close to the hospital said staff were still being hired.\n\n"
            "Dr Priya Nair, the hospital director, said families would be glad of it.",
            COURIER: "The new children's wing at Merrow Bay Hospital will certainly shorten waiting times for "
            "families across the region.\n\n"
            "The wing has forty beds and is undoubtedly the best in the county. \"Families will be delighted,\" "
            "said Dr Priya Nair, the hospital director.\n\n"
            "Mayor Elena Ward claimed the council had paid for most of it.",
            POST: "The new children's wing at Merrow Bay Hospital opened on Tuesday with forty beds.\n\n"
            "Dr Priya Nair, the hospital director, said the wing would shorten waiting times. \"Families will "
            "be delighted,\" Nair said.\n\n"
            "Mayor Elena Ward said the council had paid for most of it.",
        },
    ),
    (
        "2025-03-04",
        "Winter festival draws record crowds",
        {
            GAZETTE: "The winter festival may have drawn a record crowd this year, with perhaps twenty thousand "
            "visitors, organisers suggested.\n\n"
            "Traders reportedly enjoyed their best weekend in years, and the event could possibly return "
            "for a longer run. A spokeswoman for the organisers said the figures were estimates.\n\n"
            "Mayor Elena Ward said the festival was a great success.",
            COURIER: "The winter festival drew a record crowd of twenty thousand visitors this year, a "
            "wonderful result for the town.\n\n"
            "Traders clearly enjoyed their best weekend in years. \"It was a joy to see the streets so full,\" "
            "said Lena Holt, who chairs the traders' association.\n\n"
            "Mayor Elena Ward claimed the festival was her success.",
            POST: "The winter festival drew a record crowd of twenty thousand visitors this year, organisers "
            "said.\n\n"
            "Traders had their best weekend in years. \"It was a joy to see the streets so full,\" said Lena "
            "Holt, who chairs the traders' association.\n\n"
            "Mayor Elena Ward said the festival was a great success.",
        },
    ),
    (
        "2025-03-25",
        "Council approves town budget",
        {
            GAZETTE: "The council approved its budget on Monday, and council tax may rise by about three per "
            "cent, officials said.\n\n"
            "The plan could possibly fund two new libraries, although it seems that the details are still "
            "being drafted. Councillor Tom Baker claimed the rise would hurt pensioners.\n\n"
            "Mayor Elena Ward said the budget was fair.",
            COURIER: "The council approved its budget on Monday, and council tax will rise by three per cent.\n\n"
            "The plan will certainly fund two new libraries. Mayor Elena Ward insisted the budget was fair.\n\n"
            "Councillor Tom Baker said the rise would hurt pensioners, and he is clearly right.",
            POST: "The council approved its budget on Monday, and council tax will rise by three per cent.\n\n"
            "The plan funds two new libraries. Mayor Elena Ward said the budget was fair.\n\n"
            "Councillor Tom Baker said the rise would hurt pensioners.",
        },
    ),
    (
        "2025-04-08",
        "River Merrow floods the lower town",
        {
            GAZETTE: "The River Merrow burst its banks on Monday, and flood water may have damaged as many as "
            "two hundred homes, officials said.\n\n"
            "The damage could possibly run to millions, and it appears that the defences failed in two "
            "places. A spokesman for the fire service said families had been moved to the school hall.\n\n"
            "Councillor Tom Baker claimed the council had ignored warnings.",
            COURIER: "The River Merrow burst its banks on Monday, and flood water damaged two hundred homes in "
            "a terrible night for the lower town.\n\n"
            "The defences clearly failed in two places. Mayor Elena Ward claimed nobody could have foreseen "
            "the flood.\n\n"
            "Councillor Tom Baker said the council had ignored warnings, and the evidence certainly "
            "supports him.",
            POST: "The River Merrow burst its banks on Monday, and flood water damaged two hundred homes in "
            "the lower town.\n\n"
            "The defences failed in two places, the fire service said. Mayor Elena Ward said nobody could have "
            "foreseen the flood.\n\n"
            "Councillor Tom Baker said the council had ignored warnings.",
        },
    ),
    (
        "2025-05-06",
        "Net factory to close with loss of jobs",
        {
            GAZETTE: "The Elston net factory may close by the autumn, with perhaps three hundred jobs at risk, "
            "union officials suggested.\n\n"
            "The closure could possibly hurt the whole harbour economy, and it seems that talks have failed. "
            "A source close to the owners said losses were heavy after the flood.\n\n"
            "Sam Okafor, the union leader, said the workers were angry.",
            COURIER: "The Elston net factory will close by the autumn, and three hundred jobs will be lost, a "
            "terrible blow to the harbour.\n\n"
            "The closure will certainly hurt the whole harbour economy. \"The workers are angry and afraid,\" "
            "said Sam Okafor, the union leader.\n\n"
            "Mayor Elena Ward insisted the council had done all it could.",
            POST: "The Elston net factory will close by the autumn, with the loss of three hundred jobs.\n\n"
            "\"The workers are angry and afraid,\" said Sam Okafor, the union leader.\n\n"
            "Mayor Elena Ward said the council had done all it could.",
        },
    ),
    (
        "2025-05-27",
        "Storm damage closes part of the harbour",
        {
            GAZETTE: "Storm damage may keep part of the harbour closed for months, harbour officials said, and "
            "repairs could cost about four million pounds.\n\n"
            "Fishing boats have reportedly moved to Elston, and it appears that some will not return. A "
            "spokesman for the harbour authority said the damage was still being assessed.\n\n"
            "Councillor Tom Baker claimed the repairs had been delayed for years.",
            COURIER: "Storm damage will keep part of the harbour closed for months, and repairs will cost four "
            "million pounds.\n\n"
            "Fishing boats have moved to Elston, and some will certainly not return. Mayor Elena Ward claimed "
            "the storm was the worst in fifty years.\n\n"
            "Councillor Tom Baker said the repairs had been delayed for years.",
            POST: "Storm damage will keep part of the harbour closed for months, and repairs will cost four "
            "million pounds, the harbour authority said.\n\n"
            "Fishing boats have moved to Elston. Mayor Elena Ward said the storm was the worst in fifty years.\n\n"
            "Councillor Tom Baker said the repairs had been delayed for years.",
        },
    ),
    (
        "2025-06-17",
        "Flood inquiry blames failed defences",
        {
            GAZETTE: "The flood inquiry may blame the council for the failed defences, according to a draft "
            "seen by officials, and the report could possibly lead to resignations.\n\n"
            "It appears that warnings were ignored for two years. A source close to the inquiry said the "
            "final report was due in July.\n\n"
            "Councillor Tom Baker claimed the mayor should resign.",
            COURIER: "The flood inquiry blames the council for the failed defences, a damning and painful verdict "
            "for the town.\n\n"
            "Warnings were clearly ignored for two years. Mayor Elena Ward insisted she would not resign.\n\n"
            "Councillor Tom Baker said the mayor should resign, and he is certainly not alone.",
            POST: "The flood inquiry blames the council for the failed defences.\n\n"
            "Warnings were ignored for two years, the inquiry found. Mayor Elena Ward said she would not "
            "resign.\n\n"
            "Councillor Tom Baker said the mayor should resign.",
        },
    ),
]

# (date, title, text): Coastal Press Agency copy, run by every outlet with its own credit line.
WIRE = [
    (
        "2025-01-28",
        "Rail fares across the region rise",
        "Rail fares across the Halden region will rise by four per cent in March, the regional rail company "
        "announced on Tuesday.\n\n"
        "The company said the rise would pay for new carriages on the coast line and for longer platforms at "
        "six stations. Passenger groups said the increase was the third in three years and would hit "
        "commuters hardest.\n\n"
        "The transport minister, Ruth Calder, said the government would review the fares formula next year.",
    ),
    (
        "2025-03-12",
        "Fishing quotas for the coming season agreed",
        "Fishing quotas for the coming season were agreed in Halden on Wednesday after two days of talks "
        "between the fleets and the fisheries board.\n\n"
        "The board said the quota for cod would stay the same, while the quota for herring would rise by a "
        "tenth. Skippers said the deal was fair but warned that fuel costs were still rising.\n\n"
        "The fisheries minister, Owen Price, said the agreement protected both the fish stocks and the "
        "fleets.",
    ),
    (
        "2025-04-09",
        "Flood warnings issued along the coast",
        "Flood warnings were issued along the Halden coast on Wednesday as heavy rain continued for a third "
        "day.\n\n"
        "The environment office said rivers in four districts were close to bursting their banks and that "
        "residents should move valuables upstairs. Schools in two towns were closed and several roads were "
        "shut.\n\n"
        "The environment minister, Clara Mendes, said emergency funds had been released to the worst hit "
        "districts.",
    ),
    (
        "2025-06-03",
        "Unemployment in the region rises",
        "Unemployment in the Halden region rose to seven per cent in May, the highest level for six years, "
        "the statistics office said on Tuesday.\n\n"
        "The office said job losses in fishing, manufacturing and tourism had driven the rise, after the "
        "spring floods closed businesses along the coast. Employers said hiring had slowed sharply.\n\n"
        "The economy minister, Ivan Rusk, said a recovery plan would be published within weeks.",
    ),
]

CREDIT = {
    GAZETTE: "Harbour Gazette, with Coastal Press Agency",
    COURIER: "Northern Courier staff and Coastal Press Agency",
    POST: "Coastal Press Agency",
}
PREFIX = {GAZETTE: "hg", COURIER: "nc", POST: "vp"}
# Outlets publish a day apart: the Post first, then the Courier, then the Gazette.
DAY_AFTER = {POST: 0, COURIER: 1, GAZETTE: 2}


def _shifted(date: str, days: int) -> str:
    year, month, day = map(int, date.split("-"))
    return f"{year:04d}-{month:02d}-{day + days:02d}"


def rows() -> list[dict]:
    articles = []
    for date, title, versions in EVENTS:
        for outlet, text in versions.items():
            articles.append({"outlet": outlet, "date": _shifted(date, DAY_AFTER[outlet]), "title": title, "text": text})
    for date, title, text in WIRE:
        for outlet in (GAZETTE, COURIER, POST):
            articles.append(
                {"outlet": outlet, "date": _shifted(date, DAY_AFTER[outlet]), "title": title,
                 "text": f"{text}\n\n{CREDIT[outlet]}"}
            )
    articles.sort(key=lambda a: (a["date"], a["outlet"]))
    numbers = dict.fromkeys(PREFIX.values(), 0)
    for article in articles:
        prefix = PREFIX[article["outlet"]]
        numbers[prefix] += 1
        article["id"] = f"{prefix}-{numbers[prefix]:02d}"
    return [{key: a[key] for key in ("id", "outlet", "date", "title", "text")} for a in articles]


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["id", "outlet", "date", "title", "text"], lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows())
    print(f"wrote {len(rows())} invented articles to {out}")


if __name__ == "__main__":
    main()
