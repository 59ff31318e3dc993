"""`torturefree exchange send | inbox | outbox | deliver`: the commands that need the database.

They run against this node's service database (DATABASE_URL, else SQLite under --home), the
same one `torturefree serve` uses: `send` queues in it and the serve's worker delivers, or
`deliver` does it by hand.
"""

from __future__ import annotations

import json
import time
import uuid
from pathlib import Path
from typing import Annotated, Any

import typer

from torturefree.cli.common import HomeOption, exit_codes, print_json, stderr, use_home
from torturefree.errors import InputError


def _service() -> None:
    from torturefree.cli.service_cmd import _django

    _django()


def _body(path: Path) -> dict[str, Any]:
    if not path.is_file():
        raise InputError("no such file", field="--body", source=str(path))
    try:
        value = json.loads(path.read_bytes())
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise InputError(f"not JSON: {error}", field="--body", source=str(path)) from error
    if not isinstance(value, dict):
        raise InputError("a message body is a JSON object", field="--body", source=str(path))
    return value


def _uuid(text: str | None, option: str) -> str | None:
    if text is None:
        return None
    try:
        return str(uuid.UUID(text))
    except ValueError as error:
        raise InputError("not a message id (a UUID)", field=option) from error


def send(
    to: Annotated[str, typer.Option("--to", help="The recipient state (or HUB).")],
    type_: Annotated[str, typer.Option("--type", help="The message type, e.g. denial_notice.")],
    body: Annotated[Path, typer.Option("--body", help="A JSON file: the message's body.")],
    in_reply_to: Annotated[
        str | None, typer.Option("--in-reply-to", help="The id of the message answered.")
    ] = None,
    home: Path | None = HomeOption,
) -> None:
    """Sign a message and queue it for delivery; prints its id."""
    use_home(home)
    with exit_codes():
        content = _body(body)
        answered = _uuid(in_reply_to, "--in-reply-to")
        _service()
        from django.db import transaction
        from torturefree_service.audit.services import audit_flush
        from torturefree_service.errors import ServiceError
        from torturefree_service.exchange.outbox import outbox_send
        from torturefree_service.exchange.selectors import conversation_of

        conversation = conversation_of(answered) if answered else None
        if answered and conversation is None:
            raise InputError("no message with this id came in or went out", field="--in-reply-to")
        try:
            with transaction.atomic():
                message = outbox_send(
                    type=type_,
                    to=to.upper(),
                    body=content,
                    conversation=conversation,
                    in_reply_to=answered,
                    actor="cli",
                )
        except ServiceError as error:
            raise InputError(error.message, field=_option(error.field)) from error
        audit_flush()
        print_json({"id": str(message.pk), "to": message.recipient, "state": message.state})


def _option(field: str | None) -> str | None:
    """The service's field name as the option the user typed."""
    if field is None:
        return None
    if field.startswith("body"):
        return "--body" + (f" ({field[5:]})" if len(field) > 4 else "")
    return f"--{field.replace('_', '-')}"


def outbox(
    as_json: Annotated[bool, typer.Option("--json", help="JSON instead of a table.")] = False,
    state: Annotated[
        str | None, typer.Option("--state", help="Only pending, sending, delivered, ...")
    ] = None,
    home: Path | None = HomeOption,
) -> None:
    """What went out: each message with its delivery state, attempts and any refusal."""
    use_home(home)
    with exit_codes():
        _service()
        from torturefree_service.exchange.selectors import outbox_rows

        rows = outbox_rows(state=state)
        _show(rows, as_json, ["id", "type", "to", "state", "attempts", "last_error"])


def inbox(
    as_json: Annotated[bool, typer.Option("--json", help="JSON instead of a table.")] = False,
    home: Path | None = HomeOption,
) -> None:
    """What came in: accepted messages and refused posts, newest first."""
    use_home(home)
    with exit_codes():
        _service()
        from torturefree_service.exchange.selectors import inbox_rows

        _show(inbox_rows(), as_json, ["id", "type", "from", "state", "received_at"])


def _show(rows: list[dict[str, Any]], as_json: bool, columns: list[str]) -> None:
    if as_json:
        print_json(rows)
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(*columns)
    for row in rows:
        table.add_row(*("" if row.get(c) is None else str(row.get(c))[:60] for c in columns))
    console = Console()
    # Piped or captured: wide enough for whole ids (what `send --in-reply-to` takes).
    (console if console.is_terminal else Console(width=200)).print(table)


def deliver(
    follow: Annotated[
        bool, typer.Option("--follow", help="Keep running, as a worker, until stopped.")
    ] = False,
    wait: Annotated[
        float,
        typer.Option("--wait", min=0, help="Also wait up to so many seconds for retries due."),
    ] = 0.0,
    home: Path | None = HomeOption,
) -> None:
    """Deliver what is due until the outbox is empty or only waiting (or forever: --follow)."""
    use_home(home)
    with exit_codes():
        _service()
        from torturefree_service.exchange.delivery import deliver_sweep

        total: dict[str, int] = {}
        while True:
            done = deliver_sweep(seconds=wait if not follow else 50.0, drain=not follow)
            for key, value in done.items():
                total[key] = total.get(key, 0) + value
            if not follow:
                break
            time.sleep(0.5)
        print_json(total)
        if total.get("retrying"):
            stderr.print("Some messages wait for their next attempt (see `exchange outbox`).")


def register(exchange_app: typer.Typer) -> None:
    exchange_app.command("send")(send)
    exchange_app.command("outbox")(outbox)
    exchange_app.command("inbox")(inbox)
    exchange_app.command("deliver")(deliver)
