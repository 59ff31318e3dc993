"""The three-node story of issue #13, told step by step over the nodes' APIs.

FR grants stun guns for Kenya -> KE receives the pre-export notice and objects -> FR's shipment
is refused. FR refuses the same goods for a Brazilian police unit -> DE receives the denial ->
DE's essentially identical grant is blocked -> DE consults FR -> FR replies -> DE grants and
sends a grant notice -> FR sees it. Each step prints what was done and what came out; delivery
between the nodes is their own queue workers', the story only waits for it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from torturefree.exchange.demo_nodes import DemoNetwork, DemoNode
from torturefree.exchange.local_nodes import poll

Say = Callable[[str], None]
END_USER_BR = "Policia Militar do Estado de Sao Paulo"


class StoryError(RuntimeError):
    """A step did not come out as the story expects (the node's answer is in the message)."""


def _expect(answer: tuple[int, Any], status: int, step: str) -> Any:
    if answer[0] != status:
        raise StoryError(f"{step}: expected HTTP {status}, got {answer[0]}: {answer[1]}")
    return answer[1]


def _wait(check: Callable[[], Any], what: str, timeout: float) -> Any:
    found = poll(check, timeout)
    if not found:
        raise StoryError(f"timed out after {timeout:.0f}s waiting for {what}")
    return found


def application(destination: str, end_user: str, /, **overrides: Any) -> dict[str, Any]:
    """The story's application: 100 stun guns (Annex III) to `end_user`, a police unit of
    `destination`, and its consignee there; `overrides` replace top-level fields (the tests
    apply it to other destinations and types)."""
    body: dict[str, Any] = {
        "type": "individual_export",
        "destination": destination,
        "end_use": "law_enforcement",
        "end_use_detail": "Issued to the police for crowd control training.",
        "lines": [
            {
                "description": "stun gun, 50 kV, handheld",
                "cn_code": "9304 00 00",
                "quantity": 100,
                "unit": "pieces",
                "value": 12000,
                "currency": "EUR",
            }
        ],
        "parties": [
            {"role": "end_user", "name": end_user, "country": destination, "type": "police"},
            {"role": "consignee", "name": "Importadora Segura Ltda", "country": destination},
        ],
    }
    body.update(overrides)
    return body


def _open_case(node: DemoNode, application: dict[str, Any], advice: dict[str, Any]) -> int:
    """The trader applies and submits; the caseworker takes the case and advises."""
    created = _expect(node.call("trader", "POST", "/applications", application), 201, "apply")
    submitted = _expect(
        node.call("trader", "POST", f"/applications/{created['id']}/submit"), 200, "submit"
    )
    case_id = int(submitted["case"]["id"])
    assign = {"assignee": "caseworker"}
    _expect(node.call("caseworker", "POST", f"/cases/{case_id}/assign", assign), 200, "assign")
    _expect(node.call("caseworker", "POST", f"/cases/{case_id}/advice", advice), 201, "advise")
    return case_id


def _decide(node: DemoNode, case_id: int, decision: dict[str, Any]) -> tuple[int, Any]:
    return node.call("senior", "POST", f"/cases/{case_id}/decision", decision)


def objection_story(net: DemoNetwork, say: Say, timeout: float) -> None:
    fr, ke = net["FR"], net["KE"]
    case_id = _open_case(
        fr, application("KE", "Kenya Police Service"), {"recommendation": "grant", "reasons": []}
    )
    granted = _expect(
        _decide(fr, case_id, {"outcome": "grant", "validity_months": 12}), 201, "FR grants"
    )
    say(
        f"FR grants licence {granted['licence_number']} (stun guns to KE): pre-export notice queued"
    )

    def notice_at_ke() -> Any:
        items = ke.call("caseworker", "GET", "/exchange/notices?open=true")[1]["items"]
        return items[0] if items else None

    notice = _wait(notice_at_ke, "FR's notice at KE", timeout)
    say(f"KE received the notice from {notice['from_state']}: reply by {notice['reply_by']}")
    reason = {"text": "The end user has no crowd-control unit", "citation": "KE rules s. 4"}
    reply = {"decision": "objection", "reasons": [reason]}
    path = f"/exchange/notices/{notice['id']}/reply"
    _expect(ke.call("caseworker", "POST", path, reply), 200, "KE objects")
    say("KE objects: " + reason["text"])

    def objection_at_fr() -> Any:
        sent = fr.call("caseworker", "GET", f"/cases/{case_id}/exchange")[1]["pre_export_notices"]
        return sent[0] if sent and sent[0]["reply"] == "objection" else None

    sent = _wait(objection_at_fr, "KE's objection at FR", timeout)
    say(f"FR's case shows KE's objection; hold: {sent['hold']['code']}")
    shipment = {
        "customs_reference": "MRN-DEMO-1",
        "shipped_on": dt.date.today().isoformat(),
        "lines": [{"line_no": 1, "quantity": 10}],
    }
    status, held = fr.call(
        "trader", "POST", f"/licences/{granted['licence_id']}/shipments", shipment
    )
    if status != 409:
        raise StoryError(f"FR's shipment was not refused: HTTP {status}: {held}")
    say(f"FR's shipment under {granted['licence_number']} refused: {held['error']['code']}")


def denial_story(net: DemoNetwork, say: Say, timeout: float) -> None:
    fr, de = net["FR"], net["DE"]
    refuse = {"recommendation": "refuse", "reasons": ["art12_2_torture"]}
    fr_case = _open_case(fr, application("BR", END_USER_BR), refuse)
    decision = {"outcome": "refuse", "reasons": ["art12_2_torture"], "text": "Reports of abuse."}
    _expect(_decide(fr, fr_case, decision), 201, "FR refuses")
    say("FR refuses stun guns for a Brazilian police unit (art12_2_torture): a denial")

    def denial_at_de() -> Any:
        items = de.call("caseworker", "GET", "/denials?direction=incoming")[1]["items"]
        return items[0] if items else None

    denial = _wait(denial_at_de, "FR's denial at DE", timeout)
    say(f"DE received FR's denial {denial['reference']} (destination {denial['destination']})")
    grant = {"outcome": "grant", "text": "Training use verified on site."}
    de_case = _open_case(
        de, application("BR", END_USER_BR), {"recommendation": "grant", "reasons": []}
    )
    blocked = _decide(de, de_case, grant)
    if blocked[0] != 409:
        raise StoryError(f"DE's identical grant was not blocked: {blocked}")
    say(f"DE's grant of an essentially identical licence is blocked: {blocked[1]['error']['code']}")
    consult(net, say, timeout, de_case)
    granted = _expect(_decide(de, de_case, grant), 201, "DE grants")
    say(f"DE grants licence {granted['licence_number']} despite the denial: grant notice queued")

    def grant_notice_at_fr() -> Any:
        items = fr.call("caseworker", "GET", "/exchange/consultations")[1]["items"]
        return items[0]["grant_notices"] if items else None

    [notice] = _wait(grant_notice_at_fr, "DE's grant notice at FR", timeout)
    say(f"FR sees DE's grant notice: licence {notice['licence']['number']}")


def consult(net: DemoNetwork, say: Say, timeout: float, de_case: int) -> None:
    fr, de = net["FR"], net["DE"]
    [match] = de.call("caseworker", "GET", f"/cases/{de_case}")[1]["denial_matches"]
    path = f"/cases/{de_case}/consultations/{match['id']}/request"
    sent = _expect(de.call("caseworker", "POST", path), 201, "DE consults")
    say(f"DE consults {sent['to_state']} through the exchange: reply by {sent['reply_by']}")

    def asked_at_fr() -> Any:
        items = fr.call("caseworker", "GET", "/exchange/consultations?open=true")[1]["items"]
        return items[0] if items else None

    asked = _wait(asked_at_fr, "DE's consultation at FR", timeout)
    answer = {"maintains_denial": True, "comments": "Our denial stands: same end user."}
    reply_path = f"/exchange/consultations/{asked['id']}/reply"
    _expect(fr.call("caseworker", "POST", reply_path, answer), 200, "FR replies")
    say(f"FR replies to {asked['from_state']}: maintains its denial")

    def answered_at_de() -> Any:
        shown = de.call("caseworker", "GET", f"/cases/{de_case}/exchange")[1]
        return shown if shown["consultations"][0]["status"] == "answered" else None

    shown = _wait(answered_at_de, "FR's reply on DE's case", timeout)
    say(f"DE's case shows FR's reply: \"{shown['consultations'][0]['comments']}\"")
