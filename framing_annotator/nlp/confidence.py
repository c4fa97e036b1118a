"""How likely a suggestion is to be a real quote, by the rule that found it.

A suggestion's ``confidence`` is the share of the suggestions of its kind, found by the same
rule, with or without a speaker mention, that were right (found a gold quote) when measured:
so among the suggestions scored 0.8 about 80% are right, and the window's threshold means
what it says. The table comes from ``python bench/eval_quotes.py --calibrate DIR...`` on
PolNeAR train (840 articles) and our own test articles (``tests/data/quotes``, not the held-out
ones); ``docs/suggester.md`` has the reliability table. Rare combinations (fewer than 20
suggestions) take the figure of their rule overall, else ``DEFAULT``. Measured 2026-12-04 with
the issue-13 rules: questions, headline colons, "as X reported" asides (comments give the
number of suggestions behind each figure).
"""

from __future__ import annotations

DEFAULT = 0.6

# (rule, kind, has a speaker mention) -> share right
TABLE: dict[tuple[str, str, bool], float] = {
    ('according-to', 'indirect', True): 0.85,  # 323 suggestions
    ('according-to', 'mixed', True): 0.82,  # 22 suggestions
    ('after-cue', 'direct', True): 1.0,  # 40 suggestions
    ('after-cue', 'indirect', True): 0.85,  # 2914 suggestions
    ('after-cue', 'mixed', True): 0.94,  # 769 suggestions
    ('as-reported', 'indirect', True): 0.78,  # 32 suggestions
    ('final-attribution', 'indirect', True): 0.76,  # 286 suggestions
    ('final-attribution', 'mixed', True): 0.91,  # 130 suggestions
    ('headline', 'indirect', True): 0.69,  # 35 suggestions
    ('headline-colon', 'indirect', True): 0.74,  # 50 suggestions
    ('infinitive', 'indirect', True): 0.72,  # 158 suggestions
    ('medial', 'indirect', True): 0.84,  # 307 suggestions
    ('medial', 'mixed', True): 1.0,  # 32 suggestions
    ('naming-cue', 'mixed', True): 0.88,  # 144 suggestions
    ('question', 'indirect', False): 0.85,  # 55 suggestions
    ('question', 'indirect', True): 0.94,  # 48 suggestions
    ('quotation-alone', 'direct', False): 0.8,  # 245 suggestions
    ('quotation-attributed', 'direct', True): 0.96,  # 3763 suggestions
    ('quotation-continued', 'mixed', True): 0.79,  # 24 suggestions
    ('quotation-follow-on', 'direct', True): 0.92,  # 1536 suggestions
    ('quotation-in-sentence', 'direct', False): 0.71,  # 125 suggestions
    ('quotation-in-sentence', 'direct', True): 0.83,  # 29 suggestions
}
BY_RULE: dict[str, float] = {
    'according-to': 0.85,  # 349 suggestions
    'after-cue': 0.87,  # 3723 suggestions
    'as-reported': 0.79,  # 34 suggestions
    'final-attribution': 0.81,  # 416 suggestions
    'headline': 0.66,  # 41 suggestions
    'headline-colon': 0.78,  # 69 suggestions
    'infinitive': 0.74,  # 167 suggestions
    'medial': 0.86,  # 339 suggestions
    'naming-cue': 0.87,  # 147 suggestions
    'noun-cue': 0.62,  # 13 suggestions
    'question': 0.88,  # 111 suggestions
    'quotation-alone': 0.8,  # 245 suggestions
    'quotation-attributed': 0.96,  # 3763 suggestions
    'quotation-continued': 0.8,  # 25 suggestions
    'quotation-follow-on': 0.92,  # 1536 suggestions
    'quotation-in-sentence': 0.73,  # 154 suggestions
}


def confidence_of(rule: str, kind: str, has_mention: bool) -> float:
    """The calibrated confidence of a suggestion (see the module docstring)."""
    found = TABLE.get((rule, kind, has_mention))
    if found is None:
        found = BY_RULE.get(rule, DEFAULT)
    return found
