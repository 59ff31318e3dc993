"""Received bytes are accepted only when every check of the contract holds; each fault has its code."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.exchange.conftest import NOW, Network, body, directory_of

from torturefree.exchange import (
    REFUSAL_CODES,
    Refusal,
    SignedMessage,
    new_envelope,
    reply_envelope,
    sign,
    verify,
)
from torturefree.exchange.canonical import canonical
from torturefree.exchange.directory import Directory
from torturefree.exchange.keys import SigningKey


def message(
    network: Network,
    *,
    sender: str = "FR",
    recipient: str = "KE",
    type: str = "pre_export_notice",
    sent_at: dt.datetime = NOW,
    content: dict[str, Any] | None = None,
    key: SigningKey | None = None,
) -> SignedMessage:
    key = key or network.nodes[sender].signing_key(sent_at)
    envelope = new_envelope(
        type=type,
        sender=sender,
        recipient=recipient,
        key_id=key.key_id,
        body=content if content is not None else body(type),
        sent_at=sent_at,
    )
    return sign(envelope, key)


def refusal(raw: bytes, directory: Directory, me: str = "KE", now: dt.datetime = NOW) -> Refusal:
    with pytest.raises(Refusal) as caught:
        verify(raw, me=me, now=now, directory=directory)
    return caught.value


def resign(raw: bytes, key: SigningKey, change: Any) -> bytes:
    """Change the envelope, then sign it properly: the fault is in the content, not the signature."""
    envelope = json.loads(raw)["envelope"]
    change(envelope)
    return canonical({"envelope": envelope, "signature": key.sign(canonical(envelope))})


def test_a_signed_message_verifies_and_keeps_its_bytes(network: Network) -> None:
    sent = message(network)
    received = verify(sent.raw, me="KE", now=NOW, directory=network.directory())
    assert received.envelope.body == body("pre_export_notice")
    assert received.envelope.sender == "FR"
    assert received.envelope.conversation == sent.id
    assert received.raw == sent.raw and received.sha256 == sent.sha256


def test_a_reply_carries_the_conversation_and_in_reply_to(network: Network) -> None:
    notice = message(network)
    key = network.nodes["KE"].signing_key(NOW)
    reply = sign(
        reply_envelope(
            notice.envelope,
            type="pre_export_reply",
            key_id=key.key_id,
            body=body("pre_export_reply"),
        ),
        key,
    )
    received = verify(reply.raw, me="FR", now=reply.envelope.sent_at, directory=network.directory())
    assert received.envelope.in_reply_to == notice.id
    assert received.envelope.conversation == notice.envelope.conversation
    assert received.envelope.recipient == "FR"


def test_the_same_message_serialises_to_the_same_bytes(network: Network) -> None:
    sent = message(network)
    again = sign(sent.envelope, network.nodes["FR"].signing_key(NOW))
    assert again.raw == sent.raw


def test_an_unknown_sender_is_refused(network: Network) -> None:
    directory = directory_of(network.nodes[s].entry() for s in ("KE", "DE"))
    refused = refusal(message(network).raw, directory)
    assert (refused.code, refused.field) == ("unknown_sender", "envelope.from")
    assert refused.claimed.sender == "FR" and refused.claimed.message_id is not None


def test_a_key_that_is_not_the_senders_is_refused(network: Network) -> None:
    de_key = network.nodes["DE"].signing_key(NOW)
    forged = resign(message(network).raw, de_key, lambda e: e.update(key_id=de_key.key_id))
    assert refusal(forged, network.directory()).code == "unknown_key"


def test_a_key_outside_its_validity_is_refused(network: Network) -> None:
    early = dt.datetime(2025, 12, 31, 23, 59, tzinfo=dt.UTC)
    key = network.nodes["FR"].signing_key(NOW)
    raw = resign(message(network).raw, key, lambda e: e.update(sent_at="2025-12-31T23:59:00Z"))
    refused = refusal(raw, network.directory(), now=early)
    assert (refused.code, refused.field) == ("key_not_valid", "envelope.key_id")


def test_a_signature_by_another_key_is_refused(network: Network) -> None:
    sent = message(network)
    other = network.nodes["DE"].signing_key(NOW).sign(canonical(json.loads(sent.raw)["envelope"]))
    forged = canonical({"envelope": json.loads(sent.raw)["envelope"], "signature": other})
    refused = refusal(forged, network.directory())
    assert (refused.code, refused.field) == ("bad_signature", "signature")


def test_one_changed_byte_in_the_body_is_refused(network: Network) -> None:
    raw = message(network).raw
    changed = raw.replace(b"Menottes SA", b"Menottes SB", 1)
    assert changed != raw
    assert refusal(changed, network.directory()).code == "bad_signature"


def test_a_message_for_another_state_is_refused(network: Network) -> None:
    refused = refusal(message(network, recipient="DE").raw, network.directory(), me="KE")
    assert (refused.code, refused.field) == ("wrong_recipient", "envelope.to")


def test_a_clock_ten_minutes_ahead_is_refused(network: Network) -> None:
    ahead = message(network, sent_at=NOW + dt.timedelta(minutes=10))
    refused = refusal(ahead.raw, network.directory())
    assert (refused.code, refused.field) == ("clock_skew", "envelope.sent_at")


def test_a_clock_four_minutes_ahead_is_tolerated(network: Network) -> None:
    ahead = message(network, sent_at=NOW + dt.timedelta(minutes=4))
    assert verify(ahead.raw, me="KE", now=NOW, directory=network.directory()).id == ahead.id


def test_a_message_older_than_the_replay_window_is_refused(network: Network) -> None:
    old = message(network, sent_at=NOW - dt.timedelta(days=31))
    assert refusal(old.raw, network.directory()).code == "too_old"
    days_late = message(network, sent_at=NOW - dt.timedelta(days=6))
    assert verify(days_late.raw, me="KE", now=NOW, directory=network.directory())


def test_ten_megabytes_are_refused_before_being_read(network: Network) -> None:
    raw = b'{"envelope": {"body": "' + b"x" * (10 * 1024 * 1024) + b'"}}'
    refused = refusal(raw, network.directory())
    assert refused.code == "too_large" and "at most 1048576" in refused.message


def test_a_body_off_its_schema_is_refused_naming_the_field(network: Network) -> None:
    key = network.nodes["FR"].signing_key(NOW)
    raw = resign(message(network).raw, key, lambda e: e["body"].update(reply_by="soon"))
    refused = refusal(raw, network.directory())
    assert (refused.code, refused.field) == ("schema", "body.reply_by")


def test_an_extra_field_in_a_body_is_refused(network: Network) -> None:
    key = network.nodes["FR"].signing_key(NOW)
    raw = resign(
        message(network).raw, key, lambda e: e["body"]["exporter"].update(internal_note="x")
    )
    refused = refusal(raw, network.directory())
    assert (refused.code, refused.field) == ("schema", "body.exporter.internal_note")


def test_an_unknown_type_is_refused(network: Network) -> None:
    key = network.nodes["FR"].signing_key(NOW)
    raw = resign(message(network).raw, key, lambda e: e.update(type="gossip"))
    assert refusal(raw, network.directory()).code == "unknown_type"


def test_another_protocol_is_refused(network: Network) -> None:
    key = network.nodes["FR"].signing_key(NOW)
    raw = resign(message(network).raw, key, lambda e: e.update(protocol="torturefree-exchange/2"))
    assert refusal(raw, network.directory()).code == "unsupported_protocol"


@pytest.mark.parametrize(
    ("raw", "field"),
    [
        (b"not json", None),
        (b"[1, 2]", "envelope"),
        (b'{"envelope": {"a": 1, "a": 2}, "signature": "x"}', None),
        (b'{"envelope": {"x": NaN}, "signature": "x"}', None),
        (b'{"envelope": {}}', "signature"),
        (b"\xff\xfe", None),
    ],
)
def test_malformed_bytes_are_refused(network: Network, raw: bytes, field: str | None) -> None:
    refused = refusal(raw, network.directory())
    assert (refused.code, refused.field) == ("malformed", field)


@pytest.mark.parametrize(
    ("name", "value"),
    [("id", "not-a-uuid"), ("sent_at", "2026-12-05T10:00:00+01:00"), ("body", []), ("to", 3)],
)
def test_a_malformed_envelope_field_is_named(network: Network, name: str, value: Any) -> None:
    key = network.nodes["FR"].signing_key(NOW)
    raw = resign(message(network).raw, key, lambda e: e.update({name: value}))
    refused = refusal(raw, network.directory())
    assert (refused.code, refused.field) == ("malformed", f"envelope.{name}")


def test_envelope_fields_a_newer_peer_added_are_signed_and_kept(network: Network) -> None:
    key = network.nodes["FR"].signing_key(NOW)
    raw = resign(message(network).raw, key, lambda e: e.update(priority="high"))
    received = verify(raw, me="KE", now=NOW, directory=network.directory())
    assert received.envelope.extra == {"priority": "high"}
    assert refusal(raw.replace(b'"high"', b'"low!"'), network.directory()).code == "bad_signature"


def test_a_rotated_key_still_verifies_what_it_signed_while_valid(network: Network) -> None:
    fr = network.nodes["FR"]
    old = fr.signing_key(NOW)
    fr.keyring.rotate(dt.date(2027, 1, 1), None)
    directory = network.directory()
    december = message(network, sent_at=NOW)
    assert december.envelope.key_id == old.key_id
    assert verify(december.raw, me="KE", now=NOW, directory=directory)
    january = dt.datetime(2027, 1, 2, tzinfo=dt.UTC)
    new = message(network, sent_at=january)
    assert new.envelope.key_id == "FR-2027-1"
    assert verify(new.raw, me="KE", now=january, directory=directory)
    # The old key signing after its validity ended (a stolen or forgotten key) is refused.
    late = resign(december.raw, old, lambda e: e.update(sent_at="2027-01-02T00:00:00Z"))
    assert refusal(late, directory, now=january).code == "key_not_valid"


def test_a_key_signs_nothing_outside_its_validity(network: Network) -> None:
    key = network.nodes["FR"].signing_key(NOW)
    expired = dataclasses.replace(
        key, public=dataclasses.replace(key.public, valid_until=dt.date(2026, 6, 30))
    )
    with pytest.raises(Exception, match="not valid"):
        message(network, key=expired)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_any_flipped_byte_of_a_signed_message_is_refused(
    network: Network, data: st.DataObject
) -> None:
    raw = _signed_once(network)
    position = data.draw(st.integers(0, len(raw) - 1))
    bit = data.draw(st.integers(0, 7))
    flipped = bytearray(raw)
    flipped[position] ^= 1 << bit
    with pytest.raises(Refusal):
        verify(bytes(flipped), me="KE", now=NOW, directory=_directory_once(network))


_CACHE: dict[int, Any] = {}


def _signed_once(network: Network) -> bytes:
    key = ("raw", id(network))
    if key not in _CACHE:
        _CACHE[key] = message(network).raw  # type: ignore[index]
    return _CACHE[key]  # type: ignore[index,no-any-return]


def _directory_once(network: Network) -> Directory:
    key = ("directory", id(network))
    if key not in _CACHE:
        _CACHE[key] = network.directory()  # type: ignore[index]
    return _CACHE[key]  # type: ignore[index,no-any-return]


def test_a_signature_spelled_with_its_unused_bits_set_is_refused(network: Network) -> None:
    sent = json.loads(message(network).raw)
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    last = sent["signature"][-1]
    # 64 bytes are 86 characters: the last carries 2 bits of data and 4 unused bits.
    sibling = alphabet[alphabet.index(last) ^ 1]
    sent["signature"] = sent["signature"][:-1] + sibling
    refused = refusal(canonical(sent), network.directory())
    assert refused.code == "bad_signature"


@pytest.mark.parametrize("depth", [40, 200_000])
def test_deeply_nested_json_is_refused_not_a_crash(network: Network, depth: int) -> None:
    raw = b'{"envelope": {"body": ' + b"[" * depth + b"]" * depth + b'}, "signature": "x"}'
    refused = refusal(raw, network.directory())
    assert refused.code == "malformed" and "nested deeper" in refused.message


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    envelope=st.dictionaries(
        st.sampled_from(
            [
                "protocol",
                "id",
                "type",
                "from",
                "to",
                "key_id",
                "sent_at",
                "body",
                "conversation",
                "in_reply_to",
            ]
        ),
        st.recursive(
            st.none()
            | st.booleans()
            | st.integers()
            | st.floats(allow_nan=False)
            | st.text(max_size=20),
            lambda inner: (
                st.lists(inner, max_size=3)
                | st.dictionaries(st.text(max_size=5), inner, max_size=3)
            ),
            max_leaves=8,
        ),
    ),
    signature=st.text(max_size=90),
)
def test_any_envelope_is_verified_or_refused_never_a_crash(
    network: Network, envelope: dict[str, Any], signature: str
) -> None:
    raw = json.dumps({"envelope": envelope, "signature": signature}).encode()
    with pytest.raises(Refusal) as caught:
        verify(raw, me="KE", now=NOW, directory=_directory_once(network))
    assert caught.value.code in REFUSAL_CODES
