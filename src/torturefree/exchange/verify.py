"""Checking received bytes before anything is stored as accepted: one typed refusal per fault.

The checks run in this order, and the first that fails gives the refusal code
(docs/exchange.md, "Refusal codes"): too_large, malformed, unsupported_protocol,
wrong_recipient, unknown_sender, unknown_key, key_not_valid, bad_signature, clock_skew, too_old,
unknown_type, schema. Authentication comes before the body is looked at, so an unsigned party
learns nothing about what this node's schemas accept.

Replays: the core refuses a message whose `sent_at` is more than `max_age` old (30 days by
default, longer than a sender keeps retrying); within that window a replay carries an id the
receiver has already seen, and the service answers it with the receipt it gave the first time.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from typing import Any

from torturefree.exchange import errors as codes
from torturefree.exchange.canonical import CanonicalError, canonical
from torturefree.exchange.directory import Directory
from torturefree.exchange.envelope import MAX_MESSAGE_BYTES, PROTOCOL, Envelope, SignedMessage
from torturefree.exchange.errors import Claimed, Refusal
from torturefree.exchange.publickey import unb64url
from torturefree.exchange.schemas import MESSAGE_TYPES, validate_body
from torturefree.exchange.timefmt import parse_time

FUTURE_SKEW = dt.timedelta(minutes=5)  # contract: "sent_at no more than 5 minutes in the future"
MAX_AGE = dt.timedelta(days=30)  # our choice (docs/exchange.md): beyond any retry schedule
UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
TEXT_FIELDS = ("type", "from", "to", "key_id")
# No body of the contract nests beyond 6 levels; 32 leaves room and keeps recursion bounded.
MAX_DEPTH = 32


@dataclass(frozen=True)
class Policy:
    """The time limits of verification; the defaults are the contract's and docs/exchange.md's."""

    future_skew: dt.timedelta = FUTURE_SKEW
    max_age: dt.timedelta = MAX_AGE


def verify(
    raw: bytes, *, me: str, now: dt.datetime, directory: Directory, policy: Policy | None = None
) -> SignedMessage:
    """The verified message these bytes carry for `me`, or a Refusal saying what is wrong."""
    limits = policy or Policy()
    document, signature, claimed = _read(raw)
    try:
        envelope = _envelope(document)
        if envelope.recipient != me:
            raise Refusal(
                codes.WRONG_RECIPIENT,
                f"addressed to {envelope.recipient}, this is {me}",
                "envelope.to",
            )
        _authenticate(envelope, document, signature, directory)
        _check_time(envelope.sent_at, now, limits)
        if envelope.type not in MESSAGE_TYPES:
            raise Refusal(
                codes.UNKNOWN_TYPE, f"'{envelope.type}' is not a message type", "envelope.type"
            )
        validate_body(envelope.type, envelope.body)
    except Refusal as refusal:
        raise refusal.with_claimed(claimed) from None
    return SignedMessage(envelope, signature, raw)


def _read(raw: bytes) -> tuple[dict[str, Any], str, Claimed]:
    if len(raw) > MAX_MESSAGE_BYTES:
        raise Refusal(codes.TOO_LARGE, f"{len(raw)} bytes; at most {MAX_MESSAGE_BYTES}")
    try:
        message = json.loads(
            raw.decode("utf-8"), object_pairs_hook=_no_duplicates, parse_constant=_no_constant
        )
    except (UnicodeDecodeError, ValueError) as error:
        raise Refusal(codes.MALFORMED, f"not UTF-8 I-JSON: {error}") from None
    except RecursionError:
        raise Refusal(codes.MALFORMED, f"nested deeper than {MAX_DEPTH} levels") from None
    if too_deep(message):
        raise Refusal(codes.MALFORMED, f"nested deeper than {MAX_DEPTH} levels")
    if not isinstance(message, dict) or not isinstance(message.get("envelope"), dict):
        raise Refusal(
            codes.MALFORMED, 'a message is {"envelope": {...}, "signature": "..."}', "envelope"
        )
    document: dict[str, Any] = message["envelope"]
    claimed = _claimed(document)
    if not isinstance(message.get("signature"), str):
        raise Refusal(codes.MALFORMED, "no signature", "signature", claimed)
    return document, message["signature"], claimed


def too_deep(value: Any) -> bool:
    """Whether JSON nests deeper than MAX_DEPTH (canonicalisation and schemas recurse)."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict | list):
            if depth > MAX_DEPTH:
                return True
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in children)
    return False


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """RFC 8785 works on I-JSON: a key given twice has no single canonical form."""
    result = dict(pairs)
    if len(result) != len(pairs):
        raise ValueError("a key appears twice in one object")
    return result


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def _claimed(document: dict[str, Any]) -> Claimed:
    def text(name: str) -> str | None:
        value = document.get(name)
        return value if isinstance(value, str) and len(value) <= 100 else None

    message_id, conversation = text("id"), text("conversation")
    return Claimed(
        message_id=message_id if message_id and UUID.match(message_id) else None,
        sender=text("from"),
        conversation=conversation if conversation and UUID.match(conversation) else None,
        type=text("type"),
    )


