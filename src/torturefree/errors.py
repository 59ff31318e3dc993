"""Errors shared by the whole core: bad input that names its field, line and reason."""

from __future__ import annotations


class TortureFreeError(Exception):
    """Root of every error raised on purpose by torturefree."""


class InputError(TortureFreeError, ValueError):
    """Bad input from a user: the CLI exits 2 and the API answers 4xx, naming the field."""

    def __init__(
        self,
        reason: str,
        *,
        field: str | None = None,
        line: int | None = None,
        source: str | None = None,
    ) -> None:
        self.reason = reason
        self.field = field
        self.line = line
        self.source = source
        super().__init__(self.message)

    @property
    def message(self) -> str:
        where = []
        if self.source:
            where.append(self.source)
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.field:
            where.append(f"field '{self.field}'")
        prefix = ", ".join(where)
        return f"{prefix}: {self.reason}" if prefix else self.reason

    def at_line(self, line: int, source: str | None = None) -> InputError:
        """The same error, placed at a line of a batch input."""
        return InputError(self.reason, field=self.field, line=line, source=source or self.source)
