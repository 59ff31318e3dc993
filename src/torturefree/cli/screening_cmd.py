"""`torturefree watchlist …` and `torturefree screen`: thin shells over torturefree.screening."""

from __future__ import annotations

from pathlib import Path

import typer

from torturefree import paths
from torturefree.cli.common import (
    HomeOption,
    exit_codes,
    print_json,
    print_jsonl,
    read_text_input,
    stderr,
    use_home,
)
from torturefree.errors import InputError
from torturefree.screening.batch import (
    NotScreened,
    read_batch,
    screen_batch,
    summary,
    summary_text,
)
from torturefree.screening.dispositions import record_disposition
from torturefree.screening.formats import FORMATS
from torturefree.screening.query import Query
from torturefree.screening.rescreen import rescreen, store_subjects
from torturefree.screening.service import import_watchlist, list_watchlists
from torturefree.screening.store import WatchlistStore

# Some records were answered "not_screened" (the others were screened): distinct from 2, which
# means nothing was screened.
EXIT_NOT_SCREENED = 3

watchlist_app = typer.Typer(
    help="Import and list watchlists (sanctions, denied parties, ¶109 list).", no_args_is_help=True
)


def parse_lines(text: str, source: str) -> list[Query]:
    """JSON Lines (or one JSON object/array) of queries, all of them valid (remembering
    subjects takes all or nothing); errors name the line and field."""
    queries = []
    for line, record in read_batch(text, source):
        if isinstance(record, NotScreened):
            raise InputError(record.reason, field=record.field, line=line, source=source)
        queries.append(record)
    return queries


def register(app: typer.Typer) -> None:
    app.add_typer(watchlist_app, name="watchlist")
    app.command("screen")(screen)


@watchlist_app.command("import")
def import_cmd(
    path: Path = typer.Argument(..., help="File, or folder for ofac-sdn."),
    fmt: str = typer.Option(..., "--format", help=f"One of: {', '.join(FORMATS)}."),
    name: str = typer.Option(
        ..., "--name", help="Watchlist name; re-importing makes a new version."
    ),
    signature: Path = typer.Option(
        None, "--signature", help="The hub's signed release of this file: verify it first."
    ),
    hub_key: str = typer.Option(
        None, "--hub-key", help="With --signature: the hub's key (default: the directory's)."
    ),
    home: Path | None = HomeOption,
) -> None:
    """Import a watchlist atomically; prints the new version and its diff to the previous one.
    With --signature (the hub's shared watchlist), nothing is imported unless it verifies."""
    use_home(home)
    with exit_codes():
        verified = _verified(path, fmt, signature, hub_key) if signature else None
        done = import_watchlist(WatchlistStore(), fmt, name, path)
        print_json(done | {"verified_release": verified} if verified else done)


def _verified(path: Path, fmt: str, signature: Path, hub_key: str | None) -> int:
    """The version of the hub's release that signed the file at `path`."""
    import datetime as dt
    import json

    from torturefree.exchange.publickey import PublicKey
    from torturefree.screening.hub_watchlist import GIVEN, check_file, directory_keys

    try:
        signed = json.loads(signature.read_bytes())
        content = path.read_bytes()
    except (OSError, ValueError) as error:
        raise InputError(f"cannot read: {error}", field="--signature") from error
    if hub_key:
        keys: tuple[PublicKey, ...] = (PublicKey(GIVEN, hub_key, dt.date.min),)
    else:
        keys = directory_keys(paths.home_dir())
    return int(check_file(signed, content, fmt, keys)["version"])


@watchlist_app.command("pull")
def pull_cmd(
    hub: str = typer.Option(None, "--hub", help="The hub's address (default: the directory's)."),
    key: str = typer.Option(
        None, "--key", help="The hub's public key (with --hub; default: the directory's keys)."
    ),
    home: Path | None = HomeOption,
) -> None:
    """Fetch the hub's shared watchlist, verify its signed release and import it as `hub`
    (also run hourly by the worker); a refused release changes nothing."""
    import datetime as dt

    from torturefree.exchange.publickey import PublicKey
    from torturefree.screening.hub_watchlist import GIVEN, pull, pull_from_directory

    use_home(home)
    with exit_codes():
        if hub is None:
            print_json(pull_from_directory(paths.home_dir()))
            return
        if key is None:
            raise InputError("give the hub's public key with --hub", field="--key")
        keys = [PublicKey(GIVEN, key, dt.date.min)]
        print_json({"hub": hub, **pull(paths.home_dir(), hub, keys)})


