"""Why a list release was refused: one stable check name per step of verification."""

from __future__ import annotations

from torturefree.errors import InputError

# The checks, in the order verification runs them (docs/releases.md).
ARCHIVE = "archive"
SCHEMA = "schema"
SIGNATURE = "signature"
FILE_HASH = "file_hash"
FILES = "files"
CONTENT = "content"
OLDER = "older"
DATA = "data"


class ReleaseRefused(InputError):
    """A release that may not be used: `check` names what failed, `field` the file or field."""

    def __init__(
        self, check: str, reason: str, *, field: str | None = None, source: str | None = None
    ):
        self.check = check
        super().__init__(f"refused ({check}): {reason}", field=field, source=source)
