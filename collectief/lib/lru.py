"""A small thread-safe cache of the most recently used entries, kept per process.

Used for things that are expensive to build, cheap to keep and identified by
a key that changes whenever the thing would change (a version number, a
change time), so that nothing ever needs to be invalidated by hand: a stale
entry is simply never asked for again and falls off the end.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

V = TypeVar("V")


class LruCache(Generic[V]):
    def __init__(self, size: int) -> None:
        self.size = size
        self._entries: OrderedDict[Hashable, V] = OrderedDict()
        self._lock = threading.Lock()

    def get_or_build(self, key: Hashable, build: Callable[[], V]) -> V:
        """The entry for ``key``, built with ``build()`` when it is not kept.

        ``build`` runs outside the lock: two threads may both build the same
        entry once, which is cheaper than making every other key wait.
        """
        with self._lock:
            found = self._entries.get(key)
            if found is not None:
                self._entries.move_to_end(key)
                return found
        value = build()
        with self._lock:
            self._entries[key] = value
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)
        return value

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)