@watchlist_app.command("list")
def list_cmd(home: Path | None = HomeOption) -> None:
    """List watchlists with their latest version, content hash and threshold."""
    use_home(home)
    with exit_codes():
        print_json(list_watchlists(WatchlistStore()))


@watchlist_app.command("threshold")
def threshold_cmd(
    name: str,
    threshold: float,
    actor: str = typer.Option(..., "--by"),
    reason: str = typer.Option(..., "--reason"),
    home: Path | None = HomeOption,
) -> None:
    """Set one list's alert threshold (audited: who, when, why)."""
    use_home(home)
    with exit_codes():
        WatchlistStore().set_threshold(name, threshold, actor, reason)
        print_json(list_watchlists(WatchlistStore()))


@watchlist_app.command("dispose")
def dispose_cmd(
    subject_key: str = typer.Option(..., "--subject", help="subject_key printed by screen."),
    watchlist: str = typer.Option(..., "--watchlist"),
    entity_id: str = typer.Option(..., "--entity-id"),
    status: str = typer.Option(..., "--status", help="true_match | false_positive | needs_review"),
    actor: str = typer.Option(..., "--by"),
    reason: str = typer.Option(..., "--reason"),
    expires: str | None = typer.Option(
        None, "--expires", help="YYYY-MM-DD; required for false_positive."
    ),
    home: Path | None = HomeOption,
) -> None:
    """Record a person's decision on a hit."""
    use_home(home)
    with exit_codes():
        record = record_disposition(
            WatchlistStore(),
            subject=subject_key,
            watchlist=watchlist,
            entity_id=entity_id,
            status=status,
            actor=actor,
            reason=reason,
            expires_at=expires,
        )
        print_json(record.to_dict())


@watchlist_app.command("rescreen")
def rescreen_cmd(
    name: str,
    old: int | None = typer.Option(None, "--from"),
    new: int | None = typer.Option(None, "--to"),
    subjects: str | None = typer.Option(
        None, "--add-subjects", help="JSON Lines of parties to remember first."
    ),
    home: Path | None = HomeOption,
) -> None:
    """New, changed and dropped hits of stored subjects between two versions of a list."""
    use_home(home)
    with exit_codes():
        store = WatchlistStore()
        if subjects is not None:
            store_subjects(store, parse_lines(*read_text_input(subjects)))
        print_json(rescreen(store, name, old, new))


def screen(
    path: str | None = typer.Argument(None, help="JSON Lines of parties, or '-' for stdin."),
    watchlist: list[str] | None = typer.Option(None, "--watchlist", help="Repeat for several."),
    threshold: float | None = typer.Option(
        None, "--threshold", help="Default 0.7 or the list's own."
    ),
    limit: int = typer.Option(5, "--limit"),
    algorithm: str | None = typer.Option(
        None,
        "--algorithm",
        help="name_v3 (default); name_v4, name_v5, name_v6 selectable; name_v2, name_v1 re-run recorded results.",
    ),
    home: Path | None = HomeOption,
) -> None:
    """Screen parties against watchlists; one JSON line per party, in input order.

    A record that cannot be screened is answered with "status": "not_screened" and its reason,
    the others are screened; the summary on stderr counts both, and the exit code is 3 when any
    record was not screened (2 when the input as a whole is unreadable).
    """
    use_home(home)
    with exit_codes():
        if threshold is not None and not 0.0 <= threshold <= 1.0:
            raise InputError("must be in 0..1", field="--threshold")
        if limit < 1:
            raise InputError("must be at least 1", field="--limit")
        records = read_batch(*read_text_input(path))
        results = screen_batch(
            WatchlistStore(),
            records,
            names=watchlist or None,
            threshold=threshold,
            limit=limit,
            algorithm=algorithm,
        )
        for result in results:
            print_jsonl(result)
    counts = summary(results)
    stderr.print(summary_text(results), highlight=False, markup=False, soft_wrap=True)
    if counts["not_screened"]:
        raise typer.Exit(EXIT_NOT_SCREENED)
