"""Each flag row becomes a flag with its why: what was compared, the parameters, the records."""

from __future__ import annotations

import hashlib
from typing import Any

from torturefree.trade.codes import GoodsMap
from torturefree.trade.params import Parameters
from torturefree.trade.schema import Measure

WHY = {
    "prohibited_goods": "Trade in a code of goods whose export and import are prohibited ({entries}). The code also holds other goods ({measure}): the figure is what the heading held, at most.",
    "death_penalty_destination": "Trade in a code of goods that can be used for capital punishment ({entries}) to {importer}, retentionist in {year} ({status_source}).",
    "large_asymmetry": "Exporter-reported exports ({export_value:,.0f} USD) and importer-reported imports ({import_fob:,.0f} USD after the CIF/FOB factor) differ: A = {asymmetry}; the best offsetting year within the lag window leaves {timing_residual:.0%} of the gap of {gap:,.0f} USD, and trade put under 'areas nes' does not cover it.",
    "sudden_rise": "{reporter}'s reported {flow_name} of {code6} in {year} ({value:,.0f} USD) are more than {ratio:g} times the mean of the {history} years before ({prior_mean:,.0f} USD).",
    "possible_rerouting": "{exporter} sent {sent:,.0f} USD of {code6} to {transit} in {year}, of the {received:,.0f} USD {transit} imported; {transit} re-exported {re_exported:,.0f} USD of the same code to {destination} (watched) in {year} or within the window. Possible, not shown: the re-exports may come from other suppliers.",
    "above_licensed": "{reporter} reported {flow_name} of {code6} with {partner} in {year} of {traded:,.0f} USD against {licensed:,.0f} USD licensed. The heading may hold unlisted goods, which need no licence.",
}
FLOW_NAMES = {"X": "exports", "M": "imports"}


def flag_id(kind: str, keys: dict[str, Any]) -> str:
    text = kind + "|" + "|".join(f"{k}={keys[k]}" for k in sorted(keys))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def make_flag(
    kind: str,
    row: dict[str, Any],
    keys: tuple[str, ...],
    parameters: list[str],
    p: Parameters,
    goods: GoodsMap,
    extra: dict[str, Any] | None = None,
    categories: tuple[str, ...] | None = None,
) -> dict[str, Any]:
    key = {k: row[k] for k in keys}
    year = int(row["year"])
    code = str(row.get("code") or row.get("code6"))
    entries = goods.entries_for(code, year, categories)
    measure = goods.measure(code, year, categories).value
    context = {
        **row,
        **(extra or {}),
        "measure": measure,
        "flow_name": FLOW_NAMES.get(str(row.get("flow")), "trade"),
    }
    context["entries"] = ", ".join(sorted({e.entry_id for e in entries})) or "no listed entry"
    return {
        "id": flag_id(kind, key),
        "kind": kind,
        "keys": key,
        "figures": {k: v for k, v in row.items() if k not in key},
        "measure": measure,
        "why": WHY[kind].format(**context),
        "parameters": [p.get(name).cite() for name in parameters],
        "entries": [
            {
                "id": e.entry_id,
                "category": e.category,
                "code": e.entry_code,
                "ex": e.ex,
                "citation": e.citation,
            }
            for e in _unique(entries)
        ],
        "facts": (extra or {}).get("facts", []),
        "dismissed": None,
    }


def _unique(entries: list[Any]) -> list[Any]:
    seen: dict[tuple[str, str], Any] = {}
    for e in entries:
        seen.setdefault((e.entry_id, e.entry_code), e)
    return list(seen.values())


def measure_note() -> str:
    return (
        f"'{Measure.UPPER_BOUND.value}': the heading also holds unlisted goods, so the figure is at "
        f"most the listed goods' trade; '{Measure.EXACT.value}': the code holds the listed goods "
        f"only; '{Measure.HEADING.value}': no listed entry maps to the code."
    )
