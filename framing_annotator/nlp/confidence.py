"""How likely a suggestion is to be a real quote, by the rule that found it.

A suggestion's ``confidence`` is the share of the suggestions of its kind, found by the same
rule, with or without a speaker mention, that were right (found a gold quote) when measured:
so among the suggestions scored 0.8 about 80% are right, and the window's threshold means
what it says. The table comes from ``python bench/eval_quotes.py --calibrate DIR...`` on
PolNeAR train (840 articles) and our own test articles (``tests/data/quotes``, not the held-out
ones); ``docs/suggester.md`` has the reliability table. Rare combinations (fewer than 20
suggestions) take the figure of their rule overall, else ``DEFAULT``. Measured 2026-12-04 with
the issue-13 rules of RULES_VERSION 0.9 (comments give the number of suggestions behind each
figure).
"""

from __future__ import annotations

DEFAULT = 0.6

# (rule, kind, has a speaker mention) -> share right
TABLE: dict[tuple[str, str, bool], float] = {
    ('according-to', 'indirect', True): 0.85,  # 323 suggestions
    ('according-to', 'mixed', True): 0.81,  # 21 suggestions
    ('after-cue', 'direct', True): 0.96,  # 52 suggestions
    ('after-cue', 'indirect', True): 0.85,  # 2995 suggestions
    ('after-cue', 'mixed', True): 0.95,  # 812 suggestions
    ('as-reported', 'indirect', True): 0.76,  # 33 suggestions
    ('final-attribution', 'indirect', True): 0.77,  # 295 suggestions
    ('final-attribution', 'mixed', True): 0.92,  # 153 suggestions
    ('headline', 'indirect', True): 0.72,  # 39 suggestions
    ('headline-colon', 'indirect', True): 0.75,  # 52 suggestions
    ('headline-colon', 'mixed', True): 0.9,  # 20 suggestions
    ('infinitive', 'indirect', True): 0.73,  # 165 suggestions
    ('infinitive', 'mixed', True): 1.0,  # 25 suggestions
    ('medial', 'indirect', True): 0.85,  # 317 suggestions
    ('medial', 'mixed', True): 1.0,  # 35 suggestions
    ('naming-cue', 'mixed', True): 0.88,  # 153 suggestions
    ('question', 'indirect', False): 0.88,  # 56 suggestions
    ('question', 'indirect', True): 0.94,  # 48 suggestions
    ('quotation-alone', 'direct', False): 0.8,  # 234 suggestions
    ('quotation-attributed', 'direct', True): 0.97,  # 3739 suggestions
    ('quotation-continued', 'mixed', True): 0.92,  # 25 suggestions
    ('quotation-follow-on', 'direct', True): 0.92,  # 1530 suggestions
    ('quotation-in-sentence', 'direct', False): 0.73,  # 94 suggestions
    ('quotation-in-sentence', 'direct', True): 0.86,  # 29 suggestions
}
BY_RULE: dict[str, float] = {
    'according-to': 0.85,  # 348 suggestions
    'after-cue': 0.88,  # 3859 suggestions
    'as-reported': 0.77,  # 35 suggestions
    'final-attribution': 0.82,  # 448 suggestions
    'headline': 0.69,  # 45 suggestions
    'headline-colon': 0.79,  # 72 suggestions
    'infinitive': 0.77,  # 190 suggestions
    'medial': 0.87,  # 370 suggestions
    'naming-cue': 0.87,  # 157 suggestions
    'noun-cue': 0.69,  # 16 suggestions
    'question': 0.89,  # 112 suggestions
    'quotation-alone': 0.8,  # 234 suggestions
    'quotation-attributed': 0.97,  # 3739 suggestions
    'quotation-continued': 0.92,  # 26 suggestions
    'quotation-follow-on': 0.92,  # 1530 suggestions
    'quotation-in-sentence': 0.76,  # 123 suggestions
}


def confidence_of(rule: str, kind: str, has_mention: bool) -> float:
    """The calibrated confidence of a suggestion (see the module docstring)."""
    found = TABLE.get((rule, kind, has_mention))
    if found is None:
        found = BY_RULE.get(rule, DEFAULT)
    return found
