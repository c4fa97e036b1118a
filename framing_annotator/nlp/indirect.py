"""Indirect (and mixed) quotes from cues: reporting verbs, "according to X" and noun cues."""

from __future__ import annotations

from itertools import compress

from .base import SENT_PUNCT
from .cues import (
    AUDIENCE,
    AUX_ADVERBS,
    CUE_FORMS,
    DETERMINERS,
    FINDING_SOURCES,
    FINITE_CLAUSE_CUES,
    FINITE_WORDS,
    NAMING_CUES,
    NEEDS_THAT,
    NOT_NAMES,
    NOUN_CUES,
    PRONOUNS,
    SPEAKER_NOUNS,
    THAT_ONLY,
    TIME_WORDS,
    TITLES,
)
from .mixed import MixedRules
from .speakers import (
    POSSESSIVE,
    TIME_NOUNS,
    Mention,
    mention_after,
    mention_before,
    name_ending_at,
    name_starting_at,
)

# words that open what follows a medial attribution when it is not the rest of the clause:
# "..., she said, at a news conference", "..., he said, and ..."
MEDIAL_STOP = frozenset({"and", "but", "or", "then", "at", "in", "on", "during", "after",
                         "before", "while", "when", "as", "with", "for", "from", "by",
                         "according", "though", "although", "who", "which", "citing",
                         "referring"})

# cues of asking and promising whose content is often an infinitive: "pledged to shut down",
# "urged the board to wait"
INFINITIVE_CUES = frozenset({"pledge", "promise", "vow", "urge", "ask", "demand", "threaten",
                             "propose", "recommend", "advise", "warn", "call"})

# words that open a sentence with a phrase before its subject
OPENERS = frozenset({"in", "on", "at", "during", "after", "before", "when", "while", "if",
                     "unless", "although", "though", "since", "as", "because", "despite",
                     "under", "with", "without", "for", "by", "among", "following", "once",
                     "until", "whether", "asked", "meanwhile", "still", "yet", "but"})
SOURCE_TOKENS = 12  # "according to early results of exit polls conducted for ...": its reach
# time words that open a sentence with a phrase before its subject ("Earlier in the
# primaries, Trump suggested ..."), as OPENERS and a participle ("Reaching for ...,") do
TIME_OPENERS = frozenset({"earlier", "later", "last", "next", "then", "now", "today",
                          "yesterday", "once", "soon", "shortly"})
OWN_WORDS_REACH = 60  # how far after a cue a quotation is looked for (bounded: linear)
HEADLINE_TOKENS = 40  # a line longer than this is not a headline

# participles that introduce a clause of their own: "..., saying the plan is dead"
BARE_ING = frozenset({"say", "add", "tell", "argue", "claim", "warn", "insist", "note", "explain",
                      "write", "suggest", "declare", "contend", "predict", "stress", "assert",
                      "announce", "confirm", "acknowledge", "accuse", "call", "ask", "urge"})

# cues whose passive subject is the one addressed: "she was asked", "they were told"
PASSIVE_ADDRESSEE = frozenset({"ask", "tell", "inform", "advise", "urge", "warn", "assure",
                               "remind"})


# words that open an indirect question after "asked" ("asked whether the pool would reopen"),
# found within QUESTION_REACH tokens of the cue (past the one asked: "asked the mayor if")
QUESTION_WORDS = frozenset({"if", "whether", "how", "why", "what", "who", "whom", "which",
                            "where", "when"})
QUESTION_REACH = 12
SEMICOLON_TOKENS = 40  # how far back a semicolon before a cue is looked for (keeps it linear)
OBJECT_QUOTE_TOKENS = 8  # "responded with chants of “...”": how far the words are looked for
ACCUSED_TOKENS = 12  # "accused Trump campaign manager Corey Lewandowski of": the one accused
# "asked the campaign of council candidate Ana Ruiz to ...": how long the one asked may be
INFINITIVE_OBJECT_TOKENS = 10
# adverbs that may open a sentence before a medial attribution without being said
FRONT_ADVERBS = frozenset({"also", "still", "yet", "however", "now", "then", "meanwhile",
                           "indeed", "instead", "and", "but", "so", "separately", "moreover"})
ARTICLES = frozenset({"the", "a", "an", "his", "her", "their", "its", "our", "my", "your", "this",
                      "these", "every", "each", "of"})

# words after a cue that is also a noun which make it the noun: "claims of fraud"
NOUN_FOLLOW = frozenset({"of", "about", "by", "and", "or", "from", "against", "for", "made",
                         "like"})

# words after "yes" that make it an answer rather than the start of a clause
ANSWER_FOLLOW = frozenset({"before", "after", "when", "to", "and", "but", "because", "until",
                           "if", "as", "or", "so", ",", ".", ";", "!", "?", ":", "—", "–"})


CUE_WORDS = frozenset(CUE_FORMS) | NOUN_CUES | {"according", ":"}  # words that may start a quote

