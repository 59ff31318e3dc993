"""`torturefree risk …` and `torturefree evidence …`: findings with sources; the register."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

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

risk_app = typer.Typer(help="Risk findings for a destination, with sources.", no_args_is_help=True)
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
    country: Annotated[str, typer.Argument(help="ISO 3166-1 alpha-2 code.")],
    date: Annotated[str | None, typer.Option(help="As of this date (default today).")] = None,
    goods: Annotated[list[str] | None, typer.Option(help="Goods category (repeatable).")] = None,
    end_user: Annotated[str | None, typer.Option(help="Named end user.")] = None,
    end_use_shown: Annotated[
        bool | None,
        typer.Option("--end-use-shown/--end-use-missing", help="End user and end use shown?"),
    ] = None,
    lookback_years: Annotated[int | None, typer.Option(min=1)] = None,
    home: Path | None = HomeOption,
) -> None:
    """Findings for a destination as JSON: status, Annex V, ratifications, evidence, sources."""
    use_home(home)

    def body() -> None:
        query = RiskQuery(
            country=country.upper(),
            date=_date(date),
            categories=_categories(goods or []),
            end_user=end_user,
            end_use_information=end_use_shown,
            lookback_years=lookback_years,
        )
        print_json(assess(open_context(open_store()), query).model_dump(mode="json"))

    guarded(body)


@risk_app.command("regions")
def regions_command(
    year: Annotated[int, typer.Option(help="Year of the figures.")],
    home: Path | None = HomeOption,
) -> None:
    """Statistics by UN M49 region: evidence, executions, practices and goods reported."""
    use_home(home)
    guarded(lambda: print_json(region_statistics(open_context(open_store()), year)))


@evidence_app.command("import")
def import_command(
    path: Annotated[Path, typer.Argument(help="CSV, JSON or JSON Lines of evidence items.")],
    actor: Annotated[str, typer.Option(help="Who records the items.")] = "cli",
    reason: Annotated[str, typer.Option(help="Why (kept in the history).")] = "import",
    home: Path | None = HomeOption,
) -> None:
    """Import evidence items; each change is a new version, re-importing changes nothing."""
    use_home(home)

    def body() -> None:
        result = import_evidence(open_store(), path, actor=actor, reason=reason)
        print_json(vars(result))

    guarded(body)


@evidence_app.command("import-country-facts")
def import_facts_command(
    path: Annotated[Path, typer.Argument(help="A dataset file, or a folder like data/evidence.")],
    dataset: Annotated[str | None, typer.Option(help="Dataset id (for one file).")] = None,
    home: Path | None = HomeOption,
) -> None:
    """Import country facts (death penalty, treaties, PTS, CIRIGHTS) atomically, idempotently."""
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
    country: Annotated[str | None, typer.Option(help="Only this country.")] = None,
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
    path: Annotated[Path, typer.Argument(help="The dataset's source file or folder.")],
    dataset: Annotated[str, typer.Option(help="Dataset id.")],
    out: Annotated[Path, typer.Option(help="Folder for <dataset>.csv and .source.")],
) -> None:
    """Write a dataset's derived facts for shipping; refused when its licence does not allow it."""

    def body() -> None:
        specs = load_datasets()
        record, parsed = parse_dataset(dataset, path, specs=specs, table=load_countries())
        if not specs[dataset].redistributable:
            licence = specs[dataset].licence
            raise InputError(f"licence does not allow shipping: {licence}", field="dataset")
        written = write_derived(
            parsed.facts, out, dataset=dataset, version=record.version, sha256=record.sha256
        )
        print_json({"written": str(written), "facts": len(parsed.facts), "quirks": parsed.quirks})

    guarded(body)


@evidence_app.command("derive-countries")
def derive_countries_command(
    path: Annotated[Path, typer.Argument(help="HDX Countries & Territories Taxonomy CSV.")],
    out: Annotated[Path, typer.Option(help="Where to write countries.csv.")],
) -> None:
    """Derive the country table (alpha-2, alpha-3, M49, region) from the HDX taxonomy (MIT)."""

    def body() -> None:
        countries = derive_from_hdx(path)
        write_table(countries, out)
        print_json({"written": str(out), "countries": len(countries)})

    guarded(body)
