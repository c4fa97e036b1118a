"""Find speaker mentions around a cue and resolve them to a full name.

Without a trained pipeline a mention is one of: a pronoun, a chunk of capitalised
words (``Homeland Security acting secretary Chad Wolf`` yields ``Chad Wolf``), or a
short noun phrase (``the agency``, ``ICE officials``). When NER is present its PERSON
and ORG entities give the chunk boundaries instead.
"""

from __future__ import annotations

import unicodedata
from typing import NamedTuple

from .cues import (
    AUX_ADVERBS,
    CUE_FORMS,
    CUE_NOUNS,
    DETERMINERS,
    NAME_CONNECTORS,
    NOT_NAMES,
    ORG_WORDS,
    PERSON_PRONOUNS,
    PRONOUNS,
    SPEAKER_NOUNS,
    TITLES,
)
from .view import DocView

POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
SUBJECT_TAIL = frozenset({"both", "all", "each", "themselves", "himself", "herself", "since",
                          "too", "ever", "itself", "here", "there"})
TIME_PREPOSITIONS = frozenset({"on", "in", "at", "last", "this", "earlier", "late", "early",
                               "during", "since"})
TIME_NOUNS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                        "sunday", "week", "month", "year", "morning", "afternoon", "evening",
                        "night", "weekend", "january", "february", "march", "april", "may",
                        "june", "july", "august", "september", "october", "november",
                        "december", "spring", "summer", "autumn", "fall", "winter", "time", "past",
                        "today", "yesterday"})
STOP_PUNCT = frozenset({".", "!", "?", ";", ":", "(", ")", "—", "–", "-", "--"})


class Mention(NamedTuple):
    """Tokens ``[start, end)`` naming a source; ``form`` is pronoun, name, phrase or label
    (a job label before a headline colon, resolved to the name given with it later). A tuple:
    the rules make many, and a frozen dataclass costs several times more to create."""

    start: int
    end: int
    form: str


def _name_word(view: DocView, i: int) -> bool:
    return view.is_cap(i) and view.lower[i].rstrip(".") not in NOT_NAMES and view.quote_of[i] < 0


def name_ending_at(view: DocView, j: int, lo: int) -> Mention | None:
    """A capitalised chunk ending at token ``j`` (inclusive), not reaching before ``lo``."""
    if j < lo or not view.is_cap(j) or view.quote_of[j] >= 0:
        return None
    if view.ent_start is not None and view.ent_start[j] >= 0:
        a = max(lo, view.ent_start[j])
        # NER leaves titles out of the entity: "Mr. Haddad", "Sen. Ruiz", "Mayor Okafor"
        while a - 1 >= lo and view.lower[a - 1] in TITLES and view.is_cap(a - 1) \
                and view.quote_of[a - 1] < 0:
            a -= 1
        return Mention(a, j + 1, "name")
    if view.lower[j].rstrip(".") in NOT_NAMES:
        return None
    a = j
    while a - 1 >= lo:
        p = a - 1
        if view.sent_start[a] and not view.is_cap(p):
            break
        if _name_word(view, p) or (view.lower[p] in TITLES and view.is_cap(p)
                                   and view.quote_of[p] < 0):
            a = p
        elif (view.lower[p] in NAME_CONNECTORS and p - 1 >= lo and _name_word(view, p - 1)
              and not view.sent_start[p]):
            a = p - 1
        else:
            break
    return Mention(a, j + 1, "name")


def name_starting_at(view: DocView, i: int, hi: int) -> Mention | None:
    """A capitalised chunk starting at token ``i``, ending before ``hi``."""
    if i >= hi or not view.cap[i] or view.quote_of[i] >= 0:
        return None
    if view.ent_start is not None and view.ent_start[i] >= 0 and view.ent_end is not None:
        return Mention(view.ent_start[i], min(hi, view.ent_end[i]), "name")
    b = name_end(view, i, hi)
    return Mention(i, b, "name") if b >= 0 else None


