"""One test per coverage case of the suggester (issue 3, point 2), on the blank pipeline."""

from __future__ import annotations

import pytest

from framing_annotator.domain.model import QuoteKind, Suggestion
from framing_annotator.nlp.suggest import Suggester


def run(suggester: Suggester, text: str) -> list[tuple[str, str, str | None]]:
    return [(text[s.start : s.end], str(s.kind), s.speaker) for s in suggester.suggest(text)]


@pytest.mark.parametrize(
    ("open_", "close"),
    [("“", "”"), ("„", "“"), ("‟", "”"), ("«", "»"), ("‹", "›"), ('"', '"'), ("``", "''"),
     ("''", "''")],
)
def test_direct_quote_in_every_style(suggester: Suggester, open_: str, close: str) -> None:
    quote = f"{open_}The budget is balanced for the first time in years,{close}"
    text = f"The council met on Monday. {quote} said Mayor Maria Okafor."
    assert run(suggester, text) == [(quote, "direct", "Maria Okafor")]


def test_speaker_before_with_colon(suggester: Suggester) -> None:
    text = "Council member Daniel Reyes told the council: “The numbers do not add up.”"
    assert run(suggester, text) == [("“The numbers do not add up.”", "direct", "Daniel Reyes")]


def test_split_quote_gives_two_quotes_same_speaker(suggester: Suggester) -> None:
    text = "Lena Park runs the budget office. “The plan,” she said, “is dead.”"
    assert run(suggester, text) == [
        ("“The plan,”", "direct", "Lena Park"), ("“is dead.”", "direct", "Lena Park"),
    ]


def test_continuation_quote_keeps_speaker(suggester: Suggester) -> None:
    text = "“We are ready,” Chad Wolf told reporters. “The law is on our side.”"
    found = run(suggester, text)
    assert [f[2] for f in found] == ["Chad Wolf", "Chad Wolf"]


def test_multi_paragraph_quote(suggester: Suggester) -> None:
    text = ("Carol Dunn read from her letter:\n\n“We are not asking for special treatment.\n\n"
            "“We are asking for time to adjust.”\n\nThe meeting ended at nine.")
    found = suggester.suggest(text)
    assert len(found) == 1
    assert text[found[0].start : found[0].end].endswith("adjust.”")
    assert found[0].speaker == "Carol Dunn"


def test_nested_single_quotes(suggester: Suggester) -> None:
    text = "“When he says ‘growth,’ he means growth for his donors,” Teresa Alvarez said."
    assert run(suggester, text) == [
        ("“When he says ‘growth,’ he means growth for his donors,”", "direct", "Teresa Alvarez")
    ]


def test_mixed_quote(suggester: Suggester) -> None:
    text = "Kevin O’Brien said the tower would bring “800 jobs and $14 million a year.”"
    assert run(suggester, text) == [
        ("the tower would bring “800 jobs and $14 million a year.”", "mixed", "Kevin O’Brien")
    ]


@pytest.mark.parametrize(
    ("sentence", "clause"),
    [
        ("Tony Pham said that the process will be fair.", "the process will be fair"),
        ("Tony Pham says the process will be fair.", "the process will be fair"),
        ("Tony Pham has argued that the process will be fair.", "the process will be fair"),
        ("Tony Pham will insist the process will be fair.", "the process will be fair"),
        ("Tony Pham confirmed Friday that the process will be fair.", "the process will be fair"),
        ("Tony Pham told reporters the process will be fair.", "the process will be fair"),
        ("The process will be fair, Tony Pham said.", "The process will be fair"),
        ("The process will be fair, said Tony Pham, the agency's chief.",
         "The process will be fair"),
    ],
)
def test_indirect_quote_any_tense(suggester: Suggester, sentence: str, clause: str) -> None:
    found = run(suggester, sentence)
    assert found == [(clause, "indirect", "Tony Pham")]


