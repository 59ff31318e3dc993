"""`torturefree trade …`: import trade statistics, mirror statistics, flags, dismissals, charts."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from torturefree.cli.common import HomeOption, exit_codes, print_json, use_home

trade_app = typer.Typer(
    help="Trade monitoring: mirror statistics and flags (DuckDB, or Spark with --spark-master).",
    no_args_is_help=True,
)
MasterOption = typer.Option(
    "--spark-master",
    help="Run on Spark (e.g. local[*], spark://host:7077); default $TORTUREFREE_SPARK_MASTER or DuckDB.",
)
FormatOption = typer.Option("--format", help="json, csv or xlsx (xlsx needs --out).")
OutOption = typer.Option("--out", help="Write here instead of stdout.")
SourceOption = typer.Option(
    "--source", help="Which source's rows are mirrored (comtrade, comext); repeat for several."
)


def register(app: typer.Typer) -> None:
    app.add_typer(trade_app, name="trade")


@trade_app.command("import")
def import_file(
    path: Annotated[Path, typer.Argument(help="A Comtrade CSV/JSON, Comext CSV or BACI CSV file.")],
    layout: Annotated[str, typer.Option(help="comtrade, comext or baci.")] = "comtrade",
    home: Path | None = HomeOption,
) -> None:
    """Import one file into HOME/trade (all rows or none; the same file twice changes nothing)."""
    use_home(home)
    with exit_codes():
        from torturefree.trade import TradeStore

        print_json(TradeStore().import_file(path, layout).as_json())


@trade_app.command("imports")
def imports(home: Path | None = HomeOption) -> None:
    """What has been imported: one batch per file, with its partitions."""
    use_home(home)
    with exit_codes():
        from torturefree.trade import TradeStore

        print_json(TradeStore().imports())


def _monitor(master: str | None, sources: list[str] | None, **kw: Any) -> Any:
    from torturefree.trade import TradeStore, open_engine
    from torturefree.trade.mirror import DEFAULT_SOURCES
    from torturefree.trade.monitor import Monitor

    return Monitor.open(
        open_engine(master), TradeStore(), sources=tuple(sources or DEFAULT_SOURCES), **kw
    )


def _emit(
    tables: dict[str, list[dict[str, Any]]], fmt: str, out: Path | None, about: dict[str, Any]
) -> None:
    from torturefree.trade.export import write_tables

    text = write_tables(tables, fmt, out, about)
    if text is not None:
        sys.stdout.write(text)


@trade_app.command("mirror")
def mirror(
    exporter: Annotated[str | None, typer.Option(help="ISO alpha-2 of the exporter.")] = None,
    importer: Annotated[str | None, typer.Option(help="ISO alpha-2 of the importer.")] = None,
    code: Annotated[str | None, typer.Option(help="HS code or its start (e.g. 9304).")] = None,
    year: Annotated[int | None, typer.Option(help="One year.")] = None,
    fmt: Annotated[str, FormatOption] = "json",
    out: Annotated[Path | None, OutOption] = None,
    source: Annotated[list[str] | None, SourceOption] = None,
    spark_master: Annotated[str | None, MasterOption] = None,
    home: Path | None = HomeOption,
) -> None:
    """Exporter-reported exports against importer-reported imports, with the asymmetry index."""
    use_home(home)
    with exit_codes():
        from torturefree.trade.export import check_format
        from torturefree.trade.mirror import ALGORITHM
        from torturefree.trade.views import filtered_mirror

        check_format(fmt)
        m = _monitor(spark_master, source)
        try:
            rows = m.engine.rows(
                filtered_mirror(m, exporter=exporter, importer=importer, code=code, year=year)
            )
            about = _about(m, ALGORITHM, ["cif_fob_factor", "lag_window_years"])
            _emit({"mirror": rows}, fmt, out, about)
        finally:
            m.engine.close()


@trade_app.command("flags")
def flags(
    kind: Annotated[list[str] | None, typer.Option(help="Only these kinds (repeat).")] = None,
    watch: Annotated[
        list[str] | None, typer.Option(help="Also watch this destination (repeat).")
    ] = None,
    licences: Annotated[
        str | None, typer.Option(help="Records store with licence lines (path or URL).")
    ] = None,
    records: Annotated[int, typer.Option(help="Attach up to N stored records to each flag.")] = 0,
    fmt: Annotated[str, FormatOption] = "json",
    out: Annotated[Path | None, OutOption] = None,
    source: Annotated[list[str] | None, SourceOption] = None,
    spark_master: Annotated[str | None, MasterOption] = None,
    home: Path | None = HomeOption,
) -> None:
    """Every flag with its why: parameters, entries, facts, and the records behind it."""
    use_home(home)
    with exit_codes():
        from torturefree.errors import InputError
        from torturefree.trade.export import check_format
        from torturefree.trade.flags import ALGORITHM
        from torturefree.trade.licences import licences_from_store
        from torturefree.trade.monitor import KINDS
        from torturefree.trade.params import load_parameters
        from torturefree.trade.views import flat_flags

        check_format(fmt)
        for name in kind or []:
            if name not in KINDS:
                raise InputError(
                    f"unknown kind '{name}' (one of {', '.join(KINDS)})", field="--kind"
                )
        lic = None
        if licences is not None:
            m0 = _monitor("duckdb", source)
            lic = licences_from_store(licences, m0.years, load_parameters())
        m = _monitor(spark_master, source, watch=watch or (), licences=lic)
        try:
            found = m.flags(kind)
            for flag in found:
                if records:
                    flag["records"] = m.records(flag, records)
            about = _about(m, ALGORITHM, [])
            if fmt == "json":
                _emit({"flags": found}, fmt, out, about)
            else:
                _emit({"flags": flat_flags(found)}, fmt, out, about)
        finally:
            m.engine.close()


@trade_app.command("dismiss")
def dismiss(
    flag_id: Annotated[str, typer.Argument(help="The flag's id (from trade flags).")],
    reason: Annotated[str, typer.Option(help="Why it is not a concern (kept).")],
    analyst: Annotated[str, typer.Option(help="Who dismisses it.")],
    home: Path | None = HomeOption,
) -> None:
    """Dismiss a flag with a reason; it stays listed, marked dismissed."""
    use_home(home)
    with exit_codes():
        from torturefree.trade.dismissals import Dismissals

        print_json(Dismissals().dismiss(flag_id, reason, analyst))


@trade_app.command("chart")
def chart(
    exporter: Annotated[str, typer.Option(help="ISO alpha-2 of the exporter.")],
    importer: Annotated[str, typer.Option(help="ISO alpha-2 of the importer.")],
    code: Annotated[str, typer.Option(help="HS code or its start.")],
    out: Annotated[Path, typer.Option(help="SVG file to write.")],
    source: Annotated[list[str] | None, SourceOption] = None,
    home: Path | None = HomeOption,
) -> None:
    """Both sides of one flow over the years as SVG; prints the text alternative."""
    use_home(home)
    with exit_codes():
        from torturefree.trade.views import code_view

        m = _monitor(None, source)
        view = code_view(m, code, exporter, importer)
        out.write_text(view["charts"][0]["svg"], encoding="utf-8")
        print_json({"svg": str(out), "text": view["charts"][0]["text"]})


def _about(m: Any, algorithm: str, parameters: list[str]) -> dict[str, Any]:
    from torturefree.trade.explain import measure_note

    return {
        "algorithm": algorithm,
        "engine": m.engine.kind,
        "sources": list(m.sources),
        "instruments": list(m.goods.instruments),
        "data_release": m.goods.release,
        "parameters": [m.parameters.get(name).cite() for name in parameters],
        "measure_note": measure_note(),
    }
