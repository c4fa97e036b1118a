"""The mixed-quote and speaker rules added in rules 0.2, each on text written for the test."""

from __future__ import annotations

from framing_annotator.nlp.suggest import Suggester


def run(suggester: Suggester, text: str) -> list[tuple[str, str, str | None]]:
    return [(text[s.start : s.end], str(s.kind), s.speaker) for s in suggester.suggest(text)]


def test_naming_cue_takes_the_object_into_a_mixed_quote(suggester: Suggester) -> None:
    text = "Mayor Ruth Caldwell called the harbor plan “a gift to the shipping lobby.”"
    assert run(suggester, text) == [
        ("the harbor plan “a gift to the shipping lobby.”", "mixed", "Ruth Caldwell")]


def test_naming_cue_clause_goes_on_after_the_quotation(suggester: Suggester) -> None:
    text = ("Gil Moreno called the new quota “a slow death” for small boats on the "
            "northern coast.")
    found = run(suggester, text)
    assert found == [("the new quota “a slow death” for small boats on the northern coast",
                      "mixed", "Gil Moreno")]


def test_describe_as_is_a_naming_cue(suggester: Suggester) -> None:
    text = "Tamsin Hale described the season as “the hardest of my career.”"
    assert run(suggester, text) == [
        ("the season as “the hardest of my career.”", "mixed", "Tamsin Hale")]


def test_scare_quote_after_naming_cue_is_not_suggested(suggester: Suggester) -> None:
    text = "Officials called the so-called “harbor fund” a success in their report on Monday."
    assert all("harbor fund" not in f[0] or len(f[0]) > 20 for f in run(suggester, text))
    text = "Residents called the “Blue Line” by its old name."
    assert run(suggester, text) == []


def test_call_for_is_a_clause_not_a_name(suggester: Suggester) -> None:
    text = "Senator Ana Ruiz called for “real oversight” of the port authority's budget."
    assert [(f[0], f[2]) for f in run(suggester, text)] == [
        ("“real oversight” of the port authority's budget", "Ana Ruiz")]


def test_clause_around_an_inline_quotation_is_one_mixed_quote(suggester: Suggester) -> None:
    text = ("Director Omar Haddad says the museum is “not a warehouse,” but also proud of what "
            "he calls “a century of careful work.”")
    found = run(suggester, text)
    assert len(found) == 1
    assert found[0][1] == "mixed" and found[0][2] == "Omar Haddad"
    assert found[0][0].startswith("the museum is") and found[0][0].endswith("careful work.”")


def test_quotation_after_cue_with_the_clause_going_on(suggester: Suggester) -> None:
    text = ("Governor Pia Lund said “it makes me angry” every time a school bus breaks down on "
            "the valley road.")
    assert run(suggester, text) == [
        ("“it makes me angry” every time a school bus breaks down on the valley road", "mixed",
         "Pia Lund")]


def test_fronted_clause_ending_in_a_quotation(suggester: Suggester) -> None:
    text = "The ferry schedule has been “a mess for two years,” said Karl Ostrowski, a commuter."
    assert run(suggester, text) == [
        ("The ferry schedule has been “a mess for two years,”", "mixed", "Karl Ostrowski")]


def test_speaker_with_party_in_parentheses(suggester: Suggester) -> None:
    text = "Rep. Dana Whitfield (D-Ore.) said the dam would be “out of date before it opens.”"
    found = run(suggester, text)
    assert len(found) == 1 and found[0][2] == "Dana Whitfield"
    assert found[0][1] == "mixed"


def test_and_said_takes_the_subject_after_an_opening_phrase(suggester: Suggester) -> None:
    text = ("In a long interview on Tuesday, the union's president criticized the rail plan and "
            "said the company was “not serious about safety.”")
    found = run(suggester, text)
    assert len(found) == 1
    assert found[0][0] == "the company was “not serious about safety.”"
    assert found[0][2] == "the union's president"


def test_adding_takes_the_speaker_of_the_previous_cue(suggester: Suggester) -> None:
    text = ("The depot will close in May, Frida Nilsson said, adding that the drivers were "
            "“ready for a fight.”")
    found = run(suggester, text)
    assert ("the drivers were “ready for a fight.”", "mixed", "Frida Nilsson") in found


