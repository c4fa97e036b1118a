"""Who the article is about: a small mention-and-entity model that resolves speakers.

A careful reader keeps a list of the people and organisations an article introduces, in
order, with the full name, any title and, where the text shows it, the gender. A later
mention of the same entity (a surname, ``Mr. Novak``, ``he``, ``the spokesman``) is matched
against that list, never against an outlet, a byline, a place or part of a title. The model
is built in one pass over the document and queried in text order, so its cost is linear.

- **entities** come from capitalised chunks outside quotations: a title compound splits into
  its title and the person (``Riverside MP Jan Novak`` -> ``Jan Novak``, title
  ``Riverside MP``); a chunk with an organisation word is an organisation; a chunk after a
  place preposition (``in New York``), in a dateline or a byline is set aside;
- **gender** comes from honorifics (``Mr.``, ``Ms.``), gendered job words (``spokeswoman``)
  and from ``he``/``his``/``she``/``her`` used in the same sentence after the name;
- **roles** come from an appositive (``Jan Novak, a spokesman for the port, said``) or a
  lower-case title before the name (``spokesman Joe Bloggs``), so ``the spokesman`` resolves;
- **resolution**: a name to the entity with that name or surname; ``he``/``she`` to the most
  recent compatible person who was a subject or a speaker in the last paragraphs, else the
  most recent compatible person; ``they`` to the latest organisation or group that spoke.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import compress
from operator import or_
from typing import NamedTuple

from .cues import DETERMINERS, NOT_NAMES, ORG_WORDS, SPEAKER_NOUNS, TITLES
from .given_names import given_name_gender
from .speakers import POSSESSIVE, Mention, name_end, name_starting_at, relative_antecedent
from .view import DocView

MALE = frozenset({"mr.", "mr", "sir", "lord", "king", "prince", "father", "brother", "uncle"})
FEMALE = frozenset({"mrs.", "mrs", "ms.", "ms", "miss", "dame", "baroness", "lady", "queen",
                    "princess", "mother", "sister", "aunt"})
MALE_WORDS = frozenset({"spokesman", "chairman", "congressman", "councilman", "businessman",
                        "assemblyman", "alderman", "husband", "son", "actor", "boy", "man",
                        "father", "grandfather", "brother", "nephew"})
FEMALE_WORDS = frozenset({"spokeswoman", "chairwoman", "congresswoman", "councilwoman",
                          "businesswoman", "assemblywoman", "wife", "daughter", "actress",
                          "girl", "woman", "mother", "grandmother", "sister", "niece"})
# title words that say nothing of a speaker's type on their own (``Mr.``, ``Former``)
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "mx", "sir", "dame", "lady", "lord", "former",
                        "acting", "interim", "state", "u.s", "vice", "prime", "deputy"})
HE = frozenset({"he", "his", "him", "himself"})
SHE = frozenset({"she", "her", "hers", "herself"})
# short upper-case job words inside a capitalised chunk: "Riverside MP Jan Novak"
TITLE_ABBREVIATIONS = frozenset({"mp", "mep", "msp", "mla", "mpp", "td", "ceo", "cfo", "coo",
                                 "cto", "gm", "md", "qc", "kc", "ag", "da"})
PLACE_BEFORE = frozenset({"in", "at", "near", "across", "into", "outside", "toward",
                          "towards", "throughout", "around"})
ROLE_STOP = frozenset({",", ".", ";", ":", "(", ")", "—", "–", "said", "says", "told"})
WINDOW_TOKENS = 400  # how far back a pronoun looks for a subject before taking any person


@dataclass
class Entity:
    """A person or an organisation the article introduces."""

    name: str
    kind: str  # "person" or "org"
    first: int  # token of the first mention
    title: str | None = None
    gender: str | None = None  # "m" or "f" where the text shows it
    roles: set[str] = field(default_factory=set)

    @property
    def type_hint(self) -> str | None:
        """The title as a hint of the speaker's type (``Riverside MP``, ``Finance director``);
        an honorific or a modifier alone (``Mr.``, ``Former``) says nothing about it."""
        if self.kind != "person" or not self.title:
            return None
        if all(w.lower().rstrip(".") in HONORIFICS for w in self.title.split()):
            return None
        return self.title

    @property
    def surname(self) -> str:
        return self.name.split()[-1].lower() if self.name else ""


class NameMention(NamedTuple):
    """Tokens ``[start, end)`` of a name in the text, with the entity it belongs to (a tuple:
    the model makes one per capitalised chunk, and a frozen dataclass costs several times
    more to create)."""

    start: int
    end: int
    entity: int


def is_title_word(view: DocView, k: int) -> bool:
    low = view.lower[k]
    return low in TITLES or (low.rstrip(".") in TITLE_ABBREVIATIONS and view.words[k].isupper())


def split_title(view: DocView, start: int, end: int) -> tuple[int, int | None]:
    """Where the person's name starts inside ``[start, end)``, and where the title ended
    (``Riverside MP Jan Novak`` -> the name starts at ``Jan``). A chunk that is all title
    (``Mayor``) keeps its last word."""
    last_title = None
    for k in range(start, end - 1):
        if is_title_word(view, k):
            last_title = k
    if last_title is None:
        return start, None
    return last_title + 1, last_title + 1


def canonical(view: DocView, start: int, end: int) -> str:
    """The text of ``[start, end)`` without a trailing possessive, spacing normalised."""
    while end - start > 1 and view.words[end - 1] in POSSESSIVE:
        end -= 1
    return " ".join(view.text[view.starts[start] : view.ends[end - 1]].split())


@dataclass(frozen=True, slots=True)
class ChunkShape:
    """What a capitalised chunk of ``size`` tokens says by its words alone: a surname to look
    up, or the entity's name, title and honorific (neither: not a name)."""

    size: int
    surname: str | None = None
    name: str | None = None
    title: str | None = None
    titled: bool = False
    honorific: str | None = None
    is_org: bool = False


