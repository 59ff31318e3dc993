"""The screening package's failures that are not bad user input (those are InputError)."""

from __future__ import annotations

from torturefree.errors import TortureFreeError


class ScreeningError(TortureFreeError):
    """Root of screening failures: a broken store, a corrupt index cache."""