def test_clause_ends_where_a_new_speaker_starts(suggester: Suggester) -> None:
    text = ("Regional officials promised “fast help” for the flooded farms, but farmer Ivo Berg "
            "says he has seen none of it.")
    found = run(suggester, text)
    assert found[0] == ("“fast help” for the flooded farms", "mixed", "Regional officials")
    assert found[1][0] == "he has seen none of it" and found[1][2] == "Ivo Berg"


def test_subordinate_clause_reports_up_to_its_comma(suggester: Suggester) -> None:
    text = ("When Judge Amara Osei said the lease was “plainly unfair,” the landlord's lawyers "
            "left the room.")
    assert run(suggester, text) == [
        ("the lease was “plainly unfair,”", "mixed", "Amara Osei")]


def test_vow_to_with_quoted_words_is_mixed_without_that(suggester: Suggester) -> None:
    text = "The mayor, Elena Varga, vowed to “fight this closure in every court we can find.”"
    found = run(suggester, text)
    assert len(found) == 1 and found[0][1] == "mixed" and found[0][2] == "Elena Varga"
    assert found[0][0].startswith("to “fight")


def test_vow_without_quoted_words_still_needs_that(suggester: Suggester) -> None:
    text = "The mayor, Elena Varga, announced the results of the audit on Friday."
    assert run(suggester, text) == []


# rules 0.3: styles from outside US political copy, and speaker fixes


def test_british_colon_quote_speaker_first(suggester: Suggester) -> None:
    text = ("The council’s leader, Councillor Margaret Hughes, said: ‘We got this wrong and "
            "I’m not too proud to say so.’")
    assert run(suggester, text) == [
        ("‘We got this wrong and I’m not too proud to say so.’", "direct", "Margaret Hughes")]


def test_british_quote_with_possessive_then_attribution(suggester: Suggester) -> None:
    text = ("Councillor Tom Okoro spoke after the vote. ‘The officers’ own report said the "
            "savings would be tiny,’ he told the radio station.")
    assert run(suggester, text) == [
        ("‘The officers’ own report said the savings would be tiny,’", "direct", "Tom Okoro")]


def test_person_of_organisation_is_the_speaker(suggester: Suggester) -> None:
    text = ("Professor Ian Mullins of the University of Bristol argued that the gains came "
            "mostly from cutting meetings.")
    found = run(suggester, text)
    assert found and found[0][2] == "Ian Mullins"


def test_but_concedes_keeps_the_speaker_of_the_first_cue(suggester: Suggester) -> None:
    text = ("Country Fire Authority incident controller Mark Tran says the warning system "
            "worked as designed, but concedes messages may not have reached everyone.")
    found = run(suggester, text)
    assert [f[2] for f in found] == ["Mark Tran", "Mark Tran"]


def test_put_it_colon_after_a_relative_clause(suggester: Suggester) -> None:
    text = ("Joe O'Connor, who ran the pilot for the non-profit 4 Day Week Global, put it "
            "bluntly: \"The sky did not fall.\"")
    assert run(suggester, text) == [("\"The sky did not fall.\"", "direct", "Joe O'Connor")]


def test_job_title_before_the_name_at_sentence_start(suggester: Suggester) -> None:
    text = ("Head coach Graham Whitley was less forgiving, telling reporters the batting had "
            "been ‘soft, lazy and frankly embarrassing’.")
    found = run(suggester, text)
    assert found and found[0][1] == "mixed" and found[0][2] == "Graham Whitley"


def test_appositive_subject_is_not_a_fronted_clause(suggester: Suggester) -> None:
    text = "The visitors’ captain, Tom Ashworth, praised his spinners after the match."
    assert run(suggester, text) == []


def test_passive_addressee_cue_has_no_fronted_clause(suggester: Suggester) -> None:
    text = ("Appearing on the Sunday programme Insiders, Ms Rahman was asked about the "
            "review's findings.")
    assert all("Appearing" not in f[0] for f in run(suggester, text))
