"""A tiny builder for counting-rule scenarios: one application at a time, by hand."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pyarrow as pa

from torturefree.records.counting import Tables
from torturefree.records.model import Application, Decision, LicenceLine, Shipment
from torturefree.records.store import Records, Store


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


class Scenario:
    def __init__(self) -> None:
        self.records = Records()

    def apply(self, app_id: str, on: str, activity: str = "export", kind: str = "individual",
              partner: str = "BR", quantity: float = 100, version: int = 1,
              category: str = "torture_capable") -> Scenario:  # fmt: skip
        if version == 1:
            self.records.applications.append(Application(
                application_id=app_id, reporting_state="DE", activity=activity,  # type: ignore[arg-type]
                licence_type=kind, submitted_on=day(on)))  # type: ignore[arg-type]  # fmt: skip
        own_is_destination = activity == "import"
        self.records.lines.append(LicenceLine(
            application_id=app_id, line_no=1, version=version, entry_id="eu/handcuffs",
            category=category, cn_code="7326 90 98", quantity=quantity, unit="pieces",  # type: ignore[arg-type]
            value=quantity * 10, currency="EUR",
            destination="DE" if own_is_destination else partner,
            origin=partner if own_is_destination else "DE",
            end_user_category="police", end_use="law_enforcement"))  # type: ignore[arg-type]  # fmt: skip
        return self

    def decide(self, app_id: str, n: int, on: str, outcome: str, **extra: Any) -> Scenario:
        licence = extra.pop("licence_id", f"L-{app_id}" if outcome != "refused" else None)
        self.records.decisions.append(Decision(
            decision_id=f"{app_id}/{n}", application_id=app_id, licence_id=licence,
            decided_on=day(on), outcome=outcome, **extra))  # type: ignore[arg-type]  # fmt: skip
        return self

    def ship(self, app_id: str, n: int, on: str, quantity: float) -> Scenario:
        self.records.shipments.append(Shipment(
            shipment_id=f"{app_id}/s{n}", application_id=app_id, line_no=1,
            shipped_on=day(on), quantity=quantity, value=quantity * 10))  # fmt: skip
        return self

    def tables(self, tmp: Any) -> Tables:
        with Store.open(tmp / "scenario.sqlite3") as store:
            store.write(self.records)
            arrow: dict[str, pa.Table] = store.arrow_tables()
        return Tables.from_arrow(arrow)
