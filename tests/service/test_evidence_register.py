"""Evidence register in the service: enter, change, review, withdraw with history; import; roles."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from torturefree_service.audit.ledger import get_ledger
from torturefree_service.audit.models import AuditEvent
from torturefree_service.audit.services import audit_flush
from torturefree_service.checks import engines

TODAY = dt.date.today()
CPT = {
    "kind": "cpt_report",
    "issuing_body": "European Committee for the Prevention of Torture",
    "country": "BRA",  # alpha-3 is resolved, as the importer does
    "date": (TODAY - dt.timedelta(days=200)).isoformat(),
    "citation": {"title": "Report on the periodic visit", "symbol": "CPT/Inf (2024) 7"},
    "summary": "Detainees described electric shocks during interrogation.",
    "practices": ["electric_shock"],
    "goods": ["portable electric discharge weapons"],
    "end_users": ["Batalhao de Choque"],
    "reliability": "Official report after a visit.",
    "review_date": (TODAY + dt.timedelta(days=30)).isoformat(),
    "reason": "Entered from the CPT's published report.",
}


@pytest.fixture(autouse=True)
def fresh_register(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A register of this test's own: the store lives under the home, findings read it too."""
    monkeypatch.setenv("TORTUREFREE_HOME", str(tmp_path))
    engines.risk_context.cache_clear()
    yield
    engines.risk_context.cache_clear()


def error(response: Any) -> dict[str, Any]:
    assert 400 <= response.status_code < 500, response.content[:300]
    body = response.json()
    assert set(body["error"]) == {"code", "message", "field"}
    return dict(body["error"])


def test_an_item_is_entered_changed_reviewed_and_withdrawn_with_its_history(
    world: dict[str, Any],
) -> None:
    caseworker, senior, auditor = (world["api"][r] for r in ("caseworker", "senior", "auditor"))
    created = caseworker.post("/evidence", CPT)
    assert created.status_code == 201, created.json()
    item = created.json()["item"]
    item_id = item["id"]
    assert item["country"] == "BR"
    assert item["weight"] == "shall"
    assert "12(2)(b)" in item["legal_basis"]["title"]
    assert caseworker.post("/evidence", CPT).status_code == 409  # the same item, once

    changed = senior.patch(
        f"/evidence/{item_id}",
        {"summary": "Electric shocks and beatings.", "reason": "Read the full report."},
    )
    assert changed.status_code == 200, changed.json()
    assert changed.json()["changed"] is True
    assert changed.json()["item"]["summary"] == "Electric shocks and beatings."
    same = senior.patch(
        f"/evidence/{item_id}", {"summary": "Electric shocks and beatings.", "reason": "again"}
    )
    assert same.json()["changed"] is False and len(same.json()["versions"]) == 2

    next_review = TODAY + dt.timedelta(days=365)
    reviewed = caseworker.post(
        f"/evidence/{item_id}/reviews",
        {
            "reviewed_on": (TODAY - dt.timedelta(days=1)).isoformat(),
            "next_review": next_review.isoformat(),
            "note": "Still the latest report.",
        },
    )
    assert reviewed.status_code == 201, reviewed.json()
    body = reviewed.json()
    assert body["item"]["review_date"] == next_review.isoformat()
    assert body["item"]["last_review"]["reviewer"] == "caseworker:caseworker"
    assert body["reviews"][0]["note"] == "Still the latest report."

    withdrawn = senior.post(f"/evidence/{item_id}/withdraw", {"reason": "Superseded."})
    assert withdrawn.status_code == 200, withdrawn.json()
    history = auditor.get(f"/evidence/{item_id}").json()
    assert history["withdrawn"] is True and history["item"] is None
    who_why = [(v["actor"], v["reason"], v["withdrawn"]) for v in history["versions"]]
    assert who_why == [
        ("caseworker:caseworker", CPT["reason"], False),
        ("senior_officer:senior", "Read the full report.", False),
        (
            "caseworker:caseworker",
            f"reviewed on {TODAY - dt.timedelta(days=1)}; next review {next_review}: "
            "Still the latest report.",
            False,
        ),
        ("senior_officer:senior", "Superseded.", True),
    ]
    assert all(v["at"] for v in history["versions"])
    assert auditor.get("/evidence", country="BR").json()["count"] == 0
    assert error(senior.post(f"/evidence/{item_id}/withdraw", {"reason": "again"}))["code"] == (
        "conflict"
    )
    assert senior.patch(f"/evidence/{item_id}", {"summary": "x", "reason": "late"}).status_code == (
        409
    )

    audit_flush()
    entries = list(get_ledger().entries(f"evidence/{item_id}"))
    verbs = [json.loads(e.payload or "{}")["verb"] for e in entries]
    assert verbs == ["evidence.create", "evidence.update", "evidence.review", "evidence.withdraw"]
    assert [e.actor for e in entries][-1] == "senior_officer:senior"
    assert "Batalhao" not in "".join(e.payload or "" for e in entries)  # no end-user names
    assert get_ledger().verify().ok


