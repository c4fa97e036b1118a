"""Speaker resolution by the mention-and-entity model (nlp/entities.py), blank pipeline."""

from __future__ import annotations

from framing_annotator.nlp.entities import EntityModel
from framing_annotator.nlp.suggest import Suggester
from framing_annotator.nlp.view import build_view


def speakers(suggester: Suggester, text: str) -> list[str | None]:
    return [s.speaker for s in suggester.suggest(text)]


def test_title_compound_gives_the_person(suggester: Suggester) -> None:
    text = ("Riverside MP Jan Novak said the bridge would close. “It is unsafe,” he said.\n\n"
            "Acme director Li Wei said the plant would stay open.")
    assert speakers(suggester, text) == ["Jan Novak", "Jan Novak", "Li Wei"]


def test_entities_keep_title_gender_and_role(suggester: Suggester) -> None:
    text = ("Riverside MP Jan Novak opened the meeting and thanked his staff. "
            "Maria Lopez, a spokeswoman for the port, spoke next.")
    model = EntityModel(build_view(suggester.nlp(text)))
    people = {e.name: e for e in model.entities if e.kind == "person"}
    assert people["Jan Novak"].title == "Riverside MP"
    assert people["Jan Novak"].gender == "m"
    assert people["Maria Lopez"].gender == "f"
    assert "spokeswoman" in people["Maria Lopez"].roles


def test_pronoun_takes_the_person_of_its_gender(suggester: Suggester) -> None:
    text = ("Ms. Maria Lopez met Mr. Tom Whitaker at the depot on Monday. "
            "“We have two weeks,” she said. “It is not enough,” he said.")
    assert speakers(suggester, text) == ["Maria Lopez", "Tom Whitaker"]


def test_pronoun_skips_places_outlets_and_bylines(suggester: Suggester) -> None:
    text = ("By Omar Haddad\n\nNadia Varga spent the week in New York.\n\n"
            "She told the Riverside Herald that the talks would resume.")
    assert speakers(suggester, text) == ["Nadia Varga"]


def test_pronoun_prefers_the_person_in_its_paragraph(suggester: Suggester) -> None:
    text = ("Joe Carter, who ran the pilot, was blunt: “The sky did not fall.”\n\n"
            "I put that to Sarah Benton, who runs a design studio. “We had our best year,” "
            "she told me.")
    assert speakers(suggester, text) == ["Joe Carter", "Sarah Benton"]


def test_the_spokesman_resolves_to_the_person_given_that_job(suggester: Suggester) -> None:
    text = ("Tom Whitaker, a spokesman for the port, declined to give numbers. Later the "
            "spokesman said the berths would reopen in May.")
    assert speakers(suggester, text) == ["Tom Whitaker"]


def test_surname_goes_to_the_latest_person_of_that_name(suggester: Suggester) -> None:
    text = ("Hillary Clinton spoke first. Later Bill Clinton took the stage.\n\n"
            "Clinton said the campaign had only begun.")
    assert speakers(suggester, text) == ["Bill Clinton"]


def test_follow_on_quote_continues_the_speaker(suggester: Suggester) -> None:
    text = ("“We will appeal,” said Nadia Varga, the union's lawyer.\n\n"
            "“The ruling ignores the contract.”")
    assert speakers(suggester, text) == ["Nadia Varga", "Nadia Varga"]


def test_follow_on_quote_goes_to_someone_introduced_in_between(suggester: Suggester) -> None:
    text = ("“We will appeal,” said Nadia Varga, the union's lawyer.\n\n"
            "Jan Novak, who farms near the river, disagrees with the union.\n\n"
            "“The ruling is fair.”")
    assert speakers(suggester, text) == ["Nadia Varga", "Jan Novak"]


def test_a_common_given_name_shows_the_gender_before_the_text_does(suggester: Suggester) -> None:
    # nothing in the text says Maria Okafor is a "she" or Daniel Reyes a "he" before the pronoun
    text = ("Daniel Reyes and Maria Okafor met at the depot on Monday.\n\n"
            "“We have two weeks,” he said.")
    assert speakers(suggester, text) == ["Daniel Reyes"]


def test_the_text_wins_over_the_given_name_list(suggester: Suggester) -> None:
    text = "Ms. Jordan Blake met Mr. Kim Ross at the depot. “It is not enough,” she said."
    model = EntityModel(build_view(suggester.nlp(text)))
    people = {e.name: e.gender for e in model.entities if e.kind == "person"}
    assert people == {"Jordan Blake": "f", "Kim Ross": "m"}  # unisex names: from the honorific
    assert speakers(suggester, text) == ["Jordan Blake"]


def test_title_compound_keeps_the_title_as_the_speaker_type_hint(suggester: Suggester) -> None:
    text = ("Harbourside councillor Pia Lund said the ferry would run all winter. "
            "“We found the money,” she said.\n\n"
            "Mr. Owen Tate, who runs the kiosk, said he was relieved. "
            "Acme director Li Wei said the plant would stay open.")
    found = [(s.speaker, s.speaker_title) for s in suggester.suggest(text)]
    # the hint goes with every quote of that person, pronouns included; an honorific is no type
    assert found == [("Pia Lund", "Harbourside councillor"), ("Pia Lund", "Harbourside councillor"),
                     ("Owen Tate", None), ("Li Wei", "Acme director")]


def test_participle_speaker_skips_a_dateline_and_an_opening_phrase(suggester: Suggester) -> None:
    text = ("LAKEPORT, Ore. (AP) — Mayor Carla Jennings visited the depot on Monday and "
            "said the buses would run by Friday.\n\n"
            "Amid growing anger over a strike that had dragged on, Rosa Delgado sent a letter "
            "to members, saying the talks were close to a deal.")
    assert speakers(suggester, text) == ["Carla Jennings", "Rosa Delgado"]
