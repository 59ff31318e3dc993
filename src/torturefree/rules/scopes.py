"""Goods classification per jurisdiction, scoped by the jurisdiction's profile (data/profiles)."""

from __future__ import annotations

import datetime as dt

from torturefree.goods.scope import Classifiers, Scope
from torturefree.lists import Catalogue
from torturefree.rules.rulebook import Profile, RuleBook, load_rulebook


def profile_scope(profile: Profile) -> Scope:
    """The profile's own lists answer; lists it identifies goods with lend their terms (US ← EU)."""
    instruments = tuple(profile.source.instruments)
    related = tuple(i for i in profile.identify_with if i not in instruments)
    return Scope(instruments, related)


def jurisdiction_classifiers(catalogue: Catalogue, rulebook: RuleBook | None = None) -> Classifiers:
    """Classifiers whose jurisdictions resolve through the profiles, as determinations do."""
    book = rulebook or load_rulebook(catalogue)

    def resolve(jurisdiction: str, date: dt.date) -> Scope:
        return profile_scope(book.profile(jurisdiction, date))

    return Classifiers(catalogue, resolve)
