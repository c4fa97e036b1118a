"""Where a reported clause starts and ends, found from punctuation, cues and participles."""

from __future__ import annotations

from .base import SENT_PUNCT, RulesBase
from .cues import (
    AUDIENCE,
    CUE_FORMS,
    DETERMINERS,
    FINITE_WORDS,
    OBJECT_CUES,
    PRONOUNS,
    TIME_WORDS,
)
from .speakers import TIME_NOUNS, mention_before

TRAILING = frozenset({".", "!", "?", "…", ",", ";", ":", ")", "—", "–", "-"})
TAIL_WORDS = frozenset({"of", "to", "in", "on", "at", "for", "with", "after", "before", "during",
                        "by", "from", "a", "an", "the", "his", "her", "their", "its", ","})
SUBORDINATORS = frozenset({"when", "while", "although", "though", "if", "as", "because", "since",
                          "after", "before", "once", "until", "unless", "whereas", "whenever"})
# words after a comma that open the writer's concession, not more of the reported clause
CONCESSIVE = frozenset({"though", "although", "whereas", "while"})
CLAUSE_STOPS = frozenset({"and", "but", ":", ";", ",", "—", "--"})  # what may end a clause
ASIDE_TOKENS = 30  # a dash closed within this many tokens marks an aside inside the clause
OBJECT_REACH = 9  # "told a Planned Parenthood gathering in Washington she ...": the one told
AUXILIARIES = frozenset({"did", "does", "do", "not", "also", "later", "has", "had", "quickly"})
REMARK_LINKS = frozenset({"that", "at", "to", "which", "against", "aimed"})
THAT_REACH = 16  # "told diners at a busy Eastgate, Riverton, breakfast cafe that": how far
PHRASE_PREPOSITIONS = frozenset({"in", "at", "on", "during", "after", "before"})
# prepositions after which "that" points at something ("to that tweet"), opening no clause
DEMONSTRATIVE_AFTER = frozenset({"to", "of", "on", "in", "at", "about", "for", "with", "from",
                                 "by", "after", "before", "over", "under"})
CLAUSE_WORDS = frozenset({"on", "in", "at", "to", "during", "after", "before", "with", "for", "of",
                          "via", ",", "'s", "’s"})


