"""Receipts are signed answers: accepted or refused, for the exact bytes received."""

from __future__ import annotations

import datetime as dt

import pytest
from tests.exchange.conftest import NOW, Network
from tests.exchange.test_verify import message

from torturefree.exchange import (
    ReceiptError,
    Refusal,
    read_receipt,
    receipt_for,
    verify,
)

LATER = NOW + dt.timedelta(seconds=2)


def test_an_accepted_message_gets_a_signed_receipt_the_sender_reads(network: Network) -> None:
    sent = message(network)
    directory = network.directory()
    received = verify(sent.raw, me="KE", now=NOW, directory=directory)
    answer = receipt_for(
        sent.raw, received, me="KE", key=network.nodes["KE"].signing_key(NOW), received_at=LATER
    )
    assert answer.envelope.in_reply_to == sent.id
    assert answer.envelope.conversation == sent.envelope.conversation
    receipt = read_receipt(answer.raw, sent=sent, now=LATER, directory=directory)
    assert receipt.accepted and receipt.sha256 == sent.sha256 and receipt.error is None
    assert receipt.received_at == "2026-12-05T10:00:02Z"


def test_a_refusal_is_signed_too_with_its_code_and_field(network: Network) -> None:
    ahead = NOW + dt.timedelta(minutes=10)
    sent = message(network, sent_at=ahead)
    directory = network.directory()
    with pytest.raises(Refusal) as caught:
        verify(sent.raw, me="KE", now=NOW, directory=directory)
    key = network.nodes["KE"].signing_key(NOW)
    answer = receipt_for(sent.raw, caught.value, me="KE", key=key, received_at=NOW)
    receipt = read_receipt(answer.raw, sent=sent, now=ahead, directory=directory)
    assert not receipt.accepted and receipt.sha256 == sent.sha256
    assert receipt.error is not None
    assert (receipt.error["code"], receipt.error["field"]) == ("clock_skew", "envelope.sent_at")


def test_only_the_recipients_receipt_counts(network: Network) -> None:
    sent = message(network, recipient="DE")
    directory = network.directory()
    with pytest.raises(Refusal) as caught:
        verify(sent.raw, me="KE", now=NOW, directory=directory)
    key = network.nodes["KE"].signing_key(NOW)
    answer = receipt_for(sent.raw, caught.value, me="KE", key=key, received_at=NOW)
    assert answer.envelope.body["error"]["code"] == "wrong_recipient"
    # KE answering for DE (a wrong URL in a directory) is not DE's refusal: not delivered.
    with pytest.raises(ReceiptError, match="comes from KE, not DE"):
        read_receipt(answer.raw, sent=sent, now=NOW, directory=directory)


def test_unreadable_bytes_get_a_refusal_to_an_unknown_sender(network: Network) -> None:
    with pytest.raises(Refusal) as caught:
        verify(b"garbage", me="KE", now=NOW, directory=network.directory())
    answer = receipt_for(
        b"garbage", caught.value, me="KE", key=network.nodes["KE"].signing_key(NOW), received_at=NOW
    )
    assert answer.envelope.recipient == "ZZ" and answer.envelope.in_reply_to is None
    assert answer.envelope.body["error"]["code"] == "malformed"


def test_a_receipt_for_other_bytes_or_another_message_is_not_a_delivery(network: Network) -> None:
    sent, other = message(network), message(network)
    directory = network.directory()
    key = network.nodes["KE"].signing_key(NOW)
    for_other = receipt_for(
        other.raw,
        verify(other.raw, me="KE", now=NOW, directory=directory),
        me="KE",
        key=key,
        received_at=NOW,
    )
    with pytest.raises(ReceiptError, match="answers"):
        read_receipt(for_other.raw, sent=sent, now=NOW, directory=directory)
    tampered = sent.raw.replace(b"Menottes SA", b"Menottes SB")
    with pytest.raises(Refusal) as caught:
        verify(tampered, me="KE", now=NOW, directory=directory)
    refusal_answer = receipt_for(tampered, caught.value, me="KE", key=key, received_at=NOW)
    with pytest.raises(ReceiptError, match="other bytes"):
        read_receipt(refusal_answer.raw, sent=sent, now=NOW, directory=directory)


def test_a_receipt_signed_by_someone_else_is_not_a_delivery(network: Network) -> None:
    sent = message(network)
    directory = network.directory()
    received = verify(sent.raw, me="KE", now=NOW, directory=directory)
    de_answer = receipt_for(
        sent.raw, received, me="DE", key=network.nodes["DE"].signing_key(NOW), received_at=NOW
    )
    with pytest.raises(ReceiptError, match="comes from DE"):
        read_receipt(de_answer.raw, sent=sent, now=NOW, directory=directory)
