"""What the tables of one year's report share, computed once and kept in the database."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import ibis.expr.types as ir
from ibis.util import gen_name

from torturefree.records import counting as rules
from torturefree.records.counting import Tables


@dataclass
class Scratch:
    """Temporary tables for one report, dropped when it is built.

    Kept as database tables, not Python rows: the report tables still aggregate in the
    database, they only stop recomputing the same joins.
    """

    backend: Any
    names: list[str] = field(default_factory=list)

    def keep(self, expr: ir.Table) -> ir.Table:
        if self.backend is None:
            return expr  # unbound tables: nowhere to keep them, recompute instead
        name = gen_name("report")
        self.names.append(name)
        table: ir.Table = self.backend.create_table(name, expr, temp=True)
        return table

    def drop(self) -> None:
        # Plain SQL: ibis' drop_table/Table.cache emit a DROP this DuckDB/sqlglot pair rejects.
        for name in self.names:
            self.backend.raw_sql(f'DROP TABLE IF EXISTS "{name}"')
        self.names.clear()


# What the report tables read from the kept tables; nothing else is copied.
_LINE_COLUMNS = ("application_id", "activity", "category", "entry_id", "partner")
AUTHORISED_COLUMNS = (
    "application_id",
    "activity",
    "basis",
    "category",
    "partner",
    "unit",
    "currency",
    "quantity",
    "value",
    "end_user_category",
    "end_use",
)


@dataclass
class YearData:
    """The year's received applications, counted decisions, lines concerned and lines authorised."""

    scratch: Scratch
    lines: ir.Table
    received: ir.Table
    decided: ir.Table
    authorised: ir.Table
    actual: ir.Table

    @classmethod
    def of(cls, t: Tables, year: int) -> YearData:
        scratch = Scratch(t.backend)
        keep = scratch.keep
        received = keep(rules.applications_received(t, year).select("application_id"))
        decided = rules.counted_decisions(t, year)
        decided = keep(decided.select("decision_id", "application_id", "counted_as"))
        # Only applications received or decided this year can appear in the decision
        # tables: keep their lines as applied, with partner, and nothing else.
        concerned = received.union(decided.select("application_id"))
        lines = rules.with_partner(rules.lines_as_applied(t), t.application)
        lines = keep(lines.semi_join(concerned, "application_id").select(*_LINE_COLUMNS))
        authorised = keep(rules.authorised_lines(t, year).select(*AUTHORISED_COLUMNS))
        return cls(scratch, lines, received, decided, authorised, rules.actual_lines(t, year))

    def __enter__(self) -> YearData:
        return self

    def __exit__(self, *_: object) -> None:
        self.scratch.drop()
