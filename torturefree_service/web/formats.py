"""The labelling layer for figures (#20, item 6): numbers, money, dates and countries in the
reader's language, from CLDR through babel (the localisation library already installed).

Codes stay codes in the data; what a person reads goes through here (and `labels.label` for
the closed vocabularies). Country names are CLDR's territory names, falling back to the English
name of data/countries/countries.csv (the UN M49 table), then to the code itself.
"""

from __future__ import annotations

import datetime as dt
import functools
from decimal import Decimal, InvalidOperation
from typing import Any

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.numbers import format_currency, format_decimal
from django.utils.translation import get_language, to_locale

from torturefree.lists.countries import load_countries
from torturefree.paths import data_dir

FALLBACK = "en"
# English as the Union writes it ('6 December 2026'), not CLDR's US default.
REGIONS = {"en": "en_GB"}


@functools.cache
def _locale(language: str) -> Locale:
    try:
        return Locale.parse(REGIONS.get(language, to_locale(language)))
    except (UnknownLocaleError, ValueError):
        return Locale.parse(FALLBACK)


def current() -> Locale:
    """The babel locale of the language the page is being rendered in."""
    return _locale(get_language() or FALLBACK)


@functools.cache
def _english_countries() -> dict[str, str]:
    return dict(load_countries(data_dir()).names)


def country(code: object) -> str:
    """'KE' -> 'Kenya' (fr: 'Kenya', ru: 'Кения'); an unknown code is shown as it is."""
    text = str(code or "").strip().upper()
    if len(text) != 2:
        return str(code or "")
    name = current().territories.get(text) or _english_countries().get(text)
    return str(name) if name else text


def _decimal(value: object) -> Decimal | None:
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def number(value: object) -> str:
    """100.000 -> '100', 1234.5 -> '1,234.5' (fr: '1 234,5'); not a number: as it is."""
    figure = _decimal(value)
    if figure is None:
        return "" if value is None else str(value)
    exact = figure.normalize() if figure == figure.to_integral_value() else figure
    places = max(0, -int(exact.as_tuple().exponent))
    pattern = "#,##0" + ("." + "#" * places if places else "")
    return str(format_decimal(exact, format=pattern, locale=current()))


def money(value: object, currency: str = "") -> str:
    """1200 EUR -> '€1,200.00' (fr: '1 200,00 €')."""
    figure = _decimal(value)
    if figure is None:
        return "" if value is None else str(value)
    if not currency:
        return number(figure)
    return str(format_currency(figure, currency.upper(), locale=current()))


def day(value: Any, style: str = "long") -> str:
    """A date as people write it: '6 December 2026' (fr: '6 décembre 2026')."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value[:10])
        except ValueError:
            return str(value)
    if isinstance(value, dt.datetime):
        value = value.date()
    return str(format_date(value, format=style, locale=current()))
