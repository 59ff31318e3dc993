"""The one error of the mechanism: a step the rules do not allow, naming the rule."""

from __future__ import annotations

from torturefree.errors import InputError


class ProcedureError(InputError):
    """A step refused by the procedure (wrong state, panel incomplete, evidence short): exit 2 / 400."""
