"""What the bulk use cases share: pausing the cycle collector while many objects are made."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while a large batch of objects is built.

    An export or import of 100,000 quotes, or an agreement report over them, makes
    hundreds of thousands of small objects (quotes, spans, rows, units) and no reference
    cycles; the collector would walk the growing
    heap again and again, about a third of the time. Reference counting still frees
    everything, and the collector runs again afterwards.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
