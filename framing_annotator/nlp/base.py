"""Shared state and token helpers of the quote rules.

Every rule module works on a :class:`~.view.DocView`. Offsets are kept in characters so a
suggestion always slices the text exactly, whatever the tokenizer did with the marks.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import compress

from .cues import (
    AUX_ADVERBS,
    CUE_FORMS,
    DETERMINERS,
    NAMING_CUES,
    NOT_NAMES,
    PRONOUNS,
    SPEAKER_NOUNS,
    THAT_ONLY,
    TITLES,
)
from .marks import Quotation
from .speakers import (
    POSSESSIVE,
    Mention,
    mention_after,
    mention_before,
    name_ending_at,
)
from .view import DocView

TERMINAL = frozenset(",.?!…:;—-")
SENT_PUNCT = frozenset({".", "!", "?", "…"})
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
    rule: str  # which rule found it; the calibrated confidence is looked up by rule and kind
    speaker: str | None = None
    speaker_title: str | None = None  # the title the article gives the speaker: a type hint
    confidence: float = 0.0
    # a direct quote inside a sentence right after its cue (`what he calls “careful work”`):
    # a reported clause around it may take it in
    inline: bool = False
    dropped: bool = False  # taken into a reported clause after all


class TakenSpans:
    """The suggestions so far, found by position in blocks of characters, so asking what
    overlaps a span costs the same however many suggestions a long text has."""

    BLOCK = 1024

    def __init__(self) -> None:
        self.blocks: dict[int, list[Found]] = {}

    def _keys(self, start: int, end: int) -> range:
        return range(start // self.BLOCK, max(start, end - 1) // self.BLOCK + 1)

    def add(self, found: Found) -> None:
        for key in self._keys(found.start, found.end):
            self.blocks.setdefault(key, []).append(found)

    def remove(self, found: Found) -> None:
        found.dropped = True
        for key in self._keys(found.start, found.end):
            self.blocks[key] = [f for f in self.blocks[key] if f is not found]

    def overlapping(self, start: int, end: int) -> list[Found]:
        return list(self.each_overlapping(start, end))

    def each_overlapping(self, start: int, end: int) -> Iterator[Found]:
        """The suggestions overlapping ``[start, end)``, once each, block by block, so a
        caller that needs only the first few stops early: a clause candidate running over
        a whole text without sentence ends overlaps every suggestion in it."""
        seen: set[int] = set()
        for key in self._keys(start, end):
            for f in self.blocks.get(key, ()):
                if f.start < end and start < f.end and id(f) not in seen:
                    seen.add(id(f))
                    yield f


# prepositions that open a sentence with a phrase, never its subject ("When Trump said" has
# its subject right after the opener, so subordinators are not here)
PREPOSITION_OPENERS = frozenset({"amid", "in", "on", "at", "during", "despite", "under", "with",
                                 "without", "among", "following", "meanwhile", "according"})

# words after "that" that make it a pronoun, not a complementiser: "finds that in his work"
THAT_PRONOUN_FOLLOW = frozenset(
    {"in", "on", "at", "to", "for", "with", "of", "from", "by", "is", "was", "it", "out", "up",
     "hard", "difficult", "easy", "interesting", "odd", "strange", "troubling"}
)


class RulesBase:
    """Per-document state (suggestions so far, cues used) and token helpers."""

    def __init__(self, view: DocView) -> None:
        self.view = view
        self.used_cues: set[int] = set()
        self.found: list[Found] = []
        self.taken = TakenSpans()  # char spans already suggested
        self._starts: list[int] | None = None  # see _sentence_start

    def _prev(self, i: int) -> int:
        """The nearest earlier non-space token, or -1."""
        i -= 1
        words = self.view.words  # (called tens of thousands of times a document: locals)
        while i >= 0 and words[i].isspace():
            if self.view.newline[i]:
                return -1
            i -= 1
        return i

    def _next(self, i: int) -> int:
        words = self.view.words
        n = len(words)
        while i < n and words[i].isspace():
            if self.view.newline[i]:
                return n
            i += 1
        return i

    def _is_cue(self, i: int) -> bool:
        v = self.view
        if v.lower[i] not in CUE_FORMS or v.quote_of[i] >= 0:
            return False
        # "the United States": a capital mid-sentence makes a name, not a verb
        if v.words[i][:1].isupper() and not v.sent_start[i]:
            return False
        if CUE_FORMS[v.lower[i]] in THAT_ONLY:
            # "found that the plan ...", not "finds that in government work" (a pronoun)
            nxt = self._next(i + 1)
            if nxt >= len(v) or v.lower[nxt] != "that":
                return False
            after = self._next(nxt + 1)
            return after < len(v) and v.words[after][:1].isalnum() \
                and v.lower[after] not in THAT_PRONOUN_FOLLOW
        return True

    def _sentence_start(self, i: int) -> int:
        """The first token of the sentence (or line) holding token ``i``.

        Looked up among every sentence and line start, listed once per document: walking
        back token by token made a text without sentence ends quadratic (a 400,000-character
        one cost ten times as much per character as a 20,000-character one).
        """
        starts = self._starts
        if starts is None:
            v = self.view
            marks = set(compress(range(len(v.sent_start)), v.sent_start))
            marks.update(b + 1 for b in v.breaks)
            marks.add(0)
            starts = self._starts = sorted(marks)
        return starts[bisect_right(starts, i) - 1]

    def _speaker_before(self, c: int, s0: int) -> Mention | None:
        """The speaker of the cue at ``c``; "..., saying" and "and said" take the subject."""
        v = self.view
        p = self._prev(c)
        after_comma = p >= s0 and v.words[p] == "," and v.lower[c].endswith("ing")
        if after_comma:
            # "..., Nilsson said, adding that": the speaker of the previous cue
            m = self._previous_speaker(p, s0)
            if m is not None:
                return m
        m = mention_before(v, c, s0)
        if m is not None and m.form == "phrase" and v.lower[c].endswith("ing"):
            q = self._prev(m.start)
            if q >= s0 and v.words[q].isalpha() and v.words[q].islower() \
                    and v.lower[q] not in ("and", "but", "or"):
                # "The ministry issued a statement saying ...": the object of the verb
                # before the participle did not speak; the sentence's subject did
                return self._subject_of(s0, c) or m
        if m is not None:
            return m
        if v.dep is not None:
            m = self._parsed_subject(c, s0)
            if m is not None:
                return m
        if p >= s0 and v.lower[p] in ("and", "but", "or"):
            # "Tran says the system worked, but concedes ...": the speaker of the earlier cue
            m = self._previous_speaker(p, s0)
            if m is not None:
                return m
        if after_comma or (p >= s0 and v.lower[p] in ("and", "but", "or")):
            return self._subject_of(s0, c)
        if p > s0 and v.lower[p] == "to" and self._reports_next(c):
            # "Trump was prompted to say, “…”", "she went on to add that": the sentence's
            # subject ("Hospital to add 30 beds" is no report)
            return self._subject_of(s0, c)
        return None

    def _reports_next(self, c: int) -> bool:
        """A comma, a colon, ``that`` or a quotation right after the cue at ``c``."""
        v = self.view
        k = self._next(c + 1)
        return k < len(v) and (v.words[k] in (",", ":") or v.lower[k] == "that"
                               or v.quote_of[k] >= 0)

    def _parsed_subject(self, c: int, s0: int) -> Mention | None:
        """With a trained parser: the subject of the cue's verb, or of the verb it hangs on
        (``... and said``, ``..., adding``)."""
        v = self.view
        assert v.head is not None and v.dep is not None and v.left_edge is not None
        h = c
        for _hop in range(3):
            for k in range(max(s0, h - 30), h):
                if v.head[k] == h and v.dep[k] in ("nsubj", "nsubjpass") \
                        and v.quote_of[k] < 0:
                    if v.lower[k] in PRONOUNS:
                        return Mention(k, k + 1, "pronoun") if v.lower[k] not in (
                            "it", "which", "who", "that") else None
                    m = name_ending_at(v, k, s0) if v.is_cap(k) else None
                    return m or Mention(max(s0, v.left_edge[k]), k + 1, "phrase")
            if v.dep[h] not in ("conj", "advcl", "xcomp") or v.head[h] == h:
                return None
            h = v.head[h]
        return None

    def _previous_speaker(self, p: int, s0: int) -> Mention | None:
        """The speaker of the nearest cue before token ``p`` in its sentence, if any."""
        v = self.view
        for k in range(p - 1, max(s0, p - 12) - 1, -1):
            if v.quote_of[k] >= 0:
                continue
            if self._is_cue(k) and not v.lower[k].endswith("ing"):
                return mention_before(v, k, s0) or mention_after(v, k, p)
        return None

    def _subject_of(self, s0: int, c: int) -> Mention | None:
        """For ``..., saying ...``: the sentence's subject, at its start or after an opening
        phrase (``In an interview Thursday, the senator criticized ... and said``)."""
        v = self.view
        first = self._after_dateline(self._next(s0), c)
        starts = [first]
        k, stop, relative = first, min(c, first + 15), False
        while k < stop:
            if v.quote_of[k] >= 0 or self._is_cue(k):
                break
            if v.words[k] == ",":
                nxt = self._next(k + 1)
                if nxt < c and v.lower[nxt] in ("which", "where") and not relative:
                    # "In Leeds, which hosts the vote Tuesday, Novak ...": a relative clause
                    # in the opening phrase; the subject follows its comma (15 words more)
                    k, stop, relative = nxt + 1, min(c, nxt + 16), True
                    continue
                starts.append(nxt)
                break
            k += 1
        for i in starts:
            while i < c and v.lower[i] in ("and", "but", "so", "yet", "then"):
                i = self._next(i + 1)
            if i < c:
                m = self._subject_at(i, c)
                if m is not None:
                    return m
        return None

    def _after_dateline(self, first: int, c: int) -> int:
        """Past a dateline opening the sentence (``ORLANDO, Fla. (Reuters) -``, ``Washington
        (AFP) –``): capitalised words, commas and a parenthesis, then a dash."""
        v = self.view
        for k in range(first + 1, min(c, first + 10)):
            w = v.words[k]
            if w in ("—", "–", "-", "--"):
                return self._next(k + 1) if k > first + 1 or v.words[first].isupper() else first
            if not (v.is_cap(k) or w in (",", ".", "(", ")") or w.isspace()):
                break
        return first

    def _subject_at(self, i: int, c: int) -> Mention | None:
        """A pronoun, a name or a short speaker phrase (``the Clinton campaign``) at ``i``."""
        v = self.view
        w = v.lower[i]
        if w in PREPOSITION_OPENERS:
            return None  # "Amid protests, the mayor ...": the subject follows the comma
        if w in PRONOUNS:
            return Mention(i, i + 1, "pronoun") if w not in ("it", "which", "who") else None
        if v.is_cap(i) and w not in DETERMINERS:
            j = i
            while j + 1 < c and v.is_cap(j + 1) and v.quote_of[j + 1] < 0:
                j += 1
            # "Head coach Graham Whitley, ...": a job title, then the name
            k = j + 1
            while k < min(c, j + 4) and v.words[k].islower() and (
                    v.lower[k] in SPEAKER_NOUNS or v.lower[k] in TITLES):
                k += 1
            if j + 1 < k < c and v.is_cap(k) and v.quote_of[k] < 0:
                j = k
                while j + 1 < c and v.is_cap(j + 1) and v.quote_of[j + 1] < 0:
                    j += 1
                return name_ending_at(v, j, k)
            return name_ending_at(v, j, i)
        if w not in DETERMINERS:
            return None
        head = -1
        for k in range(i + 1, min(c, i + 6)):
            lw = v.lower[k]
            if v.quote_of[k] >= 0 or not (v.words[k].isalpha() or v.words[k] in POSSESSIVE):
                break
            if lw in AUX_ADVERBS or lw in CUE_FORMS or lw in NOT_NAMES:
                break
            if lw in SPEAKER_NOUNS or v.is_cap(k):
                head = k
        return Mention(i, head + 1, "phrase") if head > i else None

    def _overlaps_taken(self, start: int, end: int) -> bool:
        return next(self.taken.each_overlapping(start, end), None) is not None

    def _take_in(self, start: int, end: int) -> bool:
        """Make room for a clause ``[start, end)``: False when it overlaps a suggestion it may
        not replace; otherwise the inline direct quotes inside it are dropped."""
        hits = []
        for f in self.taken.each_overlapping(start, end):
            if not (f.inline and start <= f.start and f.end <= end):
                return False
            hits.append(f)
        for f in hits:
            self.taken.remove(f)
        return True

    def _add(self, found: Found) -> None:
        self._take_relative(found)
        self.found.append(found)
        self.taken.add(found)

    def _take_relative(self, found: Found) -> None:
        """``the depot, which Novak called “a disaster”``, ``what Ruiz described as a “new
        era”``, ``what economists call spending``: after a relative "which" or "what" the
        naming is the relative clause's, so the clause is the report and the quote starts at
        the relative (a quotation in it makes the quote mixed)."""
        v, m = self.view, found.mention
        if m is None or found.cue is None or CUE_FORMS.get(found.cue.lower()) not in NAMING_CUES:
            return
        r = self._prev(m.start)
        if r < 0 or v.lower[r] not in ("which", "what") or v.quote_of[r] >= 0:
            return
        k = v.tok_at(found.start)
        # only auxiliaries, the cue and "as" between the speaker and the quote (a few tokens)
        between = [t for t in range(m.end, min(k, m.end + 12)) if not v.words[t].isspace()]
        if not between or len(between) > 5 or k - m.end > 12 or not all(
                v.lower[t] in AUX_ADVERBS or v.lower[t] == "as"
                or CUE_FORMS.get(v.lower[t]) in NAMING_CUES for t in between):
            return
        if self._overlaps_taken(v.starts[r], found.start):
            return
        found.start = v.starts[r]
        if found.kind == "direct":
            found.kind = "mixed"

    def suggestions(self) -> list[Found]:
        """What was suggested and not dropped again, in text order."""
        kept = [f for f in self.found if not f.dropped]
        kept.sort(key=lambda f: f.start)
        return kept

    def _inner_words(self, q: Quotation) -> int:
        return len(self.view.text[q.inner_start : q.inner_end].split())

    def _terminal(self, q: Quotation) -> bool:
        inner = self.view.text[q.inner_start : q.inner_end].rstrip()
        return bool(inner) and inner[-1] in TERMINAL

    def _near(self, end: int, start: int, paragraphs: int = 1) -> bool:
        """True when ``start`` is at most ``paragraphs`` paragraphs after ``end`` (and within
        1,500 characters)."""
        return start - end < 1500 and self.view.text.count("\n\n", end, start) <= paragraphs
