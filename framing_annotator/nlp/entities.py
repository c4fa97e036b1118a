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

from .cues import DETERMINERS, NOT_NAMES, ORG_WORDS, SPEAKER_NOUNS, TITLES
from .speakers import POSSESSIVE, Mention, name_starting_at
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
    def surname(self) -> str:
        return self.name.split()[-1].lower() if self.name else ""


@dataclass(frozen=True, slots=True)
class NameMention:
    """Tokens ``[start, end)`` of a name in the text, with the entity it belongs to."""

    start: int
    end: int
    entity: int
    subject: bool  # opens its sentence, so a later pronoun most likely refers to it


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
        candidates = [i for i, (c, w) in enumerate(zip(v.cap, v.lower, strict=True))
                      if c or w in gendered]
        pending: int | None = None  # the person named last in this sentence, for his/her
        pending_until = -1  # where that sentence ends
        done = 0
        for i in candidates:
            if i < done or v.quote_of[i] >= 0:
                continue
            low = v.lower[i]
            if low in gendered:
                if pending is not None and i < pending_until:
                    ent = self.entities[pending]
                    if ent.gender is None:
                        ent.gender = "m" if low in HE else "f"
                pending = None
                if not v.cap[i]:
                    continue
            if low.rstrip(".") not in NOT_NAMES or low in TITLES:
                m = name_starting_at(v, i, n)
                if m is not None and m.end > m.start:
                    e = self._add_chunk(m.start, m.end)
                    possessive = m.end < n and v.words[m.end] in POSSESSIVE
                    if e is not None and self.entities[e].kind == "person" and not possessive:
                        pending, pending_until = e, v.sent_end[m.start]
                    done = m.end

    def _add_chunk(self, start: int, end: int) -> int | None:
        v = self.view
        if end - start == 1 and not (v.words[start].isupper() and len(v.words[start]) > 1) \
                and v.lower[start] not in TITLES:
            # a lone capitalised word (most are sentence starts): the surname of someone
            # already known, else nothing
            e = self._by_surname.get(canonical(v, start, end).lower())
            if e is not None:
                self._mention(start, end, e)
            return e
        if self._byline(start):
            return None
        name_start, title_end = split_title(v, start, end)
        words = v.lower[name_start:end]
        honorific = next((w for w in v.lower[start:end] if w in MALE or w in FEMALE), None)
        is_org = any(w.rstrip(".") in ORG_WORDS for w in words) or (
            end - start == 1 and v.words[start].isupper() and len(v.words[start]) > 1)
        if is_org:
            name_start, title_end = start, None  # "State Department" keeps its first word
        if end - name_start < 2 and title_end is None and not is_org:
            # a lone capitalised word: a surname of someone already known, else nothing
            e = self._by_surname.get(canonical(v, start, end).lower())
            if e is not None:
                self._mention(start, end, e)
            return e
        name = canonical(v, name_start, end)
        if not name or not name[:1].isupper():
            return None
        kind = "org" if is_org else "place" if self._place(start) and not title_end else "person"
        e = self._entity(name, kind, start)
        ent = self.entities[e]
        title = canonical(v, start, title_end) if title_end is not None else None
        if title and not ent.title:
            ent.title = title
        if honorific and ent.gender is None:
            ent.gender = "m" if honorific in MALE else "f"
        self._roles(e, start, end)
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

    def _roles(self, e: int, start: int, end: int) -> None:
        """``Jan Novak, a spokesman for the port,`` / ``spokesman Joe Bloggs``: job words."""
        v = self.view
        ent = self.entities[e]
        for k in range(max(0, start - 3), start):
            if v.words[k].islower() and v.lower[k].isalpha():
                self._role(ent, v.lower[k])
        k = end
        if k < len(v) and v.words[k] == ",":
            for j in range(k + 1, min(len(v), k + 10)):
                if v.lower[j] in ROLE_STOP or v.quote_of[j] >= 0:
                    break
                if v.words[j].islower() and v.lower[j].isalpha():
                    self._role(ent, v.lower[j])

    @staticmethod
    def _role(ent: Entity, word: str) -> None:
        ent.roles.add(word)
        if ent.gender is None and word in MALE_WORDS:
            ent.gender = "m"
        elif ent.gender is None and word in FEMALE_WORDS:
            ent.gender = "f"

    def _mention(self, start: int, end: int, e: int) -> None:
        self.mentions.append(NameMention(start, end, e, self._subject(start)))

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

    def resolve(self, queries: Iterable[tuple[int, Mention]]) -> dict[int, str | None]:
        """Resolve ``(key, mention)`` pairs, in text order of the mentions, to names.

        One sweep: the name mentions before each query are taken in as the sweep passes
        them, and each resolved speaker counts as a mention of its entity (a speaker is the
        likeliest antecedent of the next ``he``)."""
        out: dict[int, str | None] = {}
        ordered = sorted(queries, key=lambda q: q[1].start)
        recent: list[tuple[int, int, bool]] = []  # (token, entity, subject or speaker)
        last_speaker_group: str | None = None
        self._seen_surname: dict[str, int] = {}  # surname -> latest person named so far
        k = 0
        for key, mention in ordered:
            while k < len(self.mentions) and self.mentions[k].start < mention.start:
                m = self.mentions[k]
                recent.append((m.start, m.entity, m.subject))
                if self.entities[m.entity].kind == "person":
                    self._seen_surname[self.entities[m.entity].surname] = m.entity
                k += 1
            if len(recent) > 64:
                del recent[:-64]
            name, entity = self._resolve_one(mention, recent, last_speaker_group)
            out[key] = name
            if entity is not None:
                recent.append((mention.start, entity, True))
                if self.entities[entity].kind == "org":
                    last_speaker_group = self.entities[entity].name
            elif name and mention.form == "phrase":
                last_speaker_group = name
        return out

    def _resolve_one(self, mention: Mention, recent: list[tuple[int, int, bool]],
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
            e = self._by_role(mention, recent)
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

    def _antecedent(self, tok: int, recent: list[tuple[int, int, bool]],
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
            if subject or nearest:
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
            if subject or nearest:
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

    def _by_role(self, mention: Mention, recent: list[tuple[int, int, bool]]) -> int | None:
        """``the spokesman``: the latest entity given that job word."""
        v = self.view
        head = v.lower[mention.end - 1]
        if v.lower[mention.start] not in ("the", "this") or mention.end - mention.start > 3:
            return None
        for _pos, e, _subject in reversed(recent):
            if head in self.entities[e].roles:
                return e
        return None
