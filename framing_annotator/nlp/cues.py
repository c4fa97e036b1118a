"""Reporting cues: verbs of saying in every inflection, noun cues and small word lists.

A blank pipeline has no lemmatiser, so the inflections are generated once from the
lemma table below (regular rules plus a few irregular forms). ``CUE_FORMS`` maps every
lower-cased form to its lemma.
"""

from __future__ import annotations

# About 100 lemmas of saying and writing. Verbs that mostly mean believing or
# intending (think, believe, want) are left out: they are not quotes (QUOTES.md).
REPORTING_LEMMAS: tuple[str, ...] = (
    "say", "tell", "add", "ask", "write", "claim", "argue", "warn", "insist", "announce",
    "explain", "note", "describe", "call", "confirm", "deny", "state", "declare", "report",
    "suggest", "acknowledge", "admit", "assert", "concede", "contend", "maintain", "predict",
    "promise", "pledge", "vow", "recall", "remark", "reply", "respond", "answer", "tweet",
    "post", "comment", "continue", "conclude", "emphasize", "emphasise", "stress", "urge",
    "allege", "accuse", "charge", "complain", "joke", "quip", "observe", "point", "reveal",
    "disclose", "testify", "shout", "yell", "scream", "whisper", "mutter", "boast", "brag",
    "mention", "repeat", "reiterate", "retort", "counter", "caution", "criticize",
    "criticise", "praise", "estimate", "recount", "assure", "inform", "advise", "recommend",
    "propose", "proclaim", "affirm", "agree", "demand", "lament", "lament", "concur",
    "opine", "tout", "wonder", "exclaim", "indicate", "clarify", "specify", "elaborate",
    "speculate", "threaten", "hint", "insinuate", "snap", "sigh", "muse", "blog", "text",
    "email", "posit", "reason", "underscore", "highlight", "stipulate", "forecast", "find",
)

IRREGULAR: dict[str, tuple[str, ...]] = {
    "say": ("says", "said", "saying"),
    "tell": ("tells", "told", "telling"),
    "write": ("writes", "wrote", "written", "writing"),
    "forecast": ("forecasts", "forecasted", "forecasting"),
    "text": ("texts", "texted", "texting"),
    "email": ("emails", "emailed", "emailing"),
    "snap": ("snaps", "snapped", "snapping"),
    "quip": ("quips", "quipped", "quipping"),
    "blog": ("blogs", "blogged", "blogging"),
    "admit": ("admits", "admitted", "admitting"),
    "regret": ("regrets", "regretted", "regretting"),
    "testify": ("testifies", "testified", "testifying"),
    # "finding" is mostly a noun ("the review's findings"); "found" counts only before "that"
    "find": ("finds", "found"),
}
# Cues that report only with "that" right after them: "the review found that ...".
THAT_ONLY = frozenset({"find"})
# The sources whose findings are reported ("the review found that ..."); a person or a company
# that "found that ..." is too often narration.
FINDING_SOURCES = frozenset(
    {"review", "study", "studies", "report", "reports", "survey", "surveys", "poll", "polls",
     "analysis", "audit", "inquiry", "investigation", "researchers", "research", "report's",
     "review's", "assessment", "evaluation", "probe", "panel", "commission", "inspectors",
     "auditors"}
)
# Cues of NEEDS_THAT that may drop "that" before a full clause: "estimated the strike was
# costing ...", not "estimated the cost at ...".
FINITE_CLAUSE_CUES = frozenset({"estimate", "note", "promise", "pledge", "vow", "predict",
                                "acknowledge", "admit", "confirm", "deny", "reveal", "announce",
                                "stress", "emphasize", "emphasise", "maintain", "conclude",
                                "recall", "observe", "affirm", "proclaim", "disclose"})
FINITE_WORDS = frozenset(
    {"is", "are", "was", "were", "will", "would", "could", "can", "may", "might", "had", "has",
     "have", "should"}
)


