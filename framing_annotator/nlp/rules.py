"""The quote rules: direct quotes from paired marks, then mixed and indirect quotes from cues.

Everything works on a :class:`~.view.DocView`. Offsets are kept in characters so a
suggestion always slices the text exactly, whatever the tokenizer did with the marks.
"""

from __future__ import annotations

from dataclasses import dataclass

from .cues import (
    AUDIENCE,
    CUE_FORMS,
    DETERMINERS,
    NEEDS_THAT,
    NOUN_CUES,
    OBJECT_CUES,
    PRONOUNS,
    TIME_WORDS,
)
from .marks import Quotation
from .speakers import (
    POSSESSIVE,
    Mention,
    Resolver,
    mention_after,
    mention_before,
    name_ending_at,
)
from .view import DocView

TERMINAL = frozenset(",.?!…:;—-")
SENT_PUNCT = frozenset({".", "!", "?", "…"})
TRAILING = frozenset({".", "!", "?", "…", ",", ";", ":", ")", "—", "–", "-"})
# participles that introduce a clause of their own: "..., saying the plan is dead"
BARE_ING = frozenset({"say", "add", "tell", "argue", "claim", "warn", "insist", "note", "explain",
                      "write", "suggest", "declare", "contend", "predict", "stress", "assert",
                      "announce", "confirm", "acknowledge", "accuse", "call", "ask", "urge"})
TAIL_WORDS = frozenset({"of", "to", "in", "on", "at", "for", "with", "after", "before", "during",
                        "by", "from", "a", "an", "the", "his", "her", "their", "its", ","})
NAMING_CUES = frozenset({"call", "dub", "label", "brand", "term"})
CLAUSE_WORDS = frozenset({"on", "in", "at", "to", "during", "after", "before", "with", "for", "of",
                          "via", ",", "'s", "’s"})
SCARE_MAX_WORDS = 4  # a quoted term this short, with no one saying it, is a scare quote or title
EMBEDDED_MIN_WORDS = 6  # a mid-sentence quotation this long is someone's words even without a cue


@dataclass
class Found:
    """One suggested quote in character offsets, before it becomes a domain object."""

    start: int
    end: int
    kind: str
    cue: str | None
    mention: Mention | None
    confidence: float
    speaker: str | None = None


@dataclass
class _Attribution:
    cue: int | None
    mention: Mention | None
    last: int  # last token of the attribution