def name_end(view: DocView, i: int, hi: int) -> int:
    """Without NER: where the capitalised chunk starting at token ``i`` ends (before ``hi``),
    or -1. The entity model asks this of every capitalised word, so it works on locals."""
    cap, lower, quote_of = view.cap, view.lower, view.quote_of
    if i >= hi or not cap[i] or quote_of[i] >= 0:
        return -1
    if lower[i].rstrip(".") in NOT_NAMES and lower[i] not in TITLES:
        return -1
    b = i + 1
    while b < hi:
        lw = lower[b]
        if cap[b] and ((quote_of[b] < 0 and lw.rstrip(".") not in NOT_NAMES)
                       or (lw in TITLES and b + 1 < hi and cap[b + 1])):
            b += 1
        elif lw in NAME_CONNECTORS and lw != "and" and b + 1 < hi and _name_word(view, b + 1):
            b += 2
        else:
            break
    return b


def _phrase_ending_at(view: DocView, j: int, lo: int) -> Mention | None:
    """A short lower-case noun phrase ending at ``j``: ``the agency``, ``ICE officials``."""
    head = view.lower[j]
    if not head.isalpha() or head in NOT_NAMES:
        return None
    if head in CUE_FORMS and not (j - 1 >= lo and (
            view.lower[j - 1] in DETERMINERS or view.words[j - 1] in POSSESSIVE)):
        return None  # ("voters in each state say", "the report says": a noun after "each")
    a = j
    has_det = has_cap = False
    steps = 0
    while a - 1 >= lo and steps < 8:
        p = a - 1
        w = view.lower[p]
        if view.quote_of[p] >= 0:
            break
        if w in DETERMINERS:
            a = p
            has_det = True
            break
        if w in POSSESSIVE:
            a = p
            steps += 1
            continue
        if view.is_cap(p) and w.rstrip(".") not in NOT_NAMES:
            a = p
            has_cap = True
        elif w in NAME_CONNECTORS and w != "the" and p - 1 >= lo and (
                view.is_cap(p - 1) or (w == "and" and view.lower[p - 1].isalpha()
                                       and view.lower[p - 1] not in NOT_NAMES)):
            a = p
        elif w.isalpha() and w.islower() and w not in NOT_NAMES and w not in CUE_FORMS \
                and w not in AUX_ADVERBS and steps < 4:
            a = p
        else:
            break
        steps += 1
        if view.sent_start[a]:
            break
    if has_det or has_cap or head in SPEAKER_NOUNS:
        return Mention(a, j + 1, "phrase")
    return None


OBJECT_PRONOUNS = frozenset({"him", "her", "them", "us", "me", "whom"})
PHRASE_OPENERS = frozenset({"those", "many", "some", "most", "all", "several", "few", "people",
                            "friends", "others", "one", "none", "each", "both", "members"})


def _phrase_back_to_start(view: DocView, j: int, lo: int) -> Mention | None:
    """A short phrase ending in an object pronoun that starts its sentence or follows a comma,
    opening with a quantifier or ``those``: ``Those close to him``, ``many of whom``."""
    k = j
    while k - 1 >= max(lo, j - 7):
        p = k - 1
        if view.words[p] == "," or view.quote_of[p] >= 0:
            break
        if not view.words[p].isalpha() or view.lower[p] in CUE_FORMS:
            return None
        k = p
    at_edge = k == lo or view.words[k - 1] == "," or view.sent_start[k]
    if k < j and at_edge and view.lower[k] in PHRASE_OPENERS:
        return Mention(k, j + 1, "phrase")
    return None