@pytest.mark.parametrize(
    ("sentence", "clause", "speaker"),
    [
        ("According to the county water office, 60 wells have failed this summer.",
         "60 wells have failed this summer", "the county water office"),
        ("Sixty wells have failed this summer, according to Dev Patel.",
         "Sixty wells have failed this summer", "Dev Patel"),
    ],
)
def test_according_to(suggester: Suggester, sentence: str, clause: str, speaker: str) -> None:
    assert run(suggester, sentence) == [(clause, "indirect", speaker)]


def test_speaker_with_appositive_after(suggester: Suggester) -> None:
    text = "“We slept in our coats,” said Gloria Simmons, president of the tenant association."
    assert run(suggester, text)[0][2] == "Gloria Simmons"


def test_speaker_with_appositive_before(suggester: Suggester) -> None:
    text = "The union's president, Gary Lutz, said members would vote next week on a strike."
    found = suggester.suggest(text)
    assert found[0].speaker == "Gary Lutz"
    assert text[found[0].mention.start : found[0].mention.end] == "Gary Lutz"


def test_organisation_speaker(suggester: Suggester) -> None:
    text = "The Department of Health said nine children had been diagnosed with measles."
    assert run(suggester, text)[0][2] == "Department of Health"


def test_pronoun_resolves_to_full_name(suggester: Suggester) -> None:
    text = ("Finance director Lena Park defended the schedule on Monday. "
            "“Asphalt laid in November cracks by March,” she said.")
    found = suggester.suggest(text)
    assert found[0].speaker == "Lena Park"
    assert text[found[0].mention.start : found[0].mention.end] == "she"


def test_surname_resolves_to_full_name(suggester: Suggester) -> None:
    text = ("Homeland Security acting secretary Chad Wolf visited the city. "
            "“This campaign is necessary,” Wolf told reporters.")
    assert suggester.suggest(text)[0].speaker == "Chad Wolf"


@pytest.mark.parametrize(
    "text",
    [
        "Officials promoted “Operation Rise” in Philadelphia on Friday.",
        "The so-called “sanctuary” jurisdictions refused to cooperate.",
        "The agency’s “criminal” category also includes minor violations.",
        "The exhibition “Treasures of the Kingdoms” closed last month.",
    ],
)
def test_scare_quotes_and_titles_are_not_suggested(suggester: Suggester, text: str) -> None:
    assert suggester.suggest(text) == []


def test_scare_quote_inside_indirect_stays_indirect(suggester: Suggester) -> None:
    text = "Pham confirmed that ICE began applying its “expedited removal” procedures nationwide."
    assert run(suggester, text) == [
        ("ICE began applying its “expedited removal” procedures nationwide", "indirect", "Pham")
    ]


def test_suggestions_are_domain_objects(suggester: Suggester) -> None:
    text = "“Yes,” said Ana Lima."
    (s,) = suggester.suggest(text)
    assert isinstance(s, Suggestion)
    assert s.kind is QuoteKind.DIRECT
    assert s.article_id is None
    assert s.pipeline == suggester.pipeline_name == "blank-en+fa-0.9"
    assert 0 < s.confidence <= 1
    assert s.cue == "said"


def test_spacy_spans_carry_extensions(suggester: Suggester) -> None:
    doc = suggester.nlp("“Yes,” said Ana Lima.")
    (span,) = doc.spans["quotes"]
    assert span._.kind == "direct"
    assert span._.speaker == "Ana Lima"
    assert span._.mention == (12, 20)
    assert span._.cue == "said"
    assert span._.offsets == (0, 6)


def test_suggest_many_matches_suggest(suggester: Suggester) -> None:
    texts = ["“Yes,” said Ana Lima.", "", "Nothing quoted here.", "Ana Lima said it works."]
    many = list(suggester.suggest_many(texts, batch_size=2))
    assert many == [suggester.suggest(t) for t in texts]