def _envelope(document: dict[str, Any]) -> Envelope:
    if document.get("protocol") != PROTOCOL:
        raise Refusal(
            codes.UNSUPPORTED_PROTOCOL,
            f"protocol {document.get('protocol')!r}; this node speaks {PROTOCOL}",
            "envelope.protocol",
        )
    for name in TEXT_FIELDS:
        if not isinstance(document.get(name), str) or not document[name]:
            raise Refusal(codes.MALFORMED, f"'{name}' missing or not text", f"envelope.{name}")
    for name in ("id", "conversation"):
        if not isinstance(document.get(name), str) or not UUID.match(document[name]):
            raise Refusal(codes.MALFORMED, f"'{name}' is not a UUID", f"envelope.{name}")
    reply = document.get("in_reply_to")
    if reply is not None and (not isinstance(reply, str) or not UUID.match(reply)):
        raise Refusal(
            codes.MALFORMED, "'in_reply_to' is neither null nor a UUID", "envelope.in_reply_to"
        )
    if not isinstance(document.get("body"), dict):
        raise Refusal(codes.MALFORMED, "'body' is not an object", "envelope.body")
    try:
        sent_at = parse_time(document.get("sent_at"))  # type: ignore[arg-type]
    except ValueError as error:
        raise Refusal(codes.MALFORMED, str(error), "envelope.sent_at") from None
    known = {"protocol", "id", "type", "from", "to", "key_id", "sent_at", "conversation"}
    known |= {"in_reply_to", "body"}
    return Envelope(
        id=document["id"],
        type=document["type"],
        sender=document["from"],
        recipient=document["to"],
        key_id=document["key_id"],
        sent_at=sent_at,
        conversation=document["conversation"],
        in_reply_to=reply,
        body=document["body"],
        protocol=PROTOCOL,
        extra={k: v for k, v in document.items() if k not in known},
    )


def _authenticate(
    envelope: Envelope, document: dict[str, Any], signature: str, directory: Directory
) -> None:
    """The sender is known, the key is the sender's and valid at sent_at, and the signature holds."""
    peer = directory.peer(envelope.sender)
    if peer is None:
        raise Refusal(
            codes.UNKNOWN_SENDER,
            f"'{envelope.sender}' is not in this node's directory",
            "envelope.from",
        )
    key = peer.key(envelope.key_id)
    if key is None:
        raise Refusal(
            codes.UNKNOWN_KEY,
            f"'{envelope.key_id}' is not a key of {envelope.sender}",
            "envelope.key_id",
        )
    if not key.valid_at(envelope.sent_at):
        until = key.valid_until.isoformat() if key.valid_until else "open"
        raise Refusal(
            codes.KEY_NOT_VALID,
            f"key {key.key_id} is valid {key.valid_from.isoformat()} to {until}, "
            f"not at sent_at {document['sent_at']}",
            "envelope.key_id",
        )
    try:
        signed = unb64url(signature)
    except ValueError:
        raise Refusal(codes.BAD_SIGNATURE, "the signature is not base64url", "signature") from None
    try:
        signed_bytes = canonical(document)
    except CanonicalError as error:
        raise Refusal(codes.MALFORMED, str(error), "envelope") from None
    if not key.verifies(signed, signed_bytes):
        raise Refusal(
            codes.BAD_SIGNATURE, f"the signature does not verify with key {key.key_id}", "signature"
        )


def _check_time(sent_at: dt.datetime, now: dt.datetime, limits: Policy) -> None:
    if sent_at > now + limits.future_skew:
        raise Refusal(
            codes.CLOCK_SKEW,
            f"sent_at is {sent_at - now} ahead of this node's clock (at most {limits.future_skew})",
            "envelope.sent_at",
        )
    if sent_at < now - limits.max_age:
        raise Refusal(
            codes.TOO_OLD,
            f"sent_at is older than {limits.max_age.days} days: refused as a possible replay",
            "envelope.sent_at",
        )
