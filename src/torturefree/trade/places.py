"""Country and pseudo-partner codes of trade statistics, resolved to ISO 3166 alpha-2."""

from __future__ import annotations

from dataclasses import dataclass, field

from torturefree.errors import InputError
from torturefree.risk.countries import CountryTable, load_countries
from torturefree.trade.params import CodeTable, Parameters
from torturefree.trade.schema import PartnerKind


@dataclass
class Places:
    """Look-ups cached per import: a file has millions of rows and a few hundred codes."""

    countries: CountryTable
    comtrade: CodeTable
    comext: CodeTable
    _alpha3: dict[str, str] = field(default_factory=dict)
    _m49: dict[int, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for country in self.countries.by_alpha2.values():
            self._alpha3[country.alpha3] = country.alpha2
            if country.m49 is not None:
                self._m49[country.m49] = country.alpha2
        for number, alpha2 in self.comtrade.country.items():
            self._m49[int(number)] = alpha2

    def numeric(self, number: int, iso: str | None, *, where: Where) -> tuple[str, str]:
        """A Comtrade/BACI numeric area code (with its ISO3 if the file has one)."""
        pseudo = self.comtrade.pseudo.get(number)
        if pseudo is not None:
            return pseudo.kind, pseudo.kind
        if iso:
            found = self._alpha3.get(iso.strip().upper()) or self._alpha2(iso)
            if found:
                return found, PartnerKind.COUNTRY.value
        alpha2 = self._m49.get(number)
        if alpha2 is None:
            raise where.error(f"unknown area code {number}")
        return alpha2, PartnerKind.COUNTRY.value

    def comext_code(self, code: str, *, where: Where) -> tuple[str, str]:
        code = code.strip().upper()
        pseudo = self.comext.pseudo.get(code)
        if pseudo is not None:
            return pseudo.kind, pseudo.kind
        code = str(self.comext.country.get(code, code))
        if self._alpha2(code) is None:
            raise where.error(f"unknown country code '{code}'")
        return code, PartnerKind.COUNTRY.value

    def _alpha2(self, code: str) -> str | None:
        country = self.countries.get(code)
        return country.alpha2 if country else None


@dataclass(frozen=True)
class Where:
    """Where a value was read: file, line and field, for the error that names them."""

    source: str
    line: int
    field: str

    def error(self, reason: str) -> InputError:
        return InputError(reason, field=self.field, line=self.line, source=self.source)


def load_places(parameters: Parameters) -> Places:
    p = parameters.partners
    return Places(load_countries(), p.comtrade, p.comext)