def _chunk_shape(v: DocView, start: int, end: int) -> ChunkShape:
    size = end - start
    name_start, title_end = split_title(v, start, end)
    words = v.lower[name_start:end]
    honorific = next((w for w in v.lower[start:end] if w in MALE or w in FEMALE), None)
    is_org = any(w.rstrip(".") in ORG_WORDS for w in words) or (
        end - start == 1 and v.words[start].isupper() and len(v.words[start]) > 1)
    if is_org:
        name_start, title_end = start, None  # "State Department" keeps its first word
    if end - name_start < 2 and title_end is None and not is_org:
        # a lone capitalised word: a surname of someone already known, else nothing
        return ChunkShape(size, surname=canonical(v, start, end).lower())
    name = canonical(v, name_start, end)
    if not name or not name[:1].isupper():
        return ChunkShape(size)
    title = canonical(v, start, title_end) if title_end is not None else None
    return ChunkShape(size, name=name, title=title, titled=title_end is not None,
                      honorific=honorific, is_org=is_org)


SHAPES_KEPT = 50_000
"""Distinct chunks whose shape is kept across documents (:data:`_SHAPES`): a few MB at most."""

# A chunk's shape by its text and its tokens, which are all it depends on, kept across
# documents: the same names recur from article to article, and working a shape out again
# for every short article was a fixed cost of each call. Cleared whole when full.
_SHAPES: dict[tuple[str, tuple[str, ...]], ChunkShape] = {}


