"""The one place where Qt's UTF-16 positions and our code-point offsets meet.

Python strings (and every stored span) count code points; ``QTextDocument`` counts
UTF-16 units, in which a character beyond U+FFFF (most emoji) takes two. Each
such character before a position shifts it by one.
"""

from __future__ import annotations

import re
from bisect import bisect_left

ASTRAL = re.compile("[\U00010000-\U0010FFFF]")


class OffsetMap:
    """Converts positions in one text between code points and UTF-16 units."""

    def __init__(self, text: str) -> None:
        # Code-point indices of the astral characters, in order (a regex scans a long
        # article in well under a millisecond; a Python loop over it took tens).
        self._astral = [match.start() for match in ASTRAL.finditer(text)]
        # Their UTF-16 positions (each earlier astral character adds one unit).
        self._astral_utf16 = [i + n for n, i in enumerate(self._astral)]
        self.length = len(text)

    def to_utf16(self, offset: int) -> int:
        """Qt position of a code-point offset."""
        return offset + bisect_left(self._astral, offset)

    def to_code_point(self, position: int) -> int:
        """Code-point offset of a Qt position (inside a surrogate pair: its start)."""
        # Counting only the pairs that start before ``position`` also maps a position
        # between the two halves of a pair to that character.
        return position - bisect_left(self._astral_utf16, position)