def test_lists_filter_by_country_kind_and_review_due(world: dict[str, Any]) -> None:
    caseworker = world["api"]["caseworker"]
    overdue = {**CPT, "review_date": (TODAY - dt.timedelta(days=1)).isoformat()}
    ngo = {
        **CPT,
        "kind": "civil_society_report",
        "issuing_body": "Human Rights Watch",
        "country": "KE",
        "citation": {"title": "They shot at us"},
    }
    for body in (overdue, ngo):
        assert caseworker.post("/evidence", body).status_code == 201
    assert caseworker.get("/evidence").json()["count"] == 2
    kenya = caseworker.get("/evidence", country="KEN").json()["items"]
    assert [(i["country"], i["weight"]) for i in kenya] == [("KE", "may")]
    assert caseworker.get("/evidence", kind="cpt_report").json()["count"] == 1
    due = caseworker.get("/evidence", due="true").json()["items"]
    assert [i["country"] for i in due] == ["BR"] and due[0]["due_for_review"] is True
    assert error(caseworker.get("/evidence", country="ZZZ"))["field"] == "country"
    assert error(caseworker.get("/evidence/no-such-item"))["code"] == "not_found"


def test_bad_items_are_refused_naming_the_field(world: dict[str, Any]) -> None:
    caseworker = world["api"]["caseworker"]
    assert error(caseworker.post("/evidence", {**CPT, "country": "ZZ"}))["field"] == "country"
    assert error(caseworker.post("/evidence", {**CPT, "kind": "rumour"}))["field"] == "kind"
    tomorrow = (TODAY + dt.timedelta(days=1)).isoformat()
    assert error(caseworker.post("/evidence", {**CPT, "date": tomorrow}))["field"] == "date"
    assert error(caseworker.post("/evidence", {**CPT, "id": "bad id!"}))["field"] == "id"
    assert error(caseworker.post("/evidence", {**CPT, "summary": "a\x00b"}))["field"] == "summary"
    no_reason = {k: v for k, v in CPT.items() if k != "reason"}
    assert error(caseworker.post("/evidence", no_reason))["field"] == "reason"
    item_id = caseworker.post("/evidence", CPT).json()["id"]
    back = {"next_review": (TODAY - dt.timedelta(days=3)).isoformat()}
    assert error(caseworker.post(f"/evidence/{item_id}/reviews", back))["field"] == "next_review"


CSV_HEAD = (
    "id,kind,issuing_body,country,date,citation_title,citation_symbol,summary,practices,end_users\n"
)
CSV_ROWS = [
    "un-cat-1,un_body_finding,Committee against Torture,AR,2023-05-01,Concluding observations,"
    "CAT/C/ARG/CO/5-6,Use of tasers,electric_shock,\n",
    "ngo-1,civil_society_report,Amnesty International,AR,2022-02-01,Annual report,,Beatings,"
    "beatings;restraints,Policia Federal\n",
]


def test_a_csv_import_is_all_or_nothing_and_names_line_and_field(world: dict[str, Any]) -> None:
    caseworker = world["api"]["caseworker"]
    bad_row = "ngo-2,civil_society_report,Amnesty,XX,2022-02-01,Annual report,,,,\n"
    upload = {
        "format": "csv",
        "content": CSV_HEAD + "".join(CSV_ROWS) + bad_row,
        "reason": "Q2 batch",
    }
    refused = error(caseworker.post("/evidence/import", upload))
    assert refused["field"] == "country"
    assert "line 4" in refused["message"]
    assert caseworker.get("/evidence").json()["count"] == 0
    assert not AuditEvent.objects.filter(verb="evidence.import").exists()
    bad_date = CSV_ROWS[0].replace("2023-05-01", "2023-13-01")
    upload = {"format": "csv", "content": CSV_HEAD + bad_date, "reason": "Q2 batch"}
    refused = error(caseworker.post("/evidence/import", upload))
    assert refused["field"] == "date" and "line 2" in refused["message"]

    good = {"format": "csv", "content": CSV_HEAD + "".join(CSV_ROWS), "reason": "Q2 register"}
    first = caseworker.post("/evidence/import", good)
    assert first.status_code == 200, first.json()
    assert first.json()["added"] == ["un-cat-1", "ngo-1"]
    assert caseworker.post("/evidence/import", good).json()["unchanged"] == 2
    assert caseworker.post("/evidence/ngo-1/withdraw", {"reason": "Unreliable."}).status_code == 200
    again = caseworker.post("/evidence/import", good).json()
    assert again["kept_withdrawn"] == ["ngo-1"]  # an officer's withdrawal is not undone
    assert [i["id"] for i in caseworker.get("/evidence").json()["items"]] == ["un-cat-1"]
    history = caseworker.get("/evidence/un-cat-1").json()["versions"]
    assert [(v["actor"], v["reason"]) for v in history] == [
        ("caseworker:caseworker", "Q2 register")
    ]
    assert AuditEvent.objects.filter(verb="evidence.import").count() == 3


def test_a_json_import_names_the_record_and_field(world: dict[str, Any]) -> None:
    caseworker = world["api"]["caseworker"]
    records = [
        {**{k: v for k, v in CPT.items() if k != "reason"}, "id": "cpt-1"},
        {**{k: v for k, v in CPT.items() if k != "reason"}, "id": "cpt-2", "kind": "rumour"},
    ]
    upload = {"format": "json", "content": json.dumps(records), "reason": "JSON batch"}
    refused = error(caseworker.post("/evidence/import", upload))
    assert refused["field"] == "kind" and "line 2" in refused["message"]
    assert caseworker.get("/evidence").json()["count"] == 0
    lines = "\n".join(json.dumps(r) for r in records[:1])
    upload = {"format": "jsonl", "content": lines, "reason": "JSON Lines batch"}
    assert caseworker.post("/evidence/import", upload).json()["added"] == ["cpt-1"]
