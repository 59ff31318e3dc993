"""Goods lines given by description: goods_v1 identifies them for the engine.

A line that names an entry keeps it (the person said what it is); a line with a description or
measured figures is classified with its code and CAS number as further evidence, against the
profile's identifying lists, and the entries found become the profile's own by correspondence.
"""

from __future__ import annotations

import datetime as dt

from torturefree.errors import InputError
from torturefree.goods.query import Classification, GoodsQuery
from torturefree.goods.scope import Classifiers
from torturefree.lists import Catalogue
from torturefree.rules.identify import Identification, Identifier
from torturefree.rules.result import Reason
from torturefree.rules.rulebook import RuleBook
from torturefree.rules.scopes import jurisdiction_classifiers
from torturefree.rules.transaction import GoodsItem
from torturefree.vocabulary import Outcome

CITATION = "Goods identification against the control lists in force on the date (data release)"


class DescriptionIdentifier:
    """The engine's hook for description-bearing goods lines (Engine.classify)."""

    def __init__(
        self, catalogue: Catalogue, rulebook: RuleBook, algorithm: str | None = None
    ) -> None:
        self.catalogue = catalogue
        self.rulebook = rulebook
        self.algorithm = algorithm  # a goods classifier version; None: goods' default
        self._classifiers: Classifiers | None = None

    def __call__(
        self, item: GoodsItem, index: int, identifier: Identifier, date: dt.date
    ) -> Identification | None:
        if item.entry or not (item.description or item.parameters):
            return None
        query = GoodsQuery(
            description=item.description,
            hs_code=item.hs_code,
            cas=item.cas,
            lang=item.lang,
            figures=dict(item.parameters),
        )
        try:
            classifier = self.classifiers().get(identifier.profile.id, date, self.algorithm)
            result = classifier.classify(query)
        except InputError as error:
            field = f"goods[{index}].{error.field or 'description'}"
            raise InputError(error.reason, field=field) from error
        return _identification(result, identifier)

    def classifiers(self) -> Classifiers:
        """Built on first use: a data tree whose transactions never describe goods needs no data/goods."""
        if self._classifiers is None:
            self._classifiers = jurisdiction_classifiers(self.catalogue, self.rulebook)
        return self._classifiers


def _identification(result: Classification, identifier: Identifier) -> Identification:
    detail = " ".join(result.explanation)
    reason = Reason(rule=f"goods.{result.classifier_version}", citation=CITATION, detail=detail)
    if result.controlled is True:
        targets = identifier.targets_of([e.id for e in result.entries])
        if targets:
            return Identification(entries=targets, reasons=[reason], identified_by="description")
        none = Reason(
            rule="identify.not_listed",
            citation=CITATION,
            detail=f"no entry of {identifier.profile.source.title} covers "
            + ", ".join(e.id for e in result.entries),
        )
        return Identification(
            reasons=[reason, none], outcome=Outcome.NOT_CONTROLLED, identified_by="description"
        )
    outcome = Outcome.NEEDS_REVIEW if result.controlled is None else Outcome.NOT_CONTROLLED
    return Identification(reasons=[reason], outcome=outcome, identified_by="description")
