"""Sign-ins to the hub's pages in the ledger, on a real hub: a sign-in under the account's
role, a wrong password and an unknown name refused and recorded without the password, a
sign-out; the address only as a digest."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from .hubkit import Hub
from .hubweb import PASSWORD, Browser, account


def _events(hub: Hub, subject: str) -> list[dict[str, Any]]:
    with sqlite3.connect(hub.home / "records.sqlite3") as db:
        rows = db.execute(
            "SELECT actor, payload FROM ledger_entry WHERE subject = ? ORDER BY seq", (subject,)
        ).fetchall()
    return [{"actor": actor, **json.loads(payload)} for actor, payload in rows]


def _verbs(hub: Hub, subject: str) -> list[tuple[str, str]]:
    return [(e["actor"], e["verb"]) for e in _events(hub, subject)]


def test_sign_ins_and_outs_are_in_the_ledger(hub: Hub) -> None:
    username = account(hub, "analyst")
    browser = Browser(hub)
    status, _, _ = browser.sign_in(username, "not-the-password")
    assert status == 200
    status, _, location = browser.sign_in(username)
    assert status == 302 and location.endswith("/desk/")
    assert browser.post("/account/sign-out", {})[0] == 302
    assert _verbs(hub, f"account:{username}") == [
        ("anonymous", "review.sign_in_failed"),
        (f"analyst:{username}", "review.sign_in"),
        (f"analyst:{username}", "review.sign_out"),
    ]
    written = json.dumps(_events(hub, f"account:{username}"))
    assert PASSWORD not in written and "not-the-password" not in written
    assert "127.0.0.1" not in written


def test_a_sign_in_under_an_unknown_name_is_recorded_as_refused(hub: Hub) -> None:
    status, _, _ = Browser(hub).sign_in("nobody-by-this-name")
    assert status == 200
    assert _verbs(hub, "account:nobody-by-this-name") == [("anonymous", "review.sign_in_failed")]


def test_signing_out_when_signed_out_records_nothing(hub: Hub) -> None:
    browser = Browser(hub)
    assert browser.post("/account/sign-out", {})[0] == 302
    assert _verbs(hub, "account:") == []
