"""Rules added in 0.4: headline speakers, "found that", "estimated" without "that", and
one-word answers. Every text is written for the test."""

from __future__ import annotations

from framing_annotator.nlp.suggest import Suggester


def run(suggester: Suggester, text: str) -> list[tuple[str, str, str | None]]:
    return [(text[s.start : s.end], str(s.kind), s.speaker) for s in suggester.suggest(text)]


def test_headline_quote_takes_the_speaker_after_the_colon(suggester: Suggester) -> None:
    text = ("'We lost everything in an hour': Residents count cost of hailstorm\n\n"
            "By staff reporter Lena Park\n")
    assert run(suggester, text)[0] == (
        "'We lost everything in an hour'", "direct", "Residents")
    text = ("“We will not sign this deal”: Mayor Ruth Caldwell vows to fight harbor plan\n\n"
            "The mayor spoke on Monday.\n")
    assert run(suggester, text)[0] == (
        "“We will not sign this deal”", "direct", "Ruth Caldwell")


def test_headline_quote_without_a_source_after_the_colon_has_no_speaker(
        suggester: Suggester) -> None:
    text = ("'The water just kept rising': Inside the week that drowned a valley town\n\n"
            "Nobody in Marlow had seen a flood like it.\n")
    assert run(suggester, text)[0] == (
        "'The water just kept rising'", "direct", None)


def test_job_label_before_a_headline_colon_is_the_speaker(suggester: Suggester) -> None:
    text = ("Transport minister: 'No train line will close this year'\n\n"
            "The timetable stays as it is.\n")
    assert run(suggester, text)[0] == (
        "'No train line will close this year'", "direct", "Transport minister")


def test_found_that_reports_a_review_or_study(suggester: Suggester) -> None:
    text = ("The audit, ordered by the county board last spring, found that two of the five "
            "shelters had no working smoke alarms.")
    assert run(suggester, text) == [
        ("two of the five shelters had no working smoke alarms", "indirect", "The audit")]


def test_found_that_as_pronoun_or_of_a_person_is_not_a_cue(suggester: Suggester) -> None:
    assert run(suggester, "Each year she finds that in her garden by the old wall.") == []
    assert run(suggester, "Rangers found the missing hiker near the ridge on Tuesday.") == []


def test_estimated_without_that_before_a_full_clause(suggester: Suggester) -> None:
    text = "Analysts at Hollis Bank estimated the closure was costing the region 3 million a week."
    assert run(suggester, text) == [
        ("the closure was costing the region 3 million a week", "indirect", "Hollis Bank")]
    text = "The county estimated the cost of the new bridge at 40 million dollars."
    assert run(suggester, text) == []


def test_said_yes_is_an_answer_not_a_reported_clause(suggester: Suggester) -> None:
    text = ("When my sister offered me her old bike for the summer, I said yes before she "
            "could think twice.")
    assert all(not f[0].startswith("yes") for f in run(suggester, text))
    text = "Councillor Ivo Berg said no decision had been made on the depot."
    assert run(suggester, text) == [
        ("no decision had been made on the depot", "indirect", "Ivo Berg")]


def test_first_person_narration_inside_a_direct_quote_is_not_a_separate_quote(
        suggester: Suggester) -> None:
    text = ("“I said yes before they even finished the question. I told them we would go,” "
            "Maria Okafor said on Monday.")
    assert run(suggester, text) == [
        ("“I said yes before they even finished the question. I told them we would go,”",
         "direct", "Maria Okafor")]


def test_job_label_in_a_headline_resolves_to_the_name_given_later(suggester: Suggester) -> None:
    text = ("Schools minister: 'Every class will have a teacher by March'\n\n"
            "The schools minister, Priya Natarajan, made the promise on Sunday after a month of "
            "strikes.\n")
    assert run(suggester, text)[0] == (
        "'Every class will have a teacher by March'", "direct", "Priya Natarajan")
