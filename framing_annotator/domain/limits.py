"""The limits every path in applies: one place, used by every importer (issue 12).

Files, CSV and JSONL rows, ``.qdpx`` sources, annotation sets and merged projects all
pass their articles through :func:`checked_article` and their other text (speaker
names, notes, annotator names) through :func:`checked_text`, so no reader can let in
what another refuses:

- an article's text is normalised (``text.py``), not empty, at most
  :data:`MAX_ARTICLE_BYTES` as UTF-8, and holds no NUL and no lone surrogate (which
  SQLite cannot store as UTF-8, and after which no quote could be saved);
- a title is cut to :data:`TITLE_MAX` characters, other metadata to
  :data:`FIELD_MAX`; names to :data:`NAME_MAX` are refused beyond it.

A refusal is :class:`ImportRejected` naming ``where`` (file and line or element).
"""

from __future__ import annotations

import re
from dataclasses import replace

from .errors import ImportRejected
from .model import Article
from .text import normalise_text

MAX_ARTICLE_BYTES = 64 * 1024 * 1024
"""One article's text as UTF-8; the same as the largest article file."""
TITLE_MAX = 200
FIELD_MAX = 2_000
"""Outlet, date, url and source are cut to this many characters."""
NAME_MAX = 200
"""Speaker, annotator and frame names: a longer one is refused, not cut (it names someone)."""

_SURROGATE = re.compile("[\ud800-\udfff]")


def _size(n: int) -> str:
    return f"{n / 2**20:.1f} MiB"


def bad_character(value: str) -> str | None:
    """Why ``value`` cannot be stored (a NUL or a lone surrogate, with where), or None."""
    nul = value.find("\x00")
    if nul >= 0:
        return f"a NUL character at character {nul}"
    try:
        # UTF-8 encodes every code point but a surrogate: three times faster than
        # searching for one with a pattern, and the error says where the first is.
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        return _surrogate(value, exc)
    return None


def _surrogate(value: str, exc: UnicodeEncodeError) -> str:
    return (
        f"a lone surrogate (U+{ord(value[exc.start]):04X}) at character {exc.start}, "
        "which is not valid Unicode text"
    )


def checked_text(
    value: object, where: str, field: str, *, limit: int | None = None, strip: bool = True
) -> str:
    """``value`` as storable text (stripped unless told not to), or :class:`ImportRejected`."""
    if value is None:
        return ""
    prefix = f"{where}: " if where else ""
    if not isinstance(value, str):
        raise ImportRejected(
            f"{prefix}{field}: expected text, found {type(value).__name__} {value!r:.40}"
        )
    problem = bad_character(value)
    if problem:
        raise ImportRejected(f"{prefix}{field}: holds {problem}")
    value = value.strip() if strip else value
    if limit is not None and len(value) > limit:
        raise ImportRejected(
            f"{prefix}{field}: expected at most {limit:,} characters, found {len(value):,}"
        )
    return value


def checked_article_text(text: object, where: str) -> str:
    """An article text normalised and within the limits, or :class:`ImportRejected`; only
    :func:`make_article` calls it, and finds a lone surrogate as it hashes the text."""
    prefix = f"{where}: " if where else ""
    if not isinstance(text, str):
        raise ImportRejected(f"{prefix}text: expected text, found {type(text).__name__}")
    # Each character is 1 to 4 bytes: encode only when the length alone cannot decide.
    if len(text) > MAX_ARTICLE_BYTES or (
        len(text) * 4 > MAX_ARTICLE_BYTES
        and len(text.encode("utf-8", "surrogatepass")) > MAX_ARTICLE_BYTES
    ):
        raise ImportRejected(
            f"{prefix}the article is over the {_size(MAX_ARTICLE_BYTES)} limit for one "
            "article; split it"
        )
    nul = text.find("\x00")
    if nul >= 0:
        raise ImportRejected(f"{prefix}the text holds a NUL character at character {nul}")
    text = normalise_text(text)
    if not text or text.isspace():  # what `not text.strip()` says, without a copy
        raise ImportRejected(f"{prefix}the text is empty")
    return text  # a lone surrogate is found by the digest's encoding: see make_article


def first_line(text: str) -> str:
    """The first non-blank line, cut to a title."""
    # Blank lines are whitespace: past the leading whitespace is the first non-blank
    # line, found without splitting the whole text into lines.
    return text.lstrip().partition("\n")[0].strip()[:TITLE_MAX]


def _cut(value: object, where: str, field: str, limit: int) -> str:
    if value == "":  # most metadata of most articles
        return ""
    if value is not None and not isinstance(value, str):
        value = str(value)  # numbers in a CSV column; a schema refuses other types earlier
    return checked_text(value, where, field)[:limit].strip()


def make_article(
    where: str,
    text: object,
    *,
    title: object = "",
    outlet: object = "",
    date: object = "",
    url: object = "",
    source: object = "",
    text_sha256: str = "",
) -> Article:
    """An :class:`Article` from untrusted parts: every reader builds its articles here.

    The text is checked as the article is made (its digest encodes it as UTF-8, which
    refuses a lone surrogate); a missing title is the first line.
    """
    text = checked_article_text(text, where)
    if isinstance(source, str):  # a file name in bytes that are not UTF-8: shown, not refused
        source = _SURROGATE.sub("\ufffd", source)
    fields = {
        name: _cut(value, where, name, FIELD_MAX)
        for name, value in (("outlet", outlet), ("date", date), ("url", url), ("source", source))
    }
    title = _cut(title, where, "title", TITLE_MAX) or first_line(text)
    try:
        return Article(text=text, title=title, text_sha256=text_sha256, **fields)
    except UnicodeEncodeError as exc:
        # The digest encodes the text as UTF-8, which only a lone surrogate breaks: one
        # encoding of each text instead of a check and then the digest (5% of an import).
        prefix = f"{where}: " if where else ""
        raise ImportRejected(f"{prefix}the text holds {_surrogate(text, exc)}") from None


def checked_article(article: Article, where: str) -> Article:
    """``article`` (from another project, say) within the limits, its id kept."""
    checked = make_article(
        where, article.text, title=article.title, outlet=article.outlet, date=article.date,
        url=article.url, source=article.source,
    )  # fmt: skip
    return replace(checked, id=article.id)