def relative_antecedent(view: DocView, mention: Mention) -> Mention | None:
    """``farmers, many of whom say``: who the relative phrase is about, the name or the noun
    (with its determiner) right before the comma; None when the mention is no such phrase.
    (``parents, who said`` is left to the nearest person: tried on PolNeAR, a noun before
    ``, who`` was more often not the speaker.)"""
    if view.lower[mention.end - 1] != "whom":
        return None
    p = mention.start - 1
    while p >= 0 and view.words[p].isspace() and not view.newline[p]:
        p -= 1
    j = p - 1
    if p < 1 or view.words[p] != "," or view.quote_of[j] >= 0:
        return None
    lo = j
    while lo > max(0, j - 25) and not view.sent_start[lo]:
        lo -= 1
    if view.is_cap(j):
        return name_ending_at(view, j, lo)
    w = view.lower[j]
    if not view.words[j].isalpha() or w in NOT_NAMES or w in CUE_FORMS or w in OBJECT_PRONOUNS:
        return None
    # "the night staff": back to a determiner over at most two words, else the noun alone
    for a in range(j - 1, max(lo, j - 3) - 1, -1):
        if view.lower[a] in DETERMINERS:
            return Mention(a, j + 1, "phrase")
        if not view.words[a].isalpha() or view.lower[a] in CUE_FORMS \
                or view.lower[a].endswith("ed"):  # "angered farmers": a verb, not a modifier
            break
    return Mention(j, j + 1, "phrase")


def _word_hyphen(view: DocView, k: int) -> bool:
    """A hyphen inside a word (``non-profit``), not a dash between phrases."""
    return (view.words[k] == "-" and 0 < k < len(view.words) - 1
            and view.starts[k] == view.ends[k - 1] and view.ends[k] == view.starts[k + 1])


def symbol(word: str) -> bool:
    """An emoji or another symbol token (``🎉``): no letters, digits or punctuation."""
    return bool(word) and all(unicodedata.category(ch)[0] in "SC" or ch in "\u200d\ufe0f"
                              for ch in word) and word not in STOP_PUNCT


def _time_phrase_start(view: DocView, j: int, lo: int) -> int | None:
    """``on Tuesday``, ``in 2010``, ``last week`` ending at token ``j``: where it starts."""
    w = view.lower[j]
    if not (w in TIME_NOUNS or w.isdigit()):
        return None
    for k in range(j - 1, max(lo, j - 3) - 1, -1):
        if view.lower[k] in TIME_PREPOSITIONS:
            if view.lower[k] == "in" and k - 1 >= lo and _number(view, k - 1):
                return None  # "three in 10 said": a share of people, not a year
            return k
        if not (view.lower[k] in TIME_NOUNS or view.lower[k].isdigit() or view.is_cap(k)
                or view.lower[k] in (",", "the")):
            return None
    return None


def skip_to_subject(view: DocView, cue: int, lo: int) -> int:
    """The last token of the subject before the cue at ``cue``: past adverbs, auxiliaries,
    ``both``, symbols and a short time phrase (``Novak on Tuesday said``)."""
    j = cue - 1
    while j >= lo:
        w = view.lower[j]
        if w in AUX_ADVERBS or w in SUBJECT_TAIL or view.words[j].isspace() or symbol(w) or (
                w.endswith("ly") and len(w) > 4 and view.words[j].islower()) or (
                w in ("'s", "’s") and j - 1 >= lo and view.lower[j - 1] in PRONOUNS):
            j -= 1  # ("She's said": "has")
            continue
        t = _time_phrase_start(view, j, lo)
        if t is not None and t > lo:
            j = t - 1
            continue
        break
    return j