class EntityModel:
    """The people and organisations of one document and the resolution of speaker mentions."""

    def __init__(self, view: DocView) -> None:
        self.view = view
        self.entities: list[Entity] = []
        self.mentions: list[NameMention] = []
        self._by_name: dict[str, int] = {}
        self._by_surname: dict[str, int] = {}
        self._breaks = view.breaks  # paragraph ends
        self._collect()

    def _paragraph_start(self, tok: int) -> int:
        k = bisect_right(self._breaks, tok - 1)
        return self._breaks[k - 1] + 1 if k else 0

    # -- building -------------------------------------------------------------------------

    def _byline(self, start: int) -> bool:
        """``By Jane Smith`` opening a line: the writer, never a speaker."""
        v = self.view
        p = start - 1
        while p >= 0 and v.words[p].isspace() and not v.newline[p]:
            p -= 1
        return p >= 0 and v.lower[p] == "by" and (p == 0 or v.newline[p - 1] or v.sent_start[p])

    def _place(self, start: int) -> bool:
        """``in New York``: a chunk after a place preposition is more often a place."""
        p = start - 1
        while p >= 0 and self.view.words[p].isspace() and not self.view.newline[p]:
            p -= 1
        return p >= 0 and self.view.lower[p] in PLACE_BEFORE

    def _collect(self) -> None:
        v = self.view
        n = len(v)
        # only capitalised words and gendered pronouns matter: visit those, not every token
        gendered = HE | SHE
        candidates = compress(range(n), map(or_, v.cap, map(gendered.__contains__, v.lower)))
        ner = v.ent_start is not None
        pending: int | None = None  # the person named last in this sentence, for his/her
        pending_until = -1  # where that sentence ends
        done = 0
        quote_of, lower, cap, entities = v.quote_of, v.lower, v.cap, self.entities
        for i in candidates:
            if i < done or quote_of[i] >= 0:
                continue
            low = lower[i]
            if low in gendered:
                if pending is not None and i < pending_until:
                    ent = entities[pending]
                    if ent.gender is None:
                        ent.gender = "m" if low in HE else "f"
                pending = None
                if not cap[i]:
                    continue
            if low.rstrip(".") not in NOT_NAMES or low in TITLES:
                if ner:
                    m = name_starting_at(v, i, n)
                    start, end = (m.start, m.end) if m is not None else (i, i)
                else:
                    start, end = i, name_end(v, i, n)
                if end > start:
                    e = self._add_chunk(start, end)
                    possessive = end < n and v.words[end] in POSSESSIVE
                    if e is not None and entities[e].kind == "person" and not possessive:
                        pending, pending_until = e, v.sent_end[start]
                    done = end

    def _add_chunk(self, start: int, end: int) -> int | None:
        v = self.view
        if end - start == 1 and not (v.words[start].isupper() and len(v.words[start]) > 1) \
                and v.lower[start] not in TITLES:
            # a lone capitalised word (most are sentence starts): the surname of someone
            # already known, else nothing (one token is its own canonical form)
            return self._surname_mention(start, end, v.lower[start])
        # what a longer chunk's own words decide is worked out once per distinct chunk: most
        # names recur, and only the context (byline, place, roles) differs between mentions
        key = (v.text[v.starts[start] : v.ends[end - 1]], tuple(v.words[start:end]))
        shape = _SHAPES.get(key)
        if shape is None:
            if len(_SHAPES) >= SHAPES_KEPT:
                _SHAPES.clear()
            shape = _SHAPES[key] = _chunk_shape(v, start, end)
        if self._byline(start):
            return None
        if shape.surname is not None:
            return self._surname_mention(start, end, shape.surname)
        if shape.name is None:
            return None
        kind = "org" if shape.is_org else "place" if self._place(start) and not shape.titled \
            else "person"
        e = self._entity(shape.name, kind, start)
        ent = self.entities[e]
        if shape.title and not ent.title:
            ent.title = shape.title
        elif ent.title is None and kind == "person":
            ent.title = self._job_before(start)
        if shape.honorific and ent.gender is None:
            ent.gender = "m" if shape.honorific in MALE else "f"
        self._roles(e, start, end)
        if ent.gender is None and ent.kind == "person" and " " in ent.name:
            # "Maria Okafor ... he said" is not her: a common given name shows the gender
            # before the text does (honorifics and job words above win)
            ent.gender = given_name_gender(ent.name.split()[0])
        self._mention(start, end, e)
        return e

    def _surname_mention(self, start: int, end: int, surname: str) -> int | None:
        e = self._by_surname.get(surname)
        if e is not None:
            self._mention(start, end, e)
        return e

    def _entity(self, name: str, kind: str, start: int) -> int:
        key = name.lower()
        if key in self._by_name:
            return self._by_name[key]
        surname = key.split()[-1]
        known = self._by_surname.get(surname)
        if known is not None and len(key.split()) == 1:
            return known  # "Mr. Novak" after "Jan Novak"
        self.entities.append(Entity(name, kind, start))
        e = len(self.entities) - 1
        self._by_name[key] = e
        if kind == "person":
            self._by_surname[surname] = e
        return e

    def _job_before(self, start: int) -> str | None:
        """``Acme director Li Wei``, ``spokesman Joe Bloggs``: the lower-case job words right
        before a name, with the capitalised words that qualify them, as the person's title."""
        v = self.view
        a = start
        while a > max(0, start - 3) and not v.sent_start[a] and v.words[a - 1].islower() and (
                v.lower[a - 1] in TITLES or v.lower[a - 1] in SPEAKER_NOUNS):
            a -= 1
        if a == start:
            return None
        job = a
        while a > max(0, job - 3) and not v.sent_start[a] and v.cap[a - 1] \
                and v.quote_of[a - 1] < 0 and v.lower[a - 1].rstrip(".") not in NOT_NAMES \
                and not v.newline[a - 1]:
            a -= 1
        return canonical(v, a, start)

    def _roles(self, e: int, start: int, end: int) -> None:
        """``Jan Novak, a spokesman for the port,`` / ``spokesman Joe Bloggs``: job words."""
        v = self.view
        words, lower = v.words, v.lower
        found = [lower[k] for k in range(max(0, start - 3), start)
                 if words[k].islower() and words[k].isalpha()]
        if end < len(words) and words[end] == ",":
            for j in range(end + 1, min(len(words), end + 10)):
                if lower[j] in ROLE_STOP or v.quote_of[j] >= 0:
                    break
                if words[j].islower() and words[j].isalpha():
                    found.append(lower[j])
        if found:
            ent = self.entities[e]
            ent.roles.update(found)
            for word in found:
                if ent.gender is not None:
                    break
                if word in MALE_WORDS:
                    ent.gender = "m"
                elif word in FEMALE_WORDS:
                    ent.gender = "f"

    def _mention(self, start: int, end: int, e: int) -> None:
        self.mentions.append(NameMention(start, end, e))

    def _is_subject(self, pos: int, subject: bool | None) -> bool:
        """A speaker (``True``), or a name that is the subject of its sentence."""
        return subject if subject is not None else self._subject(pos)

    def _subject(self, start: int) -> bool:
        """A name that opens its sentence, perhaps after a title or a job
        (``Finance director Lena Park defended ...``), or follows ``and``/``but``."""
        v = self.view
        k = start
        for _step in range(6):
            if v.sent_start[k]:
                return True
            p = k - 1
            if p < 0 or v.newline[p]:
                return True
            w = v.lower[p]
            if w in ("and", "but") or (w == "," and k == start):
                return True
            if not (v.is_cap(p) or w in TITLES or w in SPEAKER_NOUNS or w in DETERMINERS
                    or w in POSSESSIVE or w.isspace()):
                return False
            k = p
        return False

    # -- resolving ------------------------------------------------------------------------

    def resolve(self, queries: Iterable[tuple[int, Mention]]
                ) -> dict[int, tuple[str | None, str | None]]:
        """Resolve ``(key, mention)`` pairs, in text order of the mentions, to a name and the
        title the article gives that person (``Riverside MP``, the speaker type hint), if any.

        One sweep: the name mentions before each query are taken in as the sweep passes
        them, and each resolved speaker counts as a mention of its entity (a speaker is the
        likeliest antecedent of the next ``he``)."""
        out: dict[int, tuple[str | None, str | None]] = {}
        ordered = sorted(queries, key=lambda q: q[1].start)
        # (token, entity, a speaker: True; a name: None, whether it is a subject is asked
        # only of the few names a pronoun looks at)
        recent: list[tuple[int, int, bool | None]] = []
        last_speaker_group: str | None = None
        self._seen_surname: dict[str, int] = {}  # surname -> latest person named so far
        k = 0
        for key, mention in ordered:
            while k < len(self.mentions) and self.mentions[k].start < mention.start:
                m = self.mentions[k]
                recent.append((m.start, m.entity, None))
                if self.entities[m.entity].kind == "person":
                    self._seen_surname[self.entities[m.entity].surname] = m.entity
                k += 1
            if len(recent) > 64:
                del recent[:-64]
            name, entity = self._resolve_one(mention, recent, last_speaker_group)
            out[key] = (name, self.entities[entity].type_hint if entity is not None else None)
            if entity is not None:
                recent.append((mention.start, entity, True))
                if self.entities[entity].kind == "org":
                    last_speaker_group = self.entities[entity].name
            elif name and mention.form == "phrase":
                last_speaker_group = name
        return out

    def _resolve_one(self, mention: Mention, recent: list[tuple[int, int, bool | None]],
                     group: str | None) -> tuple[str | None, int | None]:
        v = self.view
        first = v.lower[mention.start]
        if mention.form == "pronoun":
            if first in ("he", "she", "i", "who"):
                gender = "m" if first == "he" else "f" if first == "she" else None
                # "Smith, who said ...": the nearest person, subject or not
                e = self._antecedent(mention.start, recent, gender, nearest=first == "who")
                if e is not None and gender and self.entities[e].gender is None:
                    self.entities[e].gender = gender
                return (self.entities[e].name, e) if e is not None else (None, None)
            if first in ("they", "we", "it", "which"):
                for _tok, e, _subj in reversed(recent):
                    if self.entities[e].kind == "org":
                        return self.entities[e].name, e
                return group, None
            return None, None
        if mention.form == "phrase":
            antecedent = relative_antecedent(v, mention)
            if antecedent is not None:
                return self._resolve_one(antecedent, recent, group)
            e = self._by_role(mention, recent)
            if e is None and self._age(mention):
                e = self._antecedent(mention.start, recent, None)  # "the 29-year-old added"
            if e is not None:
                return self.entities[e].name, e
            return canonical(v, mention.start, mention.end), None
        name_start, _title = split_title(v, mention.start, mention.end)
        while name_start < mention.end - 1 and v.lower[name_start] in TITLES:
            name_start += 1
        name = canonical(v, name_start, mention.end)
        key = name.lower()
        e = self._by_name.get(key)
        if e is None and key:
            surname = key.split()[-1]
            e = self._seen_surname.get(surname, self._by_surname.get(surname))
            if e is not None and len(key.split()) > 1 and self.entities[e].name.lower() != key:
                e = None  # "Bill Clinton" is not "Hillary Clinton"
        if e is not None:
            return self.entities[e].name, e
        return name or None, None

    def _antecedent(self, tok: int, recent: list[tuple[int, int, bool | None]],
                    gender: str | None, nearest: bool = False) -> int | None:
        """The person a ``he``/``she`` at ``tok`` most likely means: in its own paragraph the
        latest compatible subject or speaker, else the latest compatible person there; before
        it, the latest compatible subject or speaker nearby, else the latest compatible person."""
        para = self._paragraph_start(tok)
        in_para = None
        for pos, e, subject in reversed(recent):
            if pos < para:
                break
            ent = self.entities[e]
            if ent.kind != "person" or (gender and ent.gender and ent.gender != gender):
                continue
            if nearest or self._is_subject(pos, subject):
                return e
            if in_para is None:
                in_para = e
        if in_para is not None:
            return in_para
        fallback = None
        for pos, e, subject in reversed(recent):
            ent = self.entities[e]
            if ent.kind != "person" or (gender and ent.gender and ent.gender != gender):
                continue
            if tok - pos > WINDOW_TOKENS:
                break
            if nearest or self._is_subject(pos, subject):
                return e
            if fallback is None:
                fallback = e
        if fallback is not None:
            return fallback
        for pos, e, _subject in reversed(recent):
            ent = self.entities[e]
            if ent.kind == "person" and not (gender and ent.gender and ent.gender != gender) \
                    and pos < tok:
                return e
        return None

    def _age(self, mention: Mention) -> bool:
        """``the 29-year-old``: a person named by their age, as ``he`` or ``she`` would be."""
        v = self.view
        words = [w for w in v.lower[mention.start : mention.end] if w != "-"]
        return len(words) == 4 and words[0] == "the" and words[1].isdigit() \
            and words[2:] == ["year", "old"]

    def _by_role(self, mention: Mention, recent: list[tuple[int, int, bool | None]]) -> int | None:
        """``the spokesman``: the latest entity given that job word."""
        v = self.view
        head = v.lower[mention.end - 1]
        if v.lower[mention.start] not in ("the", "this") or mention.end - mention.start > 3:
            return None
        for _pos, e, _subject in reversed(recent):
            if head in self.entities[e].roles:
                return e
        return None
