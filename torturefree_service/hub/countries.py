"""Jurisdiction profiles as data (data/profiles) and the law a participant applies.

Country names are babel's CLDR territory names in the page's language (babel is the
localisation library the project already installs, through followthemoney), falling back to
the English name of data/countries/countries.csv.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping

from babel import Locale, UnknownLocaleError

from torturefree.lists import load_catalogue
from torturefree.lists.countries import load_countries
from torturefree.paths import data_dir
from torturefree.rules.rulebook import MEMBER_STATE_BASE, MEMBER_STATES, RuleBook, load_rulebook
from torturefree.rules.summary import Summary, summarise


def profile_ids() -> list[str]:
    """The profile ids shipped in data/profiles (EU, UN-A, UN-A+DP, UN-B, ...)."""
    return sorted(p.stem for p in (data_dir() / "profiles").glob("*.yaml"))


@functools.cache
def rulebook() -> RuleBook:
    """The release's profiles and tables, loaded once per process (about a second)."""
    return load_rulebook(load_catalogue())


@functools.cache
def _english_names() -> dict[str, str]:
    return load_countries(data_dir()).names


def country_name(code: str, language: str) -> str:
    """The state's name in `language` (CLDR), else its English name, else the code."""
    names: Mapping[str, str]
    try:
        names = Locale.parse(language.replace("-", "_")).territories
    except (UnknownLocaleError, ValueError):
        names = {}
    return str(names.get(code) or _english_names().get(code) or code)


def jurisdiction(state: str, profile: str, date: dt.date) -> str:
    """What the rules engine calls the participant: a member state of the Union under the EU
    profile is itself (EU law plus its national measures), any other the profile it applies."""
    book = rulebook()
    if profile == MEMBER_STATE_BASE:
        members = book.catalogue.law_on(date).destinations(MEMBER_STATES)
        if members.contains(state):
            return state
    return profile


def country_summary(state: str, profile: str, date: dt.date) -> Summary:
    return summarise(rulebook(), jurisdiction(state, profile, date), date)