def mention_before(view: DocView, cue: int, lo: int) -> Mention | None:
    """The speaker named just before the cue at token ``cue``, skipping adverbs and auxiliaries."""
    j = skip_to_subject(view, cue, lo)
    if j >= lo and view.words[j] == ")":
        # "Rep. Dana Whitfield (D-Ore.) said": skip a short parenthesis after the name (a
        # period inside it too: "(I-Ida.)" is split into "Ida" and ".")
        k = j - 1
        while k >= max(lo, j - 8) and view.words[k] not in ("(", ")", ","):
            k -= 1
        if k >= lo + 1 and view.words[k] == "(":
            j = k - 1
            while j >= lo and view.words[j].isspace():
                j -= 1
    if j < lo or view.quote_of[j] >= 0:
        return None
    w = view.lower[j]
    if w in PRONOUNS:
        return Mention(j, j + 1, "pronoun")
    if w in OBJECT_PRONOUNS:
        # "Those close to him say", "..., many of whom say": the phrase the pronoun ends
        return _phrase_back_to_start(view, j, lo)
    if w == ",":
        share = _quantity_ending_at(view, j - 1, lo) if j - 1 >= lo else None
        if share is not None:
            return share  # "A third of independents, 33%, say": the share in the appositive
        # "Smith, a spokeswoman for the agency, said": the name sits before the first comma.
        c = j - 1
        place = None  # the preposition before "Monsey, New York," when there is one
        while c >= max(lo, j - 25):
            cw = view.words[c]
            if view.quote_of[c] >= 0 or (cw in STOP_PUNCT and not _word_hyphen(view, c)):
                break
            if cw == ",":
                outer = name_ending_at(view, c - 1, lo)
                if outer is not None and outer.start - 1 >= lo and view.lower[
                        outer.start - 1] in PLACE_PREPOSITIONS:
                    place = outer.start - 1
                    c -= 1  # "a philanthropist from Monsey, New York, said": a city, a state
                    continue
                inner = name_ending_at(view, j - 1, c + 1)
                if inner is not None and inner.start == c + 1 and (
                        outer is None or outer.end - outer.start < 2
                        or view.lower[c - 1] in TITLES or view.lower[c - 1] in SPEAKER_NOUNS):
                    return inner  # "The union's president, Gary Lutz, said"
                # ("Michele Bachmann, Republican of Minnesota, told": the name comes first)
                if c - 2 >= lo and view.words[c - 1].isdigit() and view.words[c - 2] == ",":
                    c -= 2  # "Jillian Chase, 27, a nurse in Leeds, said": past the age
                m = name_ending_at(view, c - 1, lo) or _phrase_ending_at(view, c - 1, lo)
                if m is None and c - 1 >= lo and view.lower[c - 1] in PERSON_PRONOUNS:
                    m = Mention(c - 1, c, "pronoun")
                return m
            c -= 1
        if place is not None and place - 1 >= lo:
            # "after a woman in Eastgate, Riverton, told him": no comma before the place, so
            # the phrase right before its preposition is the speaker
            return _phrase_ending_at(view, place - 1, lo)
        return None
    quantity = _quantity_ending_at(view, j, lo)
    if quantity is not None:
        return quantity
    if view.is_cap(j):
        m = name_ending_at(view, j, lo)
        if m is not None:
            return _person_before_org(view, m, lo) or m
    m = _phrase_ending_at(view, j, lo)
    # the subject opens the sentence, or the main clause after an opening phrase ("At times
    # last year, people close to the mayor said")
    comma = next((t for t in range(j - 1, max(lo, j - SUBJECT_WORDS - RELATIVE_WORDS) - 1, -1)
                  if view.words[t] == ","), None)
    opening = _opening_subject(view, j, lo if comma is None else comma + 1)
    # "Some advocates for the new depot said": the whole opening phrase, not its last part
    return opening if opening is not None and (m is None or opening.start < m.start) else m


# words that may open a sentence before its subject: "But security specialists say"
SUBJECT_OPENERS = frozenset({"but", "and", "so", "yet", "still", "indeed", "however", "now",
                             "instead", "meanwhile", "separately"})
# words inside a noun phrase that link its head to what qualifies it: "advocates for reform"
PHRASE_LINKS = frozenset({"of", "for", "in", "from", "at", "with", "on", "and", "across",
                          "over", "privy", "to", "familiar", "close"})
RELATIVES = frozenset({"who", "whose", "that", "whom"})
SUBJECT_WORDS = 10  # an opening noun phrase longer than this is not one subject
RELATIVE_WORDS = 10  # nor is a relative clause after it longer than this


