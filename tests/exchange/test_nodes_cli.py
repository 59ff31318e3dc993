"""`torturefree exchange send | inbox | outbox | deliver` run as real nodes' commands."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from tests.exchange.commands import MANUAL, body_file, command, inbox_row, outbox_row, until
from tests.exchange.nodes import Network, exchange_network

__all__ = ["exchange_network"]

pytestmark = pytest.mark.slow


def test_send_is_delivered_by_the_nodes_worker_and_answered_in_its_conversation(
    exchange_network: Callable[..., Network], tmp_path: Path
) -> None:
    network = exchange_network("FR", "KE")
    fr, ke = network["FR"], network["KE"]
    sent = command(
        fr, "send", "--to", "KE", "--type", "denial_notice",
        "--body", body_file(tmp_path, "denial_notice"),
    )  # fmt: skip
    assert sent["to"] == "KE" and sent["state"] == "pending"
    row = until(lambda: outbox_row(fr, sent["id"], "delivered"))
    assert row["attempts"] == 1 and row["type"] == "denial_notice"
    received = command(ke, "inbox", "--json")
    assert [(r["id"], r["from"], r["state"]) for r in received] == [(sent["id"], "FR", "accepted")]

    asked = command(
        ke, "send", "--to", "FR", "--type", "information_request",
        "--body", body_file(tmp_path, "information_request"), "--in-reply-to", sent["id"],
    )  # fmt: skip
    got = until(lambda: inbox_row(fr, asked["id"]))
    assert got["in_reply_to"] == sent["id"] and got["conversation"] == sent["id"]
    assert (got["type"], got["from"], got["state"]) == ("information_request", "KE", "accepted")
    table = fr.run("exchange", "inbox")
    assert table.returncode == 0 and "information_request" in table.stdout

    # A reply to a notice FR never sent: FR's signed refusal is final, KE stops and shows it.
    stray = command(
        ke, "send", "--to", "FR", "--type", "pre_export_reply",
        "--body", body_file(tmp_path, "pre_export_reply"), "--in-reply-to", sent["id"],
    )  # fmt: skip
    refused = until(lambda: outbox_row(ke, stray["id"], "refused"))
    assert refused["refusal"]["code"] == "not_applicable" and refused["attempts"] == 1
    assert inbox_row(fr, stray["id"])["state"] == "refused"


def test_deliver_by_hand_empties_the_outbox_and_reports_what_it_did(
    exchange_network: Callable[..., Network], tmp_path: Path
) -> None:
    network = exchange_network("FR", "DE", start=False, env=MANUAL)
    fr, de = network["FR"], network["DE"]
    de.start()  # FR needs no server to send: the commands use its database
    ids = [
        command(
            fr, "send", "--to", "DE", "--type", "denial_notice",
            "--body", body_file(tmp_path, "denial_notice", reference=f"FR-DEN-{n}"),
        )["id"]
        for n in range(3)
    ]  # fmt: skip
    waiting = command(fr, "outbox", "--json", "--state", "pending")
    assert sorted(r["id"] for r in waiting) == sorted(ids)

    assert command(fr, "deliver") == {
        "delivered": 3,
        "refused": 0,
        "retrying": 0,
        "undeliverable": 0,
    }
    assert command(fr, "deliver")["delivered"] == 0  # nothing left: a second run sends nothing
    assert sorted(r["id"] for r in command(de, "inbox", "--json")) == sorted(ids)
    assert {r["state"] for r in command(fr, "outbox", "--json")} == {"delivered"}


def test_send_names_the_option_at_fault(
    exchange_network: Callable[..., Network], tmp_path: Path
) -> None:
    network = exchange_network("FR", "KE", start=False, env=MANUAL)
    fr = network["FR"]
    notice = body_file(tmp_path, "pre_export_notice")
    out = command(fr, "send", "--to", "ZZ", "--type", "pre_export_notice", "--body", notice, code=2)
    assert "--to" in out and "ZZ is not in this node's directory" in out
    bad = body_file(tmp_path, "pre_export_notice", internal_note="call the trader")
    out = command(fr, "send", "--to", "KE", "--type", "pre_export_notice", "--body", bad, code=2)
    assert "--body" in out and "internal_note" in out
    (tmp_path / "broken.json").write_text("{not json")
    broken = str(tmp_path / "broken.json")
    out = command(fr, "send", "--to", "KE", "--type", "pre_export_notice", "--body", broken, code=2)
    assert "--body" in out and "not JSON" in out
    unknown = "00000000-0000-4000-8000-000000000000"
    out = command(
        fr, "send", "--to", "KE", "--type", "pre_export_reply",
        "--body", body_file(tmp_path, "pre_export_reply"), "--in-reply-to", unknown, code=2,
    )  # fmt: skip
    assert "--in-reply-to" in out
    assert command(fr, "outbox", "--json") == []  # nothing was queued by any of these