class ClauseRules(RulesBase):
    """Clause boundaries after a cue, before a final attribution and inside a sentence."""

    def _after_cue(self, c: int, s_end: int) -> int:
        """Where the reported clause starts after the cue at ``c`` (past "that", objects, time)."""
        v = self.view
        lemma = CUE_FORMS.get(v.lower[c], "")
        i = self._next(c + 1)
        # "said in a statement Friday that ..." -> start after "that" when one comes soon
        objecty = lemma in OBJECT_CUES
        phrase = False  # inside a phrase opened by a preposition ("conceded in a debate that")
        for j in range(i, min(s_end, i + THAT_REACH)):
            w = v.lower[j]
            if w == "that" and j > i and v.lower[self._prev(j)] in DEMONSTRATIVE_AFTER:
                continue  # "responded to that tweet by ...": a demonstrative, no complementiser
            if w == "that":
                k = self._next(j + 1)
                # "said that, if elected, she would ...": the clause starts after the comma
                return self._next(k + 1) if k < s_end and v.words[k] == "," else j + 1
            qj = v.quote_of[j]
            if qj >= 0:
                if self._inner_words(v.quotations[qj]) <= 5 and not self._terminal(
                        v.quotations[qj]):
                    continue  # a programme title: "said on ABC's “This Week” that"
                break
            if w in SENT_PUNCT or w in (";", ":") or (w in PRONOUNS and j > i):
                break
            phrase = phrase or w in PHRASE_PREPOSITIONS
            if not (w in TIME_WORDS or w in AUDIENCE or w in CLAUSE_WORDS or v.is_cap(j)
                    or w in DETERMINERS or ((objecty or phrase) and w.isalpha()
                                            and j - i < THAT_REACH - 3)):
                break
        if lemma in OBJECT_CUES and i < s_end and (v.lower[i] in DETERMINERS or (
                v.is_cap(i) and v.lower[i] not in PRONOUNS)):
            # "told a news conference they are ...", "told The Ledger of Riverton last week she
            # would ...": the clause starts at the next pronoun
            for j in range(i + 1, min(s_end, i + OBJECT_REACH)):
                if lemma in ("promise", "warn") and j <= i + 4 and v.lower[j] in FINITE_WORDS:
                    return i  # "promises the council will help ...": a subject, not an object
                if (v.lower[j] in PRONOUNS or v.lower[j] in ("his", "her", "their", "its", "our",
                                                            "my")) and v.lower[j] not in (
                        "who", "which"):
                    return j
                if v.words[j] == "," and j <= i + 3 and self._next(j + 1) < s_end and v.lower[
                        self._next(j + 1)] in ("he", "she", "they", "we", "i"):
                    return self._next(j + 1)  # "Novak tells the crowd, he has been ..."
                if not (v.words[j].isalpha() or v.words[j] in ("-", "'", "’", "'s", "’s")) \
                        or v.lower[j] == "that":
                    break
            if v.lower[i] in DETERMINERS:
                return s_end  # "told a Senate panel Wednesday": an object, no reported clause
        if lemma in OBJECT_CUES and i < s_end:
            if v.lower[i] in AUDIENCE or v.lower[i] in PRONOUNS:
                i += 1
            elif v.is_cap(i):
                while i < s_end and v.is_cap(i) and v.quote_of[i] < 0:
                    i += 1
            i = self._next(i)
        while i < s_end and v.quote_of[i] < 0:
            if v.lower[i] in TIME_WORDS and v.lower[i] not in (
                    "a", "an", "the", "this", "on", "in", "at"):
                i += 1
            elif v.lower[i] in ("on", "in", "at", "last", "this", "earlier") and \
                    self._next(i + 1) < s_end and v.lower[self._next(i + 1)] in TIME_NOUNS:
                i = self._next(i + 1) + 1  # "said on Tuesday the council ..."
            else:
                break
            i = self._next(i)
        if i < s_end and v.lower[i] in ("for", "about", "of", "on") and lemma in (
                "call", "ask", "warn", "comment", "insist", "complain"):
            i += 1
        if i < s_end and v.lower[i] in (",", "that"):
            i += 1
        return self._next(i)

    def _clause_end(self, i: int, s_end: int) -> int:
        """The exclusive token end of a reported clause starting at ``i``."""
        v = self.view
        lower, quote_of, newline = v.lower, v.quote_of, v.newline
        j = i
        while j < s_end:
            w = lower[j]
            qi = quote_of[j]
            if qi >= 0:
                if v.quote_tokens[qi][1] == j + 1 and j + 1 < s_end and self._terminal(
                        v.quotations[qi]) and j > i:
                    # “…,” suggesting / “…,” and said: the reported words end with the quotation
                    nxt = self._next(j + 1)
                    if nxt < s_end and self._clause_break(nxt, s_end):
                        j += 1
                        break
            elif w in SENT_PUNCT and j > i:
                break  # "... to participate. (“We ...": the marks before the next sentence's
                # first word are still in this sentence, but not in the clause
            elif w in ("a.m.", "p.m.") and self._next(j + 1) < s_end and v.words[
                    self._next(j + 1)] in ("He", "She", "They", "It", "We", "I", "The"):
                j += 1  # "... close at 7 p.m. He says ...": the abbreviation ended a sentence
                break
            elif w in CLAUSE_STOPS or newline[j]:  # only these words can end the clause
                if w in ("and", "but") and j > i and self._next(j + 1) < s_end and (
                        self._is_cue(self._past_auxiliaries(self._next(j + 1), s_end))
                        or self._new_attribution(self._next(j + 1), s_end)):
                    break
                if w == ":" and self._next(j + 1) < s_end and v.quote_of[self._next(j + 1)] >= 0:
                    break
                if w == ";" or v.newline[j]:
                    break
                if w == "," and j > i + 2 and self._next(j + 1) < s_end and v.lower[
                        self._next(j + 1)] in ("and", "but") and self._next(
                        self._next(j + 1) + 1) < s_end and v.lower[self._next(
                        self._next(j + 1) + 1)] in SUBORDINATORS:
                    break  # "..., and when the vote came she left": the narrative goes on
                if w == "," and j + 1 < s_end:
                    nxt = self._next(j + 1)
                    if nxt < s_end and v.quote_of[nxt] < 0 and (
                        (v.lower[nxt].endswith("ing") and len(v.lower[nxt]) > 5
                         and v.words[nxt].islower() and v.lower[nxt] != "including")
                        or v.lower[nxt] == "according"
                    ):
                        break  # (", including walkouts": a list goes on, no participle)
                if w in ("—", "--") and j > i + 3:
                    close = self._closing_dash(j, s_end)
                    if close is None:
                        break
                    j = close  # "the number -- always exaggerated -- shrinks": an aside
                if w == "," and self._next(j + 1) < s_end and v.lower[
                        self._next(j + 1)] in CONCESSIVE and not self._comma_adverb(
                        self._next(j + 1), s_end):
                    break  # "..., though she did not discuss their terms": the writer's aside
                if w == "," and j > i and not v.is_cap(self._prev(j)) and self._remark_after(
                        j + 1, s_end):  # ("New York, a state that ...": a name's appositive)
                    break  # "..., a swipe at the mayor": the writer's word on what was said
            j += 1
        while j > i and (v.words[j - 1] in TRAILING or v.words[j - 1].isspace()) \
                and v.quote_of[j - 1] < 0:
            j -= 1
        return j

    def _comma_adverb(self, k: int, s_end: int) -> bool:
        """``The budget, though, would ...``: "though" between commas is an adverb inside the
        clause, not the writer's concession after it."""
        nxt = self._next(k + 1)
        return self.view.lower[k] == "though" and nxt < s_end and self.view.words[nxt] == ","

    def _past_auxiliaries(self, k: int, s_end: int) -> int:
        """The token after ``did not``, ``also``, ``later`` at ``k`` (at most three of them):
        ``but did not suggest``, ``and later said`` go on with the subject's next verb."""
        v = self.view
        for _ in range(3):
            if k >= s_end or v.lower[k] not in AUXILIARIES:
                break
            k = self._next(k + 1)
        return min(k, s_end - 1)

    def _remark_after(self, k: int, s_end: int) -> bool:
        """``, a swipe at``, ``, an acknowledgment that``, ``, a charge that``: a noun phrase
        after a comma that comments on the whole clause (an appositive to a sentence)."""
        v = self.view
        k = self._next(k)
        if k >= s_end or v.lower[k] not in ("a", "an"):
            return False
        for t in range(k + 1, min(s_end, k + 4)):
            w = v.lower[t]
            if t > k + 1 and w in REMARK_LINKS:
                return True
            if not (v.words[t].isalpha() and v.words[t].islower()):
                return False
        return False

    def _closing_dash(self, j: int, s_end: int) -> int | None:
        """The dash that closes an aside opened by the dash at ``j`` in the same sentence."""
        v = self.view
        for k in range(j + 1, min(s_end, j + ASIDE_TOKENS)):
            if v.quote_of[k] >= 0 or v.words[k] in SENT_PUNCT or v.words[k] == ";":
                return None
            if v.words[k] == v.words[j]:
                return k
        return None

    def _subordinate_end(self, s0: int, c: int, a: int, b: int) -> int:
        """``When Judge Osei said the lease was “plainly unfair,” the lawyers ...``: a cue inside an
        opening subordinate clause reports up to the clause's comma, not the main clause."""
        v = self.view
        i = self._next(s0)
        while i < c and v.lower[i] in ("and", "but", "so", "yet", "even", "just"):
            i = self._next(i + 1)
        if i >= c or v.lower[i] not in SUBORDINATORS:
            return b
        for k in range(i, c):
            if v.words[k] == "," and v.quote_of[k] < 0:
                return b  # the opening clause ended before the cue
        for k in range(a, b):
            qi = v.quote_of[k]
            if qi < 0 and v.words[k] == ",":
                return k
            if qi >= 0 and v.quote_tokens[qi][1] == k + 1 and k + 1 < b and v.text[
                    v.quotations[qi].inner_start : v.quotations[qi].inner_end].rstrip().endswith(
                    ","):
                return k + 1
        return b

    def _new_attribution(self, k: int, s_end: int) -> bool:
        """True when a new speaker and cue start at ``k``: ``..., but Harper says ...``."""
        v = self.view
        for c in range(k + 1, min(s_end, k + 5)):
            if v.quote_of[c] >= 0 or v.words[c] in (",", ";", ":"):
                return False
            if self._is_cue(c):
                m = mention_before(v, c, k)
                # "but Harper says" / "but farmer Ivo Berg says"
                # "but also because he denied" is still the reported clause
                return m is not None and m.start - k <= 2 and all(
                    v.words[t].isalpha() and v.words[t].islower()
                    and v.lower[t] not in SUBORDINATORS for t in range(k, m.start))
        return False

    def _clause_break(self, k: int, s_end: int) -> bool:
        """True when token ``k`` starts something that is not the reported clause."""
        v = self.view
        w = v.lower[k]
        if v.quote_of[k] >= 0:
            return False
        if w.endswith("ing") and len(w) > 5 and v.words[k].islower():
            return True
        if w in CONCESSIVE:
            return True  # "… are “about right,” though voters …": as after a plain comma
        if w in ("and", "but", ","):
            nxt = self._next(k + 1)
            return nxt < s_end and (self._is_cue(nxt) or v.lower[nxt].endswith("ing"))
        # "... will play the “woman card,” Fiorina said": the quotation's own attribution;
        # "“…,” a reference to his support": the writer's word on what was said
        return w == "according" or self._is_cue(k) or self._new_attribution(k, s_end) \
            or self._remark_after(k, s_end)

    def _attribution_tail(self, i: int, s_end: int) -> bool:
        """True when the tokens after a final attribution are only time, place or appositive."""
        v = self.view
        if i >= s_end or v.words[i] in SENT_PUNCT or v.words[i] in (",", ";", ":", "—"):
            return True
        if v.lower[i] in ("he", "she", "they", "we", "i", "that"):
            return False  # "A week ahead of the vote, the campaign says they are ...": a clause
        if v.lower[i] in TIME_WORDS and v.lower[i] not in DETERMINERS and v.lower[i] not in (
                "statement", "interview", "letter", "post", "tweet", "email"):
            return True  # "the city announced Tuesday after a storm ..."
        k = i
        words = 0
        plain = True
        while k < s_end and v.words[k] not in SENT_PUNCT:
            if v.quote_of[k] >= 0 or v.lower[k] == "that":
                return False  # "... said on CNN that Bush ...": the clause follows the cue
            words += 1
            if not (v.lower[k] in TIME_WORDS or v.lower[k] in AUDIENCE or v.is_cap(k)
                    or v.words[k].isspace() or v.lower[k] in TAIL_WORDS):
                plain = False
            k += 1
        return plain or words <= 5
