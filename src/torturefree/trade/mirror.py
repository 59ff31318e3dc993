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


def _side(a: ir.Table, flow: Flow, us: str, them: str, prefix: str) -> ir.Table:
    rows = a.filter((a.flow == flow.value) & (a.partner_kind == PartnerKind.COUNTRY.value))
    return rows.select(
        **{us: rows.reporter, them: rows.partner},
        code6=rows.code6,
        year=rows.year,
        **{
            f"{prefix}_value": rows.value_usd,
            f"{prefix}_kg": rows.net_weight_kg,
            f"{prefix}_records": rows.records,
        },
    )


def reporting(t: ir.Table) -> ir.Table:
    """Who reported which flow in which year (anything at all): a missing side is then a zero
    only if that country reported its trade that year, else it says nothing."""
    return t.select("reporter", "flow", "year").distinct()


def unallocated(t: ir.Table, flow: Flow) -> ir.Table:
    rows = t.filter((t.flow == flow.value) & t.partner_kind.isin(UNALLOCATED))  # annual rows
    return rows.group_by(["reporter", "code6", "year"]).aggregate(nes_value=rows.value_usd.sum())


def paired(t: ir.Table) -> ir.Table:
    """Both sides per key (outer join: a flow one side does not report is kept)."""
    exports = _side(t, Flow.EXPORT, "exporter", "importer", "export")
    imports = _side(t, Flow.IMPORT, "importer", "exporter", "import")
    joined = exports.join(imports, KEYS, how="outer")
    keys = {k: ibis.coalesce(joined[k], joined[f"{k}_right"]) for k in KEYS}
    filled = {
        name: ibis.coalesce(joined[name], 0)
        for name in ("export_value", "import_value", "export_records", "import_records")
    }
    kg = {name: joined[name] for name in ("export_kg", "import_kg")}
    return joined.select(**keys, **filled, **kg)


def index(x: ir.NumericValue, m_fob: ir.NumericValue) -> ir.NumericValue:
    total = m_fob + x
    return ibis.cases((total > 0, ((m_fob - x) / total).round(6)), else_=ibis.null("float64"))


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

    The annual rows are read five times and the pairs three: `keep` lets an engine that would
    compute each reference again (Spark) hold them once (Engine.keep)."""
    t = keep(annual(comparable(trade, sources)))
    pairs = paired(t)
    pairs = keep(pairs.mutate(import_fob=(pairs.import_value / cif_fob)))
    pooled = _pooled(pairs, window)
    out = pairs.join(pooled, KEYS, how="left").drop(*[f"{k}_right" for k in KEYS])
    out = out.join(_timing(pairs, window), KEYS, how="left").drop(*[f"{k}_right" for k in KEYS])
    out = _coverage(out, reporting(t))
    out = _nes(out, t)
    return out.select(
        *KEYS,
        export_value=out.export_value.round(2),
        import_value=out.import_value.round(2),
        import_fob=out.import_fob.round(2),
        export_records=out.export_records,
        import_records=out.import_records,
        export_kg=out.export_kg.round(3),
        import_kg=out.import_kg.round(3),
        asymmetry=index(out.export_value, out.import_fob),
        asymmetry_window=index(out.window_export, out.window_import_fob),
        timing_residual=ibis.coalesce(out.timing_residual, 1.0).round(6),
        exporter_reports=out.exporter_reports,
        importer_reports=out.importer_reports,
        exporter_nes=ibis.coalesce(out.exporter_nes, 0).round(2),
        importer_nes=ibis.coalesce(out.importer_nes, 0).round(2),
    )


def _pooled(pairs: ir.Table, window: int) -> ir.Table:
    """Sums over years t..t+window for each key: year t+k is counted back at year t."""
    shifted = [
        pairs.select(
            *KEYS[:3], year=(pairs.year - k).cast("int32"), x=pairs.export_value, m=pairs.import_fob
        )
        for k in range(window + 1)
    ]
    union = shifted[0] if len(shifted) == 1 else ibis.union(*shifted, distinct=False)
    return union.group_by(KEYS).aggregate(
        window_export=union.x.sum(), window_import_fob=union.m.sum()
    )


def _timing(pairs: ir.Table, window: int) -> ir.Table:
    """How much of a year's gap is left after adding the best offsetting gap of a year within the
    window (opposite sign only): near 0 when the goods were simply recorded a year apart."""
    g = pairs.select(*KEYS, gap=pairs.import_fob - pairs.export_value)
    offsets = [k for k in range(-window, window + 1) if k != 0]
    if not offsets:
        return g.select(*KEYS, timing_residual=ibis.literal(1.0)).limit(0)
    parts = [g.select(*KEYS[:3], year=(g.year + k).cast("int32"), other=g.gap) for k in offsets]
    near = ibis.union(*parts, distinct=False) if len(parts) > 1 else parts[0]
    j = g.filter(g.gap != 0).join(near, KEYS)
    j = j.filter((j.gap > 0) != (j.other > 0))
    left = ((j.gap + j.other).abs() / j.gap.abs()).cast("float64")
    j = j.mutate(left=ibis.least(left, 1.0))
    return j.group_by(KEYS).aggregate(timing_residual=j.left.min())


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
