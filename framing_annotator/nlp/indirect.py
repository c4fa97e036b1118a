"""Indirect (and mixed) quotes from cues: reporting verbs, "according to X" and noun cues."""

from __future__ import annotations

from .base import SENT_PUNCT
from .cues import (
    CUE_FORMS,
    FINDING_SOURCES,
    FINITE_CLAUSE_CUES,
    FINITE_WORDS,
    NEEDS_THAT,
    NOUN_CUES,
    THAT_ONLY,
)
from .mixed import NAMING_CUES, MixedRules
from .speakers import POSSESSIVE, mention_after, mention_before, name_ending_at

# participles that introduce a clause of their own: "..., saying the plan is dead"
BARE_ING = frozenset({"say", "add", "tell", "argue", "claim", "warn", "insist", "note", "explain",
                      "write", "suggest", "declare", "contend", "predict", "stress", "assert",
                      "announce", "confirm", "acknowledge", "accuse", "call", "ask", "urge"})

# cues whose passive subject is the one addressed: "she was asked", "they were told"
PASSIVE_ADDRESSEE = frozenset({"ask", "tell", "inform", "advise", "urge", "warn", "assure",
                               "remind"})


# words after "yes" that make it an answer rather than the start of a clause
ANSWER_FOLLOW = frozenset({"before", "after", "when", "to", "and", "but", "because", "until",
                           "if", "as", "or", "so", ",", ".", ";", "!", "?", ":", "—", "–"})


