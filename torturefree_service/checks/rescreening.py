"""Re-screening the parties of open cases and of valid licences when a new watchlist version
comes in (lessons.md §2.1).

New and changed hits become alerts on the case and block a grant until a person records a
disposition on each; a live false-positive disposition on the unchanged entity suppresses a hit
(torturefree.screening.rescreen applies it). Nothing is cleared without a person. A hit on a
valid licence's party is an alert on its (closed) case naming the licence, which may need
suspending or revoking (Art. 21(5)); the case's status and flags stay as they are. The
applicant organisation is screened once under the submit checks' query and alerted on each of
its open cases and valid licences' cases.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from torturefree.screening.rescreen import rescreen, store_subjects
from torturefree_service.applications.models import Party
from torturefree_service.audit.services import audit_record
from torturefree_service.cases.models import Case, RescreenAlert
from torturefree_service.checks import engines
from torturefree_service.checks.rescreen_subjects import (
    Applicant,
    Owner,
    applicant_query,
    applicants_with_cases,
    cases_licensed,
    cases_open,
    parties_of_licences,
    parties_of_open,
    party_query,
)
from torturefree_service.errors import NotFound
from torturefree_service.licences.models import Licence
from torturefree_service.organisations.access import CASEWORK, require_role
from torturefree_service.organisations.models import Person

FLAG = "rescreen_hit"


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
    """Re-screen the parties of every open case and valid licence on `watchlist` (default: its
    last two versions)."""
    if by is not None:
        require_role(by, *CASEWORK)
    actor = by.actor if by is not None else "system"
    store = engines.watchlists()
    if not store.versions(watchlist):
        raise NotFound(f"no watchlist named '{watchlist}'", field="watchlist")
    open_cases, licensed = cases_open(), cases_licensed()
    open_parties = parties_of_open(open_cases)
    licence_parties = parties_of_licences(licensed)
    parties = licence_parties | open_parties  # an open case's own alert wins over a licence's
    applicants = applicants_with_cases(open_cases, licensed)
    store_subjects(
        store,
        [party_query(party) for _, party, _ in parties.values()]
        + [applicant_query(organisation) for organisation, _ in applicants.values()],
    )
    report = rescreen(store, watchlist, old, new)
    to_version = report["to"]
    alerts: list[RescreenAlert] = []
    with transaction.atomic():
        for item in report["results"]:
            if item["id"] in applicants:
                alerts += _applicant_alerts(applicants[item["id"]], item, to_version)
                continue
            owner = parties.get(item["id"])
            if owner is None or _screened_on(owner[0], to_version):
                continue  # a subject of another use, or a case already screened on this version
            alerts += _alert(owner, item, to_version)
        on_cases = [a for a in alerts if a.licence is None]
        for case in {alert.case_id: alert.case for alert in on_cases}.values():
            _flag(case, [a for a in on_cases if a.case_id == case.pk], report, actor)
        on_licences: dict[int, list[RescreenAlert]] = {}
        for alert in alerts:
            if alert.licence_id is not None:
                on_licences.setdefault(alert.licence_id, []).append(alert)
        for licence_alerts in on_licences.values():
            _notify(licence_alerts, report, actor)
    return {
        "watchlist": watchlist,
        "from": report["from"],
        "to": to_version,
        "open_parties": len(open_parties),
        "licences": len({owner[2].pk for owner in licence_parties.values() if owner[2]}),
        "licence_parties": len(licence_parties),
        "applicants": len(applicants),
        "alerts": [alert_out(alert) for alert in alerts],
    }


def _alert(owner: Owner, item: dict[str, Any], version: str) -> list[RescreenAlert]:
    case, party, licence = owner
    return _new_alerts(item, version, {"party": party}, {"case": case, "licence": licence})


def _applicant_alerts(
    applicant: Applicant, item: dict[str, Any], version: str
) -> list[RescreenAlert]:
    """One screening of the organisation, an alert on each of its cases not yet screened on
    this version."""
    organisation, owners = applicant
    created = []
    for case, licence in owners:
        if not _screened_on(case, version):
            identity = {"organisation": organisation, "case": case}
            created += _new_alerts(item, version, identity, {"licence": licence})
    return created


def _new_alerts(
    item: dict[str, Any], version: str, identity: dict[str, Any], rest: dict[str, Any]
) -> list[RescreenAlert]:
    """An alert for each new and changed hit not yet alerted on `identity` (party, or applicant
    and case) for this entity and list version; `rest` fills a new alert."""
    created = []
    for kind in ("new", "changed"):
        for match in item[kind]:
            alert, made = RescreenAlert.objects.get_or_create(
                **identity,
                watchlist=match["watchlist"],
                entity_id=str(match["entity_id"]),
                data_version=version,
                defaults={**rest, "kind": kind, "score": match["score"], "match": match},
            )
            if made:
                created.append(alert)
    return created


def _hits(alerts: list[RescreenAlert]) -> list[dict[str, Any]]:
    """The audit payload's hits: the party, or the applicant organisation, of each alert."""
    return [
        {"party": a.party_id, "entity_id": a.entity_id, "kind": a.kind, "score": a.score}
        if a.party_id is not None
        else {
            "organisation": a.organisation_id,
            "entity_id": a.entity_id,
            "kind": a.kind,
            "score": a.score,
        }
        for a in alerts
    ]


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
            "hits": _hits(alerts),
        },
    )


