"""`torturefree hub case ...`: the secretariat's side of case review (seed ¶111, docs/hub.md).

Cases come in through the public form or the API; here the secretariat triages, assigns,
attaches evidence, records findings, publishes the outcome or closes a case. Each step goes to
the case's history and the ledger.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer

from torturefree.cli.common import HomeOption, exit_codes, print_json
from torturefree.errors import InputError

case_app = typer.Typer(help="Case review by the secretariat (seed ¶111).", no_args_is_help=True)
ByOption = typer.Option("--by", help="Who acts (recorded in the history and the ledger).")
CaseArgument = typer.Argument(help="The case number (`list`).")


def _run(home: Path | None, action: Callable[[], Any]) -> None:
    from torturefree.cli.hub_cmd import _hub

    with exit_codes():
        _hub(home)
        from torturefree_service.errors import ServiceError

        try:
            print_json(action())
        except ServiceError as error:
            raise InputError(f"{error.code}: {error.message}", field=error.field) from error


def _summary(case: Any) -> dict[str, Any]:
    return {
        "case": case.pk,
        "receipt": case.receipt,
        "title": case.title,
        "status": case.status,
        "assignee": case.assignee,
        "priority": case.priority,
        "deadline": case.deadline.isoformat() if case.deadline else None,
    }


def _step(number: int, action: str, by: str, **values: Any) -> dict[str, Any]:
    from torturefree_service.hub.cases import case_by_number, step

    return _summary(step(case_by_number(number), action, by=by, **values))


@case_app.command("list")
def case_list(
    status: Annotated[str | None, typer.Option("--status", help="Only this status.")] = None,
    home: Path | None = HomeOption,
) -> None:
    """Every case with its status, assignee and deadline."""

    def action() -> list[dict[str, Any]]:
        from torturefree_service.hub.casemodels import ReviewCase

        rows = ReviewCase.objects.order_by("id")
        return [_summary(c) for c in (rows.filter(status=status) if status else rows)]

    _run(home, action)


@case_app.command("show")
def case_show(number: Annotated[int, CaseArgument], home: Path | None = HomeOption) -> None:
    """A case in full for the secretariat: submitter, evidence hashes, history."""

    def action() -> dict[str, Any]:
        from torturefree_service.hub.cases import case_by_number

        case = case_by_number(number)
        return _summary(case) | {
            "submitter": {
                "kind": case.submitter_kind,
                "organisation": case.organisation,
                "contact": case.contact,
                "protected": case.identity_protected,
            },
            "countries": case.countries,
            "findings": case.findings,
            "outcome": case.outcome,
            "evidence": [
                {
                    "name": e.name,
                    "sha256": e.sha256,
                    "media_type": e.media_type,
                    "size": e.size,
                    "by": e.added_by,
                }
                for e in case.evidence.all()
            ],
            "questions": [_question(q) for q in case.questions.all()],
            "history": [
                {
                    "action": e.action,
                    "by": e.actor,
                    "from": e.from_status,
                    "to": e.to_status,
                    "note": e.note,
                    "at": e.at.isoformat(),
                }
                for e in case.events.all()
            ],
        }

    _run(home, action)


def _question(row: Any) -> dict[str, Any]:
    return {
        "to": row.state,
        "message_id": row.message_id,
        "questions": row.questions,
        "by": row.asked_by,
        "asked_at": row.asked_at.isoformat(),
        "answers": row.answers,
        "reply_id": row.reply_id or None,
        "answered_at": row.answered_at.isoformat() if row.answered_at else None,
    }


@case_app.command("ask")
def case_ask(
    number: Annotated[int, CaseArgument],
    by: Annotated[str, ByOption],
    to: Annotated[str, typer.Option("--to", help="The participating state asked (ISO code).")],
    question: Annotated[
        list[str], typer.Option("--question", help="A question (repeat for more).")
    ],
    home: Path | None = HomeOption,
) -> None:
    """Ask a state's node about an open case through the exchange (an information_request,
    kept only once the node's receipt accepts it); its reply lands on the case."""

    def action() -> dict[str, Any]:
        from torturefree_service.hub.caseask import case_ask as ask
        from torturefree_service.hub.cases import case_by_number

        return _question(ask(case_by_number(number), to=to, questions=question, by=by))

    _run(home, action)


@case_app.command("triage")
def case_triage(
    number: Annotated[int, CaseArgument],
    by: Annotated[str, ByOption],
    priority: Annotated[
        str, typer.Option("--priority", help="low, normal, high, urgent.")
    ] = "normal",
    deadline: Annotated[str | None, typer.Option("--deadline", help="YYYY-MM-DD.")] = None,
    home: Path | None = HomeOption,
) -> None:
    """Triage a received case: its priority and deadline."""

    def action() -> dict[str, Any]:
        from torturefree_service.hub.cases import deadline as day

        return _step(number, "triage", by, priority=priority, deadline=day(deadline))

    _run(home, action)


@case_app.command("assign")
def case_assign(
    number: Annotated[int, CaseArgument],
    by: Annotated[str, ByOption],
    to: Annotated[str, typer.Option("--to", help="The analyst who will review it.")],
    home: Path | None = HomeOption,
) -> None:
    """Assign a triaged case to an analyst (again to reassign)."""
    _run(home, lambda: _step(number, "assign", by, assignee=to))


@case_app.command("attach")
def case_attach(
    number: Annotated[int, CaseArgument],
    file: Annotated[Path, typer.Argument(help="A PDF, PNG, JPEG or text file.")],
    by: Annotated[str, ByOption],
    home: Path | None = HomeOption,
) -> None:
    """Attach evidence to an open case (kept with its SHA-256)."""

    def action() -> dict[str, Any]:
        from torturefree_service.hub.cases import add_evidence, case_by_number

        if not file.is_file():
            raise InputError("no such file", field="FILE", source=str(file))
        case = case_by_number(number)
        add_evidence(case, file.name, file.read_bytes(), by=by)
        return _summary(case) | {"evidence": case.evidence.count()}

    _run(home, action)


@case_app.command("finding")
def case_finding(
    number: Annotated[int, CaseArgument],
    by: Annotated[str, ByOption],
    text: Annotated[str, typer.Option("--text", help="The findings.")],
    home: Path | None = HomeOption,
) -> None:
    """Record the findings of an assigned case."""
    _run(home, lambda: _step(number, "finding", by, findings=text))


@case_app.command("publish")
def case_publish(
    number: Annotated[int, CaseArgument],
    by: Annotated[str, ByOption],
    outcome: Annotated[str, typer.Option("--outcome", help="The outcome made public.")],
    home: Path | None = HomeOption,
) -> None:
    """Publish the outcome (the findings and outcome become public; the submitter never)."""
    _run(home, lambda: _step(number, "publish", by, outcome=outcome))


@case_app.command("close")
def case_close(
    number: Annotated[int, CaseArgument],
    by: Annotated[str, ByOption],
    reason: Annotated[str, typer.Option("--reason", help="Why it closes unpublished.")],
    home: Path | None = HomeOption,
) -> None:
    """Close an open case without publication, with the reason."""
    _run(home, lambda: _step(number, "close", by, reason=reason))