# words before a headline colon that label the story, not a source ("Opinion: ...")
HEADLINE_LABELS = frozenset({"opinion", "editorial", "analysis", "review", "exclusive", "watch",
                             "video", "breaking", "update", "updated", "live", "photos",
                             "transcript", "related", "explainer", "interview", "podcast",
                             "timeline", "factbox", "correction", "comment", "letters",
                             "contributing", "revealed", "wow", "notice"})
HEADLINE_COLON_WORDS = 25  # a line with more words than this is not a headline
HEADLINE_COLON_TOKENS = 4 * HEADLINE_COLON_WORDS  # how far the line is looked for, either side


class IndirectRules(MixedRules):
    """Find reported clauses after (or before) their cue."""

    def find_indirect(self, embedded: list[int]) -> None:
        """Suggest mixed and indirect quotes; absorb embedded quotations into their clauses."""
        v = self.view
        left = set(embedded)
        n = len(v)
        done_until = -1
        # only cue words can start anything here: visit those, not every token
        candidates = compress(range(n), map(CUE_WORDS.__contains__, v.lower))
        for c in candidates:
            if c < done_until or v.quote_of[c] >= 0:
                continue
            w = v.lower[c]
            if w == ":":
                done_until = self._headline_colon(c, left)
                continue
            if w == "according" and c + 1 < n and v.lower[c + 1] == "to":
                done_until = self._according(c, left)
                continue
            if w in NOUN_CUES:
                done_until = self._noun_cue(c, left)
                if done_until > c + 1 or w not in CUE_FORMS or not self._verb_use(c):
                    continue
                # "Ruiz claims the council lied", "they vow the depot will stay": a verb
            if c in self.used_cues:
                continue
            if v.cap[c] and not v.sent_start[c] and w in CUE_FORMS:
                done_until = self._headline_cue(c, left)
                continue
            if not self._is_cue(c) or self._after_article(c) or self._agent_follows(c):
                continue
            done_until = self._verb_cue(c, left)
        self._leftover_quotations(left)

    def _after_article(self, c: int) -> bool:
        """"state" after an article, a possessive or "of" is the noun: ``secretary of state``,
        ``the state will``, ``her state``. (Other cue words there are more often still a report:
        ``her remark that``, noun cues with a possessive speaker.)"""
        v = self.view
        p = self._prev(c)
        return v.lower[c] in ("state", "states") and p >= 0 and (
            v.lower[p] in ARTICLES or v.words[p] in POSSESSIVE)

    def _past_abbreviation(self, s0: int) -> int:
        """``Sen. Jan Novak (I-Ida.) on Saturday said``: a state abbreviation that the tokenizer
        splits ("Ida" ".", one without an exception) ends no sentence inside its parenthesis;
        the sentence starts before."""
        v = self.view
        p = self._prev(s0)
        if p < 2 or v.words[p] != ")" or v.words[p - 1] != "." or v.quote_of[p] >= 0:
            return s0
        for k in range(p - 2, max(-1, p - 8), -1):
            if v.newline[k] or v.words[k] == ")":
                return s0
            if v.words[k] == "(":
                return self._sentence_start(k)
        return s0

    def _agent_follows(self, c: int) -> bool:
        """``the divide highlighted by the shootings``, ``a letter written by``: a participle
        with its agent describes a noun and reports nothing (but ``as reported by X``, ``Asked
        by X if``, ``accused by X of`` and ``responded by saying`` do report)."""
        v = self.view
        w = v.lower[c]
        if not (w.endswith("ed") or w in ("written", "told")) or CUE_FORMS[w] in ("ask", "accuse"):
            return False
        k, p = self._next(c + 1), self._prev(c)
        if k >= len(v) or v.lower[k] != "by" or (p >= 0 and v.lower[p] == "as"):
            return False
        agent = self._next(k + 1)
        return agent < len(v) and not v.lower[agent].endswith("ing")

    def _verb_cue(self, c: int, left: set[int]) -> int:
        v = self.view
        s0 = self._past_abbreviation(self._sentence_start(c))
        # "... were worried about prices; most said ...": a semicolon may start a clause with a
        # subject of its own ("...; was denounced by ...; and declared that": or not)
        semi = next((k for k in range(c - 1, max(s0, c - SEMICOLON_TOKENS) - 1, -1)
                     if v.words[k] == ";" and v.quote_of[k] < 0), None)
        if semi is not None and self._speaker_before(c, self._next(semi + 1)) is not None:
            s0 = self._next(semi + 1)
        s_end = v.sent_end[c]
        lemma = CUE_FORMS[v.lower[c]]
        if lemma == "add" and self._adds_to(c, s_end):
            return c + 1  # "adding to her delegate lead": an increase, not a report
        mention = self._speaker_before(c, s0)
        p = self._prev(c)
        if mention is None and v.lower[c].endswith("ing") and p >= 0 and v.quote_of[p] >= 0:
            # "Trump said, “I don't like it,” adding that “…”": the quotation's speaker
            q = v.quotations[v.quote_of[p]]
            mention = next((f.mention for f in self.taken.overlapping(q.start, q.end)
                            if f.mention is not None and f.kind == "direct"), None)
        # Final attribution: "CLAUSE, Smith said." / "CLAUSE, said Smith." A passive cue that
        # takes an addressee has none ("Appearing on Insiders, Rahman was asked about ...").
        front_end = None
        inverted = None  # "CLAUSE, said Smith.": the speaker after the cue
        passive = self._passive(c, s0)
        aside = self._as_reported(c, s0, s_end, mention, left)
        if aside is not None:
            return aside
        # "parents, who said ...", "parents, most of whom said ...": a relative clause
        # reports what follows its verb; the words before the comma are not what was said
        relative = mention is not None and (v.lower[mention.start] == "who"
                                            or v.lower[mention.end - 1] == "whom")
        if mention is not None and p >= s0 and v.words[p] == "," and mention.end < p \
                and self._named_after(c, s_end):
            # "..., whom he has alienated, said Larry Sabato, director of ...": a name right
            # after the cue is the speaker, not one found back over a comma
            mention = None
        if mention is not None and not passive and not relative:
            q = self._prev(mention.start)
            if q >= s0 and v.lower[q] == "the" and mention.form == "name":
                q = self._prev(q)  # "..., the Harbour Authority said."
            elif mention.form == "name":
                q = self._before_title(q, s0)  # "..., DFA spokesman Ivo Berg said."
            if q >= s0 and self._ends_clause(q) and not self._appositive_subject(
                    s0, q, mention.end, c):
                front_end = q
        elif not passive and p >= s0 and (v.words[p] == "," or self._ends_clause(p)) \
                and not v.lower[c].endswith("ing"):
            # (a participle never inverts: "..., saying the city embodied ...")
            inverted = mention_after(v, c, s_end)
            if inverted is not None:
                front_end = p
        speaker = inverted or mention
        if front_end is not None and speaker is not None:
            medial = self._medial(s0, s_end, front_end, c, speaker, left)
            if medial is not None:
                return medial
            first = v.lower[self._next(s0)]
            if first in OPENERS or first in TIME_OPENERS or (
                    first.endswith("ing") and len(first) > 5):
                # "During the 2012 election, Romney ran ...", "In a scathing piece, the Journal
                # called on ...": an opening phrase, then the subject; a final attribution only
                # when the sentence ends with it
                tail = self._next(max(c, speaker.end - 1) + 1)
                if tail < s_end and v.words[tail] not in SENT_PUNCT and not (
                        speaker.start > c and v.words[tail] == ","):
                    # ("But the mayor would ..., said Dana Whitcombe, an analyst.": an
                    # inverted speaker is no subject, whatever follows its comma)
                    front_end = None
        if front_end is not None and speaker is not None and front_end - s0 >= 3:
            rest = self._next(c + 1)
            if speaker.start > c:
                rest = self._next(speaker.end)
            if self._attribution_tail(rest, s_end):
                a = self._next(s0)
                b = self._clause_end(a, front_end + 1)
                if self._emit_clause(a, b, c, speaker, left, "final-attribution"):
                    # go on after the attribution: "..., Nilsson said, adding that ..."
                    return max(c, speaker.end) + 1
        if inverted is not None and self._named_after(c, s_end):
            return c + 1  # "..., said David Wasserman, an elections analyst ...": no clause
        if inverted is not None:
            # no final attribution after all: the words after the cue start its clause
            # ("Jillian Chase, 27, a user in York, said the election would ..."), so they are
            # not its speaker; the sentence's subject is
            mention = mention or self._subject_of(s0, c) or inverted
        if lemma == "ask":
            question = self._question(c, s_end, None if passive else mention, left)
            if question is not None:
                return question
        if mention is None and not passive and any(
                v.quote_of[k] >= 0 and self._own_words(v.quote_of[k])
                for k in range(c + 1, min(s_end, c + OWN_WORDS_REACH))):
            # "The billionaire businessman began by ..., saying that X is “…”": the speaker's
            # own words make it a report, so the sentence's subject is worth a look
            mention = self._subject_of(s0, c)
        if mention is None or (lemma in THAT_ONLY
                               and v.lower[mention.end - 1] not in FINDING_SOURCES):
            return c + 1
        needs_that = lemma in NEEDS_THAT and not any(
            v.lower[k] == "that" for k in range(c + 1, min(s_end, c + 8)))
        if v.lower[c].endswith("ing") and lemma not in BARE_ING:
            return c + 1
        if lemma in INFINITIVE_CUES and not v.lower[c].endswith("ing"):
            a = self._infinitive(c, s_end)
            if a is not None:
                # "pledged to shut down ...", "urged the administration to raise ...": what
                # was asked or promised, from the one addressed on
                b = self._clause_end(a, s_end)
                comma = next((k for k in range(a, b) if v.words[k] == "," and v.quote_of[k] < 0),
                             None)
                if comma is not None:
                    b = comma  # what was asked ends at its first comma (", which ...")
                if self._emit_clause(a, b, c, mention, left, "infinitive"):
                    return b
                return c + 1
        if lemma == "accuse":
            a = self._accused(c, s_end)
            if a is not None:
                # "accused the moderators of asking “too many gotcha questions”": the one
                # accused and of what, unless only a scare quote marks it (an accusation of
                # “hiding” the report is the writer's word)
                b = self._clause_end(a, s_end)
                quoted = {v.quote_of[k] for k in range(a, b) if v.quote_of[k] >= 0}
                if (not quoted or any(self._own_words(qi) for qi in quoted)) \
                        and self._emit_clause(a, b, c, mention, left, "after-cue"):
                    return b
        a = self._after_cue(c, s_end)
        after = v.lower[self._next(c + 1)] if self._next(c + 1) < len(v) else ""
        if lemma in ("respond", "reply") and after == "to" and (
                a <= c or v.lower[self._prev(a)] != "that"):
            return c + 1  # "responded to that tweet by calling ...": what it answered, no words
        if lemma in ("respond", "reply") and after == "with":
            # "responded with chants of “I’m with her”": the words they answered with
            for k in range(self._next(c + 1), min(s_end, c + OBJECT_QUOTE_TOKENS)):
                qi = v.quote_of[k]
                if qi >= 0 and self._own_words(qi) and self._quotation_as_direct(
                        qi, c, mention, left, "after-cue"):
                    return v.quote_tokens[qi][1]
            return c + 1
        if a >= s_end or v.words[a] in SENT_PUNCT or v.words[a] in (",", ":", ";"):
            return c + 1
        b = self._subordinate_end(s0, c, a, self._clause_end(a, s_end))
        words = sum(1 for k in range(a, b) if v.words[k][:1].isalnum())
        quoted = [qi for qi in {v.quote_of[k] for k in range(a, b)} if qi >= 0]
        if v.lower[a] == "yes" and self._answer(a, s_end):
            return c + 1  # "I said yes before she could change her mind": an answer
        if needs_that and (self._subject_pronoun(a, b) or (
                lemma in FINITE_CLAUSE_CUES and self._finite_clause(a, b))):
            needs_that = False
        if needs_that and not any(self._speakers_words(qi) for qi in quoted):
            # "announced the results": without "that", or the speaker's own quoted words,
            # the object is rarely a quote ("vowed to “fight this closure” ..." is one)
            return c + 1
        for qi in sorted(quoted):
            q0 = v.quote_tokens[qi][0]
            if v.lower[self._prev(q0)] == "reading" and self._quotation_as_direct(
                    qi, c, mention, left, "after-cue"):
                # "posted a message on Twitter reading “Thank you Georgia”": the message's
                # words, which the speaker wrote, are the quote
                return b
        if lemma in NAMING_CUES and quoted and v.lower[self._next(c + 1)] not in (
                "for", "on", "upon"):
            return self._naming_cue(c, a, b, quoted, mention, left)
        if words < 3 and not (quoted and words >= 2):
            return c + 1
        if self._emit_clause(a, b, c, mention, left, "after-cue"):
            return b
        return c + 1

    def _before_title(self, q: int, s0: int) -> int:
        """The token before a short job title ending at ``q`` (``DFA spokesman``, ``Democratic
        strategist``: lower-case job words, perhaps after capitalised ones), or ``q`` itself
        when there is none."""
        v = self.view
        k, job = q, False
        for _ in range(4):
            if k < s0 or v.quote_of[k] >= 0 or not v.words[k].isalpha():
                break
            if v.words[k].islower() and (v.lower[k] in SPEAKER_NOUNS or v.lower[k] in TITLES):
                job = True
            elif not (v.is_cap(k) and job and v.lower[k] not in NOT_NAMES):
                break
            k = self._prev(k)
        return k if job else q

    def _verb_use(self, c: int) -> bool:
        """Whether a cue that is also a noun (``claims``, ``vows``, ``charges``) is a verb here:
        a subject right before it (a pronoun, a name, a speaker noun, or an adverb after one)
        and no finite verb or preposition after it (``Ruiz's claims were``, ``claims of``)."""
        v = self.view
        p, n = self._prev(c), self._next(c + 1)
        if p < 0 or n >= len(v):
            return False
        after = v.lower[n]
        if after in FINITE_WORDS or after in NOUN_FOLLOW or not v.words[n][:1].isalnum() \
                and v.quote_of[n] < 0:
            return False
        before = v.lower[p]
        if v.words[p] in POSSESSIVE or before in DETERMINERS:
            return False
        if after == "that" and before in (",", "and"):
            return True  # "who fights with reporters, claims that ...": a verb in a series
        return before in PRONOUNS or before in AUX_ADVERBS or before in SPEAKER_NOUNS or (
            v.is_cap(p) and before not in NOT_NAMES)

    def _named_after(self, c: int, s_end: int) -> bool:
        """A name right after the cue at ``c`` that ends the sentence or meets a comma:
        ``said Larry Sabato, director``, ``said Jan Novak.``"""
        v = self.view
        m = mention_after(v, c, s_end)
        if m is None or m.form != "name":
            return False
        k = self._next(m.end)
        return k >= s_end or v.words[k] in SENT_PUNCT or v.words[k] in (",", "(")

    def _adds_to(self, c: int, s_end: int) -> bool:
        """``add to`` + a noun phrase (``adding to her lead``), not an audience (``added to
        reporters``; ``her`` after ``to`` is a possessive more often than the one told)."""
        v = self.view
        to = self._next(c + 1)
        if to >= s_end or v.lower[to] != "to":
            return False
        after = self._next(to + 1)
        return after < s_end and (v.lower[after] not in AUDIENCE or v.lower[after] == "her")

    def _line_around(self, c: int, reach: int) -> tuple[int, int] | None:
        """The token range of the line holding ``c``, or None when it runs on for more than
        ``reach`` tokens either side: a headline is short, and looking no further keeps a
        long line (a transcript on one line, full of colons) linear."""
        newline, n = self.view.newline, len(self.view.words)
        a = c
        while a > 0 and not newline[a - 1] and c - a < reach:
            a -= 1
        b = c
        while b < n and not newline[b] and b - c < reach:
            b += 1
        if (a > 0 and not newline[a - 1]) or (b < n and not newline[b]):
            return None
        return a, b

    def _headline_line(self, c: int) -> tuple[int, int] | None:
        """The token range of the line holding ``c`` when it reads as a headline: short,
        mostly capitalised words, no full stop at its end."""
        v = self.view
        line = self._line_around(c, HEADLINE_TOKENS)
        if line is None:
            return None
        a, b = line
        words = [k for k in range(a, b) if v.words[k].isalpha()]
        if len(words) < 3 or sum(v.cap[k] for k in words) < 0.7 * len(words):
            return None
        last = b - 1
        while last > a and v.words[last].isspace():
            last -= 1
        if v.words[last] in (".", "!", "?") and v.quote_of[last] < 0 and any(
                v.sent_start[k] for k in range(a + 1, last)):
            return None  # a full stop may close a headline, not end one sentence of several
        return a, last + 1

    def _as_reported(self, c: int, s0: int, s_end: int, mention: Mention | None,
                     left: set[int]) -> int | None:
        """``As the Ledger reported on Friday, the depot will close``, ``As reported by the
        Ledger, ...``, ``..., as Novak noted.``: an aside opened by "as" attributes the clause
        after its comma, or, closing the sentence, the clause before it."""
        v = self.view
        i = self._next(c + 1)
        if mention is None and i < s_end and v.lower[i] == "by":
            k = self._next(i + 1)
            if k < s_end and v.lower[k] == "the":
                k = self._next(k + 1)
            # "As reported by the Ledger"
            mention = name_starting_at(v, k, s_end) or mention_after(v, i, s_end)
            opener = self._prev(c)
            i = self._next(mention.end) if mention is not None else i
        else:
            opener = self._prev(mention.start) if mention is not None else -1
            if opener >= s0 and v.lower[opener] == "the":
                opener = self._prev(opener)  # "As the Ledger reported"
        if mention is None or opener < s0 or v.lower[opener] != "as":
            return None
        while i < s_end and v.quote_of[i] < 0 and (v.lower[i] in TIME_WORDS or v.is_cap(i)
                                                   or v.lower[i] in TIME_NOUNS):
            i = self._next(i + 1)  # "reported on Saturday", "noted in March"
        before = self._prev(opener)
        if i < s_end and v.words[i] == ",":
            a = self._next(i + 1)
            b = self._clause_end(a, s_end)
            if self._emit_clause(a, b, c, mention, left, "as-reported"):
                return b
        elif before > s0 and v.words[before] == "," and self._attribution_tail(i, s_end):
            a = self._next(s0)
            b = self._clause_end(a, before + 1)
            if self._emit_clause(a, b, c, mention, left, "as-reported"):
                return c + 1
        return None

    def _headline_colon(self, c: int, left: set[int]) -> int:
        """``Novak: Council will reopen the library``: a headline (a line of its own, short,
        one sentence) that opens with a name and a colon gives the rest of the line as that
        source's words. Labels (``Opinion:``) and upper-case transcript speakers (``SMITH:``,
        ``Q:``) are not sources; a quotation after the colon is the direct rules' job."""
        v = self.view
        line = self._line_around(c, HEADLINE_COLON_TOKENS)
        if line is None:
            return c + 1
        a, b = line
        start = self._next(a)
        p = self._prev(c)
        first = self._next(c + 1)
        if p < start or first >= b or (v.quote_of[first] >= 0 and v.quote_of[first] not in left) \
                or v.quote_of[p] >= 0:
            return c + 1  # (a quotation left to this rule opens the rest of the line)
        line = [k for k in range(start, b) if v.words[k][:1].isalnum()]
        if len(line) > HEADLINE_COLON_WORDS or any(
                v.sent_start[k] for k in range(first + 1, b) if not v.words[k].isspace()):
            return c + 1
        dash = self._next(start + 1)
        if v.lower[start] in HEADLINE_LABELS and dash < p and v.words[dash] in ("–", "—", "-"):
            start = self._next(dash + 1)  # "EXCLUSIVE – Roger Stone: ..."
        m = name_ending_at(v, p, start)
        if m is not None and m.start > start:
            # "Clinton to Planned Parenthood: ...", "Former AG Mukasey at RNC: ...": the
            # speaker, then whom or where they spoke
            link = self._prev(m.start)
            first_name = name_starting_at(v, start, link) if link > start and v.lower[
                link] in ("to", "at") else None
            if first_name is not None and self._next(first_name.end) == link:
                m = first_name
        if m is None or m.start != start or any(
                v.lower[k] in HEADLINE_LABELS for k in range(m.start, m.end)) or all(
                v.words[k].isupper() or not v.words[k].isalpha() for k in range(m.start, m.end)):
            return c + 1
        end = self._clause_end(first, b)
        self._emit_clause(first, end, c, Mention(m.start, m.end, "name"), left, "headline-colon")
        return b

    def _headline_cue(self, c: int, left: set[int]) -> int:
        """``Novak Says Council Will Reopen Library`` and ``Library Will Close, Former
        Official Says``: headline attributions (title case, so the cue has a capital)."""
        v = self.view
        line = self._headline_line(c)
        if line is None:
            return c + 1
        a, b = line
        p = self._prev(c)
        nxt = self._next(c + 1)
        if nxt < b and v.words[nxt] in (".", "!") and self._next(nxt + 1) >= b:
            nxt = b  # "..., Ana Ruiz Says.": a full stop may close the headline
        if nxt >= b and p > a:
            # "..., Former Official Says": the speaker between the comma and the cue
            k = p
            while k > a and v.words[k] != "," and p - k < 6:
                k -= 1
            if v.words[k] != "," or k - a < 3:
                return c + 1
            mention = Mention(self._next(k + 1), p + 1, "phrase")
            self._emit_clause(a, self._clause_end(a, k), c, mention, left, "headline")
            return b
        if c - a > 6 or any(not (v.cap[k] or v.words[k].isspace() or v.words[k] == ".")
                            for k in range(a, c)):
            return c + 1
        start = a
        while start < c and v.lower[start] in ("exclusive", "watch", "breaking", "video"):
            start += 1
        mention = name_starting_at(v, start, c)
        if mention is None or mention.end != self._prev(c) + 1:
            return c + 1
        self._emit_clause(self._next(c + 1), self._clause_end(self._next(c + 1), b), c,
                          mention, left, "headline")
        return b

    def _medial_back(self, back: int, s_end: int) -> bool:
        """Whether what follows a medial ``, X said,`` is the rest of the reported clause: a
        verb or another lower-case word (``was the largest yet``), or a subject starting the
        main clause after an opening phrase (``..., police said, Lewandowski went ...``)."""
        v = self.view
        w = v.lower[back]
        qi = v.quote_of[back]
        if qi >= 0:
            # "..., Ms. Ruiz said, “is a perfect example” of ...": her words go on with the clause
            q = v.quotations[qi]
            return v.text[q.inner_start : q.inner_end].lstrip()[:1].islower()
        if v.words[back].isalpha() and v.words[back].islower():
            return w not in MEDIAL_STOP and not w.endswith("ing")
        return (v.cap[back] and w not in NOT_NAMES) or w in ("he", "she", "they", "we", "i",
                                                              "it")

    def _medial(self, s0: int, s_end: int, front_end: int, c: int, mention: Mention,
                left: set[int]) -> int | None:
        """``The test, officials said, was the largest yet.``: an attribution inside the
        reported clause gives its two pieces, both with the speaker (as for a direct quote
        that an attribution interrupts). Returns where to go on, or None."""
        v = self.view
        rest = self._next(max(c, mention.end - 1) + 1)
        if rest >= s_end or v.words[rest] != ",":
            return None
        back = self._next(rest + 1)
        if back >= s_end or not self._medial_back(back, s_end):
            return None
        if mention.start > c and v.lower[back] in DETERMINERS:
            return None  # "..., said Dana Whitcombe, an analyst at ...": an appositive

        a = self._next(s0)
        if not (v.words[back].islower() or v.quote_of[back] >= 0 or v.lower[a] in OPENERS):
            return None  # a capital after the attribution starts a clause of its own
        opener = v.lower[a] in OPENERS
        while a < front_end and v.lower[a] in ("and", "but", "so"):
            a = self._next(a + 1)
        end = self._clause_end(back, s_end)
        if end - back < 2 or front_end <= a or any(
                v.quote_of[k] >= 0 or (self._is_cue(k) and not opener
                                       and v.lower[self._prev(k)] != "to")
                for k in range(a, front_end)):  # ("difficult to predict" reports nothing)
            return None
        front = self._clause_end(a, front_end)
        if all(v.lower[k] in FRONT_ADVERBS or not v.words[k][:1].isalnum()
               for k in range(a, front)):
            front = a  # "Also, Novak said, the depot will close": no first piece
        if opener and v.quote_of[back] >= 0:
            # "In the United States, he said, “we …”": the speaker's words start after the
            # attribution; the opening phrase before it is the writer's
            front = a
        elif front > a and not self._emit_clause(a, front, c, mention, left, "medial",
                                                 min_tokens=1):
            return None
        # "This campaign, he says, is different": the rest may be two words
        self._emit_clause(back, end, c, mention, left, "medial", min_tokens=2)
        return end

    def _accused(self, c: int, s_end: int) -> int | None:
        """``accused Jan Novak of ...``: the start of the one accused when "of" follows within
        a short noun phrase and the accusation holds the speaker's own quoted words; None
        otherwise (``was accused``: the subject is the accused)."""
        v = self.view
        p = self._prev(c)
        if p >= 0 and v.lower[p] in ("was", "were", "been", "being", "is", "are", "be"):
            return None
        i = self._next(c + 1)
        for j in range(i + 1, min(s_end, i + ACCUSED_TOKENS)):
            if v.lower[j] == "of":
                return i
            if v.quote_of[j] >= 0 or not (v.words[j].isalpha() or v.words[j].isspace()
                                          or v.words[j] in POSSESSIVE or v.words[j] in ".-"):
                return None
        return None

    def _infinitive(self, c: int, s_end: int) -> int | None:
        """Where ``to`` + a verb starts right after the cue at ``c``, or after a short object
        (``urged the administration to raise``): the start of the object, else None."""
        v = self.view
        i = self._next(c + 1)
        if CUE_FORMS[v.lower[c]] == "call":
            if i >= s_end or v.lower[i] not in ("on", "upon"):
                return None  # "called on X to ...", not "called X ..."
            i = self._next(i + 1)
        for j in range(i, min(s_end - 1, i + INFINITIVE_OBJECT_TOKENS)):
            w = v.lower[j]
            if w == "to":
                verb = self._next(j + 1)
                if verb < s_end and v.quote_of[verb] >= 0:
                    # "promises to “end” the levy": the verb is the speaker's own word
                    q = v.quotations[v.quote_of[verb]]
                    first = v.text[q.inner_start : q.inner_end].split()[:1]
                    return i if first and first[0].isalpha() and first[0].islower() else None
                if verb < s_end and v.words[verb].isalpha() and v.words[verb].islower() \
                        and v.lower[verb] not in DETERMINERS and v.lower[verb] not in (
                            "about", "be", "have"):
                    return i
                return None
            if v.quote_of[j] >= 0 or not (v.words[j].isalpha() or v.words[j] in POSSESSIVE) \
                    or w in CUE_FORMS or w == "that":
                return None
        return None

    def _question(self, c: int, s_end: int, mention: Mention | None, left: set[int]) -> int | None:
        """``asked the mayor whether the pool would reopen``, ``Asked by Ortiz if he would run,
        Novak ...``: an indirect question reports what the asker said, from its question word
        to its first comma. The asker may go unnamed (``when asked how ...``, a passive ``was
        asked``); ``by X`` names them. ``asked about the review`` gives a topic, no words."""
        v = self.view
        i = self._next(c + 1)
        for a in range(i, min(s_end, i + QUESTION_REACH)):
            w = v.lower[a]
            if w in QUESTION_WORDS and v.quote_of[a] < 0:
                break
            if v.quote_of[a] >= 0 or not (v.words[a].isalnum() or v.words[a] in POSSESSIVE
                                          or v.words[a].isspace()) or w in CUE_FORMS \
                    or w in ("that", "to", "about"):
                return None
        else:
            return None
        if v.lower[i] == "by" and self._prev(a) > i:
            # "asked by a reporter if", "asked by host John Dickerson whether": the asker
            k = self._next(i + 1)
            words = [t for t in range(k, a) if not v.words[t].isspace()]
            named = name_ending_at(v, words[-1], k)
            if named is not None:
                mention = named
            elif len(words) <= 4:
                mention = Mention(k, words[-1] + 1, "phrase")
        b = self._clause_end(a, s_end)
        comma = next((k for k in range(a, b) if v.words[k] == "," and v.quote_of[k] < 0), None)
        if comma is not None:
            b = comma  # "Asked whether he would run, Novak smiled": the question ends there
        if self._emit_clause(a, b, c, mention, left, "question", min_tokens=3):
            return b
        return None

    def _answer(self, a: int, s_end: int) -> bool:
        """``said yes before …``: a one-word answer, not a clause. (``said no to the plan`` is
        left alone: corpora such as PolNeAR count it as a quote.)"""
        v = self.view
        nxt = self._next(a + 1)
        return nxt >= s_end or v.lower[nxt] in ANSWER_FOLLOW

    def _subject_pronoun(self, a: int, b: int) -> bool:
        """``announced they would suspend ...``, ``confirmed he was on the plane``: a clause
        that opens with a subject pronoun is a clause, not an object, "that" or no "that"
        (``it`` only before a finite verb: ``denied it would``, not ``denied it Tuesday``)."""
        v = self.view
        w = v.lower[a]
        if w in ("he", "she", "they", "we", "i"):
            return True
        nxt = self._next(a + 1)
        return w == "it" and nxt < b and v.lower[nxt] in FINITE_WORDS

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
        words = [t for t in range(s0, q) if v.words[t][:1].isalnum()]
        if any(v.quote_of[t] >= 0 for t in range(s0, q)):
            return False
        if len(words) <= 4:
            return True
        # "The chairman of the Joint Chiefs of Staff, Gen. Joseph Dunford, asked ...": a longer
        # noun phrase, opening with a determiner and holding no verb, is a subject too
        first = v.lower[words[0]]
        return len(words) <= 10 and first in DETERMINERS and not any(
            v.lower[t] in FINITE_WORDS or v.lower[t] in CUE_FORMS or v.words[t] == ","
            for t in range(s0, q))

    def _speakers_words(self, qi: int) -> bool:
        """A quotation that reads as someone's words rather than a term or a title."""
        q = self.view.quotations[qi]
        return self._inner_words(q) >= 2 or self._terminal(q)

    def _own_words(self, qi: int) -> bool:
        """A quotation long enough, or closing on punctuation, to be a speaker's own words
        (what makes a clause mixed in :meth:`_emit_clause`; a two-word term is not)."""
        q = self.view.quotations[qi]
        return self._inner_words(q) >= 3 or self._terminal(q)

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
        mention = mention_after(v, c + 1, s_end) or self._source_after(c + 1, s_end)
        if mention is None:
            return c + 2
        after = self._next(mention.end)
        # skip an appositive up to the next comma
        while after < s_end and v.words[after] != "," and v.words[after] not in SENT_PUNCT:
            after += 1
        last = self._prev(after)
        if mention.end <= last < s_end and v.is_cap(last) and all(
                v.words[k].isalpha() or v.words[k].isspace() or v.words[k] in POSSESSIVE
                for k in range(mention.end, last + 1)):
            # "According to Riverside council finance director Jan Novak, ...": the person
            # at the end of a title compound
            person = name_ending_at(v, last, mention.end)
            if person is not None:
                mention = person
        begin = self._after_dateline(self._next(s0), c)  # past "RIVERTON —"
        while begin < c and v.lower[begin] in ("but", "and", "yet", "so", ","):
            begin += 1
        if begin >= c:  # "According to X, CLAUSE."
            a = self._next(after + 1) if after < s_end and v.words[after] == "," else s_end
            b = self._clause_end(a, s_end)
        elif after >= s_end or v.words[after] in SENT_PUNCT or (
                self._next(after + 1) < s_end
                and v.lower[self._next(after + 1)] in ("a", "an", "the", "who", "and", "but")):
            # "CLAUSE, according to X." / "CLAUSE, according to X, an analyst at Y." /
            # "CLAUSE, according to X, and the mayor says ...": the sentence goes on
            a, b = begin, self._clause_end(begin, c)
        else:  # "CLAUSE, according to X, CLAUSE."
            a, b = begin, self._clause_end(self._next(after + 1), s_end)
        self._emit_clause(a, b, c, mention, left, "according-to")
        return max(c + 2, b)

    def _source_after(self, to: int, s_end: int) -> Mention | None:
        """``according to exit polls``, ``according to early results of the poll``: after
        "according to" any noun phrase is the source, up to a comma, a relative word or the
        end of the sentence (a pronoun object, ``according to him``, is left alone)."""
        v = self.view
        a = self._next(to + 1)
        b = a
        while b < min(s_end, a + SOURCE_TOKENS) and v.quote_of[b] < 0 and (
                v.words[b].isalnum() or v.words[b] in POSSESSIVE or v.words[b] in ("-", ".")
                or v.words[b].isspace()) and v.lower[b] not in ("who", "that", "which"):
            b += 1
        while b > a and (v.words[b - 1].isspace() or v.words[b - 1] == "."):
            b -= 1
        if b == a or v.lower[a] in ("him", "her", "them", "me", "us", "it") or not any(
                v.words[k].isalpha() for k in range(a, b)):
            return None
        return Mention(a, b, "phrase")

    def _noun_cue(self, c: int, left: set[int]) -> int:
        """``the president's claims that ...``: only with a possessive speaker and "that"."""
        v = self.view
        nxt = self._next(c + 1)
        if nxt < len(v) and v.lower[nxt] in ("is", "was") and nxt + 1 < len(v):
            nxt = self._next(nxt + 1)  # "her claim is that ..."
        verb = self._next(nxt + 1) if nxt < len(v) else len(v)
        promise = v.lower[c] in ("promise", "promises", "pledge", "pledges", "vow") and \
            nxt < len(v) and v.lower[nxt] == "to" and verb < len(v) and v.words[verb].isalpha() \
            and v.words[verb].islower() and v.lower[verb] not in DETERMINERS
        if nxt >= len(v) or (v.lower[nxt] != "that" and not promise) or c < 2:
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
        # "Trump's pledge to be “neutral” in the talks": what was promised, "to" included
        a = nxt if promise else self._next(nxt + 1)
        b = self._clause_end(a, s_end)
        if promise:
            # what was promised ends at its first comma, as after a verb ("pledged to ...")
            b = next((k for k in range(a, b) if v.words[k] == "," and v.quote_of[k] < 0), b)
        self._emit_clause(a, b, c, mention, left, "noun-cue")
        return max(c + 1, b)
