"""Direct quotes: paired quotation marks with an attribution on either side (QUOTES.md)."""

from __future__ import annotations

from dataclasses import dataclass

from .base import SCARE_MAX_WORDS, SENT_PUNCT, Found
from .clauses import CLAUSE_WORDS, ClauseRules
from .cues import (
    AUDIENCE,
    CUE_FORMS,
    NAMING_CUES,
    NOT_NAMES,
    OBJECT_CUES,
    ORG_WORDS,
    SPEAKER_NOUNS,
    TIME_WORDS,
    TITLES,
)
from .speakers import (
    POSSESSIVE,
    Mention,
    mention_after,
    mention_before,
    name_ending_at,
    name_starting_at,
    symbol,
)

FRONTED_TOKENS = 60  # how far a fronted clause after a quotation is read for its attribution
# words that open a clause reported before a comma and a quotation: "said because ..., “…”"
LEAD_SUBORDINATORS = frozenset({"because", "if", "when", "while", "although", "though", "since",
                                "unless", "once"})


@dataclass
class Attribution:
    cue: int | None
    mention: Mention | None
    last: int  # last token of the attribution


class DirectRules(ClauseRules):
    """Suggest direct quotes; hand the quotations inside sentences on to the clause rules."""

    def _right_attribution(self, b: int) -> Attribution | None:
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
                    return Attribution(i, m, i) if m else None
                m = mention_before(v, i, first)
                if m is None:
                    return None
                if m.start != first and not self._title_before(first, m):
                    return None  # "union leader Klaus Berger said" is fine, a clause is not
                if self._closed_sentence(b) and self._clause_follows(i):
                    # "“… dead.” Reid said both of them are …": a report of its own, so its cue
                    # is left to the clause rules; its speaker most likely said the quote too
                    return Attribution(None, m, i)
                return Attribution(i, m, i)
            i += 1
        return None

    def _lead_clause(self, attr: Attribution) -> tuple[int, int] | None:
        """``He adds that the council has two choices: “…”``, ``Novak said because the mayor is
        popular, “she …”``: the words between a cue and the colon or comma before a quotation
        are a reported clause of their own when "that" or a subordinating word opens them. Their
        token range, or None."""
        v = self.view
        if attr.cue is None or v.words[attr.last] not in (":", ","):
            return None
        c, p = attr.cue, attr.last
        start = None
        for k in range(c + 1, p):
            if v.quote_of[k] >= 0:
                return None
            if v.lower[k] == "that" and start is None:
                start = self._next(k + 1)
        k = self._next(c + 1)
        if start is None and v.words[p] == "," and k < p and v.lower[k] in LEAD_SUBORDINATORS:
            start = k
        if start is None or sum(1 for t in range(start, p) if v.words[t][:1].isalnum()) < 3:
            return None
        return start, p

    def _line_goes_on(self, b: int) -> bool:
        """Words follow the quotation ending before token ``b`` on its line, in a short line
        (a headline) that holds no other sentence."""
        v = self.view
        k = self._next(b)
        if k >= len(v) or not v.words[k][:1].isalnum() or v.quote_of[k] >= 0:
            return False
        for t in range(k, min(len(v), k + 30)):
            if v.newline[t]:
                return True
            if v.words[t] in SENT_PUNCT and self._next(t + 1) < len(v):
                return False
        return False

    def _fronted_clause(self, b: int) -> bool:
        """After a sentence-initial quotation ending before token ``b``, the sentence goes on in
        lower case (no cue of its own) and ends with a final attribution, ``..., Nefzi said.``"""
        v = self.view
        k = self._next(b)
        n = len(v)
        if k >= n or v.quote_of[k] >= 0 or not v.words[k].isalpha() or not v.words[k].islower() \
                or self._is_cue(k) or v.lower[k] in ("he", "she", "they", "i", "we", "it"):
            return False
        s_end = min(v.sent_end[k], k + FRONTED_TOKENS)
        comma = next((t for t in range(s_end - 1, k, -1)
                      if v.words[t] == "," and v.quote_of[t] < 0), None)
        if comma is None or any(v.quote_of[t] >= 0 for t in range(k, comma)):
            return False
        right = self._right_attribution(comma)
        if right is None or right.cue is None:
            return False
        end = self._next(max(right.last, right.mention.end - 1 if right.mention else 0) + 1)
        return end >= s_end or v.words[end] in SENT_PUNCT or v.words[end] == ","

    def _closed_sentence(self, b: int) -> bool:
        """The quotation ending before token ``b`` closes on a period: a sentence of its own."""
        v = self.view
        qi = v.quote_of[b - 1]
        return qi >= 0 and v.text[v.quotations[qi].inner_start : v.quotations[qi].inner_end] \
            .rstrip().endswith(".")

    def _clause_follows(self, c: int) -> bool:
        """A reported clause starts right after the cue at ``c``: "that", a subject pronoun, or
        (for a cue that takes no object) a word that is no time, place or audience."""
        v = self.view
        k = self._next(c + 1)
        if k >= len(v) or v.quote_of[k] >= 0 or not v.words[k].isalpha():
            return False
        w = v.lower[k]
        if w == "that" or w in ("he", "she", "they", "we", "i"):
            return True
        return CUE_FORMS[v.lower[c]] not in OBJECT_CUES and w not in TIME_WORDS \
            and w not in AUDIENCE and w not in CLAUSE_WORDS and w not in ("to", "about")

    def _title_before(self, first: int, m: Mention) -> bool:
        """Whether the words from ``first`` up to the name ``m`` are a title or a description
        of it: ``union leader``, ``Sanders campaign manager``, ``the presumptive GOP nominee,``
        (before an appositive name), not a clause."""
        v = self.view
        if m.form != "name" or m.start - first > 10:
            return False
        between = [k for k in range(first, m.start) if not v.words[k].isspace()]
        commas = [k for k in between if v.words[k] == ","]
        if commas and (len(commas) > 1 or (
                v.lower[first] not in ("the", "a", "an", "his", "her", "its", "their")
                and not self._possessive_job(first, commas[0]))):
            return False
        if not commas and len(between) > 5:
            return False
        return all(v.words[k] == "," or v.words[k] in POSSESSIVE or v.words[k] == "-"
                   or (v.words[k].isalpha() and v.lower[k] not in CUE_FORMS
                       and v.lower[k] not in ("that", "who", "which", "and", "but"))
                   for k in between)

    def _possessive_job(self, first: int, comma: int) -> bool:
        """``Ms. Merkel's spokesman,``: a name's job before an appositive name."""
        v = self.view
        words = [k for k in range(first, comma) if not v.words[k].isspace()]
        return len(words) >= 3 and v.words[words[-2]] in POSSESSIVE and (
            v.lower[words[-1]] in SPEAKER_NOUNS or v.lower[words[-1]] in TITLES)

    def _left_attribution(self, a: int) -> Attribution | None:
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
            if punct == ":" and v.lower[c] == "put" and c + 1 < p and v.lower[c + 1] == "it":
                # "O'Connor, who ran the pilot, put it bluntly: “…”"
                m = self._speaker_before(c, lo)
                if m is not None:
                    return Attribution(None, m, p)
            if self._is_cue(c):
                m = self._speaker_before(c, lo)
                if m is None and CUE_FORMS[v.lower[c]] not in OBJECT_CUES:
                    m = mention_after(v, c, p)
                if m is None and punct != ":" and not v.lower[c].endswith("ing") and not (
                        c == self._prev(p) and v.lower[c] != CUE_FORMS[v.lower[c]]
                        and not v.lower[c].endswith("s")):
                    # "Ginsburg's comments “…”": a noun, not a reporting verb. A participle
                    # ("issued a statement saying, “…”") or a past tense right before the comma
                    # ("Others, reacting to the video, shouted, “…”") reports without a subject
                    return None
                return Attribution(c, m, p)
            c -= 1
        if punct == ":":
            label = self._label_before_colon(lo, p)
            if label is not None:
                return Attribution(None, label, p)
            # "Smith's verdict: “…”" -- a colon after a name introduces the name's words
            j = p - 1
            while j >= lo:
                m = name_ending_at(v, j, lo)
                if m is not None:
                    return Attribution(None, m, p)
                j -= 1
        return None

    def _medial_quotation(self, qi: int, attr: Attribution) -> bool:
        """``The board's spending, Ms. Ruiz said, “is a perfect example” of ...``: an
        attribution inside a reported clause whose second piece opens with the speaker's quoted
        words (in lower case, so they go on from the first piece, which holds no quotation and
        no comma)."""
        v = self.view
        m = attr.mention
        if m is None or attr.cue is None or v.words[attr.last] != ",":
            return False
        inner = v.text[v.quotations[qi].inner_start : v.quotations[qi].inner_end].lstrip()
        if not inner[:1].islower():
            return False
        k = self._prev(min(m.start, attr.cue))
        s0 = self._sentence_start(attr.cue)
        # ("..., and coincidentally, he said, “…”": a first piece with a comma of its own is
        # rarely a clause that the quotation finishes)
        return k - s0 >= 2 and v.words[k] == "," and not any(
            v.quote_of[t] >= 0 or v.words[t] == "," for t in range(s0, k))

    def _label_before_colon(self, lo: int, p: int) -> Mention | None:
        """``Health minister: ‘…’``: a short job label that is all of the text before the colon
        (a headline or a caption) is the speaker, job word included."""
        v = self.view
        a = self._next(lo)
        toks = [k for k in range(a, p) if not v.words[k].isspace()]
        if not 2 <= len(toks) <= 4 or not v.is_cap(toks[0]):
            return None
        last = v.lower[toks[-1]]
        if not v.words[toks[-1]].islower() or (last not in SPEAKER_NOUNS and last not in TITLES):
            return None
        if any(not v.words[k].isalpha() or v.lower[k] in NOT_NAMES or v.quote_of[k] >= 0
               for k in toks):
            return None
        return Mention(toks[0], toks[-1] + 1, "label")

    def _headline_speaker(self, b: int) -> Mention | None:
        """``‘It came over the hill like a train’: Farmers count cost``: a quotation opening a
        headline, then a colon; the subject after the colon, when it names a source, said it."""
        v = self.view
        n = len(v)
        k = self._next(b)
        if k >= n or v.words[k] != ":":
            return None
        i = self._next(k + 1)
        if i >= n or v.quote_of[i] >= 0:
            return None
        end = i
        while end < n and not v.newline[end]:
            end += 1
        w = v.lower[i]
        if w in SPEAKER_NOUNS and v.is_cap(i) and i + 1 < end and v.words[i + 1].islower():
            return Mention(i, i + 1, "phrase")  # "Farmers count cost …"
        if not v.is_cap(i) or w.rstrip(".") in NOT_NAMES:
            return None
        m = name_starting_at(v, i, end)
        if m is None or m.end >= end:
            return None
        after = v.words[m.end]
        if after.isalpha() and after.islower() and v.lower[m.end] in CUE_FORMS or (
                after.isalpha() and after.islower() and after.endswith("s")
                and v.lower[m.end] not in NOT_NAMES):
            return m  # "Mayor Ruth Caldwell vows …", "Trump says …"
        return None

    def _introduced_between(self, end: int, a: int) -> Mention | None:
        """A person named as the subject of a sentence between the end of the previous quote
        (char ``end``) and the quotation starting at token ``a``, outside quotations: the
        latest such name (``Jan Novak, who farms near the river, disagrees.``)."""
        v = self.view
        found = None
        k = v.tok_at(end)
        while k < a:
            if v.quote_of[k] >= 0:
                k = v.quote_tokens[v.quote_of[k]][1]
                continue
            if v.sent_start[k] and v.cap[k]:
                m = name_starting_at(v, k, min(a, v.sent_end[k]))
                if m is not None and m.end - m.start >= 2 and not any(
                        v.lower[t] in ORG_WORDS for t in range(m.start, m.end)) and (
                        m.end >= len(v) or v.words[m.end] not in POSSESSIVE):
                    found = m
            k += 1
        return found

    def _continued(self, qi: int, mention: Mention | None, cue: str | None) -> bool:
        """``Lund said “it makes me angry” every time a bus ...``: the reported clause goes on after
        the quotation, so the whole clause is suggested, as a mixed quote."""
        v = self.view
        if cue is not None and CUE_FORMS.get(cue.lower()) in NAMING_CUES:
            return False  # "what Ruiz called “a new era” in her speech": a name, no clause
        a, b = v.quote_tokens[qi]
        s_end = v.sent_end[a]
        nxt = self._next(b)
        if nxt >= s_end or not v.words[nxt][:1].isalnum() or v.lower[nxt] in ("and", "but"):
            return False
        end = self._clause_end(a, s_end)
        last_q = v.quote_of[end - 1]
        if end - b < 2 or (last_q >= 0 and v.quote_tokens[last_q][1] != end) \
                or self._overlaps_taken(v.quotations[qi].start, v.ends[end - 1]):
            return False  # (a clause may end with a quotation: "… may have “slipped through.”")
        self._add(Found(v.quotations[qi].start, v.ends[end - 1], "mixed", cue, mention,
                        "quotation-continued"))
        return True

    def find_direct(self) -> list[int]:
        """Suggest direct quotes; return the quotations left for the mixed/indirect pass."""
        v = self.view
        embedded: list[int] = []
        last: tuple[int, Mention | None, str | None] | None = None  # (end char, mention, cue)
        for qi, q in enumerate(v.quotations):
            a, b = v.quote_tokens[qi]
            p = self._prev(a)
            at_start = p < 0 or v.sent_start[a] or v.words[p] in SENT_PUNCT or v.quote_of[p] >= 0 \
                or v.words[p] in ("(", "[", "—", "–", "--") \
                or (v.words[p] == "-" and v.starts[a] > v.ends[p])
            # "(“…,” he said.)", "Mrs. Clinton - ''Born …,'' Mr. Elkins said -": a parenthesis
            # or a dash opens it like a sentence start
            if not at_start and symbol(v.words[p]):
                # "🎉“…”": an emoji before a sentence-initial quotation is not a subject
                k = p
                while k >= 0 and symbol(v.words[k]):
                    first, k = k, self._prev(k)
                at_start = k < 0 or v.sent_start[first] or v.words[k] in SENT_PUNCT
            words = self._inner_words(q)
            terminal = self._terminal(q)
            attr = self._left_attribution(a)
            if attr is not None and attr.cue is None and v.words[attr.last] == ":" \
                    and not terminal and self._line_goes_on(b):
                # "Novak: ‘Of Course’ The Council Is Ready": the quotation opens the headline's
                # clause, which the headline-colon rule gives whole
                embedded.append(qi)
                continue
            if attr is not None and self._medial_quotation(qi, attr):
                embedded.append(qi)  # the indirect rules give the clause's two pieces
                continue
            if attr is not None and attr.cue is None and terminal:
                # "Big news: “…,” said Jane Smith.": an explicit cue after the quote beats
                # the words before a colon
                right = self._right_attribution(b)
                if right is not None and right.cue is not None:
                    attr = right
            if attr is None and (at_start or terminal):
                right = self._right_attribution(b)
                if right is not None and not at_start:
                    # "the minister ''looked ashen,'' Mr. Arad said": a fronted mixed clause
                    embedded.append(qi)
                    continue
                attr = right
                if attr is None and at_start and self._fronted_clause(b):
                    # "“We are horrified” by the shooting at the club, Nefzi said.": the
                    # quotation opens a clause that a final attribution reports
                    embedded.append(qi)
                    continue
            if attr is None and not at_start:
                embedded.append(qi)
                continue
            if attr is None and (p < 0 or v.newline[p]):
                headline = self._headline_speaker(b)
                if headline is not None:
                    attr = Attribution(None, headline, b)
            if attr is None:
                nxt = self._next(b)
                followed_by_word = nxt < len(v) and v.words[nxt][:1].isalpha() \
                    and v.quote_of[nxt] < 0
                if not terminal and (words <= SCARE_MAX_WORDS or (followed_by_word and words < 5)):
                    continue  # a title or scare quote used as a noun phrase
                if words < 3 and not terminal:
                    continue
            lead = self._lead_clause(attr) if attr is not None else None
            if lead is not None:
                self.used_cues.add(attr.cue)
                cue = v.words[attr.cue]
                if v.words[attr.last] == ":":
                    # "He adds that the council has two choices: “…”": the clause, then the words
                    self._add(Found(v.starts[lead[0]], v.ends[lead[1] - 1], "indirect", cue,
                                    attr.mention, "after-cue"))
                else:
                    # "Novak said because the mayor is popular, “she …”": one reported clause
                    self._add(Found(v.starts[lead[0]], q.end, "mixed", cue, attr.mention,
                                    "after-cue"))
                    if attr.mention is not None:
                        last = (q.end, attr.mention, cue)
                    continue
            if attr is not None and attr.cue is not None:
                self.used_cues.add(attr.cue)
            mention = attr.mention if attr else None
            cue = v.words[attr.cue] if attr and attr.cue is not None else None
            rule = "quotation-attributed" if mention else "quotation-alone"
            if attr is None and last is not None and self._near(last[0], q.start, 2):
                # a continuation of the previous speaker, unless someone new was introduced
                # in between ("Jones, a farmer, disagrees."): then it is the newcomer's
                newcomer = self._introduced_between(last[0], a)
                if newcomer is not None:
                    mention, cue, rule = newcomer, None, "quotation-follow-on"
                elif self._near(last[0], q.start):
                    mention, cue, rule = last[1], last[2], "quotation-follow-on"
            # "what he calls “careful work”": a cue right before the mark, mid-sentence
            inline = not at_start and attr is not None and attr.cue is not None \
                and attr.cue == p
            if inline and not terminal and self._continued(qi, mention, cue):
                continue
            self._add(Found(q.start, q.end, "direct", cue, mention, rule, inline=inline))
            if mention is not None:
                last = (q.end, mention, cue)
        return embedded
