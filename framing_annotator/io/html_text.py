"""The visible text of an HTML page, paragraphs kept, for import.

Nothing in the page is fetched or run: scripts, styles and embedded content are
dropped, and only text nodes are kept.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

# Elements that start a new paragraph in the visible text.
_BLOCKS = frozenset(
    "address article aside blockquote body dd div dl dt figcaption figure footer form h1 h2 h3 "
    "h4 h5 h6 header hr li main nav ol p pre section table tr td th ul br".split()
)
# Elements whose content is never visible text.
_HIDDEN = frozenset("script style head template noscript svg math iframe object title".split())
_SPACE = re.compile(r"[ \t\n\f\r]+")  # HTML white space; a non-breaking space is text


class _VisibleText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self.current: list[str] = []
        self.hidden_depth = 0
        self.pre_depth = 0
        self.title_parts: list[str] = []
        self.in_title = False
        self.h1_parts: list[str] | None = None
        self.first_h1 = ""

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "title":
            self.in_title = True
        if tag in _HIDDEN:
            self.hidden_depth += 1
            return
        if tag in _BLOCKS:
            self._break()
        if tag == "pre":
            self.pre_depth += 1
        if tag == "h1" and not self.first_h1:
            self.h1_parts = []

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        if tag in _BLOCKS:
            self._break()

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        if tag in _HIDDEN:
            self.hidden_depth = max(0, self.hidden_depth - 1)
            return
        if tag == "pre":
            self.pre_depth = max(0, self.pre_depth - 1)
        if tag == "h1" and self.h1_parts is not None:
            self.first_h1 = _SPACE.sub(" ", "".join(self.h1_parts)).strip()
            self.h1_parts = None
        if tag in _BLOCKS:
            self._break()

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title_parts.append(data)
        if self.hidden_depth:
            return
        self.current.append(data if self.pre_depth else _SPACE.sub(" ", data))
        if self.h1_parts is not None:
            self.h1_parts.append(data)

    def _break(self) -> None:
        paragraph = "".join(self.current)
        if not self.pre_depth:
            paragraph = _SPACE.sub(" ", paragraph)
        paragraph = paragraph.strip(" \t\n")
        if paragraph:
            self.paragraphs.append(paragraph)
        self.current = []


def html_to_text(html: str) -> tuple[str, str]:
    """Return (visible text with paragraphs separated by blank lines, page title)."""
    parser = _VisibleText()
    parser.feed(html)
    parser.close()
    parser._break()
    title = _SPACE.sub(" ", "".join(parser.title_parts)).strip() or parser.first_h1
    return "\n\n".join(parser.paragraphs), title
