"""`torturefree amendments ...`: the expert mechanism on the hub (docs/amendments.md): experts,
requests, each step of their procedure, the queue with its clocks, and the data/ change and draft
release an adopted request makes. Run on the hub's --home (its Django settings)."""

from __future__ import annotations

import datetime as dt
import difflib
import json
import os
from pathlib import Path
from typing import Annotated, Any

import typer
import yaml

from torturefree.cli.common import HomeOption, exit_codes, print_json, use_home
from torturefree.errors import InputError
from torturefree.lists.files import parse_date

amendments_app = typer.Typer(
    help="The expert mechanism that amends the lists (hub).", no_args_is_help=True
)
expert_app = typer.Typer(help="Experts registered with the mechanism.", no_args_is_help=True)
OnOption = typer.Option(None, "--on", help="The day (YYYY-MM-DD; default today, UTC).")


def register(app: typer.Typer) -> None:
    from torturefree.cli.amendments_release_cmd import register_release

    amendments_app.add_typer(expert_app, name="expert")
    register_release(amendments_app)
    app.add_typer(amendments_app, name="amendments")


def hub(home: Path | None) -> None:
    """The hub's settings on --home, database migrated."""
    use_home(home)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "torturefree_service.hub_settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)


def day(value: str | None, option: str = "--on") -> dt.date:
    return parse_date(value, field=option) if value else dt.datetime.now(dt.UTC).date()


def read_document(path: Path, option: str) -> Any:
    """A YAML or JSON file (JSON is YAML)."""
    if not path.is_file():
        raise InputError("no such file", field=option, source=str(path))
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, yaml.YAMLError) as error:
        raise InputError(f"not YAML or JSON: {error}", field=option, source=str(path)) from error


def jsonable(value: Any) -> Any:
    """Dates read from YAML as strings, as the stored events keep them."""
    return json.loads(json.dumps(value, default=str))


@expert_app.command("add")
def expert_add(
    ident: Annotated[str, typer.Option("--id", help="The expert's id.")],
    name: Annotated[str, typer.Option("--name")],
    nationality: Annotated[str, typer.Option("--nationality", help="ISO 3166-1 alpha-2.")],
    group: Annotated[str, typer.Option("--group", help="UN regional group (amendment-panel).")],
    fields: Annotated[list[str], typer.Option("--field", help="A field of expertise (repeat).")],
    home: Path | None = HomeOption,
) -> None:
    """Register an expert with fields of expertise and UN regional group."""
    with exit_codes():
        hub(home)
        from torturefree_service.amendments.services import add_expert

        data = {"id": ident, "name": name, "nationality": nationality}
        row = add_expert(data | {"regional_group": group, "fields": list(fields)})
        print_json(
            {"id": row.expert_id, "regional_group": row.regional_group, "fields": row.fields}
        )


@expert_app.command("list")
def expert_list(home: Path | None = HomeOption) -> None:
    """The registered experts."""
    with exit_codes():
        hub(home)
        from torturefree_service.amendments.services import experts

        print_json([e.model_dump(mode="json") for e in experts().values()])


@amendments_app.command("file")
def file_request(
    request: Annotated[
        Path, typer.Argument(help="The request (YAML or JSON, docs/amendments.md).")
    ],
    on: str | None = OnOption,
    home: Path | None = HomeOption,
) -> None:
    """Record a request as received on --on; prints its clocks."""
    with exit_codes():
        hub(home)
        from torturefree_service.amendments.services import file_request as file_it
        from torturefree_service.amendments.summary import summary

        data = read_document(request, "REQUEST")
        if not isinstance(data, dict):
            raise InputError("a request is a mapping", field="REQUEST", source=str(request))
        procedure = file_it(jsonable(data), day(on))
        print_json({k: v for k, v in summary(procedure).items() if k in SHORT})


SHORT = ("id", "state", "urgent", "received", "clocks", "admissible")