def _opening_subject(view: DocView, j: int, lo: int) -> Mention | None:
    """``Security specialists say``, ``Some advocates for stem cell research said``,
    ``Almost half of respondents said``, ``Democrats in Iowa who watched the debate said``: the
    noun phrase that opens the sentence (perhaps after ``But``) and runs up to the cue is its
    subject, with any relative clause after it; the mention is the phrase without the
    relative clause. Any finite verb, cue, comma or subordinating word before the relative
    clause means the words are a clause, not a subject."""
    k = lo
    while k < j and (view.words[k].isspace() or view.lower[k] in SUBJECT_OPENERS
                     or view.words[k] == ","):
        k += 1
    if k > j or view.quote_of[k] >= 0 or j - k > 2 * (SUBJECT_WORDS + RELATIVE_WORDS):
        return None  # (also keeps the scan bounded in a sentence without an end)
    rel = next((t for t in range(k + 1, j + 1) if view.lower[t] in RELATIVES), None)
    head_end = rel if rel is not None else j + 1
    if view.lower[k] in PHRASE_LINKS or view.lower[k] in TIME_PREPOSITIONS or view.lower[k] in (
            "within", "amid", "following", "among", "throughout", "toward", "towards"):
        return None  # "In a turn ...", "Within half an hour ...": an opening phrase
    words = 0
    prev = ""
    for t in range(k, head_end):
        w = view.lower[t]
        if view.words[t].isspace() or w in POSSESSIVE or _word_hyphen(view, t):
            prev = w if w == "-" else prev
            continue
        words += 1
        if view.quote_of[t] >= 0 or _not_in_noun_phrase(view.words[t], w, prev, words, view.lower[
                t + 1] if t + 1 < len(view.words) else ""):
            return None
        prev = w
    head = head_end - 1
    while head > k and view.words[head].isspace():
        head -= 1
    last = view.lower[head]
    if words > SUBJECT_WORDS or last in PHRASE_LINKS or last in DETERMINERS \
            or not view.words[head].isalnum():
        return None
    if rel is not None:
        clause = [t for t in range(rel, j + 1) if not view.words[t].isspace()]
        if len(clause) > RELATIVE_WORDS or any(
                view.quote_of[t] >= 0 or view.words[t] in (",", ";", ":") for t in clause):
            return None
    elif view.lower[k] not in DETERMINERS and not view.is_cap(k):
        # a bare phrase speaks only as a plural: "hacking specialists say", "people close to
        # the mayor said" (the noun before the first link word is its head)
        noun = next((t - 1 for t in range(k + 1, head + 1) if view.lower[t] in PHRASE_LINKS),
                    head)
        if not (view.lower[noun].endswith("s") or view.lower[noun] in SPEAKER_NOUNS) or (
                words < 2):
            return None
    return Mention(k, head + 1, "phrase")


def _not_in_noun_phrase(word: str, w: str, prev: str, nth: int, nxt: str) -> bool:
    """A word that makes the words before a cue a clause rather than its subject: an
    auxiliary or reporting verb, an adverb, a subordinating word (``The documents included 44 ...``:
    a word in -ed after a noun is a verb, unless a time or ``by`` follows it, ``A report
    published Wednesday``, or it ends a compound, ``self-described``). A capital inside the
    phrase is a name (``the planning for Thursday's meeting``); a cue word that is also a
    common noun, or comes right after a determiner, is a noun (``A news report``)."""
    if word[:1].isupper() and nth > 1:
        return False
    if not (word.isalnum() or w.endswith("%")) or w in AUX_ADVERBS or w.endswith("ly") or (
            w in CUE_FORMS and w not in CUE_NOUNS and prev not in DETERMINERS and prev != "-"):
        return True
    if w in NOT_NAMES and w not in PHRASE_LINKS and w not in DETERMINERS \
            and w not in QUANTITY_LEADS and not _quantity_word(w):
        return True
    return w.endswith("ed") and nth > 1 and prev not in DETERMINERS and prev != "-" \
        and nxt not in TIME_NOUNS and nxt != "by"


def _quantity_word(w: str) -> bool:
    """A share or a count: ``half``, ``most``, ``a third``, ``nine``."""
    return w in QUANTIFIER_SUBJECTS or w in NUMBER_WORDS or w[:1].isdigit()


