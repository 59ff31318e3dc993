"""How well the flags find what the generator planted: recall and false-flag rate per kind.

Units: an asymmetry is (exporter, importer, code, year); a rise (reporter, flow, code, year);
re-routing (transit, destination, code, year), a flag in the year before a planted re-export
counting as found (the lag window reaches back one year). Series that a planted anomaly of
another kind also changed ('touched') are left out of the rise figures, neither found nor false.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import ibis

from torturefree.trade import flags as q
from torturefree.trade.facts import watch_table
from torturefree.trade.generate import Truth
from torturefree.trade.monitor import Monitor


@dataclass(frozen=True)
class Score:
    kind: str
    planted: int
    found: int
    flagged: int
    false_flags: int
    candidates: int

    @property
    def recall(self) -> float:
        return self.found / self.planted if self.planted else 1.0

    @property
    def false_rate(self) -> float:
        negatives = self.candidates - self.planted
        return self.false_flags / negatives if negatives > 0 else 0.0

    def as_json(self) -> dict[str, Any]:
        return {
            **self.__dict__,
            "recall": round(self.recall, 4),
            "false_rate": round(self.false_rate, 5),
        }


Unit = tuple[Any, ...]


def candidates(m: Monitor, mirror_table: ibis.expr.types.Table) -> dict[str, int]:
    """How many units each kind looked at (the denominators of the false-flag rates)."""
    e, v = m.engine, m.value
    mir = mirror_table
    big = ibis.greatest(mir.export_value, mir.import_fob) >= v("asymmetry_min_value_usd")
    asym = mir.filter(mir.exporter_reports & mir.importer_reports & big).count()
    series = q.totals(m.trade, m.sources)
    first = min(m.years) + int(v("rise_history_years"))
    rise = series.filter((series.year >= first) & (series.value >= v("rise_min_value_usd"))).count()
    rx = m.trade.filter(m.trade.flow == "RX")
    watched = e.table(watch_table(m.statuses, m.watch, m.years))
    rx = rx.semi_join(watched.select(partner="country", year="year"), ["partner", "year"])
    routed = rx.select("reporter", "partner", "code", "year").distinct().count()
    return {
        k: int(e.rows(x)[0]["value"])
        for k, x in (
            ("large_asymmetry", asym),
            ("sudden_rise", rise),
            ("possible_rerouting", routed),
        )
    }


def score(
    truth: Truth, flagged: dict[str, list[dict[str, Any]]], looked_at: dict[str, int]
) -> list[Score]:
    """Scores from the rows each flag query returned (as dicts) and the candidate counts."""
    asym = {
        (r["exporter"], r["importer"], r["code6"], r["year"]) for r in flagged["large_asymmetry"]
    }
    out = [_score("large_asymmetry", set(truth.asymmetry), asym, looked_at["large_asymmetry"])]
    rises = {(r["reporter"], r["flow"], r["code6"], r["year"]) for r in flagged["sudden_rise"]}
    touched = set(truth.touched) - set(truth.rise)
    out.append(
        _score(
            "sudden_rise", set(truth.rise), rises - touched, looked_at["sudden_rise"] - len(touched)
        )
    )
    planted = set(truth.rerouting)
    routed: set[Unit] = set()
    for r in flagged["possible_rerouting"]:
        unit = (r["transit"], r["destination"], r["code6"], r["year"])
        later = (*unit[:3], unit[3] + 1)
        routed.add(later if later in planted and unit not in planted else unit)
    out.append(_score("possible_rerouting", planted, routed, looked_at["possible_rerouting"]))
    return out


def _score(kind: str, planted: set[Any], flagged: set[Any], candidates: int) -> Score:
    found = len(planted & flagged)
    return Score(kind, len(planted), found, len(flagged), len(flagged - planted), candidates)
