"""The counting rules of the annual reports, written once as Ibis expressions.

Each rule is a named function with the legal reason in its docstring and a scenario test in
tests/records/test_counting.py. The expressions are backend-neutral: DuckDB runs them here,
and the same functions can be bound to Spark tables when one machine is not enough.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any

import ibis
import ibis.expr.types as ir
import pyarrow as pa
from ibis.util import gen_name

from torturefree.records.model import DecisionOutcome, RefusalGround
from torturefree.vocabulary import Activity

ISSUED = DecisionOutcome.ISSUED.value
AMENDED = DecisionOutcome.AMENDED.value
REFUSED = DecisionOutcome.REFUSED.value
NATIONAL_BAN = RefusalGround.NATIONAL_BAN.value

# How a decision is counted in Art. 26(3) tables; column order of the reports.
COUNTED_AS = (
    "granted",
    "refused",
    "refused_national_ban",
    "amended",
    "revoked",
    "annulled",
    "suspended",
)


@dataclass(frozen=True)
class Tables:
    """The four line-level tables as Ibis expressions (any backend)."""

    application: ir.Table
    line: ir.Table
    decision: ir.Table
    shipment: ir.Table
    backend: Any = None
    # The same tables with sensitive applications already withheld (see `with_public`).
    public: Tables | None = None

    @classmethod
    def from_arrow(cls, tables: dict[str, pa.Table]) -> Tables:
        """Load the Arrow tables into an embedded DuckDB as native tables and bind to them.

        Native tables rather than Arrow scans: DuckDB pushes join filters down into scans,
        and Arrow scans do not accept all of them.
        """
        backend = ibis.duckdb.connect()
        raw = backend.con
        for name, table in tables.items():
            raw.register("incoming", table)
            raw.execute(f"CREATE TABLE {name} AS SELECT * FROM incoming")
            raw.unregister("incoming")
        pick = backend.table
        full = cls(
            pick("application"), pick("licence_line"), pick("decision"), pick("shipment"), backend
        )
        return full.with_public()

    def with_public(self) -> Tables:
        """Run `public_view` once into tables of their own, so that no report query repeats it.

        Every table of the public report would otherwise anti-join all four tables again.
        """
        if self.backend is None:
            return self
        view = public_view(self)
        parts = {"application": view.application, "line": view.line}
        parts |= {"decision": view.decision, "shipment": view.shipment}
        # Fresh names: another call on the same connection must not collide (and this ibis
        # version cannot `overwrite` a table).
        stored = {
            name: self.backend.create_table(gen_name(f"public_{name}"), expr, temp=True)
            for name, expr in parts.items()
        }
        return replace(self, public=Tables(**stored, backend=self.backend))


def public_view(t: Tables) -> Tables:
    """Drop every application the state marked sensitive (Art. 26(3); ATT Art. 13(3))."""
    hidden = t.decision.filter(t.decision.sensitive).select("application_id").distinct()

    def keep(table: ir.Table) -> ir.Table:
        return table.anti_join(hidden, "application_id")

    return Tables(keep(t.application), keep(t.line), keep(t.decision), keep(t.shipment), t.backend)


def sensitive_applications(t: Tables, year: int) -> ir.IntegerScalar:
    """How many applications with activity in the year are marked sensitive (withheld flag)."""
    active = (
        applications_received(t, year)
        .select("application_id")
        .union(decisions_in_year(t, year).select("application_id"))
        .union(shipments_in_year(t, year).select("application_id"))
    )
    hidden = t.decision.filter(t.decision.sensitive).select("application_id").distinct()
    return active.semi_join(hidden, "application_id").application_id.nunique()


def in_year(day: ir.DateValue, year: int) -> ir.BooleanValue:
    """`day` falls in the calendar year: the same as day.year() == year, spelt as a range so
    that the database can skip whole blocks of other years by their min/max dates."""
    return (day >= dt.date(year, 1, 1)) & (day < dt.date(year + 1, 1, 1))


def applications_received(t: Tables, year: int) -> ir.Table:
    """Art. 26(3) 'number of applications received': counted in the year of submission."""
    return t.application.filter(in_year(t.application.submitted_on, year))


def decisions_in_year(t: Tables, year: int) -> ir.Table:
    """Every decision is counted in the year it was taken, whatever the year of application."""
    return t.decision.filter(in_year(t.decision.decided_on, year))


def counted_decisions(t: Tables, year: int) -> ir.Table:
    """Decisions of the year with `counted_as`.

    - issued then revoked: two decisions, a grant and a revocation, each in its own year;
    - amended licence: counted as an amendment, never as a second grant;
    - refused under a national ban (Art. 14(1) / 15(4)): Art. 26(6) says it is not counted as
      a refusal, so it gets its own column instead of 'refused'.
    """
    d = decisions_in_year(t, year)
    counted_as = ibis.cases(
        (d.outcome == ISSUED, "granted"),
        ((d.outcome == REFUSED) & (d.refusal_ground == NATIONAL_BAN), "refused_national_ban"),
        else_=d.outcome,
    )
    return d.mutate(counted_as=counted_as)


def lines_as_applied(t: Tables) -> ir.Table:
    """The goods and countries an application concerns: its lines as first applied for."""
    return t.line.filter(t.line.version == 1)


def lines_in_force(t: Tables, as_of: dt.date) -> ir.Table:
    """The lines of each licence as last issued or amended on or before `as_of`.

    An amendment writes the complete new set of lines as a new version (amend by copy), so the
    latest version decided by that date is the whole licence.
    """
    d = t.decision
    granting = d.filter(d.outcome.isin([ISSUED, AMENDED]) & (d.decided_on <= as_of))
    latest = granting.group_by("application_id").aggregate(in_force=granting.line_version.max())
    joined = t.line.join(latest, "application_id")
    return joined.filter(joined.version == joined.in_force).drop("in_force")


def with_partner(lines: ir.Table, application: ir.Table) -> ir.Table:
    """Add activity and `partner`: the importing state for exports, the exporting one for imports.

    This is the ATT template's 'final importing State' / 'exporting State' column.
    """
    joined = lines.join(application.select("application_id", "activity"), "application_id")
    partner = ibis.cases(
        (joined.activity == Activity.IMPORT.value, joined.origin), else_=joined.destination
    )
    return joined.mutate(partner=partner)


def authorised_lines(t: Tables, year: int) -> ir.Table:
    """'Authorised': lines of licences granted in the year, as amended by the year's end.

    A global licence valid over two years is authorised once, in the year it was granted;
    later amendments are counted as amendments in their own year.
    """
    granted = decisions_in_year(t, year).filter(t.decision.outcome == ISSUED)
    # Only the decisions of the year's grants: the latest version is then not sought for
    # every licence ever issued, and only their lines join; the result is the same.
    mine = replace(t, decision=t.decision.semi_join(granted, "application_id"), public=None)
    lines = lines_in_force(mine, dt.date(year, 12, 31))
    return with_partner(lines, t.application).mutate(basis=ibis.literal("authorised"))


def shipments_in_year(t: Tables, year: int) -> ir.Table:
    """'Actual': what was shipped in the year, whatever year the licence was granted."""
    return t.shipment.filter(in_year(t.shipment.shipped_on, year))


def actual_lines(t: Tables, year: int) -> ir.Table:
    """Shipments of the year with the goods and partner of the line they were shipped under."""
    s = shipments_in_year(t, year).select(
        "application_id", "line_no", shipped_quantity="quantity", shipped_value="value"
    )
    # Only lines shipped under this year are looked at: the latest version of each.
    shipped = t.line.semi_join(s, ["application_id", "line_no"])
    latest = shipped.group_by("application_id", "line_no").aggregate(top=shipped.version.max())
    lines = shipped.join(latest, ["application_id", "line_no"])
    lines = lines.filter(lines.version == lines.top).drop("top", "quantity", "value")
    joined = with_partner(s.join(lines, ["application_id", "line_no"]), t.application)
    return joined.rename(quantity="shipped_quantity", value="shipped_value").mutate(
        basis=ibis.literal("actual")
    )
