"""Mirror statistics: what exporters report exporting against what importers report importing.

Per exporter, importer, HS6 code and year. The asymmetry index is

    A = (M / f - X) / (M / f + X)        in [-1, 1]

with X the exporter-reported exports (FOB), M the importer-reported imports (CIF) and f the
CIF/FOB factor. A is symmetric in the two sides and bounded, so a flow that one side does not
report at all is +1 or -1 instead of an infinite ratio; |A| = 0.5 means one side reports three
times the other. Goods in transit at the year's end are recorded a year apart by the two sides
(IMTS 2010-CM): `timing_residual` is what is left of a year's gap after adding the best
offsetting gap (opposite sign) of a year within the lag window; a gap mostly offset is timing.
`asymmetry_window` pools years t..t+w, for reading (parameters in data/trade/parameters.yaml).
"""

from __future__ import annotations

from collections.abc import Callable

import ibis
import ibis.expr.types as ir

from torturefree.trade.schema import Flow, PartnerKind

KEYS = ["exporter", "importer", "code6", "year"]
ALGORITHM = "mirror_v1"
# Not attributable to a partner: trade hidden in these can explain a gap (confidentiality).
UNALLOCATED = (PartnerKind.AREAS_NES.value, PartnerKind.CONFIDENTIAL.value)
_SIDES = (Flow.EXPORT.value, Flow.IMPORT.value)


# One source at a time: Comtrade and Comext both carry EU members' trade, and adding the two
# would count it twice. BACI is already reconciled: it has no second side.
DEFAULT_SOURCES = ("comtrade",)


def comparable(trade: ir.Table, sources: tuple[str, ...] = DEFAULT_SOURCES) -> ir.Table:
    """Rows that can have a mirror: reported by one of `sources`, at HS6 or finer."""
    t = trade.filter(trade.source.isin(list(sources)) & (trade.level >= 6))
    return t.mutate(code6=t.code.substr(0, 6))


def annual(t: ir.Table) -> ir.Table:
    """Months to years, once: every later step reads this (about a twelfth of the rows)."""
    keys = ["reporter", "partner", "partner_kind", "flow", "code6", "year"]
    return t.group_by(keys).aggregate(
        value_usd=t.value_usd.sum(), net_weight_kg=t.net_weight_kg.sum(), records=t.count()
    )


def reporting(t: ir.Table) -> ir.Table:
    """Who reported which flow in which year (anything at all): a missing side is then a zero
    only if that country reported its trade that year, else it says nothing."""
    return t.select("reporter", "flow", "year").distinct()


def unallocated(t: ir.Table, flow: Flow) -> ir.Table:
    rows = t.filter((t.flow == flow.value) & t.partner_kind.isin(UNALLOCATED))  # annual rows
    return rows.group_by(["reporter", "code6", "year"]).aggregate(nes_value=rows.value_usd.sum())


def paired(t: ir.Table) -> ir.Table:
    """Both sides per key, a flow one side does not report kept (as an outer join would, but
    one aggregation: on Spark a full outer join costs two shuffles and a sort of each side)."""
    rows = t.filter(t.flow.isin(_SIDES) & (t.partner_kind == PartnerKind.COUNTRY.value))
    is_x = rows.flow == Flow.EXPORT.value
    rows = rows.mutate(
        exporter=ibis.cases((is_x, rows.reporter), else_=rows.partner),
        importer=ibis.cases((is_x, rows.partner), else_=rows.reporter),
    )

    def side(flag: ir.BooleanValue, column: ir.NumericValue) -> ir.NumericValue:
        # Each key has at most one annual row per side: max() is that row's figure, unchanged
        # and of its own type (a SUM of integers widens on DuckDB); no row on a side, NULL.
        return ibis.cases((flag, column), else_=ibis.null(column.type())).max()

    is_m = ~is_x
    g = rows.group_by(KEYS).aggregate(
        export_value=side(is_x, rows.value_usd),
        import_value=side(is_m, rows.value_usd),
        export_records=side(is_x, rows.records),
        import_records=side(is_m, rows.records),
        export_kg=side(is_x, rows.net_weight_kg),
        import_kg=side(is_m, rows.net_weight_kg),
    )
    filled = {
        name: ibis.coalesce(g[name], 0)
        for name in ("export_value", "import_value", "export_records", "import_records")
    }
    return g.select(*KEYS, **filled, export_kg=g.export_kg, import_kg=g.import_kg)


def rounded(x: ir.NumericValue, digits: int) -> ir.FloatingValue:
    """`x` to `digits` decimals, half away from zero, by the same IEEE arithmetic on every
    engine. Not round(): Spark's makes a java.math.BigDecimal of each value (40 million took
    20 s on local[2] here, this 1 s; docs/trade.md) and DuckDB's scales, rounds and divides, so
    the two can disagree on a tie such as 1.005; this expression gives the same double on both."""
    scale = 10.0**digits
    y = x * scale
    whole = ibis.cases((y >= 0, (y + 0.5).floor()), else_=(y - 0.5).ceil())
    return whole.cast("float64") / scale