NUMBER_WORDS = frozenset({"one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
                          "ten", "eleven", "twelve", "twenty", "thirty", "forty", "fifty",
                          "sixty", "seventy", "eighty", "ninety", "half", "two-thirds",
                          "one-third", "a third", "three-quarters"})
QUANTITY_LEADS = frozenset({"about", "nearly", "almost", "only", "roughly", "just", "around",
                            "over", "some", "than", "more", "fewer", "less", "at", "least"})
# a quantifier alone as the subject: "many said Monday that ...", "others have said ..."
QUANTIFIER_SUBJECTS = frozenset({"many", "most", "some", "others", "another", "several", "few",
                                 "all", "half", "third", "quarter", "thirds", "fourths",
                                 "quarters", "majority", "majorities", "minority"})


def _number(view: DocView, k: int) -> bool:
    w = view.lower[k]
    return w[:1].isdigit() or w in NUMBER_WORDS or w.split("-")[0] in NUMBER_WORDS


def _quantity_ending_at(view: DocView, j: int, lo: int) -> Mention | None:
    """Poll answers: ``46 percent said``, ``About three in 10 say``, ``Sixty-six percent said``,
    and a quantifier alone as the subject (``while many said``, ``others have said``)."""
    w = view.lower[j]
    a = None
    if w in ("percent", "%") and j - 1 >= lo and _number(view, j - 1):
        a = j - 1
    elif w[:1].isdigit() and w.endswith("%"):
        a = j
    elif _number(view, j) and j - 2 >= lo and view.lower[j - 1] == "in" and _number(view, j - 2):
        a = j - 2  # "six in 10"
    elif _number(view, j) and j - 3 >= lo and view.lower[j - 2 : j] == ["out", "of"] \
            and _number(view, j - 3):
        a = j - 3  # "nine out of 10"
    elif w in QUANTIFIER_SUBJECTS and view.quote_of[j] < 0:
        p = j - 1
        while p >= lo and (view.words[p].isspace() or view.lower[p] in QUANTITY_LEADS
                           or view.lower[p] in ("a", "the")):
            p -= 1  # "Nearly half said", "and a third said"
        first = p + 1
        while view.words[first].isspace():
            first += 1
        if p < lo or view.sent_start[first] or view.words[p] == "," or view.lower[p] in (
                "and", "but", "while", "whereas"):
            return Mention(first, j + 1, "phrase")
        return None
    if a is None:
        return None
    while a - 1 >= lo and view.lower[a - 1] in QUANTITY_LEADS:
        a -= 1
    return Mention(a, j + 1, "phrase")


ORG_LINKS = frozenset({"of", "at", "from"})
PLACE_PREPOSITIONS = frozenset({"from", "in", "of", "near", "outside"})


def _person_before_org(view: DocView, m: Mention, lo: int) -> Mention | None:
    """``Professor Ian Mullins of the University of Bristol said``: the person, not the place
    where they work. Only a capitalised chunk with no organisation word counts as a person."""
    k = m.start - 1
    if k >= lo and view.lower[k] == "the":
        k -= 1
    if k - 1 < lo or view.lower[k] not in ORG_LINKS or view.quote_of[k] >= 0:
        return None
    person = name_ending_at(view, k - 1, lo)
    if person is None or person.end - person.start < 2 or any(
            view.lower[t] in ORG_WORDS for t in range(person.start, person.end)):
        return None
    return person


