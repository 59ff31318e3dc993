"""Administrators change a person's role and deactivate or reactivate them (person_update,
audited); the pages keep what was typed on a refusal; other roles are refused."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from torturefree_service.audit.models import AuditEvent
from torturefree_service.errors import Conflict, Forbidden, Invalid
from torturefree_service.organisations.services import person_update, token_issue, token_person

from web.conftest import make_person
from web.test_pages import client_for


def test_person_update_changes_role_and_access_with_audit(people: dict[str, Any]) -> None:
    who = people["people"]
    admin = make_person("admin", "administrator")
    caseworker = who["caseworker"]
    secret = token_issue(person=caseworker, secret="t-caseworker")
    done = person_update(by=admin, person=caseworker, role="senior_officer", reason="promoted")
    assert done == ["person.role"] and caseworker.role == "senior_officer"
    assert person_update(by=admin, person=caseworker, role="senior_officer", reason="x") == []
    person_update(by=admin, person=caseworker, active=False, reason="left the authority")
    assert token_person(secret) is None
    assert not Client().login(username="caseworker", password="demo-password")
    person_update(by=admin, person=caseworker, active=True, reason="came back")
    assert token_person(secret) is not None
    verbs = list(
        AuditEvent.objects.filter(subject="person/caseworker").values_list("verb", flat=True)
    )
    assert sorted(verbs) == ["person.deactivate", "person.reactivate", "person.role"]
    with pytest.raises(Invalid):  # a login never crosses between trader and staff
        person_update(by=admin, person=who["trader"], role="caseworker", reason="x")
    with pytest.raises(Conflict):  # no locking oneself out
        person_update(by=admin, person=admin, active=False, reason="x")
    with pytest.raises(Invalid):
        person_update(by=admin, person=caseworker, active=False, reason=" ")
    with pytest.raises(Forbidden):
        person_update(by=who["senior"], person=caseworker, active=False, reason="x")


def test_administrators_change_people_on_their_page(people: dict[str, Any]) -> None:
    admin_person = make_person("admin", "administrator")
    caseworker = people["people"]["caseworker"]
    admin = client_for("admin")
    assert f'href="/admin/people/{caseworker.pk}"' in admin.get("/admin/people").content.decode()
    url = f"/admin/people/{caseworker.pk}"
    no_reason = admin.post(url, {"role": "auditor", "active": "on", "reason": ""})
    html = no_reason.content.decode()
    assert no_reason.status_code == 400 and 'id="id_reason-error"' in html
    assert 'value="auditor" selected' in html  # the choice made is kept
    crossing = admin.post(url, {"role": "trader", "active": "on", "reason": "typo"})
    assert crossing.status_code == 400 and 'id="id_role-error"' in crossing.content.decode()
    off = admin.post(url, {"role": "caseworker", "reason": "on leave"})  # unticked: deactivated
    assert off.status_code == 302
    caseworker.user.refresh_from_db()
    assert not caseworker.user.is_active
    assert "deactivated" in admin.get("/admin/people").content.decode()
    assert (
        admin.post(url, {"role": "caseworker", "active": "on", "reason": "back"}).status_code == 302
    )
    own = admin.get(f"/admin/people/{admin_person.pk}").content.decode()
    assert "You cannot change your own role" in own
    assert admin.get("/admin/people/999999").status_code == 404
    for role in ("caseworker", "senior", "auditor", "trader"):
        assert client_for(role).get(url).status_code == 403, role
