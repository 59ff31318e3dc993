"""The flags as Ibis expressions: each returns the rows that raise it, with the figures compared.

`explain.py` turns each row into a flag with its why (parameters cited, records behind it).
Thresholds arrive as arguments from data/trade/parameters.yaml; nothing here is a number of law.
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir

from torturefree.trade.mirror import comparable, rounded
from torturefree.trade.schema import Flow, PartnerKind

ALGORITHM = "trade_flags_v1"
COUNTRY = PartnerKind.COUNTRY.value
_SIDES = (Flow.EXPORT.value, Flow.IMPORT.value)


def _directed(t: ir.Table) -> ir.Table:
    """Exports seen from both sides: exporter-reported X, and importer-reported M turned round
    (so a trade whose exporter does not report is still seen)."""
    rows = t.filter(t.flow.isin(_SIDES) & (t.partner_kind == COUNTRY))
    is_x = rows.flow == Flow.EXPORT.value
    return rows.mutate(
        exporter=ibis.cases((is_x, rows.reporter), else_=rows.partner),
        importer=ibis.cases((is_x, rows.partner), else_=rows.reporter),
        reported_by=ibis.cases((is_x, "exporter"), else_="importer"),
    )


def in_codes(trade: ir.Table, codes6: list[str], min_value: float) -> ir.Table:
    """Trade (either side reporting) in the given HS6 codes, per pair, code, year and side."""
    t = _directed(trade.filter(trade.level >= 6))
    t = t.filter(t.code.substr(0, 6).isin(codes6 or ["-"]))
    keys = ["exporter", "importer", "code", "year", "reported_by", "source"]
    g = t.group_by(keys).aggregate(value=rounded(t.value_usd.sum(), 2), records=t.count())
    return g.filter(g.value >= min_value)


def to_destinations(
    trade: ir.Table, codes6: list[str], destinations: ir.Table, min_value: float
) -> ir.Table:
    """Trade in the codes whose importer is in `destinations` (country, year) that year."""
    rows = in_codes(trade, codes6, min_value)
    d = destinations.select(importer="country", year="year")
    return rows.semi_join(d, ["importer", "year"])


def asymmetries(m: ir.Table, threshold: float, min_value: float, timing_max: float) -> ir.Table:
    """Large gaps that timing and unallocated trade do not explain, where both sides report."""
    big = ibis.greatest(m.export_value, m.import_fob) >= min_value
    gap = (m.import_fob - m.export_value).abs()
    # A gap no larger than what the short side put under 'areas nes'/confidential may be that.
    nes = ibis.cases((m.export_value < m.import_fob, m.exporter_nes), else_=m.importer_nes)
    return m.filter(
        m.exporter_reports
        & m.importer_reports
        & big
        & (m.asymmetry.abs() > threshold)
        & (m.timing_residual > timing_max)
        & (gap > nes)
    ).mutate(gap=rounded(gap, 2))


def totals(trade: ir.Table, sources: tuple[str, ...]) -> ir.Table:
    """A country's own series: its reported exports and imports per HS6 code and year."""
    t = comparable(trade, sources)
    t = t.filter(t.flow.isin(_SIDES) & (t.partner_kind == COUNTRY))
    return t.group_by(["reporter", "flow", "code6", "year"]).aggregate(
        value=t.value_usd.sum(), records=t.count()
    )


def rises(series: ir.Table, ratio: float, history: int, min_value: float) -> ir.Table:
    """A year above `ratio` times the mean of the `history` years before it (a year without
    trade in the code counts 0), where the series had trade in at least one of those years."""
    keys = ["reporter", "flow", "code6"]
    # Window functions over the series' years, not shifted copies joined back: on Spark each
    # join is a shuffle and a sort of both sides (docs/trade.md, Engines).
    before = ibis.window(group_by=keys, order_by="year", range=(-history, -1))
    j = series.mutate(
        prior_sum=series.value.sum().over(before),
        prior_years=series.year.count().over(before),
        # Years before a reporter's first reported year are unknown, not zero: only years with
        # the whole history inside its reporting are looked at.
        first=series.year.min().over(group_by=["reporter", "flow"]),
    )
    mean = j.prior_sum / history
    out = j.filter(
        (j.year >= j.first + history)
        & (j.value >= min_value)
        & (j.prior_sum > 0)
        & (j.value > mean * ratio)
    )
    return out.select(
        *keys,
        "year",
        value=rounded(out.value, 2),
        prior_mean=rounded(out.prior_sum / history, 2),
        prior_years=out.prior_years,
        records=out.records,
    )


