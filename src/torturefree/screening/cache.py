"""Watchlist indexes kept in memory, so a long-running process reads each version once.

Reading a pickled index costs about 0.3 s for the UN list and 1 s for SDN 2021; a service that screens
on every submit cannot pay that each time. An index is a pure function of one list version's
content, so the key is the version's identity — name, version number, content hash — and the
index format. One index serves every algorithm (name_v1 and name_v2 read the same object), so the
algorithm is not part of the key: keying by it would build the same index twice. Thresholds and
dispositions are not cached: they are read from the store on every screening.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from functools import cache

from torturefree.screening.index import NameIndex
from torturefree.screening.store import VersionInfo

IndexKey = tuple[str, int, str, int]
# Two versions of three lists (a re-screening compares two). In memory the SDN 2021 index takes
# ~80 MB and the UN one ~16 MB, so six bound the cache at a few hundred MB.
DEFAULT_SIZE = 6


class IndexCache:
    """A bounded, thread-safe map from list version to its index; least recently used goes first."""

    def __init__(self, size: int = DEFAULT_SIZE) -> None:
        if size < 1:
            raise ValueError("an index cache holds at least one index")
        self.size = size
        self.builds = 0
        self._items: OrderedDict[IndexKey, NameIndex] = OrderedDict()
        # One lock for lookups and builds: threads asking for the same version wait for one build.
        self._lock = threading.Lock()

    def get(
        self, info: VersionInfo, index_format: int, build: Callable[[], NameIndex]
    ) -> NameIndex:
        """The cached index of `info`, or `build()`'s, remembered."""
        key: IndexKey = (info.name, info.version, info.content_hash, index_format)
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
                return found
            index = build()
            self.builds += 1
            self._items[key] = index
            while len(self._items) > self.size:
                self._items.popitem(last=False)
            return index

    def retire(self, name: str, keep: int) -> None:
        """Drop every cached version of list `name` except `keep` (a new version came in)."""
        with self._lock:
            for key in [k for k in self._items if k[0] == name and k[1] != keep]:
                del self._items[key]

    def __len__(self) -> int:
        return len(self._items)


@cache
def process_cache() -> IndexCache:
    """The one index cache of this process (the Django service passes it to screen_queries)."""
    return IndexCache()
