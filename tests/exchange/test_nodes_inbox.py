"""A real node's inbox through the harness: signed receipts for a message, its replay and a forgery."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from tests.exchange.conftest import body
from tests.exchange.nodes import Network, exchange_network

from torturefree.exchange import read_receipt
from torturefree.exchange.timefmt import now_utc

__all__ = ["exchange_network"]

pytestmark = pytest.mark.slow


def test_a_notice_posted_to_a_real_node_is_receipted_once_and_a_forgery_refused(
    exchange_network: Callable[..., Network],
) -> None:
    network = exchange_network("FR", "KE")
    fr, ke = network["FR"], network["KE"]
    sent = fr.message("KE", "pre_export_notice", body("pre_export_notice"))
    directory = fr.node.directory()

    status, answer = ke.post(sent.raw)
    assert status == 200, answer[:500]
    receipt = read_receipt(answer, sent=sent, now=now_utc(), directory=directory)
    assert receipt.accepted and receipt.sha256 == sent.sha256

    # The same bytes again (a retry, or a replay): the very same receipt, byte for byte.
    assert ke.post(sent.raw) == (200, answer)

    forged = sent.raw.replace(b"Menottes SA", b"Menottes SB")
    status, answer = ke.post(forged)
    assert status == 200
    envelope = read_receipt_of_refusal(answer, network)
    assert envelope["error"]["code"] == "bad_signature"


def read_receipt_of_refusal(answer: bytes, network: Network) -> dict[str, object]:
    """A refusal receipt verified as FR would: signed by KE, addressed to FR."""
    from torturefree.exchange import verify

    message = verify(answer, me="FR", now=now_utc(), directory=network["FR"].node.directory())
    assert message.envelope.sender == "KE" and message.envelope.type == "receipt"
    return dict(message.envelope.body)
