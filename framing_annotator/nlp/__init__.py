"""nlp layer: the spaCy quote suggester. The only package that imports spaCy.

Use :func:`load_suggester` and :class:`Suggester`; only domain objects leave it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .suggest import Suggester, load_suggester

__all__ = ["Suggester", "load_suggester"]


def __getattr__(name: str) -> Any:
    # Imported lazily: importing spaCy takes a second and most callers never need it.
    if name in __all__:
        from . import suggest

        return getattr(suggest, name)
    raise AttributeError(name)
