"""determine(transaction) -> Determination: the outcome under a jurisdiction's law on a date, and why."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from torturefree.errors import InputError
from torturefree.lists import Catalogue, ListSnapshot, SnapshotEntry, load_catalogue
from torturefree.lists.countries import Countries, load_countries
from torturefree.rules.describe import DescriptionIdentifier
from torturefree.rules.identify import Identification, Identifier
from torturefree.rules.model import Clause, Table
from torturefree.rules.predicates import PREDICATES, Context
from torturefree.rules.result import Determination, GoodsResult, Reason
from torturefree.rules.rulebook import Profile, RuleBook, load_rulebook
from torturefree.rules.transaction import GoodsItem, Transaction, parse_transaction
from torturefree.vocabulary import Outcome

# A description-aware classifier (torturefree.goods) may take over identification of items.
Classify = Callable[[GoodsItem, int, Identifier, dt.date], Identification | None]


class Engine:
    """One data release, ready to answer many determinations quickly."""

    def __init__(
        self,
        catalogue: Catalogue | None = None,
        *,
        today: Callable[[], dt.date] = dt.date.today,
        describe: bool = True,
        goods_algorithm: str | None = None,
    ) -> None:
        self.catalogue = catalogue or load_catalogue()
        self.rulebook: RuleBook = load_rulebook(self.catalogue)
        self.countries: Countries = load_countries(self.catalogue.root)
        self.classify: Classify | None = (
            DescriptionIdentifier(self.catalogue, self.rulebook, goods_algorithm)
            if describe
            else None
        )
        self._today = today
        self._identifiers: dict[tuple[str, int], Identifier] = {}

    def determine(self, data: dict[str, Any] | Transaction) -> Determination:
        transaction = data if isinstance(data, Transaction) else parse_transaction(data)
        self._check_countries(transaction)
        date = transaction.date or self._today()
        profile = self.rulebook.profile(transaction.jurisdiction, date)
        oldest = self.catalogue.earliest(profile.identify_with + profile.source.instruments)
        if date < oldest:
            raise InputError(
                f"{date} is before the oldest list in the data ({oldest})", field="date"
            )
        snapshot = self.catalogue.law_on(date)
        identifier = self._identifier(profile, date, snapshot)
        goods = [
            self._goods(item, index, transaction, profile, date, snapshot, identifier)
            for index, item in enumerate(transaction.goods)
        ]
        outcome = Outcome.most_restrictive(g.outcome for g in goods)
        return Determination(
            outcome=outcome,
            jurisdiction=transaction.jurisdiction,
            date=date,
            activity=transaction.activity,
            goods=goods,
            reasons=_deciding_reasons(goods, outcome),
            data_release=self.catalogue.release,
            id=transaction.id,
        )

    def _identifier(self, profile: Profile, date: dt.date, snapshot: ListSnapshot) -> Identifier:
        # Indexes depend only on the law's period, not the day: one per profile and period.
        key = (profile.id, self.catalogue.period(date))
        identifier = self._identifiers.get(key)
        if identifier is None:
            identifier = self._identifiers[key] = Identifier(self.catalogue, snapshot, profile)
        return identifier

    def _check_countries(self, transaction: Transaction) -> None:
        fields = {"origin": transaction.origin, "destination": transaction.destination}
        fields.update(
            {f"transit_countries[{i}]": c for i, c in enumerate(transaction.transit_countries)}
        )
        for name, party in (("end_user", transaction.end_user), ("exporter", transaction.exporter)):
            if party is not None:
                fields[f"{name}.country"] = party.country
        for name, code in fields.items():
            if code is not None and not self.countries.known(code):
                raise InputError(f"unknown country code '{code}'", field=name)

    def _goods(
        self,
        item: GoodsItem,
        index: int,
        transaction: Transaction,
        profile: Profile,
        date: dt.date,
        snapshot: ListSnapshot,
        identifier: Identifier,
    ) -> GoodsResult:
        found = self.classify(item, index, identifier, date) if self.classify else None
        if found is None:
            found = identifier.identify(item, index, date)
        outcomes, reasons = [], list(found.reasons)
        if found.outcome is not None:
            outcomes.append(found.outcome)
        for entry in found.entries:
            outcome, reason = self._decide(entry, transaction, profile, date, snapshot)
            outcomes.append(outcome)
            reasons.append(reason)
        return GoodsResult(
            index=index,
            outcome=Outcome.most_restrictive(outcomes),
            entries=[e.reference() for e in found.entries],
            reasons=reasons,
            identified_by=found.identified_by,
        )

    def _decide(
        self,
        entry: SnapshotEntry,
        transaction: Transaction,
        profile: Profile,
        date: dt.date,
        snapshot: ListSnapshot,
    ) -> tuple[Outcome, Reason]:
        table = self.rulebook.table(profile, entry, transaction.activity, date)
        if table is None:
            detail = (
                f"no rule of {profile.source.title} decides {transaction.activity.value} of "
                f"{entry.id} on {date}; a person must decide"
            )
            return Outcome.NEEDS_REVIEW, Reason(
                "rules.no_table", profile.source.citation.title, detail
            )
        context = Context(transaction, snapshot, entry, profile.options)
        clause, facts = _first_clause(table, context)
        return clause.outcome, _reason(clause, table, entry, transaction, facts, profile)


def _first_clause(table: Table, context: Context) -> tuple[Clause, dict[str, Any]]:
    for clause in table.clauses:
        facts: dict[str, Any] = {}
        for name, argument in clause.when.items():
            held, used = PREDICATES[name](argument, context)
            facts.update(used)
            if not held:
                break
        else:
            return clause, facts
    raise AssertionError(f"table {table.id} has no default clause")  # the loader forbids this


def _reason(
    clause: Clause,
    table: Table,
    entry: SnapshotEntry,
    transaction: Transaction,
    facts: dict[str, Any],
    profile: Profile,
) -> Reason:
    version = entry.version
    detail = clause.detail.format_map(
        {
            "entry": entry.id,
            "title": version.title,
            "annex": version.annex,
            "item": version.item,
            "activity": transaction.activity.value,
            "destination": transaction.destination or "the destination",
            "jurisdiction": profile.id,
        }
    )
    return Reason(
        rule=f"{table.id}.{clause.id}",
        citation=clause.citation.title,
        href=clause.citation.href,
        detail=detail,
        facts=facts,
        binding=profile.source.binding,
        verified=clause.citation.verified and version.verified,
    )


def _deciding_reasons(goods: list[GoodsResult], outcome: Outcome) -> list[Reason]:
    """The reasons of the goods that set the overall outcome, each once."""
    seen: dict[tuple[str, str], Reason] = {}
    for result in goods:
        if result.outcome is outcome:
            for reason in result.reasons:
                seen.setdefault((reason.rule, reason.detail), reason)
    return list(seen.values())
