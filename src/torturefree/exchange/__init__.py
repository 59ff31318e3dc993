"""Signed messages between states' nodes and the hub (docs/exchange.md): the protocol core, no Django.

What the service builds on:

- `Node(home)`: this node's settings, `keyring` and `directories`; `node.signing_key()`,
  `node.directory()` (held directory + pins + itself), `node.entry()`.
- `new_envelope(...)` / `reply_envelope(...)` then `sign(envelope, key)` -> `SignedMessage`
  (`.raw` are the bytes to POST and to retry unchanged; `.sha256`).
- `verify(raw, me=..., now=..., directory=...)` -> `SignedMessage`, or raises `Refusal`
  (`.code`, `.message`, `.field`, `.claimed`).
- `receipt_for(raw, message_or_refusal, me=..., key=...)` -> the signed receipt to answer with;
  `read_receipt(raw, sent=..., now=..., directory=...)` -> `Receipt` on the sender's side.
- `outgoing_fields_check(type, body)` / `undeclared_fields(type, body)`: what may leave a node.
- `pre_export_reply_deadline(snapshot, profile, sent_on)`: reply_by and proceed/hold, from data.
"""

from torturefree.exchange.deadlines import ReplyDeadline, pre_export_reply_deadline
from torturefree.exchange.directory import Directory, Participant
from torturefree.exchange.envelope import (
    MAX_MESSAGE_BYTES,
    PROTOCOL,
    Envelope,
    SignedMessage,
    new_envelope,
    reply_envelope,
    sign,
)
from torturefree.exchange.errors import (
    REFUSAL_CODES,
    Claimed,
    DirectoryError,
    ExchangeError,
    KeyStoreError,
    Refusal,
)
from torturefree.exchange.keys import Keyring, SigningKey
from torturefree.exchange.node import Node, NodeSettings
from torturefree.exchange.publickey import PublicKey
from torturefree.exchange.receipt import Receipt, ReceiptError, read_receipt, receipt_for
from torturefree.exchange.schemas import (
    MESSAGE_TYPES,
    outgoing_fields_check,
    undeclared_fields,
    validate_body,
)
from torturefree.exchange.verify import Policy, verify

__all__ = [
    "MAX_MESSAGE_BYTES",
    "MESSAGE_TYPES",
    "PROTOCOL",
    "REFUSAL_CODES",
    "Claimed",
    "Directory",
    "DirectoryError",
    "Envelope",
    "ExchangeError",
    "KeyStoreError",
    "Keyring",
    "Node",
    "NodeSettings",
    "Participant",
    "Policy",
    "PublicKey",
    "Receipt",
    "ReceiptError",
    "Refusal",
    "ReplyDeadline",
    "SignedMessage",
    "SigningKey",
    "new_envelope",
    "outgoing_fields_check",
    "pre_export_reply_deadline",
    "read_receipt",
    "receipt_for",
    "reply_envelope",
    "sign",
    "undeclared_fields",
    "validate_body",
    "verify",
]
