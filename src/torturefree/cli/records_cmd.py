"""`torturefree ledger ...`, `torturefree report annual` and `torturefree records demo`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from torturefree.cli.common import HomeOption, exit_codes, print_json, stderr, use_home
from torturefree.errors import InputError
from torturefree.records.render import ReportFormat

ledger_app = typer.Typer(
    help="The tamper-evident ledger: verify, checkpoints.", no_args_is_help=True
)
report_app = typer.Typer(help="Annual reports (Art. 26(3), ATT layout).", no_args_is_help=True)
records_app = typer.Typer(help="The line-level records store.", no_args_is_help=True)

DatabaseOption = typer.Option(
    "--database", help="postgresql:// URL or SQLite path (default HOME/records.sqlite3)."
)


def register(app: typer.Typer) -> None:
    app.add_typer(ledger_app, name="ledger")
    app.add_typer(report_app, name="report")
    app.add_typer(records_app, name="records")


@ledger_app.command("verify")
def ledger_verify(
    checkpoint: Annotated[Path | None, typer.Option(help="Also check a checkpoint file.")] = None,
    workers: Annotated[
        int, typer.Option(min=1, help="Split a large ledger over this many processes.")
    ] = 1,
    database: Annotated[str | None, DatabaseOption] = None,
    home: Path | None = HomeOption,
) -> None:
    """Walk the whole chain; exit 1 naming the first broken entry."""
    use_home(home)
    with exit_codes():
        from torturefree.records import Checkpoint, Ledger
        from torturefree.records.errors import LedgerBrokenError

        point = None
        if checkpoint is not None:
            point = Checkpoint.from_json(_read(checkpoint, "checkpoint"), str(checkpoint))
        with Ledger.open(database) as ledger:
            result = ledger.verify(point, workers=workers)
        print_json(result.as_json())
        if not result.ok:
            raise LedgerBrokenError(result.first_broken, result.reason or "broken")


@ledger_app.command("checkpoint")
def ledger_checkpoint(
    out: Annotated[
        Path | None, typer.Option(help="Write the checkpoint here (else stdout).")
    ] = None,
    database: Annotated[str | None, DatabaseOption] = None,
    home: Path | None = HomeOption,
) -> None:
    """Export the head hash now; keep it outside the database and check it later."""
    use_home(home)
    with exit_codes():
        from torturefree.records import Ledger

        with Ledger.open(database) as ledger:
            text = ledger.checkpoint().to_json()
        if out is None:
            typer.echo(text)
        else:
            out.write_text(text + "\n", encoding="utf-8")


@report_app.command("annual")
def report_annual(
    year: Annotated[int, typer.Option("--year", help="Calendar year reported on.")],
    fmt: Annotated[str, typer.Option("--format", help="html, pdf, csv, xlsx or json.")],
    out: Annotated[Path, typer.Option("--out", help="File to write.")],
    public: Annotated[
        bool, typer.Option("--public", help="Withhold what the state marked sensitive.")
    ] = False,
    database: Annotated[str | None, DatabaseOption] = None,
    home: Path | None = HomeOption,
) -> None:
    """The annual activity report from the records store."""
    use_home(home)
    with exit_codes():
        from torturefree.records.annual import build_annual
        from torturefree.records.counting import Tables
        from torturefree.records.render import write_report
        from torturefree.records.store import Store

        kind = _format(fmt)
        if not 1900 <= year <= 9999:
            raise InputError("a four-digit year is needed", field="--year")
        with Store.open(database) as store:
            tables = Tables.from_arrow(store.arrow_tables())
        report = build_annual(tables, year, public=public)
        write_report(report, kind, out)
        stderr.print(f"wrote {out} ({kind.value}, {'public' if public else 'full'})")


@records_app.command("demo")
def records_demo(
    spec: Annotated[
        Path, typer.Option(help="Demo spec YAML: reporting_state, currency, goods, partners.")
    ],
    first_year: Annotated[int, typer.Option(help="First year of generated activity.")] = 2021,
    years: Annotated[int, typer.Option(help="Number of years.")] = 4,
    per_year: Annotated[int, typer.Option(help="Applications per year.")] = 200,
    seed: Annotated[int, typer.Option(help="Random seed (same seed, same data).")] = 7,
    database: Annotated[str | None, DatabaseOption] = None,
    home: Path | None = HomeOption,
) -> None:
    """Fill the store and the ledger with generated, realistic activity (idempotent per seed)."""
    use_home(home)
    with exit_codes():
        from torturefree.records import Ledger, Store
        from torturefree.records.demo import Generator, ledger_events, load_spec

        records = Generator(load_spec(spec), seed).records(
            range(first_year, first_year + years), per_year
        )
        with Store.open(database) as store:
            store.write(records)
        with Ledger.open(database) as ledger:
            entries = ledger.append_many(list(ledger_events(records)))
        print_json({"applications": len(records.applications), "ledger_entries": len(entries)})


def _format(value: str) -> ReportFormat:
    try:
        return ReportFormat(value)
    except ValueError as error:
        known = ", ".join(f.value for f in ReportFormat)
        raise InputError(f"unknown format '{value}' (known: {known})", field="--format") from error


def _read(path: Path, field: str) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError as error:
        raise InputError(f"cannot read: {error.strerror}", field=field, source=str(path)) from error
