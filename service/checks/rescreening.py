"""Re-screening open cases' parties when a new watchlist version comes in (lessons.md §2.1).

New and changed hits become alerts on the case and block a grant until a person records a
disposition on each; a live false-positive disposition on the unchanged entity suppresses a hit
(torturefree.screening.rescreen applies it). Nothing is cleared without a person.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from service.applications.models import Party
from service.audit.services import audit_record
from service.cases.models import Case, RescreenAlert
from service.cases.states import OPEN
from service.checks import engines
from service.errors import NotFound
from service.organisations.access import CASEWORK, require_role
from service.organisations.models import Person
from torturefree.screening.query import Query
from torturefree.screening.rescreen import rescreen, store_subjects

FLAG = "rescreen_hit"


def party_query(party: Party) -> Query:
    """The same query (so the same subject key) as the checks on submit and dispositions use."""
    return Query(
        id=f"party/{party.pk}", name=party.name, schema=party.schema, country=party.country.lower()
    )


def _open_parties() -> dict[str, tuple[Case, Party]]:
    cases = Case.objects.filter(status__in=list(OPEN)).prefetch_related(
        "application__parties", "application__checks"
    )
    out = {}
    for case in cases:
        for party in case.application.parties.all():
            out[f"party/{party.pk}"] = (case, party)
    return out


def _screened_on(case: Case, data_version: str) -> bool:
    """The checks on submit already saw this list version: its hits are on the case already."""
    run = case.application.checks.all()[:1]
    versions = run[0].versions.get("screening", {}) if run else {}
    return data_version in (versions.get("watchlists") or [])


def cases_rescreen(
    *,
    by: Person | None = None,
    watchlist: str,
    old: int | None = None,
    new: int | None = None,
) -> dict[str, Any]:
    """Re-screen every open case's parties on `watchlist` (default: its last two versions)."""
    if by is not None:
        require_role(by, *CASEWORK)
    actor = by.actor if by is not None else "system"
    store = engines.watchlists()
    if not store.versions(watchlist):
        raise NotFound(f"no watchlist named '{watchlist}'", field="watchlist")
    parties = _open_parties()
    store_subjects(store, [party_query(party) for _, party in parties.values()])
    report = rescreen(store, watchlist, old, new)
    to_version = report["to"]
    alerts: list[RescreenAlert] = []
    with transaction.atomic():
        for item in report["results"]:
            owner = parties.get(item["id"])
            if owner is None or _screened_on(owner[0], to_version):
                continue  # a subject of another use, or a case already screened on this version
            alerts += _alert(owner, item, to_version)
        for case in {alert.case_id: alert.case for alert in alerts}.values():
            _flag(case, [a for a in alerts if a.case_id == case.pk], report, actor)
    return {
        "watchlist": watchlist,
        "from": report["from"],
        "to": to_version,
        "open_parties": len(parties),
        "alerts": [alert_out(alert) for alert in alerts],
    }


def _alert(owner: tuple[Case, Party], item: dict[str, Any], version: str) -> list[RescreenAlert]:
    case, party = owner
    created = []
    for kind in ("new", "changed"):
        for match in item[kind]:
            alert, made = RescreenAlert.objects.get_or_create(
                party=party,
                watchlist=match["watchlist"],
                entity_id=str(match["entity_id"]),
                data_version=version,
                defaults={"case": case, "kind": kind, "score": match["score"], "match": match},
            )
            if made:
                created.append(alert)
    return created


def _flag(case: Case, alerts: list[RescreenAlert], report: dict[str, Any], actor: str) -> None:
    if FLAG not in case.flags:
        case.flags = sorted([*case.flags, FLAG])
        case.save(update_fields=["flags"])
    audit_record(
        verb="checks.rescreen",
        subject=f"case/{case.reference}",
        actor=actor,
        payload={
            "watchlist": report["watchlist"],
            "from": report["from"],
            "to": report["to"],
            "hits": [
                {"party": a.party_id, "entity_id": a.entity_id, "kind": a.kind, "score": a.score}
                for a in alerts
            ],
        },
    )


def alerts_resolve(
    *, by: Person, case: Case, party: Party, watchlist: str, entity_id: str, status: str
) -> int:
    """A person's decision (true match or false positive; 'needs review' is not one) resolves
    the alerts on that hit; the flag goes with the last one."""
    if status not in ("true_match", "false_positive"):
        return 0
    open_alerts = case.rescreen_alerts.filter(
        party=party, watchlist=watchlist, entity_id=entity_id, resolved_at__isnull=True
    )
    resolved = open_alerts.update(resolved_by=by, resolved_at=timezone.now(), disposition=status)
    if FLAG in case.flags and not unresolved(case):
        case.flags = [f for f in case.flags if f != FLAG]
        case.save(update_fields=["flags"])
    return resolved


def unresolved(case: Case) -> list[RescreenAlert]:
    return list(case.rescreen_alerts.filter(resolved_at__isnull=True).select_related("party"))


def alert_out(alert: RescreenAlert) -> dict[str, Any]:
    return {
        "id": alert.pk,
        "case_id": alert.case_id,
        "party_id": alert.party_id,
        "watchlist": alert.watchlist,
        "entity_id": alert.entity_id,
        "data_version": alert.data_version,
        "kind": alert.kind,
        "score": alert.score,
        "caption": alert.match.get("caption"),
        "resolved": alert.resolved_at is not None,
        "disposition": alert.disposition or None,
    }