def index(x: ir.NumericValue, m_fob: ir.NumericValue) -> ir.NumericValue:
    total = m_fob + x
    return ibis.cases((total > 0, rounded((m_fob - x) / total, 6)), else_=ibis.null("float64"))


def _as_is(t: ir.Table) -> ir.Table:
    return t


def mirror(
    trade: ir.Table,
    cif_fob: float,
    window: int,
    sources: tuple[str, ...] = DEFAULT_SOURCES,
    keep: Callable[[ir.Table], ir.Table] = _as_is,
) -> ir.Table:
    """The mirror table: values, records counted, coverage, asymmetry (same year and windowed).

    The annual rows are read three times: `keep` lets an engine that would compute each
    reference again (Spark) hold them once (Engine.keep). The windowed figures are window
    functions over one flow's years (one sort), not self-joins of the pairs."""
    t = keep(annual(comparable(trade, sources)))
    pairs = paired(t)
    pairs = pairs.mutate(import_fob=(pairs.import_value / cif_fob))
    out = _windowed(pairs, window)
    out = _coverage(out, reporting(t))
    out = _nes(out, t)
    return out.select(
        *KEYS,
        export_value=rounded(out.export_value, 2),
        import_value=rounded(out.import_value, 2),
        import_fob=rounded(out.import_fob, 2),
        export_records=out.export_records,
        import_records=out.import_records,
        export_kg=rounded(out.export_kg, 3),
        import_kg=rounded(out.import_kg, 3),
        asymmetry=index(out.export_value, out.import_fob),
        asymmetry_window=index(out.window_export, out.window_import_fob),
        timing_residual=rounded(ibis.coalesce(out.timing_residual, 1.0), 6),
        exporter_reports=out.exporter_reports,
        importer_reports=out.importer_reports,
        exporter_nes=rounded(ibis.coalesce(out.exporter_nes, 0), 2),
        importer_nes=rounded(ibis.coalesce(out.importer_nes, 0), 2),
    )


def _windowed(pairs: ir.Table, window: int) -> ir.Table:
    """Pooled sums over years t..t+window and the timing residual, per flow over its years."""
    flow = dict(group_by=KEYS[:3], order_by="year")
    ahead = ibis.window(**flow, range=(0, window))
    g = pairs.mutate(
        window_export=pairs.export_value.sum().over(ahead),
        window_import_fob=pairs.import_fob.sum().over(ahead),
        gap=pairs.import_fob - pairs.export_value,
    )
    residual: ir.FloatingValue = ibis.null("float64")
    # The years within the window of a flow are among its `window` rows before and after.
    for k in range(1, window + 1):
        for year, other in (
            (g.year.lag(k).over(**flow), g.gap.lag(k).over(**flow)),
            (g.year.lead(k).over(**flow), g.gap.lead(k).over(**flow)),
        ):
            near = (year - g.year).abs() <= window
            residual = _smaller(residual, _left(g.gap, other, near))
    return g.mutate(timing_residual=residual).drop("gap")


def _left(gap: ir.NumericValue, other: ir.NumericValue, near: ir.BooleanValue) -> ir.FloatingValue:
    """What is left of `gap` after adding an offsetting `other` (opposite sign only), in [0, 1];
    NULL when `other` is no neighbour or does not offset."""
    offsets = near & (gap != 0) & ((gap > 0) != (other > 0))
    left = ((gap + other).abs() / gap.abs()).cast("float64")
    return ibis.cases(
        (offsets, ibis.cases((left < 1.0, left), else_=1.0)), else_=ibis.null("float64")
    )


def _smaller(a: ir.FloatingValue, b: ir.FloatingValue) -> ir.FloatingValue:
    """The smaller of two, ignoring NULL (LEAST's NULL handling is not the same everywhere)."""
    return ibis.cases((a.isnull(), b), (b.isnull(), a), (b < a, b), else_=a)


def _coverage(out: ir.Table, reports: ir.Table) -> ir.Table:
    ex = reports.filter(reports.flow == Flow.EXPORT.value).select(
        exporter="reporter", year="year", exporter_reports=ibis.literal(True)
    )
    im = reports.filter(reports.flow == Flow.IMPORT.value).select(
        importer="reporter", year="year", importer_reports=ibis.literal(True)
    )
    out = out.join(ex, ["exporter", "year"], how="left").drop("exporter_right", "year_right")
    out = out.join(im, ["importer", "year"], how="left").drop("importer_right", "year_right")
    return out.mutate(
        exporter_reports=ibis.coalesce(out.exporter_reports, False),
        importer_reports=ibis.coalesce(out.importer_reports, False),
    )


def _nes(out: ir.Table, t: ir.Table) -> ir.Table:
    ex = unallocated(t, Flow.EXPORT).rename(exporter="reporter", exporter_nes="nes_value")
    im = unallocated(t, Flow.IMPORT).rename(importer="reporter", importer_nes="nes_value")
    out = out.join(ex, ["exporter", "code6", "year"], how="left")
    out = out.drop("exporter_right", "code6_right", "year_right")
    out = out.join(im, ["importer", "code6", "year"], how="left")
    return out.drop("importer_right", "code6_right", "year_right")
