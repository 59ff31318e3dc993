"""One place that binds the expressions to an engine, the parameters, the goods and the facts."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import ibis
import ibis.expr.types as ir
import pyarrow as pa

from torturefree.lists import load_catalogue
from torturefree.trade import flags as q
from torturefree.trade.codes import DEATH_PENALTY_CAPABLE, PROHIBITED, GoodsMap, goods_map
from torturefree.trade.dismissals import Dismissals
from torturefree.trade.engine import Engine
from torturefree.trade.explain import make_flag
from torturefree.trade.facts import Status, death_penalty_statuses, watch_table
from torturefree.trade.licences import SCHEMA as LICENCE_SCHEMA
from torturefree.trade.mirror import DEFAULT_SOURCES, mirror
from torturefree.trade.params import Parameters
from torturefree.trade.store import TradeStore

ANY = "*"
KINDS = (
    "prohibited_goods",
    "death_penalty_destination",
    "large_asymmetry",
    "sudden_rise",
    "possible_rerouting",
    "above_licensed",
)


@dataclass
class Monitor:
    engine: Engine
    store: TradeStore
    parameters: Parameters
    goods: GoodsMap
    statuses: list[Status]
    years: list[int]
    watch: tuple[str, ...] = ()
    licences: pa.Table | None = None
    sources: tuple[str, ...] = DEFAULT_SOURCES
    _trade: ir.Table | None = field(default=None, repr=False)

    @classmethod
    def open(
        cls,
        engine: Engine,
        store: TradeStore,
        *,
        instruments: Iterable[str] | None = None,
        watch: Iterable[str] = (),
        licences: pa.Table | None = None,
        sources: tuple[str, ...] = DEFAULT_SOURCES,
        home: Path | None = None,
    ) -> Monitor:
        p = store.parameters
        trade = engine.trade(store.parquet)
        years = store.years()
        chosen = tuple(instruments or p.source.default_instruments.values)
        goods = goods_map(load_catalogue(), chosen, years)
        statuses = death_penalty_statuses(years, home or store.root.parent)
        return cls(engine, store, p, goods, statuses, years, tuple(watch), licences, sources, trade)

    @property
    def trade(self) -> ir.Table:
        if self._trade is None:
            self._trade = self.engine.trade(self.store.parquet)
        return self._trade

    def value(self, name: str) -> float:
        return self.parameters.value(name)

    def mirror(self) -> ir.Table:
        return mirror(
            self.trade,
            self.value("cif_fob_factor"),
            int(self.value("lag_window_years")),
            self.sources,
            self.engine.keep,
        )

    def queries(self) -> dict[str, Callable[[], ir.Table]]:
        """Every flag's expression, by kind (the same expressions on either engine)."""
        v = self.value
        table = self.engine.table
        return {
            "prohibited_goods": lambda: q.in_codes(
                self.trade, self.goods.code6_of(PROHIBITED), v("prohibited_min_value_usd")
            ),
            "death_penalty_destination": lambda: q.to_destinations(
                self.trade,
                self.goods.code6_of(DEATH_PENALTY_CAPABLE),
                table(watch_table(self.statuses, (), self.years)),
                v("death_penalty_min_value_usd"),
            ),
            "large_asymmetry": lambda: q.asymmetries(
                self.mirror(),
                v("asymmetry_threshold"),
                v("asymmetry_min_value_usd"),
                v("timing_offset_max"),
            ),
            "sudden_rise": lambda: q.rises(
                q.totals(self.trade, self.sources),
                v("rise_ratio"),
                int(v("rise_history_years")),
                v("rise_min_value_usd"),
            ),
            "possible_rerouting": lambda: q.rerouting(
                self.trade,
                table(watch_table(self.statuses, self.watch, self.years)),
                self.sources,
                int(v("rerouting_window_years")),
                v("rerouting_min_share"),
                v("rerouting_min_value_usd"),
                v("rerouting_min_supplier_share"),
            ),
            "above_licensed": lambda: q.above_licensed(
                self.trade,
                table(self.licences if self.licences is not None else LICENCE_SCHEMA.empty_table()),
                v("licence_tolerance"),
                v("licence_min_excess_usd"),
            ),
        }

    def flags(self, kinds: Iterable[str] | None = None) -> list[dict[str, Any]]:
        dismissed = Dismissals(self.store.root.parent).current()
        found: list[dict[str, Any]] = []
        queries = self.queries()
        for kind in kinds or KINDS:
            for row in self.engine.rows(queries[kind]()):
                flag = self._flag(kind, row)
                flag["dismissed"] = dismissed.get(flag["id"])
                found.append(flag)
        return found

    def _flag(self, kind: str, row: dict[str, Any]) -> dict[str, Any]:
        spec = SPECS[kind]
        extra = spec.extra(self, row) if spec.extra else {}
        flag = make_flag(
            kind, row, spec.keys, list(spec.parameters), self.parameters, self.goods, extra
        )
        flag["records_query"] = spec.records(row)
        return flag

    def records(self, flag: dict[str, Any], limit: int = 50) -> list[dict[str, Any]]:
        """The stored rows behind a flag (file and line of each), at most `limit`."""
        t = self.trade
        cond = ibis.literal(False)
        for part in flag["records_query"]:
            c = t.reporter == part["reporter"]
            if part["partner"] != ANY:
                c &= t.partner == part["partner"]
            c &= (
                t.code.startswith(part["code"])
                & t.year.isin(part["years"])
                & t.flow.isin(part["flows"])
            )
            cond |= c
        rows = t.filter(cond).select(
            "source", "file", "line", "reporter", "partner", "flow", "code", "period", "value_usd"
        )
        return self.engine.rows(rows.order_by(["file", "line"]).limit(limit))

    def status_of(self, country: str, year: int) -> Status | None:
        return next((s for s in self.statuses if s.country == country and s.year == year), None)


