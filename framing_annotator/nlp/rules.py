"""The quote rules: direct quotes from paired marks, then mixed and indirect quotes from cues.

The rules live in one module per purpose, chained as mixins over shared per-document state:

- :mod:`.base`: the state and token helpers;
- :mod:`.direct`: quotations with an attribution;
- :mod:`.clauses`: where a reported clause starts and ends;
- :mod:`.mixed`: a clause's kind, and quotations that no clause took;
- :mod:`.indirect`: reporting verbs, "according to X" and noun cues;
- :mod:`.entities`: who the speakers are (the article's people and organisations).
"""

from __future__ import annotations

from .base import Found
from .confidence import confidence_of
from .direct import DirectRules
from .entities import EntityModel
from .indirect import IndirectRules
from .speakers import named_later
from .view import DocView

__all__ = ["Found", "QuoteRules", "find_quotes"]


class QuoteRules(DirectRules, IndirectRules):
    """Applies the rules to one document; create one per doc."""

    def run(self) -> list[Found]:
        embedded = self.find_direct()
        self.find_indirect(embedded)
        found = self.suggestions()
        entities = EntityModel(self.view)
        names = entities.resolve((k, f.mention) for k, f in enumerate(found)
                                 if f.mention is not None and f.mention.form != "label")
        for k, f in enumerate(found):
            f.confidence = confidence_of(f.rule, f.kind, f.mention is not None)
            if f.mention is not None and f.mention.form == "label":
                f.speaker = named_later(self.view, f.mention)
            elif f.mention is not None:
                f.speaker, f.speaker_title = names.get(k, (None, None))
        return found


def find_quotes(view: DocView) -> list[Found]:
    """All quotes of one document, in text order."""
    return QuoteRules(view).run()
