"""checks_run: everything the authority must know on submit, stored with its versions."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings

from torturefree.errors import InputError
from torturefree.goods.query import GoodsQuery
from torturefree.risk import RiskQuery, assess
from torturefree.rules import ENGINE_VERSION
from torturefree.screening.cache import process_cache
from torturefree.screening.query import Query
from torturefree.screening.service import screen_queries
from torturefree.vocabulary import Category
from torturefree_service.applications.models import Application, CheckRun, PartyRole
from torturefree_service.applications.types import TYPES, ApplicationType
from torturefree_service.audit.services import audit_record
from torturefree_service.checks import engines
from torturefree_service.checks.transaction import as_transaction
from torturefree_service.denials.models import DenialMatch
from torturefree_service.denials.selectors import essentially_identical, years_before
from torturefree_service.errors import from_input_error

LOOKBACK = "eu-2019-125-denial-lookback"


def checks_run(*, application: Application, actor: str, day: dt.date | None = None) -> CheckRun:
    """Determination, identification, screening, risk and denial search for one application."""
    day = day or dt.date.today()
    body = as_transaction(application, day)
    try:
        determination = engines.engine().determine(body).to_dict()
    except InputError as error:
        raise from_input_error(error) from error
    entries = _entries(determination)
    identification = _identify(application, day)
    screening, screening_versions = _screen(application)
    risk = _risk(application, day, entries, determination)
    matches = _denials(application, day, entries)
    run = CheckRun.objects.create(
        application=application,
        data_release=determination["data_release"],
        versions={
            "engine": ENGINE_VERSION,
            "classifier": identification[0]["classifier_version"] if identification else None,
            "screening": screening_versions,
            "risk": "risk findings (torturefree.risk)",
            "denial_search": "essentially_identical_v1",
            "lookback_years": _lookback(day),
        },
        outcome=determination["outcome"],
        determination=determination,
        identification=identification,
        screening=screening,
        risk=risk,
        denial_matches=matches,
        blocks=grant_blocks_of(application, determination, matches),
    )
    audit_record(
        verb="checks.run",
        subject=f"application/{application.reference}",
        actor=actor,
        payload={
            "outcome": run.outcome,
            "data_release": run.data_release,
            "versions": run.versions,
            "denial_matches": [m["denial"] for m in matches],
            "blocks": [b["code"] for b in run.blocks],
        },
    )
    return run


def _entries(determination: dict[str, Any]) -> set[str]:
    return {e["id"] for g in determination["goods"] for e in g.get("entries", [])}


def _categories(determination: dict[str, Any]) -> frozenset[Category]:
    return frozenset(
        Category(e["category"]) for g in determination["goods"] for e in g.get("entries", [])
    )


def _identify(application: Application, day: dt.date) -> list[dict[str, Any]]:
    classifier = engines.classifiers().get(settings.TORTUREFREE_JURISDICTION, day)
    out = []
    for line in application.lines.all():
        query = GoodsQuery(
            description=line.description or None,
            hs_code=line.cn_code or None,
            cas=line.cas or None,
            id=str(line.line_no),
        )
        out.append(classifier.classify(query).as_dict(str(line.line_no)))
    return out


def _screen(application: Application) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    store = engines.watchlists()
    queries = [
        Query(id=f"party/{p.pk}", name=p.name, schema=p.schema, country=p.country.lower())
        for p in application.parties.all()
    ]
    queries.append(
        Query(
            id=f"organisation/{application.organisation_id}",
            name=application.organisation.name,
            schema="Organization",
            country=application.organisation.country.lower(),
        )
    )
    if not store.versions():
        empty: list[dict[str, Any]] = [
            {"id": q.id, "query": q.to_dict(), "matches": []} for q in queries
        ]
        return empty, {"watchlists": [], "note": "no watchlist imported"}
    # Indexes once per process and list version: reading them from disk took ~0.3 s a submit.
    results = screen_queries(store, queries, cache=process_cache())
    versions = {
        "algorithm": results[0]["algorithm"] if results else None,
        "watchlists": results[0]["data_versions"] if results else [],
    }
    return results, versions


def _risk(
    application: Application, day: dt.date, entries: set[str], determination: dict[str, Any]
) -> dict[str, Any]:
    end_user = next((p for p in application.parties.all() if p.role == PartyRole.END_USER), None)
    has_statement = application.documents.filter(kind="end_use_statement").exists()
    query = RiskQuery(
        country=application.destination,
        date=day,
        categories=_categories(determination),
        end_user=end_user.name if end_user else None,
        end_use_information=has_statement or bool(application.end_use_detail.strip()),
    )
    try:
        return assess(engines.risk_context(), query).model_dump(mode="json")
    except InputError as error:
        return {"error": error.message}


def _lookback(day: dt.date) -> int:
    return int(engines.parameter(LOOKBACK, day))


def _denials(application: Application, day: dt.date, entries: set[str]) -> list[dict[str, Any]]:
    manifest = TYPES[ApplicationType(application.type)]
    end_user = next((p for p in application.parties.all() if p.role == PartyRole.END_USER), None)
    found = essentially_identical(
        activity=manifest.activity.value,
        destination=application.destination,
        entries=entries,
        end_user_name=end_user.name if end_user else "",
        since=years_before(day, _lookback(day)),
    )
    out = []
    for item in found:
        DenialMatch.objects.update_or_create(
            application=application,
            denial=item.denial,
            defaults={"score": item.score, "reasons": item.reasons},
        )
        out.append(
            {
                "denial": f"{item.denial.issuing_state}/{item.denial.reference}",
                "denial_id": item.denial.pk,
                "score": item.score,
                "reasons": item.reasons,
            }
        )
    return out


def grant_blocks_of(
    application: Application, determination: dict[str, Any], matches: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """What stops a grant: prohibited lines (museum derogation aside) and lines needing review."""
    blocks = []
    for good in determination["goods"]:
        if good["outcome"] == "prohibited":
            why = "; ".join(r["citation"] for r in good.get("reasons", []))
            blocks.append(
                {
                    "code": "prohibited",
                    "line": good["index"] + 1,
                    "message": f"line {good['index'] + 1} is prohibited ({why}); only the museum "
                    "derogation (Art. 3(2), 4(2), 5(2)) can authorise it",
                }
            )
        elif good["outcome"] == "needs_review":
            blocks.append(
                {
                    "code": "needs_review",
                    "line": good["index"] + 1,
                    "message": f"line {good['index'] + 1} needs an officer's rating",
                }
            )
    if matches:
        blocks.append(
            {
                "code": "denial_consultation",
                "message": "essentially identical transactions were denied by "
                + ", ".join(m["denial"] for m in matches)
                + " (Art. 23(2)): record the consultation before granting",
            }
        )
    return blocks


def checks_redetermine(
    *, application: Application, actor: str, day: dt.date | None = None
) -> CheckRun:
    """After an officer's rating: a new run with a fresh determination, other checks carried over."""
    previous = application.checks.first()
    if previous is None:
        return checks_run(application=application, actor=actor, day=day)
    day = day or dt.date.today()
    try:
        determination = engines.engine().determine(as_transaction(application, day)).to_dict()
    except InputError as error:
        raise from_input_error(error) from error
    _apply_not_controlled_ratings(application, determination)
    run = CheckRun.objects.create(
        application=application,
        data_release=determination["data_release"],
        versions=previous.versions,
        outcome=determination["outcome"],
        determination=determination,
        identification=previous.identification,
        screening=previous.screening,
        risk=previous.risk,
        denial_matches=previous.denial_matches,
        blocks=grant_blocks_of(application, determination, previous.denial_matches),
    )
    audit_record(
        verb="checks.run",
        subject=f"application/{application.reference}",
        actor=actor,
        payload={
            "outcome": run.outcome,
            "data_release": run.data_release,
            "after": "rating",
            "blocks": [b["code"] for b in run.blocks],
        },
    )
    return run


def _apply_not_controlled_ratings(application: Application, determination: dict[str, Any]) -> None:
    """An officer who rates a line 'not controlled' overrides the engine for that line, on record."""
    from torturefree.vocabulary import Outcome

    for line in application.lines.all():
        if line.rating and line.rating.get("entry_id") is None:
            good = determination["goods"][line.line_no - 1]
            good["outcome"] = Outcome.NOT_CONTROLLED.value
            good["entries"] = []
            good["reasons"] = [
                {
                    "rule": "officer.rating",
                    "citation": "officer's rating",
                    "detail": line.rating.get("note", ""),
                }
            ]
    determination["outcome"] = Outcome.most_restrictive(
        Outcome(g["outcome"]) for g in determination["goods"]
    ).value