@dataclass(frozen=True)
class Spec:
    keys: tuple[str, ...]
    parameters: tuple[str, ...]
    records: Callable[[dict[str, Any]], list[dict[str, Any]]]
    extra: Callable[[Monitor, dict[str, Any]], dict[str, Any]] | None = None
    # The entries a flag is about (the others sharing the code are not named in its why).
    categories: tuple[str, ...] | None = None


def _pair(
    row: dict[str, Any], years: list[int] | None = None, code: str | None = None
) -> list[dict[str, Any]]:
    c = code or row.get("code") or row["code6"]
    ys = years or [row["year"]]
    return [
        {
            "reporter": row["exporter"],
            "partner": row["importer"],
            "code": c,
            "years": ys,
            "flows": ["X"],
        },
        {
            "reporter": row["importer"],
            "partner": row["exporter"],
            "code": c,
            "years": ys,
            "flows": ["M"],
        },
    ]


def _status_extra(m: Monitor, row: dict[str, Any]) -> dict[str, Any]:
    status = m.status_of(row["importer"], row["year"])
    source = f"{status.source}, figure for {status.figure_year}" if status else "?"
    facts = [
        {
            "country": row["importer"],
            "year": row["year"],
            "death_penalty_status": status.status if status else None,
            "source": source,
        }
    ]
    return {"status_source": source, "facts": facts}


def _rise_extra(m: Monitor, row: dict[str, Any]) -> dict[str, Any]:
    return {"ratio": m.value("rise_ratio"), "history": int(m.value("rise_history_years"))}


def _reroute_records(row: dict[str, Any]) -> list[dict[str, Any]]:
    first = _pair({**row, "importer": row["transit"]})
    years = [row["year"] + k for k in range(0, 3)]
    return [
        *first,
        {
            "reporter": row["transit"],
            "partner": row["destination"],
            "code": row["code6"],
            "years": years,
            "flows": ["RX"],
        },
    ]


def _own(row: dict[str, Any]) -> list[dict[str, Any]]:
    """The state's own rows; a country's series (no partner) is over all its partners."""
    partner = row.get("partner") or ANY
    return [
        {
            "reporter": row["reporter"],
            "partner": partner,
            "code": row["code6"],
            "years": [row["year"]],
            "flows": [row["flow"]],
        }
    ]


SPECS: dict[str, Spec] = {
    "prohibited_goods": Spec(
        ("exporter", "importer", "code", "year", "reported_by", "source"),
        ("prohibited_min_value_usd",),
        _pair,
    ),
    "death_penalty_destination": Spec(
        ("exporter", "importer", "code", "year", "reported_by", "source"),
        ("death_penalty_min_value_usd",),
        _pair,
        _status_extra,
    ),
    "large_asymmetry": Spec(
        ("exporter", "importer", "code6", "year"),
        (
            "cif_fob_factor",
            "lag_window_years",
            "timing_offset_max",
            "asymmetry_threshold",
            "asymmetry_min_value_usd",
        ),
        lambda r: _pair(r, [r["year"], r["year"] + 1]),
    ),
    "sudden_rise": Spec(
        ("reporter", "flow", "code6", "year"),
        ("rise_ratio", "rise_history_years", "rise_min_value_usd"),
        _own,
        _rise_extra,
    ),
    "possible_rerouting": Spec(
        ("exporter", "transit", "destination", "code6", "year"),
        (
            "rerouting_window_years",
            "rerouting_min_share",
            "rerouting_min_value_usd",
            "rerouting_min_supplier_share",
        ),
        _reroute_records,
    ),
    "above_licensed": Spec(
        ("reporter", "flow", "partner", "code6", "year"),
        ("licence_tolerance", "licence_min_excess_usd"),
        _own,
    ),
}
