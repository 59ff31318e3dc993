"""Law as dated, cited data: loading data/, snapshots as of a date, and what changed between dates."""

from torturefree.lists.catalogue import Catalogue, load_catalogue
from torturefree.lists.errors import DataError
from torturefree.lists.snapshot import DestinationSet, ListSnapshot, SnapshotEntry

__all__ = [
    "Catalogue",
    "DataError",
    "DestinationSet",
    "ListSnapshot",
    "SnapshotEntry",
    "load_catalogue",
]
