"""A read-only list whose items are made when first read."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any


class LazyList(Sequence):
    """A read-only list whose items are made when first read.

    A project's report has tens of thousands of units and disagreements, and a view
    shows a few: making each on demand (then keeping it) saves most of the report's time.
    """

    def __init__(self, count: int, make: Callable[[int], Any]) -> None:
        self._items: list[Any] = [None] * count
        self._make = make

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[Any]:
        for index in range(len(self._items)):
            yield self[index]

    def __getitem__(self, index):  # type: ignore[override]
        if isinstance(index, slice):
            return [self[n] for n in range(*index.indices(len(self)))]
        item = self._items[index]
        if item is None:
            item = self._items[index] = self._make(range(len(self))[index])
        return item

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence) and not isinstance(other, str):
            return list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"LazyList({len(self)} items)"