class IndirectRules(MixedRules):
    """Find reported clauses after (or before) their cue."""

    def find_indirect(self, embedded: list[int]) -> None:
        """Suggest mixed and indirect quotes; absorb embedded quotations into their clauses."""
        v = self.view
        left = set(embedded)
        n = len(v)
        done_until = -1
        for c in range(n):
            if c < done_until or v.quote_of[c] >= 0:
                continue
            w = v.lower[c]
            if w == "according" and c + 1 < n and v.lower[c + 1] == "to":
                done_until = self._according(c, left)
                continue
            if w in NOUN_CUES:
                done_until = self._noun_cue(c, left)
                continue
            if c in self.used_cues or not self._is_cue(c):
                continue
            done_until = self._verb_cue(c, left)
        self._leftover_quotations(left)

    def _verb_cue(self, c: int, left: set[int]) -> int:
        v = self.view
        s0 = self._sentence_start(c)
        s_end = v.sent_end[c]
        lemma = CUE_FORMS[v.lower[c]]
        mention = self._speaker_before(c, s0)
        p = self._prev(c)
        # Final attribution: "CLAUSE, Smith said." / "CLAUSE, said Smith." A passive cue that
        # takes an addressee has none ("Appearing on Insiders, Rahman was asked about ...").
        front_end = None
        passive = self._passive(c, s0)
        if mention is not None and not passive:
            q = self._prev(mention.start)
            if q >= s0 and self._ends_clause(q) and not self._appositive_subject(
                    s0, q, mention.end, c):
                front_end = q
        elif not passive and p >= s0 and (v.words[p] == "," or self._ends_clause(p)):
            after = mention_after(v, c, s_end)
            if after is not None:
                mention, front_end = after, p
        if front_end is not None and front_end - s0 >= 3:
            rest = self._next(c + 1)
            if mention.start > c:
                rest = self._next(mention.end)
            if self._attribution_tail(rest, s_end):
                a = self._next(s0)
                b = self._clause_end(a, front_end + 1)
                if self._emit_clause(a, b, c, mention, left, 0.7):
                    # go on after the attribution: "..., Nilsson said, adding that ..."
                    return max(c, mention.end) + 1
        if mention is None or (lemma in THAT_ONLY
                               and v.lower[mention.end - 1] not in FINDING_SOURCES):
            return c + 1
        needs_that = lemma in NEEDS_THAT and not any(
            v.lower[k] == "that" for k in range(c + 1, min(s_end, c + 8)))
        if v.lower[c].endswith("ing") and lemma not in BARE_ING:
            return c + 1
        a = self._after_cue(c, s_end)
        if a >= s_end or v.words[a] in SENT_PUNCT or v.words[a] in (",", ":", ";"):
            return c + 1
        b = self._subordinate_end(s0, c, a, self._clause_end(a, s_end))
        words = sum(1 for k in range(a, b) if v.words[k][:1].isalnum())
        quoted = [qi for qi in {v.quote_of[k] for k in range(a, b)} if qi >= 0]
        if v.lower[a] == "yes" and self._answer(a, s_end):
            return c + 1  # "I said yes before she could change her mind": an answer
        if needs_that and lemma in FINITE_CLAUSE_CUES and self._finite_clause(a, b):
            needs_that = False
        if needs_that and not any(self._speakers_words(qi) for qi in quoted):
            # "announced the results": without "that", or the speaker's own quoted words,
            # the object is rarely a quote ("vowed to “fight this closure” ..." is one)
            return c + 1
        if lemma in NAMING_CUES and quoted and v.lower[self._next(c + 1)] not in (
                "for", "on", "upon"):
            self._naming_cue(c, a, b, quoted, mention, left)
            return b
        if words < 3 and not (quoted and words >= 2):
            return c + 1
        if self._emit_clause(a, b, c, mention, left, 0.6):
            return b
        return c + 1

    def _answer(self, a: int, s_end: int) -> bool:
        """``said yes before …``: a one-word answer, not a clause. (``said no to the plan`` is
        left alone: corpora such as PolNeAR count it as a quote.)"""
        v = self.view
        nxt = self._next(a + 1)
        return nxt >= s_end or v.lower[nxt] in ANSWER_FOLLOW

    def _finite_clause(self, a: int, b: int) -> bool:
        """``the strike was costing …``: a short subject, then a finite verb, before any comma or
        quotation (``the cost at $5 million`` is an object)."""
        v = self.view
        for k in range(a + 1, min(b, a + 6)):
            if v.quote_of[k] >= 0 or not v.words[k][:1].isalnum():
                return False
            if v.lower[k] in FINITE_WORDS:
                return True
        return False

    def _passive(self, c: int, s0: int) -> bool:
        """``was asked``, ``were told``: a cue that takes an addressee, in the passive (its
        subject is the one addressed; ``was saying`` is still speech)."""
        v = self.view
        if v.lower[c].endswith("ing") or CUE_FORMS[v.lower[c]] not in PASSIVE_ADDRESSEE:
            return False
        p = self._prev(c)
        while p > s0 and v.lower[p] in ("also", "not", "never", "repeatedly", "reportedly"):
            p = self._prev(p)
        return p >= s0 and v.lower[p] in ("was", "were", "been", "being", "be", "is", "are")

    def _appositive_subject(self, s0: int, q: int, m_end: int, c: int) -> bool:
        """``The visitors’ captain, Tom Ashworth, praised ...``: a short noun phrase before an
        appositive name is the subject, not a fronted clause."""
        v = self.view
        k = self._next(m_end)
        if k >= c or v.words[k] != ",":
            return False
        words = sum(1 for t in range(s0, q) if v.words[t][:1].isalnum())
        return words <= 4 and all(v.quote_of[t] < 0 for t in range(s0, q))

    def _speakers_words(self, qi: int) -> bool:
        """A quotation that reads as someone's words rather than a term or a title."""
        q = self.view.quotations[qi]
        return self._inner_words(q) >= 2 or self._terminal(q)

    def _ends_clause(self, k: int) -> bool:
        """A comma or dash before a final attribution, or a quotation closing on a comma:
        ``The schedule has been “a mess,” said Karl Ostrowski``."""
        v = self.view
        if v.words[k] in (",", "—"):
            return True
        qi = v.quote_of[k]
        if qi < 0 or v.quote_tokens[qi][1] != k + 1:
            return False
        q = v.quotations[qi]
        inner = v.text[q.inner_start : q.inner_end].rstrip()
        return inner.endswith(",") and v.quote_tokens[qi][0] > self._sentence_start(k)

    def _according(self, c: int, left: set[int]) -> int:
        v = self.view
        s0 = self._sentence_start(c)
        s_end = v.sent_end[c]
        mention = mention_after(v, c + 1, s_end)
        if mention is None:
            return c + 2
        after = self._next(mention.end)
        # skip an appositive up to the next comma
        while after < s_end and v.words[after] != "," and v.words[after] not in SENT_PUNCT:
            after += 1
        begin = self._next(s0)
        while begin < c and v.lower[begin] in ("but", "and", "yet", "so", ","):
            begin += 1
        if begin >= c:  # "According to X, CLAUSE."
            a = self._next(after + 1) if after < s_end and v.words[after] == "," else s_end
            b = self._clause_end(a, s_end)
        elif after >= s_end or v.words[after] in SENT_PUNCT or (
                self._next(after + 1) < s_end
                and v.lower[self._next(after + 1)] in ("a", "an", "the", "who")):
            # "CLAUSE, according to X." / "CLAUSE, according to X, an analyst at Y."
            a, b = begin, self._clause_end(begin, c)
        else:  # "CLAUSE, according to X, CLAUSE."
            a, b = begin, self._clause_end(self._next(after + 1), s_end)
        self._emit_clause(a, b, c, mention, left, 0.65)
        return max(c + 2, b)

    def _noun_cue(self, c: int, left: set[int]) -> int:
        """``the president's claims that ...``: only with a possessive speaker and "that"."""
        v = self.view
        nxt = self._next(c + 1)
        if nxt < len(v) and v.lower[nxt] in ("is", "was") and nxt + 1 < len(v):
            nxt = self._next(nxt + 1)  # "her claim is that ..."
        if nxt >= len(v) or v.lower[nxt] != "that" or c < 2:
            return c + 1
        s0 = self._sentence_start(c)
        poss = next((k for k in range(c - 1, max(s0, c - 4) - 1, -1)
                     if v.lower[k] in POSSESSIVE), None)
        if poss is None:
            return c + 1
        mention = mention_before(v, poss, s0) or name_ending_at(v, poss - 1, s0)
        if mention is None:
            return c + 1
        s_end = v.sent_end[c]
        a = self._next(nxt + 1)
        b = self._clause_end(a, s_end)
        self._emit_clause(a, b, c, mention, left, 0.55)
        return max(c + 1, b)