def _notify(alerts: list[RescreenAlert], report: dict[str, Any], actor: str) -> None:
    """Audit the hits on a valid licence's parties; the case is neither reopened nor flagged."""
    licence = alerts[0].licence
    assert licence is not None  # grouped by licence
    audit_record(
        verb="checks.rescreen",
        subject=f"licence/{licence.number}",
        actor=actor,
        payload={
            "watchlist": report["watchlist"],
            "from": report["from"],
            "to": report["to"],
            "case": alerts[0].case.reference,
            "hits": _hits(alerts),
        },
    )


def alerts_resolve(
    *, by: Person, case: Case, party: Party | None, watchlist: str, entity_id: str, status: str
) -> int:
    """A person's decision (true match or false positive; 'needs review' is not one) resolves
    the alerts on that hit of the party (None: of the applicant); the flag goes with the last."""
    if status not in ("true_match", "false_positive"):
        return 0
    whose = {"party": party} if party is not None else {"party__isnull": True}
    open_alerts = case.rescreen_alerts.filter(
        **whose, watchlist=watchlist, entity_id=entity_id, resolved_at__isnull=True
    )
    resolved = open_alerts.update(resolved_by=by, resolved_at=timezone.now(), disposition=status)
    if FLAG in case.flags and not unresolved(case):
        case.flags = [f for f in case.flags if f != FLAG]
        case.save(update_fields=["flags"])
    return resolved


def unresolved(case: Case) -> list[RescreenAlert]:
    return list(
        case.rescreen_alerts.filter(resolved_at__isnull=True).select_related(
            "party", "organisation"
        )
    )


def licence_alerts_open(licence: Licence) -> list[RescreenAlert]:
    """The hits on a valid licence's parties still waiting for a person's disposition."""
    return list(
        licence.rescreen_alerts.filter(resolved_at__isnull=True).select_related(
            "party", "organisation", "case"
        )
    )


def alert_out(alert: RescreenAlert) -> dict[str, Any]:
    return {
        "id": alert.pk,
        "case_id": alert.case_id,
        "licence": alert.licence.number if alert.licence is not None else None,
        "party_id": alert.party_id,
        "organisation_id": alert.organisation_id,
        "watchlist": alert.watchlist,
        "entity_id": alert.entity_id,
        "data_version": alert.data_version,
        "kind": alert.kind,
        "score": alert.score,
        "caption": alert.match.get("caption"),
        "resolved": alert.resolved_at is not None,
        "disposition": alert.disposition or None,
    }
