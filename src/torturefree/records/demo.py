"""Realistic demo and benchmark data: applications, lines, decisions, shipments and ledger events.

Goods and countries come from a spec the caller passes (a fixture or the law data); nothing
about the law is invented here, only the volumes and the mix of outcomes.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from torturefree.errors import InputError
from torturefree.records.events import EventType
from torturefree.records.ledger import NewEvent
from torturefree.records.model import (
    Application,
    Decision,
    DecisionOutcome,
    EndUserCategory,
    LicenceLine,
    LicenceType,
    RefusalGround,
    Shipment,
)
from torturefree.records.store import Records
from torturefree.vocabulary import Activity, Category, EndUse


@dataclass(frozen=True)
class DemoGoods:
    entry_id: str
    category: Category
    cn_code: str
    description: str
    unit: str
    unit_price: float


@dataclass(frozen=True)
class DemoSpec:
    reporting_state: str
    currency: str
    goods: list[DemoGoods]
    partners: list[str]


def load_spec(path: Path) -> DemoSpec:
    """Read a demo spec (YAML): reporting_state, currency, partners, goods."""
    try:
        raw: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
        goods = [
            DemoGoods(
                g["entry_id"],
                Category(g["category"]),
                g["cn_code"],
                g["description"],
                g["unit"],
                float(g["unit_price"]),
            )
            for g in raw["goods"]
        ]
        partners = raw["partners"]
        if not all(isinstance(code, str) for code in partners):
            # YAML 1.1 reads an unquoted NO (Norway) as false: make the author quote codes.
            raise ValueError("partners must be quoted ISO codes")
        return DemoSpec(raw["reporting_state"], raw["currency"], goods, list(partners))
    except (OSError, KeyError, TypeError, ValueError) as error:
        raise InputError(f"not a demo spec: {error}", field="spec", source=str(path)) from error


_ACTIVITIES = [(Activity.EXPORT, 80), (Activity.IMPORT, 12), (Activity.BROKERING, 8)]
_TYPES = [
    (LicenceType.INDIVIDUAL, 78),
    (LicenceType.GLOBAL, 15),
    (LicenceType.TECHNICAL_ASSISTANCE, 4),
    (LicenceType.MUSEUM_DEROGATION, 3),
]
_GROUNDS = [
    (RefusalGround.ART12_2_TORTURE, 30),
    (RefusalGround.ART17_2_CAPITAL_PUNISHMENT, 15),
    (RefusalGround.INSUFFICIENT_END_USE_INFORMATION, 25),
    (RefusalGround.DIVERSION, 10),
    (RefusalGround.NATIONAL_BAN, 15),
    (RefusalGround.OTHER, 5),
]
_END_USERS = [
    (EndUserCategory.POLICE, 40),
    (EndUserCategory.PRISON_SERVICE, 15),
    (EndUserCategory.DISTRIBUTOR, 20),
    (EndUserCategory.HOSPITAL_PHARMACEUTICAL, 15),
    (EndUserCategory.MUSEUM, 3),
    (EndUserCategory.OTHER_GOVERNMENT, 7),
]
_END_USE = {
    EndUserCategory.HOSPITAL_PHARMACEUTICAL: EndUse.MEDICAL,
    EndUserCategory.MUSEUM: EndUse.MUSEUM_DISPLAY,
}


def _pick(rng: random.Random, weighted: list[tuple[Any, int]]) -> Any:
    return rng.choices([v for v, _ in weighted], [w for _, w in weighted])[0]


class Generator:
    """Deterministic for a seed, so tests and benchmarks see the same data every run."""

    def __init__(self, spec: DemoSpec, seed: int = 7) -> None:
        if not spec.goods or not spec.partners:
            raise InputError("a demo spec needs goods and partners", field="spec")
        self.spec = spec
        self.rng = random.Random(seed)

    def records(self, years: range, per_year: int, start: int = 0) -> Records:
        out = Records()
        number = start
        for year in years:
            for _ in range(per_year):
                number += 1
                self._application(out, f"{self.spec.reporting_state}-{year}-{number:07d}", year)
        return out

    def _application(self, out: Records, app_id: str, year: int) -> None:
        rng = self.rng
        activity = _pick(rng, _ACTIVITIES)
        kind = LicenceType.BROKERING if activity is Activity.BROKERING else _pick(rng, _TYPES)
        submitted = dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(365))
        out.applications.append(
            Application(
                application_id=app_id,
                reporting_state=self.spec.reporting_state,
                activity=activity,
                licence_type=kind,
                submitted_on=submitted,
            )
        )
        lines = [self._line(app_id, n, activity) for n in range(1, rng.choice((1, 1, 2, 3)) + 1)]
        out.lines += lines
        self._decide(out, app_id, kind, submitted, lines)

    def _line(self, app_id: str, line_no: int, activity: Activity) -> LicenceLine:
        rng, spec = self.rng, self.spec
        goods = rng.choice(spec.goods)
        partner = rng.choice(spec.partners)
        user = _pick(rng, _END_USERS)
        quantity = float(rng.choice((5, 10, 20, 50, 100, 200, 500)))
        own = spec.reporting_state
        return LicenceLine(
            application_id=app_id,
            line_no=line_no,
            entry_id=goods.entry_id,
            category=goods.category,
            cn_code=goods.cn_code,
            description=goods.description,
            quantity=quantity,
            unit=goods.unit,
            value=round(quantity * goods.unit_price, 2),
            currency=spec.currency,
            destination=own if activity is Activity.IMPORT else partner,
            origin=partner if activity is Activity.IMPORT else own,
            end_user_category=user,
            end_use=_END_USE.get(user, EndUse.LAW_ENFORCEMENT),
        )

    def _decide(
        self, out: Records, app_id: str, kind: LicenceType, on: dt.date, lines: list[LicenceLine]
    ) -> None:
        rng = self.rng
        decided = on + dt.timedelta(days=rng.randrange(5, 60))
        sensitive = rng.random() < 0.03
        if rng.random() < 0.14:
            ground = _pick(rng, _GROUNDS)
            out.decisions.append(
                Decision(
                    decision_id=f"{app_id}/d1",
                    application_id=app_id,
                    decided_on=decided,
                    outcome=DecisionOutcome.REFUSED,
                    refusal_ground=ground,
                    sensitive=sensitive,
                )
            )
            return
        years = 2 if kind is LicenceType.GLOBAL else 1
        until = decided + dt.timedelta(days=365 * years)
        licence = f"L-{app_id}"
        out.decisions.append(
            Decision(
                decision_id=f"{app_id}/d1",
                application_id=app_id,
                licence_id=licence,
                decided_on=decided,
                outcome=DecisionOutcome.ISSUED,
                line_version=1,
                valid_until=until,
                sensitive=sensitive,
            )
        )
        last = self._aftermath(out, app_id, licence, decided, until, lines, sensitive)
        self._ship(out, app_id, decided, last, lines)

    def _aftermath(
        self,
        out: Records,
        app_id: str,
        licence: str,
        decided: dt.date,
        until: dt.date,
        lines: list[LicenceLine],
        sensitive: bool,
    ) -> dt.date:
        """Some licences are amended (new line version) or revoked; returns the last usable day."""
        roll = self.rng.random()
        later = decided + dt.timedelta(days=self.rng.randrange(20, 200))
        if roll < 0.05:
            out.lines += [
                ln.model_copy(
                    update={"version": 2, "quantity": ln.quantity * 2, "value": (ln.value or 0) * 2}
                )
                for ln in lines
            ]
            out.decisions.append(
                Decision(
                    decision_id=f"{app_id}/d2",
                    application_id=app_id,
                    licence_id=licence,
                    decided_on=later,
                    outcome=DecisionOutcome.AMENDED,
                    line_version=2,
                    valid_until=until,
                    sensitive=sensitive,
                )
            )
        elif roll < 0.07:
            out.decisions.append(
                Decision(
                    decision_id=f"{app_id}/d2",
                    application_id=app_id,
                    licence_id=licence,
                    decided_on=later,
                    outcome=DecisionOutcome.REVOKED,
                    sensitive=sensitive,
                )
            )
            return later
        return until

    def _ship(
        self, out: Records, app_id: str, start: dt.date, end: dt.date, lines: list[LicenceLine]
    ) -> None:
        span = max((end - start).days, 1)
        for line in lines:
            for n in range(self.rng.choice((0, 1, 1, 2))):
                when = start + dt.timedelta(days=self.rng.randrange(span))
                share = line.quantity * self.rng.choice((0.25, 0.5))
                out.shipments.append(
                    Shipment(
                        shipment_id=f"{app_id}/{line.line_no}/s{n + 1}",
                        application_id=app_id,
                        line_no=line.line_no,
                        shipped_on=when,
                        quantity=share,
                        value=round(share * (line.value or 0) / line.quantity, 2),
                        customs_reference=f"MRN-{app_id}-{line.line_no}-{n + 1}",
                    )
                )


_OUTCOME_EVENT = {
    DecisionOutcome.ISSUED: EventType.LICENCE_ISSUED,
    DecisionOutcome.AMENDED: EventType.LICENCE_AMENDED,
    DecisionOutcome.REVOKED: EventType.LICENCE_REVOKED,
    DecisionOutcome.ANNULLED: EventType.LICENCE_ANNULLED,
    DecisionOutcome.SUSPENDED: EventType.LICENCE_SUSPENDED,
    DecisionOutcome.REFUSED: EventType.DECISION_TAKEN,
}


def ledger_events(records: Records) -> Iterator[NewEvent]:
    """The ledger events that writing these records stands for, one idempotency key each."""
    for app in records.applications:
        yield NewEvent(
            EventType.APPLICATION_SUBMITTED,
            f"application/{app.application_id}",
            "demo:trader",
            app.model_dump(mode="json"),
            f"submitted:{app.application_id}",
        )
    for d in records.decisions:
        payload = d.model_dump(mode="json")
        payload["expires_on"] = payload.pop("valid_until")
        yield NewEvent(
            _OUTCOME_EVENT[d.outcome],
            f"application/{d.application_id}",
            "demo:officer",
            payload,
            f"decision:{d.decision_id}",
        )
    for s in records.shipments:
        yield NewEvent(
            EventType.SHIPMENT_RECORDED,
            f"application/{s.application_id}",
            "demo:customs",
            s.model_dump(mode="json"),
            f"shipment:{s.shipment_id}",
        )
