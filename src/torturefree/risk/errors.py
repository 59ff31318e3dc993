"""The risk package's failures that are not bad user input (bad input raises InputError)."""

from __future__ import annotations

from torturefree.errors import TortureFreeError


class RiskError(TortureFreeError):
    """The evidence store or the shipped risk data could not be used."""
