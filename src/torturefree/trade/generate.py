"""Comtrade-layout data at scale, with planted anomalies, for tests of method and speed.

Structure: countries of different economic size trade persistent flows (exporter, importer, HS6
code) chosen by a gravity-like weight (size x size); each flow-year is reported monthly by the
exporter (X, FOB) and by the importer (M, CIF = FOB x factor x noise); some countries never
report; a few hubs re-export a little of what they import; some trade goes to 'areas nes'.
Planted: asymmetries (one importer-side year x0.12 or x8), sudden rises (an exporter's whole
code-year x6 on both sides), re-routing (a hub re-exports half its imports of a code to a
watched country). Written straight to the store's Parquet layout, one year at a time.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from torturefree.trade.schema import COLUMNS

MONTHS = 12


@dataclass
class Spec:
    rows: int
    countries: list[str]
    codes: list[str]
    watched: list[str]
    years: tuple[int, ...] = tuple(range(2015, 2025))
    seed: int = 7
    cif_fob: float = 1.06
    mirror_sigma: float = 0.15
    silent_share: float = 0.05
    plant_share: float = 0.002
    hubs: int = 8


@dataclass
class Truth:
    asymmetry: list[tuple[str, str, str, int]] = field(default_factory=list)
    rise: list[tuple[str, str, str, int]] = field(default_factory=list)
    rerouting: list[tuple[str, str, str, int]] = field(default_factory=list)
    touched: list[tuple[str, str, str, int]] = field(default_factory=list)

    def save(self, path: Path) -> None:
        path.write_text(json.dumps(self.__dict__), encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> Truth:
        raw = json.loads(path.read_text(encoding="utf-8"))
        return cls(**{k: [tuple(x) for x in v] for k, v in raw.items()})


def generate(spec: Spec, out: Path) -> tuple[int, Truth]:
    """Write about `spec.rows` rows under `out` (a store batch folder); returns rows and truth."""
    rng = np.random.default_rng(spec.seed)
    n_c = len(spec.countries)
    size = rng.lognormal(0, 1.2, n_c)
    # Rows per flow: monthly X and M over the years, less what silent countries do not report.
    per_flow = 2 * MONTHS * len(spec.years) * (1 - spec.silent_share)
    flows = _flows(rng, size, len(spec.codes), max(1, int(spec.rows / per_flow)))
    base = flows[3]
    silent = rng.random(n_c) < spec.silent_share
    hubs = np.argsort(-size)[: spec.hubs]
    watched = np.array([spec.countries.index(c) for c in spec.watched if c in spec.countries])
    truth = Truth()
    total = 0
    for y_index, year in enumerate(spec.years):
        value = base * (1.03**y_index) * rng.lognormal(0, 0.1, len(base))
        rise = _plant_rises(rng, spec, flows, silent, y_index, value, truth, year)
        value = value * rise
        table = _year_rows(rng, spec, year, flows, value, silent, truth, y_index, hubs, watched)
        total += _write(table, out, year, spec, total)
    return total, truth


def _flows(rng: Any, size: Any, n_codes: int, n: int) -> tuple[Any, Any, Any, Any]:
    """n distinct (exporter, importer, code) flows, drawn by size x size."""
    weight = size / size.sum()
    keys = np.empty(0, np.int64)
    while len(keys) < n:
        exp = rng.choice(len(size), 2 * n, p=weight)
        imp = rng.choice(len(size), 2 * n, p=weight)
        code = rng.integers(0, n_codes, 2 * n)
        fresh = (exp * 1000 + imp) * 1000 + code
        keys = np.unique(np.concatenate([keys, fresh[exp != imp]]))
    keys = rng.permutation(keys)[:n]
    pair, code = np.divmod(keys, 1000)
    exp, imp = np.divmod(pair, 1000)
    base = rng.lognormal(11.0, 1.4, n) * np.sqrt(size[exp] * size[imp])
    return exp, imp, code, base


def _plant_rises(
    rng: Any, spec: Spec, flows: Any, silent: Any, y: int, value: Any, truth: Truth, year: int
) -> Any:
    exp, imp, code, _ = flows
    factor = np.ones(len(value))
    if y < 3:
        return factor
    # Only series a reporting exporter publishes, and large enough to be looked at.
    series = np.unique((exp * 10_000 + code)[~silent[exp] & (value >= 50_000)])
    chosen = rng.choice(series, max(1, int(len(series) * spec.plant_share)), replace=False)
    hit = np.isin(exp * 10_000 + code, chosen)
    factor[hit] = 6.0
    for key in chosen:
        e, c = divmod(int(key), 10_000)
        truth.rise.append((spec.countries[e], "X", spec.codes[c], year))
    for i in np.flatnonzero(hit):
        truth.touched.append((spec.countries[imp[i]], "M", spec.codes[code[i]], year))
    return factor


def _year_rows(
    rng: Any,
    spec: Spec,
    year: int,
    flows: Any,
    value: Any,
    silent: Any,
    truth: Truth,
    y: int,
    hubs: Any,
    watched: Any,
) -> dict[str, Any]:
    exp, imp, code, _ = flows
    n = len(value)
    mirror = value * spec.cif_fob * rng.lognormal(0, spec.mirror_sigma, n)
    # Valuation and classification differences: a few flow-years disagree widely, unplanted.
    odd = rng.random(n) < 0.02
    mirror[odd] *= rng.lognormal(0, 0.6, int(odd.sum()))
    both = ~silent[exp] & ~silent[imp] & (value >= 300_000)
    planted = both & (rng.random(n) < spec.plant_share)
    mirror[planted] *= rng.choice([0.12, 8.0], int(planted.sum()))
    for i in np.flatnonzero(planted):
        truth.asymmetry.append(
            (spec.countries[exp[i]], spec.countries[imp[i]], spec.codes[code[i]], year)
        )
        truth.touched.append((spec.countries[imp[i]], "M", spec.codes[code[i]], year))
    parts = [
        _monthly(
            rng, exp[~silent[exp]], imp[~silent[exp]], code[~silent[exp]], value[~silent[exp]], "X"
        ),
        _monthly(
            rng, imp[~silent[imp]], exp[~silent[imp]], code[~silent[imp]], mirror[~silent[imp]], "M"
        ),
    ]
    # Silent countries report nothing at all, re-exports included.
    parts.append(_reexports(rng, spec, year, flows, value, hubs[~silent[hubs]], watched, truth))
    nes = (rng.random(n) < 0.03) & ~silent[exp]
    parts.append(
        (
            exp[nes],
            np.full(nes.sum(), -1),
            code[nes],
            np.full(nes.sum(), 20_000.0),
            np.full(nes.sum(), year),
            "X",
        )
    )
    return {"parts": parts}


def _monthly(rng: Any, rep: Any, par: Any, code: Any, value: Any, flow: str) -> tuple[Any, ...]:
    w = rng.lognormal(0, 0.3, (len(value), MONTHS))
    w /= w.sum(axis=1, keepdims=True)
    month_values = (value[:, None] * w).round(0).ravel()
    months = np.tile(np.arange(1, MONTHS + 1), len(value))
    return (
        np.repeat(rep, MONTHS),
        np.repeat(par, MONTHS),
        np.repeat(code, MONTHS),
        month_values,
        months,
        flow,
    )


def _reexports(
    rng: Any, spec: Spec, year: int, flows: Any, value: Any, hubs: Any, watched: Any, truth: Truth
) -> tuple[Any, ...]:
    _, imp, code, _ = flows
    at_hub = np.isin(imp, hubs)
    keys = imp[at_hub] * 10_000 + code[at_hub]
    uniq, inverse = np.unique(keys, return_inverse=True)
    received = np.bincount(inverse, weights=value[at_hub])
    hub, c = np.divmod(uniq, 10_000)
    # Background: each hub passes 4 % of its imports of a code to a random partner.
    dest = rng.integers(0, len(spec.countries), len(uniq))
    share = np.full(len(uniq), 0.04)
    if len(watched) and len(uniq):
        pick = rng.random(len(uniq)) < max(spec.plant_share * 20, 0.01)
        pick &= received >= 200_000
        dest[pick] = rng.choice(watched, int(pick.sum()))
        share[pick] = 0.5
        for i in np.flatnonzero(pick):
            truth.rerouting.append(
                (spec.countries[hub[i]], spec.countries[dest[i]], spec.codes[c[i]], year)
            )
    keep = dest != hub
    return (
        hub[keep],
        dest[keep],
        c[keep],
        (received * share)[keep].round(0),
        np.full(keep.sum(), year),
        "RX",
    )


def _text(index: Any, values: list[str]) -> pa.Array:
    """Strings from small integer codes: Arrow builds them in C, not Python."""
    return pa.DictionaryArray.from_arrays(pa.array(index, pa.int32()), pa.array(values)).cast(
        pa.string()
    )


FLOW_NAMES = ["X", "M", "RX"]


def _write(table: dict[str, Any], out: Path, year: int, spec: Spec, offset: int) -> int:
    parts = table["parts"]
    reporters = np.concatenate([p[0] for p in parts])
    order = np.argsort(reporters, kind="stable")
    par, code, val, month = (np.concatenate([p[i] for p in parts])[order] for i in (1, 2, 3, 4))
    flow = np.concatenate([np.full(len(p[0]), FLOW_NAMES.index(p[5])) for p in parts])[order]
    reporters = reporters[order]
    n = len(reporters)
    # Months are 1-12; annual rows (re-exports, areas nes) carry the year itself as 'month'.
    period = np.where(month > MONTHS, month, year * 100 + month).astype(np.int32)
    zeros = np.zeros(n, np.int32)
    names = [*spec.countries, "areas_nes"]
    data = {
        "source": _text(zeros, ["comtrade"]),
        "classification": _text(zeros, ["H6"]),
        "flow": _text(flow, FLOW_NAMES),
        "partner": _text(np.where(par < 0, len(names) - 1, par), names),
        "partner_kind": _text((par < 0).astype(np.int32), ["country", "areas_nes"]),
        "code": _text(code, spec.codes),
        "level": pa.array(np.full(n, 6, np.int32)),
        "period": pa.array(period),
        "value_usd": pa.array(val),
        "cif_usd": pa.array(np.where(flow == 1, val, np.nan), from_pandas=True),
        "fob_usd": pa.array(np.where(flow != 1, val, np.nan), from_pandas=True),
        "net_weight_kg": pa.array(np.round(val / 40.0, 1)),
        "quantity": pa.nulls(n, pa.float64()),
        "quantity_unit": pa.nulls(n, pa.string()),
        "value_original": pa.array(val),
        "currency": _text(zeros, ["USD"]),
        "file": _text(zeros, ["generated"]),
        "line": pa.array(np.arange(offset + 1, offset + n + 1, dtype=np.int64)),
    }
    whole = pa.table({name: data[name] for name, _ in COLUMNS if name in data})
    bounds = np.flatnonzero(np.diff(reporters)) + 1
    starts = np.concatenate([[0], bounds]).astype(int)
    ends = np.concatenate([bounds, [n]]).astype(int)
    for start, end in zip(starts, ends, strict=True):
        folder = out / f"year={year}" / f"reporter={spec.countries[reporters[start]]}"
        folder.mkdir(parents=True, exist_ok=True)
        pq.write_table(
            whole.slice(start, end - start), folder / "part-0.parquet", compression="zstd"
        )
    return n


def generate_into_store(store_parquet: Path, spec: Spec, name: str) -> tuple[int, Truth, Path]:
    """Generate as one batch of the store, renamed into place when complete (like an import)."""
    import datetime as dt
    import os
    import shutil
    import uuid

    staging = store_parquet / f".tmp-{uuid.uuid4().hex}"
    target = store_parquet / f"batch={name}"
    try:
        rows, truth = generate(spec, staging)
        meta = {
            "file": "generated",
            "layout": "generated",
            "rows": rows,
            "partitions": [],
            "skipped": {},
        }
        meta["imported_at"] = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        (staging / "_import.json").write_text(json.dumps(meta), encoding="utf-8")
        os.replace(staging, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return rows, truth, target