def _inflect(lemma: str) -> tuple[str, ...]:
    """Regular English inflections: -s, -ed, -ing with the usual spelling changes."""
    if lemma in IRREGULAR:
        return IRREGULAR[lemma]
    if lemma.endswith("y") and lemma[-2] not in "aeiou":
        return (lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing")
    if lemma.endswith("e"):
        return (lemma + "s", lemma + "d", lemma[:-1] + "ing")
    if lemma.endswith(("s", "sh", "ch", "x", "z")):
        return (lemma + "es", lemma + "ed", lemma + "ing")
    return (lemma + "s", lemma + "ed", lemma + "ing")


def _build_forms() -> dict[str, str]:
    forms: dict[str, str] = {}
    for lemma in REPORTING_LEMMAS:
        forms[lemma] = lemma
        for form in _inflect(lemma):
            forms[form] = lemma
    return forms


CUE_FORMS: dict[str, str] = _build_forms()

# Cues that very often take a direct object that is not the reported clause
# ("told reporters the plan is dead"). The object is skipped before the clause starts.
OBJECT_CUES = frozenset(
    {"tell", "ask", "urge", "warn", "assure", "inform", "advise", "remind", "accuse",
     "promise", "email", "text"}
)
# Cues that need a clause and are too often used otherwise when none follows.
WEAK_CUES = frozenset(
    {"add", "call", "continue", "point", "post", "report", "answer", "charge", "counter",
     "reason", "text", "snap", "sigh", "muse", "highlight", "indicate", "agree", "estimate",
     "find",
     "praise", "criticize", "criticise", "propose", "recommend", "demand", "mention",
     "forecast", "underscore", "specify", "speculate", "wonder", "threaten", "hint",
     "complain", "lament", "describe", "accuse"}
)
# Cues whose bare object is usually not a quote ("announced the results"): they need "that".
NEEDS_THAT = (WEAK_CUES | frozenset(
    {"announce", "confirm", "reveal", "disclose", "deny", "acknowledge", "admit", "recall",
     "respond", "reply", "repeat", "reiterate", "tweet", "blog", "email", "observe", "note",
     "stress", "emphasize", "emphasise", "underscore", "tout", "boast", "brag", "predict",
     "promise", "pledge", "vow", "ask", "testify", "comment", "counter", "remark",
     "joke", "quip", "state", "proclaim", "affirm", "clarify", "elaborate", "conclude",
     "maintain"}
)) - frozenset({"add", "call", "describe", "accuse"})
# Noun cues: "the president's claims that ...", "a statement saying".
NOUN_CUES = frozenset(
    {"claim", "claims", "statement", "statements", "warning", "warnings", "assertion",
     "assertions", "argument", "arguments", "insistence", "promise", "promises", "pledge",
     "pledges", "allegation", "allegations", "remark", "remarks", "comments", "comment",
     "suggestion", "contention", "declaration", "announcement", "admission", "charge",
     "charges", "accusation", "accusations", "vow", "testimony"}
)

# cue words that are also common nouns, so may sit inside a speaker's noun phrase: "A news
# report published Wednesday said", "The state officials say"
CUE_NOUNS = NOUN_CUES | frozenset(
    {"report", "reports", "post", "posts", "tweet", "tweets", "email", "emails", "text", "blog",
     "forecast", "forecasts", "estimate", "estimates", "state", "call", "calls", "answer"}
)

PRONOUNS = frozenset({"he", "she", "they", "we", "i", "it", "who", "you", "which"})
PERSON_PRONOUNS = frozenset({"he", "she", "who", "i"})

# Cues that name something rather than report a clause: "called the plan “a disaster”".
NAMING_CUES = frozenset({"call", "dub", "label", "brand", "term", "describe"})
# Words between a speaker and the cue ("Pham also said", "she has repeatedly argued").
AUX_ADVERBS = frozenset(
    {"also", "has", "have", "had", "previously", "repeatedly", "later", "then", "now",
     "recently", "once", "again", "publicly", "privately", "just", "would", "will", "did",
     "does", "do", "not", "n't", "n’t", "may", "might", "could", "should", "can", "often",
     "first", "still", "long", "already", "further", "even", "never", "always", "only",
     "reportedly", "flatly", "simply", "openly", "quickly", "similarly", "separately",
     "likewise", "ultimately", "frequently", "is", "was", "were", "are", "been", "be",
     "being"}
)
# Words that head a speaker phrase without a capital ("officials said", "the agency said").
SPEAKER_NOUNS = frozenset(
    {"officials", "official", "spokesman", "spokeswoman", "spokesperson", "spokespeople",
     "authorities", "police", "agency", "department", "company", "campaign", "aides", "aide",
     "experts", "expert", "analysts", "analyst", "critics", "critic", "advocates",
     "advocate", "lawmakers", "lawmaker", "leaders", "leader", "residents", "resident",
     "report", "statement", "study", "researchers", "researcher", "prosecutors",
     "prosecutor", "lawyers", "lawyer", "attorney", "attorneys", "administration",
     "government", "ministry", "court", "judge", "group", "organization", "organisation",
     "union", "party", "sources", "source", "people", "person", "witnesses", "witness",
     "economists", "economist", "scientists", "scientist", "doctors", "doctor", "nurses",
     "teachers", "parents", "mayor", "governor", "president", "senator", "minister",
     "secretary", "director", "chief", "officer", "officers", "chairman", "chairwoman",
     "chair", "ceo", "founder", "owner", "manager", "members", "member", "supporters",
     "opponents", "democrats", "republicans", "voters", "activists", "organizers",
     "council", "committee", "board", "commission", "office", "firm", "bank", "website",
     "memo", "letter", "filing", "lawsuit", "complaint", "poll", "survey", "paper", "newspaper",
     "network", "representative", "representatives", "staff", "candidate", "team", "mother",
     "father", "wife", "husband", "friend", "neighbor", "neighbour", "student",
     "students", "workers", "worker", "employees", "farmers", "owners", "investigators",
     "troopers", "sheriff", "coach", "players", "historian", "professor",
     "commissioner", "superintendent", "administrator", "inspector", "regulators", "agencies",
     # people named by what they do or are ("the billionaire businessman said")
     "candidates", "nominee", "adviser", "advisers", "allies", "reporter", "senators", "man",
     "woman", "men", "women", "businessman", "businesswoman", "employee", "friends",
     "strategist", "strategists", "insiders", "observers", "diplomat", "diplomats",
     "executive", "executives", "staffer", "staffers", "actor", "actress", "donors",
     "contenders", "conservatives", "liberals"}
)
DETERMINERS = frozenset(
    {"the", "a", "an", "his", "her", "their", "its", "our", "my", "your", "this", "these",
     "those", "some", "many", "several", "two", "three", "four", "other", "both", "most",
     "one", "another", "each", "every"}
)
# Capitalised words that start sentences or clauses but are not names.
NOT_NAMES = frozenset(
    {"but", "and", "or", "yet", "so", "then", "when", "while", "after", "before", "in", "on",
     "at", "also", "still", "however", "meanwhile", "now", "later", "the", "a", "an", "as",
     "if", "because", "since", "though", "although", "that", "this", "there", "here", "it",
     "he", "she", "they", "we", "i", "you", "his", "her", "their", "our", "my", "for",
     "from", "by", "with", "without", "to", "of", "last", "earlier", "during", "despite",
     "asked", "speaking", "according", "instead", "indeed", "even", "under", "over", "both",
     "neither", "nor", "not", "no", "yes", "what", "why", "how", "where", "who", "which",
     "said", "says", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
     "sunday", "mr", "mrs", "ms", "dr", "but,", "once", "only", "all", "some", "many",
     "most", "few", "each", "every", "among", "about", "into", "through", "until", "unlike",
     "like", "whether", "just", "well", "oh", "please", "thank", "thanks", "today",
     "tomorrow", "yesterday", "tonight", "again", "finally", "first", "second", "third",
     "moreover", "furthermore", "besides", "otherwise", "therefore", "thus", "perhaps",
     "maybe", "sure", "ok", "okay", "one", "two", "three", "four", "five", "several",
     "dozens", "hundreds", "thousands", "millions", "nearly", "almost", "more", "less",
     "fewer", "other", "others", "such", "these", "those", "sen", "rep", "gov"}
)
NAME_CONNECTORS = frozenset({"of", "and", "for", "the", "de", "van", "von", "del", "la", "da",
                             "bin",
                             "al", "&"})
TITLES = frozenset(
    {"mr.", "mrs.", "ms.", "dr.", "sen.", "rep.", "gov.", "gen.", "lt.", "col.", "capt.",
     "sgt.", "prof.", "rev.", "hon.", "president", "senator", "governor", "mayor",
     "secretary", "minister", "chancellor", "judge", "justice", "sheriff", "chief",
     "director", "commissioner", "representative", "rep", "sen", "gov", "mr", "mrs", "ms",
     "dr", "prime", "vice", "former", "acting", "interim", "general", "attorney", "speaker",
     "leader", "chairman", "chairwoman", "professor", "detective", "officer", "sergeant",
     "captain", "lieutenant", "colonel", "deputy", "state", "u.s.", "council", "member",
     "councilmember", "councilwoman", "councilman", "superintendent", "inspector",
     "councillor", "cllr", "cllr.", "cr", "premier", "constable", "supt", "supt.", "insp.",
     "det.", "coach", "dame", "sir", "baroness"}
)
# Words that make a capitalised chunk an organisation rather than a person.
ORG_WORDS = frozenset(
    {"department", "party", "house", "committee", "senate", "congress", "university",
     "agency", "enforcement", "security", "inc", "inc.", "corp", "corp.", "association",
     "council", "court", "times", "post", "news", "press", "institute", "foundation",
     "center", "centre", "office", "ministry", "commission", "board", "bureau", "service",
     "services", "police", "administration", "campaign", "group", "company", "bank",
     "network", "union", "league", "federation", "organization", "organisation", "fund",
     "coalition", "alliance", "church", "hospital", "school", "college", "county", "city",
     "state", "states", "republic", "kingdom", "nations", "government", "cnn", "fbi", "cia",
     "ice", "nasa", "who", "un", "eu", "nato", "gop", "reuters", "ap", "bbc", "nbc", "abc",
     "cbs", "fox", "msnbc", "journal", "magazine", "tribune", "herald", "guardian",
     "democrats", "republicans", "project", "authority", "club",
     "team", "forces", "army", "navy", "pentagon", "capitol", "white", "street"}
)
# Words between a reporting verb and its clause that are not part of the clause.
TIME_WORDS = frozenset(
    {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today",
     "yesterday", "tonight", "earlier", "later", "recently", "repeatedly", "last", "this",
     "week", "month", "year", "morning", "afternoon", "evening", "night", "weekend", "on",
     "in", "at", "during", "a", "an", "the", "statement", "interview", "news", "conference",
     "briefing", "speech", "twitter", "x", "facebook", "email", "letter", "post", "tweet",
     "again", "also", "publicly", "privately", "flatly", "simply", "then", "now",
     "previously", "once", "firmly", "bluntly", "angrily", "quietly", "openly", "radio",
     "television", "tv", "podcast", "rally", "hearing", "debate", "op-ed", "book", "memoir",
     "column", "article", "essay", "message", "video"}
)
AUDIENCE = frozenset(
    {"reporters", "journalists", "lawmakers", "supporters", "him", "her", "them", "me",
     "us", "you", "voters", "viewers", "listeners", "readers", "colleagues", "members",
     "officials", "attendees", "students", "residents", "police", "investigators",
     "congress", "parliament", "senators", "jurors", "audiences", "donors", "workers",
     "staff", "employees", "friends", "everyone", "people"}
)