class QuoteRules:
    """Applies the rules to one document; create one per doc."""

    def __init__(self, view: DocView) -> None:
        self.view = view
        self.resolver = Resolver(view)
        self.used_cues: set[int] = set()
        self.found: list[Found] = []
        self.taken: list[tuple[int, int]] = []  # char spans already suggested

    # -- helpers -------------------------------------------------------------------------

    def _prev(self, i: int) -> int:
        """The nearest earlier non-space token, or -1."""
        i -= 1
        while i >= 0 and self.view.words[i].isspace():
            if self.view.newline[i]:
                return -1
            i -= 1
        return i

    def _next(self, i: int) -> int:
        n = len(self.view)
        while i < n and self.view.words[i].isspace():
            if self.view.newline[i]:
                return n
            i += 1
        return i

    def _is_cue(self, i: int) -> bool:
        v = self.view
        if v.lower[i] not in CUE_FORMS or v.quote_of[i] >= 0:
            return False
        # "the United States": a capital mid-sentence makes a name, not a verb
        return not (v.words[i][:1].isupper() and not v.sent_start[i])

    def _sentence_start(self, i: int) -> int:
        v = self.view
        while i > 0 and not v.sent_start[i] and not v.newline[i - 1]:
            i -= 1
        return i

    def _speaker_before(self, c: int, s0: int) -> Mention | None:
        """The speaker of the cue at ``c``; "..., saying" and "and said" take the subject."""
        v = self.view
        m = mention_before(v, c, s0)
        if m is not None:
            return m
        p = self._prev(c)
        if p >= s0 and (v.lower[p] in ("and", "but", "or") or (
                v.words[p] == "," and v.lower[c].endswith("ing"))):
            return self._subject_of(s0, c)
        return None

    def _overlaps_taken(self, start: int, end: int) -> bool:
        return any(s < end and start < e for s, e in self.taken)

    def _add(self, found: Found) -> None:
        self.found.append(found)
        self.taken.append((found.start, found.end))

    # -- direct quotes -------------------------------------------------------------------

    def _right_attribution(self, b: int) -> _Attribution | None:
        """``“…,” Wolf told reporters`` / ``“…,” said Jane Doe``: speaker and cue after it."""
        v = self.view
        n = len(v)
        i = self._next(b)
        while i < n and v.words[i] in (",", "—", "–", "-", "--"):
            i = self._next(i + 1)
        first = i
        limit = min(n, first + 16)
        while i < limit:
            w = v.words[i]
            if v.quote_of[i] >= 0 or v.newline[i] or w in SENT_PUNCT or w in (";", ":"):
                return None
            if self._is_cue(i):
                if i == first:
                    m = mention_after(v, i, min(n, i + 12))
                    return _Attribution(i, m, i) if m else None
                m = mention_before(v, i, first)
                if m is None:
                    return None
                if m.start != first and not (
                        m.start - first <= 4 and m.form == "name"
                        and all(v.words[k].isalpha() and v.words[k].islower()
                                for k in range(first, m.start))):
                    return None  # "union leader Klaus Berger said" is fine, a clause is not
                return _Attribution(i, m, i)
            i += 1
        return None

    def _left_attribution(self, a: int) -> _Attribution | None:
        """``Reyes told the council: “…”`` / ``she said, “…”``: speaker and cue before the quote."""
        v = self.view
        p = self._prev(a)
        if p < 0:
            # "... described the final ten kilometres:" then the quote in the next paragraph
            k = a - 1
            while k >= 0 and v.words[k].isspace():
                k -= 1
            if k < 0 or v.words[k] != ":":
                return None
            p = k
        punct = v.words[p]
        if punct not in (":", ",") and not self._is_cue(p):
            return None
        lo = self._sentence_start(p)
        if punct in (":", ","):
            # the cue must be close to the mark; a colon allows an object in between
            reach = 10 if punct == ":" else 8
        else:
            reach = 0
        c = p if self._is_cue(p) else p - 1
        while c >= max(lo, p - reach - 1):
            if v.quote_of[c] >= 0:
                break
            if self._is_cue(c):
                m = self._speaker_before(c, lo)
                if m is None and CUE_FORMS[v.lower[c]] not in OBJECT_CUES:
                    m = mention_after(v, c, p)
                if m is None and punct != ":":
                    return None  # "Ginsburg's comments “…”": a noun, not a reporting verb
                return _Attribution(c, m, p)
            c -= 1
        if punct == ":":
            # "Smith's verdict: “…”" -- a colon after a name introduces the name's words
            j = p - 1
            while j >= lo:
                m = name_ending_at(v, j, lo)
                if m is not None:
                    return _Attribution(None, m, p)
                j -= 1
        return None

    def _inner_words(self, q: Quotation) -> int:
        return len(self.view.text[q.inner_start : q.inner_end].split())

    def _terminal(self, q: Quotation) -> bool:
        inner = self.view.text[q.inner_start : q.inner_end].rstrip()
        return bool(inner) and inner[-1] in TERMINAL

    def find_direct(self) -> list[int]:
        """Suggest direct quotes; return the quotations left for the mixed/indirect pass."""
        v = self.view
        embedded: list[int] = []
        last: tuple[int, Mention | None, str | None] | None = None  # (end char, mention, cue)
        for qi, q in enumerate(v.quotations):
            a, b = v.quote_tokens[qi]
            p = self._prev(a)
            at_start = p < 0 or v.sent_start[a] or v.words[p] in SENT_PUNCT or v.quote_of[p] >= 0
            words = self._inner_words(q)
            terminal = self._terminal(q)
            attr = self._left_attribution(a)
            if attr is None and (at_start or terminal):
                right = self._right_attribution(b)
                if right is not None and not at_start:
                    # "the minister ''looked ashen,'' Mr. Arad said": a fronted mixed clause
                    embedded.append(qi)
                    continue
                attr = right
            if attr is None and not at_start:
                embedded.append(qi)
                continue
            if attr is None:
                nxt = self._next(b)
                followed_by_word = nxt < len(v) and v.words[nxt][:1].isalpha() \
                    and v.quote_of[nxt] < 0
                if not terminal and (words <= SCARE_MAX_WORDS or (followed_by_word and words < 5)):
                    continue  # a title or scare quote used as a noun phrase
                if words < 3 and not terminal:
                    continue
            if attr is not None and attr.cue is not None:
                self.used_cues.add(attr.cue)
            mention = attr.mention if attr else None
            cue = v.words[attr.cue] if attr and attr.cue is not None else None
            confidence = 0.92 if mention else 0.7
            if attr is None and last is not None and self._near(last[0], q.start):
                mention, cue = last[1], last[2]  # a continuation of the previous speaker
                confidence = 0.8
            self._add(Found(q.start, q.end, "direct", cue, mention, confidence))
            if mention is not None:
                last = (q.end, mention, cue)
        return embedded

    def _near(self, end: int, start: int) -> bool:
        """True when ``start`` is in the same or the next paragraph as ``end``."""
        return self.view.text.count("\n\n", end, start) <= 1 and start - end < 1500

    # -- mixed and indirect quotes --------------------------------------------------------

    def _clause_end(self, i: int, s_end: int) -> int:
        """The exclusive token end of a reported clause starting at ``i``."""
        v = self.view
        j = i
        while j < s_end:
            w = v.lower[j]
            qi = v.quote_of[j]
            if qi >= 0 and v.quote_tokens[qi][1] == j + 1 and j + 1 < s_end and self._terminal(
                    v.quotations[qi]) and j > i:
                # “…,” suggesting / “…,” and said: the reported words end with the quotation
                nxt = self._next(j + 1)
                if nxt < s_end and self._clause_break(nxt, s_end):
                    j += 1
                    break
            if v.quote_of[j] < 0:
                if w in ("and", "but") and j > i and self._next(j + 1) < s_end and self._is_cue(
                        self._next(j + 1)):
                    break
                if w == ":" and self._next(j + 1) < s_end and v.quote_of[self._next(j + 1)] >= 0:
                    break
                if w == ";" or v.newline[j]:
                    break
                if w == "," and j + 1 < s_end:
                    nxt = self._next(j + 1)
                    if nxt < s_end and v.quote_of[nxt] < 0 and (
                        (v.lower[nxt].endswith("ing") and len(v.lower[nxt]) > 5
                         and v.words[nxt].islower())
                        or v.lower[nxt] == "according"
                    ):
                        break
                if w in ("—", "--") and j > i + 3:
                    break
            j += 1
        while j > i and (v.words[j - 1] in TRAILING or v.words[j - 1].isspace()) \
                and v.quote_of[j - 1] < 0:
            j -= 1
        return j

    def _clause_break(self, k: int, s_end: int) -> bool:
        """True when token ``k`` starts something that is not the reported clause."""
        v = self.view
        w = v.lower[k]
        if v.quote_of[k] >= 0:
            return False
        if w.endswith("ing") and len(w) > 5 and v.words[k].islower():
            return True
        if w in ("and", "but", ","):
            nxt = self._next(k + 1)
            return nxt < s_end and (self._is_cue(nxt) or v.lower[nxt].endswith("ing"))
        return w == "according" or self._is_cue(k)

    def _emit_clause(self, a: int, b: int, cue: int | None, mention: Mention | None,
                     embedded: set[int], confidence: float) -> bool:
        v = self.view
        if b - a < 3:
            return False
        if v.quote_of[a] >= 0 and v.quote_tokens[v.quote_of[a]][1] >= b:
            # the clause is one quotation: "called for “boots on the ground.”" is direct
            qi = v.quote_of[a]
            q = v.quotations[qi]
            if qi not in embedded or self._overlaps_taken(q.start, q.end):
                return False
            embedded.discard(qi)
            cue_text = v.words[cue] if cue is not None else None
            self._add(Found(q.start, q.end, "direct", cue_text, mention, confidence + 0.2))
            return True
        start, end = v.starts[a], v.ends[b - 1]
        if v.quote_of[b - 1] >= 0:
            end = max(end, v.quotations[v.quote_of[b - 1]].end)
        if v.quote_of[a] >= 0:
            start = min(start, v.quotations[v.quote_of[a]].start)
        if end <= start or self._overlaps_taken(start, end):
            return False
        kind = "indirect"
        for qi in {v.quote_of[i] for i in range(a, b) if v.quote_of[i] >= 0}:
            q = v.quotations[qi]
            if self._inner_words(q) >= 3 or self._terminal(q) or q.end >= end:
                kind = "mixed"
            embedded.discard(qi)
        cue_text = v.words[cue] if cue is not None else None
        self._add(Found(start, end, kind, cue_text, mention, confidence))
        return True

    def _after_cue(self, c: int, s_end: int) -> int:
        """Where the reported clause starts after the cue at ``c`` (past "that", objects, time)."""
        v = self.view
        lemma = CUE_FORMS.get(v.lower[c], "")
        i = self._next(c + 1)
        # "said in a statement Friday that ..." -> start after "that" when one comes soon
        objecty = lemma in OBJECT_CUES
        for j in range(i, min(s_end, i + 12)):
            w = v.lower[j]
            if w == "that":
                return j + 1
            qj = v.quote_of[j]
            if qj >= 0:
                if self._inner_words(v.quotations[qj]) <= 5 and not self._terminal(
                        v.quotations[qj]):
                    continue  # a programme title: "said on ABC's “This Week” that"
                break
            if w in SENT_PUNCT or w in (";", ":") or (w in PRONOUNS and j > i):
                break
            if not (w in TIME_WORDS or w in AUDIENCE or w in CLAUSE_WORDS or v.is_cap(j)
                    or w in DETERMINERS or (objecty and w.isalpha() and j - i < 5)):
                break
        if lemma in OBJECT_CUES and i < s_end and v.lower[i] in DETERMINERS:
            # "told a news conference they are ...": the clause starts at the next pronoun
            for j in range(i + 1, min(s_end, i + 6)):
                if (v.lower[j] in PRONOUNS or v.lower[j] in ("his", "her", "their", "its", "our",
                                                            "my")) and v.lower[j] not in (
                        "who", "which"):
                    return j
                if not v.words[j].isalpha():
                    break
            return s_end  # "told a Senate panel Wednesday": an object, no reported clause
        if lemma in OBJECT_CUES and i < s_end:
            if v.lower[i] in AUDIENCE or v.lower[i] in PRONOUNS:
                i += 1
            elif v.is_cap(i):
                while i < s_end and v.is_cap(i) and v.quote_of[i] < 0:
                    i += 1
            i = self._next(i)
        while i < s_end and v.lower[i] in TIME_WORDS and v.quote_of[i] < 0 \
                and v.lower[i] not in ("a", "an", "the", "this", "on", "in", "at"):
            i += 1
        if i < s_end and v.lower[i] in ("for", "about", "of", "on") and lemma in (
                "call", "ask", "warn", "comment", "insist", "complain"):
            i += 1
        if i < s_end and v.lower[i] in (",", "that"):
            i += 1
        return self._next(i)

    def _subject_of(self, s0: int, c: int) -> Mention | None:
        """For ``..., saying ...``: the sentence's subject, a pronoun or a name at its start."""
        v = self.view
        i = self._next(s0)
        if i >= c:
            return None
        if v.lower[i] in PRONOUNS and v.lower[i] not in ("it", "which", "who"):
            return Mention(i, i + 1, "pronoun")
        j = i
        while j + 1 < c and v.is_cap(j + 1) and v.quote_of[j + 1] < 0:
            j += 1
        return name_ending_at(v, j, i)

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
        # Mid-sentence quotations that no clause took: long ones are someone's words.
        for qi in sorted(left):
            q = v.quotations[qi]
            if self._inner_words(q) < EMBEDDED_MIN_WORDS or self._overlaps_taken(q.start, q.end):
                continue
            a = v.quote_tokens[qi][0]
            s0 = self._sentence_start(a)
            mention = None
            for c in range(a - 1, s0 - 1, -1):
                if self._is_cue(c):
                    mention = mention_before(v, c, s0)
                    break
            self._add(Found(q.start, q.end, "direct", None, mention, 0.6))

    def _verb_cue(self, c: int, left: set[int]) -> int:
        v = self.view
        s0 = self._sentence_start(c)
        s_end = v.sent_end[c]
        lemma = CUE_FORMS[v.lower[c]]
        mention = self._speaker_before(c, s0)
        p = self._prev(c)
        # Final attribution: "CLAUSE, Smith said." / "CLAUSE, said Smith."
        front_end = None
        if mention is not None:
            q = self._prev(mention.start)
            if q >= s0 and v.words[q] in (",", "—"):
                front_end = q
        elif p >= s0 and v.words[p] == ",":
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
                    return s_end
        if mention is None:
            return c + 1
        if lemma in NEEDS_THAT and not any(
                v.lower[k] == "that" for k in range(c + 1, min(s_end, c + 8))):
            # "announced the results": without "that" the object is rarely a quote
            return c + 1
        if v.lower[c].endswith("ing") and lemma not in BARE_ING:
            return c + 1
        a = self._after_cue(c, s_end)
        if a >= s_end or v.words[a] in SENT_PUNCT or v.words[a] in (",", ":", ";"):
            return c + 1
        b = self._clause_end(a, s_end)
        words = sum(1 for k in range(a, b) if v.words[k][:1].isalnum())
        quoted = [qi for qi in {v.quote_of[k] for k in range(a, b)} if qi >= 0]
        if lemma in NAMING_CUES and quoted:
            # "called the system “rigged”": the speaker's own words are the quotation
            for qi in sorted(quoted):
                q = v.quotations[qi]
                before = self._prev(v.quote_tokens[qi][0])
                if before >= 0 and v.lower[before] in ("the", "so-called") and \
                        self._inner_words(q) <= SCARE_MAX_WORDS:
                    left.discard(qi)
                    continue
                if qi in left and not self._overlaps_taken(q.start, q.end):
                    left.discard(qi)
                    self._add(Found(q.start, q.end, "direct", v.words[c], mention, 0.75))
            return b
        if words < 3 and not (quoted and words >= 2):
            return c + 1
        if self._emit_clause(a, b, c, mention, left, 0.6):
            return b
        return c + 1

    def _attribution_tail(self, i: int, s_end: int) -> bool:
        """True when the tokens after a final attribution are only time, place or appositive."""
        v = self.view
        if i >= s_end or v.words[i] in SENT_PUNCT or v.words[i] in (",", ";", ":", "—"):
            return True
        if v.lower[i] in TIME_WORDS and v.lower[i] not in DETERMINERS and v.lower[i] not in (
                "statement", "interview", "letter", "post", "tweet", "email"):
            return True  # "the city announced Tuesday after a storm ..."
        k = i
        words = 0
        plain = True
        while k < s_end and v.words[k] not in SENT_PUNCT:
            if v.quote_of[k] >= 0:
                return False
            words += 1
            if not (v.lower[k] in TIME_WORDS or v.lower[k] in AUDIENCE or v.is_cap(k)
                    or v.words[k].isspace() or v.lower[k] in TAIL_WORDS):
                plain = False
            k += 1
        return plain or words <= 5

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

    # -- all together ---------------------------------------------------------------------

    def run(self) -> list[Found]:
        embedded = self.find_direct()
        self.find_indirect(embedded)
        self.found.sort(key=lambda f: f.start)
        for f in self.found:
            if f.mention is not None:
                f.speaker = self.resolver.resolve(f.mention)
                if f.speaker:
                    self.resolver.note_speaker(f.mention.start, f.speaker)
        return self.found


def find_quotes(view: DocView) -> list[Found]:
    """All quotes of one document, in text order."""
    return QuoteRules(view).run()
