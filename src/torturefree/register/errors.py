"""Errors of the register: a refused update (stable code) and a copy or proof that fails to verify."""

from __future__ import annotations

from torturefree.errors import TortureFreeError


class RegisterRefusal(TortureFreeError):
    """An update the register does not append; `code` is stable (docs/hub.md), `field` names the culprit."""

    def __init__(self, code: str, message: str, field: str | None = None) -> None:
        self.code = code
        self.message = message
        self.field = field
        super().__init__(f"{code}: {message}" + (f" (field '{field}')" if field else ""))


class VerificationFailed(TortureFreeError):
    """A downloaded copy, tree head or proof does not verify: the reason says which check failed."""


# Refusal codes (docs/hub.md, "Refusals"): stable, nodes show them to an officer.
FOREIGN_TRADER = "foreign_trader"
REPLAYED = "replayed_message"
UNKNOWN_AUTHORISATION = "unknown_authorisation"
