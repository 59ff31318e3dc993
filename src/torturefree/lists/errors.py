"""Errors of the law-data loader: each names the file, the field and the reason."""

from __future__ import annotations

from pathlib import Path

from torturefree.errors import TortureFreeError


class DataError(TortureFreeError):
    """The data/ tree is broken: the release cannot be loaded (nothing is half-loaded)."""

    def __init__(self, path: Path | str, reason: str, *, field: str | None = None) -> None:
        self.path = str(path)
        self.field = field
        self.reason = reason
        where = f"{self.path}: field '{field}'" if field else self.path
        super().__init__(f"{where}: {reason}")
