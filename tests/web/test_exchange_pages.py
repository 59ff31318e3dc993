"""The exchange's case work in one node (#13): what each incoming message does, applied once,
and the officer's pages (English and French) that show it and answer it.

The node here has joined an exchange with FR (keys and a hub-signed directory in a temporary
home); delivery is left to the worker (manual here), so the queued answers stay in the outbox.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from torturefree.exchange import Node, NodeSettings, SignedMessage, new_envelope, sign
from torturefree.exchange.directory import directory_document, sign_directory
from web.pagekit import PASSWORD

BODIES = Path(__file__).resolve().parents[1] / "exchange" / "fixtures" / "bodies"


def body(message_type: str, **changes: Any) -> dict[str, Any]:
    found: dict[str, Any] = json.loads((BODIES / f"{message_type}.json").read_text())
    return found | changes


@pytest.fixture
def joined(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, settings: Any) -> dict[str, Node]:
    """This node (DE) and a peer FR in one hub-signed directory; deliveries left queued."""
    settings.TORTUREFREE_EXCHANGE_DELIVERY = "manual"
    nodes = {}
    for state in ("HUB", "FR", "DE"):
        node = Node(tmp_path / state.lower())
        contact = {"office": f"Export control {state}", "email": f"x@{state.lower()}.example"}
        node.init(
            NodeSettings(
                state=state, url=f"http://127.0.0.1:9/{state}", profile="EU", contact=contact
            )
        )
        nodes[state] = node
    entries = [n.entry() for n in nodes.values()]
    hub_key = nodes["HUB"].signing_key()
    raw = sign_directory(directory_document(1, entries), hub_key)
    nodes["DE"].directories.load(raw, hub_key.public.public_key)
    monkeypatch.setenv("TORTUREFREE_HOME", str(tmp_path / "de"))
    return nodes


def received(fr: Node, type: str, payload: dict[str, Any], **envelope: Any) -> SignedMessage:
    """A message from FR to this node, applied as the inbox applies it."""
    from django.db import transaction
    from torturefree_service.exchange.handlers import handler_for
    from torturefree_service.exchange.models import InboxMessage

    key = fr.signing_key()
    message = sign(
        new_envelope(
            type=type, sender="FR", recipient="DE", key_id=key.key_id, body=payload, **envelope
        ),
        key,
    )
    handler = handler_for(type)
    assert handler is not None
    e = message.envelope
    with transaction.atomic():
        stored = InboxMessage.objects.create(
            id=e.id,
            type=e.type,
            sender=e.sender,
            key_id=e.key_id,
            conversation=e.conversation,
            in_reply_to=e.in_reply_to,
            sent_at=e.sent_at,
            raw=message.raw,
            sha256=message.sha256,
            body=dict(e.body),
            receipt_raw=b"",
        )
        stored.subject_kind, stored.subject_ref = handler(message)
        stored.save()
    return message


def client_for(person: Any, language: str = "en") -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    assert client.login(username=person.user.username, password=PASSWORD)
    return client


def test_a_denial_notice_enters_the_denial_store_and_a_withdrawal_revokes_it(
    people: dict[str, Any], joined: dict[str, Node]
) -> None:
    from torturefree_service.denials.models import Denial
    from torturefree_service.exchange.handlers import NotApplicable

    received(joined["FR"], "denial_notice", body("denial_notice"))
    denial = Denial.objects.get(issuing_state="FR", reference="FR-DEN-2026-7")
    assert denial.direction == "incoming" and not denial.revoked
    assert denial.entries == ["eu-2019-125/annex-iii/2.1"]
    assert denial.end_user_name == "Kenya Prisons Service"
    assert denial.reason_codes == ["art12_2_torture"]
    # Sent again under a new id (a correction): the same denial, updated, not a second one.
    received(joined["FR"], "denial_notice", body("denial_notice", destination="UG"))
    assert Denial.objects.filter(issuing_state="FR").count() == 1
    assert Denial.objects.get(issuing_state="FR").destination == "UG"

    received(joined["FR"], "denial_withdrawal", body("denial_withdrawal"))
    assert Denial.objects.get(issuing_state="FR").revoked
    with pytest.raises(NotApplicable) as refused:
        received(joined["FR"], "denial_withdrawal", body("denial_withdrawal", reference="NONE-1"))
    assert refused.value.field == "body.reference"


def test_a_reply_to_nothing_we_sent_is_not_applicable(
    people: dict[str, Any], joined: dict[str, Node]
) -> None:
    import uuid

    from torturefree_service.exchange.handlers import NotApplicable

    for type in ("consultation_reply", "pre_export_reply", "information_reply"):
        with pytest.raises(NotApplicable) as refused:
            received(joined["FR"], type, body(type), in_reply_to=str(uuid.uuid4()))
        assert refused.value.field == "envelope.in_reply_to"
    with pytest.raises(NotApplicable) as unknown:
        received(joined["FR"], "consultation_request", body("consultation_request"))
    assert unknown.value.field == "body.denial_reference"


def test_the_officer_sees_a_notice_with_its_deadline_and_answers_it_in_french(
    people: dict[str, Any], joined: dict[str, Node]
) -> None:
    from torturefree_service.exchange.models import OutboxMessage, PreExportNoticeReceived

    reply_by = dt.date.today() + dt.timedelta(days=15)
    notice = received(
        joined["FR"],
        "pre_export_notice",
        body("pre_export_notice", reply_by=reply_by.isoformat(), if_no_reply="proceed"),
    )
    item = PreExportNoticeReceived.objects.get(message_id=notice.envelope.id)
    assert item.reply == "awaiting" and item.reply_by == reply_by

    english = client_for(people["people"]["caseworker"]).get("/casework/exchange/")
    assert english.status_code == 200
    page = english.content.decode()
    assert "Pre-export notices to us" in page and "15 days left" in page
    assert item.licence_number in page
    # Labels, not codes (#20): the state by name, the date as written.
    assert "<td>France</td>" in page and "<td>FR</td>" not in page
    assert f"<td>{reply_by.day} {reply_by:%B %Y}" in page

    french = client_for(people["people"]["caseworker"], "fr")
    listing = french.get("/casework/exchange/").content.decode()
    assert "Échanges avec les autres États" in listing and "15 jours restants" in listing
    url = f"/casework/exchange/notices/{item.pk}"
    shown = french.get(url)
    assert shown.status_code == 200 and "Notre réponse" in shown.content.decode()

    no_reason = french.post(url, {"decision": "objection", "reason": ""})
    assert no_reason.status_code == 400
    assert OutboxMessage.objects.count() == 0
    answered = french.post(
        url, {"decision": "objection", "reason": "End user unknown", "citation": "s. 4"}
    )
    assert answered.status_code == 302, answered.content.decode()[-3000:]
    item.refresh_from_db()
    assert item.reply == "objection"
    assert item.reply_reasons == [{"text": "End user unknown", "citation": "s. 4"}]
    [reply] = OutboxMessage.objects.all()
    assert (reply.type, reply.recipient, str(reply.in_reply_to)) == (
        "pre_export_reply",
        "FR",
        notice.envelope.id,
    )
    assert str(reply.conversation) == notice.envelope.conversation
    again = french.post(url, {"decision": "no_objection", "reason": ""})
    assert again.status_code == 400 and OutboxMessage.objects.count() == 1


def test_a_consultation_about_our_denial_is_answered_from_its_page(
    people: dict[str, Any], joined: dict[str, Node]
) -> None:
    from django.conf import settings
    from torturefree_service.denials.models import Denial
    from torturefree_service.exchange.models import ConsultationReceived, OutboxMessage

    Denial.objects.create(
        direction="outgoing",
        issuing_state=settings.TORTUREFREE_STATE,
        reference="FR-DEN-2026-7",
        decided_on=dt.date.today(),
        destination="KE",
    )
    asked = received(joined["FR"], "consultation_request", body("consultation_request"))
    item = ConsultationReceived.objects.get(message_id=asked.envelope.id)
    auditor = client_for(people["people"]["auditor"]).get(
        f"/casework/exchange/consultations/{item.pk}"
    )
    assert auditor.status_code == 200 and '<form method="post">' not in auditor.content.decode()
    page = client_for(people["people"]["caseworker"])
    url = f"/casework/exchange/consultations/{item.pk}"
    shown = page.get(url).content.decode()
    assert "Consultation about our denial" in shown
    assert "France means to grant" in shown and "FR means" not in shown
    sent = page.post(url, {"maintains_denial": "yes", "comments": "It stands."})
    assert sent.status_code == 302
    [reply] = OutboxMessage.objects.filter(type="consultation_reply")
    assert str(reply.in_reply_to) == asked.envelope.id
    envelope = json.loads(bytes(reply.raw))["envelope"]
    assert envelope["body"]["maintains_denial"] is True
    assert envelope["body"]["comments"] == "It stands."


def test_our_denial_is_notified_when_the_last_peer_receipts_its_notice(
    people: dict[str, Any], joined: dict[str, Node]
) -> None:
    from django.conf import settings
    from torturefree_service.denials.models import Denial
    from torturefree_service.exchange.casework import on_denial
    from torturefree_service.exchange.models import OutboxMessage, OutState
    from torturefree_service.exchange.settled import settle

    denial = Denial.objects.create(
        direction="outgoing",
        issuing_state=settings.TORTUREFREE_STATE,
        reference="DE-REF-1",
        decided_on=dt.date.today(),
        destination="BR",
        entries=["eu-2019-125/portable-electric-discharge-weapons"],
        reason_codes=["art12_2_torture"],
    )
    sent = on_denial(denial=denial, actor="test")
    assert len(sent) == 2  # FR and the hub: every participant that accepts denial notices
    first, second = (OutboxMessage.objects.get(pk=i) for i in sent)
    for message in (first, second):
        envelope = json.loads(bytes(message.raw))["envelope"]
        assert envelope["body"]["reference"] == "DE-REF-1"
    first.state = OutState.DELIVERED
    first.save()
    settle(first)
    denial.refresh_from_db()
    assert denial.notified_on is None  # one peer still has to receipt it
    second.state = OutState.DELIVERED
    second.save()
    settle(second)
    denial.refresh_from_db()
    assert denial.notified_on == dt.date.today()


def test_a_notice_carries_only_the_goods_the_importing_states_profile_controls(db: Any) -> None:
    from torturefree_service.exchange.receiver import controlled_goods

    stun = {"entry": "eu-2019-125/portable-electric-discharge-weapons", "description": "stun"}
    drug = {"entry": "eu-2019-125/amobarbital-sodium", "description": "barbiturate"}
    unrated = {"description": "something the officer did not rate"}
    today = dt.date.today()
    goods = [stun, drug, unrated]
    # UN-A: torture goods only (GGE report ¶132-134); UN-A+DP opts in death-penalty goods.
    assert controlled_goods(goods, "UN-A", "KE", today) == [stun, unrated]
    assert controlled_goods(goods, "UN-A+DP", "GH", today) == goods
    # Under the EU profile these are controlled on export, not on import: nothing to tell.
    assert controlled_goods([stun, drug], "EU", "DE", today) == []
    # No profile in the directory (a pinned peer) or one the data does not know: tell it all.
    assert controlled_goods(goods, None, "KE", today) == goods
    assert controlled_goods(goods, "XX-UNKNOWN", "KE", today) == goods
