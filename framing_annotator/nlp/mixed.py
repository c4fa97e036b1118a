"""Mixed quotes: a reported clause holding the speaker's own quoted words, and quotations
that no clause took."""

from __future__ import annotations

from .base import EMBEDDED_MIN_WORDS, SCARE_MAX_WORDS, Found
from .clauses import SUBORDINATORS, TAIL_WORDS, TRAILING, ClauseRules
from .cues import FINITE_WORDS
from .speakers import Mention, mention_before

# words a title leaves in lower case: "The Art of Being the Donald"
TITLE_SMALL_WORDS = frozenset({"a", "an", "the", "of", "and", "or", "but", "for", "nor", "on",
                               "in", "at", "to", "by", "with", "from", "as", "into", "vs", "&"})
OBJECT_MAX_TOKENS = 24  # "called X “Y”": X longer than this is not one noun phrase
ATTRIBUTION_TOKENS = 16  # how far back from a direct quote its attribution is looked for
# words that link a clause to the attribution of the quote after it: "..., while adding, “…”"
CONNECTORS = frozenset({"and", "but", "or", "while", "by", "before", "after", "as", "when", "then",
                        ",", "—", "–"})


class MixedRules(ClauseRules):
    """Emit a clause as mixed or indirect, and decide what its quotations are."""

    def _emit_clause(self, a: int, b: int, cue: int | None, mention: Mention | None,
                     embedded: set[int], rule: str, kind: str | None = None,
                     min_tokens: int = 3) -> bool:
        v = self.view
        if b - a < min_tokens:
            return False
        if v.quote_of[a] >= 0 and v.quote_tokens[v.quote_of[a]][1] >= b:
            # the clause is one quotation: "called for “boots on the ground.”" is direct
            qi = v.quote_of[a]
            q = v.quotations[qi]
            if qi not in embedded or self._overlaps_taken(q.start, q.end):
                return False
            embedded.discard(qi)
            cue_text = v.words[cue] if cue is not None else None
            self._add(Found(q.start, q.end, "direct", cue_text, mention, rule))
            return True
        start, end = v.starts[a], v.ends[b - 1]
        if v.quote_of[b - 1] >= 0:
            end = max(end, v.quotations[v.quote_of[b - 1]].end)
        if v.quote_of[a] >= 0:
            start = min(start, v.quotations[v.quote_of[a]].start)
        if end <= start:
            return False
        if not self._take_in(start, end):
            # "insisted it was “premature” to back her, while adding, “I …”": the clause runs
            # into a direct quote found for a later cue; it ends before that quote (for a clause
            # right after its cue, and when no other cue is left in it)
            if rule != "after-cue":
                return False
            b = self._before_taken(a, b, start, end)
            if b - a < max(min_tokens, 3) or any(self._is_cue(t) for t in range(a, b)) \
                    or not self._reads_as_clause(a, b):
                return False
            end = v.ends[b - 1]
            if v.quote_of[b - 1] >= 0:
                end = max(end, v.quotations[v.quote_of[b - 1]].end)
            if not self._take_in(start, end):
                return False
        own = kind
        kind = "indirect"
        for qi in {v.quote_of[i] for i in range(a, b) if v.quote_of[i] >= 0}:
            q = v.quotations[qi]
            if self._inner_words(q) >= 3 or self._terminal(q) or q.end >= end:
                kind = "mixed"
            embedded.discard(qi)
        cue_text = v.words[cue] if cue is not None else None
        self._add(Found(start, end, own or kind, cue_text, mention, rule))
        return True

    def _reads_as_clause(self, a: int, b: int) -> bool:
        """Tokens ``[a, b)`` open like a clause: after "that", with a subject pronoun, or with a
        short subject and a finite verb (not an object: ``to one of his messages``)."""
        v = self.view
        p = self._prev(a)
        if p >= 0 and v.lower[p] == "that":
            return True
        w = v.lower[a]
        if w in ("he", "she", "they", "we", "i", "it"):
            return True
        return any(v.lower[k] in FINITE_WORDS for k in range(a + 1, min(b, a + 6)))

    def _before_taken(self, a: int, b: int, start: int, end: int) -> int:
        """The end of clause tokens ``[a, b)`` cut before the first suggestion it overlaps,
        without the punctuation and linking words left dangling; ``a`` when a suggestion
        overlaps its start."""
        v = self.view
        first = min(f.start for f in self.taken.overlapping(start, end))
        if first <= start:
            return a
        k = b
        while k > a and (v.starts[k - 1] >= first or v.quote_of[k - 1] >= 0 and v.quotations[
                v.quote_of[k - 1]].end > first):
            k -= 1
        while k > a and v.words[k - 1].isspace():
            k -= 1
        # "..., his campaign manager, Jeff Weaver, says “…”", "while adding, “…”": that quote's
        # attribution is not part of the clause either
        cue = next((t for t in range(k - 1, max(a, k - ATTRIBUTION_TOKENS) - 1, -1)
                    if t in self.used_cues), None)
        if cue is not None:
            m = mention_before(v, cue, a)
            k = m.start if m is not None and m.start < cue else cue
            while k > a and (v.words[k - 1].isspace() or v.lower[k - 1] in CONNECTORS):
                k -= 1
        elif k <= a or v.words[k - 1] not in (",", ":", ";", "—", "–"):
            return a  # cut mid-phrase ("responded to his plans by saying “…”"): no clause
        while k > a and (v.words[k - 1] in TRAILING or v.words[k - 1].isspace()) \
                and v.quote_of[k - 1] < 0:
            k -= 1
        if k <= a or v.lower[k - 1] in TAIL_WORDS or v.lower[k - 1] in SUBORDINATORS:
            return a  # "... as a vice-presidential choice": a phrase left hanging
        return k

    def _naming_cue(self, c: int, a: int, b: int, quoted: list[int], mention: Mention | None,
                    left: set[int]) -> int:
        """``called the plan “a disaster”``: a mixed clause, object and the speaker's words.

        A short quotation after "the" or "so-called" is a scare quote, not the speaker's. When
        the quotation follows the cue directly (``called it “rigged”`` aside), or the object is
        too long to be one, only the quotation is suggested, as a direct quote. Returns where
        the rules go on.
        """
        v = self.view
        end = b
        own = []
        for qi in sorted(quoted):
            before = self._prev(v.quote_tokens[qi][0])
            # "called the “reform” a failure": a scare quote; "called Cruz the “ultimate
            # hypocrite”": after the object, "the" opens what the speaker calls it
            scare = before >= 0 and (v.lower[before] == "so-called" or (
                v.lower[before] == "the" and self._prev(before) == c))
            if scare and self._inner_words(v.quotations[qi]) <= SCARE_MAX_WORDS:
                left.discard(qi)
                continue
            own.append(qi)
        if not own:
            return end
        first = v.quote_tokens[own[0]][0]
        for qi in own:
            last = v.quote_tokens[qi][1]
            nxt = self._next(last)
            if last < b and (self._terminal(v.quotations[qi]) or (
                    nxt < b and v.lower[nxt] in (",", "and", "but"))):
                # "called Cruz the “ultimate hypocrite,” a charge ...", "called the deal “a
                # disaster” and ranked ...": the name ends it
                b = last
                break
        if a < first <= a + OBJECT_MAX_TOKENS and self._emit_clause(
                a, b, c, mention, left, "naming-cue", kind="mixed"):
            return b  # ("... and Sanders, who says it's “disastrous.”": the next cue)
        for qi in own:
            self._quotation_as_direct(qi, c, mention, left, "naming-cue")
        return end

    def _quotation_as_direct(self, qi: int, c: int, mention: Mention | None, left: set[int],
                             rule: str) -> bool:
        """Suggest quotation ``qi`` whole as a direct quote of the cue at ``c``, unless another
        rule has taken it or a suggestion overlaps it; whether it was suggested."""
        q = self.view.quotations[qi]
        if qi not in left or self._overlaps_taken(q.start, q.end):
            return False
        left.discard(qi)
        self._add(Found(q.start, q.end, "direct", self.view.words[c], mention, rule))
        return True

    def _title_case(self, qi: int) -> bool:
        """``“Crippled America: How to Make America Great Again,”``: a quotation in title case
        (every word capitalised but the small ones) is the title of a book, a show or an
        article, not someone's words."""
        q = self.view.quotations[qi]
        words = [w.strip(".,:;!?'’\"“”‘()") for w in self.view.text[
            q.inner_start : q.inner_end].split()]
        big = [w for w in words if w and w.lower() not in TITLE_SMALL_WORDS]
        return len(big) >= 3 and all(w[:1].isupper() or w[:1].isdigit() for w in big)

    def _leftover_quotations(self, left: set[int]) -> None:
        """Mid-sentence quotations that no clause took: long ones are someone's words, unless
        they are titles."""
        v = self.view
        for qi in sorted(left):
            q = v.quotations[qi]
            if self._inner_words(q) < EMBEDDED_MIN_WORDS or self._overlaps_taken(q.start, q.end) \
                    or self._title_case(qi):
                continue
            a = v.quote_tokens[qi][0]
            s0 = self._sentence_start(a)
            mention = None
            for c in range(a - 1, s0 - 1, -1):
                if self._is_cue(c):
                    mention = mention_before(v, c, s0)
                    break
            self._add(Found(q.start, q.end, "direct", None, mention, "quotation-in-sentence"))
