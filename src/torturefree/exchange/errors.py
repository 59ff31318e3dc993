"""The exchange package's one exception hierarchy: refusals of received bytes carry a stable code."""

from __future__ import annotations

from dataclasses import dataclass

from torturefree.errors import TortureFreeError


class ExchangeError(TortureFreeError):
    """Root of every failure raised on purpose by torturefree.exchange."""


class KeyStoreError(ExchangeError):
    """The node's key folder is missing, unsafe (permissions) or inconsistent."""


class DirectoryError(ExchangeError):
    """A directory document or a pinned peer could not be verified, stored or used."""


@dataclass(frozen=True)
class Claimed:
    """What a refused message said about itself, read before anything was verified.

    A refusal receipt is addressed with these (in_reply_to, conversation, to), so the sender can
    match it; nothing here is trusted for anything else.
    """

    message_id: str | None = None
    sender: str | None = None
    conversation: str | None = None
    type: str | None = None


class Refusal(ExchangeError):
    """Received bytes were refused: `code` is stable (docs/exchange.md), `field` names the culprit."""

    def __init__(
        self, code: str, message: str, field: str | None = None, claimed: Claimed | None = None
    ) -> None:
        self.code = code
        self.message = message
        self.field = field
        self.claimed = claimed or Claimed()
        super().__init__(f"{code}: {message}" + (f" (field '{field}')" if field else ""))

    def as_error(self) -> dict[str, str | None]:
        """The receipt's `error` object."""
        return {"code": self.code, "message": self.message, "field": self.field}

    def with_claimed(self, claimed: Claimed) -> Refusal:
        return Refusal(self.code, self.message, self.field, claimed)


# The refusal codes, one per check (docs/exchange.md, "Refusal codes"). Stable: peers show them.
TOO_LARGE = "too_large"
MALFORMED = "malformed"
UNSUPPORTED_PROTOCOL = "unsupported_protocol"
WRONG_RECIPIENT = "wrong_recipient"
UNKNOWN_SENDER = "unknown_sender"
UNKNOWN_KEY = "unknown_key"
KEY_NOT_VALID = "key_not_valid"
BAD_SIGNATURE = "bad_signature"
CLOCK_SKEW = "clock_skew"
TOO_OLD = "too_old"
UNKNOWN_TYPE = "unknown_type"
SCHEMA = "schema"

REFUSAL_CODES: tuple[str, ...] = (
    TOO_LARGE,
    MALFORMED,
    UNSUPPORTED_PROTOCOL,
    WRONG_RECIPIENT,
    UNKNOWN_SENDER,
    UNKNOWN_KEY,
    KEY_NOT_VALID,
    BAD_SIGNATURE,
    CLOCK_SKEW,
    TOO_OLD,
    UNKNOWN_TYPE,
    SCHEMA,
)