@amendments_app.command("step")
def record_step(
    request: Annotated[str, typer.Argument(help="The request id.")],
    kind: Annotated[
        str,
        typer.Argument(
            help="question|answer|declare|panel|note|vote|decide|extend|object|withdraw"
        ),
    ],
    by: Annotated[
        str, typer.Option("--by", help="Who: an expert id, a participant, 'secretariat'.")
    ],
    on: str | None = OnOption,
    text: Annotated[str | None, typer.Option("--text")] = None,
    to: Annotated[
        str | None, typer.Option("--to", help="A question's addressee: requester|all.")
    ] = None,
    question: Annotated[
        int | None, typer.Option("--question", help="The question answered.")
    ] = None,
    members: Annotated[
        list[str] | None, typer.Option("--member", help="A panel member (repeat).")
    ] = None,
    conflict: Annotated[bool | None, typer.Option("--conflict/--no-conflict")] = None,
    choice: Annotated[str | None, typer.Option("--choice", help="yes|no|abstain.")] = None,
    opinion: Annotated[str | None, typer.Option("--opinion", help="A dissenting opinion.")] = None,
    reasons: Annotated[
        str | None, typer.Option("--reasons", help="The decision's reasons.")
    ] = None,
    evidence: Annotated[
        Path | None, typer.Option("--evidence", help="YAML list of evidence items.")
    ] = None,
    home: Path | None = HomeOption,
) -> None:
    """Record one step of a request's procedure; a step the rules refuse is not recorded."""
    with exit_codes():
        hub(home)
        from torturefree_service.amendments.services import record
        from torturefree_service.amendments.summary import summary

        given = {
            "text": text,
            "to": to,
            "question": question,
            "members": members,
            "conflict": conflict,
            "choice": choice,
            "opinion": opinion,
            "reasons": reasons,
        }
        data = {k: v for k, v in given.items() if v is not None}
        if evidence is not None:
            data["evidence"] = jsonable(read_document(evidence, "--evidence"))
        procedure = record(request, kind, day(on), by, data)
        print_json({k: v for k, v in summary(procedure).items() if k in (*SHORT, "decision")})


@amendments_app.command("show")
def show(request: str, home: Path | None = HomeOption) -> None:
    """A request as the public page shows it (with the decision and dissents once decided)."""
    with exit_codes():
        hub(home)
        from torturefree_service.amendments.services import procedure_of
        from torturefree_service.amendments.summary import summary

        print_json(summary(procedure_of(request), day(None)))


@amendments_app.command("queue")
def queue(on: str | None = OnOption, home: Path | None = HomeOption) -> None:
    """Open requests with their clocks, the first due at the top (overdue flagged)."""
    with exit_codes():
        hub(home)
        from torturefree_service.amendments.services import queue as open_requests
        from torturefree_service.amendments.summary import summary

        today = day(on)
        rows = [summary(p, today) for p in open_requests()]
        print_json(
            [
                {k: r[k] for k in ("id", "entry", "state", "urgent", "clocks", "overdue")}
                for r in rows
            ]
        )


@amendments_app.command("notify")
def notify(home: Path | None = HomeOption) -> None:
    """Post pending notices of questions and decisions to participants' nodes (signed
    amendment_notice; no receipt: kept for the next run; refused: final); prints each one."""
    with exit_codes():
        hub(home)
        from torturefree_service.amendments.models import AmendmentNotice
        from torturefree_service.amendments.notices import notices_deliver

        counts = notices_deliver()
        rows = [
            {
                "request": n.request.request_id,
                "to": n.state,
                "id": n.message_id,
                "status": n.status,
                "attempts": n.attempts,
                "error": n.error or None,
            }
            for n in AmendmentNotice.objects.select_related("request")
        ]
        print_json({"counts": counts, "notices": rows})


def unified(path: str, before: str | None, after: str) -> str:
    lines = difflib.unified_diff(
        (before or "").splitlines(keepends=True),
        after.splitlines(keepends=True),
        fromfile=f"a/data/{path}" if before is not None else "/dev/null",
        tofile=f"b/data/{path}",
    )
    return "".join(lines)
