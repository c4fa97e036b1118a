"""Hostile input never crashes the suggester and always yields valid offsets."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from framing_annotator.nlp.suggest import Suggester

MARKS = ["“", "”", "„", "‟", "«", "»", "‹", "›", '"', "``", "''", "‘", "’", "'", "`"]
WORDS = ["said", "Ana Lima", "he", "that", "according to", "told", "the", "officials", ",", ".",
         ":", "\n", "\n\n", "Mr.", "says", "😀", "שלום", "مرحبا", "\u00a0", " ", "called",
         # cues and words that rules look past, which once read beyond the last token
         "replies", "responded", "pledge", "promises", "to", "p.m.", "She", "who", "which",
         "accused", "of", "tells", "the crowd", "Sens.", "Lt.", "Vt."]


def check(suggester: Suggester, text: str) -> None:
    for s in suggester.suggest(text):
        assert 0 <= s.start < s.end <= len(text)
        if s.mention is not None:
            assert 0 <= s.mention.start < s.mention.end <= len(text)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.sampled_from(MARKS), st.sampled_from(WORDS), st.text(max_size=8)),
                max_size=80))
def test_random_text_with_random_marks(suggester: Suggester, parts: list[str]) -> None:
    check(suggester, " ".join(parts))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300))
def test_arbitrary_unicode(suggester: Suggester, text: str) -> None:
    check(suggester, text)


def test_empty_text(suggester: Suggester) -> None:
    assert suggester.suggest("") == []
    assert list(suggester.suggest_many(["", ""])) == [[], []]


def test_emoji_offsets_are_code_points(suggester: Suggester) -> None:
    text = "🎉🎉 Party time. “We won 😀 again,” said Ana Lima 👍."
    (s,) = suggester.suggest(text)
    assert text[s.start : s.end] == "“We won 😀 again,”"
    assert text[s.mention.start : s.mention.end] == "Ana Lima"


def test_right_to_left_text(suggester: Suggester) -> None:
    text = "«שלום עולם, זה ציטוט ארוך מאוד.» אמר הדובר. مرحبا “بالعالم” هنا."
    check(suggester, text)


def test_unbalanced_marks(suggester: Suggester) -> None:
    check(suggester, "“““ ” ” „ « « ‹ '' `` \" \" “open\n\n“and never closed")


def test_million_character_article(suggester: Suggester) -> None:
    paragraph = ("“We will not stop until the job is done,” Maria Okafor said on Monday. "
                 "She said that the city would add 200 workers to clear the streets. "
                 "Officials called the plan a “bold step” and a « stray mark.\n\n")
    text = (paragraph * (1_000_000 // len(paragraph) + 1))[:1_000_000]
    found = suggester.suggest(text)
    assert len(found) > 10_000
    assert all(0 <= s.start < s.end <= len(text) for s in found)


BLOCK = ("Riverside MP Jan Novak spoke on Monday. “We will not stop until the job is done,” he "
         "said. Novak said that the city would add 200 workers. The test, officials said, was "
         "the largest yet. According to finance director Lena Park, the budget is balanced. "
         "Novak had one message for the council: the depot stays open. Asked whether the pool "
         "would reopen, Park said it would. As the Ledger reported on Friday, the bridge will "
         "close.\n\n")  # a colon, "asked whether" and "as X reported": rules that look around


def long_article(chars: int, single_line: bool) -> str:
    text = (BLOCK * (chars // len(BLOCK) + 1))[: chars // len(BLOCK) * len(BLOCK)]
    return text.replace("\n", " ") if single_line else text


def per_block(suggester: Suggester, text: str) -> float:
    found = suggester.suggest(text)
    assert all(0 <= s.start < s.end <= len(text) for s in found)
    return len(found) / (len(text) // len(BLOCK))


def test_long_article_is_suggested_like_its_parts(suggester: Suggester) -> None:
    """Half a megabyte, single line and in paragraphs: every block is suggested as it is on
    its own (the scans are bounded by sentence and paragraph, not cut short by length)."""
    one = per_block(suggester, BLOCK)
    for single_line in (False, True):
        assert per_block(suggester, long_article(500_000, single_line)) == one


def test_five_megabyte_single_line_article(suggester: Suggester) -> None:
    """A 5 MB single-line article (the importer's worst case short of its 64 MiB limit) is
    suggested like its parts; it takes about five seconds, so CI runs it every time
    (bench/bench_suggest.py has the figures)."""
    one = per_block(suggester, BLOCK)
    assert per_block(suggester, long_article(5_000_000, single_line=True)) == one


@pytest.mark.parametrize("text", [
    "PLEDGE", "Her pledge", "the vow", "Ruiz's promises", "who replies",
    "is Mr. , who confirms p.m. \n he", "Novak tells the crowd ,",
])
def test_a_rule_at_the_very_end_of_a_text(suggester: Suggester, text: str) -> None:
    """Found by random texts: rules that look at the word after a cue, a comma or "p.m."
    read past the last token when the text ended there (IndexError)."""
    check(suggester, text)
