"""Quotation-mark pairing from the open/close table."""

from __future__ import annotations

import pytest

from framing_annotator.nlp.marks import find_quotations


def spans(text: str) -> list[str]:
    return [text[q.start : q.end] for q in find_quotations(text)]


@pytest.mark.parametrize(
    "quote",
    ["“Yes, we will.”", "„Yes, we will.“", "‟Yes, we will.”", "«Yes, we will.»",
     "‹Yes, we will.›", '"Yes, we will."', "``Yes, we will.''", "''Yes, we will.''"],
)
def test_every_style_pairs(quote: str) -> None:
    text = f"She said: {quote} Then she left."
    assert spans(text) == [quote]


def test_nested_single_quotes_stay_inside() -> None:
    text = "“When he says ‘growth,’ he means donors,” she said."
    assert spans(text) == ["“When he says ‘growth,’ he means donors,”"]


def test_apostrophes_do_not_pair() -> None:
    assert spans("Pham’s agency doesn’t say. The states’ rights.") == []


def test_multi_paragraph_quote_is_one() -> None:
    text = "She wrote:\n\n“First part.\n\n“Second part.\n\n“Last part.”\n\nAfter."
    assert spans(text) == ["“First part.\n\n“Second part.\n\n“Last part.”"]


def test_unclosed_quote_is_dropped_at_paragraph_end() -> None:
    text = "He said “this never closes.\n\nA new paragraph with “a real quote.”"
    assert spans(text) == ["“a real quote.”"]


def test_closing_mark_alone_is_ignored() -> None:
    assert spans("stray ” mark and then “a quote” here") == ["“a quote”"]


def test_pairs_by_table_not_by_count() -> None:
    # a » cannot close a “, so the guillemet inside does not end the quote
    text = "“Il a dit » non,” she said."
    assert spans(text) == ["“Il a dit » non,”"]


def test_headline_single_quotes() -> None:
    assert spans("Reid: 'Never underestimate him.'\n") == ["'Never underestimate him.'"]


# British copy: single marks as the primary quotation marks (rules 0.3)


def test_british_single_quotes_with_nested_double() -> None:
    text = "Okoro said: ‘It was about the “efficiency” targets set in Whitehall.’ Then he left."
    assert spans(text) == ["‘It was about the “efficiency” targets set in Whitehall.’"]


def test_plural_possessive_inside_single_quotes_does_not_close() -> None:
    text = "‘The officers’ own report said the savings would be tiny,’ he told the BBC."
    assert spans(text) == ["‘The officers’ own report said the savings would be tiny,’"]


def test_single_quoted_term_closes_before_the_next_quotation() -> None:
    text = "It had ‘record funding’ this year. A spokesman said: ‘Funding is rising.’"
    assert spans(text) == ["‘record funding’", "‘Funding is rising.’"]
    text = "placards reading ‘Books not bulldozers’ and more.\n\n‘It’s not just books,’ she said."
    assert spans(text) == ["‘Books not bulldozers’", "‘It’s not just books,’"]


def test_elisions_and_decades_are_apostrophes() -> None:
    text = "since the ’60s and ‘90s, rock 'n' roll, 'til dawn, and the students’ union said no."
    assert spans(text) == []


def test_british_multi_paragraph_quote_is_one() -> None:
    text = ("She wrote:\n\n‘I have been a teacher.\n\n‘We cut the “extras” here.\n\n"
            "‘Next year I am angry.’\n\nThe end.")
    assert spans(text) == [
        "‘I have been a teacher.\n\n‘We cut the “extras” here.\n\n‘Next year I am angry.’"]


def test_nested_curly_quotation_does_not_close_the_outer_one() -> None:
    text = "“Her claim that it “has to do with the river” is wrong,” he said. “After.” Yes."
    spans = [text[q.start : q.end] for q in find_quotations(text)]
    assert spans == ["“Her claim that it “has to do with the river” is wrong,”", "“After.”"]


def test_curly_opener_after_a_full_stop_still_closes_a_sloppy_quotation() -> None:
    text = "She said “it was nice. “And then we left,” she said."
    spans = [text[q.start : q.end] for q in find_quotations(text)]
    assert spans[0] == "“it was nice. “"