def mention_after(view: DocView, cue: int, hi: int) -> Mention | None:
    """The speaker named just after the cue (``said Jane Doe, a spokeswoman``)."""
    i = cue + 1
    while i < hi and (view.words[i].isspace() or view.lower[i] in ("also", "then")):
        i += 1
    if i >= hi or view.quote_of[i] >= 0:
        return None
    w = view.lower[i]
    if w in PRONOUNS and w not in ("it", "which", "who"):
        return Mention(i, i + 1, "pronoun")
    if view.is_cap(i):
        m = name_starting_at(view, i, hi)
        if m is not None:
            return m
    if w not in DETERMINERS and view.words[i].isalpha() and view.words[i].islower():
        # "said retired neurosurgeon Ben Carson": a lower-case description, then the name
        k = i + 1
        while k < min(hi, i + 4) and view.words[k].isalpha() and view.words[k].islower() \
                and view.lower[k] not in CUE_FORMS and view.lower[k] not in NOT_NAMES:
            k += 1
        if k < hi and k - i <= 3 and view.is_cap(k):
            m = name_starting_at(view, k, hi)
            if m is not None and m.end - m.start >= 2:
                return m
        m = _name_ending_description(view, i, hi)
        if m is not None:
            return m
    if w in DETERMINERS or w in SPEAKER_NOUNS or view.is_cap(i):
        b = i + 1
        while b < hi and b - i < 7:
            bw = view.words[b]
            if not (bw.isalpha() or bw in POSSESSIVE or bw[:1].isupper() or bw == "-"):
                break
            if view.lower[b] in ("that", "who", "which", "to", "said", "says", "told"):
                break
            if view.lower[b] in AUX_ADVERBS or (bw.endswith("ly") and bw.islower()):
                return None  # "said the election rarely came up": a clause, not a speaker
            b += 1
        if b + 1 < hi and view.words[b] == ",":
            named = name_starting_at(view, b + 1, hi)
            if named is not None:
                return named  # "said the Swiss mediator, Ines Baumann"
        if b - i >= 2 or w in SPEAKER_NOUNS:
            return Mention(i, b, "phrase")
    return None


DESCRIPTION_TOKENS = 9  # "former Pennsylvania governor Ed Rendell": words before the name


def _name_ending_description(view: DocView, i: int, hi: int) -> Mention | None:
    """``said former Pennsylvania governor Ed Rendell, who ...``, ``said lobbyist and GOP
    strategist Charlie Black,``: a description mixing lower-case and capitalised words, then
    the person's name (two words or more) where the phrase ends."""
    k = i
    while k < min(hi, i + DESCRIPTION_TOKENS):
        w = view.lower[k]
        if view.quote_of[k] >= 0 or not (view.words[k].isalpha() or w in POSSESSIVE
                                         or _word_hyphen(view, k)
                                         or (w.endswith(".") and len(w) > 1)):
            break
        if w in CUE_FORMS or (w in NOT_NAMES and w not in ("and", "of")):
            return None
        k += 1
    if k == i or (k < hi and view.words[k] not in (",", ".", "(", ";") and view.lower[k] != "who"):
        return None
    m = name_ending_at(view, k - 1, i + 1)
    if m is None or m.end - m.start < 2 or view.lower[m.start] in TITLES and m.end - m.start < 3:
        return None
    return m


LABEL_REACH = 400  # tokens searched for the name behind a headline job label


def _canonical(view: DocView, start: int, end: int) -> str:
    """The text of a name without leading titles or a trailing possessive.

    ``Mr. Netanyahu's`` -> ``Netanyahu``; the text is sliced, not re-joined, so
    ``the field's hawks`` keeps its spacing.
    """
    while end - start > 1 and view.lower[start] in TITLES:
        start += 1
    while end - start > 1 and view.words[end - 1] in POSSESSIVE:
        end -= 1
    return " ".join(view.text[view.starts[start] : view.ends[end - 1]].split())


def named_later(view: DocView, mention: Mention) -> str:
    """``Health minister: ‘…’`` then ``The health minister, Nadia Rahman, …``: the name that
    follows the same job label (after a comma or directly) further down, else the label."""
    label = view.lower[mention.start : mention.end]
    size = len(label)
    n = len(view)
    for k in range(mention.end, min(n - size, mention.end + LABEL_REACH)):
        if view.lower[k : k + size] != label or view.quote_of[k] >= 0:
            continue
        j = k + size
        if j < n and view.words[j] == ",":
            j += 1
        while j < n and view.words[j].isspace() and not view.newline[j]:
            j += 1
        m = name_starting_at(view, j, n)
        if m is not None and m.end - m.start >= 2:
            return _canonical(view, m.start, m.end)
    return _canonical(view, mention.start, mention.end)
