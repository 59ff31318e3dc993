"""`torturefree risk …` and `torturefree evidence …`: findings with sources, and the evidence register."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import typer

from torturefree.cli.common import HomeOption, guarded, print_json, stderr, use_home
from torturefree.errors import InputError
from torturefree.risk import (
    RiskQuery,
    assess,
    import_dataset,
    import_evidence,
    import_folder,
    open_context,
    open_store,
)
from torturefree.risk.catalogue import load_datasets
from torturefree.risk.countries import derive_from_hdx, load_countries, write_table
from torturefree.risk.facts import write_derived
from torturefree.risk.imports import parse_dataset
from torturefree.risk.regions import region_statistics
from torturefree.vocabulary import Category

risk_app = typer.Typer(
    help="Risk findings for a destination, with their sources.", no_args_is_help=True
)
evidence_app = typer.Typer(help="The evidence register and country facts.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(risk_app, name="risk")
    app.add_typer(evidence_app, name="evidence")


def _date(text: str | None) -> dt.date:
    if text is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(text)
    except ValueError as error:
        raise InputError(f"'{text}' is not an ISO 8601 date (YYYY-MM-DD)", field="date") from error


def _categories(values: list[str]) -> frozenset[Category]:
    try:
        return frozenset(Category(v) for v in values)
    except ValueError as error:
        known = ", ".join(c.value for c in Category)
        raise InputError(f"{error} (known: {known})", field="goods") from error


@risk_app.command("country")
def country_command(
    country: str = typer.Argument(..., help="ISO 3166-1 alpha-2 code."),
    date: str | None = typer.Option(None, "--date", help="As of this date (default today)."),
    goods: list[str] = typer.Option([], "--goods", help="Category of the goods (repeatable)."),
    end_user: str | None = typer.Option(None, "--end-user", help="Named end user."),
    end_use_shown: bool | None = typer.Option(
        None, "--end-use-shown/--end-use-missing", help="Whether end user and end use are shown."
    ),
    lookback_years: int | None = typer.Option(None, "--lookback-years", min=1),
    home: Path | None = HomeOption,
) -> None:
    """Findings for a destination as JSON: status, Annex V, ratifications, evidence, sources."""
    use_home(home)

    def body() -> None:
        query = RiskQuery(
            country=country.upper(),
            date=_date(date),
            categories=_categories(goods),
            end_user=end_user,
            end_use_information=end_use_shown,
            lookback_years=lookback_years,
        )
        print_json(assess(open_context(open_store()), query).model_dump(mode="json"))

    guarded(body)


@risk_app.command("regions")
def regions_command(
    year: int = typer.Option(..., "--year", help="Year of the figures."),
    home: Path | None = HomeOption,
) -> None:
    """Statistics by UN M49 region: evidence, executions, practices and goods reported."""
    use_home(home)
    guarded(lambda: print_json(region_statistics(open_context(open_store()), year)))


@evidence_app.command("import")
def import_command(
    path: Path = typer.Argument(..., help="CSV, JSON or JSON Lines file of evidence items."),
    actor: str = typer.Option("cli", "--actor", help="Who records the items."),
    reason: str = typer.Option("import", "--reason", help="Why (kept in the history)."),
    home: Path | None = HomeOption,
) -> None:
    """Import evidence items; each change is a new version, re-importing changes nothing."""
    use_home(home)

    def body() -> None:
        result = import_evidence(open_store(), path, actor=actor, reason=reason)
        print_json(
            {"added": result.added, "changed": result.changed, "unchanged": result.unchanged}
        )

    guarded(body)


@evidence_app.command("import-country-facts")
def import_facts_command(
    path: Path = typer.Argument(
        ..., help="A dataset file, or a folder laid out like data/evidence."
    ),
    dataset: str | None = typer.Option(None, "--dataset", help="Dataset id (for one file)."),
    home: Path | None = HomeOption,
) -> None:
    """Import country facts (death penalty, treaties, PTS, CIRIGHTS) atomically and idempotently."""
    use_home(home)

    def body() -> None:
        store = open_store()
        if dataset is None:
            outcomes = import_folder(store, path)
        else:
            outcomes = [import_dataset(store, dataset, path)]
        print_json([{**vars(o.record), "changed": o.changed} for o in outcomes])

    guarded(body)


@evidence_app.command("list")
def list_command(
    country: str | None = typer.Option(None, "--country"),
    home: Path | None = HomeOption,
) -> None:
    """Current evidence items, newest first."""
    use_home(home)
    items = guarded(lambda: open_store().items(country.upper() if country else None))
    print_json([item.model_dump(mode="json") for item in items])


@evidence_app.command("history")
def history_command(item_id: str, home: Path | None = HomeOption) -> None:
    """Every version of an evidence item: who changed it, when and why."""
    use_home(home)
    versions = guarded(lambda: open_store().history(item_id))
    if not versions:
        stderr.print(f"[bold red]error:[/] no evidence item '{item_id}'")
        raise typer.Exit(2)
    print_json([v.model_dump(mode="json") for v in versions])


@evidence_app.command("derive")
def derive_command(
    path: Path = typer.Argument(..., help="The source file or folder of the dataset."),
    dataset: str = typer.Option(..., "--dataset"),
    out: Path = typer.Option(..., "--out", help="Folder to write <dataset>.csv and .source into."),
) -> None:
    """Write a redistributable dataset's derived facts for shipping (refused if its licence forbids)."""

    def body() -> None:
        specs = load_datasets()
        record, parsed = parse_dataset(dataset, path, specs=specs, table=load_countries())
        if not specs[dataset].redistributable:
            raise InputError(
                f"licence does not allow shipping: {specs[dataset].licence}", field="dataset"
            )
        written = write_derived(
            parsed.facts, out, dataset=dataset, version=record.version, sha256=record.sha256
        )
        print_json({"written": str(written), "facts": len(parsed.facts), "quirks": parsed.quirks})

    guarded(body)


@evidence_app.command("derive-countries")
def derive_countries_command(
    path: Path = typer.Argument(..., help="HDX Countries & Territories Taxonomy CSV."),
    out: Path = typer.Option(..., "--out", help="Where to write countries.csv."),
) -> None:
    """Derive the country table (alpha-2, alpha-3, M49, region) from the HDX taxonomy (MIT)."""

    def body() -> None:
        countries = derive_from_hdx(path)
        write_table(countries, out)
        print_json({"written": str(out), "countries": len(countries)})

    guarded(body)
