"""How likely a suggestion is to be a real quote, by the rule that found it.

A suggestion's ``confidence`` is the share of the suggestions of its kind, found by the same
rule, with or without a speaker mention, that were right (found a gold quote) when measured:
so among the suggestions scored 0.8 about 80% are right, and the window's threshold means
what it says. The table comes from ``python bench/eval_quotes.py --calibrate DIR...`` on
PolNeAR train (840 articles) and our own test articles (``tests/data/quotes``, not the held-out
ones); ``docs/suggester.md`` has the reliability table. Rare combinations (fewer than 20
suggestions) take the figure of their rule overall, else ``DEFAULT``. Measured 2026-12-02 with
rules 0.5 (comments give the number of suggestions behind each figure).
"""

from __future__ import annotations

DEFAULT = 0.6

# (rule, kind, has a speaker mention) -> share right
TABLE: dict[tuple[str, str, bool], float] = {
    ('according-to', 'indirect', True): 0.85,  # 271 suggestions
    ('according-to', 'mixed', True): 0.81,  # 21 suggestions
    ('after-cue', 'direct', True): 1.0,  # 40 suggestions
    ('after-cue', 'indirect', True): 0.82,  # 2829 suggestions
    ('after-cue', 'mixed', True): 0.94,  # 781 suggestions
    ('final-attribution', 'indirect', True): 0.71,  # 296 suggestions
    ('final-attribution', 'mixed', True): 0.91,  # 130 suggestions
    ('infinitive', 'indirect', True): 0.72,  # 157 suggestions
    ('medial', 'indirect', True): 0.83,  # 247 suggestions
    ('medial', 'mixed', True): 0.97,  # 29 suggestions
    ('naming-cue', 'mixed', True): 0.88,  # 138 suggestions
    ('quotation-alone', 'direct', False): 0.85,  # 352 suggestions
    ('quotation-attributed', 'direct', True): 0.96,  # 3650 suggestions
    ('quotation-continued', 'mixed', True): 0.83,  # 23 suggestions
    ('quotation-follow-on', 'direct', True): 0.92,  # 1485 suggestions
    ('quotation-in-sentence', 'direct', False): 0.62,  # 183 suggestions
    ('quotation-in-sentence', 'direct', True): 0.83,  # 36 suggestions
}
BY_RULE: dict[str, float] = {
    'according-to': 0.85,  # 296 suggestions
    'after-cue': 0.85,  # 3650 suggestions
    'final-attribution': 0.77,  # 426 suggestions
    'headline': 0.38,  # 8 suggestions
    'infinitive': 0.74,  # 167 suggestions
    'medial': 0.85,  # 276 suggestions
    'naming-cue': 0.88,  # 141 suggestions
    'noun-cue': 0.67,  # 15 suggestions
    'quotation-alone': 0.85,  # 352 suggestions
    'quotation-attributed': 0.96,  # 3650 suggestions
    'quotation-continued': 0.83,  # 24 suggestions
    'quotation-follow-on': 0.92,  # 1485 suggestions
    'quotation-in-sentence': 0.66,  # 219 suggestions
}


def confidence_of(rule: str, kind: str, has_mention: bool) -> float:
    """The calibrated confidence of a suggestion (see the module docstring)."""
    found = TABLE.get((rule, kind, has_mention))
    if found is None:
        found = BY_RULE.get(rule, DEFAULT)
    return found
