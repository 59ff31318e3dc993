"""The exchange in the case work, between real nodes (`torturefree serve` with its worker each).

FR refuses -> DE receives the denial -> DE's grant of an essentially identical licence is
blocked until DE consults FR through the exchange -> FR answers -> DE grants, and FR sees the
grant notice. FR grants to KE -> KE objects -> FR's case shows it and its shipments wait.
Then: every message any node sent fits its type's schema and carries nothing internal.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

import pytest
from tests.exchange.casework_kit import (
    INTERNAL_NOTE,
    NodeApi,
    advise,
    open_case,
    seed,
    sent_messages,
    stun_guns,
    wait_for,
)
from tests.exchange.nodes import Network, exchange_network

from torturefree.exchange import verify
from torturefree.exchange.schemas import undeclared_fields, validate_body
from torturefree.exchange.timefmt import now_utc

__all__ = ["exchange_network"]

pytestmark = pytest.mark.slow

END_USER = "Policia Militar do Estado de Sao Paulo"


def _count(api: NodeApi, path: str) -> int:
    status, body = api.get(path)
    assert status == 200, body
    return int(body["count"])


def _refuse_at_fr(network: Network) -> None:
    fr = network["FR"]
    case_id = open_case(fr, stun_guns("BR", END_USER))
    advise(fr, case_id, "refuse", ["art12_2_torture"])
    status, body = NodeApi(fr, "senior").post(
        f"/cases/{case_id}/decision",
        {"outcome": "refuse", "reasons": ["art12_2_torture"], "text": "Reports of abuse."},
    )
    assert status == 201, body


def _denial_reaches_de(network: Network) -> dict[str, Any]:
    de = NodeApi(network["DE"], "caseworker")

    def arrived() -> Any:
        items = de.get("/denials?direction=incoming")[1]["items"]
        return items[0] if items else None

    denial = wait_for(arrived, "FR's denial at DE")
    assert denial["issuing_state"] == "FR" and denial["destination"] == "BR"
    assert denial["reason_codes"] == ["art12_2_torture"]
    return dict(denial)


def test_a_denial_blocks_an_identical_grant_until_the_denying_state_is_consulted(
    exchange_network: Callable[..., Network],
) -> None:
    network = exchange_network("FR", "DE", "KE")
    for state in ("FR", "DE", "KE"):
        seed(network[state])
    _refuse_at_fr(network)
    denial = _denial_reaches_de(network)

    de = network["DE"]
    case_id = open_case(de, stun_guns("BR", END_USER))
    advise(de, case_id, "grant", [])
    senior = NodeApi(de, "senior")
    decide = {"outcome": "grant", "text": "Training use verified on site."}
    status, refused = senior.post(f"/cases/{case_id}/decision", decide)
    assert status == 409, refused
    assert refused["error"]["code"] == "blocked_denial_consultation"
    assert f"consult FR about its denial {denial['reference']}" in refused["error"]["message"]

    caseworker = NodeApi(de, "caseworker")
    [match] = caseworker.get(f"/cases/{case_id}")[1]["denial_matches"]
    status, sent = caseworker.post(f"/cases/{case_id}/consultations/{match['id']}/request")
    assert status == 201, sent
    assert sent["to_state"] == "FR"
    # The time limit comes from data (exchange-consultation-reply: 30 days).
    assert sent["reply_by"] == (dt.date.today() + dt.timedelta(days=30)).isoformat()
    assert [b["code"] for b in sent["blocks"]] == ["consultation_awaiting_reply"]
    status, waiting = senior.post(f"/cases/{case_id}/decision", decide)
    assert (status, waiting["error"]["code"]) == (409, "blocked_consultation_awaiting_reply")

    fr = NodeApi(network["FR"], "caseworker")
    wait_for(lambda: _count(fr, "/exchange/consultations?open=true") == 1, "the consultation")
    [asked] = fr.get("/exchange/consultations")[1]["items"]
    assert asked["from_state"] == "DE" and asked["denial"] == f"FR/{denial['reference']}"
    assert asked["reply_by"] == sent["reply_by"] and asked["overdue"] is False
    assert asked["transaction"]["destination"] == "BR"
    status, answered = fr.post(
        f"/exchange/consultations/{asked['id']}/reply",
        {"maintains_denial": True, "comments": "Our denial stands: same end user."},
    )
    assert status == 200 and answered["replied_at"], answered
    again = fr.post(
        f"/exchange/consultations/{asked['id']}/reply", {"maintains_denial": False, "comments": "x"}
    )
    assert again[0] == 409 and again[1]["error"]["code"] == "conflict"

    def answered_at_de() -> Any:
        found = caseworker.get(f"/cases/{case_id}/exchange")[1]
        return found if found["consultations"][0]["status"] == "answered" else None

    shown = wait_for(answered_at_de, "FR's reply on DE's case")
    consultation = shown["consultations"][0]
    assert consultation["maintains_denial"] is True
    assert consultation["comments"] == "Our denial stands: same end user."
    assert shown["blocks"] == []

    status, granted = senior.post(f"/cases/{case_id}/decision", decide)
    assert status == 201, granted

    def grant_notice_at_fr() -> Any:
        return fr.get("/exchange/consultations")[1]["items"][0]["grant_notices"]

    [notice] = wait_for(grant_notice_at_fr, "DE's grant notice at FR")
    assert notice["licence"]["number"] == granted["licence_number"]
    assert notice["reasons"] == [{"text": "Training use verified on site."}]

    # FR withdraws its denial: every state its notice went to stops counting it.
    status, withdrawn = fr.post(
        f"/denials/{_our_denial(fr)['id']}/withdraw", {"reason": "Annulled on appeal."}
    )
    assert status == 200 and withdrawn["revoked"] is True, withdrawn
    assert len(withdrawn["messages"]) == 3  # DE, KE and the hub got the notice

    def revoked_at(state: str) -> Any:
        api = NodeApi(network[state], "caseworker")
        return api.get("/denials?direction=incoming")[1]["items"][0]["revoked"]

    wait_for(lambda: revoked_at("DE") and revoked_at("KE"), "the withdrawal at DE and KE")
    _every_message_fits_its_schema(network)


def _our_denial(api: NodeApi) -> dict[str, Any]:
    [denial] = api.get("/denials?direction=outgoing")[1]["items"]
    return dict(denial)


def test_an_importing_states_objection_shows_on_the_case_and_holds_the_shipments(
    exchange_network: Callable[..., Network],
) -> None:
    network = exchange_network("FR", "KE")
    for state in ("FR", "KE"):
        seed(network[state])
    fr = network["FR"]
    case_id = open_case(fr, stun_guns("KE", "Kenya Police Service"))
    advise(fr, case_id, "grant", [])
    status, granted = NodeApi(fr, "senior").post(
        f"/cases/{case_id}/decision", {"outcome": "grant", "validity_months": 12}
    )
    assert status == 201, granted

    ke = NodeApi(network["KE"], "caseworker")
    wait_for(lambda: _count(ke, "/exchange/notices?open=true") == 1, "FR's notice at KE")
    [notice] = ke.get("/exchange/notices")[1]["items"]
    assert notice["from_state"] == "FR" and notice["licence_number"] == granted["licence_number"]
    # FR's profile (EU) gives 15 days and "proceed" (data/parameters/exchange-pre-export-reply).
    assert notice["reply_by"] == (dt.date.today() + dt.timedelta(days=15)).isoformat()
    assert notice["if_no_reply"] == "proceed" and notice["days_left"] == 15
    assert notice["end_user"]["name"] == "Kenya Police Service"
    assert notice["goods"][0]["entry"] == "eu-2019-125/portable-electric-discharge-weapons"
    no_reason = ke.post(f"/exchange/notices/{notice['id']}/reply", {"decision": "objection"})
    assert no_reason[0] == 400 and no_reason[1]["error"]["field"] == "reasons"
    objection = {"text": "The end user has no crowd-control unit", "citation": "KE rules s. 4"}
    status, replied = ke.post(
        f"/exchange/notices/{notice['id']}/reply",
        {"decision": "objection", "reasons": [objection]},
    )
    assert status == 200 and replied["reply"] == "objection", replied

    caseworker = NodeApi(fr, "caseworker")

    def objection_at_fr() -> Any:
        sent = caseworker.get(f"/cases/{case_id}/exchange")[1]["pre_export_notices"]
        return sent[0] if sent and sent[0]["reply"] == "objection" else None

    sent = wait_for(objection_at_fr, "KE's objection on FR's case")
    assert sent["to_state"] == "KE" and sent["reasons"] == [objection]
    assert sent["hold"]["code"] == "blocked_pre_export_objection"
    assert "pre_export_objection" in caseworker.get(f"/cases/{case_id}")[1]["flags"]

    shipment = {
        "customs_reference": "MRN-KE-1",
        "shipped_on": dt.date.today().isoformat(),
        "lines": [{"line_no": 1, "quantity": 10}],
    }
    [listed] = caseworker.get("/exchange/objections")[1]["items"]
    assert (listed["case_id"], listed["licence_number"]) == (case_id, granted["licence_number"])
    trader = NodeApi(fr, "trader")
    status, held = trader.post(f"/licences/{granted['licence_id']}/shipments", shipment)
    assert (status, held["error"]["code"]) == (409, "blocked_pre_export_objection")
    lifted = caseworker.post(
        f"/exchange/sent-notices/{sent['id']}/lift-hold",
        {"reason": "The consignee showed KE's import permit."},
    )
    assert lifted[0] == 200 and lifted[1]["hold"] is None, lifted
    assert _count(caseworker, "/exchange/objections") == 0
    status, shipped = trader.post(f"/licences/{granted['licence_id']}/shipments", shipment)
    assert status == 201, shipped
    _every_message_fits_its_schema(network)


def _every_message_fits_its_schema(network: Network) -> None:
    """What left each node: signed by it, every body field declared by its type's schema, and
    nothing of the case's internal notes or officers' logins (issue #13 item 5)."""
    directory = network["FR"].node.directory()
    seen: set[str] = set()
    for state, member in network.nodes.items():
        for raw in sent_messages(member):
            envelope = json.loads(raw)["envelope"]
            signed = verify(raw, me=envelope["to"], now=now_utc(), directory=directory)
            assert signed.envelope.sender == state
            validate_body(envelope["type"], envelope["body"])
            assert not undeclared_fields(envelope["type"], envelope["body"])
            text = raw.decode()
            for secret in (INTERNAL_NOTE, "caseworker", "senior", "test-password"):
                assert secret not in text, (envelope["type"], secret)
            seen.add(envelope["type"])
    assert seen, "no message was sent"
