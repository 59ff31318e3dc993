"""The case page in one place: the latest checks shaped for reading, beside the case's records."""

from __future__ import annotations

import datetime as dt
from typing import Any

from torturefree.screening.dispositions import Disposition, latest_dispositions, subject_key
from torturefree_service.cases.decisions import grant_blocks
from torturefree_service.cases.models import Case, RescreenAlert
from torturefree_service.cases.selectors import case_trail, rating_precedents
from torturefree_service.cases.services import elapsed_working_days
from torturefree_service.checks import engines
from torturefree_service.checks.rescreen_subjects import applicant_query, party_query
from torturefree_service.exchange.worklist import case_exchange
from torturefree_service.organisations.models import Organisation, Person
from torturefree_service.web.drafts import open_questions
from torturefree_service.web.explain import determination_sentences
from torturefree_service.web.screeningview import (
    alert_hit,
    country_flags,
    hit_explained,
    screened_with,
)


def case_context(person: Person, case: Case) -> dict[str, Any]:
    application = case.application
    run = application.checks.first()
    lines = list(application.lines.all())
    parties = list(application.parties.all())
    goods = (run.determination.get("goods") or []) if run else []
    identification = run.identification if run else []
    said = determination_sentences(run.determination) if run else []
    return {
        "case": case,
        "application": application,
        "run": run,
        "elapsed": elapsed_working_days(case),
        "lines": [
            {
                "line": line,
                "determination": goods[i] if i < len(goods) else {},
                "identification": identification[i] if i < len(identification) else {},
                "sentences": said[i] if i < len(said) else [],
                "asks": open_questions(line),
                "precedents": rating_precedents(person=person, line=line),
            }
            for i, line in enumerate(lines)
        ],
        "parties": parties,
        "screening": _screening(run.screening if run else [], parties, application.organisation),
        "rescreened": _rescreened(case),
        "risk": _risk(run.risk if run else {}),
        "matches": list(application.denial_matches.select_related("denial", "consultation")),
        "blocks": (blocks := grant_blocks(case)),
        "grant_barred": any(block["code"] == "prohibited" for block in blocks),
        "advice": list(case.advice.select_related("author__user").order_by("id")),
        "decisions": list(case.decisions.select_related("officer__user")),
        "questions": list(case.questions.order_by("id")),
        "notes": list(case.notes.select_related("author__user").order_by("id")),
        "trail": list(case_trail(person=person, case=case)),
        "denials": list(application.denials.all()),
        "licence": getattr(application, "licence", None),
        "exchange": case_exchange(case),
    }


def _screening(
    results: list[dict[str, Any]], parties: list[Any], applicant: Organisation
) -> list[dict[str, Any]]:
    """Each screened party (and the applicant) with its hits as stored on submit (each with why
    it scored), the latest disposition recorded on each hit, its ¶109 country flags and what
    screened it."""
    names = {f"party/{p.pk}": p for p in parties}
    applicant_id = applicant_query(applicant).id
    store = engines.watchlists()
    out = []
    for i, result in enumerate(results, start=1):
        party = names.get(result.get("id", ""))
        decided: dict[tuple[str, str], Any] = {}
        if result.get("matches") and result.get("subject_key"):
            decided = latest_dispositions(store, result["subject_key"])
        hits = []
        config = result.get("algorithm_config") or {}
        for j, match in enumerate(result.get("matches", []), start=1):
            disposition = decided.get((match["watchlist"], match["entity_id"]))
            hits.append(
                {
                    **match,
                    "key": f"{i}-{j}",
                    "current": _shown(disposition),
                    "why": hit_explained(match, config),
                }
            )
        out.append(
            {
                "party": party,
                # The applicant's own result: its hits are disposed of with no party.
                "applicant": applicant if result.get("id") == applicant_id else None,
                "name": result.get("query", {}).get("name", ""),
                "hits": hits,
                "note": result.get("note", ""),
                "listings": country_flags(result),
                "screened": screened_with(result),
            }
        )
    return out


def _rescreened(case: Case) -> list[dict[str, Any]]:
    """Each hit a later list version raised on the case's parties (resolved or not), explained
    from the match its alert stored, with the latest disposition recorded on it."""
    store = engines.watchlists()
    decided: dict[int | None, dict[tuple[str, str], Disposition]] = {}
    out = []
    for alert in case.rescreen_alerts.select_related("party", "organisation", "licence"):
        if alert.party_id not in decided:  # None: the applicant, under the submit checks' query
            query = party_query(alert.party) if alert.party else applicant_query(_applicant(alert))
            decided[alert.party_id] = latest_dispositions(store, subject_key(query))
        disposition = decided[alert.party_id].get((alert.watchlist, alert.entity_id))
        out.append(
            {
                "party": alert.party,
                "applicant": alert.organisation,
                "hit": alert_hit(alert, _shown(disposition)),
            }
        )
    return out


def _applicant(alert: RescreenAlert) -> Organisation:
    assert alert.organisation is not None  # an alert is on a party or on the applicant
    return alert.organisation


def _shown(disposition: Disposition | None) -> dict[str, Any] | None:
    """The latest disposition on a hit, with its expiry as a date the page can format."""
    if disposition is None:
        return None
    expires = disposition.expires_at
    return disposition.to_dict() | {"until": dt.date.fromisoformat(expires) if expires else None}


def _risk(risk: dict[str, Any]) -> dict[str, Any]:
    """Findings with their evidence items resolved (#6), and the notice that they do not decide."""
    evidence = {e["id"]: e for e in risk.get("evidence", [])}
    findings = [
        {**f, "items": [evidence[i] for i in f.get("evidence", []) if i in evidence]}
        for f in risk.get("findings", [])
    ]
    return {
        "findings": findings,
        "error": risk.get("error"),
        "notice": risk.get("notice", ""),
        "country": risk.get("country_name", ""),
        "death_penalty": risk.get("death_penalty_status"),
    }