def rerouting(
    trade: ir.Table,
    watched: ir.Table,
    sources: tuple[str, ...],
    window: int,
    share: float,
    min_value: float,
    supplier_share: float,
) -> ir.Table:
    """T re-exports (RX) to a watched W, within the window, a large share of what it imported of
    a code that year; the largest supplier A and each one with a fair share of those imports are
    named."""
    t = comparable(trade, sources)
    d = _directed(t)
    # Each side summed, then the larger side: both may report the same shipment.
    sides = d.group_by(["exporter", "importer", "code6", "year", "reported_by"]).aggregate(
        v=d.value_usd.sum()
    )
    into = sides.group_by(["exporter", "importer", "code6", "year"]).aggregate(sent=sides.v.max())
    received = into.group_by(["importer", "code6", "year"]).aggregate(
        received=into.sent.sum(), top=into.sent.max()
    )
    rx = t.filter((t.flow == Flow.RE_EXPORT.value) & (t.partner_kind == COUNTRY))
    rx = rx.semi_join(watched.select(partner="country", year="year"), ["partner", "year"])
    re = rx.group_by(["reporter", "partner", "code6", "year"]).aggregate(
        re_exported=rx.value_usd.sum()
    )
    parts = [
        re.select(
            transit="reporter",
            destination="partner",
            code6="code6",
            year=(re.year - k).cast("int32"),
            re_exported="re_exported",
        )
        for k in range(window + 1)
    ]
    later = ibis.union(*parts, distinct=False) if len(parts) > 1 else parts[0]
    later = later.group_by(["transit", "destination", "code6", "year"]).aggregate(
        re_exported=later.re_exported.sum()
    )
    hub = later.join(received.rename(transit="importer"), ["transit", "code6", "year"])
    hub = hub.filter((hub.re_exported >= min_value) & (hub.re_exported >= hub.received * share))
    j = into.rename(transit="importer").join(hub, ["transit", "code6", "year"])
    # The largest supplier is always named, so a hub with many small suppliers still raises
    # the flag; others are named from a fair share of the hub's imports.
    named = (j.sent >= j.received * supplier_share) | (j.sent == j.top)
    j = j.filter((j.exporter != j.destination) & named)
    return j.select(
        "exporter",
        "transit",
        "destination",
        "code6",
        "year",
        sent=rounded(j.sent, 2),
        received=rounded(j.received, 2),
        re_exported=rounded(j.re_exported, 2),
    )


def above_licensed(
    trade: ir.Table, licences: ir.Table, tolerance: float, min_excess: float
) -> ir.Table:
    """A state's reported trade in a code and partner above what it licensed for that year.

    Only states with licence data are looked at (`licences` names them), so a state that
    sent none is not flagged for everything it traded."""
    t = trade.filter(trade.flow.isin(_SIDES) & (trade.partner_kind == COUNTRY) & (trade.level >= 6))
    t = t.mutate(code6=t.code.substr(0, 6))
    t = t.semi_join(licences.select("reporter", "year").distinct(), ["reporter", "year"])
    t = t.semi_join(licences.select("code6").distinct(), ["code6"])
    traded = t.group_by(["reporter", "flow", "partner", "code6", "year"]).aggregate(
        traded=t.value_usd.sum(), records=t.count()
    )
    lic = licences.group_by(["reporter", "flow", "partner", "code6", "year"]).aggregate(
        licensed=licences.authorised_usd.sum(), licences=licences.licences.sum()
    )
    keys = ["reporter", "flow", "partner", "code6", "year"]
    j = traded.join(lic, keys, how="left").drop(*[f"{k}_right" for k in keys])
    licensed = ibis.coalesce(j.licensed, 0)
    out = j.filter((j.traded > licensed * (1 + tolerance)) & (j.traded - licensed >= min_excess))
    return out.select(
        *keys,
        traded=rounded(out.traded, 2),
        licensed=rounded(licensed, 2),
        licences=ibis.coalesce(out.licences, 0),
        records=out.records,
    )
